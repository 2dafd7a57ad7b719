"""The forward pass of the post's 2-2-1 network: weighted sums, sigmoid, ŷ."""

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    ReplacementTransform,
    TransformFromCopy,
    VGroup,
    Write,
)

from mathcore import sigmoid
from scenes.toolkit import (
    ExplainerScene,
    NetworkDiagram,
    example,
    formula,
    stack,
    symbol,
    theme,
)
from scenes.toolkit.layout import LEFT_PANEL
from scenes.toolkit.theme import fmt

ALONE_SCALE = 1.35  # the network on its own, before the formula panel
DOT_RADIUS = 0.07  # two points on the sigmoid closer than two radii read as one


def weights_key(weights: list[float]) -> str:
    """The weights line: it names red only if some weight is negative."""
    if all(w >= 0 for w in weights):
        return "forward.weights_positive"
    if all(w < 0 for w in weights):
        return "forward.weights_negative"
    return "forward.weights"


class ForwardPass(ExplainerScene):
    def construct(self) -> None:
        self.ex = example()
        self.show_title("forward.title")
        self.show_network()
        self.show_inputs()
        self.show_weights()
        self.weighted_sum("h1", "z1", ("w1", "x1"), ("w3", "x2"), "forward.z1")
        self.weighted_sum("h2", "z2", ("w2", "x1"), ("w4", "x2"), "forward.z2")
        self.squash_with_sigmoid()
        self.compute_output()
        self.conclude()

    def show_network(self) -> None:
        # Centred and large while it is all there is; it moves aside for the formulas.
        self.net = NetworkDiagram(scale=0.95).scale(ALONE_SCALE).move_to([0, 0.3, 0])
        self.say("forward.network")
        self.play(Create(VGroup(*self.net.edges.values())), FadeIn(VGroup(*self.net.nodes.values())), run_time=1.5)
        self.hold(at_least=1.5)
        self.play(self.net.animate.scale(1 / ALONE_SCALE).move_to(LEFT_PANEL), run_time=0.8)

    def show_inputs(self) -> None:
        self.say("forward.inputs")
        i = self.ex.inputs
        tags = [formula(f"{n[0]}_{n[1]} = {fmt(i[n], 'input')}", size=theme.LABEL_SIZE, color=theme.INPUT) for n in ("x1", "x2")]
        tags[0].next_to(self.net.node("x1"), UP, buff=0.15)
        tags[1].next_to(self.net.node("x2"), DOWN, buff=0.15)
        self.play(*(Write(tag) for tag in tags))
        self.play(self.net.flow(["w1", "w2", "w3", "w4"], theme.INPUT))
        self.wait(1.5)

    def show_weights(self) -> None:
        i = self.ex.inputs
        self.weights = {w: float(i[w]) for w in ("w1", "w2", "w3", "w4", "w5", "w6")}
        self.say(weights_key(list(self.weights.values())))
        labelled = NetworkDiagram.with_weights({w: i[w] for w in self.weights}, "input").move_to(LEFT_PANEL)
        self.play(
            *(self.net.edges[w].animate.set_color(theme.weight_colour(v)) for w, v in self.weights.items()),
            *(FadeIn(label) for label in labelled.labels.values()),
            run_time=1.5,
        )
        self.net.labels = labelled.labels
        self.wait(2.5)

    def weighted_sum(self, node: str, z: str, first: tuple[str, str], second: tuple[str, str], line: str) -> None:
        self.say(line)
        i, b = self.ex.inputs, self.ex.before
        (wa, xa), (wb, xb) = first, second
        ta, tb = getattr(b, f"{wa}{xa}"), getattr(b, f"{wb}{xb}")
        lines = stack(
            formula(f"{symbol(z)} = {symbol(wa)} {symbol(xa)} + {symbol(wb)} {symbol(xb)}", color=theme.Z),
            formula(f"= {fmt(i[wa], 'input')} dot {fmt(i[xa], 'input')} + {fmt(i[wb], 'input')} dot {fmt(i[xb], 'input')}"),
            formula(f"= {fmt(ta, 'product')} + {fmt(tb, 'product')} = {fmt(getattr(b, z), 'z')}", color=theme.Z),
            top_left=(0.5, 2.2 if node == "h1" else 0.2),
        )
        self.play(*self.net.emphasise([wa, wb], theme.Z), self.net.flow([wa, wb], theme.Z))
        for mob in lines:
            self.play(Write(mob), run_time=1.0)
        tag = formula(f"{symbol(z)} = {fmt(getattr(b, z), 'z')}", size=theme.LABEL_SIZE, color=theme.Z)
        tag.next_to(self.net.node(node), DOWN if node == "h2" else DOWN * -1, buff=0.15)
        self.play(TransformFromCopy(lines[-1], tag), *self.net.relax({wa: self.weights[wa], wb: self.weights[wb]}))
        setattr(self, f"{z}_tag", tag)
        setattr(self, f"{z}_lines", lines)
        self.wait(2.0)

    def squash_with_sigmoid(self) -> None:
        self.say("forward.sigmoid")
        self.play(FadeOut(self.z1_lines), FadeOut(self.z2_lines))
        axes = Axes(
            x_range=[-5, 5, 1], y_range=[0, 1, 1], x_length=5.8, y_length=3.0,
            axis_config={"color": theme.MUTED, "include_tip": False},
        ).move_to([3.6, 0.4, 0])
        curve = axes.plot(lambda z: float(sigmoid(z)), color=theme.ACTIVATION)
        labels = VGroup(
            formula("sigma(z) = 1 / (1 + e^(-z))", size=theme.LABEL_SIZE, color=theme.ACTIVATION).next_to(axes, DOWN * -1, buff=0.25),
            formula("z", size=theme.SMALL_SIZE, color=theme.Z).next_to(axes.x_axis, RIGHT, buff=0.1),
            formula("1", size=theme.SMALL_SIZE, color=theme.MUTED).next_to(axes.c2p(0, 1), LEFT, buff=0.2),
            formula("0", size=theme.SMALL_SIZE, color=theme.MUTED).next_to(axes.c2p(0, 0), DOWN, buff=0.2),
        )
        self.play(Create(axes), Create(curve), FadeIn(labels), run_time=2)
        self.wait(1.5)
        b = self.ex.before
        apart = abs(axes.c2p(float(b.z1), 0)[0] - axes.c2p(float(b.z2), 0)[0])
        self.say("forward.activations" if apart > 2 * DOT_RADIUS else "forward.activations_together")
        readouts = []
        for k, (z, a) in enumerate(((b.z1, b.a1), (b.z2, b.a2)), start=1):
            point = axes.c2p(float(z), float(a))
            dot = Dot(point, color=theme.ACTIVATION, radius=DOT_RADIUS)
            drop = DashedLine(axes.c2p(float(z), 0), point, color=theme.Z, stroke_width=2)
            readout = formula(f"a_{k} = sigma({fmt(z, 'z')}) = {fmt(a, 'a')}", size=theme.LABEL_SIZE, color=theme.ACTIVATION)
            readout.move_to([3.6, -1.8 - 0.55 * (k - 1), 0])
            tag = formula(f"a_{k} = {fmt(a, 'a')}", size=theme.LABEL_SIZE, color=theme.ACTIVATION)
            ztag = getattr(self, f"z{k}_tag")
            tag.move_to(ztag)
            self.play(Create(drop), FadeIn(dot, scale=2))
            self.play(Write(readout), ReplacementTransform(ztag, tag))
            readouts.append(readout)
        self.sigmoid_panel = VGroup(axes, curve, labels, *readouts, *self.mobjects_of_type(Dot), *self.mobjects_of_type(DashedLine))
        self.wait(2.0)

    def mobjects_of_type(self, kind: type) -> list:
        return [m for m in self.mobjects if isinstance(m, kind)]

    def compute_output(self) -> None:
        self.say("forward.output")
        self.play(FadeOut(self.sigmoid_panel))
        i, b = self.ex.inputs, self.ex.before
        lines = stack(
            formula("hat(y)_1 = w_5 a_1 + w_6 a_2"),
            formula(f"= {fmt(i['w5'], 'input')} dot {fmt(b.a1, 'a')} + {fmt(i['w6'], 'input')} dot {fmt(b.a2, 'a')}"),
            formula(f"= {fmt(b.w5a1, 'product')} + {fmt(b.w6a2, 'product')} = {fmt(b.y_hat, 'y_hat')}"),
            top_left=(0.5, 1.6),
        )
        self.play(*self.net.emphasise(["w5", "w6"], theme.OUTPUT), self.net.flow(["w5", "w6"], theme.OUTPUT))
        for mob in lines:
            self.play(Write(mob))
        self.y_tag = formula(f"hat(y)_1 = {fmt(b.y_hat, 'y_hat')}", size=theme.LABEL_SIZE).next_to(self.net.node("y"), DOWN, buff=0.2)
        self.play(TransformFromCopy(lines[-1], self.y_tag), *self.net.relax({w: self.weights[w] for w in ("w5", "w6")}))
        self.wait(2.5)

    def conclude(self) -> None:
        b, i = self.ex.before, self.ex.inputs
        self.say("forward.done", y_hat=fmt(b.y_hat, "y_hat"), y1=fmt(i["y1"], "input"))
        target = formula(f"y_1 = {fmt(i['y1'], 'input')}", size=theme.LABEL_SIZE, color=theme.TARGET).next_to(self.y_tag, DOWN, buff=0.25)
        self.play(FadeIn(target, shift=0.2 * DOWN))
        self.wait(3.5)
