"""What the post rounds: mathcore's audit of the post, told kindly. Each
printed number that exact arithmetic prints differently, and why."""

from manim import LEFT, RIGHT, FadeIn, Line, SurroundingRectangle, VGroup, Write

from mathcore import audit, worked_example
from scenes.toolkit import ExplainerScene, fit_width, math, text, theme
from scenes.toolkit.theme import fmt

# How each audited value is written in a table cell.
SYMBOLS = {
    "y_hat": "hat(y)",
    "error": "y_1 - hat(y)",
    "loss": "L",
    "dL_dw1": "partial L \\/ partial w_1",
    "dL_dw2": "partial L \\/ partial w_2",
    "w6_new": "w'_6",
    "y_hat_new": "hat(y)'",
}
COLUMNS = (-5.2, -3.0, -1.2, 0.6)  # left edges: value, post, exact, why


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

    def cell(self, mob, column: int, y: float):  # type: ignore[no-untyped-def]
        return mob.move_to([COLUMNS[column], y, 0], aligned_edge=LEFT)

    def show_table(self) -> None:
        top = 2.1
        headers = VGroup(
            *(
                self.cell(text(self.t(f"rounding.header_{h}"), size=theme.SMALL_SIZE, color=theme.MUTED, bold=True), k, top)
                for k, h in enumerate(("value", "post", "exact", "why"))
            )
        )
        rule = Line([-5.3, top - 0.3, 0], [6.6, top - 0.3, 0], color=theme.MUTED, stroke_width=1)
        self.play(FadeIn(headers), FadeIn(rule))
        self.table_rows = {}
        for k, line in enumerate(self.rows):
            y = top - 0.72 - 0.62 * k
            key = line.row.key
            slip = line.verdict == "differs"
            colour = theme.LOSS if slip else theme.TEXT
            why = self.t(f"rounding.why_{key}", delta1=fmt(self.ex.delta1, "delta"))
            row = VGroup(
                self.cell(math(SYMBOLS[key], size=26), 0, y),
                self.cell(math(line.row.printed, size=26, color=colour), 1, y),
                self.cell(math(str(line.exact), size=26, color=theme.Z), 2, y),
                self.cell(fit_width(text(why, size=theme.SMALL_SIZE, color=colour), 6.0), 3, y),
            )
            self.play(FadeIn(row, shift=0.1 * RIGHT), run_time=0.7)
            self.table_rows[key] = row
        self.say("rounding.small")
        self.wait(4.5)

    def explain_the_slip(self) -> None:
        slip = next(line for line in self.rows if line.verdict == "differs")
        after = self.ex.after
        row = self.table_rows[slip.row.key]
        self.play(Write(SurroundingRectangle(row, color=theme.LOSS, buff=0.12)))
        self.say(
            "rounding.slip",
            displayed=fmt(after.y_hat, "y_hat"),
            exact=str(slip.exact),
        )
        self.wait(4.0)
        self.say("rounding.slip_why", printed=slip.row.printed)
        self.wait(4.0)

    def conclude(self) -> None:
        self.say("rounding.done")
        self.wait(3.5)


