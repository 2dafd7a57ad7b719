"""The series' look in one place: colours, fonts, sizes, number formats.

Colours follow what viewers of 3Blue1Brown already know: positive weights
blue, negative red, the weighted sum z green, the loss red, the target
yellow. Gradients flowing backward are orange so they never read as a loss.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import manimpango
from manim import ManimColor

from mathcore import DISPLAY_PRECISION, Precision, shown_text

ASSETS = Path(__file__).resolve().parents[2] / "assets"
FONT_FILES = (ASSETS / "fonts" / "NanumSquareR.ttf", ASSETS / "fonts" / "NanumSquareB.ttf")
FONT = "NanumSquare"

BACKGROUND = ManimColor("#111318")
TEXT = ManimColor("#ECECEC")
MUTED = ManimColor("#9AA0A6")
POSITIVE = ManimColor("#58C4DD")  # blue
NEGATIVE = ManimColor("#FC6255")  # red
Z = ManimColor("#83C167")  # green
ACTIVATION = ManimColor("#C9A0FF")  # violet: a = σ(z)
OUTPUT = ManimColor("#F0F0F0")
LOSS = ManimColor("#FC6255")
TARGET = ManimColor("#FFD84D")  # yellow
GRADIENT = ManimColor("#FF9F43")  # orange
INPUT = ManimColor("#BBBBBB")  # grey

TITLE_SIZE = 44
BODY_SIZE = 30
CAPTION_SIZE = BODY_SIZE  # captions are read, never small print
MATH_SIZE = 34
SMALL_SIZE = 22

CAPTION_BOTTOM = -3.72  # a caption's last line sits here; two lines reach up to about -2.9
CAPTION_LINE_GAP = 0.14


def register_fonts() -> None:
    """Load the bundled Korean font so Pango finds it with no system font.

    Idempotent; Pango silently draws boxes for Hangul if this is skipped.
    """
    for path in FONT_FILES:
        if not manimpango.register_font(str(path)):
            raise RuntimeError(f"could not register the font {path}")


def weight_colour(value: Decimal | float) -> ManimColor:
    """Blue for a positive (or zero) weight, red for a negative one."""
    return POSITIVE if value >= 0 else NEGATIVE


def fmt(value: Decimal | float, quantity: str) -> str:
    """A number as the screen shows it, at mathcore's displayed precision."""
    return shown_text(Decimal(str(value)), DISPLAY_PRECISION[quantity])


def fmt_int(value: int) -> str:
    """A count with thousands separators: 61,100,840."""
    return f"{value:,}"


SI_PREFIXES = ((10**9, "G"), (10**6, "M"), (10**3, "k"))


def fmt_si(value: float) -> str:
    """A count to three significant figures with an SI prefix, as the series
    writes parameters and MACs: 61,706 → 61.7k, 138,357,544 → 138M,
    1,498,376,192 → 1.5G, 999,999 → 1M; under a thousand as it is: 152."""
    rounded = float(f"{value:.3g}")
    for scale, prefix in SI_PREFIXES:
        if abs(rounded) >= scale:
            return f"{rounded / scale:.3g}{prefix}"
    return f"{rounded:.3g}"


def fmt_percent(share: float, places: int = 1) -> str:
    """A share in 0–1 as a percentage: 0.983 → 98.3%. A share that is not
    1 (or 0) never reads 100% (or 0%): 0.99996 → >99.9%, 0.00004 → <0.1%."""
    shown = f"{100 * share:.{places}f}"
    step = 10.0**-places
    if 0 < share < 1 and float(shown) >= 100:
        return f">{100 - step:.{places}f}%"
    if 0 < share < 1 and float(shown) <= 0:
        return f"<{step:.{places}f}%"
    return f"{shown}%"


def fmt_points(change: float, places: int = 1) -> str:
    """A change of a share in percentage points, signed with a true minus: −6.5."""
    return f"{100 * change:+.{places}f}".replace("-", "−")


def fmt_places(value: float, places: int = 2) -> str:
    """A map value with at most ``places`` decimals and no trailing zeros:
    the crop's 0.7 and 0, a feature map's 2.2."""
    return shown_text(Decimal(repr(float(value))), Precision("places", places))
