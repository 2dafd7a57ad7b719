"""How many digits each quantity of the worked example is shown with, and
rounding the way people round by hand.

This table is the single place that decides displayed precision: the
displayed chain rounds with it before reusing a value, and the scenes format
with it, so whatever a viewer reads on screen is what the next step used.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal


@dataclass(frozen=True)
class Precision:
    """Round to ``digits`` decimal places (``kind="places"``) or to ``digits``
    significant figures (``kind="significant"``)."""

    kind: Literal["places", "significant"]
    digits: int

    def exponent(self, value: Decimal) -> int:
        """The power of ten of the last kept digit of ``value``."""
        if self.kind == "places" or value.is_zero():
            return -self.digits
        return value.adjusted() - (self.digits - 1)


def round_half_up(value: Decimal, precision: Precision) -> Decimal:
    """Round a tie away from zero, as by hand: 0.02035 → 0.0204, −0.02035 → −0.0204.

    Python's float ``round()`` rounds ties to even and sees 0.02035 as
    0.020349999…, so it would give 0.0203.
    """
    rounded = value.quantize(Decimal(1).scaleb(precision.exponent(value)), rounding=ROUND_HALF_UP)
    # 0.0999 to 2 significant figures is 0.10, which now has one figure too many.
    return rounded.quantize(Decimal(1).scaleb(precision.exponent(rounded)), rounding=ROUND_HALF_UP)


def shown_text(value: Decimal, precision: Precision) -> str:
    """The text a viewer reads: places drop trailing zeros (0.21, not 0.2100);
    significant figures keep them (−0.0510 has three)."""
    rounded = round_half_up(value, precision)
    if precision.kind == "places":
        rounded = rounded.normalize()
    text = f"{rounded:f}"
    return "0" if text in ("-0", "0") else text


# Chosen so the displayed chain redoes the post's hand calculation.
DISPLAY_PRECISION: dict[str, Precision] = {
    "input": Precision("places", 4),  # x, y, η and the initial weights
    "product": Precision("places", 4),  # one term of a weighted sum, e.g. w1·x1
    "z": Precision("places", 4),
    "a": Precision("places", 3),  # the post: a1 = 0.552
    "y_hat": Precision("places", 4),  # ŷ = 0.4943
    "error": Precision("places", 4),  # y − ŷ = 0.2057
    "loss": Precision("significant", 4),  # L ≈ 0.04231
    "dL_dy_hat": Precision("places", 4),  # −2(y − ŷ) = −0.4114
    "sigmoid_prime": Precision("places", 4),  # a(1 − a) = 0.2473
    "delta": Precision("significant", 3),  # δ1 = ∂L/∂z1 = −0.0407
    "gradient": Precision("significant", 3),  # −0.227, −0.0204
    "step": Precision("significant", 3),  # η·∂L/∂w = −0.00204
    "weight": Precision("places", 3),  # w1' = 0.302
}
