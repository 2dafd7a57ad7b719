"""2×2 max pooling with the real argmax of each window, and the one-pixel
shift comparison on the real digit that makes the post's robustness claim
measurable."""

from fractions import Fraction

from manim import (
    DOWN,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Group,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
)

from mathcore import FILTERS, compare_shift, conv2d, max_pool2d, max_pool_argmax
from scenes.toolkit import (
    ExplainerScene,
    NumberGrid,
    crop,
    diverging,
    formula,
    map_image,
    mnist_digit,
    text,
    theme,
)
from scenes.toolkit.theme import fmt_int, fmt_percent

SIZE = 2


class Pooling(ExplainerScene):
    def construct(self) -> None:
        self.map = conv2d(crop().values, FILTERS["vertical_edge"])
        self.pooled = max_pool2d(self.map, SIZE)
        self.argmax = max_pool_argmax(self.map, SIZE)
        self.show_title("pooling.title")
        self.show_feature_map()
        self.pool_windows()
        self.show_smaller_map()
        self.shift_the_digit()
        self.compare_changes()

    def shade(self, v: float):  # type: ignore[no-untyped-def]
        return diverging(v, float(abs(self.map).max()) or 1.0)

    def show_feature_map(self) -> None:
        self.say("pooling.map")
        self.grid = NumberGrid(self.map, self.shade, cell=0.8, size=theme.SMALL_SIZE).move_to([-3.2, 0, 0])
        self.play(FadeIn(self.grid))
        self.wait(2.0)

    def pool_windows(self) -> None:
        self.say("pooling.windows", size=SIZE)
        rows, cols = self.pooled.shape
        self.windows = VGroup(
            *(SurroundingRectangle(self.grid.window(r * SIZE, c * SIZE, SIZE), color=theme.MUTED, buff=0.03) for r in range(rows) for c in range(cols))
        )
        self.play(Create(self.windows), run_time=1.5)
        self.wait(1.5)
        self.say("pooling.argmax")
        marks = VGroup(
            *(SurroundingRectangle(self.grid.cell(int(r), int(c)), color=theme.FOCUS, buff=0.0, stroke_width=6) for r, c in self.argmax.reshape(-1, 2))
        )
        self.play(Create(marks, lag_ratio=0.3), run_time=2)
        self.marks = marks
        self.wait(2.0)

    def show_smaller_map(self) -> None:
        self.say("pooling.smaller")
        self.small = NumberGrid(self.pooled, self.shade, cell=0.8, size=theme.SMALL_SIZE).move_to([3.2, 0, 0])
        winners = VGroup(*(self.grid.label(int(r), int(c)) for r, c in self.argmax.reshape(-1, 2)))
        # Each map's shape above it, and the share of the cells that is left
        # (the line's "a quarter", measured: a map of odd size loses more).
        self.shapes = VGroup(
            formula(" times ".join(map(fmt_int, values.shape)), size=theme.LABEL_SIZE, color=theme.MUTED).next_to(grid, UP, buff=0.2)
            for values, grid in ((self.map, self.grid), (self.pooled, self.small))
        )
        left = Fraction(self.pooled.size, self.map.size)
        share = text(self.t("pooling.cells", fraction=f"{fmt_int(left.numerator)}/{fmt_int(left.denominator)}"), size=theme.SMALL_SIZE, color=theme.MUTED)
        self.shapes.add(share.next_to(self.small, DOWN, buff=0.25))
        self.play(FadeIn(self.small.cells), TransformFromCopy(winners, self.small.labels), FadeIn(self.shapes), run_time=2)
        self.wait(3.0)

    def shift_the_digit(self) -> None:
        self.say("pooling.shift")
        self.play(*(FadeOut(m) for m in (self.grid, self.windows, self.marks, self.small, self.shapes)))
        digit = mnist_digit()
        self.cmp = compare_shift(digit.image, shift=(0, 1), pool=SIZE, kernel=FILTERS["vertical_edge"])
        c = self.cmp
        self.panels = Group()
        for key, a, b in (("before", c.original, c.shifted), ("after", c.pooled, c.pooled_shifted)):
            pair = Group(map_image(a, height=2.4, signed=True), map_image(b, height=2.4, signed=True)).arrange(RIGHT, buff=0.3)
            name = text(self.t(f"pooling.{key}"), size=theme.SMALL_SIZE, color=theme.MUTED).next_to(pair, UP, buff=0.2)
            self.panels.add(Group(name, pair))
        self.panels.arrange(RIGHT, buff=1.0).move_to([0, 0.5, 0])
        tags = VGroup()
        for panel in self.panels:
            for image, key in zip(panel[1], ("original", "shifted")):
                tags.add(text(self.t(f"pooling.{key}"), size=theme.TINY_SIZE, color=theme.MUTED).next_to(image, DOWN, buff=0.12))
        source = self.source_tag(digit).next_to(self.panels, UP, buff=0.15).align_to(self.panels, RIGHT)
        self.play(FadeIn(self.panels), FadeIn(tags), FadeIn(source), run_time=1.5)
        self.wait(3.0)

    def compare_changes(self) -> None:
        unpooled, pooled = self.cmp.unpooled_change, self.cmp.pooled_change
        self.say("pooling.compare", unpooled=fmt_percent(unpooled, "whole_percent"), pooled=fmt_percent(pooled, "whole_percent"))
        bars = VGroup()
        for k, (key, value) in enumerate((("before", unpooled), ("after", pooled))):
            bar = text(f"{self.t('pooling.change')} {fmt_percent(value, 'whole_percent')}", size=theme.BODY_SIZE, color=theme.MUTED if k == 0 else theme.FOCUS)
            bar.next_to(self.panels[k], DOWN, buff=0.7)
            bars.add(bar)
        self.play(FadeIn(bars, shift=0.2 * UP))
        self.wait(3.5)
        # The claim is the measurement's: said only when pooling did shake less.
        self.say("pooling.robust" if pooled < unpooled else "pooling.not_robust")
        self.wait(3.5)


