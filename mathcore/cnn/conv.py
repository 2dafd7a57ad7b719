"""Convolution and pooling in the deep-learning convention.

"Convolution" here is cross-correlation, as in every deep-learning library:
the kernel is not flipped. For an input x and a K×K kernel k,

    y[i, j] = Σ_u Σ_v x_p[i·S + u, j·S + v] · k[u, v]  (+ b)

where x_p is x zero-padded by P on every side and S is the stride. Each
output axis has O = ⌊(W − K + 2P) / S⌋ + 1 cells (Dumoulin & Visin,
arXiv:1603.07285); pooling uses the same formula with P = 0 by default.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import ArrayLike, NDArray

from ..validate import FloatArray, as_array, as_count, as_number


def _stride_padding(stride: int, padding: int) -> tuple[int, int]:
    return as_count(stride, "stride", minimum=1), as_count(padding, "padding", minimum=0)


def pad2d(x: ArrayLike, padding: int) -> FloatArray:
    """Zero-pad the last two axes of x by ``padding`` on every side."""
    array = np.asarray(x, dtype=np.float64)
    padding = as_count(padding, "padding", minimum=0)
    widths = [(0, 0)] * (array.ndim - 2) + [(padding, padding)] * 2
    return np.pad(array, widths)


def _rank(value: object) -> int:
    """How deeply a list (or the axes of an array) nests."""
    if isinstance(value, np.ndarray):
        return value.ndim
    depth = 0
    while isinstance(value, (list, tuple)) and value:
        depth, value = depth + 1, value[0]
    return depth


def _image(x: ArrayLike, expected: str) -> FloatArray:
    """x as a finite (H, W) or (C, H, W) array."""
    rank = _rank(x)
    if rank not in (2, 3):
        raise ValueError(f"x: expected {expected}, got {rank}-D")
    return as_array(x, "x", ndim=rank)


def _windows(xp: FloatArray, kh: int, kw: int, stride: int) -> FloatArray:
    """Every K×K window of the padded input: (..., OH, OW, KH, KW)."""
    return sliding_window_view(xp, (kh, kw), axis=(-2, -1))[..., ::stride, ::stride, :, :]


def _check_fits(shape: tuple[int, ...], k: tuple[int, int], padding: int, name: str) -> None:
    h, w = shape[-2:]
    if k[0] > h + 2 * padding or k[1] > w + 2 * padding:
        padded = f"the padded input {h + 2 * padding}×{w + 2 * padding} ({h}×{w} with padding {padding})"
        raise ValueError(f"{name}: {k[0]}×{k[1]} is larger than {padded if padding else f'the input {h}×{w}'}")


def conv2d(
    x: ArrayLike,
    kernel: ArrayLike,
    *,
    stride: int = 1,
    padding: int = 0,
    bias: ArrayLike | float | None = None,
) -> FloatArray:
    """Cross-correlate an image with a kernel.

    Two forms:
    - x (H, W), kernel (K, K'), bias a number or None → (OH, OW);
    - x (C_in, H, W), kernel (C_out, C_in, K, K'), bias (C_out,) or None
      → (C_out, OH, OW), where output channel o sums over every input channel.
    """
    stride, padding = _stride_padding(stride, padding)
    image = _image(x, "(H, W) or (C_in, H, W)")
    ndim = image.ndim
    expected_rank = 2 if ndim == 2 else 4
    if _rank(kernel) != expected_rank:
        form = "(K, K)" if ndim == 2 else "(C_out, C_in, K, K)"
        raise ValueError(f"kernel: expected {form} for a {ndim}-D x, got {_rank(kernel)}-D")
    k = as_array(kernel, "kernel", ndim=expected_rank)
    if ndim == 3 and k.shape[1] != image.shape[0]:
        raise ValueError(f"kernel: expected {image.shape[0]} input channels to match x, got {k.shape[1]}")
    _check_fits(image.shape, k.shape[-2:], padding, "kernel")
    windows = _windows(pad2d(image, padding), *k.shape[-2:], stride)
    if ndim == 2:
        out = np.einsum("hwij,ij->hw", windows, k)
        return out + (0.0 if bias is None else as_number(bias, "bias"))
    out = np.einsum("chwij,ocij->ohw", windows, k)
    if bias is not None:
        b = as_array(bias, "bias", ndim=1)
        if b.shape != (k.shape[0],):
            raise ValueError(f"bias: expected {k.shape[0]} values (one per output channel), got {b.shape[0]}")
        out = out + b[:, None, None]
    return out


@dataclass(frozen=True)
class ConvCell:
    """How one output cell of a 2-D convolution comes about.

    row, col: the output cell; top, left: its window's corner in the padded
    input; window (K, K) the input values under the kernel; products (K, K)
    = window ⊙ kernel; value = Σ products (+ bias).
    """

    row: int
    col: int
    top: int
    left: int
    window: FloatArray
    products: FloatArray
    value: float


def conv_cells(x: ArrayLike, kernel: ArrayLike, *, stride: int = 1, padding: int = 0, bias: float = 0.0) -> list[ConvCell]:
    """Every output cell of ``conv2d`` on a 2-D image, in row-major (sweep) order."""
    image, k = as_array(x, "x", ndim=2), as_array(kernel, "kernel", ndim=2)
    out = conv2d(image, k, stride=stride, padding=padding, bias=bias)
    windows = _windows(pad2d(image, padding), *k.shape, stride)
    return [
        ConvCell(i, j, i * stride, j * stride, windows[i, j].copy(), windows[i, j] * k, float(out[i, j]))
        for i, j in np.ndindex(out.shape)
    ]


def _pool_windows(image: FloatArray, size: int, stride: int | None) -> tuple[FloatArray, int, int]:
    """Every size×size pooling window of a checked image, with size and stride."""
    size = as_count(size, "size", minimum=1)
    stride = size if stride is None else as_count(stride, "stride", minimum=1)
    _check_fits(image.shape, (size, size), 0, "size")
    return _windows(image, size, size, stride), size, stride


def _pool(x: ArrayLike, size: int, stride: int | None, kind: str) -> FloatArray:
    """Pool with ``kind`` "max" or "avg", the names the lineage specs use."""
    windows, _, _ = _pool_windows(_image(x, "(H, W) or (C, H, W)"), size, stride)
    return windows.max(axis=(-2, -1)) if kind == "max" else windows.mean(axis=(-2, -1))


def max_pool2d(x: ArrayLike, size: int = 2, stride: int | None = None) -> FloatArray:
    """The maximum of each size×size window; (H, W) → (OH, OW) or
    (C, H, W) → (C, OH, OW). ``stride`` defaults to ``size``."""
    return _pool(x, size, stride, "max")


def avg_pool2d(x: ArrayLike, size: int = 2, stride: int | None = None) -> FloatArray:
    """The mean of each size×size window; shapes as ``max_pool2d``."""
    return _pool(x, size, stride, "avg")


def max_pool_argmax(x: ArrayLike, size: int = 2, stride: int | None = None) -> NDArray[np.int64]:
    """Where each window's maximum is, as (row, col) in x: (OH, OW, 2).

    On a tie the first maximum in row-major order wins, as in PyTorch.
    """
    windows, size, stride = _pool_windows(as_array(x, "x", ndim=2), size, stride)
    oh, ow = windows.shape[:2]
    flat = windows.reshape(oh, ow, size * size).argmax(axis=-1)
    rows = np.arange(oh)[:, None] * stride + flat // size
    cols = np.arange(ow)[None, :] * stride + flat % size
    return np.stack([rows, cols], axis=-1).astype(np.int64)
