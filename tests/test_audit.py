"""The audit of the post: complete, honest about every difference, and in sync
with docs/blog-numbers.md."""

import math
import re
from decimal import ROUND_HALF_UP, Decimal

from conftest import REPO
from test_worked_example import hand_exact

from mathcore import PRINTED_NUMBERS, TEXT_SLIPS, audit, audit_markdown


def worked_part(post: str) -> str:
    return post[post.index("#### 가중합 계산") :]


def test_every_decimal_the_post_prints_has_a_row(post_text: str) -> None:
    printed = {row.printed for row in PRINTED_NUMBERS}
    # In e^{-0.21} the minus belongs to −z; the number printed is z = 0.21.
    in_post = re.findall(r"(?<!e\^\{)-?\d+\.\d+", worked_part(post_text))
    assert in_post, "the post's worked example was not found"
    missing = sorted(set(in_post) - printed)
    assert not missing, f"printed in the post but not audited: {missing}"


def test_every_row_quotes_the_post(post_text: str) -> None:
    body = worked_part(post_text)
    for row in PRINTED_NUMBERS:
        assert row.printed in body, row
    for slip in TEXT_SLIPS:
        assert slip.printed in body, slip


def test_each_printed_number_is_reproduced_or_explained() -> None:
    for line in audit():
        row = line.row
        if line.verdict == "differs":
            assert row.cause in ("arithmetic slip", "typo"), row
            assert row.note, row
        if not line.exact_matches:
            assert row.cause is not None and row.note, f"{row.key} {row.printed}: differs from exact without a reason"
        if line.exact_matches and line.verdict == "reproduced":
            assert row.cause is None and not row.note, f"{row.key} {row.printed}: a reason for no difference"


def test_the_known_differences() -> None:
    # Worked by hand (see the notes): exact arithmetic prints these differently.
    differs_from_exact = {(ln.row.key, ln.row.printed, str(ln.exact)) for ln in audit() if not ln.exact_matches}
    assert differs_from_exact == {
        ("y_hat", "0.4943", "0.4946"),
        ("error", "0.2057", "0.2054"),
        ("loss", "0.04231", "0.04219"),
        ("dL_dw1", "-0.0204", "-0.0203"),
        ("dL_dw2", "-0.0255", "-0.0254"),
        ("w6_new", "0.523", "0.522"),
        ("y_hat_new", "0.5199", "0.5198"),
    }
    assert [ln.row.key for ln in audit() if ln.verdict == "differs"] == ["y_hat_new"]


def test_text_slips_are_complete() -> None:
    assert {s.printed for s in TEXT_SLIPS} >= {"a_2 = Sigmoid(z_1)"}
    assert all(s.note and s.should_be != s.printed for s in TEXT_SLIPS)


def test_docs_are_generated_from_the_audit() -> None:
    on_disk = (REPO / "docs" / "blog-numbers.md").read_text(encoding="utf-8")
    assert on_disk == audit_markdown(), "docs/blog-numbers.md is stale: run `make docs`"


def hand_note_values() -> dict[str, dict[str, Decimal | float]]:
    """Every number the audit's notes type, worked by hand from the post's 2-2-1
    example, independently of mathcore: floats for exact arithmetic, Decimals for
    the post's hand calculation with its printed (rounded) operands. Keyed by
    the note, then by the number as typed (with its sign)."""
    exact = hand_exact()
    sigma = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    z1, z2 = 0.3 * 0.5 + 0.2 * 0.3, 0.2 * 0.5 + 0.3 * 0.3
    D = Decimal
    # The post's hand chain: activations to 3 places, ŷ to 4, then reused as printed.
    a1, a2 = D("0.552"), D("0.547")
    y_hat = D("0.4") * a1 + D("0.5") * a2
    dL_dy_hat = -2 * (D("0.7") - y_hat)
    # σ' = a(1 − a), written to 4 places (0.2473, 0.2478) before it is multiplied.
    d1 = dL_dy_hat * D("0.4") * (a1 * (1 - a1)).quantize(D("0.0001"))
    d2 = dL_dy_hat * D("0.5") * (a2 * (1 - a2)).quantize(D("0.0001"))
    w6_hand = D("0.5") - D("0.1") * D("-0.225")
    # ŷ' from the printed new weights (w1' w3' into a1, w2' w4' into a2), activations to 3 places.
    a1_new = D(repr(sigma(0.302 * 0.5 + 0.201 * 0.3))).quantize(D("0.001"))
    a2_new = D(repr(sigma(0.203 * 0.5 + 0.302 * 0.3))).quantize(D("0.001"))
    y_hat = {
        "0.552": sigma(z1), "0.547": sigma(z2), "0.4": 0.4, "0.5": 0.5, "0.4943": y_hat,
        "0.21": z1, "0.552308": sigma(z1), "0.19": z2, "0.547358": sigma(z2), "0.494602": exact["y_hat"],
    }
    carries = {"0.4943": y_hat["0.4943"], "0.494602": exact["y_hat"]}
    return {
        "y_hat": y_hat,
        "error": {**carries, "0.205398": 0.7 - exact["y_hat"]},
        "loss": {**carries, "0.205398": 0.7 - exact["y_hat"], "0.2057": D("0.7") - D("0.4943"), "0.04231": D("0.2057") ** 2, "0.042188": exact["loss"]},
        "dL_dw1": {
            "−0.4114": dL_dy_hat, "0.4": 0.4, "0.2473": a1 * (1 - a1), "−0.040696": d1, "−0.0407": d1,
            "0.5": 0.5, "−0.02035": D("-0.0407") * D("0.5"), "−0.0204": D("-0.0407") * D("0.5"),
            "−0.020315": exact["dL_dw1"], "−0.0203": exact["dL_dw1"],
        },
        "dL_dw2": {
            "−0.4114": dL_dy_hat, "0.5": 0.5, "0.2478": a2 * (1 - a2), "−0.0510": d2,
            "−0.0255": D("-0.0510") * D("0.5"), "−0.025444": exact["dL_dw2"], "−0.0254": exact["dL_dw2"],
        },
        "w6_new": {
            "0.5": 0.5, "0.1": 0.1, "−0.225": -2 * (D("0.7") - D("0.4943")) * D("0.547"), "0.5225": w6_hand, "0.523": w6_hand,
            "−0.224852": exact["dL_dw6"], "0.522485": exact["w6_new"], "0.522": exact["w6_new"],
        },
        "y_hat_new": {
            "0.519809": exact["y_hat_new"], "0.5198": exact["y_hat_new"], "0.5205": D("0.423") * a1_new + D("0.523") * a2_new,
            "0.5199": 0.423 * sigma(z1) + 0.523 * sigma(z2), "0.519894": 0.423 * sigma(z1) + 0.523 * sigma(z2),
            "0.423": 0.4 - 0.1 * -0.227, "0.523": w6_hand, "0.21": z1, "0.19": z2,
        },
        "a_2 = Sigmoid(z_1)": {"0.19": z2},
        r"= 0.3 - (-0.0204) \approx 0.302": {
            "0.3": 0.3, "0.1": 0.1, "−0.0204": -0.0204, "0.30204": 0.3 - 0.1 * -0.0204, "0.302": 0.3 - 0.1 * -0.0204,
            "0.3204": 0.3 - -0.0204,
        },
    }


def typed_numbers(text: str) -> list[str]:
    """The decimals a note types, with a minus sign (− or -) written against them."""
    return re.findall(r"[−-]?\d+\.\d+", text)


def notes() -> list[tuple[str, str]]:
    """(key, text) of every note: a row's note by its value's key, a slip's by what it quotes."""
    rows = [(row.key, row.note) for row in PRINTED_NUMBERS if row.note]
    return rows + [(slip.printed, f"{slip.should_be} {slip.note}") for slip in TEXT_SLIPS]


def test_every_number_typed_in_a_note_is_worked_by_hand() -> None:
    hand = hand_note_values()
    checked = set()
    for key, text in notes():
        for typed in typed_numbers(text):
            assert typed in hand.get(key, {}), f"note of {key}: {typed} has no hand derivation in this test"
            value = hand[key][typed]
            number = value if isinstance(value, Decimal) else Decimal(repr(value))
            places = Decimal(typed.replace("−", "-"))
            assert number.quantize(places, rounding=ROUND_HALF_UP) == places, f"note of {key}: typed {typed}, by hand {value}"
            checked.add(typed)
    # The notes the post's differences rest on are there to be checked.
    assert {"0.552308", "0.494602", "0.519894", "−0.020315", "0.522485"} <= checked
