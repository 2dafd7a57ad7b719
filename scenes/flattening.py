"""Why an MLP struggles with images: to feed a digit to a dense layer it
must be flattened, and then neighbours are no longer neighbours. A real
MNIST digit flattened row by row into 784 inputs, vertical neighbours
landing 28 apart, and parameter counts that explode as the image grows."""

import math

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    BraceBetweenPoints,
    FadeIn,
    FadeOut,
    Group,
    MoveToTarget,
    Rectangle,
    Square,
    VGroup,
    Write,
)

from mathcore import flattening_facts
from mathcore.cnn.flatten import ParamComparison
from scenes.toolkit import (
    ExplainerScene,
    formula,
    map_image,
    mnist_digit,
    pixel_point,
    text,
    theme,
)
from scenes.toolkit.layout import row_y
from scenes.toolkit.theme import fmt_int

DIGIT_AT, DIGIT_HEIGHT = (0, 0.55, 0), 4.0  # the digit, above the strip
STRIP_WIDTH, STRIP_HEIGHT = 13.0, 0.35  # the 784 inputs in one line, across the frame
STRIP_Y = -1.2
ARROW_TOP, ARROW_TIP = 1.2, 0.2  # above the strip: where an arrow to a neighbour starts and ends
PARAMS_AT = (0, 0.4, 0)  # the two parameter counts, one under the other, alone on the stage
PARAMS_TOP = 2.6  # where they go up to when the bars come, under the title
# The bars of parameters against the image's side, one row per side: the side's
# name, then a dense bar over a conv bar; the legend between the counts and the bars.
LEGEND_Y = 1.3
BARS_TOP, BARS_STEP = 0.6, 0.8
BAR_NAME_X, BARS_LEFT = -5.6, -4.6
BAR_LENGTH = 8.5  # the longest bar (the largest dense layer, on a log scale)
BAR_HEIGHT, BAR_OFFSET = 0.3, 0.17  # each bar, and its distance above or below the row's middle
ARRIVE = 0.4  # a play that brings what a line says, right after the line starts: up within a second


class Flattening(ExplainerScene):
    section = "flattening"
    rows_one_by_one = 3  # rows flown into the strip one at a time before the rest go together

    def construct(self) -> None:
        self.facts = flattening_facts()
        self.digit = mnist_digit()
        self.image = self.digit.image
        self.title = self.show_title()
        self.show_digit()
        self.mark_neighbours()
        self.flatten_first_rows()
        self.flatten_the_rest()
        self.show_distance()
        self.compare_parameters()
        self.show_growth()

    def show_digit(self) -> None:
        self.say("digit", side=self.facts.width)
        self.picture = map_image(self.image, height=DIGIT_HEIGHT).move_to(DIGIT_AT)
        self.px = self.picture.height / self.facts.height
        self.source = self.source_tag(self.digit).next_to(self.picture, RIGHT, buff=0.25, aligned_edge=DOWN)
        self.size_label = formula(f"{self.facts.height} times {self.facts.width}", size=theme.BODY_SIZE, color=theme.MUTED)
        self.size_label.next_to(self.picture, RIGHT, buff=0.25, aligned_edge=UP)
        self.play(FadeIn(self.picture), FadeIn(self.source), FadeIn(self.size_label), run_time=ARRIVE)
        self.hold(2.0)

    def pixel_centre(self, r: int, c: int):  # type: ignore[no-untyped-def]
        return pixel_point(self.picture, self.facts.height, r + 0.5, c + 0.5)

    def mark_neighbours(self) -> None:
        self.say("neighbours")
        self.marks = VGroup(
            Square(side_length=self.px, color=colour, stroke_width=4).move_to(self.pixel_centre(*where))
            for colour, where in ((theme.PAIR_A, self.facts.blue), (theme.PAIR_B, self.facts.red))
        )
        self.play(FadeIn(self.marks, scale=1.5))
        self.hold(2.5)

    def strip_slot(self, index: int, length: int):  # type: ignore[no-untyped-def]
        """Centre of a run of ``length`` inputs starting at ``index`` in the strip."""
        unit = STRIP_WIDTH / self.facts.inputs
        return [-STRIP_WIDTH / 2 + (index + length / 2) * unit, STRIP_Y, 0]

    def flatten_first_rows(self) -> None:
        self.say("flatten", inputs=self.facts.inputs)
        h, w = self.facts.height, self.facts.width
        self.outline = Rectangle(width=STRIP_WIDTH, height=STRIP_HEIGHT, color=theme.MUTED, stroke_width=1.5).move_to([0, STRIP_Y, 0])
        # The count at the strip's right end, where the last row will land.
        self.count = formula(f"{h} times {w} = {self.facts.inputs}", size=theme.BODY_SIZE, color=theme.MUTED)
        self.count.next_to(self.outline, UP, buff=0.15).align_to(self.outline, RIGHT)
        self.play(FadeIn(self.outline), FadeOut(self.size_label), FadeIn(self.count), run_time=ARRIVE)
        # The picture as one image per row, each row in its place.
        self.rows = []
        for r in range(h):
            row = map_image(self.image[r : r + 1, :], height=self.px)
            row.stretch_to_fit_width(self.picture.width).move_to([self.picture.get_center()[0], self.pixel_centre(r, 0)[1], 0])
            self.rows.append(row)
        self.add(*self.rows)
        self.remove(self.picture)
        self.play(FadeOut(self.marks), FadeOut(self.source), run_time=0.5)
        for r in range(self.rows_one_by_one):
            self.play(self.to_strip(r), run_time=1.2)

    def to_strip(self, r: int):  # type: ignore[no-untyped-def]
        """Row ``r`` flying to its place in the strip."""
        # manim redraws every frame whatever lies above a moving mobject:
        # the row goes on top first, so the 27 others stay in the background.
        row, w = self.rows[r], self.facts.width
        self.bring_to_front(row)
        unit = STRIP_WIDTH / self.facts.inputs
        return row.animate.stretch_to_fit_width(w * unit).stretch_to_fit_height(STRIP_HEIGHT).move_to(self.strip_slot(r * w, w))

    def flatten_the_rest(self) -> None:
        self.say("rest")
        h = self.facts.height
        # One row per play: the rows at rest are then drawn once into the
        # background, not again every frame; and as two images, not 27 (each
        # image is a full-frame composite at 1080p, redrawn at every play).
        self.gathered: list = []
        for r in range(self.rows_one_by_one, h):
            self.gather(r)
            self.play(self.to_strip(r), run_time=0.24)
        # The finished strip as one image: the same pixels, no seams between
        # rows, and one image instead of 28 to draw behind every later play.
        strip = self.landed(h)
        self.remove(*self.rows, *self.gathered)
        self.add(strip)
        self.strip = Group(self.outline, strip, self.count)
        self.hold(1.0)

    def landed(self, r: int):  # type: ignore[no-untyped-def]
        """The first ``r`` rows of the digit as they lie in the strip, one image."""
        w = self.facts.width
        image = map_image(self.image[:r].reshape(1, -1), height=STRIP_HEIGHT)
        return image.stretch_to_fit_width(r * w * STRIP_WIDTH / self.facts.inputs).move_to(self.strip_slot(0, r * w))

    def gather(self, r: int) -> None:
        """Put the rows before ``r`` (in the strip) and after it (in the
        picture) in place as one image each, so that only row ``r`` stands alone."""
        h, rows = self.facts.height, self.rows
        gathered = [self.landed(r)]
        if r + 1 < h:
            waiting = map_image(self.image[r + 1 :], height=(h - r - 1) * self.px).stretch_to_fit_width(self.picture.width)
            gathered.append(waiting.move_to(pixel_point(self.picture, h, (r + 1 + h) / 2, self.facts.width / 2)))
        self.remove(*rows[:r], *rows[r + 1 :], *self.gathered)
        self.add(*gathered)
        self.gathered = gathered

    def show_distance(self) -> None:
        f = self.facts
        self.say("apart", distance=f.distance)
        arrows = VGroup()
        for colour, index, side in ((theme.PAIR_A, f.blue_index, -1), (theme.PAIR_B, f.red_index, 1)):
            x = self.strip_slot(index, 1)
            start = [x[0] + 0.6 * side, STRIP_Y + ARROW_TOP, 0]
            arrows.add(Arrow(start, [x[0], STRIP_Y + ARROW_TIP, 0], color=colour, buff=0, stroke_width=4))
            arrows.add(formula(str(index), size=theme.BODY_SIZE, color=colour).next_to(start, UP, buff=0.1))
        brace = BraceBetweenPoints(self.strip_slot(f.blue_index, 1), self.strip_slot(f.red_index, 1), direction=DOWN)
        brace.shift(0.2 * DOWN)
        gap = formula(f"{f.red_index} - {f.blue_index} = {f.distance}", size=theme.BODY_SIZE, color=theme.FOCUS).next_to(brace, DOWN, buff=0.15)
        self.play(FadeIn(arrows), run_time=ARRIVE)
        self.play(FadeIn(brace), Write(gap), run_time=0.8)
        self.hold(4.0)
        self.distance_group = VGroup(arrows, brace, gap)

    def compare_parameters(self) -> None:
        f = self.facts
        first = f.growth[0]
        self.formulas = VGroup(
            formula(f'{first.inputs} dot {f.hidden} + {f.hidden} = "{fmt_int(first.dense)}"', size=theme.HEADING_SIZE, color=theme.DENSE),
            formula(f"{f.kernel} dot {f.kernel} dot 1 dot {f.filters} + {f.filters} = {first.conv}", size=theme.HEADING_SIZE, color=theme.CONV),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.4).move_to(PARAMS_AT)
        # The counts replace the strip as the line comes: up when it starts, never a stage with only the title.
        self.clear_stage(self.title, then=[FadeIn(self.formulas)], run_time=ARRIVE)
        self.say("params", hidden=f.hidden, filters=f.filters, kernel=f.kernel)
        self.hold(2.0)

    def growth_bar(self, k: int, g: ParamComparison, top: float) -> VGroup:
        """Row ``k``: the image's side, the dense layer's parameters over the conv layer's (log scale)."""
        y = row_y(k, BARS_TOP, BARS_STEP)
        name = text(f"{g.side}×{g.side}", size=theme.SMALL_SIZE, color=theme.MUTED).move_to([BAR_NAME_X, y, 0])
        dense = Rectangle(width=BAR_LENGTH * math.log10(g.dense) / top, height=BAR_HEIGHT, color=theme.DENSE, fill_opacity=0.6, stroke_width=0)
        dense.move_to([BARS_LEFT, y + BAR_OFFSET, 0], aligned_edge=LEFT)
        conv = Rectangle(width=BAR_LENGTH * math.log10(g.conv) / top, height=BAR_HEIGHT, color=theme.CONV, fill_opacity=0.6, stroke_width=0)
        conv.move_to([BARS_LEFT, y - BAR_OFFSET, 0], aligned_edge=LEFT)
        labels = VGroup(
            text(fmt_int(g.dense), size=theme.SMALL_SIZE, color=theme.DENSE).next_to(dense, RIGHT, buff=0.15),
            text(fmt_int(g.conv), size=theme.SMALL_SIZE, color=theme.CONV).next_to(conv, RIGHT, buff=0.15),
        )
        return VGroup(name, dense, conv, labels)

    def show_growth(self) -> None:
        self.say("grow")
        growth = self.facts.growth
        top = math.log10(max(g.dense for g in growth))
        bars = VGroup(*(self.growth_bar(k, g, top) for k, g in enumerate(growth)))
        legend = VGroup(
            text(self.s("dense"), size=theme.SMALL_SIZE, color=theme.DENSE),
            text(self.s("conv"), size=theme.SMALL_SIZE, color=theme.CONV),
            text(self.s("log_scale"), size=theme.AXIS_SIZE, color=theme.MUTED),
        ).arrange(RIGHT, buff=0.6).move_to([0, LEGEND_Y, 0])
        # The counts go up under the title, at body size, to make room for the bars.
        counts = self.formulas.generate_target()
        counts.scale(theme.BODY_SIZE / theme.HEADING_SIZE).move_to([0, PARAMS_TOP, 0], aligned_edge=UP)
        self.play(MoveToTarget(self.formulas), FadeIn(legend))
        for bar in bars:
            self.play(FadeIn(bar, shift=0.2 * RIGHT), run_time=0.9)
        self.hold(4.0)
