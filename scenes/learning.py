"""How a CNN learns: the worked example's update, w' = w − η·∂L/∂w, now for
LeNet-5's parameters on real digits: mini-batches and momentum, the loss and
both accuracies per epoch, the six first-layer kernels through training (and
how little of their random start they lose), what the trained kernels make
of a held-out digit, and the bridge back to the 2-2-1 network.

Every number comes from mathcore's ``training``, ``accuracy`` and
``features`` experiments; every sentence that states a fact about them is
chosen by the ``*_key`` functions below from the numbers themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from math import ceil, floor, sqrt
from typing import cast

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RESAMPLING_ALGORITHMS,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    Axes,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    ImageMobject,
    Line,
    Mobject,
    Rectangle,
    Text,
    VGroup,
    Write,
)

from mathcore import as_network, mnist_split
from mathcore.learn import Accuracy, EpochRecord, Features, KernelSnapshot, Training, model
from scenes.toolkit import (
    ExplainerScene,
    NetworkDiagram,
    diverging,
    formula,
    map_image,
    mnist_digit,
    results,
    text,
    theme,
)
from scenes.toolkit.theme import fmt, fmt_int, fmt_percent

Chosen = tuple[str, dict[str, str]]  # a line's key, relative to [learning], and the values that fill it

RULE = "w' = w - eta dot (partial L)/(partial w)"
CHANGE = "norm(k - k_0) / norm(k_0)"  # a kernel's change, as a share of where it started
HELD_OUT = theme.ACCURACY  # green: the held-out accuracy, and nothing else in this video
TRAINING = theme.MUTED  # grey: the accuracy on the training digits
TREND_EPOCHS = 4  # the held-out trend is read over the last epochs
TOLERANCE_DIGITS = 2  # held-out accuracies closer than this many digits count as level
BARELY = 0.1  # a kernel that moved by less than a tenth of its size barely moved
KERNEL_GAP = 1  # columns of background between kernels in the strip
BATCH_SEED = 32  # which training digits illustrate a mini-batch (a picture, no number shown)
SAID = 0.45  # a play that brings what the line says: up within a second of its start
CURVE_SECONDS = 1.5  # a curve drawn to the end values already shown

# Where things go.
RULE_AT = (0, 1.9, 0)  # the update rule, above the two weight counts
EXAMPLE_AT = (-3.4, -0.3, 0)  # the 2-2-1 network and its count; LeNet-5's count level with it
EXAMPLE_SCALE = 0.4  # the 2-2-1 network as an icon: its edges (the weights) and nodes, no node names
LENET_X = 3.4
BATCH_AT, BATCH_HEIGHT = (-2.6, -0.2, 0), 2.4  # a mini-batch of digits, its settings to the right
SETTINGS_AT = (3.4, -0.2, 0)
PANELS_Y = 0.2  # the two panels' centre: high enough that the legend under them clears a two-line caption
LOSS_X, ACCURACY_X = -4.0, 2.5  # the two panels' centres
PANEL_WIDTH, PANEL_HEIGHT = 4.4, 3.4
END_GAP = 0.32  # the two accuracy curves' end values stay at least this far apart
STRIP_AT, STRIP_HEIGHT = (0.9, 1.0, 0), 1.3  # the kernels, through training and after
SNAPSHOT_SECONDS = 0.75  # how long each snapshot stays
CHANGE_Y = -0.7  # the row of how much each kernel changed
TRACK_Y, TRACK_TICK = -1.2, 0.08  # the steps of training as a line under the kernels, a tick per snapshot
MAPS_Y, MAP_GAP = -1.0, 3  # the feature maps under their kernels; pixels between maps
DIGIT_X = -5.3
BRIDGE_RULE_AT = (0, 1.5, 0)  # the rule again, over the table of the two networks
TABLE_AT = (0, -0.6, 0)
TABLE_GAPS = (0.7, 0.45)  # between the table's columns, and its rows


# --- the numbers, and the sentences they choose -------------------------------


def setting_text(value: float) -> str:
    """A training setting (η, μ) as written: 0.02, 0.9."""
    return fmt(value, "slope")


def loss_key(epochs: Sequence[EpochRecord]) -> Chosen:
    first, last = epochs[0].loss, epochs[-1].loss
    key = "loss_fell" if last < first else "loss_not_fell"
    return key, {"first": fmt(first, "loss"), "last": fmt(last, "loss")}


def accuracy_key(epochs: Sequence[EpochRecord]) -> Chosen:
    train, test = epochs[-1].train_accuracy, epochs[-1].test_accuracy
    key = "gap" if train > test else "no_gap"
    return key, {"train": fmt_percent(train), "test": fmt_percent(test)}


def held_out_key(epochs: Sequence[EpochRecord], test_size: int, n: int = TREND_EPOCHS) -> Chosen:
    """What the held-out accuracy did over the last ``n`` epochs: level
    (all within TOLERANCE_DIGITS held-out digits), still rising (never
    dipping by more than that), slipped back from its best, or up and down."""
    n = min(n, len(epochs))
    window = [e.test_accuracy for e in epochs[-n:]]
    tolerance = TOLERANCE_DIGITS / test_size
    lo, hi, first, last = min(window), max(window), window[0], window[-1]
    counts = {"n": fmt_int(n)}
    if hi - lo <= tolerance:
        if fmt_percent(lo) == fmt_percent(hi):
            return "held_level_at", {**counts, "last": fmt_percent(last)}
        return "held_level_between", {**counts, "lo": fmt_percent(lo), "hi": fmt_percent(hi)}
    steady = all(b >= a - tolerance for a, b in pairwise(window))  # no dip on the way up
    if steady and last - first > tolerance:
        return "held_rising", {**counts, "first": fmt_percent(first), "last": fmt_percent(last)}
    if last < hi - tolerance:
        best = max(epochs, key=lambda e: e.test_accuracy)
        return "held_fell", {"best": fmt_percent(best.test_accuracy), "epoch": fmt_int(best.epoch), "last": fmt_percent(last)}
    return "held_uneven", {**counts, "lo": fmt_percent(lo), "hi": fmt_percent(hi), "last": fmt_percent(last)}


def kernel_changes(snapshots: Sequence[KernelSnapshot]) -> np.ndarray:
    """‖k_last − k_0‖ / ‖k_0‖ for each first-layer kernel."""
    start = snapshots[0].kernels.reshape(len(snapshots[0].kernels), -1)
    end = snapshots[-1].kernels.reshape(start.shape)
    return np.linalg.norm(end - start, axis=1) / np.linalg.norm(start, axis=1)


def change_text(change: float) -> str:
    return fmt_percent(change, "whole_percent")


def kernel_key(changes: np.ndarray) -> Chosen:
    """How far the kernels moved from their random start, in one sentence:
    under a tenth of their size, under their size (the start still shows),
    over it for every kernel, or some over and some under."""
    lo, hi = float(changes.min()), float(changes.max())
    values = {"lo": change_text(lo), "hi": change_text(hi)}
    if hi < BARELY:
        return "kernels_barely", {"hi": values["hi"]}
    if hi < 1:
        return "kernels_kept", values
    if lo >= 1:
        return "kernels_replaced", values
    return "kernels_mixed", values


def kernels_intro_key(snapshots: Sequence[KernelSnapshot], count: int, size: int) -> Chosen:
    """The first snapshot is the random start only if it was taken at step 0."""
    values = {"count": fmt_int(count), "size": fmt_int(size)}
    step = snapshots[0].step
    return ("kernels", values) if step == 0 else ("kernels_at", {**values, "step": fmt_int(step)})


def loss_axis(epochs: Sequence[EpochRecord]) -> tuple[float, float]:
    """The loss panel's range: from 0 to a little above the largest loss."""
    return 0.0, 1.1 * max(e.loss for e in epochs)


def accuracy_axis(epochs: Sequence[EpochRecord]) -> tuple[float, float]:
    """The accuracy panel's range: the 5% step below the lowest accuracy, to 100%."""
    low = min(min(e.train_accuracy, e.test_accuracy) for e in epochs)
    return floor(low * 20) / 20, 1.0


def example_facts() -> tuple[int, str]:
    """The worked example's weight count and shape ("2-2-1"), from mathcore."""
    net, _, _ = as_network()
    sizes = [net.layers[0].weights.shape[1]] + [layer.weights.shape[0] for layer in net.layers]
    return sum(layer.weights.size for layer in net.layers), "-".join(map(str, sizes))


# --- pictures -------------------------------------------------------------------


def kernel_strip(kernels: np.ndarray, scale: float, height: float) -> ImageMobject:
    """The kernels side by side as one image, on one colour scale (``scale``
    is the largest |weight| of every snapshot, so a kernel that grows looks
    stronger). map_image scales each image to its own largest value, so the
    strip is coloured here with the toolkit's own red–blue scale."""
    count, size, _ = kernels.shape
    strip = np.zeros((size, count * size + (count - 1) * KERNEL_GAP))
    for k, kernel in enumerate(kernels):
        left = k * (size + KERNEL_GAP)
        strip[:, left : left + size] = kernel
    rgb = np.array([diverging(v, scale).to_rgb() for v in strip.ravel()]).reshape(*strip.shape, 3)
    image = ImageMobject((rgb * 255).round().astype(np.uint8))
    image.set_resampling_algorithm(RESAMPLING_ALGORITHMS["nearest"])
    image.height = height
    return image


def kernel_centres(strip: ImageMobject, count: int, size: int) -> list[np.ndarray]:
    """The centre of each kernel in a strip made by kernel_strip."""
    px = strip.height / size
    left = strip.get_left()
    return [left + RIGHT * px * (k * (size + KERNEL_GAP) + size / 2) for k in range(count)]


def mosaic(images: np.ndarray, height: float) -> ImageMobject:
    """Digits in a grid, as one image, with dim grey lines between them."""
    n, side, _ = images.shape
    rows = max(1, floor(sqrt(n / 2)))
    cols = ceil(n / rows)
    sheet = np.full((rows * (side + 1) - 1, cols * (side + 1) - 1), 0.18)
    for k, image in enumerate(images):
        r, c = divmod(k, cols)
        sheet[r * (side + 1) : r * (side + 1) + side, c * (side + 1) : c * (side + 1) + side] = image
    return map_image(sheet, height=height)


def map_strip(maps: np.ndarray, pitch: float) -> ImageMobject:
    """Feature maps side by side as one image (greys on one scale, the
    largest value of all white), one every ``pitch`` scene units, so each
    sits under its kernel in a strip made by kernel_strip."""
    count, side, _ = maps.shape
    strip = np.zeros((side, count * side + (count - 1) * MAP_GAP))
    for k, fmap in enumerate(maps / (maps.max() or 1.0)):
        strip[:, k * (side + MAP_GAP) : k * (side + MAP_GAP) + side] = fmap
    return map_image(strip, height=side * pitch / (side + MAP_GAP))


def apart(a: Mobject, b: Mobject, gap: float = END_GAP) -> None:
    """Push two end values apart, each by half of what is missing, when
    their curves end closer than ``gap`` (their dots stay on the curves)."""
    between = a.get_center()[1] - b.get_center()[1]
    if abs(between) < gap:
        push = (gap - abs(between)) / 2 * (1 if between >= 0 else -1)
        a.shift(push * UP)
        b.shift(push * DOWN)


# --- the scene --------------------------------------------------------------------


class HowACnnLearns(ExplainerScene):
    section = "learning"

    def construct(self) -> None:
        self.load()
        self.title = self.show_title()
        self.same_rule()
        self.count_weights()
        self.mini_batch()
        self.momentum()
        self.draw_panels()
        self.plot_loss()
        self.plot_accuracies()
        self.mark_trend()
        self.show_kernels()
        self.flip_through_training()
        self.measure_kernel_change()
        self.show_what_they_detect()
        self.same_update()
        self.compare_the_two()

    def load(self) -> None:
        training = cast(Training, results("training"))
        accuracy = cast(Accuracy, results("accuracy"))
        features = cast(Features, results("features"))
        self.lenet = model(training, "lenet")
        self.epochs = self.lenet.epochs
        self.params = model(accuracy, "lenet").params
        self.train_size, self.test_size = accuracy.train_size, accuracy.test_size
        self.snapshots = training.snapshots
        self.example_weights, self.example_shape = example_facts()
        self.maps = features.layer("conv1.relu").values
        self.digit = mnist_digit()

    # 1. The same rule, for many more weights.

    def same_rule(self) -> None:
        self.say("same_rule")
        self.rule = formula(RULE, size=theme.TITLE_SIZE).move_to(RULE_AT)
        self.play(Write(self.rule), run_time=1.2)
        self.hold(0.8)

    def count_weights(self) -> None:
        self.say("scale", example=fmt_int(self.example_weights), lenet=fmt_int(self.params))
        example = VGroup(
            self.example_icon(),
            text(self.s("example_label"), size=theme.SMALL_SIZE, color=theme.MUTED),
            text(self.s("example_count", count=fmt_int(self.example_weights)), size=theme.BODY_SIZE, bold=True),
        ).arrange(DOWN, buff=0.25).move_to(EXAMPLE_AT)
        lenet = VGroup(
            text(self.s("lenet_label"), size=theme.SMALL_SIZE, color=theme.MUTED),
            text(self.s("lenet_count", count=fmt_int(self.params)), size=theme.HEADING_SIZE, bold=True),
        ).arrange(DOWN, buff=0.25)
        lenet.move_to([LENET_X, example[1].get_center()[1], 0], aligned_edge=UP)
        self.play(AnimationGroup(FadeIn(example, shift=0.2 * UP), FadeIn(lenet, shift=0.2 * UP), lag_ratio=0.3), run_time=SAID)
        self.hold(0.8)
        self.scale_shown = (example, lenet)

    @staticmethod
    def example_icon() -> NetworkDiagram:
        """The 2-2-1 network, small: its names would be too small to read, so
        only its circles and its six edges (the weights counted beside it)."""
        icon = NetworkDiagram(scale=EXAMPLE_SCALE)
        for node in icon.nodes.values():
            node.remove(node[1])
        return icon

    def mini_batch(self) -> None:
        batch = fmt_int(self.lenet.batch_size)
        self.say("batch", batch=batch)
        train = mnist_split().train
        # Any batch_size training digits, drawn as the trainer draws them: at random.
        picked = np.random.default_rng(BATCH_SEED).permutation(len(train))[: self.lenet.batch_size]
        digits = mosaic(train.images[picked], height=BATCH_HEIGHT).move_to(BATCH_AT)
        label = text(self.s("batch_label", batch=batch), size=theme.SMALL_SIZE, color=theme.MUTED)
        label.next_to(digits, DOWN, buff=0.2)
        self.play(*(FadeOut(m) for m in self.scale_shown), FadeIn(digits), FadeIn(label), run_time=SAID)
        self.hold(0.8)

    def momentum(self) -> None:
        eta, momentum = setting_text(self.lenet.learning_rate), setting_text(self.lenet.momentum)
        self.say("momentum", eta=eta, momentum=momentum)
        settings = VGroup(formula(f"eta = {eta}", size=theme.HEADING_SIZE), formula(f"mu = {momentum}", size=theme.HEADING_SIZE))
        settings.arrange(DOWN, aligned_edge=LEFT, buff=0.4).move_to(SETTINGS_AT)
        self.play(FadeIn(settings, shift=0.2 * LEFT), run_time=SAID)
        self.hold(0.8)

    # 2. The loss and the accuracies, epoch by epoch.

    def draw_panels(self) -> None:
        epochs = self.epochs
        self.clear_stage(self.title)  # while the last line is still up: the panels come with this one
        self.say("curves", epochs=fmt_int(len(epochs)), train=fmt_int(self.train_size))
        style = {"color": theme.MUTED, "include_tip": False, "tick_size": 0.05}
        first, last = epochs[0].epoch, epochs[-1].epoch
        bottom, top = loss_axis(epochs)
        lo, hi = accuracy_axis(epochs)
        self.loss_axes = Axes(x_range=[first, last, 1], y_range=[bottom, top, top], x_length=PANEL_WIDTH, y_length=PANEL_HEIGHT, axis_config=style)
        self.loss_axes.move_to([LOSS_X, PANELS_Y, 0])
        self.acc_axes = Axes(x_range=[first, last, 1], y_range=[lo, hi, 0.05], x_length=PANEL_WIDTH, y_length=PANEL_HEIGHT, axis_config=style)
        self.acc_axes.move_to([ACCURACY_X, PANELS_Y, 0])
        self.play(Create(self.loss_axes), Create(self.acc_axes), FadeIn(self.panel_labels()), run_time=SAID)
        self.hold(0.3)

    def panel_labels(self) -> VGroup:
        """Only the axes' ends are labelled: the curves' own end values carry the numbers."""
        la, aa, small = self.loss_axes, self.acc_axes, theme.SMALL_SIZE
        first, last = self.epochs[0].epoch, self.epochs[-1].epoch
        (bottom, top), (lo, hi) = loss_axis(self.epochs), accuracy_axis(self.epochs)
        labels = VGroup(
            text(self.s("loss_label"), size=small, color=theme.LOSS).next_to(la.c2p(first, top), UP, buff=0.2, aligned_edge=LEFT),
            text(fmt_int(0), size=small, color=theme.MUTED).next_to(la.c2p(first, bottom), LEFT, buff=0.15),
            text(self.s("accuracy_label"), size=small, color=theme.TEXT).next_to(aa.c2p(first, hi), UP, buff=0.2, aligned_edge=LEFT),
            text(fmt_percent(lo, "whole_percent"), size=small, color=theme.MUTED).next_to(aa.c2p(first, lo), LEFT, buff=0.15),
            text(fmt_percent(hi, "whole_percent"), size=small, color=theme.MUTED).next_to(aa.c2p(first, hi), LEFT, buff=0.15),
        )
        for axes, at in ((la, bottom), (aa, lo)):
            labels.add(
                text(fmt_int(first), size=small, color=theme.MUTED).next_to(axes.c2p(first, at), DOWN, buff=0.2),
                text(fmt_int(last), size=small, color=theme.MUTED).next_to(axes.c2p(last, at), DOWN, buff=0.2),
                text(self.s("x_label"), size=small, color=theme.MUTED).next_to(axes.c2p((first + last) / 2, at), DOWN, buff=0.2),
            )
        # What one epoch is, beside the title, clear of both panels.
        labels.add(text(self.s("epoch_note", train=fmt_int(self.train_size)), size=small, color=theme.MUTED).to_edge(RIGHT, buff=0.5).match_y(self.title))
        return labels

    def plot_loss(self) -> None:
        key, values = loss_key(self.epochs)
        self.say(key, **values)
        la, small = self.loss_axes, theme.SMALL_SIZE
        first, last = self.epochs[0].epoch, self.epochs[-1].epoch
        losses = [e.loss for e in self.epochs]
        curve = la.plot_line_graph([e.epoch for e in self.epochs], losses, line_color=theme.LOSS, add_vertex_dots=False, stroke_width=4)
        start = text(values["first"], size=small, color=theme.LOSS).next_to(la.c2p(first, losses[0]), RIGHT, buff=0.2)
        end = VGroup(
            Dot(la.c2p(last, losses[-1]), color=theme.LOSS, radius=0.06),
            text(values["last"], size=small, color=theme.LOSS).next_to(la.c2p(last, losses[-1]), UP, buff=0.25),
        )
        self.play(FadeIn(start), FadeIn(end), run_time=SAID)
        self.play(Create(curve), run_time=CURVE_SECONDS)
        self.hold(0.8)

    def plot_accuracies(self) -> None:
        key, values = accuracy_key(self.epochs)
        self.say(key, **values)
        xs = [e.epoch for e in self.epochs]
        curves, tags = VGroup(), VGroup()
        for ys, colour in (([e.train_accuracy for e in self.epochs], TRAINING), ([e.test_accuracy for e in self.epochs], HELD_OUT)):
            curves.add(self.acc_axes.plot_line_graph(xs, ys, line_color=colour, add_vertex_dots=False, stroke_width=4))
            point = self.acc_axes.c2p(xs[-1], ys[-1])
            tags.add(Dot(point, color=colour, radius=0.06), text(fmt_percent(ys[-1]), size=theme.SMALL_SIZE, color=colour).next_to(point, RIGHT, buff=0.15))
        apart(tags[1], tags[3])
        legend = VGroup(
            *(
                VGroup(Line(ORIGIN, 0.4 * RIGHT, color=colour, stroke_width=4),
                       text(self.s(name), size=theme.SMALL_SIZE, color=colour)).arrange(RIGHT, buff=0.12)
                for name, colour in (("train_label", TRAINING), ("test_label", HELD_OUT))
            )
        ).arrange(RIGHT, buff=0.45)
        legend.next_to(self.acc_axes, DOWN, buff=0.75)
        self.play(FadeIn(legend), FadeIn(tags), run_time=SAID)
        self.play(Create(curves[0]), Create(curves[1]), run_time=CURVE_SECONDS)
        self.hold(0.8)

    def mark_trend(self) -> None:
        """Shade the last epochs, over which the held-out line reads the trend."""
        key, values = held_out_key(self.epochs, self.test_size)
        self.say(key, **values)
        aa, xs = self.acc_axes, [e.epoch for e in self.epochs]
        n = min(TREND_EPOCHS, len(self.epochs))
        lo, hi = accuracy_axis(self.epochs)
        band = Rectangle(
            width=aa.c2p(xs[-1], lo)[0] - aa.c2p(xs[-n], lo)[0],
            height=aa.c2p(xs[-1], hi)[1] - aa.c2p(xs[-1], lo)[1],
            stroke_width=0,
            fill_color=HELD_OUT,
            fill_opacity=0.12,
        ).move_to(aa.c2p(xs[-1], lo), aligned_edge=DOWN + RIGHT)
        trend = text(self.s("trend_label", n=fmt_int(n)), size=theme.SMALL_SIZE, color=theme.MUTED).next_to(band, UP, buff=0.15)
        self.play(FadeIn(band), FadeIn(trend), run_time=SAID)
        self.hold(0.8)

    # 3. The first layer's kernels through training.

    def show_kernels(self) -> None:
        count, size, _ = self.snapshots[0].kernels.shape
        # One colour scale for every snapshot, so a kernel that grows looks stronger.
        self.kernel_scale = max(float(np.abs(s.kernels).max()) for s in self.snapshots) or 1.0
        key, values = kernels_intro_key(self.snapshots, count, size)
        self.clear_stage(self.title)  # while the last line is still up: the kernels come with this one
        self.say(key, **values)
        self.strip = kernel_strip(self.snapshots[0].kernels, self.kernel_scale, height=STRIP_HEIGHT).move_to(STRIP_AT)
        px = self.strip.height / size
        self.centres = kernel_centres(self.strip, count, size)
        outlines = VGroup(*(Rectangle(width=size * px, height=size * px, color=theme.MUTED, stroke_width=1.5).move_to(c) for c in self.centres))
        outlines.set_z_index(1)  # above the strips that replace one another beneath
        self.step = self.step_label(self.snapshots[0].step)
        self.scale_note = text(self.s("scale_note"), size=theme.SMALL_SIZE, color=theme.MUTED).next_to(self.strip, DOWN, buff=0.3)
        named = text(self.s("kernels_label", count=values["count"], size=values["size"]), size=theme.SMALL_SIZE, color=theme.MUTED)
        named.next_to(self.strip, UP, buff=0.3)
        self.play(FadeIn(self.strip), Create(outlines), FadeIn(self.step), FadeIn(self.scale_note), FadeIn(named), run_time=SAID)
        self.hold(0.8)

    def flip_through_training(self) -> None:
        """Snapshot by snapshot, swapped in place like the pages of a flip
        book: no cross-fade, which would composite two full images every frame.
        The pages turn at their own pace while the line is still being read."""
        self.say("steps", last=fmt_int(self.snapshots[-1].step))
        self.track, at = self.step_track()
        self.play(FadeIn(self.track), run_time=SAID)
        for snapshot in self.snapshots[1:]:
            strip = kernel_strip(snapshot.kernels, self.kernel_scale, height=self.strip.height).move_to(self.strip)
            step = self.step_label(snapshot.step)
            self.remove(self.strip, self.step)
            self.add(strip, step)
            self.strip, self.step = strip, step
            self.track[-1].move_to(at(snapshot.step))
            self.beat(SNAPSHOT_SECONDS)
        self.hold(0.3)

    def step_track(self):  # type: ignore[no-untyped-def]
        """Training's steps as a line under the kernels, from the first
        snapshot's step to the last's, a tick at each snapshot and a dot
        (last in the group) at the one shown; and where a step sits on it."""
        first, last = self.snapshots[0].step, self.snapshots[-1].step
        left, right = self.strip.get_left()[0], self.strip.get_right()[0]

        def at(step: int) -> np.ndarray:
            return np.array([left + (right - left) * (step - first) / ((last - first) or 1), TRACK_Y, 0.0])

        line = Line(at(first), at(last), color=theme.MUTED, stroke_width=2)
        ticks = VGroup(*(Line(at(s.step) + TRACK_TICK * DOWN, at(s.step) + TRACK_TICK * UP, color=theme.MUTED, stroke_width=2) for s in self.snapshots))
        ends = VGroup(
            text(fmt_int(first), size=theme.SMALL_SIZE, color=theme.MUTED).next_to(at(first), DOWN, buff=0.2),
            text(fmt_int(last), size=theme.SMALL_SIZE, color=theme.MUTED).next_to(at(last), DOWN, buff=0.2),
        )
        dot = Dot(at(self.snapshots[0].step), radius=0.08, color=theme.FOCUS)
        return VGroup(line, ticks, ends, dot), at

    def step_label(self, step: int) -> Text:
        label = text(self.s("step", step=fmt_int(step)), size=theme.BODY_SIZE, bold=True)
        return label.next_to(self.strip, LEFT, buff=0.5)

    def measure_kernel_change(self) -> None:
        changes = kernel_changes(self.snapshots)
        key, values = kernel_key(changes)
        self.say(key, **values)
        percents = VGroup(
            *(text(change_text(c), size=theme.LABEL_SIZE, color=theme.TEXT).move_to([x[0], CHANGE_Y, 0]) for c, x in zip(changes, self.centres))
        )
        equation = formula(CHANGE, size=theme.MATH_SIZE, color=theme.TEXT)
        equation.move_to([self.step.get_right()[0], CHANGE_Y, 0], aligned_edge=RIGHT)
        self.play(FadeOut(self.track), FadeIn(percents, lag_ratio=0.1), FadeIn(equation), run_time=SAID)
        self.hold(0.8)
        self.change_row = VGroup(percents, equation)

    def show_what_they_detect(self) -> None:
        """The trained kernels stay where they are (the step label names
        them); under each, what it makes of the held-out digit."""
        self.say("features", label=fmt_int(self.digit.label))
        side = self.snapshots[-1].kernels.shape[-1]
        pitch = self.strip.height / side * (side + KERNEL_GAP)  # one kernel column, in scene units
        maps = map_strip(self.maps, pitch).move_to([self.strip.get_center()[0], MAPS_Y, 0])
        caption = text(self.s("maps_label"), size=theme.SMALL_SIZE, color=theme.MUTED).next_to(maps, DOWN, buff=0.2)
        digit = map_image(self.digit.image, height=maps.height).move_to([DIGIT_X, MAPS_Y, 0])
        tag = self.source_tag(self.digit).next_to(digit, DOWN, buff=0.2)
        arrow = Arrow(digit.get_right(), maps.get_left(), buff=0.1, color=theme.MUTED, stroke_width=3, max_tip_length_to_length_ratio=0.35)
        self.play(FadeOut(self.change_row), FadeOut(self.scale_note), FadeIn(digit), FadeIn(tag), FadeIn(arrow), FadeIn(maps), FadeIn(caption), run_time=SAID)
        self.hold(1.5)

    # 4. Back to the 2-2-1 network.

    def same_update(self) -> None:
        self.say("same_update", shape=self.example_shape)
        rule = formula(RULE, size=theme.TITLE_SIZE).move_to(BRIDGE_RULE_AT)
        self.clear_stage(self.title, then=[Write(rule)], run_time=1.0)
        self.hold(0.5)

    def compare_the_two(self) -> None:
        """Same rule, different scale: the size of each network beside what it learns from."""
        weights, example, digits = fmt_int(self.params), fmt_int(self.example_weights), fmt_int(self.train_size)
        self.say("more", weights=weights, example=example, digits=digits)
        rows = [
            (self.s("example_row", shape=self.example_shape), self.s("example_count", count=example), self.s("one_example")),
            (self.s("lenet_label"), self.s("lenet_count", count=weights), self.s("digits_count", digits=digits)),
        ]
        table = VGroup(
            *(
                text(cell, size=theme.LABEL_SIZE, color=theme.MUTED if c == 0 else theme.TEXT, bold=(r == 1 and c > 0))
                for r, row in enumerate(rows)
                for c, cell in enumerate(row)
            )
        ).arrange_in_grid(rows=2, cols=3, col_alignments="lll", buff=TABLE_GAPS).move_to(TABLE_AT)
        self.play(AnimationGroup(FadeIn(table[0:3], shift=0.1 * UP), FadeIn(table[3:6], shift=0.1 * UP), lag_ratio=0.3), run_time=SAID)
        self.hold(2.0)
