"""The post's claim about pooling, measured: after a one-pixel shift, the
pooled map changes less than the map it was pooled from.

Change is the relative L1 difference ‖f(x) − f(shift(x))‖₁ / ‖f(x)‖₁, where f
is the identity (unpooled) or max pooling (pooled), compared cell by cell at
the same positions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ..dense.activations import relu
from .conv import conv2d, max_pool2d
from ..validate import FloatArray, as_array


def shift2d(x: ArrayLike, rows: int, cols: int) -> FloatArray:
    """x moved down by ``rows`` and right by ``cols`` (negative: up/left),
    with zeros shifted in and pixels that leave the frame dropped.

    x is one (H, W) image or a stack (..., H, W); every image moves alike."""
    image = as_array(x, "x", ndim=max(2, int(np.ndim(x))))
    out = np.zeros_like(image)
    h, w = image.shape[-2:]
    if abs(rows) >= h or abs(cols) >= w:
        raise ValueError(f"rows, cols: a shift of ({rows}, {cols}) moves a {h}×{w} image out of the frame")
    src = image[..., max(0, -rows) : h - max(0, rows), max(0, -cols) : w - max(0, cols)]
    out[..., max(0, rows) : max(0, rows) + src.shape[-2], max(0, cols) : max(0, cols) + src.shape[-1]] = src
    return out


def relative_change(a: FloatArray, b: FloatArray) -> float:
    """‖a − b‖₁ / ‖a‖₁: 0 when nothing moved."""
    norm = float(np.abs(a).sum())
    if norm == 0.0:
        raise ValueError("a: the map is all zeros, so a relative change is undefined")
    return float(np.abs(a - b).sum() / norm)


@dataclass(frozen=True)
class ShiftComparison:
    """One map before and after a shift, unpooled and max-pooled.

    original, shifted: the maps compared (the image, or a feature map of it);
    pooled, pooled_shifted: their max pools; the changes as relative_change.
    """

    shift: tuple[int, int]
    original: FloatArray
    shifted: FloatArray
    pooled: FloatArray
    pooled_shifted: FloatArray
    unpooled_change: float
    pooled_change: float


def compare_shift(
    image: ArrayLike,
    *,
    shift: tuple[int, int] = (0, 1),
    pool: int = 2,
    kernel: ArrayLike | None = None,
) -> ShiftComparison:
    """Shift the image, optionally convolve both versions with ``kernel``
    (padding keeps the size) and ReLU them, and compare before and after
    max pooling with a pool×pool window."""
    x = as_array(image, "image", ndim=2)
    moved = shift2d(x, *shift)
    if kernel is not None:
        k = as_array(kernel, "kernel", ndim=2)
        x, moved = (relu(conv2d(m, k, padding=k.shape[0] // 2)) for m in (x, moved))
    pooled, pooled_moved = max_pool2d(x, pool), max_pool2d(moved, pool)
    return ShiftComparison(
        shift=shift,
        original=x,
        shifted=moved,
        pooled=pooled,
        pooled_shifted=pooled_moved,
        unpooled_change=relative_change(x, moved),
        pooled_change=relative_change(pooled, pooled_moved),
    )
