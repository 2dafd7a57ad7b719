"""The loss of the forward pass: how wrong the prediction is. The target and
the prediction on one line, the error between them, its square as an area,
and the post's loss convention (no ½) stated on screen beside the usual one."""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Dot,
    FadeIn,
    GrowFromEdge,
    NumberLine,
    Square,
    TransformFromCopy,
    VGroup,
    Write,
)

from mathcore import LOSSES
from scenes.toolkit import ExplainerScene, example, formula, stack, text, theme
from scenes.toolkit.theme import fmt

LINE_Y = 0.2  # the number line from 0 to 1, prediction and target on it
LINE_LENGTH = 10
DOT_RADIUS = 0.09
ERROR_AT = (0, -1.6, 0)  # the error's formula, under the line
SQUARE_LIFT = 0.1  # the error's square stands this far above the line
# The post's convention on the left, the ½ one on the right.
OURS_TOP_LEFT = (-6.2, 2.0)
HALF_TOP_LEFT = (1.0, 2.0)
LOSS_AT = (0, 0.6, 0)
TAG_SIZE = theme.BODY_SIZE  # ŷ and y under their dots
ARRIVE = 0.4  # seconds: what a line names comes in within its first second


class Loss(ExplainerScene):
    section = "loss"

    def construct(self) -> None:
        self.ex = example()
        self.title = self.show_title()
        self.place_on_line()
        self.show_error()
        self.square_the_error()
        self.state_the_convention()
        self.explain_the_convention()
        self.conclude()

    def place_on_line(self) -> None:
        self.say("line")
        b, i = self.ex.before, self.ex.inputs
        self.line = NumberLine(x_range=[0, 1, 0.1], length=LINE_LENGTH, color=theme.MUTED, include_numbers=False)
        self.line.move_to([0, LINE_Y, 0])
        ends = VGroup(*(text(s, size=theme.SMALL_SIZE, color=theme.MUTED) for s in ("0", "1")))
        ends[0].next_to(self.line.n2p(0), DOWN, buff=0.25)
        ends[1].next_to(self.line.n2p(1), DOWN, buff=0.25)
        self.y_hat_dot = Dot(self.line.n2p(float(b.y_hat)), color=theme.OUTPUT, radius=DOT_RADIUS)
        self.target_dot = Dot(self.line.n2p(float(i["y1"])), color=theme.TARGET, radius=DOT_RADIUS)
        y_hat_label = formula(f"hat(y)_1 = {fmt(b.y_hat, 'y_hat')}", size=TAG_SIZE).next_to(self.y_hat_dot, DOWN, buff=0.3)
        target_label = formula(f"y_1 = {fmt(i['y1'], 'input')}", size=TAG_SIZE, color=theme.TARGET).next_to(self.target_dot, DOWN, buff=0.3)
        self.play(FadeIn(self.line), FadeIn(ends))
        self.play(FadeIn(self.y_hat_dot, scale=2), Write(y_hat_label))
        self.play(FadeIn(self.target_dot, scale=2), Write(target_label))
        self.hold(2.0)

    def show_error(self) -> None:
        self.say("error")
        b, i = self.ex.before, self.ex.inputs
        arrow = Arrow(self.y_hat_dot.get_center(), self.target_dot.get_center(), buff=0.1, color=theme.LOSS, stroke_width=5)
        self.error_eq = formula(
            f"y_1 - hat(y)_1 = {fmt(i['y1'], 'input')} - {fmt(b.y_hat, 'y_hat')} = {fmt(b.error, 'error')}", color=theme.LOSS
        ).move_to(ERROR_AT)
        self.play(GrowFromEdge(arrow, edge=LEFT))
        self.play(Write(self.error_eq))
        self.hold(2.5)

    def square_the_error(self) -> None:
        """The loss as the area of a square on the error, standing on the line."""
        self.say("squared")
        b = self.ex.before
        left, right = self.line.n2p(float(b.y_hat)), self.line.n2p(float(self.ex.inputs["y1"]))
        side = float(np.linalg.norm(right - left))
        square = Square(side_length=side, color=theme.LOSS, fill_opacity=0.35, stroke_width=3)
        square.move_to((left + right) / 2 + (side / 2 + SQUARE_LIFT) * UP)
        loss_eq = formula(f"L = ({fmt(b.error, 'error')})^2 = {fmt(b.loss, 'loss')}", color=theme.LOSS)
        loss_eq.next_to(square, RIGHT, buff=0.3)  # beside it: above, it would reach the title
        self.play(GrowFromEdge(square, edge=DOWN), run_time=1.5)
        self.play(TransformFromCopy(self.error_eq, loss_eq))
        self.hold(3.0)
        self.clear_stage(self.title)  # the stage is clear when the next line starts, its headings come at once

    def state_the_convention(self) -> None:
        """The two conventions side by side, the loss and its derivative each."""
        self.say("convention")
        b, i = self.ex.before, self.ex.inputs
        y_hat, y = np.array([float(b.y_hat)]), np.array([float(i["y1"])])
        half_grad = LOSSES["half_squared_error"].grad(y_hat, y)[0]
        self.ours = stack(
            text(self.s("convention_ours"), size=theme.BODY_SIZE, color=theme.FOCUS, bold=True),
            formula("L = (y_1 - hat(y)_1)^2", color=theme.LOSS),
            formula("(partial L)/(partial hat(y)_1) = -2(y_1 - hat(y)_1)"),
            formula(f"= -2 dot {fmt(b.error, 'error')} = {fmt(self.ex.dL_dy_hat, 'dL_dy_hat')}", color=theme.GRADIENT),
            top_left=OURS_TOP_LEFT,
        )
        self.half = stack(
            text(self.s("convention_half"), size=theme.BODY_SIZE, color=theme.MUTED, bold=True),
            formula("L = 1/2 (y_1 - hat(y)_1)^2", color=theme.MUTED),
            formula("(partial L)/(partial hat(y)_1) = -(y_1 - hat(y)_1)", color=theme.MUTED),
            formula(f"= {fmt(half_grad, 'dL_dy_hat')}", color=theme.MUTED),
            top_left=HALF_TOP_LEFT,
        )
        self.play(FadeIn(self.ours[0]), FadeIn(self.half[0]), run_time=ARRIVE)
        for a, h in zip(self.ours[1:3], self.half[1:3]):
            self.play(Write(a), Write(h))
        self.hold(1.5)

    def explain_the_convention(self) -> None:
        """The gradients' values: the post's is twice the ½ convention's."""
        self.say("convention_why")
        self.play(Write(self.ours[3]), Write(self.half[3]))
        self.hold(3.5)

    def conclude(self) -> None:
        loss = self.ex.before.loss
        # Up before the line, which names the loss in its first words.
        shown = formula(f"L = {fmt(loss, 'loss')}", size=theme.BIG_SIZE, color=theme.LOSS).move_to(LOSS_AT)
        self.clear_stage(self.title)
        self.play(FadeIn(shown, scale=0.8), run_time=ARRIVE)
        self.say("done", loss=fmt(loss, "loss"))
        self.hold(at_least=1.5)
