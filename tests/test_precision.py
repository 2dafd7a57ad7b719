from decimal import Decimal

import pytest

from mathcore.post.precision import Precision, round_half_up, shown_text

PLACES_4 = Precision("places", 4)
SIG_3 = Precision("significant", 3)


@pytest.mark.parametrize(
    "value, precision, expected",
    [
        ("0.02035", SIG_3, "0.0204"),  # a tie, rounded up as by hand
        ("-0.02035", SIG_3, "-0.0204"),  # ties go away from zero on either side
        ("0.020349", SIG_3, "0.0203"),
        ("0.5225", Precision("places", 3), "0.523"),
        ("2.5", Precision("places", 0), "3"),
        ("0.0999", Precision("significant", 2), "0.10"),  # the carry adds a figure
        ("0.2057", PLACES_4, "0.2057"),
        ("0.04231249", Precision("significant", 4), "0.04231"),
        ("123.45", SIG_3, "123"),
    ],
)
def test_round_half_up_matches_hand_rounding(value: str, precision: Precision, expected: str) -> None:
    assert round_half_up(Decimal(value), precision) == Decimal(expected)
    assert str(round_half_up(Decimal(value), precision)) == expected


def test_float_round_is_not_hand_rounding() -> None:
    # Why the displayed chain computes in Decimal: the float 0.5225 is
    # 0.52249999…, and round() sends ties to even.
    assert round(0.5225, 3) == 0.522
    assert round(2.5) == 2
    assert round_half_up(Decimal("0.5225"), Precision("places", 3)) == Decimal("0.523")


@pytest.mark.parametrize(
    "value, precision, text",
    [
        ("0.2100", PLACES_4, "0.21"),
        ("0.0510", SIG_3, "0.0510"),
        ("-0.0000", PLACES_4, "0"),
        ("0.5", Precision("places", 3), "0.5"),
    ],
)
def test_shown_text(value: str, precision: Precision, text: str) -> None:
    assert shown_text(Decimal(value), precision) == text
