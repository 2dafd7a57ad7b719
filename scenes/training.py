"""Training: the one update of the last video repeated for N steps. mathcore's
loss history drawn as a curve that falls fast and then slowly, and ŷ closing
in on the target on a meter beside it."""

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Axes,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    Mobject,
    ValueTracker,
    VGroup,
    always_redraw,
    linear,
)

from mathcore import as_network, train
from mathcore.dense import Diverged
from scenes.toolkit import ExplainerScene, example, example_inputs, formula, text, theme
from scenes.toolkit.errors import SettingError
from scenes.toolkit.theme import fmt, fmt_sci

# A loss this small reads as zero in any of the series' formats: say so in words.
ALL_BUT_ZERO = 1e-4
CURVE_AT = (-1.8, 0.2, 0)  # the loss curve's axes, left of the meter, clear of a two-line caption
CURVE_WIDTH, CURVE_HEIGHT = 6.6, 4.0
PANEL_FROM = 0.5  # the result, in the curve's top right, from halfway along (the curve is all but flat there)
PANEL_BUFF = 0.3
METER_AT = (4.0, 0.2, 0)  # ŷ₁ on a vertical 0–1 scale, as tall as the curve
METER_HEIGHT = CURVE_HEIGHT
METER_WIDTH = 0.01  # only the vertical axis shows
GOAL_HALF_WIDTH = 0.6  # the target's dashed line reaches this far either side of the meter
MARKER_RADIUS = 0.1
QUICK = 0.5  # what a line names comes up within a second of the line
RUN_TIME = 6.0  # ŷ₁ and the loss run the remaining steps
CURVE_DRAWING = 5.0  # the whole curve, while the dot runs its first fifth


def done_key(loss: float) -> str:
    """The closing line: the loss in words once it is all but zero (the screen shows it)."""
    return "done_zero" if loss < ALL_BUT_ZERO else "done"


class Training(ExplainerScene):
    section = "training"
    steps = 50  # enough for ŷ₁ to reach the target at the post's learning rate

    def construct(self) -> None:
        inputs = example_inputs()
        net, x, y = as_network(inputs)
        self.ex = example()
        try:
            self.run = train(net, x, y, learning_rate=inputs.eta, steps=self.steps)
        except Diverged as err:  # only another example can: the post's converges
            raise SettingError(f"EXPLAINER_EXAMPLE: {err}") from None
        self.show_title()
        self.introduce()
        self.draw_loss_curve()
        self.note_exact_arithmetic()
        self.show_prediction_approaching()
        self.conclude()

    def introduce(self) -> None:
        self.say("repeat", steps=self.steps, eta=fmt(self.ex.inputs["eta"], "input"))
        losses = self.run.loss_history
        self.axes = Axes(
            x_range=[0, self.steps, 5], y_range=[0, losses[0] * 1.1, losses[0] / 4],
            x_length=CURVE_WIDTH, y_length=CURVE_HEIGHT, axis_config={"color": theme.MUTED, "include_tip": False},
        ).move_to(CURVE_AT)
        labels = VGroup(
            text(self.s("x_label"), size=theme.SMALL_SIZE, color=theme.MUTED).next_to(self.axes.x_axis, RIGHT, buff=0.3),
            text(self.s("y_label"), size=theme.SMALL_SIZE, color=theme.LOSS).next_to(self.axes.y_axis, UP, buff=0.15),
            formula("0", size=theme.BODY_SIZE, color=theme.MUTED).next_to(self.axes.c2p(0, 0), DOWN + LEFT, buff=0.1),
            formula(str(self.steps), size=theme.BODY_SIZE, color=theme.MUTED).next_to(self.axes.c2p(self.steps, 0), DOWN, buff=0.15),
            formula(fmt(losses[0], "loss"), size=theme.BODY_SIZE, color=theme.LOSS).next_to(self.axes.c2p(0, losses[0]), LEFT, buff=0.15),
        )
        self.play(Create(self.axes), FadeIn(labels), run_time=QUICK)
        self.hold(at_least=2.5)  # a moment on the empty axes before the curve draws on them

    def draw_loss_curve(self) -> None:
        self.say("curve")
        losses = self.run.loss_history
        self.step = ValueTracker(0)
        curve = self.axes.plot_line_graph(list(range(self.steps + 1)), list(losses), line_color=theme.LOSS, add_vertex_dots=False)
        dot = always_redraw(lambda: Dot(self.axes.c2p(self.step.get_value(), self.loss_at(self.step.get_value())), color=theme.LOSS))
        self.add(dot)
        # The whole curve draws while the dot runs its first fifth; it runs the rest beside ŷ₁'s meter.
        self.play(Create(curve), self.step.animate.set_value(self.steps / 5), run_time=CURVE_DRAWING, rate_func=linear)
        self.hold(1.5)

    def note_exact_arithmetic(self) -> None:
        self.say("exact")
        self.hold(at_least=4.5)

    def loss_at(self, s: float) -> float:
        k = min(int(s), self.steps - 1)
        losses = self.run.loss_history
        return losses[k] + (losses[k + 1] - losses[k]) * (s - k)

    def output_at(self, s: float) -> float:
        k = min(int(s), self.steps - 1)
        outs = self.run.output_history
        return float(outs[k][0] + (outs[k + 1][0] - outs[k][0]) * (s - k))

    def readout(self, made: dict[int, Mobject], s: float) -> Mobject:
        """ŷ₁ after the last whole step taken at ``s``: a value mathcore
        computed, never one between two steps. Each step's formula is typeset
        once into ``made`` and copied at every frame (typesetting it at every
        frame made this scene three times slower than the others to render)."""
        k = int(s)
        if k not in made:
            made[k] = formula(fmt(float(self.run.output_history[k][0]), "y_hat"), size=theme.BODY_SIZE)
        return made[k].copy()

    def show_prediction_approaching(self) -> None:
        target = float(self.ex.inputs["y1"])
        self.say("approach", target=fmt(target, "input"))
        meter = Axes(x_range=[0, 1, 1], y_range=[0, 1, 0.1], x_length=METER_WIDTH, y_length=METER_HEIGHT,
                     axis_config={"color": theme.MUTED, "include_tip": False}).move_to(METER_AT)
        ends = VGroup(
            formula("0", size=theme.BODY_SIZE, color=theme.MUTED).next_to(meter.c2p(0, 0), LEFT, buff=0.2),
            formula("1", size=theme.BODY_SIZE, color=theme.MUTED).next_to(meter.c2p(0, 1), LEFT, buff=0.2),
        )
        name = formula("hat(y)_1", size=theme.BODY_SIZE).next_to(meter, UP, buff=0.2)
        goal = DashedLine(meter.c2p(0, target) + GOAL_HALF_WIDTH * LEFT, meter.c2p(0, target) + GOAL_HALF_WIDTH * RIGHT, color=theme.TARGET)
        goal_label = formula(f"y_1 = {fmt(target, 'input')}", size=theme.BODY_SIZE, color=theme.TARGET).next_to(goal, RIGHT, buff=0.15)
        marker = always_redraw(lambda: Dot(meter.c2p(0, self.output_at(self.step.get_value())), color=theme.OUTPUT, radius=MARKER_RADIUS))
        readouts: dict[int, Mobject] = {}
        readout = always_redraw(lambda: self.readout(readouts, self.step.get_value()).next_to(meter, DOWN, buff=0.3))
        self.play(FadeIn(meter), FadeIn(ends), FadeIn(name), FadeIn(goal), FadeIn(goal_label), FadeIn(marker), FadeIn(readout), run_time=QUICK)
        self.play(self.step.animate.set_value(self.steps), run_time=RUN_TIME, rate_func=linear)
        self.hold(0.5)

    def conclude(self) -> None:
        y_hat, loss = self.run.output_history[-1][0], self.run.loss_history[-1]
        self.say(done_key(loss), steps=self.steps, y_hat=fmt(y_hat, "y_hat"), loss=fmt(loss, "loss"))
        # In the curve's flat top right, clear of the axis names.
        final = VGroup(
            formula(f"hat(y)_1 = {fmt(y_hat, 'y_hat')}", size=theme.BODY_SIZE),
            formula(f"L = {fmt_sci(loss)}", size=theme.BODY_SIZE, color=theme.LOSS),
        ).arrange(DOWN, aligned_edge=LEFT, buff=PANEL_BUFF)
        final.move_to(self.axes.c2p(PANEL_FROM * self.steps, self.run.loss_history[0]), aligned_edge=UL).shift(PANEL_BUFF * DOWN)
        self.play(FadeIn(final, shift=0.1 * UP), run_time=QUICK)
        self.hold(at_least=6.0)
