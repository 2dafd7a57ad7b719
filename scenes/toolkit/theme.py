"""The series' look in one place: colours, fonts, sizes, number formats.

Colours follow what viewers of 3Blue1Brown already know: positive weights
blue, negative red, the weighted sum z green, the loss red, the target
yellow. Gradients flowing backward are orange so they never read as a loss.
"""

from __future__ import annotations

import math
import sys
from decimal import Decimal

import manimpango
from manim import ManimColor

from mathcore import DISPLAY_PRECISION, Precision, shown_text

from .fonts import FONT_FILES

FONT = "NanumSquare"

# The palette: hues named by how they look. Scenes use the roles below, never these.
_BLUE = ManimColor("#58C4DD")
_RED = ManimColor("#FC6255")
_GREEN = ManimColor("#83C167")
_VIOLET = ManimColor("#C9A0FF")
_ORANGE = ManimColor("#FF9F43")
_YELLOW = ManimColor("#FFD84D")
_PINK = ManimColor("#FF7EB6")
_TEAL = ManimColor("#5CD0B3")
_TAN = ManimColor("#D2A679")
_WHITE = ManimColor("#FFFFFF")

# Neutrals: text and the stage, which mean nothing by their colour.
BACKGROUND = ManimColor("#111318")
TEXT = ManimColor("#ECECEC")
MUTED = ManimColor("#9AA0A6")
INPUT = ManimColor("#BBBBBB")
OUTPUT = ManimColor("#F0F0F0")
NEUTRAL = (TEXT, MUTED, INPUT, OUTPUT, _WHITE)  # no meaning of their own: words, labels, inputs

# Roles: what a colour says, one meaning per colour across the whole series
# (tests/test_glance_rules.py): a viewer who learnt that orange is a gradient
# in the worked example reads orange the same way in ResNet. The worked
# example's hues are the strongest; the lineage's and the experiments' are
# paler or shifted hues, distinct from them and from each other.
POSITIVE = _BLUE  # a positive value: weight, map cell
NEGATIVE = _RED  # a negative value
Z = _GREEN  # the weighted sum z
ACTIVATION = _VIOLET  # an activation a = σ(z), σ′, an activation function (ReLU, sigmoid)
GRADIENT = _ORANGE  # a gradient ∂L/∂·, flowing backward
TARGET = _YELLOW  # the right answer: y₁, a digit's label
LOSS = _PINK  # how wrong: the error y − ŷ and the loss L
FOCUS = _WHITE  # "look here": a window, a cell, a row, a result just computed
ETA = _TEAL  # the learning rate η and the step it scales
CONV = ManimColor("#7C8CFF")  # a convolution layer or a CNN: periwinkle
DENSE = _TAN  # a dense layer or an MLP
PARAMS = ManimColor("#A9E4FF")  # a count of parameters: pale sky
MACS = ManimColor("#E8B4FF")  # a count of multiply-accumulates: pale orchid
DEPTH = ManimColor("#C9C18F")  # a number of layers: khaki
ACCURACY = ManimColor("#B7E36A")  # an accuracy on held-out digits: lime
EXACT = ManimColor("#8FE3C8")  # an exact value, beside a rounded one: mint
SKIP = ManimColor("#FFE9A6")  # a skip connection: pale gold
SLIP = ManimColor("#FF9A8A")  # a rounding slip: salmon
PAIR_A = ManimColor("#4FA3E0")  # the first of two things followed through a change: steel blue
PAIR_B = ManimColor("#E0734F")  # the second: rust
HOLDS = ManimColor("#5FD38D")  # a claim the measurement supports: emerald
FAILS = ManimColor("#E85A7A")  # a claim it does not: raspberry

LEGEND: dict[str, str] = {
    "POSITIVE": "a positive value: weight, map cell",
    "NEGATIVE": "a negative value",
    "Z": "the weighted sum z",
    "ACTIVATION": "an activation a = σ(z), and σ′",
    "GRADIENT": "a gradient ∂L/∂·",
    "TARGET": "the right answer: y₁, a digit's label",
    "LOSS": "how wrong: the error y − ŷ and the loss L",
    "FOCUS": "look here: a window, a cell, a row, a result just computed",
    "ETA": "the learning rate η and the step it scales",
    "CONV": "a convolution layer, a CNN",
    "DENSE": "a dense layer, an MLP",
    "PARAMS": "a count of parameters",
    "MACS": "a count of multiply-accumulates",
    "DEPTH": "a number of layers",
    "ACCURACY": "an accuracy on held-out digits",
    "EXACT": "an exact value, beside a rounded one",
    "SKIP": "a skip connection",
    "SLIP": "a rounding slip",
    "PAIR_A": "the first of two things followed through a change",
    "PAIR_B": "the second of them",
    "HOLDS": "a claim the measurement supports",
    "FAILS": "a claim the measurement does not support",
}

# One type scale; a scene picks a role, never a number.
HERO_SIZE = 120  # one number that is the whole point of a frame
BIG_SIZE = 60  # a headline number
TITLE_SIZE = 44
HEADING_SIZE = 36
MATH_SIZE = 34
BODY_SIZE = 30
CAPTION_SIZE = BODY_SIZE  # captions are read, never small print
LABEL_SIZE = 26
SMALL_SIZE = 22
AXIS_SIZE = 20  # a chart's ticks and axis names
NOTE_SIZE = 16



def register_fonts() -> None:
    """Load the bundled Korean font so Pango finds it with no system font.

    Idempotent; Pango silently draws boxes for Hangul if this is skipped.
    """
    for path in FONT_FILES:
        sys.audit("explainer.file", str(path))  # Pango reads it in C, where no open() is seen
        if not manimpango.register_font(str(path)):
            raise RuntimeError(f"could not register the font {path}")


def weight_colour(value: Decimal | float) -> ManimColor:
    """Blue for a positive (or zero) weight, red for a negative one."""
    return POSITIVE if value >= 0 else NEGATIVE


# How every number on screen is written: the worked example's precisions
# (mathcore's, chosen to redo the post's hand calculation), then the rest.
NUMBER_FORMATS: dict[str, Precision] = {
    **DISPLAY_PRECISION,
    "cell": Precision("places", 2),  # a pixel, a filter weight, a map value: 0.7, 2.2, 0
    "slope": Precision("places", 4),  # a derivative's bound: σ′ ≤ 0.25; a learning rate
    "train_loss": Precision("places", 2),  # a training loss on a curve's label: 0.06
    "tiny": Precision("significant", 2),  # a number far from 1, in powers of ten: 6.4 × 10⁻⁸
    "ratio": Precision("places", 1),  # how many times more: 10.5×
    "percent": Precision("places", 1),  # 98.3%
    "whole_percent": Precision("places", 0),  # a rough share: 85%
    "points": Precision("places", 1),  # a change of a percentage, in points: −6.5
    "power": Precision("significant", 3),  # a product of slopes: 0.25⁸ = 0.0000153
}
MINUS = "\u2212"  # a true minus sign: a hyphen is shorter and sits lower


def fmt(value: Decimal | float, quantity: str) -> str:
    """A number as the screen shows it, at its quantity's precision in
    ``NUMBER_FORMATS``, with a true minus: fmt(-0.31416, "gradient") → "−0.314"."""
    if quantity not in NUMBER_FORMATS:
        raise KeyError(f"no number format for {quantity!r}; known: {', '.join(NUMBER_FORMATS)}")
    return shown_text(Decimal(repr(float(value)) if isinstance(value, float) else str(value)), NUMBER_FORMATS[quantity]).replace("-", MINUS)


def fmt_all(values: list[float], quantity: str) -> list[str]:
    """Numbers read together (a grid, a column) with one number of decimals,
    as many as the most precise needs: [2, 2.1, -0.25] → 2.00, 2.10, −0.25."""
    shown = [fmt(v, quantity) for v in values]
    places = max((len(s.partition(".")[2]) for s in shown), default=0)
    return [_with_places(s, places) for s in shown]


def _with_places(shown: str, places: int) -> str:
    """A formatted number padded with zeros to ``places`` decimals: 2.1 → 2.10."""
    return f"{Decimal(shown.replace(MINUS, '-')):.{places}f}".replace("-", MINUS)


def fmt_int(value: int) -> str:
    """A count with thousands separators and a true minus: 61,100,840."""
    return f"{value:,}".replace("-", MINUS)


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


def fmt_fixed(value: float, quantity: str) -> str:
    """``fmt`` keeping every decimal of its quantity, zeros too: a percentage
    reads 95.0%, not 95%, beside 98.3%."""
    return _with_places(fmt(value, quantity), NUMBER_FORMATS[quantity].digits)


def fmt_percent(share: float, quantity: str = "percent") -> str:
    """A share in 0–1 as a percentage: 0.983 → 98.3%. A share that is not
    1 (or 0) never reads 100% (or 0%): 0.99996 → >99.9%, 0.00004 → <0.1%."""
    places = NUMBER_FORMATS[quantity].digits
    shown = fmt_fixed(100 * share, quantity)
    step = 10.0**-places
    if 0 < share < 1 and float(shown) >= 100:
        return f">{100 - step:.{places}f}%"
    if 0 < share < 1 and float(shown) <= 0:
        return f"<{step:.{places}f}%"
    return f"{shown}%"


def fmt_points(change: float) -> str:
    """A change of a share in percentage points, always signed: −6.5, +0.3."""
    shown = fmt_fixed(100 * change, "points")
    return shown if shown.startswith(MINUS) else f"+{shown}"


def power_of_ten(value: float) -> tuple[str, int]:
    """``value`` as a mantissa at the "tiny" precision and a power of ten:
    6.44e-08 → ("6.4", −8); 3.55e-13 → ("3.6", −13)."""
    if value == 0:
        return "0", 0
    exponent = math.floor(math.log10(abs(value)))
    mantissa = fmt(value / 10**exponent, "tiny")
    if mantissa.lstrip(MINUS).startswith("10"):  # 9.96 rounds up to 10: carry it
        return fmt(value / 10 ** (exponent + 1), "tiny"), exponent + 1
    return mantissa, exponent


def fmt_sci(value: float) -> str:
    """A number far from 1 in Typst, as a person writes it: 6.4 times 10^(−8)
    (plain when the power is 0)."""
    mantissa, exponent = power_of_ten(value)
    return mantissa if exponent == 0 else f"{mantissa} times 10^({fmt_int(exponent)})"
