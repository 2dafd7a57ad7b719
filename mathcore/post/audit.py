"""The post audited: every number its worked example prints, checked against
both chains, and the textual slips found in its formulas.

The rows are data (what the post prints, where, and why it may differ); the
verdicts are computed, so a change to mathcore that breaks a reproduction
shows up as a changed verdict, not as a stale claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .precision import Precision, round_half_up
from .worked_example import worked_example

Cause = Literal["rounded intermediate", "arithmetic slip", "typo"]


@dataclass(frozen=True)
class PrintedNumber:
    """One number as the post prints it.

    key:   the value's name in ``WorkedExample.values()``.
    where: the post's section, and the expression the number stands in.
    cause: why the printed number differs from exact float64 arithmetic, or
           None where it does not.
    note:  the explanation, for every row that differs from either chain.
    """

    key: str
    printed: str
    where: str
    cause: Cause | None = None
    note: str = ""


@dataclass(frozen=True)
class TextSlip:
    """A slip in the post's text or formulas that is not a number.

    printed: the post's source text, quoted exactly (LaTeX included).
    """

    where: str
    printed: str
    should_be: str
    cause: Cause
    note: str


@dataclass(frozen=True)
class AuditLine:
    """A printed number with each chain's value at the printed precision."""

    row: PrintedNumber
    exact: Decimal
    displayed: Decimal

    @property
    def printed(self) -> Decimal:
        return Decimal(self.row.printed)

    @property
    def verdict(self) -> Literal["reproduced", "differs"]:
        """Whether the displayed chain, rounded as printed, gives the printed text."""
        return "reproduced" if self.displayed == self.printed else "differs"

    @property
    def exact_matches(self) -> bool:
        return self.exact == self.printed


_ACT = "활성화 함수 계산"
_OUT = "결과"
_LOSS = "오차 계산"
_BACK = "역전파"
_UPD = "파라미터 업데이트"
_NEW = "업데이트된 가중치로 새로운 예측값 계산"

_Y_HAT_NOTE = (
    "The post multiplies the activations rounded to 0.552 and 0.547: "
    "0.4·0.552 + 0.5·0.547 = 0.4943. Unrounded, σ(0.21) = 0.552308 and "
    "σ(0.19) = 0.547358 give ŷ = 0.494602."
)
_CARRIES_Y_HAT = "Carries the rounded ŷ = 0.4943 (exact 0.494602) forward."

PRINTED_NUMBERS: tuple[PrintedNumber, ...] = (
    PrintedNumber("z1", "0.21", f"{_ACT}: 1/(1+e^(-0.21))"),
    PrintedNumber("a1", "0.552", f"{_ACT}: a_1 = … = 0.552"),
    PrintedNumber("z2", "0.19", f"{_ACT}: 1/(1+e^(-0.19))"),
    PrintedNumber("a2", "0.547", f"{_ACT}: a_2 = … = 0.547"),
    PrintedNumber("a1", "0.552", f"{_OUT}: 0.552 × 0.4 + …"),
    PrintedNumber("w5", "0.4", f"{_OUT}: 0.552 × 0.4 + …"),
    PrintedNumber("a2", "0.547", f"{_OUT}: … + 0.547 × 0.5"),
    PrintedNumber("w6", "0.5", f"{_OUT}: … + 0.547 × 0.5"),
    PrintedNumber("y_hat", "0.4943", f"{_OUT}: ŷ_1 = … = 0.4943", "rounded intermediate", _Y_HAT_NOTE),
    PrintedNumber("y1", "0.7", f"{_LOSS}: 실제 정답 y_1 = 0.7"),
    PrintedNumber("y_hat", "0.4943", f"{_LOSS}: 예측값 ŷ = 0.4943", "rounded intermediate", _Y_HAT_NOTE),
    PrintedNumber("y_hat", "0.4943", f"{_LOSS}: (0.7 − 0.4943)²", "rounded intermediate", _Y_HAT_NOTE),
    PrintedNumber(
        "error", "0.2057", f"{_LOSS}: (0.2057)²", "rounded intermediate", f"{_CARRIES_Y_HAT} Exact y − ŷ = 0.205398."
    ),
    PrintedNumber(
        "loss",
        "0.04231",
        f"{_LOSS}: L ≈ 0.04231",
        "rounded intermediate",
        f"{_CARRIES_Y_HAT} 0.2057² = 0.04231; exact (0.205398)² = 0.042188.",
    ),
    PrintedNumber("y_hat", "0.4943", f"{_BACK}: ∂L/∂w5 = −2·(0.7 − 0.4943)·0.552", "rounded intermediate", _Y_HAT_NOTE),
    PrintedNumber("a1", "0.552", f"{_BACK}: ∂L/∂w5 = −2·(0.7 − 0.4943)·0.552"),
    PrintedNumber("dL_dw5", "-0.227", f"{_BACK}: ∂L/∂w5 = −0.227"),
    PrintedNumber("y_hat", "0.4943", f"{_BACK}: ∂L/∂w6 = −2·(0.7 − 0.4943)·0.547", "rounded intermediate", _Y_HAT_NOTE),
    PrintedNumber("a2", "0.547", f"{_BACK}: ∂L/∂w6 = −2·(0.7 − 0.4943)·0.547"),
    PrintedNumber("dL_dw6", "-0.225", f"{_BACK}: ∂L/∂w6 = −0.225"),
    PrintedNumber(
        "dL_dw1",
        "-0.0204",
        f"{_BACK}: ∂L/∂w1 = −0.0204",
        "rounded intermediate",
        "Follows from rounding δ1 = ∂L/∂z1 = −0.4114·0.4·0.2473 = −0.040696 to −0.0407 "
        "before multiplying by x1: −0.0407·0.5 = −0.02035, rounded half up to −0.0204. "
        "Unrounded, ∂L/∂w1 = −0.020315, which prints as −0.0203.",
    ),
    PrintedNumber(
        "dL_dw2",
        "-0.0255",
        f"{_BACK}: ∂L/∂w2 = −0.0255",
        "rounded intermediate",
        "From the rounded ŷ and a2: δ2 = −0.4114·0.5·0.2478 = −0.0510, and −0.0510·0.5 = −0.0255. "
        "Unrounded, ∂L/∂w2 = −0.025444, which prints as −0.0254.",
    ),
    PrintedNumber("dL_dw3", "-0.0122", f"{_BACK}: ∂L/∂w3 = −0.0122"),
    PrintedNumber("dL_dw4", "-0.0153", f"{_BACK}: ∂L/∂w4 = −0.0153"),
    PrintedNumber("eta", "0.1", f"{_UPD}: 학습률(η)을 0.1"),
    PrintedNumber("w1", "0.3", f"{_UPD}: w_1' = 0.3 − (−0.0204)"),
    PrintedNumber(
        "dL_dw1",
        "-0.0204",
        f"{_UPD}: w_1' = 0.3 − (−0.0204)",
        "rounded intermediate",
        "The gradient printed in 역전파, reused; see that row.",
    ),
    PrintedNumber("w1_new", "0.302", f"{_UPD}: w_1' ≈ 0.302"),
    PrintedNumber("w2_new", "0.203", f"{_UPD}: w_2' = 0.203"),
    PrintedNumber("w3_new", "0.201", f"{_UPD}: w_3' = 0.201"),
    PrintedNumber("w4_new", "0.302", f"{_UPD}: w_4' = 0.302"),
    PrintedNumber("w5_new", "0.423", f"{_UPD}: w_5' = 0.423"),
    PrintedNumber(
        "w6_new",
        "0.523",
        f"{_UPD}: w_6' = 0.523",
        "rounded intermediate",
        "0.5 − 0.1·(−0.225) = 0.5225, which rounds half up to 0.523. Unrounded, "
        "0.5 − 0.1·(−0.224852) = 0.522485, which prints as 0.522.",
    ),
    PrintedNumber(
        "y_hat_new",
        "0.5199",
        f"{_NEW}: ŷ_1 = 0.5199",
        "arithmetic slip",
        "Neither chain gives it: with every weight updated, the exact value is 0.519809 (0.5198) "
        "and the hand calculation with the printed weights 0.5205. 0.5199 is what the new "
        "output weights give with the old hidden activations, 0.423·σ(0.21) + 0.523·σ(0.19) "
        "= 0.519894: the hidden layer was not recomputed after w1–w4 changed.",
    ),
    PrintedNumber("y_hat", "0.4943", f"{_NEW}: 이전 예측 값(0.4943)", "rounded intermediate", _Y_HAT_NOTE),
    PrintedNumber("y1", "0.7", f"{_NEW}: 실제 정답(0.7)"),
)

TEXT_SLIPS: tuple[TextSlip, ...] = (
    TextSlip(
        f"{_ACT}: the line for a_2",
        "a_2 = Sigmoid(z_1)",
        "a_2 = Sigmoid(z_2)",
        "typo",
        "Wrong subscript; the rest of the line uses z_2 = 0.19 correctly.",
    ),
    TextSlip(
        f"{_UPD}: the worked update of w_1",
        r"= 0.3 - (-0.0204) \approx 0.302",
        "0.3 − 0.1·(−0.0204) = 0.30204 ≈ 0.302",
        "typo",
        "The substituted step drops the factor η = 0.1; as written it equals 0.3204.",
    ),
    TextSlip(
        f"{_LOSS}: the heading",
        "오차 계산 (Mean-Squred Error, MSE)",
        "오차 계산 (Squared Error)",
        "typo",
        "'Squred' is misspelt, and the loss used is the plain squared error L = (y − ŷ)² with no "
        "mean and no ½. With a single output the mean changes nothing, but the ½ convention "
        "would halve every gradient, so the videos state L = (y − ŷ)² on screen.",
    ),
)


def _places(text: str) -> Precision:
    """The precision a printed number was written at: its decimal places."""
    return Precision("places", max(0, -Decimal(text).as_tuple().exponent))  # type: ignore[operator]


def audit() -> tuple[AuditLine, ...]:
    """Each printed number with the exact and displayed values, rounded as printed."""
    exact, displayed = worked_example("exact").values(), worked_example("displayed").values()
    lines = []
    for row in PRINTED_NUMBERS:
        places = _places(row.printed)
        lines.append(
            AuditLine(
                row=row,
                exact=round_half_up(Decimal(repr(float(exact[row.key]))), places),
                displayed=round_half_up(Decimal(displayed[row.key]), places),
            )
        )
    return tuple(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def audit_markdown(lines: tuple[AuditLine, ...] | None = None) -> str:
    """docs/blog-numbers.md: the audit as Markdown tables."""
    lines = audit() if lines is None else lines
    out = [
        "# The post's numbers, audited",
        "",
        "Generated by `python -m mathcore audit --markdown` (`make docs`); do not edit by hand.",
        "",
        "Every number the worked example of *CNN의 발전 과정* prints, with the value of each of",
        "mathcore's chains rounded to the printed precision. **exact**: float64 throughout.",
        "**displayed**: the hand calculation, each value rounded half up to its displayed precision",
        "(`mathcore.post.precision.DISPLAY_PRECISION`) before it is reused. The verdict compares the",
        "post with the displayed chain; the cause says why the post differs from exact arithmetic.",
        "",
        "| # | value | printed | exact | displayed | verdict | cause | where | why |",
        "| ---: | --- | ---: | ---: | ---: | --- | --- | --- | --- |",
    ]
    for i, line in enumerate(lines, start=1):
        r = line.row
        out.append(
            f"| {i} | `{r.key}` | {r.printed} | {line.exact} | {line.displayed} | {line.verdict} "
            f"| {r.cause or ''} | {_cell(r.where)} | {_cell(r.note)} |"
        )
    out += ["", "## Slips in the text", "", "| where | printed | should be | cause | why |", "| --- | --- | --- | --- | --- |"]
    for s in TEXT_SLIPS:
        out.append(f"| {_cell(s.where)} | `{s.printed}` | `{s.should_be}` | {s.cause} | {_cell(s.note)} |")
    return "\n".join(out) + "\n"
