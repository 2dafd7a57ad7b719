"""The forward pass of the post's 2-2-1 network: how two inputs become a
prediction. Each hidden neuron's weighted sum z, the sigmoid squashing it
into an activation a, and the output's weighted sum of those, ŷ."""

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
    Mobject,
    ReplacementTransform,
    TransformFromCopy,
    VGroup,
    Write,
)

from mathcore import EDGES, WEIGHTS, sigmoid
from scenes.toolkit import (
    ExplainerScene,
    NetworkDiagram,
    example,
    formula,
    stack,
    symbol,
    theme,
)
from scenes.toolkit.theme import fmt

NET_AT = (-3.45, 0.1, 0)  # the network beside the formulas: its x₁ tag clear of the frame's edge
ALONE_SCALE = 1.2  # the network on its own, before the formula panel
ALONE_AT = (0, 0.3, 0)
TAG_SIZE = theme.BODY_SIZE  # the values beside the nodes: x, z, a, ŷ, y
DOT_RADIUS = 0.07  # two points on the sigmoid closer than two radii read as one
INTO_HIDDEN = [w for w in WEIGHTS if EDGES[w][1] != "y"]
INTO_OUTPUT = [w for w in WEIGHTS if EDGES[w][1] == "y"]
# Each hidden neuron's sum is written level with it, its z tag on its outer side.
SUM_TOP_LEFT = {"h1": (0.5, 2.2), "h2": (0.5, 0.2)}
Z_TAG_SIDE = {"h1": UP, "h2": DOWN}
OUTPUT_TOP_LEFT = (0.5, 1.6)
SIGMOID_AT = (3.5, 0.4, 0)  # the sigmoid's axes, in the formula panel's place
SIGMOID_WIDTH, SIGMOID_HEIGHT = 5.4, 3.0  # its z label right of the axis, clear of the frame's edge
ACTIVATIONS_AT = (3.5, -1.8, 0)  # a₁ = σ(z₁) under the curve, a₂ below it
ARRIVE = 0.4  # seconds: what a line names comes in within its first second
WEIGHTS_IN = 0.8  # seconds: the weights' labels fading in, before the line that names them
ACTIVATION_STEP = 0.55


def weights_key(weights: list[float]) -> str:
    """The weights line: it names red only if some weight is negative."""
    if all(w >= 0 for w in weights):
        return "weights_positive"
    if all(w < 0 for w in weights):
        return "weights_negative"
    return "weights"


def activations_key(apart: float) -> str:
    """Two points on the curve ``apart`` units apart overlap within two dot radii: say so."""
    return "activations" if apart > 2 * DOT_RADIUS else "activations_together"


class ForwardPass(ExplainerScene):
    section = "forward"

    def construct(self) -> None:
        self.ex = example()
        self.z_tags: dict[str, Mobject] = {}  # z1, z2 beside their neurons, until they become a1, a2
        self.sums: dict[str, VGroup] = {}
        self.show_title()
        self.show_network()
        self.show_inputs()
        self.show_weights()
        self.weighted_sum("h1")
        self.weighted_sum("h2")
        self.draw_sigmoid()
        self.read_activations()
        self.compute_output()
        self.conclude()

    def show_network(self) -> None:
        # Centred and large while it is all there is; it moves aside for the formulas.
        self.net = NetworkDiagram(scale=0.95).scale(ALONE_SCALE).move_to(ALONE_AT)
        self.say("network")
        self.play(Create(VGroup(*self.net.edges.values())), FadeIn(VGroup(*self.net.nodes.values())), run_time=1.5)
        self.hold(at_least=1.5)
        self.play(self.net.animate.scale(1 / ALONE_SCALE).move_to(NET_AT), run_time=0.8)

    def show_inputs(self) -> None:
        self.say("inputs")
        i = self.ex.inputs
        tags = [formula(f"{symbol(x)} = {fmt(i[x], 'input')}", size=TAG_SIZE, color=theme.INPUT) for x in ("x1", "x2")]
        tags[0].next_to(self.net.node("x1"), UP, buff=0.15)
        tags[1].next_to(self.net.node("x2"), DOWN, buff=0.15)
        self.play(*(Write(tag) for tag in tags))
        self.play(self.net.flow(INTO_HIDDEN, theme.INPUT))
        self.hold(1.5)

    def show_weights(self) -> None:
        i = self.ex.inputs
        self.weights = {w: float(i[w]) for w in WEIGHTS}
        labelled = NetworkDiagram.with_weights({w: i[w] for w in WEIGHTS}, "input").move_to(NET_AT)
        # Up before the line, which starts "the numbers on the lines are the weights".
        self.play(
            *(self.net.edges[w].animate.set_color(theme.weight_colour(v)) for w, v in self.weights.items()),
            *(FadeIn(label) for label in labelled.labels.values()),
            run_time=WEIGHTS_IN,
        )
        self.net.labels = labelled.labels
        self.say(weights_key(list(self.weights.values())))
        self.hold(2.5)

    def weighted_sum(self, node: str) -> None:
        """The sum into a hidden neuron, from the two edges that end at it."""
        z = f"z{node[1]}"
        self.say(z)
        i, b = self.ex.inputs, self.ex.before
        (wa, xa), (wb, xb) = ((w, EDGES[w][0]) for w in WEIGHTS if EDGES[w][1] == node)
        ta, tb = getattr(b, f"{wa}{xa}"), getattr(b, f"{wb}{xb}")
        lines = stack(
            formula(f"{symbol(z)} = {symbol(wa)} {symbol(xa)} + {symbol(wb)} {symbol(xb)}", color=theme.Z),
            formula(f"= {fmt(i[wa], 'input')} dot {fmt(i[xa], 'input')} + {fmt(i[wb], 'input')} dot {fmt(i[xb], 'input')}"),
            formula(f"= {fmt(ta, 'product')} + {fmt(tb, 'product')} = {fmt(getattr(b, z), 'z')}", color=theme.Z),
            top_left=SUM_TOP_LEFT[node],
        )
        self.play(*self.net.emphasise([wa, wb], theme.Z), self.net.flow([wa, wb], theme.Z))
        for mob in lines:
            self.play(Write(mob), run_time=1.0)
        tag = formula(f"{symbol(z)} = {fmt(getattr(b, z), 'z')}", size=TAG_SIZE, color=theme.Z)
        tag.next_to(self.net.node(node), Z_TAG_SIDE[node], buff=0.15)
        self.play(TransformFromCopy(lines[-1], tag), *self.net.relax({wa: self.weights[wa], wb: self.weights[wb]}))
        self.z_tags[z], self.sums[z] = tag, lines
        self.hold(2.0)

    def draw_sigmoid(self) -> None:
        self.say("sigmoid")
        self.play(FadeOut(self.sums["z1"]), FadeOut(self.sums["z2"]))
        self.axes = Axes(
            x_range=[-5, 5, 1], y_range=[0, 1, 1], x_length=SIGMOID_WIDTH, y_length=SIGMOID_HEIGHT,
            axis_config={"color": theme.MUTED, "include_tip": False},
        ).move_to(SIGMOID_AT)
        self.curve = self.axes.plot(lambda z: float(sigmoid(z)), color=theme.ACTIVATION)
        self.curve_labels = VGroup(
            formula("sigma(z) = 1 / (1 + e^(-z))", size=TAG_SIZE, color=theme.ACTIVATION).next_to(self.axes, UP, buff=0.25),
            formula("z", size=TAG_SIZE, color=theme.Z).next_to(self.axes.x_axis, RIGHT, buff=0.1),
            formula("1", size=TAG_SIZE, color=theme.MUTED).next_to(self.axes.c2p(0, 1), LEFT, buff=0.2),
            formula("0", size=TAG_SIZE, color=theme.MUTED).next_to(self.axes.c2p(0, 0), DOWN, buff=0.2),
        )
        self.play(Create(self.axes), Create(self.curve), FadeIn(self.curve_labels), run_time=2)
        self.hold(1.5)

    def read_activations(self) -> None:
        """Each z up to the curve, its a read off it; the z tags become a tags."""
        b, axes = self.ex.before, self.axes
        self.say(activations_key(abs(axes.c2p(float(b.z1), 0)[0] - axes.c2p(float(b.z2), 0)[0])))
        readouts, dots, drops = [], [], []
        for k, (z, a) in enumerate(((b.z1, b.a1), (b.z2, b.a2)), start=1):
            point = axes.c2p(float(z), float(a))
            dots.append(Dot(point, color=theme.ACTIVATION, radius=DOT_RADIUS))
            drops.append(DashedLine(axes.c2p(float(z), 0), point, color=theme.Z, stroke_width=2))
            readout = formula(f"a_{k} = sigma({fmt(z, 'z')}) = {fmt(a, 'a')}", size=TAG_SIZE, color=theme.ACTIVATION)
            readout.move_to(ACTIVATIONS_AT).shift((k - 1) * ACTIVATION_STEP * DOWN)
            tag = formula(f"a_{k} = {fmt(a, 'a')}", size=TAG_SIZE, color=theme.ACTIVATION)
            tag.move_to(self.z_tags[f"z{k}"])
            self.play(Create(drops[-1]), FadeIn(dots[-1], scale=2))
            self.play(Write(readout), ReplacementTransform(self.z_tags[f"z{k}"], tag))
            readouts.append(readout)
        self.hold(2.0)
        # Gone before the next line, which writes its sum in their place.
        self.play(FadeOut(VGroup(self.axes, self.curve, self.curve_labels, *readouts, *dots, *drops)), run_time=0.5)

    def compute_output(self) -> None:
        """The output's sum starts with the line, as the pulse reaches ŷ."""
        self.say("output")
        i, b = self.ex.inputs, self.ex.before
        lines = stack(
            formula("hat(y)_1 = w_5 a_1 + w_6 a_2"),
            formula(f"= {fmt(i['w5'], 'input')} dot {fmt(b.a1, 'a')} + {fmt(i['w6'], 'input')} dot {fmt(b.a2, 'a')}"),
            formula(f"= {fmt(b.w5a1, 'product')} + {fmt(b.w6a2, 'product')} = {fmt(b.y_hat, 'y_hat')}"),
            top_left=OUTPUT_TOP_LEFT,
        )
        self.play(*self.net.emphasise(INTO_OUTPUT, theme.OUTPUT), self.net.flow(INTO_OUTPUT, theme.OUTPUT), Write(lines[0]))
        for mob in lines[1:]:
            self.play(Write(mob), run_time=0.8)
        self.y_tag = formula(f"hat(y)_1 = {fmt(b.y_hat, 'y_hat')}", size=TAG_SIZE)
        # From the node's left edge rightward: centred, it would stand in a row with w6's label.
        self.y_tag.next_to(self.net.node("y"), DOWN, buff=0.2).align_to(self.net.node("y"), LEFT)
        self.play(TransformFromCopy(lines[-1], self.y_tag), *self.net.relax({w: self.weights[w] for w in INTO_OUTPUT}), run_time=0.8)
        self.hold(2.0)

    def conclude(self) -> None:
        b, i = self.ex.before, self.ex.inputs
        self.say("done", y_hat=fmt(b.y_hat, "y_hat"), y1=fmt(i["y1"], "input"))
        target = formula(f"y_1 = {fmt(i['y1'], 'input')}", size=TAG_SIZE, color=theme.TARGET).next_to(self.y_tag, DOWN, buff=0.25).align_to(self.y_tag, LEFT)
        self.play(FadeIn(target, shift=0.2 * DOWN), run_time=ARRIVE)
        self.hold(3.5)
