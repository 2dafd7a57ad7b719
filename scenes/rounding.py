"""What the post rounds: mathcore's audit of the post, told kindly. Each
printed number that exact arithmetic prints differently, and why."""

from manim import RIGHT, UP, FadeIn, Line, SurroundingRectangle, VGroup, Write

from mathcore import audit, worked_example
from scenes.toolkit import ExplainerScene, cell, fit_width, formula, text, theme
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


class WhatThePostRounds(ExplainerScene):
    def construct(self) -> None:
        # The audit is of the post, so this scene always shows the post's example.
        self.ex = worked_example("displayed")
        self.rows = self.differences()
        self.show_title("rounding.title")
        self.introduce()
        self.show_table()
        self.explain_the_slip()
        self.conclude()

    def differences(self) -> list:
        """One audit line per value whose printed text exact arithmetic does not give."""
        seen, rows = set(), []
        for line in audit():
            if not line.exact_matches and line.row.key not in seen:
                seen.add(line.row.key)
                rows.append(line)
        return rows

    def introduce(self) -> None:
        self.say("rounding.intro")
        self.wait(5.0)

    def show_table(self) -> None:
        top = 2.1
        headers = VGroup(
            *(
                cell(text(self.t(f"rounding.header_{h}"), size=theme.SMALL_SIZE, color=theme.MUTED, bold=True), x, top, numeric=h in NUMERIC)
                for h, x in COLUMNS.items()
            )
        )
        for header in headers:  # centring moves a word with a descender (post, why) up: line them up by their tops
            header.align_to(headers[0], UP)
        rule = Line([COLUMNS["value"] - 0.1, top - 0.3, 0], [6.6, top - 0.3, 0], color=theme.MUTED, stroke_width=1)
        self.play(FadeIn(headers), FadeIn(rule))
        self.table_rows = {}
        for k, line in enumerate(self.rows):
            y = top - 0.7 - 0.58 * k
            key = line.row.key
            slip = line.verdict == "differs"
            colour = theme.SLIP if slip else theme.TEXT
            why = self.t(f"rounding.why_{key}", delta1=fmt(self.ex.delta1, "delta"))
            row = VGroup(
                cell(formula(SYMBOLS[key], size=theme.LABEL_SIZE), COLUMNS["value"], y),
                cell(formula(line.row.printed, size=theme.LABEL_SIZE, color=colour), COLUMNS["post"], y, numeric=True),
                cell(formula(str(line.displayed), size=theme.LABEL_SIZE), COLUMNS["hand"], y, numeric=True),
                cell(formula(str(line.exact), size=theme.LABEL_SIZE, color=theme.EXACT), COLUMNS["exact"], y, numeric=True),
                cell(fit_width(text(why, size=theme.SMALL_SIZE, color=colour), WHY_WIDTH), COLUMNS["why"], y),
            )
            self.play(FadeIn(row, shift=0.1 * RIGHT), run_time=0.7)
            self.table_rows[key] = row
        self.say("rounding.small")
        self.wait(4.5)

    def explain_the_slip(self) -> None:
        slip = next(line for line in self.rows if line.verdict == "differs")
        row = self.table_rows[slip.row.key]
        self.play(Write(SurroundingRectangle(row, color=theme.FOCUS, buff=0.12)))
        self.say(
            "rounding.slip",
            displayed=str(slip.displayed),
            exact=str(slip.exact),
        )
        self.wait(4.0)
        self.say("rounding.slip_why", printed=slip.row.printed)
        self.wait(4.0)

    def conclude(self) -> None:
        self.say("rounding.done")
        self.wait(3.5)


