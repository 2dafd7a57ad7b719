"""GoogLeNet (Inception v1, 2014), its step forward: the inception module's
four branches side by side on one input, joined along channels; the 1×1
reductions that make its 3×3 and 5×5 branches cheap; and the whole network,
deeper than AlexNet and VGG-16 with far fewer parameters.

Every number comes from mathcore (``inception_branches(**INCEPTION_3A)`` and
the architecture specs); each sentence that states a fact about a number is
picked by that number (the ``*_key`` functions below)."""

from __future__ import annotations

from itertools import pairwise

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    FadeIn,
    GrowFromEdge,
    LaggedStart,
    ManimColor,
    Rectangle,
    RoundedRectangle,
    SurroundingRectangle,
    VGroup,
)

from mathcore.lineage import Architecture, architecture
from mathcore.lineage.reasons import INCEPTION_3A, Branch, inception_branches
from mathcore.lineage.specs import Concat, Conv, Pool, Sequential
from scenes.toolkit import ExplainerScene, fit_width, formula, text, theme
from scenes.toolkit.theme import fmt, fmt_int, fmt_percent, fmt_si

MODELS = ("alexnet", "vgg16", "googlenet")  # compared in the last step, oldest first
SUBJECT = "googlenet"  # the model of the video, one of MODELS
UNREDUCED = theme.MUTED  # a branch's cost without its 1×1 reduction, greyed: the cost not paid
# What a line names arrives with it: the first play after a line starts is
# this short, and a new picture replaces the old one before the line starts.
ARRIVE = 0.5

# The module diagram: input on top, four branch columns (each starts in the
# top row, so no arrow from the input crosses a box), the concatenation
# below; everything between the title and the caption band.
COLUMN_X = (-4.8, -1.6, 1.6, 4.8)
INPUT_Y, ROW_Y, CONCAT_Y, SUM_Y = 2.35, (1.05, -0.2), -1.35, -2.15
BOX_W, BOX_H = 2.5, 0.85
WIDE_BOX_H = 0.7  # the input's and the concatenation's boxes: one line
CORNER = 0.12  # the boxes' rounded corners
FAN = 0.25  # the input's arrows leave it this share of the columns' spread apart

# The cost chart: MACs panel left, weights panel right; two bars (without,
# with the reduction) per branch; labels right of each bar.
PANEL_X = {"macs": -3.5, "weights": 1.9}  # where each panel's bars start, right of the branch names
PANEL_W = 3.3  # the longest bar of a panel; its label still ends before the next panel
BRANCH_NAME_X = -6.55  # clear of the frame's margin
CHART_HEADER_Y = 2.3
CHART_ROWS = ((1.35, 0.8), (-0.35, -0.9))  # per reduced branch: y of its bar without, then with, the reduction
CHART_BAR_H = 0.38
THINNEST_BAR = 0.03  # a bar near zero still shows
POSITIONS_Y, LEGEND_Y = -1.65, -2.25

# The model table: name, parameter bar, depth, top-1.
TABLE_X = (-6.6, -4.3, 3.2, 5.5)
TABLE_HEADER_Y, TABLE_ROW_Y = 2.2, (1.25, 0.15, -0.95)
TABLE_BAR_W, TABLE_BAR_H = 4.2, 0.5
# The source note under the table: wider than NOTE_W, it breaks into two
# lines (never shrunk under the size floor), after a clause where it can;
# its last line ends well above a two-line caption.
NOTE_BOTTOM, NOTE_W, NOTE_LINE_GAP = -2.55, 13.0, 0.1
CLAUSE_ENDS = ".,:;"


# --- numbers as the screen shows them ------------------------------------------------


def times(before: int, after: int) -> str:
    """How many times smaller ``after`` is: 120,422,400 / 12,443,648 → "9.7"."""
    return fmt(before / after, "ratio")


def shown_top1(arch: Architecture) -> float:
    """Top-1 as the screen shows it (one decimal), to compare what the viewer sees."""
    return round(float(arch.top1 or 0.0), 1)


def square(k: int) -> str:
    return f"{k}×{k}"


# --- the module as mathcore builds it -------------------------------------------------


def reduced(branches: list[Branch]) -> list[Branch]:
    """The branches that have a 1×1 reduction (3×3 and 5×5)."""
    return [b for b in branches if b.macs_unreduced is not None]


def most_gain(branches: list[Branch]) -> Branch:
    """The reduced branch whose MACs shrink by the largest factor."""
    return max(reduced(branches), key=lambda b: (b.macs_unreduced or 0) / b.macs)


def inception_modules(arch: Architecture) -> list[Concat]:
    return [layer for layer in arch.spec.layers if isinstance(layer, Concat)]


def kernels(branch: Sequential, kind: type[Conv | Pool]) -> list[int]:
    """The kernel sizes of a branch's ``kind`` layers, in order, however nested."""
    out: list[int] = []
    for layer in branch.layers:
        if isinstance(layer, Sequential):
            out += kernels(layer, kind)
        elif isinstance(layer, kind):
            out.append(layer.kernel)
    return out


# --- which sentence the numbers allow -------------------------------------------------


def reduction_key(branch: Branch) -> str:
    """A reduction that costs as much as it saves is not called a saving."""
    return "cheaper" if branch.macs < (branch.macs_unreduced or 0) else "not_cheaper"


def weights_key(branches: list[Branch], size: int) -> str:
    """Weights shrink by the MACs' factor when every weight is used at every
    one of the size² positions (stride 1, same padding)."""
    alike = all(b.macs == b.params * size**2 and b.macs_unreduced == (b.params_unreduced or 0) * size**2 for b in reduced(branches))
    return "weights_same" if alike else "weights_differ"


def depth_params_key(subject: Architecture, others: list[Architecture]) -> str:
    """Deeper than the deepest of ``others``, lighter than the lightest: as deep, or as heavy, is not."""
    deeper = subject.weight_layers > max(a.weight_layers for a in others)
    fewer = subject.params < min(a.params for a in others)
    return {(True, True): "deeper_fewer", (False, True): "fewer_not_deeper", (True, False): "deeper_not_fewer"}.get((deeper, fewer), "neither")


def top1_key(subject: Architecture, others: list[Architecture]) -> str:
    """Compared as shown: two top-1s that read the same are a tie."""
    mine, theirs = shown_top1(subject), [shown_top1(a) for a in others]
    if mine in theirs:
        return "top1_tie"
    return "top1_best" if mine > max(theirs) else "top1_worst" if mine < min(theirs) else "top1_between"


def closing_key(branches: list[Branch], depth_params: str) -> str:
    """"Kept cheap" only if every reduction saved and the model is deeper and lighter."""
    cheap = all(reduction_key(b) == "cheaper" for b in reduced(branches))
    return "close" if cheap and depth_params == "deeper_fewer" else "close_mixed"


def note_key(paper_name: str, built_kernel: int) -> str:
    """The parameter count follows torchvision; say so if its "5×5" branch is built otherwise."""
    return "note_plain" if paper_name == square(built_kernel) else "note_quirk"


# --- the video ------------------------------------------------------------------------


class GoogLeNet(ExplainerScene):
    section = "googlenet"

    def construct(self) -> None:
        self.spec = INCEPTION_3A
        self.branches = inception_branches(**INCEPTION_3A)
        self.chart_y = {b.name: ys for b, ys in zip(reduced(self.branches), CHART_ROWS)}
        self.longest = {"macs": max(b.macs_unreduced or 0 for b in self.branches), "weights": max(b.params_unreduced or 0 for b in self.branches)}
        self.model = architecture(SUBJECT)
        self.archs = [architecture(a) for a in MODELS]
        self.module = inception_modules(self.model)[0]
        self.title = self.show_title()
        self.module_input()
        self.four_branches()
        self.concatenate()
        self.point_at_reductions()
        self.cost_without()
        self.cost_with()
        self.weights_alike()
        self.biggest_gain()
        self.whole_model()
        self.compare_models()
        self.top1()
        self.closing()

    def shape(self, channels: int) -> str:
        return f"{channels}×{self.spec['size']}×{self.spec['size']}"

    def others(self) -> list[Architecture]:
        return [a for a in self.archs if a.id != SUBJECT]

    # 1. The module: one input, four branches, one concatenation.

    def box(self, lines: list[str], colour: ManimColor) -> VGroup:
        frame = RoundedRectangle(width=BOX_W, height=BOX_H, corner_radius=CORNER, color=colour, stroke_width=3)
        words = VGroup(*(text(line, size=theme.SMALL_SIZE, color=theme.TEXT) for line in lines)).arrange(DOWN, buff=0.08)
        return VGroup(frame, fit_width(words, BOX_W - 0.25).move_to(frame))

    def conv_box(self, kernel: str, channels: int) -> VGroup:
        return self.box([self.s("conv", k=kernel), self.s("channels", c=channels)], theme.TEXT)

    def wide_box(self, label: VGroup, width: float, colour: ManimColor) -> VGroup:
        frame = RoundedRectangle(width=width, height=WIDE_BOX_H, corner_radius=CORNER, color=colour, stroke_width=3)
        return VGroup(frame, label)

    def arrow(self, start, end) -> Arrow:  # type: ignore[no-untyped-def]
        return Arrow(start, end, buff=0.08, color=theme.MUTED, stroke_width=3, tip_length=0.16, max_tip_length_to_length_ratio=0.5)

    def module_input(self) -> None:
        name = self.module.name.removeprefix("inception")
        self.say("input", name=name, shape=self.shape(self.spec["c_in"]))
        label = text(self.s("input_label", shape=self.shape(self.spec["c_in"])), size=theme.SMALL_SIZE, color=theme.INPUT)
        self.input_box = self.wide_box(label, label.width + 0.6, theme.INPUT).move_to([0, INPUT_Y, 0])
        self.play(FadeIn(self.input_box, shift=0.2 * DOWN), run_time=ARRIVE)
        self.hold()

    def four_branches(self) -> None:
        one, k3, k5 = self.branches[0].name, *(b.name for b in reduced(self.branches))
        pool = square(kernels(self.module.branches[3], Pool)[0])
        self.say("branches")
        spec = self.spec
        # Each column: its boxes top to bottom; the last one is the branch's output.
        columns = [
            [self.conv_box(one, spec["ch1"])],
            [self.conv_box(one, spec["red3"]), self.conv_box(k3, spec["ch3"])],
            [self.conv_box(one, spec["red5"]), self.conv_box(k5, spec["ch5"])],
            [self.box([self.s("pool", k=pool)], theme.MUTED), self.conv_box(one, spec["proj"])],
        ]
        self.columns, arrows = [], []
        for x, boxes in zip(COLUMN_X, columns):
            for box, y in zip(boxes, ROW_Y):
                box.move_to([x, y, 0])
            arrows.append(self.arrow(self.input_box.get_bottom() + [x * FAN, 0, 0], boxes[0].get_top()))
            arrows += [self.arrow(a.get_bottom(), b.get_top()) for a, b in pairwise(boxes)]
            self.columns.append(boxes)
        self.arrows = VGroup(*arrows)
        self.play(Create(self.arrows), LaggedStart(*(FadeIn(VGroup(*c), shift=0.2 * DOWN) for c in self.columns), lag_ratio=0.3), run_time=1.3)
        self.hold()
        self.say("kernels", k1=one, k3=k3, k5=k5)
        self.hold()

    def concatenate(self) -> None:
        spec = self.spec
        parts = (spec["ch1"], spec["ch3"], spec["ch5"], spec["proj"])
        total = sum(parts)
        self.say("concat", total=total)
        label = text(self.s("concat_label", shape=self.shape(total)), size=theme.SMALL_SIZE)
        self.concat_box = self.wide_box(label, COLUMN_X[-1] - COLUMN_X[0] + BOX_W, theme.TEXT).move_to([0, CONCAT_Y, 0])
        top = self.concat_box[0].get_top()[1]
        self.joins = VGroup(*(self.arrow(c[-1].get_bottom(), [x, top, 0]) for x, c in zip(COLUMN_X, self.columns)))
        channel_sum = formula(" + ".join(str(p) for p in parts) + f" = {total}", size=theme.BODY_SIZE).move_to([0, SUM_Y, 0])
        self.play(Create(self.joins), FadeIn(self.concat_box, shift=0.2 * DOWN), FadeIn(channel_sum, shift=0.2 * UP), run_time=ARRIVE)
        self.hold()

    # 2. The 1×1 reductions and what they save.

    def point_at_reductions(self) -> None:
        spec = self.spec
        self.say("reduce", k1=self.branches[0].name, c_in=spec["c_in"], red3=spec["red3"], red5=spec["red5"])
        self.reduction_marks = VGroup(*(SurroundingRectangle(self.columns[i][0], color=theme.FOCUS, buff=0.08, corner_radius=0.15) for i in (1, 2)))
        self.play(Create(self.reduction_marks), run_time=ARRIVE)
        self.hold()

    def cost_without(self) -> None:
        k3, k5 = (b.name for b in reduced(self.branches))
        self.clear_stage(self.title)
        self.say("cost_intro", k3=k3, k5=k5)
        headers = VGroup(
            text(self.s("macs_header"), size=theme.SMALL_SIZE, color=theme.MACS, bold=True).move_to([PANEL_X["macs"], CHART_HEADER_Y, 0], aligned_edge=LEFT),
            text(self.s("weights_header"), size=theme.SMALL_SIZE, color=theme.PARAMS, bold=True).move_to([PANEL_X["weights"], CHART_HEADER_Y, 0], aligned_edge=LEFT),
        )
        self.branch_names = {
            b.name: text(self.s("branch", k=b.name), size=theme.SMALL_SIZE, bold=True).move_to([BRANCH_NAME_X, sum(self.chart_y[b.name]) / 2, 0], aligned_edge=LEFT)
            for b in reduced(self.branches)
        }
        self.legend = self.chart_legend()
        bars = VGroup(
            *(self.chart_bar(panel, value or 0, self.chart_y[b.name][0], UNREDUCED)
              for b in reduced(self.branches) for panel, value in (("macs", b.macs_unreduced), ("weights", b.params_unreduced)))
        )
        self.play(FadeIn(headers), FadeIn(VGroup(*self.branch_names.values())), FadeIn(self.legend[0]), run_time=ARRIVE)
        self.play(LaggedStart(*(GrowFromEdge(bar[0], LEFT) for bar in bars), lag_ratio=0.15), FadeIn(VGroup(*(bar[1] for bar in bars))), run_time=1.2)
        self.hold()

    def chart_legend(self) -> VGroup:
        """Without the cut (grey), then with it (the MACs' and the weights' colours)."""
        entries = (((UNREDUCED,), "legend_without"), ((theme.MACS, theme.PARAMS), "legend_with"))
        return VGroup(
            *(VGroup(VGroup(*(self.swatch(c) for c in colours)).arrange(RIGHT, buff=0.06), text(self.s(key, k1=self.branches[0].name), size=theme.SMALL_SIZE, color=theme.MUTED)).arrange(RIGHT, buff=0.15)
              for colours, key in entries)
        ).arrange(RIGHT, buff=0.8).move_to([0, LEGEND_Y, 0])

    @staticmethod
    def swatch(colour: ManimColor) -> Rectangle:
        return Rectangle(width=0.4, height=0.24, color=colour, fill_opacity=0.8, stroke_width=0)

    def chart_bar(self, panel: str, value: int, y: float, colour: ManimColor) -> VGroup:
        bar = Rectangle(width=max(PANEL_W * value / self.longest[panel], THINNEST_BAR), height=CHART_BAR_H, color=colour, fill_opacity=0.8, stroke_width=0)
        bar.move_to([PANEL_X[panel], y, 0], aligned_edge=LEFT)
        label = text(fmt_si(value), size=theme.SMALL_SIZE, color=colour).next_to(bar, RIGHT, buff=0.15)
        return VGroup(bar, label)

    def cost_with(self) -> None:
        self.play(FadeIn(self.legend[1]), run_time=0.4)
        self.ratio_marks = {}
        for b in reduced(self.branches):
            self.ratio_marks[b.name] = self.reduced_bars(b)

    def reduced_bars(self, b: Branch) -> VGroup:
        """The branch's bars with its reduction, under those without, and how many times shorter."""
        before, after = b.macs_unreduced or 0, b.macs
        self.say(reduction_key(b), branch=b.name, before=fmt_si(before), after=fmt_si(after), times=times(before, after))
        y = self.chart_y[b.name][1]
        macs = self.chart_bar("macs", after, y, theme.MACS)
        weights = self.chart_bar("weights", b.params, y, theme.PARAMS)
        ratios = VGroup(
            *(text(self.s("ratio", times=times(old, new)), size=theme.SMALL_SIZE, color=theme.FOCUS, bold=True).next_to(bar[1], RIGHT, buff=0.25)
              for bar, old, new in ((macs, before, after), (weights, b.params_unreduced or 0, b.params)))
        )
        # The counts and how many times fewer, with the line.
        self.play(GrowFromEdge(macs[0], LEFT), GrowFromEdge(weights[0], LEFT), FadeIn(macs[1]), FadeIn(weights[1]), FadeIn(ratios, scale=1.2), run_time=ARRIVE)
        self.hold()
        return ratios

    def weights_alike(self) -> None:
        size = self.spec["size"]
        key = weights_key(self.branches, size)
        self.say(key, positions=fmt_int(size**2))
        if key == "weights_same":
            positions = text(self.s("positions_label", positions=fmt_int(size**2), side=square(size)), size=theme.SMALL_SIZE, color=theme.FOCUS)
            self.play(FadeIn(positions.move_to([0, POSITIONS_Y, 0])), run_time=ARRIVE)
        self.hold()

    def biggest_gain(self) -> None:
        best = most_gain(self.branches)
        # mathcore lists the reduced branches as 3×3 then 5×5.
        channels = dict(zip(reduced(self.branches), (self.spec["red3"], self.spec["red5"])))[best]
        self.say("gain_most", branch=best.name, c_in=self.spec["c_in"], reduced=channels)
        cut = text(self.s("channels_cut", c_in=self.spec["c_in"], reduced=channels), size=theme.SMALL_SIZE, color=theme.FOCUS)
        cut.next_to(self.branch_names[best.name], DOWN, buff=0.15, aligned_edge=LEFT)
        self.play(*(Create(SurroundingRectangle(mark, color=theme.FOCUS, buff=0.08)) for mark in self.ratio_marks[best.name]), FadeIn(cut), run_time=ARRIVE)
        self.hold()
        self.clear_stage(self.title)  # before the next line, whose numbers arrive with it

    # 3. The whole network against AlexNet and VGG-16.

    def whole_model(self) -> None:
        modules = len(inception_modules(self.model))
        self.say("model_intro", modules=modules, depth=self.model.weight_layers)
        headers = VGroup(*(text(self.s(key), size=theme.SMALL_SIZE, color=theme.MUTED, bold=True) for key in ("header_params", "header_depth", "header_top1")))
        headers[0].move_to([TABLE_X[1], TABLE_HEADER_Y, 0], aligned_edge=LEFT)
        for h, x in zip(headers[1:], TABLE_X[2:]):
            h.move_to([x, TABLE_HEADER_Y, 0])
        top = max(a.params for a in self.archs)
        self.rows = {a.id: self.model_row(a, y, top) for a, y in zip(self.archs, TABLE_ROW_Y)}
        k5, built = reduced(self.branches)[1].name, kernels(self.module.branches[2], Conv)[-1]  # torchvision's "5×5" branch
        note = self.note(self.s(note_key(k5, built), k5=k5, k=square(built)))
        subject = self.rows[SUBJECT]
        count = text(self.s("modules_label", n=modules), size=theme.SMALL_SIZE, color=theme.MUTED)
        count.next_to(subject[0], DOWN, buff=0.12, aligned_edge=LEFT)
        self.play(FadeIn(headers), FadeIn(subject[:3]), GrowFromEdge(subject[3][0], LEFT), FadeIn(subject[3][1]), FadeIn(count), FadeIn(note), run_time=ARRIVE)
        self.hold()

    @staticmethod
    def note(content: str) -> VGroup:
        """The source note at the floor's size, centred under the table: one
        line, or, if it is wider than NOTE_W, two, broken at the space nearest
        the middle that ends a clause (any space if none does)."""
        lines = [text(content, size=theme.AXIS_SIZE, color=theme.MUTED)]
        spaces = [i for i, ch in enumerate(content) if ch == " "]
        if lines[0].width > NOTE_W and spaces:
            clauses = [i for i in spaces if content[i - 1] in CLAUSE_ENDS]
            cut = min(clauses or spaces, key=lambda i: abs(i - len(content) / 2))
            lines = [text(part, size=theme.AXIS_SIZE, color=theme.MUTED) for part in (content[:cut], content[cut + 1:])]
        return VGroup(*lines).arrange(DOWN, buff=NOTE_LINE_GAP).move_to([0, NOTE_BOTTOM, 0], aligned_edge=DOWN)

    def model_row(self, arch: Architecture, y: float, top: int) -> VGroup:
        colour = theme.FOCUS if arch.id == SUBJECT else theme.TEXT
        name = text(arch.name, size=theme.LABEL_SIZE, color=colour, bold=True).move_to([TABLE_X[0], y, 0], aligned_edge=LEFT)
        depth = text(str(arch.weight_layers), size=theme.LABEL_SIZE).move_to([TABLE_X[2], y, 0])
        top1 = text(fmt_percent(float(arch.top1 or 0.0) / 100), size=theme.LABEL_SIZE).move_to([TABLE_X[3], y, 0])
        bar = Rectangle(width=TABLE_BAR_W * arch.params / top, height=TABLE_BAR_H, color=theme.PARAMS, fill_opacity=0.8, stroke_width=0)
        bar.move_to([TABLE_X[1], y, 0], aligned_edge=LEFT)
        count = text(fmt_int(arch.params), size=theme.SMALL_SIZE, color=theme.PARAMS).next_to(bar, RIGHT, buff=0.15)
        return VGroup(name, depth, top1, VGroup(bar, count))

    def compare_models(self) -> None:
        others = self.others()
        smallest = min(others, key=lambda a: a.params)
        self.say(depth_params_key(self.model, others), smallest=smallest.name, times=times(smallest.params, self.model.params))
        rows = [self.rows[a.id] for a in others]
        fewer = []
        if self.model.params < smallest.params:
            label = text(self.s("fewer_label", times=times(smallest.params, self.model.params), smallest=smallest.name), size=theme.SMALL_SIZE, color=theme.FOCUS)
            fewer = [FadeIn(label.next_to(self.rows[SUBJECT][3], RIGHT, buff=0.4))]
        # The other rows and how many times fewer, with the line.
        self.play(*(FadeIn(r[:3]) for r in rows), *(GrowFromEdge(r[3][0], LEFT) for r in rows), *(FadeIn(r[3][1]) for r in rows), *fewer, run_time=ARRIVE)
        self.hold()

    def top1(self) -> None:
        others = self.others()
        self.say("top1", top1=fmt_percent(float(self.model.top1 or 0.0) / 100))
        self.play(Create(SurroundingRectangle(self.rows[SUBJECT][2], color=theme.FOCUS, buff=0.1)), run_time=ARRIVE)
        self.hold()
        low, high = min(others, key=shown_top1), max(others, key=shown_top1)
        tied = next((a for a in others if shown_top1(a) == shown_top1(self.model)), high)
        key = top1_key(self.model, others)
        gap = fmt(shown_top1(high) - shown_top1(self.model), "percent")
        self.say(key, low_name=low.name, high_name=high.name, gap=gap, tied=tied.name)
        if key == "top1_between":
            # Between the two top-1 cells it compares.
            below = text(self.s("gap_label", gap=gap), size=theme.SMALL_SIZE, color=theme.FOCUS)
            cells = (self.rows[high.id][2], self.rows[SUBJECT][2])
            self.play(FadeIn(below.move_to([TABLE_X[3], (cells[0].get_y() + cells[1].get_y()) / 2, 0])), run_time=ARRIVE)
        self.hold()

    def closing(self) -> None:
        """The module again, its 1×1 reductions marked: what the line names."""
        self.clear_stage(self.title)
        self.say(closing_key(self.branches, depth_params_key(self.model, self.others())), k1=self.branches[0].name)
        module = VGroup(self.input_box, self.arrows, *(VGroup(*c) for c in self.columns), self.joins, self.concat_box, self.reduction_marks)
        self.play(FadeIn(module), run_time=ARRIVE)
        self.hold(2.0)
