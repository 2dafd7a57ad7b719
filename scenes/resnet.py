"""ResNet (2015), its step forward: why depth was hard and what the skip
connection changed. Through a deep plain stack of sigmoid layers the gradient
dies, and with identity skips it survives; on real digits the deeper plain
network trains worse while the residual one does not; the block
y = F(x) + x hands the gradient straight back; the bottleneck block keeps
the weights down; ResNet-18/34/50/152 side by side.

Every number comes from mathcore (``reasons.depth_gradients``, the
``degradation`` experiment, the layer specs, ``ARCHITECTURES``), and each
sentence that states a fact about a number is picked by that number (the
``*_key`` functions below)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    Line,
    Mobject,
    Rectangle,
    RoundedRectangle,
    Text,
    VGroup,
)

from mathcore.dense.activations import sigmoid_prime
from mathcore.learn import Degradation, DegradationRun
from mathcore.lineage import ARCHITECTURES, Architecture
from mathcore.lineage.reasons import DepthGradients, depth_gradients
from mathcore.lineage.specs import Conv, LayerRow
from mathcore.post import WorkedExample
from scenes.toolkit import (
    ExplainerScene,
    example,
    formula,
    layout,
    results,
    text,
    theme,
)
from scenes.toolkit.theme import fmt, fmt_int, fmt_percent, fmt_sci, fmt_si

DEPTH = 20  # layers in the stacks whose gradients are compared
FAMILY = ("resnet18", "resnet34", "resnet50", "resnet152")
# The bottleneck is ResNet-50's second block of its first stage: identity
# shortcut, so its input and output have the same number of channels.
BOTTLENECK_BLOCK = ("resnet50", "layer1.1")

# One meaning per colour: a gradient's size GRADIENT (the bars, the ratios,
# the way back past the block), σ′ and ReLU ACTIVATION, parameters PARAMS,
# a number of layers DEPTH. Plain against residual is the same pair in every
# chart: a plain stack MUTED, with skips (and everything residual) SKIP.
PLAIN, SKIP = theme.MUTED, theme.SKIP
COLUMN_COLOUR = {"depth": theme.DEPTH, "params": theme.PARAMS, "macs": theme.MACS, "top1": theme.ACCURACY}

# What a line names comes up in the play right after its caption (0.5 s):
# this fast, so it is on screen within a second of the line's start.
ARRIVE = 0.4

# The opening steps are text alone, centred on the stage.
HEADLINE_AT = (0, 0.2, 0)  # the depth of the deepest ResNet, over what it counts
ARGUMENT_AT = (0, 0.3, 0)  # the four lines of the σ′ argument

# Gradient bars: two panels side by side under one log axis (x of each
# panel's left edge). Over each panel, top down: its name, its last/first
# ratio, a row for a note (orders of magnitude; ReLU's gradient); the layer
# numbers under it. The axis' name stands rotated at the frame's left.
PANEL_X = (-5.1, 1.2)
PANEL_WIDTH = 4.7
BAR_TOP, BAR_BOTTOM = 1.05, -1.95
BAR_FILL = 0.72  # a bar's share of its layer's slot
PANEL_NAME_Y, PANEL_RATIO_Y = 2.5, 2.0  # a panel's name, and its last/first ratio under it
NOTE_Y = 1.42  # a panel's note, between its ratio and its bars
AXIS_X = PANEL_X[0] - 0.2  # the log axis, just left of the plain panel
AXIS_NAME_X = -6.42  # the axis' name, rotated, clear of the frame's edge
DECADE_STEP = 4  # label every fourth power of ten: four or five labels fit the axis

# The degradation plot: depth on the x axis (one step per doubling), the loss up.
PLOT_X, PLOT_Y, PLOT_W, PLOT_H = -4.2, -1.65, 6.4, 3.8
LOSS_STEP = 0.5  # the loss axis is labelled every half unit
END_GAP = 0.35  # least height between the two curves' end labels
CROSS_ABOVE = 0.45  # a diverged run's cross, above the plot's top

# The residual block, left to right on one line, the skip arching above it;
# the two layers far enough apart for "ReLU" over the arrow between them.
BLOCK_Y, SKIP_Y = 0.6, 1.95
INPUT_X, SPLIT_X = -6.1, -5.35  # x, and the dot where the skip leaves the line
LAYER_XS = (-3.7, -0.4)  # the two weight layers
PLUS_X, OUTPUT_X = 1.6, 3.2  # ⊕, where the skip comes back, and y
EQUATION_AT = (-1.5, -1.1, 0)  # y = F(x) + x, under the block

# The bottleneck: its stack on the left (the input arrow clears the title,
# the output the caption), the weights per block as bars on the right.
BOTTLENECK_AT = (-4.0, 0.35, 0.0)
WEIGHTS_X = 0.4  # the bars' left edge, their names' and their header's
WEIGHTS_HEADER_Y = 2.3
WEIGHT_ROW_TOP, WEIGHT_ROW_STEP = 1.35, 1.25
WEIGHT_BAR_MAX = 4.3  # the most weights: the longest bar

# The ResNet family: a name column and four bar columns.
NAME_X = -6.6
COLUMN_X = {"depth": -3.9, "params": -1.3, "macs": 1.3, "top1": 3.9}
FAMILY_TOP, FAMILY_ROW_STEP = 1.25, 0.95
FAMILY_HEADER_Y = FAMILY_TOP + 0.8
COLUMN_BAR_MAX = 1.45  # the widest bar of a column, leaving room for its label
FAMILY_ARRIVES = 0.8  # s: the four columns together, early in the line that names them


# --- numbers as the screen shows them -------------------------------------------------


def orders_between(big: float, small: float) -> int:
    """Whole orders of magnitude by which ``big`` exceeds ``small``: the n in
    "over n orders of magnitude"."""
    return math.floor(math.log10(big / small))


def loss_text(run: DegradationRun) -> str:
    return fmt(run.train_loss, "train_loss")  # type: ignore[arg-type]


def growth(new: float, old: float) -> float:
    return new / old - 1


def runs_of(result: Degradation, residual: bool) -> list[DegradationRun]:
    """The plain (or residual) runs, shallowest first."""
    return sorted((r for r in result.runs if r.residual == residual), key=lambda r: r.depth)


# --- which sentence the numbers allow -------------------------------------------------


def gradient_key(grads: DepthGradients) -> str:
    """Layer 1's gradient against the last layer's: more than ten times
    smaller ("vanishes"), more than ten times larger ("grows"), or of the
    same order."""
    prefix = "skip" if grads.residual else "plain"
    first, last = grads.norms[0], grads.norms[-1]
    if orders_between(last, first) >= 1:
        return f"{prefix}_vanishes"
    if orders_between(first, last) >= 1:
        return f"{prefix}_grows"
    return f"{prefix}_same"


def gradient_orders(grads: DepthGradients) -> int:
    first, last = grads.norms[0], grads.norms[-1]
    return abs(orders_between(max(first, last), min(first, last)))


def relu_size(grads: DepthGradients) -> int:
    """The typical gradient of the ReLU stack with skips, as a power of ten."""
    return round(math.log10(float(np.median(grads.norms))))


def relu_key(grads: DepthGradients) -> str:
    return "relu_grows" if relu_size(grads) >= 2 else "relu_tame"


def depth_key(result: Degradation, residual: bool) -> str:
    """Whether the deepest network of a kind ends with a higher training loss
    (as shown, two decimals) than the shallowest; a diverged run is said so."""
    prefix = "res" if residual else "plain"
    runs = runs_of(result, residual)
    shallow, deep = runs[0], runs[-1]
    if deep.diverged is not None:
        return f"{prefix}_diverged"
    if shallow.diverged is None and round(deep.train_loss, 2) > round(shallow.train_loss, 2):  # type: ignore[arg-type]
        return f"{prefix}_worse"
    return f"{prefix}_not_worse"


def bottleneck_key(bottleneck: int, basic_narrow: int) -> str:
    return "bottle_fewer" if bottleneck < basic_narrow else "bottle_more"


def family_key(archs: Sequence[Architecture]) -> str:
    """Whether top-1 rises with every step in depth."""
    ordered = sorted(archs, key=lambda a: a.weight_layers)
    rises = all(round(b.top1, 1) > round(a.top1, 1) for a, b in pairwise(ordered))  # type: ignore[arg-type]
    return "fam_deeper_better" if rises else "fam_mixed"


def bottleneck_family_key(basic: Architecture, bottleneck: Architecture) -> str:
    """Whether the parameters grow by a smaller share than the depth, from the
    deepest basic-block ResNet to the shallowest bottleneck one."""
    slower = growth(bottleneck.params, basic.params) < growth(bottleneck.weight_layers, basic.weight_layers)
    return "fam_bottleneck" if slower else "fam_bottleneck_not"


# --- the video ------------------------------------------------------------------------


class ResNet(ExplainerScene):
    section = "resnet"

    def construct(self) -> None:
        self.family = [ARCHITECTURES[a] for a in FAMILY]
        self.title = self.show_title()
        self.intro()
        self.sigmoid_factor()
        self.gradient_panels()
        self.relu_with_skips()
        self.degradation()
        self.residual_block()
        self.gradient_past_the_block()
        self.bottleneck()
        self.bottleneck_weights()
        self.family_columns()
        self.family_verdicts()

    def small(self, key: str, colour=theme.MUTED, size: float = theme.SMALL_SIZE, **values: object) -> Text:  # type: ignore[no-untyped-def]
        return text(self.s(key, **values), size=size, color=colour)

    @staticmethod
    def axis_text(content: str) -> Text:
        return text(content, size=theme.AXIS_SIZE, color=theme.MUTED)

    # 1. What ResNet did.

    def intro(self) -> None:
        deepest = max(self.family, key=lambda a: a.weight_layers)
        self.say("intro", year=deepest.year, depth=deepest.weight_layers)
        self.headline = VGroup(
            text(str(deepest.weight_layers), size=theme.HERO_SIZE, bold=True, color=theme.DEPTH),
            text(self.s("layers_of", name=deepest.name, year=deepest.year), size=theme.BODY_SIZE, color=theme.MUTED),
        ).arrange(DOWN, buff=0.3).move_to(HEADLINE_AT)
        self.play(FadeIn(self.headline, scale=0.8), run_time=ARRIVE)
        self.hold()

    # 2. Why depth was hard: σ′ at every layer.

    def sigmoid_factor(self) -> None:
        self.plain = depth_gradients(depth=DEPTH, activation="sigmoid", residual=False)
        self.skips = depth_gradients(depth=DEPTH, activation="sigmoid", residual=True)
        depth = len(self.plain.norms)
        bound = float(sigmoid_prime(np.array(0.0)))  # σ′ peaks at z = 0
        worked = example()
        lines = self.sigmoid_argument(depth, bound, worked)
        chain_line, bound_line, example_line, product_line = lines
        self.play(FadeOut(self.headline), run_time=0.5)  # the intro read, its number leaves before the next line
        self.say("grad_chain", depth=depth)
        self.play(FadeIn(chain_line), FadeIn(bound_line, shift=0.2 * UP), run_time=ARRIVE)
        self.hold()
        self.say("grad_bound", bound=fmt(bound, "slope"), example=worked.sigmoid_prime1)
        self.play(FadeIn(example_line, shift=0.2 * UP), run_time=ARRIVE)
        self.hold()
        self.say("grad_product", depth=depth, orders=orders_between(1.0, bound**depth))
        self.play(FadeIn(product_line, shift=0.2 * UP), run_time=ARRIVE)
        self.hold()
        self.play(FadeOut(lines), run_time=0.5)

    def sigmoid_argument(self, depth: int, bound: float, worked: WorkedExample) -> VGroup:
        """One σ′ per layer; σ′ at most ``bound``; the worked example's σ′;
        their product over ``depth`` layers."""
        product = bound**depth
        example_line = VGroup(
            text(self.s("example_label"), size=theme.LABEL_SIZE, color=theme.MUTED),
            formula(f"sigma'_1 = a_1 (1 - a_1) = {worked.before.a1} dot {1 - worked.before.a1} = {worked.sigmoid_prime1}", color=theme.ACTIVATION),
        ).arrange(RIGHT, buff=0.35)
        product_line = VGroup(
            formula(f"({fmt(bound, 'slope')})^({depth}) approx {fmt_sci(product)}", color=theme.ACTIVATION),  # σ′ at most, over every layer
            self.small("orders_smaller", theme.GRADIENT, orders=orders_between(1.0, product)),  # what that does to the gradient
        ).arrange(RIGHT, buff=0.4)
        chain_line = self.small("chain_label", depth=depth)
        bound_line = formula(f"sigma' = a(1 - a) <= {fmt(bound, 'slope')}", color=theme.ACTIVATION)
        return VGroup(chain_line, bound_line, example_line, product_line).arrange(DOWN, buff=0.55).move_to(ARGUMENT_AT)

    # 3. The gradient per layer, plain and with skips, on one log axis.

    def gradient_panels(self) -> None:
        norms = self.plain.norms + self.skips.norms
        self.low, self.high = math.floor(math.log10(min(norms))), math.ceil(math.log10(max(norms)))
        axis = self.log_axis()
        plain, plain_label = self.panel(self.plain, PANEL_X[0], "plain_label", PLAIN)
        skips, skips_label = self.panel(self.skips, PANEL_X[1], "skip_label", SKIP)
        depth = len(self.plain.norms)
        self.notes: dict[bool, Text] = {}  # each panel's orders-of-magnitude note, by residual
        for grads, bars, label in ((self.plain, plain, plain_label), (self.skips, skips, skips_label)):
            key = gradient_key(grads)
            self.say(key, orders=gradient_orders(grads), depth=depth)
            # What the line says (layer 1, the orders of magnitude) arrives with it; the bars grow after.
            arriving = [FadeIn(axis)] if grads is self.plain else []
            if not key.endswith("_same"):
                self.notes[grads.residual] = self.orders_note(grads, bars, key)
                arriving.append(FadeIn(self.notes[grads.residual]))
            self.play(*arriving, FadeIn(label), run_time=ARRIVE)
            self.play(GrowFromEdge(bars, DOWN), run_time=1.0)
            self.hold()

    def orders_note(self, grads: DepthGradients, bars: VGroup, key: str) -> Text:
        """Over the panel's bars, from its left edge, where the plain stack's first bars are short."""
        word = "orders_smaller" if key.endswith("_vanishes") else "orders_larger"
        return self.small(word, theme.GRADIENT, orders=gradient_orders(grads)).move_to([bars.get_left()[0], NOTE_Y, 0], aligned_edge=LEFT)

    def relu_with_skips(self) -> None:
        relu = depth_gradients(depth=DEPTH, activation="relu", residual=True)
        typical = fmt_int(10 ** relu_size(relu))
        self.say(relu_key(relu), size=typical)
        # In the skip panel's note row, which it continues (under that panel's own note, if it has one).
        note = self.small("relu_label", theme.GRADIENT, gradient=typical).move_to([PANEL_X[1] + PANEL_WIDTH / 2, NOTE_Y, 0])
        if True in self.notes:
            note.next_to(self.notes[True], DOWN, buff=0.1, aligned_edge=LEFT)
        self.play(FadeIn(note), run_time=ARRIVE)
        self.hold()

    def bar_height(self, value: float) -> float:
        share = (math.log10(value) - self.low) / (self.high - self.low)
        return share * (BAR_TOP - BAR_BOTTOM)

    def log_axis(self) -> VGroup:
        """The shared log axis: a tick per decade, every DECADE_STEP-th labelled
        as a power of ten with a faint guide across both panels."""
        per_decade = (BAR_TOP - BAR_BOTTOM) / (self.high - self.low)
        axis = VGroup(Line([AXIS_X, BAR_BOTTOM, 0], [AXIS_X, BAR_TOP, 0], color=theme.MUTED, stroke_width=2))
        right = PANEL_X[1] + PANEL_WIDTH
        for e in range(self.low, self.high + 1):
            y = BAR_BOTTOM + (e - self.low) * per_decade
            axis.add(Line([AXIS_X - 0.08, y, 0], [AXIS_X, y, 0], color=theme.MUTED, stroke_width=2))
            if e % DECADE_STEP == 0:
                axis.add(formula(f"10^({e})", size=theme.BODY_SIZE, color=theme.MUTED).next_to([AXIS_X - 0.08, y, 0], LEFT, buff=0.1))
                axis.add(DashedLine([AXIS_X, y, 0], [right, y, 0], color=theme.MUTED, stroke_width=1, stroke_opacity=0.4, dash_length=0.08))
        name = self.small("grad_axis", size=theme.AXIS_SIZE).rotate(math.pi / 2)
        return axis.add(name.move_to([AXIS_NAME_X, (BAR_TOP + BAR_BOTTOM) / 2, 0]))

    def panel(self, grads: DepthGradients, left: float, label: str, colour) -> tuple[VGroup, VGroup]:  # type: ignore[no-untyped-def]
        """A bar of ‖∂L/∂W_k‖ per layer on a base line in the kind's colour,
        the kind's name and the ratio last/first above, the layer numbers below."""
        count = len(grads.norms)
        step = PANEL_WIDTH / count
        bars = VGroup(
            *(Rectangle(width=step * BAR_FILL, height=self.bar_height(v), stroke_width=0, fill_color=theme.GRADIENT, fill_opacity=0.85)
              .move_to([left + (k + 0.5) * step, BAR_BOTTOM, 0], aligned_edge=DOWN) for k, v in enumerate(grads.norms))
        )
        ratio = grads.norms[-1] / grads.norms[0]
        first, last = 1, count  # layers are numbered from the input
        centre = left + PANEL_WIDTH / 2
        header = VGroup(
            text(self.s(label), size=theme.LABEL_SIZE, color=colour, bold=True).move_to([centre, PANEL_NAME_Y, 0]),
            formula(f"norm(g_({last})) slash norm(g_({first})) approx {fmt_sci(ratio)}", size=theme.BODY_SIZE, color=theme.GRADIENT).move_to([centre, PANEL_RATIO_Y, 0]),
        )
        base = Line([left, BAR_BOTTOM, 0], [left + PANEL_WIDTH, BAR_BOTTOM, 0], color=colour, stroke_width=4)
        ticks = VGroup(
            self.axis_text(str(first)).next_to(bars[0], DOWN, buff=0.12),
            self.axis_text(str(last)).next_to(bars[-1], DOWN, buff=0.12),
        )
        ticks.add(self.axis_text(self.s("layer_axis")).move_to([centre, ticks[0].get_y(), 0]))
        return bars, VGroup(header, base, ticks)

    # 4. The degradation experiment on real digits.

    def degradation(self) -> None:
        result = results("degradation")
        plain, residual = runs_of(result, False), runs_of(result, True)
        depths = [r.depth for r in plain]
        losses = [r.train_loss for r in (*plain, *residual) if r.diverged is None]
        self.loss_top = LOSS_STEP * max(1, math.ceil(max(losses, default=LOSS_STEP) / LOSS_STEP))  # type: ignore[type-var, operator]
        self.clear_stage(self.title)  # the panels read, they leave before the next line
        self.say("deg_intro", depths=self.s("list_separator").join(map(str, depths)))
        self.play(FadeIn(self.loss_axes(depths, result.epochs)), run_time=ARRIVE)
        self.hold()
        previous: Mobject | None = None
        for runs, colour, line_key, residual_kind in ((plain, PLAIN, "plain_line", False), (residual, SKIP, "residual_line", True)):
            shallow, deep = runs[0], runs[-1]
            self.say(depth_key(result, residual_kind), shallow=self.loss_or_diverged(shallow), deep=self.loss_or_diverged(deep), d0=shallow.depth, d1=deep.depth)
            previous = self.draw_curve(runs, colour, line_key, previous)
            self.hold()

    def draw_curve(self, runs: list[DegradationRun], colour, line_key: str, previous: Mobject | None) -> Mobject:  # type: ignore[no-untyped-def]
        """A kind's curve with its end label (the loss its line says), kept
        apart from the other kind's (``previous``)."""
        curve, end = self.loss_curve(runs, colour, line_key)
        if previous is not None and abs(end.get_y() - previous.get_y()) < END_GAP:
            end.set_y(previous.get_y() + (END_GAP if end.get_y() >= previous.get_y() else -END_GAP))
        self.play(Create(curve), FadeIn(end), run_time=ARRIVE)
        return end

    def loss_or_diverged(self, run: DegradationRun) -> str:
        return self.s("diverged") if run.diverged is not None else loss_text(run)

    def plot_point(self, i: int, count: int, loss: float) -> np.ndarray:
        """Depth index i of ``count`` (evenly spaced: each doubles the last) and a loss."""
        return np.array([PLOT_X + (i + 0.5) * PLOT_W / count, PLOT_Y + loss / self.loss_top * PLOT_H, 0.0])

    def loss_axes(self, depths: list[int], epochs: int) -> VGroup:
        # The depth axis stops just past the last point: the end labels beside it stay off the line.
        end = self.plot_point(len(depths) - 1, len(depths), 0.0)[0] + 0.15
        frame = VGroup(
            Line([PLOT_X, PLOT_Y, 0], [end, PLOT_Y, 0], color=theme.MUTED, stroke_width=2),
            Line([PLOT_X, PLOT_Y, 0], [PLOT_X, PLOT_Y + PLOT_H, 0], color=theme.MUTED, stroke_width=2),
        )
        for i, d in enumerate(depths):
            x = self.plot_point(i, len(depths), 0.0)
            frame.add(Line(x, x + 0.08 * DOWN, color=theme.MUTED, stroke_width=2), self.axis_text(str(d)).next_to(x, DOWN, buff=0.15))
        for k in range(round(self.loss_top / LOSS_STEP) + 1):
            y = PLOT_Y + k * LOSS_STEP / self.loss_top * PLOT_H
            frame.add(Line([PLOT_X - 0.08, y, 0], [PLOT_X, y, 0], color=theme.MUTED, stroke_width=2))
            frame.add(self.axis_text(fmt(k * LOSS_STEP, "train_loss")).next_to([PLOT_X - 0.08, y, 0], LEFT, buff=0.1))
        frame.add(self.axis_text(self.s("depth_axis")).next_to(frame, DOWN, buff=0.1))
        frame.add(self.axis_text(self.s("loss_axis", epochs=epochs)).next_to([PLOT_X, PLOT_Y + PLOT_H, 0], UP, buff=0.2, aligned_edge=LEFT))
        return frame

    def loss_curve(self, runs: list[DegradationRun], colour, line_key: str) -> tuple[VGroup, Mobject]:  # type: ignore[no-untyped-def]
        """Dots joined where neighbouring runs both trained; a diverged run is a
        cross above the plot, labelled, not a point."""
        count = len(runs)
        points = [None if r.diverged is not None else self.plot_point(i, count, r.train_loss) for i, r in enumerate(runs)]  # type: ignore[arg-type]
        curve = VGroup()
        for a, b in pairwise(points):
            if a is not None and b is not None:
                curve.add(Line(a, b, color=colour, stroke_width=5))
        for i, p in enumerate(points):
            if p is None:
                curve.add(*self.diverged_mark(self.plot_point(i, count, self.loss_top) + CROSS_ABOVE * UP, colour))
            else:
                curve.add(Dot(p, radius=0.07, color=colour))
        # The last point, or the last cross (whose own label says "diverged").
        if points[-1] is not None:
            end = text(f"{self.s(line_key)}  {loss_text(runs[-1])}", size=theme.SMALL_SIZE, color=colour).next_to(curve[-1], RIGHT, buff=0.2)
        else:
            end = text(self.s(line_key), size=theme.SMALL_SIZE, color=colour).next_to(curve[-2], RIGHT, buff=0.2)
        return curve, end

    def diverged_mark(self, at: np.ndarray, colour) -> tuple[VGroup, Text]:  # type: ignore[no-untyped-def]
        """A cross at ``at`` and the word "diverged" over it."""
        arm = 0.12
        cross = VGroup(Line(at + arm * (UP + LEFT), at + arm * (DOWN + RIGHT)), Line(at + arm * (UP + RIGHT), at + arm * (DOWN + LEFT)))
        return cross.set_color(colour), self.small("diverged", colour, theme.AXIS_SIZE).next_to(cross, UP, buff=0.08)

    # 5. The residual block: y = F(x) + x.

    def residual_block(self) -> None:
        self.clear_stage(self.title)
        self.say("block_idea")
        x_label = formula("x", size=theme.HEADING_SIZE).move_to([INPUT_X, BLOCK_Y, 0])
        self.junction = Dot([SPLIT_X, BLOCK_Y, 0], radius=0.06, color=theme.TEXT)
        boxes = VGroup(*(self.layer_box(self.s("weight_layer")).move_to([cx, BLOCK_Y, 0]) for cx in LAYER_XS))
        self.plus = self.plus_circle().move_to([PLUS_X, BLOCK_Y, 0])
        y_label = formula("y", size=theme.HEADING_SIZE).move_to([OUTPUT_X, BLOCK_Y, 0])
        flow = self.block_flow(x_label, boxes, y_label)
        relu = self.small("relu", theme.ACTIVATION, theme.AXIS_SIZE).next_to(flow[2], UP, buff=0.15)  # the activation between the layers
        under = self.under_label(boxes)
        skip = self.skip_path(self.junction.get_center(), self.plus)
        skip_label = VGroup(text(self.s("identity"), size=theme.SMALL_SIZE, color=SKIP), formula("x", size=theme.BODY_SIZE, color=SKIP)).arrange(RIGHT, buff=0.15)
        skip_label.next_to(skip[1], UP, buff=0.12)
        self.equation = formula("y = F(x) + x", size=theme.TITLE_SIZE).move_to(EQUATION_AT)
        self.play(FadeIn(x_label), FadeIn(self.junction), FadeIn(boxes), FadeIn(relu), FadeIn(self.plus), FadeIn(y_label), Create(flow), FadeIn(under), run_time=0.8)
        self.play(Create(skip), FadeIn(skip_label), run_time=0.8)
        self.play(FadeIn(self.equation, shift=0.2 * UP), run_time=0.5)
        self.hold()

    def gradient_past_the_block(self) -> None:
        self.say("block_grad")
        back = self.gradient_return(self.plus, self.junction)
        derivative = formula("(partial y)/(partial x) = (partial F)/(partial x) + I", size=theme.HEADING_SIZE, color=theme.GRADIENT).next_to(self.equation, DOWN, buff=0.3)
        self.play(Create(back), FadeIn(derivative, shift=0.2 * UP), run_time=1.2)
        self.hold()

    def block_flow(self, x_label: Mobject, boxes: VGroup, y_label: Mobject) -> VGroup:
        """x to the junction, through both layers, into ⊕ and out to y."""
        return VGroup(
            Line(x_label.get_right() + 0.1 * RIGHT, self.junction.get_center(), color=theme.TEXT, stroke_width=3),
            Arrow(self.junction.get_center(), boxes[0].get_left(), buff=0, color=theme.TEXT, stroke_width=3),
            Arrow(boxes[0].get_right(), boxes[1].get_left(), buff=0, color=theme.TEXT, stroke_width=3),
            Arrow(boxes[1].get_right(), self.plus.get_left(), buff=0, color=theme.TEXT, stroke_width=3),
            Arrow(self.plus.get_right(), y_label.get_left() + 0.1 * LEFT, buff=0, color=theme.TEXT, stroke_width=3),
        )

    @staticmethod
    def under_label(boxes: VGroup) -> VGroup:
        """A line under both layers, named F(x): what the two of them compute."""
        under = VGroup(
            Line(boxes[0].get_corner(DOWN + LEFT) + 0.2 * DOWN, boxes[1].get_corner(DOWN + RIGHT) + 0.2 * DOWN, color=theme.MUTED, stroke_width=2),
        )
        return under.add(formula("F(x)", size=theme.BODY_SIZE).next_to(under[0], DOWN, buff=0.15))

    def layer_box(self, label: str, height: float = 0.85) -> VGroup:
        name = text(label, size=theme.SMALL_SIZE)
        box = RoundedRectangle(width=max(1.8, name.width + 0.4), height=height, corner_radius=0.12, color=theme.TEXT, stroke_width=2)
        return VGroup(box, name)

    def plus_circle(self, radius: float = 0.3) -> VGroup:
        circle = Circle(radius=radius, color=SKIP, stroke_width=3)
        arm = 0.55 * radius
        return VGroup(circle, Line(arm * LEFT, arm * RIGHT, color=SKIP, stroke_width=3), Line(arm * DOWN, arm * UP, color=SKIP, stroke_width=3))

    def skip_path(self, start: np.ndarray, end: Mobject) -> VGroup:
        """Up from ``start``, across above the block, and down into ``end``:
        the arrowhead stops on its top edge (the circle's, not its centre)."""
        target = end.get_top()
        corners = (np.array([start[0], SKIP_Y, 0]), np.array([target[0], SKIP_Y, 0]))
        return VGroup(
            Line(start, corners[0], color=SKIP, stroke_width=4),
            Line(corners[0], corners[1], color=SKIP, stroke_width=4),
            Arrow(corners[1], target, buff=0, color=SKIP, stroke_width=4, max_tip_length_to_length_ratio=0.3),
        )

    def gradient_return(self, plus: Mobject, junction: Mobject, gap: float = 0.22) -> VGroup:
        """The gradient's way back along the skip, drawn just inside it (the
        skip's label sits above it)."""
        start = plus.get_top() + gap * LEFT + 0.1 * UP
        end = junction.get_top() + gap * RIGHT + 0.1 * UP
        corners = (np.array([start[0], SKIP_Y - gap, 0]), np.array([end[0], SKIP_Y - gap, 0]))
        style = {"color": theme.GRADIENT, "stroke_width": 4}
        return VGroup(
            Line(start, corners[0], **style),
            Line(corners[0], corners[1], **style),
            Arrow(corners[1], end, buff=0, max_tip_length_to_length_ratio=0.3, **style),
        )

    # 6. The bottleneck block and its weights.

    def bottleneck(self) -> None:
        arch, block = ARCHITECTURES[BOTTLENECK_BLOCK[0]], BOTTLENECK_BLOCK[1]
        self.convs = [r for r in arch.rows() if r.name.startswith(f"{block}.") and r.kind == "Conv"]
        self.channels, self.width = self.convs[-1].output_shape[0], self.convs[0].output_shape[0]
        self.clear_stage(self.title)
        self.say("bottle_intro", channels=self.channels, width=self.width)
        self.play(FadeIn(self.bottleneck_stack(self.convs, self.channels), lag_ratio=0.15), run_time=ARRIVE)
        self.hold()

    def bottleneck_weights(self) -> None:
        """The bottleneck's weights against a basic block's (two k×k convs) on
        all the channels, then on the squeezed ones."""
        convs, channels, width = self.convs, self.channels, self.width
        kernel = max(r.spec.kernel for r in convs)  # type: ignore[union-attr]
        map_shape = convs[1].output_shape[1:]
        bottleneck = sum(r.params for r in convs)
        basic = {c: 2 * Conv("", c, kernel, padding=kernel // 2, bias=False).params((c, *map_shape)) for c in (channels, width)}
        bars = [(self.s("basic_bar", channels=channels), basic[channels]), (self.s("basic_bar", channels=width), basic[width]),
                (self.s("bottleneck_bar", channels=channels), bottleneck)]
        rows = self.weight_bars(bars)
        header = self.small("weights_header").move_to([WEIGHTS_X, WEIGHTS_HEADER_Y, 0], aligned_edge=LEFT)
        self.say("bottle_wide", k=kernel, channels=channels, weights=fmt_int(basic[channels]))
        self.play(FadeIn(header), GrowFromEdge(rows[0], LEFT), run_time=ARRIVE)
        self.hold()
        self.say(bottleneck_key(bottleneck, basic[width]), weights=fmt_int(bottleneck), width=width)
        self.play(GrowFromEdge(rows[1], LEFT), GrowFromEdge(rows[2], LEFT), run_time=ARRIVE)
        self.hold()

    def bottleneck_stack(self, convs: list[LayerRow], channels: int) -> VGroup:
        """1×1, 3×3, 1×1 top to bottom with each conv's weights beside it, and
        the identity skip down the left into ⊕."""
        boxes = VGroup(*(self.layer_box(self.s("conv_box", k=r.spec.kernel, out=r.output_shape[0]), height=0.6)  # type: ignore[union-attr]
                         for r in convs)).arrange(DOWN, buff=0.35).move_to(BOTTLENECK_AT)
        weights = VGroup(*(text(fmt_int(r.params), size=theme.SMALL_SIZE, color=theme.PARAMS).next_to(b, RIGHT, buff=0.25) for r, b in zip(convs, boxes)))
        plus = self.plus_circle(0.25).next_to(boxes, DOWN, buff=0.35)
        top = boxes.get_top() + 0.5 * UP
        arrows = VGroup(
            Arrow(top, boxes[0].get_top(), buff=0, color=theme.TEXT, stroke_width=3),
            *(Arrow(a.get_bottom(), b.get_top(), buff=0, color=theme.TEXT, stroke_width=3) for a, b in pairwise(boxes)),
            Arrow(boxes[-1].get_bottom(), plus.get_top(), buff=0, color=theme.TEXT, stroke_width=3),
            Arrow(plus.get_bottom(), plus.get_bottom() + 0.5 * DOWN, buff=0, color=theme.TEXT, stroke_width=3),
        )
        side = boxes.get_left()[0] - 0.45
        skip = VGroup(
            Line(top, [side, top[1], 0], color=SKIP, stroke_width=4),
            Line([side, top[1], 0], [side, plus.get_y(), 0], color=SKIP, stroke_width=4),
            Arrow([side, plus.get_y(), 0], plus.get_left(), buff=0, color=SKIP, stroke_width=4, max_tip_length_to_length_ratio=0.4),
        )
        ends = VGroup(self.axis_text(str(channels)).next_to(top, RIGHT, buff=0.15), self.axis_text(str(channels)).next_to(arrows[-1], RIGHT, buff=0.15))
        return VGroup(boxes, weights, arrows, skip, plus, ends)

    def weight_bars(self, bars: list[tuple[str, int]]) -> list[VGroup]:
        """A name over a blue bar per block, the count at the bar's end."""
        top = max(v for _, v in bars)
        rows = []
        for i, (name, value) in enumerate(bars):
            y = layout.row_y(i, WEIGHT_ROW_TOP, WEIGHT_ROW_STEP)
            label = text(name, size=theme.SMALL_SIZE, color=theme.TEXT).move_to([WEIGHTS_X, y + 0.35, 0], aligned_edge=LEFT)
            bar = Rectangle(width=max(0.03, WEIGHT_BAR_MAX * value / top), height=0.4, stroke_width=0, fill_color=theme.PARAMS, fill_opacity=0.75)
            bar.move_to([WEIGHTS_X, y - 0.1, 0], aligned_edge=LEFT)
            rows.append(VGroup(label, bar, text(fmt_int(value), size=theme.SMALL_SIZE, color=theme.PARAMS).next_to(bar, RIGHT, buff=0.2)))
        return rows

    # 7. ResNet-18/34/50/152 side by side.

    def family_columns(self) -> None:
        archs = self.family
        values = {
            "depth": [a.weight_layers for a in archs],
            "params": [a.params for a in archs],
            "macs": [a.macs for a in archs],
            "top1": [a.top1 for a in archs],
        }
        self.shown = {
            "depth": [str(v) for v in values["depth"]],
            "params": [fmt_si(v) for v in values["params"]],
            "macs": [fmt_si(v) for v in values["macs"]],
            "top1": [fmt_percent(v / 100) for v in values["top1"]],  # type: ignore[operator]
        }
        self.clear_stage(self.title)
        self.say("fam_intro")
        names = VGroup(*(text(a.name, size=theme.LABEL_SIZE, bold=True).move_to([NAME_X, layout.row_y(i, FAMILY_TOP, FAMILY_ROW_STEP), 0], aligned_edge=LEFT)
                         for i, a in enumerate(archs)))
        columns = {column: self.family_column(column, values[column]) for column in COLUMN_X}  # type: ignore[arg-type]
        self.value_labels = {column: labels for column, (_, _, labels) in columns.items()}
        # Every column at once, well before the line (which names them all) is read.
        self.play(FadeIn(names), *(a for header, bars, labels in columns.values() for a in (FadeIn(header), GrowFromEdge(bars, LEFT), FadeIn(labels))),
                  run_time=FAMILY_ARRIVES)
        self.hold()

    def family_column(self, column: str, values: list[float]) -> tuple[Text, VGroup, VGroup]:
        """A column's header, a bar per ResNet scaled to the column's largest,
        and the value labels at the bars' ends."""
        x, colour = COLUMN_X[column], COLUMN_COLOUR[column]
        header = self.small(f"{column}_header", size=theme.AXIS_SIZE).move_to([x, FAMILY_HEADER_Y, 0], aligned_edge=LEFT)
        top = max(values)
        bars = VGroup(*(Rectangle(width=COLUMN_BAR_MAX * v / top, height=0.38, stroke_width=0, fill_color=colour, fill_opacity=0.75)
                        .move_to([x, layout.row_y(i, FAMILY_TOP, FAMILY_ROW_STEP), 0], aligned_edge=LEFT) for i, v in enumerate(values)))
        labels = VGroup(*(text(s, size=theme.AXIS_SIZE, color=colour).next_to(b, RIGHT, buff=0.12) for s, b in zip(self.shown[column], bars)))
        return header, bars, labels

    def family_verdicts(self) -> None:
        archs = self.family
        self.say(family_key(archs), first=self.shown["top1"][0], last=self.shown["top1"][-1])
        top1 = self.value_labels["top1"]
        self.play(Indicate(top1[0], color=theme.FOCUS), Indicate(top1[-1], color=theme.FOCUS), run_time=1.0)  # the two the line reads
        self.hold()
        basic, bottle = self.bottleneck_pair(archs)
        more = {"depth": growth(bottle.weight_layers, basic.weight_layers), "params": growth(bottle.params, basic.params)}
        self.say(bottleneck_family_key(basic, bottle), a=basic.name, b=bottle.name,
                 more_layers=fmt_percent(more["depth"], "whole_percent"), more_params=fmt_percent(more["params"], "whole_percent"))
        # Each growth between the two values it compares, in the columns the line names.
        rows = archs.index(basic), archs.index(bottle)
        between = FAMILY_TOP - FAMILY_ROW_STEP * sum(rows) / 2
        growths = VGroup(*(text(f"+{fmt_percent(share, 'whole_percent')}", size=theme.AXIS_SIZE, color=theme.FOCUS, bold=True)
                           .move_to([self.value_labels[column][rows[1]].get_left()[0], between, 0], aligned_edge=LEFT)
                           for column, share in more.items()))
        self.play(FadeIn(growths), run_time=ARRIVE)
        self.hold(at_least=1.5)

    @staticmethod
    def bottleneck_pair(archs: Sequence[Architecture]) -> tuple[Architecture, Architecture]:
        """The deepest ResNet of basic blocks and the shallowest of bottlenecks."""
        def is_bottleneck(a: Architecture) -> bool:
            return any(r.name.endswith(".conv3") for r in a.rows())
        basic = max((a for a in archs if not is_bottleneck(a)), key=lambda a: a.weight_layers)
        bottle = min((a for a in archs if is_bottleneck(a)), key=lambda a: a.weight_layers)
        return basic, bottle
