"""VGG-16 (2014): only small 3×3 convolutions, stacked deep.

How far one cell sees as 3×3 convolutions are stacked (3×3, 5×5, 7×7 on a
small grid); what the stack costs against one large filter that sees as far
(count·K²·C² against F²·C² weights, for VGG-16's first-stage channels); then
VGG-16 itself: its 13 convolutions and 3 dense layers, the receptive field
at the end of each stage, and where its parameters and its work sit.

Every number comes from mathcore's lineage package; each sentence that
states a fact about a number is picked by that number (the ``*_key``
helpers below)."""

from __future__ import annotations

from itertools import pairwise
from typing import TypeVar

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    Brace,
    Create,
    FadeIn,
    FadeOut,
    Line,
    ManimColor,
    Mobject,
    Rectangle,
    Square,
    Transform,
    VGroup,
    VMobject,
)

from mathcore.lineage import architecture
from mathcore.lineage.reasons import (
    Share,
    StackVsSingle,
    stack_vs_single,
    stacked_field,
    vgg_block,
    vgg_stage_fields,
    where_the_work_is,
)
from mathcore.lineage.specs import Conv, LayerRow
from scenes.toolkit import ExplainerScene, fit_width, formula, text, theme
from scenes.toolkit.theme import fmt_int, fmt_percent

DENSE = "dense"  # vgg_block's name for the dense layers
HALF = 0.5  # past this share, one half holds "most"
M = TypeVar("M", bound=Mobject)

# The receptive-field grid: one cell of margin around the widest field, so
# the last field's edge still shows against the grid.
CELL = 0.42
MARGIN = 1
GRID_CENTRE = (-4.3, 0.15)
RING_FILL = 0.12  # the field in focus is tinted
# The intro's name, year and the one filter size, right of the grid where the
# cost panel comes later.
CARD_CENTRE, FILTER_CELL = (2.9, 0.15), 0.6
DIM = 0.35  # opacity of what steps back: earlier rings, the smaller half's bars (never a text)
# What a line names arrives with it: the first play after a line starts is
# this short, and a new picture replaces the old one before the line starts.
ARRIVE = 0.5
# Texts end this far in from the right edge, clear of the frame's margin.
SAFE_RIGHT = 6.6

# The cost panel, right of the grid: the stack's column, the relation sign,
# the single filter's column; the rule above, then one row per stack depth VGG-16 uses.
COLUMN_X = (0.6, 3.05, 5.3)
COST_TOP = 1.9
RULE_Y, ROWS_TOP = COST_TOP + 0.55, COST_TOP - 0.55
COST_ROW = 1.95  # height of one row: formula, values, saving
RELATION = {"stack_cheaper": "<", "stack_same": "=", "stack_dearer": ">"}  # the stack's weights against the single filter's

# The VGG-16 row: blocks under the title, between the bar headers (left) and
# the right edge; a wider gap where a pooling layer sits.
ROW_LEFT, ROW_RIGHT = -4.6, 6.6
BLOCK_Y, BLOCK_HEIGHT = 2.05, 0.6
DEPTH_Y = 2.85  # the layer count: above the row, below the title, right-aligned
GAP, POOL_GAP = 0.1, 0.4
FIELD_Y = 1.25  # the receptive field under each stage
# The input image to scale, with the stage fields on it, in the empty middle
# where the bars will go.
PICTURE_SIDE, PICTURE_CENTRE = 3.0, (0.9, -0.75)
# Share bars: parameters rise from the baseline, multiply-adds hang below it,
# on one scale (a share of 1 is BAR_SCALE tall) so the two can be compared.
BASELINE_Y, BAR_SCALE, MIN_BAR = -1.05, 2.0, 0.02
BAR_WIDTH = 0.7  # of its group's width
# The bars' headers at the left edge: parameters above the baseline, MACs below.
HEADER_X = -6.6
PARAMS_HEADER_Y, MACS_HEADER_Y = BASELINE_Y + 0.35, BASELINE_Y - 0.35


# --- which sentence the numbers allow -------------------------------------------------


def field_key(n: int) -> str:
    """The first convolution's line, then the one for each added to the stack."""
    return "field_one" if n == 1 else "field_more"


def stack_key(cost: StackVsSingle) -> str:
    """Whether the stack needs fewer weights than one filter that sees as far."""
    if cost.stacked_params < cost.single_params:
        return "stack_cheaper"
    return "stack_same" if cost.stacked_params == cost.single_params else "stack_dearer"


def saving(cost: StackVsSingle) -> float:
    """The stack's weights against the single filter's, as a share of the
    single filter's (positive: the stack is cheaper)."""
    return 1 - cost.stacked_params / cost.single_params


def conv_share(shares: list[Share], attr: str) -> float:
    """The convolutions' share (``params_share`` or ``macs_share``): every group but the dense one."""
    return sum(getattr(s, attr) for s in shares if s.name != DENSE)


def params_key(shares: list[Share]) -> str:
    """Which half holds most of the parameters."""
    return "dense_most_params" if conv_share(shares, "params_share") < HALF else "conv_most_params"


def work_key(shares: list[Share]) -> str:
    """Which half does most of the multiply-adds, and whether that is the
    other half from the one holding most parameters (the line says "but")."""
    if conv_share(shares, "macs_share") <= HALF:
        return "dense_most_work"
    return "work_opposite" if params_key(shares) == "dense_most_params" else "conv_most_work"


def convs_per_stage(rows: list[LayerRow]) -> list[int]:
    """How many convolutions each stage stacks, in order."""
    counts: dict[str, int] = {}
    for row in rows:
        if row.kind == "Conv":
            counts[vgg_block(row)] = counts.get(vgg_block(row), 0) + 1
    return list(counts.values())


# --- how things are written and drawn -------------------------------------------------


def size_text(n: int) -> str:
    return f"{n}×{n}"


def pixel_grid(side: int) -> VMobject:
    """A side×side grid of CELL-sized cells as one path of its lines: drawn
    in one go at every frame it is redrawn, where squares cost one each."""
    grid = VMobject(stroke_color=theme.MUTED, stroke_width=1.5)
    extent = side * CELL
    for i in range(side + 1):
        at = i * CELL
        for start, end in (([at, 0, 0], [at, extent, 0]), ([0, at, 0], [extent, at, 0])):
            grid.start_new_path(np.array(start, dtype=float))
            grid.add_line_to(np.array(end, dtype=float))
    return grid


def within_right(mob: M) -> M:
    """``mob`` moved left, if need be, to end at SAFE_RIGHT."""
    if mob.get_right()[0] > SAFE_RIGHT:
        mob.shift((SAFE_RIGHT - mob.get_right()[0]) * RIGHT)
    return mob


# --- the video ------------------------------------------------------------------------


class Vgg(ExplainerScene):
    section = "vgg"

    def construct(self) -> None:
        self.arch = architecture("vgg16")
        self.rows = self.arch.rows()
        self.count_layers()
        self.title = self.show_title()
        self.intro()
        self.field_grows()
        self.stack_against_one()
        self.vgg_row()
        self.stage_fields()
        self.where_parameters_sit()
        self.where_work_is()
        self.closing()

    def count_layers(self) -> None:
        """What the video states about the layers: the one kernel size, the
        first stage's channels, the stack depths, the count of each kind."""
        convs = [r.spec for r in self.rows if isinstance(r.spec, Conv)]
        kernels = {c.kernel for c in convs}
        if len(kernels) != 1:
            raise ValueError(f"vgg: expected one kernel size in VGG-16, got {sorted(kernels)}")
        self.k = kernels.pop()
        self.channels = convs[0].out_channels  # the first stage's C
        self.depths = sorted(set(convs_per_stage(self.rows)))  # stacks of 2 and 3
        self.convs = len(convs)
        self.dense = sum(1 for r in self.rows if r.kind == "Linear")

    # 1. How far one cell sees.

    def intro(self) -> None:
        """The pixel grid, wide enough for the deepest stack's field, and its middle cell."""
        self.say("intro", name=self.arch.name, year=self.arch.year, k=self.k)
        side = stacked_field(self.depths[-1], self.k) + 2 * MARGIN
        self.grid = pixel_grid(side).move_to([*GRID_CENTRE, 0])
        self.output = Square(CELL, stroke_width=0).set_fill(theme.FOCUS, opacity=1).move_to(self.grid)
        self.rings = VGroup()
        self.card = self.filter_card()
        self.play(FadeIn(self.grid), FadeIn(self.output), FadeIn(self.card), run_time=ARRIVE)
        self.hold()

    def filter_card(self) -> VGroup:
        """The network's name and year over its one filter size, drawn as a k×k filter."""
        filter_ = Square(self.k * FILTER_CELL, stroke_width=0).set_fill(theme.CONV, opacity=0.25)
        lines = pixel_grid(self.k).set_stroke(theme.CONV, width=3).scale_to_fit_width(filter_.width).move_to(filter_)
        return VGroup(
            text(f"{self.arch.name} · {self.arch.year}", size=theme.HEADING_SIZE, bold=True),
            VGroup(filter_, lines),
            text(self.s("filter_label", k=self.k), size=theme.SMALL_SIZE, color=theme.CONV),
        ).arrange(DOWN, buff=0.4).move_to([*CARD_CENTRE, 0])

    def field_grows(self) -> None:
        for n in range(1, self.depths[-1] + 1):
            self.say(field_key(n), n=n, k=self.k, f=stacked_field(n, self.k))
            self.show_field(n)
            self.hold()

    def field_tags(self, n: int) -> tuple[Mobject, Mobject]:
        """The field's size above the grid, the number of convolutions below it."""
        f = stacked_field(n, self.k)
        label = text(size_text(f), size=theme.BODY_SIZE, color=theme.FOCUS, bold=True).next_to(self.grid, UP, buff=0.2)
        counter = text(self.s("convs", k=self.k, n=n), size=theme.SMALL_SIZE, color=theme.MUTED).next_to(self.grid, DOWN, buff=0.2)
        return label, counter

    def show_field(self, n: int) -> None:
        """Ring the patch the middle cell sees after n convolutions; earlier rings dim."""
        ring = Square(stacked_field(n, self.k) * CELL, stroke_color=theme.FOCUS, stroke_width=5).move_to(self.output)
        ring.set_fill(theme.FOCUS, opacity=RING_FILL)
        if self.rings:
            self.play(*self.focus_field(n), Create(ring), run_time=ARRIVE)
        else:
            self.field_label, self.counter = self.field_tags(n)
            self.play(FadeIn(self.field_label), FadeIn(self.counter), Create(ring), run_time=ARRIVE)
        self.rings.add(ring)

    def focus_field(self, n: int) -> list[Animation]:
        """Bring the field of n convolutions forward: its ring bright, the
        others dim, its size and count on the tags."""
        label, counter = self.field_tags(n)
        return [
            *(ring.animate.set_stroke(opacity=1 if i == n else DIM).set_fill(opacity=RING_FILL if i == n else 0) for i, ring in enumerate(self.rings, start=1)),
            Transform(self.field_label, label),
            Transform(self.counter, counter),
        ]

    # 2. The stack against one large filter.

    def stack_against_one(self) -> None:
        self.say("cost_rule")
        rule = formula("K times K, med C arrow C: quad K^2 C^2", size=theme.BODY_SIZE).move_to([COLUMN_X[1], RULE_Y, 0])
        self.play(FadeOut(self.card), FadeIn(rule), run_time=ARRIVE)  # the card sits below the rule's place
        self.hold()
        self.say("cost_c", name=self.arch.name, c=self.channels)
        channels = formula(f"C = {self.channels}", size=theme.BODY_SIZE, color=theme.MUTED).next_to(rule, DOWN, buff=0.2)
        self.play(FadeIn(channels), run_time=ARRIVE)
        self.hold()
        for i, n in enumerate(self.depths):
            cost = stack_vs_single(n, self.k, self.channels)
            self.cost_row(cost, ROWS_TOP - i * COST_ROW)
        self.say("relu")
        self.hold()

    def cost_row(self, cost: StackVsSingle, top: float) -> None:
        """One depth: the stack's weights, the single filter's, and the saving."""
        key = stack_key(cost)
        share = fmt_percent(abs(saving(cost)))
        self.say("stack_sees", n=cost.count, k=cost.kernel, f=cost.field)
        columns = self.cost_columns(cost, top)
        sign = formula(RELATION[key], size=theme.HEADING_SIZE).move_to([COLUMN_X[1], columns[0][1].get_y(), 0])
        verdict = text(self.s(f"{key}_label", pct=share), size=theme.SMALL_SIZE, color=theme.FOCUS, bold=True)
        verdict.next_to(columns, DOWN, buff=0.15).set_x(COLUMN_X[1])
        # The grid shows the field both sides see.
        self.play(FadeIn(columns[0][0]), FadeIn(columns[1][0]), *self.focus_field(cost.count), run_time=ARRIVE)
        self.hold()
        self.say(key, pct=share)
        # Both counts and the saving the line names, together.
        self.play(FadeIn(columns[0][1:]), FadeIn(columns[1][1:]), FadeIn(sign), FadeIn(verdict, scale=1.2), run_time=ARRIVE)
        self.hold()

    def cost_columns(self, cost: StackVsSingle, top: float) -> VGroup:
        """The stack's column and the single filter's: a header, the weights
        in units of C², and their count."""
        n, k, f, c2 = cost.count, cost.kernel, cost.field, cost.channels**2
        headers = (self.s("stack_header", n=n, k=k), self.s("single_header", f=f))
        formulas = (f"{n} dot {k}^2 C^2 = {cost.stacked_params // c2} C^2", f"{f}^2 C^2 = {cost.single_params // c2} C^2")
        values = (cost.stacked_params, cost.single_params)
        columns = VGroup()
        for x, header, equation, value in zip((COLUMN_X[0], COLUMN_X[2]), headers, formulas, values):
            columns.add(
                VGroup(
                    text(header, size=theme.SMALL_SIZE, color=theme.MUTED),
                    formula(equation, size=theme.BODY_SIZE, color=theme.PARAMS),
                    formula(f'= "{fmt_int(value)}"', size=theme.BODY_SIZE, color=theme.PARAMS),
                ).arrange(DOWN, buff=0.15).move_to([x, top, 0], aligned_edge=UP)
            )
        return columns

    # 3. VGG-16: 13 convolutions and 3 dense layers.

    def vgg_row(self) -> None:
        convs, dense = self.convs, self.dense
        self.clear_stage(self.title)
        self.say("layers", name=self.arch.name, k=self.k, convs=convs, dense=dense)
        self.blocks, self.groups = self.block_row()
        total = formula(f"{convs} + {dense} = {self.arch.weight_layers}", size=theme.HEADING_SIZE)
        depth = VGroup(text(self.s("depth_label"), size=theme.SMALL_SIZE, color=theme.MUTED), total).arrange(RIGHT, buff=0.25)
        depth.to_edge(RIGHT, buff=0.5).set_y(DEPTH_Y)
        conv_blocks = VGroup(*(b for name, g in self.groups.items() if name != DENSE for b in g))
        braces = VGroup(
            Brace(conv_blocks, DOWN, color=theme.MUTED),
            Brace(self.groups[DENSE], DOWN, color=theme.MUTED),
        )
        labels = VGroup(
            text(self.s("conv_label", n=convs), size=theme.SMALL_SIZE).next_to(braces[0], DOWN, buff=0.1),
            within_right(text(self.s("dense_label", n=dense), size=theme.SMALL_SIZE).next_to(braces[1], DOWN, buff=0.1)),
        )
        self.play(FadeIn(self.blocks, lag_ratio=0.05), FadeIn(braces), FadeIn(labels), FadeIn(depth), run_time=ARRIVE)
        self.hold()
        self.play(FadeOut(braces), FadeOut(labels), run_time=0.5)

    def block_row(self) -> tuple[VGroup, dict[str, VGroup]]:
        """One block per weight layer, grouped by stage, a wider gap at each pooling."""
        weighted = [r for r in self.rows if r.kind in ("Conv", "Linear")]
        names = [vgg_block(r) for r in weighted]
        stage_gaps = sum(1 for a, b in pairwise(names) if a != b)
        width = (ROW_RIGHT - ROW_LEFT - (len(names) - 1 - stage_gaps) * GAP - stage_gaps * POOL_GAP) / len(names)
        groups: dict[str, VGroup] = {}
        x = ROW_LEFT
        for i, name in enumerate(names):
            if i and name != names[i - 1]:
                x += POOL_GAP - GAP
            block = Rectangle(width=width, height=BLOCK_HEIGHT, stroke_color=theme.MUTED, stroke_width=2)
            block.set_fill(theme.INPUT if name == DENSE else theme.MUTED, opacity=0.35 if name == DENSE else 0.15)
            groups.setdefault(name, VGroup()).add(block.move_to([x + width / 2, BLOCK_Y, 0]))
            x += width + GAP
        return VGroup(*groups.values()), groups

    def stage_fields(self) -> None:
        fields = vgg_stage_fields(self.arch)
        side = self.arch.input_shape[-1]
        last = fields[-1].size
        self.say("stages")
        header = text(self.s("field_header"), size=theme.SMALL_SIZE, color=theme.FOCUS).move_to([HEADER_X, FIELD_Y, 0], aligned_edge=LEFT)
        stages = [g for name, g in self.groups.items() if name != DENSE]
        labels = VGroup(
            *(fit_width(text(size_text(f.size), size=theme.SMALL_SIZE, color=theme.FOCUS, bold=True), g.width).move_to([g.get_x(), FIELD_Y, 0])
              for f, g in zip(fields, stages))
        )
        self.picture = self.fields_on_input(side, [f.size for f in fields])
        frame, rings = self.picture
        self.play(FadeIn(header), FadeIn(frame), run_time=ARRIVE)
        self.play(FadeIn(labels, lag_ratio=0.3), Create(rings, lag_ratio=0.3), run_time=1.6)
        self.hold()
        self.say("last_stage", side=size_text(side), f=size_text(last))
        self.play(labels[-1].animate.scale(1.2), rings[-1].animate.set_fill(theme.FOCUS, opacity=RING_FILL), run_time=ARRIVE)
        self.hold(at_least=1.0)
        self.play(FadeOut(self.picture), run_time=ARRIVE)  # the bars' room, cleared before their line

    def fields_on_input(self, side: int, sizes: list[int]) -> VGroup:
        """The input image to scale with each stage's field drawn on it, concentric."""
        unit = PICTURE_SIDE / side
        frame = Square(PICTURE_SIDE, stroke_color=theme.MUTED, stroke_width=2).move_to([*PICTURE_CENTRE, 0])
        tag = text(size_text(side), size=theme.SMALL_SIZE, color=theme.MUTED).next_to(frame, RIGHT, buff=0.2).align_to(frame, DOWN)
        rings = VGroup(*(Square(n * unit, stroke_color=theme.FOCUS, stroke_width=3).move_to(frame) for n in sizes))
        return VGroup(VGroup(frame, tag), rings)

    # 4. Parameters in the dense layers, work in the convolutions.

    def share_bars(self, shares: list[Share], attr: str, colour: ManimColor, up: bool) -> VGroup:
        """A bar per group (above the baseline or below it) with its share written at its end."""
        bars = VGroup()
        for share in shares:
            group = self.groups[share.name]
            value = getattr(share, attr)
            bar = Rectangle(width=BAR_WIDTH * group.width, height=max(MIN_BAR, BAR_SCALE * value), stroke_width=0)
            bar.set_fill(colour, opacity=1).move_to([group.get_x(), BASELINE_Y, 0], aligned_edge=DOWN if up else UP)
            label = text(fmt_percent(value), size=theme.SMALL_SIZE, color=colour).next_to(bar, UP if up else DOWN, buff=0.1)
            bars.add(VGroup(bar, label))
        return bars

    def where_parameters_sit(self) -> None:
        self.shares = where_the_work_is(self.arch, vgg_block)
        self.say("params_total", name=self.arch.name, total=fmt_int(self.arch.params))
        line = Line([ROW_LEFT, BASELINE_Y, 0], [ROW_RIGHT, BASELINE_Y, 0], color=theme.MUTED, stroke_width=2)
        words = text(self.s("params_header"), size=theme.SMALL_SIZE, color=theme.PARAMS).move_to([HEADER_X, PARAMS_HEADER_Y, 0], aligned_edge=LEFT)
        total = text(fmt_int(self.arch.params), size=theme.SMALL_SIZE, color=theme.PARAMS).next_to(words, UP, buff=0.12, aligned_edge=LEFT)
        header = VGroup(words, total)
        bars = self.share_bars(self.shares, "params_share", theme.PARAMS, up=True)
        self.play(FadeIn(line), FadeIn(header), run_time=ARRIVE)
        self.play(*(Create(b[0]) for b in bars), FadeIn(VGroup(*(b[1] for b in bars))), run_time=1.2)
        self.hold()
        key = params_key(self.shares)
        dense = next(s for s in self.shares if s.name == DENSE)
        held = dense.params_share if key == "dense_most_params" else conv_share(self.shares, "params_share")
        self.say(key, share=fmt_percent(held), dense=self.dense, convs=self.convs)
        dense_holds = key == "dense_most_params"
        minority = [b for share, b in zip(self.shares, bars) if (share.name == DENSE) != dense_holds]
        # The smaller half steps back: its bars dim, its shares turn grey (still readable).
        self.play(*(b[0].animate.set_fill(opacity=DIM) for b in minority), *(b[1].animate.set_color(theme.MUTED) for b in minority), run_time=0.6)
        if key == "conv_most_params":
            self.play(FadeIn(self.conv_total(bars, "params_share", theme.PARAMS, up=True)), run_time=ARRIVE)
        self.hold()
        self.param_bars = bars

    def where_work_is(self) -> None:
        key = work_key(self.shares)
        dense = next(s for s in self.shares if s.name == DENSE)
        held = dense.macs_share if key == "dense_most_work" else conv_share(self.shares, "macs_share")
        self.say(key, share=fmt_percent(held))
        header = text(self.s("macs_header"), size=theme.SMALL_SIZE, color=theme.MACS).move_to([HEADER_X, MACS_HEADER_Y, 0], aligned_edge=LEFT)
        bars = self.share_bars(self.shares, "macs_share", theme.MACS, up=False)
        total = [FadeIn(self.conv_total(bars, "macs_share", theme.MACS, up=False))] if key != "dense_most_work" else []
        restore = [*(b[0].animate.set_fill(opacity=1) for b in self.param_bars), *(b[1].animate.set_color(theme.PARAMS) for b in self.param_bars)]
        # The share the line names arrives with it: the bars and their total in one play.
        self.play(*restore, FadeIn(header), *(Create(b[0]) for b in bars), FadeIn(VGroup(*(b[1] for b in bars))), *total, run_time=ARRIVE)
        self.hold()

    def conv_total(self, bars: VGroup, attr: str, colour: ManimColor, up: bool) -> VGroup:
        """A brace over (or under) the convolutions' bars with their summed share."""
        convs = VGroup(*(b for share, b in zip(self.shares, bars) if share.name != DENSE))
        brace = Brace(convs, UP if up else DOWN, buff=0.05, color=colour)
        label = text(self.s("conv_total", share=fmt_percent(conv_share(self.shares, attr))), size=theme.SMALL_SIZE, color=colour)
        return VGroup(brace, label.next_to(brace, UP if up else DOWN, buff=0.05))

    def closing(self) -> None:
        self.say("closing")
        self.hold(at_least=1.5)
