"""What the post rounds: mathcore's audit of the post, told kindly. Each
printed number that exact arithmetic prints differently, and why: most
differ in the last digit from rounding by hand, one is a slip."""

from manim import RIGHT, UP, FadeIn, Line, SurroundingRectangle, VGroup, Write

from mathcore import audit, worked_example
from mathcore.post.audit import AuditLine
from scenes.toolkit import ExplainerScene, cell, fit_width, formula, text, theme
from scenes.toolkit.layout import row_y
from scenes.toolkit.theme import fmt

# How each audited value is written in a table cell.
SYMBOLS = {
    "y_hat": "hat(y)_1",
    "error": "y_1 - hat(y)_1",
    "loss": "L",
    "dL_dw1": "partial L \\/ partial w_1",
    "dL_dw2": "partial L \\/ partial w_2",
    "w6_new": "w'_6",
    "y_hat_new": "hat(y)'_1",
}
# value and why: left edges; the three numbers: centres.
COLUMNS = {"value": -6.4, "post": -4.3, "hand": -2.7, "exact": -1.1, "why": 0.2}
NUMERIC = ("post", "hand", "exact")
WHY_WIDTH = 6.4
HEADER_Y = 2.4
RULE_Y = HEADER_Y - 0.3  # the rule under the headers, to the frame's right edge
RULE_RIGHT = 6.6
FIRST_ROW_Y = HEADER_Y - 0.7
ROW_STEP = 0.6  # rows at the size floor of a formula, the slip's box between its neighbours
SLIP_BOX_BUFF = 0.1
QUICK = 0.5  # the table's headers come with the first line
ROW_IN = 0.6  # each row


def differences() -> list[AuditLine]:
    """One audit line per value whose printed text exact arithmetic does not give."""
    seen, rows = set(), []
    for line in audit():
        if not line.exact_matches and line.row.key not in seen:
            seen.add(line.row.key)
            rows.append(line)
    return rows


class WhatThePostRounds(ExplainerScene):
    section = "rounding"

    def construct(self) -> None:
        # The audit is of the post, so this scene always shows the post's example.
        self.ex = worked_example("displayed")
        self.rows = differences()
        self.show_title()
        self.introduce()
        self.show_rows()
        self.explain_the_slip()
        self.conclude()

    def introduce(self) -> None:
        """The table's headers come with the first line: the title is never alone."""
        self.say("intro")
        self.show_headers()
        self.hold()

    def show_headers(self) -> None:
        headers = VGroup(
            *(
                cell(text(self.s(f"header_{h}"), size=theme.SMALL_SIZE, color=theme.MUTED, bold=True), x, HEADER_Y, numeric=h in NUMERIC)
                for h, x in COLUMNS.items()
            )
        )
        for header in headers:  # centring moves a word with a descender (post, why) up: line them up by their tops
            header.align_to(headers[0], UP)
        rule = Line([COLUMNS["value"] - 0.1, RULE_Y, 0], [RULE_RIGHT, RULE_Y, 0], color=theme.MUTED, stroke_width=1)
        self.play(FadeIn(headers), FadeIn(rule), run_time=QUICK)

    def show_rows(self) -> None:
        self.table_rows = {}
        for k, line in enumerate(self.rows):
            row = self.row(line, row_y(k, top=FIRST_ROW_Y, step=ROW_STEP))
            self.play(FadeIn(row, shift=0.1 * RIGHT), run_time=ROW_IN)
            self.table_rows[line.row.key] = row
        self.say("small")
        self.hold(6.0)

    def row(self, line: AuditLine, y: float) -> VGroup:
        """A value as the post prints it, redone by hand and exactly; a slip in its colour."""
        key = line.row.key
        colour = theme.SLIP if line.verdict == "differs" else theme.TEXT
        why = self.s(f"why_{key}", delta1=fmt(self.ex.delta1, "delta"))
        return VGroup(
            cell(formula(SYMBOLS[key], size=theme.BODY_SIZE), COLUMNS["value"], y),
            cell(formula(line.row.printed, size=theme.BODY_SIZE, color=colour), COLUMNS["post"], y, numeric=True),
            cell(formula(str(line.displayed), size=theme.BODY_SIZE), COLUMNS["hand"], y, numeric=True),
            cell(formula(str(line.exact), size=theme.BODY_SIZE, color=theme.EXACT), COLUMNS["exact"], y, numeric=True),
            cell(fit_width(text(why, size=theme.SMALL_SIZE, color=colour), WHY_WIDTH), COLUMNS["why"], y),
        )

    def explain_the_slip(self) -> None:
        slip = next(line for line in self.rows if line.verdict == "differs")
        row = self.table_rows[slip.row.key]
        self.say("slip", displayed=str(slip.displayed), exact=str(slip.exact))
        self.play(Write(SurroundingRectangle(row, color=theme.FOCUS, buff=SLIP_BOX_BUFF)))
        self.hold(4.0)
        self.say("slip_why", printed=slip.row.printed)
        self.hold(5.0)

    def conclude(self) -> None:
        self.say("done")
        self.hold(5.0)
