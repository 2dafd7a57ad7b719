"""Max pooling: why a CNN shrinks its maps and shakes less when the image
moves. 2×2 max pooling with the real argmax of each window, and the
one-pixel shift comparison on the real digit that makes the post's
robustness claim measurable."""

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

WINDOW = 2  # the pooling window's side, and its stride
CELL = 0.86  # wide enough for "−2.8" at body size (the size floor); a grid's pitch stays under 0.9
MAP_AT = (-3.2, -0.2, 0)  # the feature map, left
POOLED_AT = (3.2, -0.2, 0)  # the pooled map, right
SIGNED_REACH = 0.75  # the strongest cell a mid blue or red: light digits read on every cell, 3:1 or more
ARRIVE = 0.4  # a play that brings what a line says, right after the line starts: up within a second
SHIFT = (0, 1)  # one pixel to the right
PANEL_HEIGHT = 2.4  # each map of the shift comparison
PANELS_AT = (0, 0.5, 0)  # before pooling on the left, after pooling on the right


def robustness_key(unpooled: float, pooled: float) -> str:
    """The claim is the measurement's: said only when pooling did shake less."""
    return "robust" if pooled < unpooled else "not_robust"


class Pooling(ExplainerScene):
    section = "pooling"

    def construct(self) -> None:
        self.map = conv2d(crop().values, FILTERS["vertical_edge"])
        self.pooled = max_pool2d(self.map, WINDOW)
        self.argmax = max_pool_argmax(self.map, WINDOW)
        self.show_title()
        self.show_feature_map()
        self.pool_windows()
        self.mark_maxima()
        self.show_smaller_map()
        self.shift_the_digit()
        self.compare_changes()

    def shade(self, v: float):  # type: ignore[no-untyped-def]
        """A cell's colour, dark enough for the grid's light digits (dark ones are no colour of the series)."""
        return diverging(v, (float(abs(self.map).max()) or 1.0) / SIGNED_REACH)

    def show_feature_map(self) -> None:
        self.say("map")
        self.grid = NumberGrid(self.map, self.shade, cell=CELL).move_to(MAP_AT)
        self.play(FadeIn(self.grid), run_time=ARRIVE)
        self.hold(2.0)

    def pool_windows(self) -> None:
        self.say("windows", size=WINDOW)
        rows, cols = self.pooled.shape
        self.windows = VGroup(
            *(SurroundingRectangle(self.grid.window(r * WINDOW, c * WINDOW, WINDOW), color=theme.MUTED, buff=0.03) for r in range(rows) for c in range(cols))
        )
        self.play(Create(self.windows), run_time=1.5)
        self.hold(1.5)

    def mark_maxima(self) -> None:
        self.say("argmax")
        self.marks = VGroup(
            *(SurroundingRectangle(self.grid.cell(int(r), int(c)), color=theme.FOCUS, buff=0.0, stroke_width=6) for r, c in self.argmax.reshape(-1, 2))
        )
        self.play(Create(self.marks, lag_ratio=0.3), run_time=2)
        self.hold(2.0)

    def show_smaller_map(self) -> None:
        self.say("smaller")
        self.small = NumberGrid(self.pooled, self.shade, cell=CELL).move_to(POOLED_AT)
        winners = VGroup(*(self.grid.label(int(r), int(c)) for r, c in self.argmax.reshape(-1, 2)))
        # Each map's shape above it, and the share of the cells that is left
        # (the line's "a quarter", measured: a map of odd size loses more).
        self.shapes = VGroup(
            formula(" times ".join(map(fmt_int, values.shape)), size=theme.BODY_SIZE, color=theme.MUTED).next_to(grid, UP, buff=0.2)
            for values, grid in ((self.map, self.grid), (self.pooled, self.small))
        )
        left = Fraction(self.pooled.size, self.map.size)
        share = text(self.s("cells", fraction=f"{fmt_int(left.numerator)}/{fmt_int(left.denominator)}"), size=theme.SMALL_SIZE, color=theme.MUTED)
        self.shapes.add(share.next_to(self.small, DOWN, buff=0.25))
        # The shapes and the share say the line's numbers: they come first, the winners after.
        self.play(FadeIn(self.small.cells), FadeIn(self.shapes), run_time=ARRIVE)
        self.play(TransformFromCopy(winners, self.small.labels), run_time=1.5)
        self.hold(3.0)

    def shift_the_digit(self) -> None:
        self.say("shift")
        self.play(*(FadeOut(m) for m in (self.grid, self.windows, self.marks, self.small, self.shapes)))
        digit = mnist_digit()
        c = self.cmp = compare_shift(digit.image, shift=SHIFT, pool=WINDOW, kernel=FILTERS["vertical_edge"])
        self.panels = Group()
        for key, a, b in (("before", c.original, c.shifted), ("after", c.pooled, c.pooled_shifted)):
            pair = Group(map_image(a, height=PANEL_HEIGHT, signed=True), map_image(b, height=PANEL_HEIGHT, signed=True)).arrange(RIGHT, buff=0.3)
            name = text(self.s(key), size=theme.SMALL_SIZE, color=theme.MUTED).next_to(pair, UP, buff=0.2)
            self.panels.add(Group(name, pair))
        self.panels.arrange(RIGHT, buff=1.0).move_to(PANELS_AT)
        tags = VGroup()
        for panel in self.panels:
            for image, key in zip(panel[1], ("original", "shifted")):
                tags.add(text(self.s(key), size=theme.SMALL_SIZE, color=theme.MUTED).next_to(image, DOWN, buff=0.12))
        source = self.source_tag(digit).next_to(self.panels, UP, buff=0.15).align_to(self.panels, RIGHT)
        self.play(FadeIn(self.panels), FadeIn(tags), FadeIn(source), run_time=1.5)
        self.hold(3.0)

    def compare_changes(self) -> None:
        unpooled, pooled = self.cmp.unpooled_change, self.cmp.pooled_change
        self.say("compare", unpooled=fmt_percent(unpooled, "whole_percent"), pooled=fmt_percent(pooled, "whole_percent"))
        changes = VGroup()
        for k, value in enumerate((unpooled, pooled)):
            change = text(f"{self.s('change')} {fmt_percent(value, 'whole_percent')}", size=theme.BODY_SIZE, color=theme.MUTED if k == 0 else theme.FOCUS)
            changes.add(change.next_to(self.panels[k], DOWN, buff=0.7))
        self.play(FadeIn(changes, shift=0.2 * UP), run_time=ARRIVE)
        self.hold(3.5)
        self.say(robustness_key(unpooled, pooled))
        self.hold(3.5)
