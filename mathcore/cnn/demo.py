"""The demo image, its crop and the demo filters, made by code.

A 28×28 greyscale "4" drawn like a pen stroke: three strokes (a slanted
one, a bar, a slightly bowed upright) at 4× supersampling for anti-aliasing,
then a 3×3 binomial blur, then quantized to 8 bits as a PNG would store it.
Nothing is random and nothing is downloaded, so the same numbers come out on
every machine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .conv import conv2d
from ..validate import FloatArray

SIZE = 28
SUPERSAMPLE = 4
STROKE_WIDTH = 2.6  # pixels

# Each stroke: start, control, end (a quadratic Bézier) in (x, y) pixels.
STROKES: tuple[tuple[tuple[float, float], tuple[float, float], tuple[float, float]], ...] = (
    ((14.5, 4.0), (10.5, 10.5), (6.5, 17.0)),  # the slanted stroke
    ((6.5, 17.5), (14.0, 17.3), (22.0, 16.6)),  # the bar
    ((19.0, 6.5), (17.6, 15.0), (18.4, 24.5)),  # the upright
)

BINOMIAL_BLUR = np.outer([1.0, 2.0, 1.0], [1.0, 2.0, 1.0]) / 16.0

# Where the step-by-step convolution looks: the left edge of the upright.
CROP_ORIGIN = (8, 14)
CROP_SIZE = 6
CROP_DECIMALS = 1  # so a viewer can redo the sums by hand

FILTERS: dict[str, FloatArray] = {
    "vertical_edge": np.array([[-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0]]),
    "horizontal_edge": np.array([[-1.0, -1.0, -1.0], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0]]),
    "blur": np.full((3, 3), 1.0 / 9.0),
    "sharpen": np.array([[0.0, -1.0, 0.0], [-1.0, 5.0, -1.0], [0.0, -1.0, 0.0]]),
}


def _bezier_points(p0: tuple[float, float], p1: tuple[float, float], p2: tuple[float, float], n: int = 64) -> FloatArray:
    t = np.linspace(0.0, 1.0, n)[:, None]
    return (1 - t) ** 2 * np.array(p0) + 2 * (1 - t) * t * np.array(p1) + t**2 * np.array(p2)


def _distance_to_polyline(points: FloatArray, xy: FloatArray) -> FloatArray:
    """Distance from each point of xy (N, 2) to the polyline through points (M, 2)."""
    a, b = points[:-1], points[1:]
    ab = b - a
    t = np.clip(np.einsum("nmd,md->nm", xy[:, None, :] - a[None], ab) / np.sum(ab * ab, axis=1), 0.0, 1.0)
    nearest = a[None] + t[..., None] * ab[None]
    return np.min(np.linalg.norm(xy[:, None, :] - nearest, axis=-1), axis=1)


def digit() -> FloatArray:
    """The 28×28 demo digit, values k/255 in [0, 1], ink bright on black."""
    n = SIZE * SUPERSAMPLE
    centres = (np.arange(n) + 0.5) / SUPERSAMPLE
    xs, ys = np.meshgrid(centres, centres)
    xy = np.stack([xs.ravel(), ys.ravel()], axis=1)
    distance = np.min([_distance_to_polyline(_bezier_points(*s), xy) for s in STROKES], axis=0)
    ink = (distance <= STROKE_WIDTH / 2).reshape(n, n).astype(np.float64)
    coverage = ink.reshape(SIZE, SUPERSAMPLE, SIZE, SUPERSAMPLE).mean(axis=(1, 3))
    blurred = np.clip(conv2d(coverage, BINOMIAL_BLUR, padding=1), 0.0, 1.0)
    return np.round(blurred * 255.0) / 255.0


def digit_uint8() -> np.ndarray:
    """The digit as the 8-bit values of its PNG."""
    return np.round(digit() * 255.0).astype(np.uint8)


@dataclass(frozen=True)
class Crop:
    """A small window of the digit for the step-by-step convolution.

    origin: (row, col) of its top-left pixel in the digit, or None for a
    crop that is not part of it (one a user gives); values: the pixels
    rounded to ``CROP_DECIMALS`` so the sums can be checked by hand.
    """

    origin: tuple[int, int] | None
    values: FloatArray


def edge_crop(image: FloatArray, kernel: FloatArray | None = None, size: int = CROP_SIZE) -> Crop:
    """The size×size window of ``image`` where ``kernel`` (the vertical-edge
    filter by default) responds most, Σ|window ⊛ kernel| over the window's
    valid outputs, the first in row-major order on a tie; rounded as
    ``demo_crop``. This is how the videos pick the crop of a real digit."""
    kernel = FILTERS["vertical_edge"] if kernel is None else kernel
    inner = size - kernel.shape[0] + 1
    response = np.abs(conv2d(image, kernel))
    energy = sliding_window_view(response, (inner, inner)).sum(axis=(-2, -1))
    r, c = np.unravel_index(int(np.argmax(energy)), energy.shape)
    return demo_crop(image, (int(r), int(c)), size)


def demo_crop(image: FloatArray | None = None, origin: tuple[int, int] = CROP_ORIGIN, size: int = CROP_SIZE) -> Crop:
    """The size×size crop at ``origin``, rounded to one decimal."""
    image = digit() if image is None else image
    r, c = origin
    if not (0 <= r <= image.shape[0] - size and 0 <= c <= image.shape[1] - size):
        raise ValueError(f"origin: a {size}×{size} crop at {origin} does not fit in a {image.shape} image")
    return Crop(origin, np.round(image[r : r + size, c : c + size], CROP_DECIMALS))
