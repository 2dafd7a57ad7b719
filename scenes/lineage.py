"""The lineage from LeNet-5 to ResNet, every figure from mathcore's layer
specs, then the residual connection y = F(x) + x."""

import math as pymath

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    ArcBetweenPoints,
    Circle,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Rectangle,
    RoundedRectangle,
    VGroup,
    Write,
)

from mathcore import ARCHITECTURES
from scenes.toolkit import ExplainerScene, math, text, theme
from scenes.toolkit.theme import fmt_int

MODELS = (("lenet5-paper", "lenet"), ("alexnet", "alexnet"), ("vgg16", "vgg"), ("googlenet", "googlenet"), ("resnet152", "resnet"))
COLUMNS = (-6.3, -3.6, -2.4, -1.1, 5.6)  # model, year, depth, parameter bar, top-1
BAR_FROM, BAR_PER_DECADE = 4, 1.05  # bars start at 10⁴ parameters


class Lineage(ExplainerScene):
    def construct(self) -> None:
        self.title = self.show_title("lineage.title")
        self.show_header()
        for k, (arch_id, key) in enumerate(MODELS):
            self.add_model(arch_id, key, k)
        self.explain_residual()

    def cell(self, mob, column: int, y: float):  # type: ignore[no-untyped-def]
        return mob.move_to([COLUMNS[column], y, 0], aligned_edge=LEFT)

    def show_header(self) -> None:
        self.say("lineage.intro")
        keys = ("model", "year", "depth", "params", "top1")
        self.header = VGroup(
            *(self.cell(text(self.t(f"lineage.header_{k}"), size=theme.SMALL_SIZE, color=theme.MUTED, bold=True), i, 2.3) for i, k in enumerate(keys))
        )
        self.play(FadeIn(self.header))
        self.wait(1.5)

    def add_model(self, arch_id: str, key: str, k: int) -> None:
        arch = ARCHITECTURES[arch_id]
        self.say(f"lineage.{key}", depth=arch.weight_layers)
        y = 1.55 - 0.85 * k
        width = BAR_PER_DECADE * (pymath.log10(arch.params) - BAR_FROM)
        bar = Rectangle(width=width, height=0.34, color=theme.POSITIVE, fill_opacity=0.55, stroke_width=0)
        self.cell(bar, 3, y)
        top1 = f"{arch.top1:.1f}%" if arch.top1 is not None else self.t("lineage.mnist")  # LeNet: not ImageNet
        row = VGroup(
            self.cell(text(arch.name.split(" (")[0], size=theme.SMALL_SIZE + 2, bold=True), 0, y),
            self.cell(text(str(arch.year), size=theme.SMALL_SIZE), 1, y),
            self.cell(text(str(arch.weight_layers), size=theme.SMALL_SIZE), 2, y),
            self.cell(text(top1, size=theme.SMALL_SIZE, color=theme.Z), 4, y),
        )
        count = text(fmt_int(arch.params), size=18, color=theme.POSITIVE).next_to(bar, RIGHT, buff=0.12)
        self.play(FadeIn(row, shift=0.1 * RIGHT), GrowFromEdge(bar, edge=LEFT), run_time=1.2)
        self.play(FadeIn(count))
        self.wait(2.8)

    def explain_residual(self) -> None:
        self.say("lineage.why")
        self.clear_stage(self.title)
        x_in = math("x", size=40).move_to([-5.2, 0.3, 0])
        block = RoundedRectangle(width=3.2, height=1.3, corner_radius=0.2, color=theme.Z).move_to([-1.2, 0.3, 0])
        block_name = VGroup(math("F(x)", size=34, color=theme.Z), text(self.t("lineage.block"), size=18, color=theme.MUTED)).arrange(DOWN, buff=0.1).move_to(block)
        plus = VGroup(Circle(radius=0.3, color=theme.TEXT), math("+", size=34)).move_to([2.4, 0.3, 0])
        y_out = math("y", size=40).move_to([4.6, 0.3, 0])
        arrows = VGroup(
            Arrow(x_in.get_right(), block.get_left(), buff=0.15, color=theme.TEXT),
            Arrow(block.get_right(), plus.get_left(), buff=0.1, color=theme.TEXT),
            Arrow(plus.get_right(), y_out.get_left(), buff=0.15, color=theme.TEXT),
        )
        skip = ArcBetweenPoints(x_in.get_top() + 0.1 * UP, plus.get_top() + 0.05 * UP, angle=-1.2, color=theme.TARGET, stroke_width=5)
        skip_label = math("x", size=30, color=theme.TARGET).next_to(skip, UP, buff=0.1)
        formula = math("y = F(x) + x", size=44).move_to([0, -1.8, 0])
        self.play(FadeIn(x_in), FadeIn(block), FadeIn(block_name), FadeIn(arrows), FadeIn(plus), FadeIn(y_out))
        self.play(FadeIn(skip), FadeIn(skip_label), run_time=1.5)
        self.play(Write(formula))
        self.wait(2.5)
        self.say("lineage.identity")
        flow = skip.copy().set_stroke(theme.GRADIENT, width=8).reverse_points()
        self.play(FadeIn(flow), run_time=1.0)
        self.play(FadeOut(flow), run_time=1.0)
        self.wait(3.0)


