"""Grids of numbers and images of maps: how the CNN scenes draw arrays.

Small arrays (a 6×6 crop, a 3×3 kernel) are ``NumberGrid``s: a square and a
number per cell. Large ones (the 28×28 digit, feature maps) are one
``ImageMobject`` each, scaled with nearest-neighbour resampling, because
hundreds of separate squares cost twice as much a frame to draw.
"""

from __future__ import annotations

import numpy as np
from manim import (
    RESAMPLING_ALGORITHMS,
    UL,
    ImageMobject,
    ManimColor,
    Square,
    VGroup,
    interpolate_color,
)

from . import theme
from .base import formula


def pixel_point(picture: ImageMobject, rows: int, r: float, c: float) -> np.ndarray:
    """Where row ``r``, column ``c`` (in pixels, from the top left corner) of
    an image ``rows`` pixels tall lies on ``picture``: pixel (r, c)'s centre
    is pixel_point(picture, rows, r + 0.5, c + 0.5)."""
    px = picture.height / rows
    return picture.get_corner(UL) + np.array([c * px, -r * px, 0.0])


def diverging(value: float, scale: float) -> ManimColor:
    """Negative red, zero background, positive blue (CNN Explainer's scale)."""
    t = max(-1.0, min(1.0, value / scale)) if scale else 0.0
    return interpolate_color(theme.BACKGROUND, theme.POSITIVE if t >= 0 else theme.NEGATIVE, abs(t) * 0.85)


def grey(value: float) -> ManimColor:
    """An input pixel: 0 black, 1 white."""
    return interpolate_color(theme.BACKGROUND, ManimColor("#FFFFFF"), float(np.clip(value, 0, 1)) * 0.9)


class NumberGrid(VGroup):
    """A (rows, cols) array as squares with their values written in, all
    with one number of decimals (at most two, as few as the grid needs);
    ``shade`` maps a value to its fill colour."""

    def __init__(self, values: np.ndarray, shade, cell: float = 0.6, size: float = theme.BODY_SIZE) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.values = np.asarray(values)
        rows, cols = self.values.shape
        self.cells = VGroup()
        self.labels = VGroup()
        written = iter(theme.fmt_all(self.values.ravel().tolist(), "cell"))
        for r in range(rows):
            for c in range(cols):
                fill = shade(float(self.values[r, c]))
                square = Square(side_length=cell, stroke_color=theme.MUTED, stroke_width=1.5)
                square.set_fill(fill, opacity=1).move_to([c * cell, -r * cell, 0])
                self.cells.add(square)
                # Dark digits on light cells, light on dark: readable on any shade.
                light = float(np.dot(fill.to_rgb(), [0.299, 0.587, 0.114])) > 0.5
                label = formula(next(written), size=size, color=theme.BACKGROUND if light else theme.TEXT).move_to(square)
                self.labels.add(label)
        self.add(self.cells, self.labels)
        self.shape = (rows, cols)
        self.center()

    def cell(self, r: int, c: int) -> Square:
        return self.cells[r * self.shape[1] + c]

    def label(self, r: int, c: int):  # type: ignore[no-untyped-def]
        return self.labels[r * self.shape[1] + c]

    def window(self, top: int, left: int, size: int) -> VGroup:
        """The cells of a size×size window, for an outline around them."""
        return VGroup(*(self.cell(top + u, left + v) for u in range(size) for v in range(size)))


def _rgb(values: np.ndarray, signed: bool) -> np.ndarray:
    """A map's cells as RGB in 0–1: greys for an input, red–blue for a signed map."""
    v = np.asarray(values, dtype=float)
    if signed:
        scale = float(np.abs(v).max()) or 1.0
        return np.array([diverging(x, scale).to_rgb() for x in v.ravel()]).reshape(*v.shape, 3)
    return np.array([grey(x).to_rgb() for x in v.ravel()]).reshape(*v.shape, 3)


def _image(rgb: np.ndarray, height: float) -> ImageMobject:
    image = ImageMobject((rgb * 255).round().astype(np.uint8))
    image.set_resampling_algorithm(RESAMPLING_ALGORITHMS["nearest"])
    image.height = height
    return image


def map_image(values: np.ndarray, height: float, signed: bool = False) -> ImageMobject:
    """A whole map as one image: greys for an input, red–blue for a signed map."""
    return _image(_rgb(values, signed), height)


# Several maps in one image: manim composites every image over the whole frame
# at every frame it moves or fades, so 16 tiles cost 16 times one picture.


def tiled_image(maps: np.ndarray, cols: int, tile_height: float, gap: int = 1) -> ImageMobject:
    """(n, h, w) maps in a grid of ``cols`` columns, ``gap`` background cells apart,
    each tile ``tile_height`` high."""
    n, h, w = maps.shape
    rows = -(-n // cols)
    canvas = np.tile(np.array(theme.BACKGROUND.to_rgb()), (rows * (h + gap) - gap, cols * (w + gap) - gap, 1))
    for k, m in enumerate(maps):
        r, c = divmod(k, cols)
        canvas[r * (h + gap) : r * (h + gap) + h, c * (w + gap) : c * (w + gap) + w] = _rgb(m, signed=False)
    return _image(canvas, tile_height * canvas.shape[0] / h)


def deck_image(maps: np.ndarray, card_height: float, step: int) -> ImageMobject:
    """(n, h, w) maps one behind the other like a deck of cards, each ``step``
    cells right of and below the one before, the last on top."""
    n, h, w = maps.shape
    canvas = np.tile(np.array(theme.BACKGROUND.to_rgb()), (h + (n - 1) * step, w + (n - 1) * step, 1))
    for k, m in enumerate(maps):
        canvas[k * step : k * step + h, k * step : k * step + w] = _rgb(m, signed=False)
    return _image(canvas, card_height * canvas.shape[0] / h)
