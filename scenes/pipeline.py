"""conv → pool → conv → pool → flatten → dense on the digit: each stage's
shape from mathcore's LeNet-5 spec, with the real maps mathcore computes."""

import numpy as np
from manim import DOWN, RIGHT, Arrow, FadeIn, Group, Rectangle, VGroup

from mathcore import architecture, digit
from mathcore.cnn.lenet_demo import lenet_stages
from scenes.toolkit import ExplainerScene, map_image, text, theme

STAGE_X = (-5.8, -3.5, -1.3, 0.8, 2.6, 3.9, 5.5)


def shape_text(shape: tuple[int, ...]) -> str:
    return "×".join(map(str, shape))


class Pipeline(ExplainerScene):
    def construct(self) -> None:
        self.arch = architecture("lenet5")
        self.shapes = {r.name: r.output_shape for r in self.arch.rows()}
        self.stages = lenet_stages(digit())
        self.show_title("pipeline.title")
        self.columns: list = []
        self.show_input()
        self.first_convolution()
        self.first_pooling()
        self.second_convolution_and_pooling()
        self.flatten_features()
        self.show_dense()
        self.add_note()

    def show_input(self) -> None:
        self.say("pipeline.input", side=self.arch.input_shape[-1])
        self.show_stage(0, self.picture(self.stages[0].output[0], 2.2))

    def first_convolution(self) -> None:
        self.say("pipeline.conv1")
        self.show_stage(1, self.stack(self.stages[1].output, 1.6, 0.12))

    def first_pooling(self) -> None:
        self.say("pipeline.pool1")
        self.show_stage(2, self.stack(self.stages[2].output, 1.15, 0.1))

    def second_convolution_and_pooling(self) -> None:
        self.say("pipeline.conv2")
        self.show_stage(3, self.tiles(self.stages[3].output, 0.42))
        self.show_stage(4, self.tiles(self.stages[4].output, 0.28), hold=1.5)

    def picture(self, values: np.ndarray, height: float) -> Group:
        return Group(map_image(values, height=height))

    def stack(self, maps: np.ndarray, height: float, step: float) -> Group:
        """Maps one behind the other, like a deck of cards."""
        deck = Group(*(map_image(m, height=height, signed=False) for m in maps / (maps.max() or 1.0)))
        for k, card in enumerate(deck):
            card.shift(k * step * (RIGHT + DOWN))
        return deck

    def tiles(self, maps: np.ndarray, height: float) -> Group:
        grid = Group(*(map_image(m, height=height) for m in maps / (maps.max() or 1.0)))
        return grid.arrange_in_grid(rows=4, cols=4, buff=0.05)

    def label(self, layer: str, shape: tuple[int, ...], under) -> VGroup:  # type: ignore[no-untyped-def]
        return VGroup(
            text(layer, size=18, color=theme.MUTED),
            text(shape_text(shape), size=18, color=theme.TARGET),
        ).arrange(DOWN, buff=0.08).next_to(under, DOWN, buff=0.25)

    def show_stage(self, k: int, mob: Group, hold: float = 2.5) -> None:
        """Stage k beside the previous one, with its layer name and shape."""
        stage = self.stages[k]
        mob.move_to([STAGE_X[k], 0.5, 0])
        shape = self.arch.input_shape if stage.layer == "input" else self.shapes[stage.layer]
        assert tuple(stage.output.shape) == tuple(shape)  # the maps are what the spec says
        parts = [FadeIn(mob), FadeIn(self.label(stage.layer, shape, mob))]
        if self.columns:
            parts.append(FadeIn(Arrow(self.columns[-1].get_right(), mob.get_left(), buff=0.1, color=theme.MUTED, stroke_width=3)))
        self.play(*parts, run_time=1.2)
        self.columns.append(mob)
        self.wait(hold)

    def flatten_features(self) -> None:
        features = self.stages[5].output
        self.say("pipeline.flatten", features=features.size, pixels=digit().size)
        strip = map_image(features[:, None] / (features.max() or 1.0), height=3.6)
        strip.stretch_to_fit_width(0.14)
        self.show_stage(5, Group(strip), hold=3.0)

    def show_dense(self) -> None:
        self.say("pipeline.dense")
        bars = VGroup()
        sizes = [self.shapes[name][0] for name in ("fc1", "fc2", "fc3")]
        for n in sizes:
            bars.add(Rectangle(width=0.22, height=3.2 * n / sizes[0], color=theme.POSITIVE, fill_opacity=0.5, stroke_width=1.5))
        bars.arrange(RIGHT, buff=0.3, aligned_edge=DOWN).move_to([STAGE_X[6], 0.5, 0])
        labels = VGroup(*(text(str(n), size=18, color=theme.TARGET).next_to(b, DOWN, buff=0.15) for n, b in zip(sizes, bars)))
        name = text(self.t("pipeline.dense_label"), size=18, color=theme.MUTED).next_to(labels, DOWN, buff=0.12)
        arrow = Arrow(self.columns[-1].get_right(), bars.get_left(), buff=0.1, color=theme.MUTED, stroke_width=3)
        self.play(FadeIn(arrow), FadeIn(bars, lag_ratio=0.3), FadeIn(labels), FadeIn(name), run_time=1.5)
        self.wait(3.0)

    def add_note(self) -> None:
        self.say("pipeline.note")
        self.wait(4.0)


