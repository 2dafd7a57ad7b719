"""Backpropagation through the 2-2-1 network: how much each weight is to
blame for the loss. The chain rule for w5 and w6, the four-factor chain for
w1, then w2–w4; each gradient flows back along its edge and is written on it."""

from collections.abc import Sequence

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    FadeIn,
    FadeOut,
    Mobject,
    ReplacementTransform,
    Transform,
    TransformFromCopy,
    VGroup,
    Write,
)

from mathcore import WEIGHTS
from scenes.toolkit import (
    ExplainerScene,
    NetworkDiagram,
    example,
    fit_width,
    formula,
    stack,
    symbol,
    theme,
)
from scenes.toolkit.theme import fmt

NET_AT = (-3.45, 0.1, 0)  # the network beside the formulas: its x₁ tag clear of the frame's edge
TAG_SIZE = theme.BODY_SIZE  # the values beside the nodes: x, a, ŷ, L, ∂L/∂ŷ
ARRIVE = 0.5  # seconds: what a line names comes in within its first second
PULSE = 1.2  # seconds: a gradient's pulse back along its path
STEP = 0.6  # seconds: each step of w2–w4 (write, pulse back, relabel), three in one line
OUTPUT_TAG_LEFT = 0.5  # ŷ's tags start this far left of its node's centre, clear of w5's and w6's labels
PANEL_LEFT = 0.9  # right of ŷ's tags, which hang to the right of its node
PANEL_WIDTH = 5.75  # from PANEL_LEFT to the frame's margin
PANEL_TOP = 2.2  # a panel of formulas beside the network
CHAIN_TOP = 2.4  # the four-factor chain, with its factors below it
FACTORS_TOP = 1.4
SUMMARY_AT = (3.7, 0.1, 0)  # the six gradients, in the formula panel's place


def gradient_signs_key(gradients: Sequence[float]) -> str:
    """The closing line that matches the signs: all negative, all positive, or mixed."""
    if all(g < 0 for g in gradients):
        return "all_negative"
    if all(g > 0 for g in gradients):
        return "all_positive"
    return "all_mixed"


class Backpropagation(ExplainerScene):
    section = "backprop"

    def construct(self) -> None:
        self.ex = example()
        self.show_title()
        self.show_forward_values()
        self.output_gradient()
        self.output_weight_gradient("w5", "a1")
        self.output_weight_gradient("w6", "a2")
        self.four_factor_chain()
        self.remaining_hidden_gradients()
        self.show_all_gradients()

    def panel(self, *exprs: tuple[str, object], top: float = PANEL_TOP) -> VGroup:
        lines = [fit_width(formula(e, size=theme.BODY_SIZE, color=c), PANEL_WIDTH) for e, c in exprs]
        return stack(*lines, top_left=(PANEL_LEFT, top), buff=0.24)

    def write_panel(self, lines: VGroup) -> None:
        for line in lines:
            self.play(Write(line), run_time=0.9)

    def show_forward_values(self) -> None:
        self.say("start")
        i, b = self.ex.inputs, self.ex.before
        self.net = NetworkDiagram.with_weights({w: i[w] for w in WEIGHTS}, "input").move_to(NET_AT)
        tags = VGroup(
            formula(f"x_1 = {fmt(i['x1'], 'input')}", size=TAG_SIZE, color=theme.INPUT).next_to(self.net.node("x1"), UP, buff=0.15),
            formula(f"x_2 = {fmt(i['x2'], 'input')}", size=TAG_SIZE, color=theme.INPUT).next_to(self.net.node("x2"), DOWN, buff=0.15),
            formula(f"a_1 = {fmt(b.a1, 'a')}", size=TAG_SIZE, color=theme.ACTIVATION).next_to(self.net.node("h1"), UP, buff=0.15),
            formula(f"a_2 = {fmt(b.a2, 'a')}", size=TAG_SIZE, color=theme.ACTIVATION).next_to(self.net.node("h2"), DOWN, buff=0.15),
            self.beside_output(formula(f"hat(y)_1 = {fmt(b.y_hat, 'y_hat')}", size=TAG_SIZE), UP),
        )
        # Only while the line starts from it: the formula panel takes its place next.
        self.loss_tag = formula(f"L = {fmt(b.loss, 'loss')}", size=TAG_SIZE, color=theme.LOSS).next_to(self.net.node("y"), RIGHT, buff=0.2)
        tags.add(self.loss_tag)
        self.play(FadeIn(self.net), FadeIn(tags), run_time=1.5)
        self.hold(2.0)

    def beside_output(self, tag: Mobject, side) -> Mobject:  # type: ignore[no-untyped-def]
        """A tag above or below ŷ's node, starting OUTPUT_TAG_LEFT left of its
        centre: centred, it would stand in a row with w5's or w6's label."""
        node = self.net.node("y")
        return tag.next_to(node, side, buff=0.15).align_to(node.get_center() + OUTPUT_TAG_LEFT * LEFT, LEFT)

    def output_gradient(self) -> None:
        self.say("output")
        self.play(FadeOut(self.loss_tag), run_time=ARRIVE)
        b, i = self.ex.before, self.ex.inputs
        lines = self.panel(
            ("(partial L)/(partial hat(y)_1) = -2(y_1 - hat(y)_1)", theme.TEXT),
            (f"= -2 dot ({fmt(i['y1'], 'input')} - {fmt(b.y_hat, 'y_hat')}) = {fmt(self.ex.dL_dy_hat, 'dL_dy_hat')}", theme.GRADIENT),
        )
        self.write_panel(lines)
        self.dL_tag = formula(f"(partial L)/(partial hat(y)_1) = {fmt(self.ex.dL_dy_hat, 'dL_dy_hat')}", size=TAG_SIZE, color=theme.GRADIENT)
        self.beside_output(self.dL_tag, DOWN)
        self.play(TransformFromCopy(lines[-1], self.dL_tag))
        self.hold(1.5)
        self.play(FadeOut(lines))

    def gradient_onto_edge(self, weight: str, path: list[str], pulse: float = PULSE, relabel: float = 1.0) -> None:
        """Send the gradient back along ``path`` (``pulse`` seconds) and write
        it on the weight's edge (``relabel`` seconds)."""
        label = self.net.relabel(weight, fmt(self.ex.gradient(weight), "gradient"), theme.GRADIENT)
        self.play(self.net.flow(path, theme.GRADIENT, backward=True, run_time=pulse))
        self.play(Transform(self.net.labels[weight], label), self.net.edges[weight].animate.set_color(theme.GRADIENT), run_time=relabel)

    def output_weight_gradient(self, weight: str, activation: str) -> None:
        self.say(weight)
        b, k = self.ex.before, activation[1]
        grad = self.ex.gradient(weight)
        lines = self.panel(
            (f"(partial L)/(partial {symbol(weight)}) = (partial L)/(partial hat(y)_1) dot (partial hat(y)_1)/(partial {symbol(weight)})", theme.TEXT),
            (f"= (partial L)/(partial hat(y)_1) dot a_{k}", theme.TEXT),
            (f"= {fmt(self.ex.dL_dy_hat, 'dL_dy_hat')} dot {fmt(getattr(b, activation), 'a')} = {fmt(grad, 'gradient')}", theme.GRADIENT),
        )
        self.write_panel(lines)
        self.gradient_onto_edge(weight, [weight])
        self.hold(1.5)
        self.play(FadeOut(lines))

    def four_factor_chain(self) -> None:
        self.say("w1")
        ex, i = self.ex, self.ex.inputs
        chain = self.panel(
            ("(partial L)/(partial w_1) = (partial L)/(partial hat(y)_1) dot (partial hat(y)_1)/(partial a_1) dot (partial a_1)/(partial z_1) dot (partial z_1)/(partial w_1)", theme.TEXT),
            top=CHAIN_TOP,
        )
        self.write_panel(chain)
        self.play(*self.net.emphasise(["w5", "w1"], theme.GRADIENT))
        self.hold(1.5)
        factors = self.panel(
            (f"(partial L)/(partial hat(y)_1) = {fmt(ex.dL_dy_hat, 'dL_dy_hat')}", theme.GRADIENT),
            (f"(partial hat(y)_1)/(partial a_1) = w_5 = {fmt(i['w5'], 'input')}", theme.weight_colour(i["w5"])),
            (f"(partial a_1)/(partial z_1) = a_1(1 - a_1) = {fmt(ex.sigmoid_prime1, 'sigmoid_prime')}", theme.ACTIVATION),
            (f"(partial z_1)/(partial w_1) = x_1 = {fmt(i['x1'], 'input')}", theme.INPUT),
            top=FACTORS_TOP,
        )
        # Up before the next line, which starts "here is each factor's value";
        # the first is ∂L/∂ŷ₁, whose tag moves into the panel (out of the rows of its lines).
        self.play(ReplacementTransform(self.dL_tag, factors[0]), FadeIn(factors[1:], lag_ratio=0.15), run_time=ARRIVE)
        self.say("factors")
        self.hold(1.5)
        self.say("delta")
        self.play(FadeOut(factors))
        delta = self.panel(
            (
                f"delta_1 = {fmt(ex.dL_dy_hat, 'dL_dy_hat')} dot {fmt(i['w5'], 'input')} dot "
                f"{fmt(ex.sigmoid_prime1, 'sigmoid_prime')} = {fmt(ex.delta1, 'delta')}",
                theme.GRADIENT,
            ),
            (
                f"(partial L)/(partial w_1) = delta_1 dot x_1 = {fmt(ex.delta1, 'delta')} dot {fmt(i['x1'], 'input')} "
                f"= {fmt(ex.gradient('w1'), 'gradient')}",
                theme.GRADIENT,
            ),
            top=FACTORS_TOP,
        )
        self.write_panel(delta)
        self.play(self.net.edges["w5"].animate.set_stroke(theme.GRADIENT, width=3))
        self.gradient_onto_edge("w1", ["w5", "w1"])
        self.hold(2.0)
        self.play(FadeOut(chain), FadeOut(delta), self.net.edges["w1"].animate.set_stroke(width=3))

    def remaining_hidden_gradients(self) -> None:
        self.say("rest")
        ex, i = self.ex, self.ex.inputs
        delta2 = (
            f"delta_2 = {fmt(ex.dL_dy_hat, 'dL_dy_hat')} dot {fmt(i['w6'], 'input')} dot "
            f"{fmt(ex.sigmoid_prime2, 'sigmoid_prime')} = {fmt(ex.delta2, 'delta')}"
        )
        rows = [(delta2, theme.GRADIENT)]
        for weight, (d, x) in {"w2": ("2", "x1"), "w3": ("1", "x2"), "w4": ("2", "x2")}.items():
            value = getattr(ex, f"delta{d}")
            rows.append(
                (
                    f"(partial L)/(partial {symbol(weight)}) = delta_{d} dot {symbol(x)} = {fmt(value, 'delta')} dot "
                    f"{fmt(i[x], 'input')} = {fmt(ex.gradient(weight), 'gradient')}",
                    theme.GRADIENT,
                )
            )
        lines = self.panel(*rows)
        self.play(Write(lines[0]), run_time=2 * STEP)
        paths = {"w2": ["w6", "w2"], "w3": ["w5", "w3"], "w4": ["w6", "w4"]}
        for line, weight in zip(lines[1:], ("w2", "w3", "w4")):
            self.play(Write(line), run_time=STEP)
            self.gradient_onto_edge(weight, paths[weight], pulse=STEP, relabel=STEP)
        self.hold(1.5)
        self.play(FadeOut(lines), run_time=ARRIVE)

    def show_all_gradients(self) -> None:
        self.say(gradient_signs_key([self.ex.gradient(w) for w in WEIGHTS]))
        summary = VGroup(
            *(formula(f"(partial L)/(partial {symbol(w)}) = {fmt(self.ex.gradient(w), 'gradient')}", size=theme.BODY_SIZE, color=theme.GRADIENT) for w in WEIGHTS)
        )
        summary.arrange_in_grid(rows=3, cols=2, col_alignments="ll", buff=(0.6, 0.35), flow_order="dr").move_to(SUMMARY_AT)
        self.play(FadeIn(summary, lag_ratio=0.15), run_time=2)
        self.play(*(self.net.flow([w], theme.GRADIENT, backward=True) for w in WEIGHTS))
        self.hold(4.0)
