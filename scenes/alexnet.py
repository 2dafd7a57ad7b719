"""AlexNet's step forward: the 11×11 stride-4 first layer and its output
size by the convolution video's formula, ReLU's slope of 1 against the
sigmoid's at most 0.25 (the worked example's σ′ among them) multiplied over
the network's depth, and where the parameters sit against where the work is.

Every number comes from mathcore's AlexNet spec, activations and worked
example; each sentence that states a fact about a number is picked by that
number (the ``*_key`` helpers below)."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
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
    DoubleArrow,
    FadeIn,
    Line,
    Mobject,
    Rectangle,
    Square,
    VGroup,
    Write,
)

from mathcore.dense.activations import relu_prime, sigmoid_prime
from mathcore.lineage import architecture
from mathcore.lineage.reasons import Share, conv_or_dense, where_the_work_is
from mathcore.lineage.specs import Conv, LayerRow, conv_output_size
from scenes.toolkit import (
    ExplainerScene,
    example,
    fit_width,
    formula,
    stack,
    text,
    theme,
)
from scenes.toolkit.theme import MINUS, fmt, fmt_int, fmt_percent

# The series' roles: a convolution layer CONV, a dense layer DENSE.
COLOUR = {"conv": theme.CONV, "dense": theme.DENSE}
# σ′ and ReLU′ are both drawn in ACTIVATION, told apart by the name beside each curve.

# What a line names arrives with it: the first play after a line starts is
# this short, and a new picture replaces the old one before the line starts.
ARRIVE = 0.5

# An input side at least this many times LeNet's counts as "far larger".
FAR_LARGER = 2
# More than this share of the parameters (or MACs) is where they "sit".
MAJORITY = 0.5
# A gradient scaled below this (one hundredth) counts as vanished.
VANISHED = 0.01

# Intro: the weight layers as a strip of boxes, after a grey input square;
# the name and year above it, the layer count below its labels.
BOX_W, BOX_H, BOX_GAP, STRIP_Y = 0.85, 1.5, 0.22, 0.5
NAME_Y, DEPTH_Y = 2.1, -1.35

# The two inputs to scale, side by side on one baseline.
INPUT_SIDE, INPUTS_CENTRE = 3.0, (0.0, 0.3)

# First layer: the corner of the padded input on the left, the formula on the right
# (a little left of the usual panel: the filled-in formula is wide).
GRID_CENTRE, GRID_W, GRID_H = (-3.6, 0.2), 5.4, 3.3
PANEL_TOP_LEFT, PANEL_WIDTH = (0.5, 2.3), 6.1
STRIDE_RISE = 0.3  # the stride arrow runs this far above the window

# ReLU against sigmoid: small axes left (z from −6 to 6, where σ′ is almost 0
# at both ends), the formulas right.
Z_RANGE, Z_TICK = (-6.0, 6.0), 2
SLOPE_TOP, SLOPE_TICK = 1.2, 0.25  # room above ReLU′ = 1
PLOT_STEP = 0.05
AXES_CENTRE, AXES_W, AXES_H = (-3.9, 0.0), 5.0, 3.4
SIGMOID_NAME_AT = (-3.5, 0.5)  # in the axes' (z, slope): beside the left flank of σ′'s bump

# Where the work is: two 100% bars, parameters above MACs.
ROW_NAME_X, BAR_X, BAR_W, BAR_H = -6.4, -3.0, 8.4, 0.7
ROW_Y = {"params": 1.1, "macs": -0.7}
LEGEND_Y, SWATCH = 2.4, 0.3
INSIDE = 1.3  # a segment narrower than this gets its label above it, not inside

CARD_AT = (0.0, 0.2, 0.0)  # the closing card: name, year and top-1 accuracy


# --- which sentence the numbers allow -------------------------------------------------


def input_key(side: int, lenet_side: int) -> str:
    return "input_far_larger" if side >= FAR_LARGER * lenet_side else "input_compared"


def sigmoid_key(product: float) -> str:
    return "sigmoid_vanishes" if product < VANISHED else "sigmoid_shrinks"


def relu_key(product: float) -> str:
    return "relu_keeps" if product >= 1 else "relu_shrinks"


def work_key(shares: dict[str, Share]) -> str:
    """Where the majority of the parameters and of the MACs sit."""
    weights_dense = shares["dense"].params_share > MAJORITY
    work_conv = shares["conv"].macs_share > MAJORITY
    if weights_dense:
        return "work_split" if work_conv else "work_dense"
    return "work_conv" if work_conv else "work_reversed"


# --- how numbers are written ----------------------------------------------------------


def product_text(value: float) -> tuple[str, bool]:
    """A product of slopes as shown, and whether that is exact (1 stays 1,
    0.25⁸ reads 0.0000153)."""
    exact, shown = Decimal(repr(value)), fmt(value, "power")
    if Decimal(shown.replace(MINUS, "-")) == exact:
        return f"{exact.normalize():f}", True
    return shown, False


def shape_text(shape: tuple[int, ...]) -> str:
    return "×".join(str(n) for n in shape)


# --- the video ------------------------------------------------------------------------


class AlexNet(ExplainerScene):
    section = "alexnet"

    def construct(self) -> None:
        self.arch = architecture("alexnet")
        self.rows = self.arch.rows()
        self.first: LayerRow = next(r for r in self.rows if isinstance(r.spec, Conv))
        self.title = self.show_title()
        self.weight_layers()
        self.inputs_compared()
        self.first_layer()
        self.output_size()
        self.slope_axes()
        self.sigmoid_bound()
        self.example_slope()
        self.relu_slope()
        self.slopes_over_depth()
        self.share_rows()
        self.share_bars()
        self.closing()

    def kinds(self) -> dict[str, int]:
        """How many weight layers are convolutions and how many dense."""
        weighted = [r for r in self.rows if r.params]
        return {k: sum(conv_or_dense(r) == k for r in weighted) for k in ("conv", "dense")}

    def first_conv(self) -> Conv:
        return self.first.spec  # type: ignore[return-value]

    # 1. Eight weight layers.

    def weight_layers(self) -> None:
        self.say("intro", year=self.arch.year)
        counts = self.kinds()
        name = text(f"{self.arch.name} · {self.arch.year}", size=theme.HEADING_SIZE, bold=True).move_to([0, NAME_Y, 0])
        image = Square(BOX_H, color=theme.INPUT, fill_opacity=0.25, stroke_width=2)
        boxes = VGroup(
            *(Rectangle(width=BOX_W, height=BOX_H, color=COLOUR[k], fill_opacity=0.35, stroke_width=2)
              for k in ("conv", "dense") for _ in range(counts[k]))
        ).arrange(RIGHT, buff=BOX_GAP)
        VGroup(image, boxes).arrange(RIGHT, buff=0.6).move_to([0, STRIP_Y, 0])
        image_label = text(self.s("input_label", shape=shape_text(self.arch.input_shape)), size=theme.SMALL_SIZE, color=theme.INPUT)
        image_label.next_to(image, DOWN, buff=0.25)
        self.play(FadeIn(name), FadeIn(image), FadeIn(image_label), run_time=ARRIVE)
        self.play(FadeIn(boxes, lag_ratio=0.1), run_time=1.2)
        self.hold()
        self.say("layers", conv=counts["conv"], dense=counts["dense"], layers=self.arch.weight_layers)
        self.play(FadeIn(self.kind_labels(boxes, counts)), FadeIn(self.depth_sum(counts)), run_time=ARRIVE)
        self.hold()

    def kind_labels(self, boxes: VGroup, counts: dict[str, int]) -> VGroup:
        """Under each kind's run of boxes, how many there are."""
        labels = VGroup()
        for k, part in (("conv", boxes[: counts["conv"]]), ("dense", boxes[counts["conv"]:])):
            label = text(self.s(f"{k}_count", n=counts[k]), size=theme.SMALL_SIZE, color=COLOUR[k])
            labels.add(label.next_to(VGroup(*part), DOWN, buff=0.25))
        return labels

    def depth_sum(self, counts: dict[str, int]) -> VGroup:
        return VGroup(
            text(self.s("depth_label"), size=theme.SMALL_SIZE, color=theme.MUTED),
            formula(f"{counts['conv']} + {counts['dense']} = {self.arch.weight_layers}", size=theme.BODY_SIZE),
        ).arrange(RIGHT, buff=0.25).move_to([0, DEPTH_Y, 0])

    # 2. The first layer: a big input, a big filter, a big stride.

    def inputs_compared(self) -> None:
        lenet = architecture("lenet5")
        side, lenet_side = self.arch.input_shape[1], lenet.input_shape[1]
        self.clear_stage(self.title)
        self.say(input_key(side, lenet_side), w=side, lenet=lenet_side)
        self.play(FadeIn(self.inputs_to_scale((self.arch.name, side), (lenet.name.split(" (")[0], lenet_side))), run_time=ARRIVE)
        self.hold()

    def inputs_to_scale(self, *inputs: tuple[str, int]) -> VGroup:
        """A square per (network name, input side), drawn to one scale (the
        first INPUT_SIDE wide) on one baseline, each named with its size below."""
        unit = INPUT_SIDE / inputs[0][1]
        squares = VGroup(*(Square(side * unit, color=theme.INPUT, fill_opacity=0.25, stroke_width=2) for _, side in inputs))
        squares.arrange(RIGHT, buff=1.0, aligned_edge=DOWN).move_to([*INPUTS_CENTRE, 0])
        labels = VGroup(*(text(f"{name} {shape_text((side, side))}", size=theme.SMALL_SIZE, color=theme.INPUT).next_to(square, DOWN, buff=0.25)
                          for (name, side), square in zip(inputs, squares)))
        return VGroup(squares, labels)

    def first_layer(self) -> None:
        spec = self.first_conv()
        self.clear_stage(self.title)
        self.say("first", k=spec.kernel, s=spec.stride)
        grid, cell, corner = self.padded_corner(spec)
        window = Square(spec.kernel * cell, color=COLOUR["conv"], fill_opacity=0.25, stroke_width=4)
        window.move_to(corner, aligned_edge=UL)
        name = text(self.s("filter_label", k=spec.kernel), size=theme.SMALL_SIZE, color=COLOUR["conv"])
        name.next_to(grid[1], UP, buff=0.2).align_to(grid[1], RIGHT)  # clear of the stride arrow on the left
        stride = self.stride_mark(window, spec.stride, cell)
        # The filter's size and its stride arrive with the line; then the window moves.
        self.play(FadeIn(grid), FadeIn(window), FadeIn(name), FadeIn(stride), run_time=ARRIVE)
        self.slide(window, spec.stride, cell)
        self.hold()

    def stride_mark(self, window: Square, stride: int, cell: float) -> VGroup:
        """The stride's length, marked above where the window starts."""
        start = window.get_corner(UL) + STRIDE_RISE * UP
        arrow = DoubleArrow(start, start + stride * cell * RIGHT, buff=0, color=theme.TEXT, stroke_width=3,
                            tip_length=0.15, max_tip_length_to_length_ratio=0.5)
        label = text(self.s("stride_label", s=stride), size=theme.SMALL_SIZE, color=theme.TEXT).next_to(arrow, UP, buff=0.1)
        return VGroup(arrow, label)

    def slide(self, window: Square, stride: int, cell: float) -> None:
        """Two strides to the right, each leaving a ghost of the window."""
        step = stride * cell * RIGHT
        for _ in range(2):
            ghost = window.copy().set_fill(opacity=0).set_stroke(opacity=0.35, width=2)
            self.add(ghost)
            self.play(window.animate.shift(step), run_time=0.8)

    def padded_corner(self, spec: Conv) -> tuple[VGroup, float, np.ndarray]:
        """The top-left corner of the padded input as grid lines, room for
        three filter positions; the padding shaded. Returns the picture, the
        cell size and the top-left point of the padded input."""
        cols, rows = spec.kernel + 2 * spec.stride + 2, spec.kernel + 2
        cell = min(GRID_W / cols, GRID_H / rows)
        left, top = GRID_CENTRE[0] - cols * cell / 2, GRID_CENTRE[1] + rows * cell / 2
        corner = np.array([left, top, 0.0])
        pad = spec.padding * cell
        shading = VGroup(
            Rectangle(width=cols * cell, height=pad, stroke_width=0, fill_color=theme.MUTED, fill_opacity=0.3).move_to(corner, aligned_edge=UL),
            Rectangle(width=pad, height=rows * cell - pad, stroke_width=0, fill_color=theme.MUTED, fill_opacity=0.3).move_to(corner + pad * DOWN, aligned_edge=UL),
        ) if spec.padding else VGroup()
        lines = VGroup(
            *(Line(corner + c * cell * RIGHT, corner + c * cell * RIGHT + rows * cell * DOWN) for c in range(cols + 1)),
            *(Line(corner + r * cell * DOWN, corner + r * cell * DOWN + cols * cell * RIGHT) for r in range(rows + 1)),
        ).set_stroke(theme.INPUT, width=1, opacity=0.6)
        labels = VGroup(text(self.s("corner"), size=theme.SMALL_SIZE, color=theme.MUTED))
        if spec.padding:
            labels.add(text(self.s("padding_label", p=spec.padding), size=theme.SMALL_SIZE, color=theme.MUTED))
        labels.arrange(RIGHT, buff=0.4).next_to(lines, DOWN, buff=0.12).align_to(lines, LEFT)
        return VGroup(shading, lines, labels), cell, corner

    # 3. Its output size by the formula.

    def output_size(self) -> None:
        spec = self.first_conv()
        w, k, p, st = self.arch.input_shape[1], spec.kernel, spec.padding, spec.stride
        out = conv_output_size(w, k, stride=st, padding=p)
        if out != self.first.output_shape[1]:
            raise ValueError(f"alexnet: the formula gives {out}, the spec {self.first.output_shape}")
        self.say("formula")
        lines = [
            formula("O = floor((W - K + 2P) / S) + 1", size=theme.MATH_SIZE),
            formula(f"W = {w}, quad K = {k}, quad P = {p}, quad S = {st}", size=theme.BODY_SIZE, color=theme.MUTED),
            formula(f"O = floor(({w} - {k} + 2 dot {p}) / {st}) + 1", size=theme.BODY_SIZE),
            formula(f"= floor({w - k + 2 * p} / {st}) + 1 = {out}", size=theme.BODY_SIZE, color=theme.FOCUS),
        ]
        panel = stack(*(fit_width(m, PANEL_WIDTH) for m in lines), top_left=PANEL_TOP_LEFT, buff=0.35)
        # The formula and its values arrive with the line; the working is written after.
        self.play(FadeIn(panel[0]), FadeIn(panel[1]), run_time=ARRIVE)
        for line in panel[2:]:
            self.play(Write(line), run_time=0.8)
        self.hold()
        self.say("first_out", w=w, o=out, c=self.first.output_shape[0])
        shape = text(self.s("out_label", shape=shape_text(self.first.output_shape)), size=theme.BODY_SIZE, color=theme.FOCUS)
        self.play(FadeIn(shape.next_to(panel, DOWN, buff=0.5).align_to(panel, LEFT), shift=0.2 * UP), run_time=ARRIVE)
        self.hold()

    # 4. ReLU against sigmoid: the slope.

    def slope_axes(self) -> None:
        self.clear_stage(self.title)
        self.say("activation")
        self.axes = Axes(
            x_range=[*Z_RANGE, Z_TICK], y_range=[0, SLOPE_TOP, SLOPE_TICK], x_length=AXES_W, y_length=AXES_H,
            axis_config={"color": theme.MUTED, "include_tip": False},
        ).move_to([*AXES_CENTRE, 0])
        z_label = formula("z", size=theme.BODY_SIZE, color=theme.MUTED).next_to(self.axes.x_axis, RIGHT, buff=0.15)
        self.play(Create(self.axes), FadeIn(z_label), run_time=1.0)
        self.hold()

    def sigmoid_bound(self) -> None:
        self.bound = float(sigmoid_prime(np.array(0.0)))  # σ′ peaks where σ = ½, at z = 0
        bound = fmt(self.bound, "slope")
        self.say("sigmoid_bound", bound=bound)
        curve = self.axes.plot(lambda z: float(sigmoid_prime(np.array(z))), x_range=[*Z_RANGE, PLOT_STEP], color=theme.ACTIVATION, stroke_width=5)
        guide = DashedLine(self.axes.c2p(Z_RANGE[0], self.bound), self.axes.c2p(Z_RANGE[1], self.bound), color=theme.MUTED, stroke_width=2)
        guide_label = text(bound, size=theme.SMALL_SIZE, color=theme.MUTED).next_to(guide, RIGHT, buff=0.15)
        curve_name = formula("sigma'(z)", size=theme.BODY_SIZE, color=theme.ACTIVATION).move_to(self.axes.c2p(*SIGMOID_NAME_AT))
        equation = formula(f"sigma'(z) = sigma(z)(1 - sigma(z)) <= {bound}", size=theme.MATH_SIZE, color=theme.ACTIVATION)
        self.panel = stack(fit_width(equation, PANEL_WIDTH), top_left=PANEL_TOP_LEFT, buff=0.4)
        # The bound arrives with the line (the guide and the formula); then the curve under it.
        self.play(Create(guide), FadeIn(guide_label), FadeIn(equation), run_time=ARRIVE)
        self.play(Create(curve), FadeIn(curve_name), run_time=1.0)
        self.hold()

    def example_slope(self) -> None:
        """The worked example's σ′ is a point on the curve, under the bound."""
        ex = example()
        slope = fmt(ex.sigmoid_prime1, "sigmoid_prime")
        self.say("example", example=slope)
        dot = Dot(self.axes.c2p(float(ex.before.z1), float(ex.sigmoid_prime1)), radius=0.09, color=theme.FOCUS)
        reading = formula(f"a_1 = {fmt(ex.before.a1, 'a')} ==> a_1(1 - a_1) = {slope}", size=theme.BODY_SIZE, color=theme.FOCUS)
        self.add_to_panel(reading)
        self.play(FadeIn(dot, scale=2), FadeIn(reading), run_time=ARRIVE)
        self.hold()

    def relu_slope(self) -> None:
        self.relu = float(relu_prime(np.array(1.0)))  # the same at every z > 0
        slope = fmt(self.relu, "slope")
        self.say("relu_slope", relu=slope)
        # ReLU′ is flat on each side of 0: drawn as two pieces, each at its value mid-piece.
        pieces = VGroup(*(
            Line(*(self.axes.c2p(z, float(relu_prime(np.array((lo + hi) / 2)))) for z in (lo, hi)), color=theme.ACTIVATION, stroke_width=5)
            for lo, hi in ((Z_RANGE[0], 0.0), (0.0, Z_RANGE[1]))
        ))
        relu_name = formula("\"ReLU\"'(z)", size=theme.BODY_SIZE, color=theme.ACTIVATION).next_to(self.axes.c2p(Z_RANGE[1] / 2, self.relu), UP, buff=0.2)
        relu_value = text(slope, size=theme.SMALL_SIZE, color=theme.MUTED).next_to(pieces[1], RIGHT, buff=0.15)
        relu_line = formula(f"\"ReLU\"'(z) = {slope} quad (z > 0)", size=theme.MATH_SIZE, color=theme.ACTIVATION)
        self.add_to_panel(relu_line)
        self.play(Create(pieces), FadeIn(relu_name), FadeIn(relu_value), FadeIn(relu_line), run_time=ARRIVE)
        self.hold()

    def add_to_panel(self, mob: Mobject) -> None:
        fit_width(mob, PANEL_WIDTH).next_to(self.panel, DOWN, buff=0.4).align_to(self.panel, LEFT)
        self.panel.add(mob)

    # 5. One slope per layer, multiplied.

    def slopes_over_depth(self) -> None:
        layers = self.arch.weight_layers
        self.say("product")
        self.hold()
        for value, colour, pick in ((self.bound, theme.ACTIVATION, sigmoid_key), (self.relu, theme.ACTIVATION, relu_key)):
            product = value**layers
            shown, exact = product_text(product)
            self.say(pick(product), layers=layers, product=shown)
            line = formula(f"{fmt(value, 'slope')}^{layers} {'=' if exact else 'approx'} {shown}", size=theme.MATH_SIZE, color=colour)
            self.add_to_panel(line)
            self.play(FadeIn(line), run_time=ARRIVE)
            self.hold()

    # 6. Where the parameters sit, and where the work is.

    def share_rows(self) -> None:
        """The legend and the two rows' names, before any bar."""
        self.clear_stage(self.title)
        self.say("where")
        legend = VGroup(*(
            VGroup(Square(SWATCH, color=COLOUR[k], fill_opacity=0.7, stroke_width=0),
                   text(self.s(f"{k}_label", n=self.kinds()[k]), size=theme.SMALL_SIZE, color=COLOUR[k])).arrange(RIGHT, buff=0.15)
            for k in ("conv", "dense")
        )).arrange(RIGHT, buff=0.8).move_to([BAR_X, LEGEND_Y, 0], aligned_edge=LEFT)
        names = VGroup()
        for row, total in (("params", self.arch.params), ("macs", self.arch.macs)):
            name = VGroup(
                text(self.s(f"{row}_row"), size=theme.LABEL_SIZE),
                text(self.s(f"{row}_total", n=fmt_int(total)), size=theme.SMALL_SIZE, color=theme.MUTED),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
            names.add(fit_width(name, BAR_X - ROW_NAME_X - 0.3).move_to([ROW_NAME_X, ROW_Y[row], 0], aligned_edge=LEFT))
        self.play(FadeIn(legend), FadeIn(names), run_time=ARRIVE)
        self.hold()

    def share_bars(self) -> None:
        """Each row's bar with the share its line names: the dense layers'
        parameters, the convolutions' MACs; then where the two disagree."""
        shares = {s.name: s for s in where_the_work_is(self.arch, conv_or_dense)}
        for row, key, part in (("params", "params_share", "dense"), ("macs", "macs_share", "conv")):
            share = {k: getattr(shares[k], f"{row}_share") for k in ("conv", "dense")}
            total = self.arch.params if row == "params" else self.arch.macs
            self.say(key, **{row: fmt_int(total), part: fmt_percent(share[part])}, n=self.kinds()[part])
            self.play(*(FadeIn(m) for m in self.bar(row, share)), run_time=ARRIVE)
            self.hold()
        self.say(work_key(shares))
        self.hold(at_least=1.0)

    def bar(self, row: str, share: dict[str, float]) -> list[VGroup]:
        """One 100% bar: conv from the left, dense after it, each with its
        percentage inside, or above the bar where the segment is too narrow."""
        parts, x = [], BAR_X
        for k in ("conv", "dense"):
            width = BAR_W * share[k]
            segment = Rectangle(width=width, height=BAR_H, color=COLOUR[k], fill_opacity=0.7, stroke_width=0)
            segment.move_to([x, ROW_Y[row], 0], aligned_edge=LEFT)
            label = text(fmt_percent(share[k]), size=theme.SMALL_SIZE, color=theme.TEXT if width >= INSIDE else COLOUR[k], bold=True)
            if width >= INSIDE:
                label.move_to(segment)
            else:
                label.next_to(segment, UP, buff=0.12)
            parts.append(VGroup(segment, label))
            x += width
        return parts

    # 7. ImageNet.

    def closing(self) -> None:
        top1 = fmt_percent(self.arch.top1 / 100)
        self.clear_stage(self.title)
        self.say("closing", top1=top1)
        card = VGroup(
            text(f"{self.arch.name} · {self.arch.year}", size=theme.TITLE_SIZE, bold=True),
            text(top1, size=theme.BIG_SIZE, color=theme.ACCURACY, bold=True),
            text(self.s("top1_label"), size=theme.SMALL_SIZE, color=theme.MUTED),
        ).arrange(DOWN, buff=0.35).move_to(CARD_AT)
        self.play(FadeIn(card, shift=0.2 * UP), run_time=ARRIVE)
        self.hold(at_least=1.5)
