"""MLP against CNN on real digits: the same 4,000 training digits for both,
their parameters, held-out accuracy, the permuted-pixel experiment and the
accuracy against shift, every number from mathcore's cached experiments.

Each sentence that states a fact about a number is picked by that number
(the ``*_key`` functions below), so other results never make it say
something false."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Group,
    Line,
    Mobject,
    Rectangle,
    RoundedRectangle,
    SurroundingRectangle,
    Transform,
    VGroup,
    linear,
)

from mathcore import shift2d
from mathcore.learn import Accuracy, Permuted, Shift, model
from scenes.toolkit import (
    ExplainerScene,
    cell,
    fit_width,
    formula,
    map_image,
    mnist_digit,
    results,
    text,
    theme,
)
from scenes.toolkit.layout import row_y
from scenes.toolkit.theme import fmt_int, fmt_percent, fmt_points

MLP, CNN = "mlp", "lenet"
COLOUR = {MLP: theme.DENSE, CNN: theme.CONV}  # as in the flattening video

# A change of less than one point in held-out accuracy counts as no change.
SAME = 0.01

SAID = 0.45  # a play that brings what the line says: up within a second of its start

# The two networks either side of the held-out digit, the digit counts below.
NETWORK_X, NETWORKS_Y = 4.6, 1.05
COUNTS_AT = (0, -1.75, 0)

# The bar rows (parameters, then accuracy).
NAME_X, BAR_X, BAR_MAX = -6.5, -3.0, 7.0
ROW_Y = {MLP: 0.6, CNN: -0.7}
HEADER_Y = 1.6
BAR_HEIGHT = 0.55

# The permuted-pixel step: the two images above, the table below
# (columns: name, as is, permuted, change).
IMAGE_X, IMAGE_Y = 1.8, 1.6  # either side of the centre
TABLE_X = (-5.6, 0.0, 2.1, 4.4)
TABLE_Y = {"header": -0.4, MLP: -1.1, CNN: -1.85}

# The shift plot, and the held-out digit moved, top right of it.
PLOT_AT, PLOT_WIDTH, PLOT_HEIGHT = (-1.7, 0.0, 0), 6.8, 4.0
SHIFTED_AT = (4.2, 1.75, 0)  # the pair's middle: the longer label ends clear of the right margin
SHIFTED_GAP = 0.45  # between the digit and the digit moved, labels included
Y_RANGE = (0.0, 1.0)  # accuracy axis of the shift plot: all of 0–100%
DIRECTIONS = {"left", "right", "up", "down"}  # what the shift curves average over (the narration names them)

# The claims, one row each: the claim and its evidence, its verdict to the right.
CLAIMS_TOP, CLAIM_STEP = 1.6, 1.35
CLAIM_X, VERDICT_RIGHT = -6.4, 6.55  # verdicts end at the right margin
VERDICT_DROP = 0.2  # a verdict sits level with its claim and evidence together
CLAIM_WIDTH = 10.3  # a claim and its evidence end before the verdict column


# --- which sentence the numbers allow -------------------------------------------------


def shown(share: float) -> float:
    """A share as the screen shows it (one decimal of a percent), to compare
    what the viewer can compare."""
    return round(100 * share, 1)


def params_key(accuracy: Accuracy) -> str:
    fewer = model(accuracy, CNN).params < model(accuracy, MLP).params
    return "params_cnn_fewer" if fewer else "params_cnn_not_fewer"


def accuracy_key(accuracy: Accuracy) -> str:
    mlp, cnn = (shown(model(accuracy, m).test_accuracy) for m in (MLP, CNN))
    return "cnn_wins" if cnn > mlp else "mlp_wins" if mlp > cnn else "acc_tie"


def mlp_permuted_key(permuted: Permuted) -> str:
    return "mlp_same" if abs(model(permuted, MLP).change) < SAME else "mlp_changed"


def cnn_permuted_key(permuted: Permuted) -> str:
    return "cnn_drops" if model(permuted, CNN).change <= -SAME else "cnn_same"


def compared_shift(shift: Shift) -> int:
    """The index of the shift the curves are compared at: the middle one (2 px of 0–4)."""
    return len(shift.shifts) // 2


def shift_key(shift: Shift) -> str:
    k = compared_shift(shift)
    mlp, cnn = (shown(model(shift, m).accuracy[k]) for m in (MLP, CNN))
    return "shift_cnn_better" if cnn > mlp else "shift_mlp_better" if mlp > cnn else "shift_tie"


def claims(accuracy: Accuracy, permuted: Permuted, shift: Shift) -> dict[str, bool]:
    """Whether each of the post's claims shows in these results."""
    return {
        # The MLP does not care where a pixel is; the CNN does.
        "spatial": mlp_permuted_key(permuted) == "mlp_same" and cnn_permuted_key(permuted) == "cnn_drops",
        # Fewer parameters, and no worse for it.
        "params": params_key(accuracy) == "params_cnn_fewer" and accuracy_key(accuracy) in ("cnn_wins", "acc_tie"),
        "shift": shift_key(shift) == "shift_cnn_better",
    }


def closing_key(verdicts: dict[str, bool]) -> str:
    return "close_all" if all(verdicts.values()) else "close_mixed"


def spread(ys: Sequence[float], gap: float = 0.4) -> list[float]:
    """Heights of labels pushed apart so that no two are closer than ``gap``."""
    ys = list(ys)
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    for a, b in zip(order, order[1:]):
        if ys[b] - ys[a] < gap:
            mid = (ys[a] + ys[b]) / 2
            ys[a], ys[b] = mid - gap / 2, mid + gap / 2
    return ys


# --- the video ------------------------------------------------------------------------


class MlpVsCnn(ExplainerScene):
    section = "mlp-vs-cnn"

    def construct(self) -> None:
        self.load()
        self.title = self.show_title()
        self.same_training_digits()
        self.same_test_digits()
        self.count_parameters()
        self.compare_accuracy()
        self.shuffle_pixels()
        self.retrain_shuffled()
        self.shuffled_result(MLP, mlp_permuted_key(self.permuted))
        self.shuffled_result(CNN, cnn_permuted_key(self.permuted))
        self.plot_shift()
        self.compare_at_shift()
        self.back_to_the_claims()
        self.close()

    def load(self) -> None:
        self.accuracy = cast(Accuracy, results("accuracy"))
        self.permuted = cast(Permuted, results("permuted"))
        self.shift = cast(Shift, results("shift"))
        for m in (MLP, CNN):  # the narration names these four directions
            if set(model(self.shift, m).by_direction) != DIRECTIONS:
                raise ValueError(f"shift: expected the directions {sorted(DIRECTIONS)} for {m}")
        self.names = {m: model(self.accuracy, m).name for m in (MLP, CNN)}

    # 1. The same digits for both.

    def same_training_digits(self) -> None:
        train, test = fmt_int(self.accuracy.train_size), fmt_int(self.accuracy.test_size)
        self.say("same_train", train=train)
        self.boxes = {}
        for m, x in ((MLP, -NETWORK_X), (CNN, NETWORK_X)):
            name = text(self.names[m], size=theme.BODY_SIZE, color=COLOUR[m], bold=True)
            box = RoundedRectangle(width=name.width + 0.6, height=name.height + 0.6, corner_radius=0.15, color=COLOUR[m])
            self.boxes[m] = VGroup(box, name).move_to([x, NETWORKS_Y, 0])
        self.counts = VGroup(
            self.count(train, self.s("train_label"), theme.TEXT),
            self.count(test, self.s("test_label"), theme.FOCUS),
        ).arrange(RIGHT, buff=2.2).move_to(COUNTS_AT)
        self.play(FadeIn(self.boxes[MLP]), FadeIn(self.boxes[CNN]), FadeIn(self.counts[0], shift=0.2 * UP), run_time=SAID)
        self.hold(1.0)

    def same_test_digits(self) -> None:
        self.say("same_test", test=fmt_int(self.accuracy.test_size))
        digit = mnist_digit()
        picture = map_image(digit.image, height=2.2).move_to([0, NETWORKS_Y, 0])
        tag = text(self.s("digit_label", id=digit.id), size=theme.SMALL_SIZE, color=theme.MUTED).next_to(picture, DOWN, buff=0.15)
        arrows = VGroup(
            *(Arrow(picture.get_edge_center(side), self.boxes[m].get_edge_center(-side), buff=0.2, color=theme.MUTED, stroke_width=3)
              for m, side in ((MLP, LEFT), (CNN, RIGHT)))
        )
        self.play(FadeIn(picture), FadeIn(tag), FadeIn(self.counts[1], shift=0.2 * UP), run_time=SAID)
        self.play(Create(arrows), run_time=0.8)
        self.hold(1.0)
        self.digit_stage = (picture, tag, arrows, self.counts)

    def count(self, number: str, label: str, colour) -> VGroup:  # type: ignore[no-untyped-def]
        return VGroup(text(number, size=theme.TITLE_SIZE, color=colour, bold=True), text(label, size=theme.SMALL_SIZE, color=theme.MUTED)).arrange(DOWN, buff=0.15)

    # 2. Parameters.

    def bar(self, m: str, width: float) -> Rectangle:
        bar = Rectangle(width=max(width, 0.02), height=BAR_HEIGHT, color=COLOUR[m], fill_opacity=0.6, stroke_width=0)
        return bar.move_to([BAR_X, ROW_Y[m], 0], aligned_edge=LEFT)

    def bar_label(self, m: str, value: str, bar: Rectangle) -> Mobject:
        return text(value, size=theme.LABEL_SIZE, color=COLOUR[m]).next_to(bar, RIGHT, buff=0.2)

    def count_parameters(self) -> None:
        """The names leave their boxes for the rows of a bar chart (while the
        last line is still up), then the bars come with the line."""
        params = {m: model(self.accuracy, m).params for m in (MLP, CNN)}
        names = {m: self.boxes[m][1] for m in (MLP, CNN)}
        self.play(
            *(FadeOut(m) for m in self.digit_stage),
            *(FadeOut(self.boxes[m][0]) for m in (MLP, CNN)),
            *(names[m].animate.scale(0.8).move_to([NAME_X, ROW_Y[m], 0], aligned_edge=LEFT) for m in (MLP, CNN)),
            run_time=0.8,
        )
        self.say(params_key(self.accuracy), mlp=fmt_int(params[MLP]), cnn=fmt_int(params[CNN]))
        self.header = text(self.s("params_header"), size=theme.SMALL_SIZE, color=theme.MUTED).move_to([BAR_X, HEADER_Y, 0], aligned_edge=LEFT)
        self.axis = Line([BAR_X, ROW_Y[MLP] + 0.5, 0], [BAR_X, ROW_Y[CNN] - 0.5, 0], color=theme.MUTED, stroke_width=2)
        top = max(params.values())
        self.bars = {m: self.bar(m, BAR_MAX * params[m] / top) for m in (MLP, CNN)}
        self.labels = {m: self.bar_label(m, fmt_int(params[m]), self.bars[m]) for m in (MLP, CNN)}
        self.play(
            FadeIn(self.header), Create(self.axis),
            *(Create(self.bars[m]) for m in (MLP, CNN)), *(FadeIn(self.labels[m]) for m in (MLP, CNN)),
            run_time=SAID,
        )
        self.hold(1.0)

    # 3. Held-out accuracy.

    def compare_accuracy(self) -> None:
        acc = {m: model(self.accuracy, m).test_accuracy for m in (MLP, CNN)}
        self.say(accuracy_key(self.accuracy), mlp=fmt_percent(acc[MLP]), cnn=fmt_percent(acc[CNN]))
        header = text(self.s("accuracy_header", test=fmt_int(self.accuracy.test_size)), size=theme.SMALL_SIZE, color=theme.MUTED)
        header.move_to(self.header, aligned_edge=LEFT)
        bars = {m: self.bar(m, BAR_MAX * acc[m]) for m in (MLP, CNN)}
        labels = {m: self.bar_label(m, fmt_percent(acc[m]), bars[m]) for m in (MLP, CNN)}
        self.play(
            Transform(self.header, header),
            *(Transform(self.bars[m], bars[m]) for m in (MLP, CNN)),
            *(Transform(self.labels[m], labels[m]) for m in (MLP, CNN)),
            run_time=SAID,
        )
        self.hold(1.0)

    # 4. Pixels in a fixed random order.

    def shuffle_pixels(self) -> None:
        example = self.permuted.example
        self.say("permute_intro")
        self.clear_stage(self.title)
        original = map_image(example.image, height=2.0).move_to([-IMAGE_X, IMAGE_Y, 0])
        shuffled = map_image(example.permuted, height=2.0).move_to([IMAGE_X, IMAGE_Y, 0])
        arrow = Arrow(original.get_right(), shuffled.get_left(), buff=0.12, color=theme.MUTED, stroke_width=3)
        tags = VGroup(
            text(self.s("original_label"), size=theme.SMALL_SIZE, color=theme.MUTED).next_to(original, DOWN, buff=0.15),
            text(self.s("permuted_label"), size=theme.SMALL_SIZE, color=theme.MUTED).next_to(shuffled, DOWN, buff=0.15),
        )
        self.play(FadeIn(original), FadeIn(tags[0]), run_time=0.8)
        self.play(Create(arrow), FadeIn(shuffled, shift=0.3 * RIGHT), FadeIn(tags[1]), run_time=1.0)
        self.hold(1.0)

    def retrain_shuffled(self) -> None:
        """The as-is column first, so that each shuffled result lands beside it."""
        self.say("permute_retrain")
        headers = VGroup(
            *(self.table_cell(text(self.s(key), size=theme.SMALL_SIZE, color=theme.MUTED), column, "header")
              for column, key in ((1, "header_as_is"), (2, "header_permuted"), (3, "header_change")))
        )
        rows = VGroup(
            *(VGroup(self.table_cell(text(self.names[m], size=theme.LABEL_SIZE, color=COLOUR[m], bold=True), 0, m),
                     self.table_cell(text(fmt_percent(model(self.permuted, m).original), size=theme.LABEL_SIZE), 1, m))
              for m in (MLP, CNN))
        )
        self.play(FadeIn(headers), FadeIn(rows, lag_ratio=0.3), run_time=1.0)
        self.hold(1.0)

    def shuffled_result(self, m: str, key: str) -> None:
        """One network's accuracy on shuffled digits; the change is bright only if it is a point or more."""
        entry = model(self.permuted, m)
        self.say(key, before=fmt_percent(entry.original), after=fmt_percent(entry.permuted))
        changed = abs(entry.change) >= SAME
        after = self.table_cell(text(fmt_percent(entry.permuted), size=theme.LABEL_SIZE), 2, m)
        # Typst, not the text font: the font has no true minus sign.
        change = self.table_cell(formula(fmt_points(entry.change), size=theme.BODY_SIZE, color=theme.FOCUS if changed else theme.MUTED), 3, m)
        self.play(FadeIn(after, shift=0.2 * RIGHT), FadeIn(change, scale=1.3), run_time=SAID)
        self.hold(1.0)

    @staticmethod
    def table_cell(mob, column: int, row: str):  # type: ignore[no-untyped-def]
        """A cell of the permutation table: model names in column 0, numbers after."""
        return cell(mob, TABLE_X[column], TABLE_Y[row], numeric=column > 0)

    # 5. Shifted digits.

    def plot_shift(self) -> None:
        shifts = self.shift.shifts
        self.clear_stage(self.title)
        self.say("shift_intro", max=shifts[-1])
        self.axes, labels = self.accuracy_axes(shifts)
        self.play(Create(self.axes), FadeIn(labels), run_time=SAID)
        curves = {m: model(self.shift, m).accuracy for m in (MLP, CNN)}
        lines, ends = VGroup(), VGroup()
        for m in (MLP, CNN):
            lines.add(self.axes.plot_line_graph(shifts, curves[m], line_color=COLOUR[m], stroke_width=5,
                                                vertex_dot_radius=0.07, vertex_dot_style={"fill_color": COLOUR[m]}))
        for m, y in zip((MLP, CNN), spread([float(self.axes.c2p(0, curves[m][-1])[1]) for m in (MLP, CNN)])):
            end = text(f"{self.names[m]}  {fmt_percent(curves[m][-1])}", size=theme.SMALL_SIZE, color=COLOUR[m])
            ends.add(end.move_to([self.axes.c2p(shifts[-1], 0)[0] + 0.3, y, 0], aligned_edge=LEFT))
        for line, end in zip(lines, ends):
            self.play(Create(line), run_time=1.2, rate_func=linear)
            self.play(FadeIn(end), run_time=0.4)
        self.hold(1.0)

    def compare_at_shift(self) -> None:
        """Both curves read at the middle shift, beside a digit moved that far."""
        shifts, k = self.shift.shifts, compared_shift(self.shift)
        at = {m: model(self.shift, m).accuracy[k] for m in (MLP, CNN)}
        self.say(shift_key(self.shift), shift=shifts[k], mlp=fmt_percent(at[MLP]), cnn=fmt_percent(at[CNN]))
        guide = DashedLine(self.axes.c2p(shifts[k], Y_RANGE[0]), self.axes.c2p(shifts[k], Y_RANGE[1]), color=theme.MUTED, dash_length=0.1)
        upper, lower = (CNN, MLP) if at[CNN] >= at[MLP] else (MLP, CNN)
        marks = VGroup()
        for m, side in ((upper, UP + RIGHT), (lower, DOWN + LEFT)):
            point = self.axes.c2p(shifts[k], at[m])
            marks.add(Dot(point, radius=0.11, color=COLOUR[m]))
            marks.add(text(fmt_percent(at[m]), size=theme.SMALL_SIZE, color=COLOUR[m], bold=True).next_to(point, side, buff=0.12))
        self.play(Create(guide), FadeIn(marks), FadeIn(self.shifted_example(shifts[k])), run_time=SAID)
        self.hold(1.0)

    def shifted_example(self, pixels: int) -> Group:
        """The held-out digit and the same moved right by ``pixels``, framed
        so that the move shows."""
        image = mnist_digit().image
        pair = Group()
        for values, label in ((image, self.s("original_label")), (shift2d(image, 0, pixels), self.s("shifted_label", shift=pixels))):
            picture = map_image(values, height=1.3)
            frame = SurroundingRectangle(picture, buff=0, color=theme.MUTED, stroke_width=1.5)
            pair.add(Group(picture, frame, text(label, size=theme.SMALL_SIZE, color=theme.MUTED).next_to(picture, DOWN, buff=0.12)))
        return pair.arrange(RIGHT, buff=SHIFTED_GAP, aligned_edge=UP).move_to(SHIFTED_AT)

    def accuracy_axes(self, shifts: Sequence[int]) -> tuple[Axes, VGroup]:
        """Accuracy (0–100%) against shift in pixels; ticks labelled in the
        series' font (manim's own number labels need TeX)."""
        axes = Axes(
            x_range=[shifts[0], shifts[-1], 1], y_range=[Y_RANGE[0], Y_RANGE[1], 0.25],
            x_length=PLOT_WIDTH, y_length=PLOT_HEIGHT, axis_config={"color": theme.MUTED, "include_tip": False},
        ).move_to(PLOT_AT)
        small = {"size": theme.AXIS_SIZE, "color": theme.MUTED}
        ticks = VGroup(*(text(str(s), **small).next_to(axes.c2p(s, Y_RANGE[0]), DOWN, buff=0.15) for s in shifts))
        labels = VGroup(
            ticks,
            text(self.s("x_label"), **small).next_to(ticks, DOWN, buff=0.12),
            text(self.s("y_label"), **small).next_to(axes.c2p(shifts[0], Y_RANGE[1]), UP, buff=0.2),
            *(text(fmt_percent(y, "whole_percent"), **small).next_to(axes.c2p(shifts[0], y), LEFT, buff=0.15) for y in Y_RANGE),
        )
        return axes, labels

    # 6. The post's claims, result by result.

    def back_to_the_claims(self) -> None:
        self.verdicts = claims(self.accuracy, self.permuted, self.shift)
        self.say("claims_intro")
        self.clear_stage(self.title)
        evidence = self.evidence()
        for i, claim in enumerate(("spatial", "params", "shift")):
            y = row_y(i, CLAIMS_TOP, CLAIM_STEP)
            statement = fit_width(text(self.s(f"claim_{claim}"), size=theme.LABEL_SIZE, bold=True), CLAIM_WIDTH)
            statement.move_to([CLAIM_X, y, 0], aligned_edge=LEFT)
            detail = fit_width(text(evidence[claim], size=theme.SMALL_SIZE, color=theme.MUTED), CLAIM_WIDTH)
            detail.next_to(statement, DOWN, buff=0.15, aligned_edge=LEFT)
            holds = self.verdicts[claim]
            verdict = text(self.s("verdict_yes" if holds else "verdict_no"), size=theme.LABEL_SIZE, color=theme.HOLDS if holds else theme.FAILS, bold=True)
            verdict.move_to([VERDICT_RIGHT, y - VERDICT_DROP, 0], aligned_edge=RIGHT)
            self.play(FadeIn(VGroup(statement, detail), shift=0.2 * RIGHT), run_time=0.7)
            self.play(FadeIn(verdict, scale=1.2), run_time=0.4)
        self.hold(1.0)

    def close(self) -> None:
        self.say(closing_key(self.verdicts))
        self.hold(at_least=2.0)

    def evidence(self) -> dict[str, str]:
        """The measurement under each claim, in the numbers the video showed."""
        acc = {m: fmt_percent(model(self.accuracy, m).test_accuracy) for m in (MLP, CNN)}
        perm = {m: model(self.permuted, m) for m in (MLP, CNN)}
        k = compared_shift(self.shift)
        return {
            "spatial": self.s("evidence_spatial", **{
                f"{m}_{when}": fmt_percent(getattr(perm[m], when)) for m in (MLP, CNN) for when in ("original", "permuted")
            }),
            "params": self.s("evidence_params", **{f"{m}_params": fmt_int(model(self.accuracy, m).params) for m in (MLP, CNN)},
                             **{f"{m}_acc": acc[m] for m in (MLP, CNN)}),
            "shift": self.s("evidence_shift", shift=self.shift.shifts[k],
                            **{m: fmt_percent(model(self.shift, m).accuracy[k]) for m in (MLP, CNN)}),
        }
