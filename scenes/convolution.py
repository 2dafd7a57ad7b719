"""Convolution with real numbers: how one small filter, slid over an image,
makes a feature map. A hand-made 3×3 vertical-edge filter over a crop of a
real MNIST digit, products and sums for the first positions, then the sweep;
shared weights; stride and padding; the filter's map of the whole digit;
then the six filters LeNet-5 learned, and their maps."""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Circumscribe,
    Create,
    FadeIn,
    FadeOut,
    Group,
    ReplacementTransform,
    Square,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    Write,
)

from mathcore import FILTERS, ConvCell, architecture, conv2d, conv_cells, conv_output_size
from scenes.toolkit import (
    ExplainerScene,
    NumberGrid,
    crop,
    diverging,
    formula,
    grey,
    map_image,
    mnist_digit,
    pixel_point,
    results,
    text,
    theme,
)
from scenes.toolkit.theme import fmt, fmt_int

# Every grid writes its numbers at body size (the size floor): a cell is as wide
# as its widest number needs, with room between neighbours: "−1" in the filter,
# "0.0" in the crop, "−0.4" in the products, "−2.8" in the maps.
FILTER_CELL = 0.62
CELL = 0.68  # a cell of the crop
PRODUCT_CELL = 0.75
MAP_CELL = 0.86  # a cell of the feature map, and of the stride's small map (a grid's pitch stays under 0.9)
PADDED_CELL = 0.8  # a cell of the padded 6×6 map, the largest grid beside the crop
DIGIT_AT, DIGIT_HEIGHT = (0, 0.1, 0), 5.0  # the whole digit, before the crop
# The sweep: the crop on the left, the filter over its products in the middle, the map on the right.
CROP_AT = (-4.6, -0.2, 0)
FILTER_TOP_X, FILTER_TOP = 0.0, 2.48  # the filter's top middle, its name above it
PRODUCTS_TOP = 0.5  # the products' top, under the filter; their sum under them, clear of the caption
MAP_AT = (4.35, -0.2, 0)
# Stride and padding, one setting at a time, right of the crop: the formula over
# the setting's name and sum in the middle, the setting's map on the right.
FORMULA_TOP_LEFT = (-2.15, 2.3)
SETTING_TOP_LEFT = (-2.15, 0.6)
SETTING_MAP_AT = (4.2, 0.3, 0)  # high on the right, where the title leaves room: clear of the caption
SETTINGS = (("stride", 2, 0), ("padding", 1, 1))  # the line's key, the stride, the padding
ARRIVE = 0.4  # a play that brings what a line says, right after the line starts: up within a second
# Light digits on every cell (dark ones are no colour of the series): the
# brightest pixel a light grey, a signed map's strongest cell a mid blue or
# red, each still 3:1 or more against the digits.
PIXEL_REACH, SIGNED_REACH = 0.45, 0.75
WHOLE_AT, WHOLE_HEIGHT = (0, 0.2, 0), 3.8  # the digit and its vertical-edge map, side by side
LEARNED_AT = (0, 0.05, 0)  # LeNet-5's six kernels over their six maps
KERNEL_HEIGHT, RESPONSE_HEIGHT = 1.3, 1.6


def pixel(value: float):  # type: ignore[no-untyped-def]
    """A crop's cell: black to light grey, dark enough for light digits."""
    return grey(value * PIXEL_REACH)


def signed(value: float, scale: float):  # type: ignore[no-untyped-def]
    """A filter's, a product's or a map's cell: red to blue, dark enough for light digits."""
    return diverging(value, scale / SIGNED_REACH)


class Convolution(ExplainerScene):
    section = "convolution"
    shown_in_full = 3  # positions worked out product by product; the rest fill in quickly

    def construct(self) -> None:
        self.crop = crop()
        self.digit = mnist_digit()
        self.kernel = FILTERS["vertical_edge"]
        self.cells = conv_cells(self.crop.values, self.kernel)
        self.title = self.show_title()
        self.show_digit()
        self.show_crop()
        self.show_filter()
        self.work_out_first_positions()
        self.sweep_filter()
        self.point_out_shared_weights()
        self.show_output_size()
        self.vary_stride_and_padding()
        self.show_whole_digit_map()
        self.show_learned_filters()
        self.show_learned_maps()

    def show_digit(self) -> None:
        image = self.digit.image
        n = self.crop.values.shape[0]
        self.picture = map_image(image, height=DIGIT_HEIGHT).move_to(DIGIT_AT)
        self.source = self.source_tag(self.digit).next_to(self.picture, RIGHT, buff=0.25, aligned_edge=DOWN)
        self.sizes = VGroup(formula(f"{image.shape[0]} times {image.shape[1]}", size=theme.BODY_SIZE, color=theme.MUTED))
        self.sizes[0].next_to(self.picture, RIGHT, buff=0.25, aligned_edge=UP)
        self.digit_box = Square(side_length=n * self.picture.height / image.shape[0], color=theme.FOCUS, stroke_width=4)
        if self.crop.origin is None:  # a crop of one's own is not part of the digit: no box on it
            self.say("digit_own", side=image.shape[0], n=n)
            self.digit_box.next_to(self.picture, LEFT, buff=0.4)
            self.sizes.add(formula(f"{n} times {n}", size=theme.BODY_SIZE, color=theme.MUTED).next_to(self.digit_box, DOWN, buff=0.2))
        else:
            self.say("digit", side=image.shape[0])
            r, c = self.crop.origin
            self.digit_box.move_to(pixel_point(self.picture, image.shape[0], r + n / 2, c + n / 2))
        self.play(FadeIn(self.picture), FadeIn(self.source), FadeIn(self.sizes), run_time=ARRIVE)
        self.play(Create(self.digit_box))
        self.hold(2.0)

    def show_crop(self) -> None:
        self.say("crop")
        self.grid = NumberGrid(self.crop.values, pixel, cell=CELL).move_to(CROP_AT)
        self.play(ReplacementTransform(self.digit_box, self.grid.cells), FadeIn(self.grid.labels), FadeOut(self.picture), FadeOut(self.source), FadeOut(self.sizes), run_time=ARRIVE)
        # The transform put the squares last, over their numbers: the grid again, numbers on top.
        # (A z-index would do it too, but manim redraws every frame all that lies above a moving mobject.)
        self.remove(self.grid.cells, self.grid.labels)
        self.add(self.grid)
        self.hold(2.5)

    def show_filter(self) -> None:
        k = self.kernel
        self.say("filter", k=k.shape[0])
        self.filter = NumberGrid(k, lambda v: signed(v, 1.5), cell=FILTER_CELL).move_to([FILTER_TOP_X, FILTER_TOP, 0], aligned_edge=UP)
        self.filter_name = text(self.s("handmade", k=k.shape[0]), size=theme.SMALL_SIZE, color=theme.MUTED)
        self.filter_name.next_to(self.filter, UP, buff=0.15)
        self.play(FadeIn(self.filter), FadeIn(self.filter_name), run_time=ARRIVE)
        out = conv2d(self.crop.values, k)
        # The map's cells start empty: each fills in as the filter reaches it.
        self.fmap = NumberGrid(out, lambda v: signed(v, float(abs(out).max())), cell=MAP_CELL).move_to(MAP_AT)
        for square in self.fmap.cells:
            square.set_fill(opacity=0)
        self.fmap.labels.set_opacity(0)
        self.play(FadeIn(self.fmap.cells))
        self.hold(2.5)

    def outline(self, cell: ConvCell) -> SurroundingRectangle:
        return SurroundingRectangle(self.grid.window(cell.top, cell.left, self.kernel.shape[0]), color=theme.FOCUS, buff=0.02, stroke_width=5)

    def fill_cell(self, cell: ConvCell) -> list:
        target = self.fmap.cell(cell.row, cell.col)
        return [target.animate.set_fill(opacity=1), self.fmap.label(cell.row, cell.col).animate.set_opacity(1)]

    def work_out_first_positions(self) -> None:
        self.frame = None
        for k, cell in enumerate(self.cells[: self.shown_in_full]):
            self.say("first" if k == 0 else "next")
            frame = self.outline(cell)
            self.play(Create(frame) if self.frame is None else ReplacementTransform(self.frame, frame))
            self.frame = frame
            self.work_out(cell, first=k == 0)

    def work_out(self, cell: ConvCell, first: bool) -> None:
        """One position product by product: the window times the filter, the sum, into the map."""
        products = NumberGrid(cell.products, lambda v: signed(v, 1.0), cell=PRODUCT_CELL)
        products.move_to([FILTER_TOP_X, PRODUCTS_TOP, 0], aligned_edge=UP)
        k = self.kernel.shape[0]
        # The window's numbers travel with its squares (a copy of the squares alone would cover them).
        window = VGroup(self.grid.window(cell.top, cell.left, k), *(self.grid.label(cell.top + u, cell.left + v) for u in range(k) for v in range(k)))
        self.play(TransformFromCopy(VGroup(window, self.filter), products))
        if first:
            self.say("sum")
        total = formula(f"sum = {fmt(cell.value, 'cell')}", size=theme.BODY_SIZE, color=theme.FOCUS).next_to(products, DOWN, buff=0.15)
        self.play(Write(total))
        self.play(TransformFromCopy(total, self.fmap.label(cell.row, cell.col)), *self.fill_cell(cell))
        self.hold(1.5 if first else 0.8)
        self.play(FadeOut(products), FadeOut(total))

    def sweep_filter(self) -> None:
        self.say("sweep")
        for cell in self.cells[self.shown_in_full :]:
            frame = self.outline(cell)
            self.play(ReplacementTransform(self.frame, frame), *self.fill_cell(cell), run_time=0.35)
            self.frame = frame
        self.hold(1.0)
        self.say("edge")
        self.hold(3.0)

    def point_out_shared_weights(self) -> None:
        self.say("shared")
        # An outline, not a flash of the whole filter: its nine weights stay readable.
        self.play(Circumscribe(self.filter, color=theme.FOCUS, buff=0.08), run_time=1.5)
        self.hold(2.5)

    def show_output_size(self) -> None:
        self.say("size")
        self.play(FadeOut(self.filter), FadeOut(self.filter_name), FadeOut(self.fmap), FadeOut(self.frame))
        self.equation = formula("O = floor((W - K + 2P) / S) + 1")
        self.equation.move_to([*FORMULA_TOP_LEFT, 0], aligned_edge=UL)
        self.play(Write(self.equation))
        self.hold(2.0)

    def vary_stride_and_padding(self) -> None:
        """One setting at a time beside the crop: its name and its sum under
        the formula, its map on the right, each map at body size."""
        n, k = self.crop.values.shape[0], self.kernel.shape[0]
        shown = None
        for key, stride, padding in SETTINGS:
            size = conv_output_size(n, k, stride=stride, padding=padding)
            out = conv2d(self.crop.values, self.kernel, stride=stride, padding=padding)
            assert out.shape == (size, size)
            self.say(key, stride=stride, padding=padding)
            label = text(self.s(f"{key}_label", stride=stride, padding=padding), size=theme.SMALL_SIZE, color=theme.MUTED)
            eq = formula(f"floor(({n} - {k} + 2 dot {padding}) / {stride}) + 1 = {size}")
            working = VGroup(label, eq).arrange(DOWN, aligned_edge=LEFT, buff=0.15).move_to([*SETTING_TOP_LEFT, 0], aligned_edge=UL)
            cell = PADDED_CELL if size == n else MAP_CELL  # a map as large as the crop gets the smaller cells
            grid = NumberGrid(out, lambda v: signed(v, float(abs(out).max())), cell=cell).move_to(SETTING_MAP_AT)
            row = VGroup(working, grid)
            self.play(*([FadeOut(shown)] if shown is not None else []), FadeIn(row), run_time=ARRIVE)
            shown = row
            self.hold(2.5)
        self.stride_panel = VGroup(self.equation, shown)

    def show_whole_digit_map(self) -> None:
        self.say("whole")
        self.play(FadeOut(self.stride_panel), FadeOut(self.grid))
        image = self.digit.image
        panels = Group()
        for key, values, signed in (("input", image, False), ("vertical", conv2d(image, self.kernel, padding=1), True)):
            picture = map_image(values, height=WHOLE_HEIGHT, signed=signed)
            name = text(self.s(key), size=theme.SMALL_SIZE, color=theme.MUTED).next_to(picture, DOWN, buff=0.2)
            panels.add(Group(picture, name))
        panels.arrange(RIGHT, buff=0.9).move_to(WHOLE_AT)
        for panel in panels:
            self.play(FadeIn(panel), run_time=1.0)
        self.hold(4.0)
        self.panels = panels

    def show_learned_filters(self) -> None:
        """LeNet-5's own first layer, trained on the real digits: six 5×5
        kernels and what each makes of the same digit (after ReLU)."""
        features = results("features")
        kernels, maps = features.kernels, features.layer("conv1.relu").values
        digits = fmt_int(results("accuracy").train_size)
        scale = float(np.abs(kernels).max())
        columns = Group()
        for kernel, fmap in zip(kernels, maps):
            shown = map_image(kernel / scale, height=KERNEL_HEIGHT, signed=True)
            # One scale for all six, so a weak filter looks weak.
            response = map_image(fmap / (maps.max() or 1.0), height=RESPONSE_HEIGHT)
            columns.add(Group(shown, response).arrange(DOWN, buff=0.4))
        columns.arrange(RIGHT, buff=0.35).move_to(LEARNED_AT)
        top, bottom = Group(*(c[0] for c in columns)), Group(*(c[1] for c in columns))
        names = self.learned_names(kernels.shape[-1], digits, top, bottom)
        # The names say the line's numbers: they replace the digit as the line
        # comes, up when it starts; the maps follow.
        self.clear_stage(self.title, then=[FadeIn(names), FadeIn(top, lag_ratio=0.15)], run_time=ARRIVE)
        self.say("learned", count=len(kernels), k=kernels.shape[-1], digits=digits)
        self.play(FadeIn(bottom, lag_ratio=0.15), run_time=1.5)
        self.hold(3.0)

    def learned_names(self, k: int, digits: str, kernels: Group, maps: Group) -> VGroup:
        """What the kernels are (above them, under where they were trained) and what the maps are (below them)."""
        conv1 = next(row for row in architecture("lenet5").rows() if row.name == "conv1")
        names = VGroup(
            text(self.s("kernels", k=k), size=theme.SMALL_SIZE, color=theme.MUTED),
            text(self.s("maps", shape="×".join(map(str, conv1.output_shape))), size=theme.SMALL_SIZE, color=theme.MUTED),
            text(self.s("trained_on", digits=digits), size=theme.SMALL_SIZE, color=theme.MUTED),
        )
        names[0].next_to(kernels, UP, buff=0.2)
        names[1].next_to(maps, DOWN, buff=0.2)
        names[2].next_to(names[0], UP, buff=0.12)
        return names

    def show_learned_maps(self) -> None:
        self.say("learned_maps")
        self.hold(4.0)
