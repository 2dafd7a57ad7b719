"""The whole CNN, trained: what each layer of LeNet-5 makes of a digit, and
where its parameters are. LeNet-5 as mathcore trained it on 4,000 real
digits, following one held-out digit through every layer (the real maps),
with each layer's shape and parameter count from the lineage spec, to the
ten class probabilities."""

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    Arrow,
    FadeIn,
    FadeOut,
    Group,
    MoveToTarget,
    Rectangle,
    VGroup,
)

from mathcore import architecture
from scenes.toolkit import (
    ExplainerScene,
    deck_image,
    formula,
    map_image,
    mnist_digit,
    results,
    text,
    theme,
    tiled_image,
)
from scenes.toolkit.theme import fmt_int, fmt_percent

CLOSE_UP_AT, CLOSE_UP_HEIGHT = (0, 0.5, 0), 4.0  # the input digit while the first line is said, before it takes its slot
CLOSE_UP_LABEL_GAP = 0.5  # its shape, to the right of the close-up
INPUT_HEIGHT = 2.0  # the input digit in its slot
STAGE_Y = 0.7  # the stages' centres, left to right
LABELS_TOP = -0.65  # the stages' labels start on one line, under the tallest picture (a taller column pushes its own down)
LABEL_GAP = 0.25  # between a picture and its label
STAGE_X = (-5.45, -2.665, -0.1, 2.285, 4.535, 5.95)  # input, conv1, pool1, conv2, pool2, flatten: 0.7 between pictures
DENSE_X = (-5.9, -4.1, -2.3, -0.5)  # flatten, fc1, fc2, fc3, once the conv stages have gone
COLUMN_WIDTH, COLUMN_HEIGHT = 0.14, 3.0  # a vector as a thin column of cells
BARS_LEFT, BAR_STEP, BAR_HEIGHT, BAR_BASE = 1.2, 0.56, 3.0, -1.5  # the ten probabilities; BAR_HEIGHT is 100%
BAR_WIDTH = 0.38
BARS_TITLE_RISE = 0.75  # the bars' title above the 100% line, clear of the winner's value
SUM_LEFT, SUM_Y = -6.4, 2.55  # the parameters added up, under the title
ARROW_TIP = 0.4  # an arrow's tip as a share of its length: the short arrows between stages still show theirs
LEGEND_RIGHT = 0.5  # the parameters' legend, level with the title, this far from the right edge
SAID = 0.45  # a play that brings what the line says: up within a second of its start


def prediction_key(predicted: int, label: int) -> str:
    """The line that says whether the network got the digit right."""
    return "correct" if predicted == label else "wrong"


def shape_text(shape: tuple[int, ...]) -> str:
    return "×".join(map(str, shape))


def normalised(values: np.ndarray) -> np.ndarray:
    """Scaled to 0–1 by the layer's own maximum (ReLU outputs are never
    negative), then square-rooted so that weak responses stay visible."""
    return np.sqrt(values / (float(values.max()) or 1.0))


class Pipeline(ExplainerScene):
    section = "pipeline"

    def construct(self) -> None:
        self.arch = architecture("lenet5")
        self.rows = {r.name: r for r in self.arch.rows()}
        features = results("features")
        self.outputs = {layer.name: layer.values for layer in features.layers}
        self.probabilities = features.probabilities
        self.predicted = features.predicted
        self.digit = mnist_digit()
        self.title = self.show_title()
        self.columns: list = []
        self.labels: dict[str, VGroup] = {}  # each stage's label, by layer
        self.show_input()
        self.first_convolution()
        self.first_pooling()
        self.second_convolution_and_pooling()
        self.flatten_features()
        self.dense_layers()
        self.show_probabilities()
        self.count_parameters()

    def show_input(self) -> None:
        """The digit up close with its shape while its line is said, then
        small, in the first slot of the pipeline, its label under it."""
        self.say("input", side=self.arch.input_shape[-1])
        close_up = map_image(self.outputs["input"][0], height=CLOSE_UP_HEIGHT).move_to(CLOSE_UP_AT)
        tag = self.source_tag(self.digit).next_to(close_up, DOWN, buff=0.2)
        label = self.label("input", self.checked_shape("input", self.arch.input_shape), close_up)
        label.next_to(close_up, RIGHT, buff=CLOSE_UP_LABEL_GAP)
        self.play(FadeIn(close_up), FadeIn(tag), FadeIn(label), run_time=SAID)
        self.hold(1.5)
        picture = Group(map_image(self.outputs["input"][0], height=INPUT_HEIGHT)).move_to([STAGE_X[0], STAGE_Y, 0])
        # The tag and the label fade to their new places: moved, they would cross the digit.
        new_tag = tag.copy().next_to(picture, UP, buff=0.2, aligned_edge=LEFT)
        new_label = label.copy().match_x(picture).align_to([0, LABELS_TOP, 0], UP)
        self.play(close_up.animate.replace(picture[0]), FadeOut(tag), FadeOut(label), FadeIn(new_tag), FadeIn(new_label), run_time=1.0)
        self.remove(close_up)
        self.add(picture)
        self.columns.append(picture)
        self.labels["input"] = self.input_label = new_label
        self.hold(0.5)

    def first_convolution(self) -> None:
        maps = self.outputs["conv1.relu"]
        self.say("conv1", maps=len(maps))
        self.legend = text(self.s("params_legend"), size=theme.SMALL_SIZE, color=theme.PARAMS)
        self.legend.to_edge(RIGHT, buff=LEGEND_RIGHT).match_y(self.title)
        self.show_stage(1, self.stack(maps, 1.6, 0.12), "conv1", also=[FadeIn(self.legend)])

    def first_pooling(self) -> None:
        self.say("pool1")
        self.show_stage(2, self.stack(self.outputs["pool1"], 1.15, 0.1), "pool1")

    def second_convolution_and_pooling(self) -> None:
        maps = self.outputs["conv2.relu"]
        self.say("conv2", maps=len(maps))
        self.show_stage(3, self.tiles(maps, 0.42), "conv2")
        self.show_stage(4, self.tiles(self.outputs["pool2"], 0.28), "pool2", beat=1.5)

    def stack(self, maps: np.ndarray, height: float, step: float) -> Group:
        """Maps one behind the other, like a deck of cards, ``step`` apart."""
        cells = max(1, round(step / height * maps.shape[-1]))
        return Group(deck_image(normalised(maps), height, cells))

    def tiles(self, maps: np.ndarray, height: float) -> Group:
        return Group(tiled_image(normalised(maps), cols=4, tile_height=height))

    def column(self, values: np.ndarray, height: float = COLUMN_HEIGHT) -> Group:
        """A vector as a thin column of cells, top to bottom."""
        strip = map_image(normalised(values)[:, None], height=height)
        strip.stretch_to_fit_width(COLUMN_WIDTH)
        return Group(strip)

    def label(self, layer: str, shape: tuple[int, ...], under, params: int | None = None) -> VGroup:  # type: ignore[no-untyped-def]
        """A stage's label: layer, shape, parameters, at the label size."""
        lines = [text(self.s(f"layer.{layer}"), size=theme.LABEL_SIZE, color=theme.MUTED), text(shape_text(shape), size=theme.LABEL_SIZE, color=theme.FOCUS)]
        if params:
            lines.append(text(fmt_int(params), size=theme.LABEL_SIZE, color=theme.PARAMS))
        return self.under(VGroup(*lines).arrange(DOWN, buff=0.08), under)

    @staticmethod
    def under(label: VGroup, mob) -> VGroup:  # type: ignore[no-untyped-def]
        """``label`` centred under ``mob``, its top on the labels' line (or lower, under a taller picture)."""
        top = min(LABELS_TOP, mob.get_bottom()[1] - LABEL_GAP)
        return label.move_to([mob.get_center()[0], top, 0], aligned_edge=UP)

    def checked_shape(self, layer: str, shape: tuple[int, ...] | None) -> tuple[int, ...]:
        """The layer's output shape (the spec's unless given), checked against the real maps."""
        row = self.rows.get(layer)
        shape = shape or row.output_shape
        output = self.outputs.get(f"{layer}.relu", self.outputs.get(layer))
        assert output is not None and tuple(output.shape) == tuple(shape)  # the maps are what the spec says
        return shape

    def show_stage(self, k: int, mob: Group, layer: str, shape: tuple[int, ...] | None = None, beat: float = 2.5, also: Sequence[Animation] = ()) -> None:
        """Stage k beside the previous one, with its layer name, shape and parameters."""
        mob.move_to([STAGE_X[k], STAGE_Y, 0])
        self.place(mob, layer, shape, beat, also)

    def place(self, mob: Group, layer: str, shape: tuple[int, ...] | None, beat: float, also: Sequence[Animation] = ()) -> VGroup:
        """Show ``mob`` with its label (returned), an arrow from the previous
        stage and ``also``, in one short play, then hold at least ``beat``."""
        row = self.rows.get(layer)
        label = self.label(layer, self.checked_shape(layer, shape), mob, row.params if row else None)
        parts = [FadeIn(mob), FadeIn(label), *also]
        if self.columns:
            parts.append(FadeIn(self.arrow(self.columns[-1].get_right(), mob.get_left())))
        self.play(*parts, run_time=SAID)
        self.columns.append(mob)
        self.labels[layer] = label
        self.hold(beat)
        return label

    @staticmethod
    def arrow(start, end) -> Arrow:  # type: ignore[no-untyped-def]
        return Arrow(start, end, buff=0.1, color=theme.MUTED, stroke_width=3, max_tip_length_to_length_ratio=ARROW_TIP)

    def flatten_features(self) -> None:
        features = self.outputs["flatten"]
        image = self.digit.image
        self.say("flatten", features=features.size, pixels=image.size)
        # The pixels the features replace, under the input's shape: the digit
        # is smaller than the padded input it is centred in.
        count = VGroup(
            text(self.s("digit_size", side=image.shape[0]), size=theme.LABEL_SIZE, color=theme.FOCUS),
            text(self.s("pixels", pixels=fmt_int(image.size)), size=theme.LABEL_SIZE, color=theme.FOCUS),
        ).arrange(DOWN, buff=0.08)
        count.next_to(self.input_label, DOWN, buff=0.08)
        self.show_stage(5, self.column(features), "flatten", beat=3.0, also=[FadeIn(count)])

    def dense_layers(self) -> None:
        """Clear the conv stages; the features, then each dense layer as a column."""
        self.say("dense", classes=len(self.probabilities))
        strip = self.columns[-1]
        self.clear_stage(strip, self.title, self.legend)
        self.columns = [strip]
        strip.generate_target().move_to([DENSE_X[0], STAGE_Y, 0])
        label = self.label("flatten", self.rows["flatten"].output_shape, strip.target)
        self.play(MoveToTarget(strip), FadeIn(label), run_time=SAID)
        for x, layer in zip(DENSE_X[1:], ("fc1", "fc2", "fc3")):
            values = self.outputs.get(f"{layer}.relu", self.outputs[layer])
            mob = self.column(values if layer != "fc3" else values - values.min())
            mob.move_to([x, STAGE_Y, 0])
            self.place(mob, layer, None, beat=0.5)
        self.hold(1.0)

    def show_probabilities(self) -> None:
        """Softmax of fc3's ten outputs as bars; the winner lit."""
        p, winner = self.probabilities, self.predicted
        self.say(prediction_key(winner, self.digit.label), predicted=winner, p=fmt_percent(p[winner]), label=self.digit.label)
        bars, names = VGroup(), VGroup()
        for k, share in enumerate(p):
            colour = theme.FOCUS if k == winner else theme.MUTED
            bar = Rectangle(width=BAR_WIDTH, height=max(BAR_HEIGHT * share, 0.02), color=colour, fill_opacity=0.85, stroke_width=0)
            bar.move_to([BARS_LEFT + BAR_STEP * k, BAR_BASE, 0], aligned_edge=DOWN)
            bars.add(bar)
            names.add(text(str(k), size=theme.LABEL_SIZE, color=colour).next_to(bar, DOWN, buff=0.12).set_y(BAR_BASE - 0.28))
        value = text(fmt_percent(p[winner]), size=theme.LABEL_SIZE, color=theme.FOCUS).next_to(bars[winner], UP, buff=0.12)
        title = text(self.s("probabilities"), size=theme.SMALL_SIZE, color=theme.MUTED)
        title.move_to([BARS_LEFT + BAR_STEP * 4.5, BAR_BASE + BAR_HEIGHT + BARS_TITLE_RISE, 0])
        arrow = self.arrow(self.columns[-1].get_right(), [BARS_LEFT - 0.35, STAGE_Y, 0])
        self.play(FadeIn(arrow), FadeIn(title), FadeIn(names), *(FadeIn(b, shift=0.2 * UP) for b in bars), FadeIn(value), run_time=SAID)
        self.hold(3.5)

    def count_parameters(self) -> None:
        """Every layer's parameters, added up: the spec's total."""
        layers = [r for r in self.arch.rows() if r.params]
        largest = max(layers, key=lambda r: r.params)
        total = self.arch.params
        share = fmt_percent(largest.params / total, "whole_percent")
        self.say("total", total=fmt_int(total), layer=largest.name, share=share)
        terms = " + ".join(f'"{fmt_int(r.params)}"' for r in layers)
        equation = formula(f'{terms} = "{fmt_int(total)}"', size=theme.MATH_SIZE, color=theme.PARAMS)
        equation.move_to([0, SUM_Y, 0]).align_to([SUM_LEFT, 0, 0], LEFT)
        largest_share = text(self.s("largest", share=share), size=theme.LABEL_SIZE, color=theme.PARAMS)
        largest_share.next_to(self.labels[largest.name], DOWN, buff=0.1)
        self.play(FadeIn(equation, shift=0.1 * DOWN), FadeIn(largest_share), run_time=SAID)
        self.hold(4.0)
