"""The audit of the post: complete, honest about every difference, and in sync
with docs/blog-numbers.md."""

import re

from conftest import REPO

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
