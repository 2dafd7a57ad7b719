"""Layers that learn: each has a forward pass on a batch and a backward pass
that returns ∂L/∂input and fills ∂L/∂parameter.

The contract, for every layer:

    y = layer.forward(x)       x: (N, ...) a batch; keeps what backward needs
    dx = layer.backward(dy)    dy = ∂L/∂y, same shape as y; returns ∂L/∂x and
                               sets layer.grads[name] = ∂L/∂params[name]

It is the chain rule of the worked example, one layer at a time: backward
multiplies the incoming ∂L/∂y by the layer's local derivative ∂y/∂x.
Everything is vectorised (im2col through ``sliding_window_view``); the only
Python loops run over the K×K offsets of a kernel or pooling window.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import NDArray

from ..dense.activations import relu, relu_prime
from ..validate import FloatArray


class Module:
    """A layer with no parameters unless it says otherwise."""

    name: str = ""

    def __init__(self) -> None:
        self.params: dict[str, FloatArray] = {}
        self.grads: dict[str, FloatArray] = {}

    def forward(self, x: FloatArray) -> FloatArray:
        raise NotImplementedError

    def backward(self, dy: FloatArray) -> FloatArray:
        raise NotImplementedError


def _windows(x: FloatArray, k: int, stride: int) -> FloatArray:
    """Every k×k window of (N, C, H, W), strided: a view (N, C, OH, OW, k, k)."""
    return sliding_window_view(x, (k, k), axis=(2, 3))[:, :, ::stride, ::stride]


def _offset(u: int, out: int, stride: int) -> slice:
    """The input rows (or columns) that kernel offset u reads for ``out`` outputs."""
    return slice(u, u + stride * (out - 1) + 1, stride)


def _scatter_windows(dwin: FloatArray, shape: tuple[int, ...], k: int, stride: int) -> FloatArray:
    """The adjoint of ``_windows``: add each window's gradient (N, C, OH, OW, k, k)
    back onto the (N, C, H, W) input it was read from. Overlapping windows add."""
    out = np.zeros(shape, dtype=dwin.dtype)
    oh, ow = dwin.shape[2:4]
    for u in range(k):
        for v in range(k):
            out[:, :, _offset(u, oh, stride), _offset(v, ow, stride)] += dwin[..., u, v]
    return out


class Conv2d(Module):
    """Cross-correlation of (N, C_in, H, W) with kernels (C_out, C_in, K, K)
    plus a bias (C_out,), zero-padded by P, stride S:

        y[n, o, i, j] = Σ_c Σ_u Σ_v x_p[n, c, S·i + u, S·j + v] · w[o, c, u, v] + b[o]

    Gradients: ∂L/∂w = Σ over batch and positions of dy ⊗ window,
    ∂L/∂b = Σ dy, ∂L/∂x = every window's dy·w added back where it was read.
    """

    def __init__(self, weights: FloatArray, bias: FloatArray, *, stride: int = 1, padding: int = 0, name: str = "conv") -> None:
        super().__init__()
        if weights.ndim != 4 or weights.shape[2] != weights.shape[3]:
            raise ValueError(f"{name}: kernels must be (C_out, C_in, K, K), got shape {weights.shape}")
        if bias.shape != weights.shape[:1]:
            raise ValueError(f"{name}: bias must have {weights.shape[0]} values, got shape {bias.shape}")
        if stride < 1 or padding < 0:
            raise ValueError(f"{name}: stride must be >= 1 and padding >= 0, got {stride} and {padding}")
        self.name, self.stride, self.padding = name, stride, padding
        self.params = {"weights": weights, "bias": bias}

    def _check(self, x: FloatArray) -> None:
        w = self.params["weights"]
        k, p = w.shape[2], self.padding
        if x.ndim != 4 or x.shape[1] != w.shape[1] or min(x.shape[2:]) + 2 * p < k:
            raise ValueError(
                f"{self.name}: cannot convolve an input of shape {x.shape} (N, C, H, W) with kernels of shape "
                f"{w.shape} (C_out, C_in, K, K), padding {p}: it needs C = {w.shape[1]} and H, W + 2·{p} >= {k}"
            )

    def forward(self, x: FloatArray) -> FloatArray:
        self._check(x)
        w, b = self.params["weights"], self.params["bias"]
        c_out, c_in, k, _ = w.shape
        p, s = self.padding, self.stride
        # Channels first, so every kernel offset below copies whole contiguous planes.
        xt = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p))).transpose(1, 0, 2, 3)
        n, oh, ow = x.shape[0], (xt.shape[2] - k) // s + 1, (xt.shape[3] - k) // s + 1
        # im2col: cols[c, u, v, n, i, j] = x_p[n, c, S·i + u, S·j + v], one column per output cell.
        cols = np.empty((c_in, k, k, n, oh, ow), dtype=x.dtype)
        for u in range(k):
            for v in range(k):
                cols[:, u, v] = xt[:, :, _offset(u, oh, s), _offset(v, ow, s)]
        cols = cols.reshape(c_in * k * k, n * oh * ow)
        y = w.reshape(c_out, -1) @ cols + b[:, None]
        self._cache = (x.shape, xt.shape, cols, (n, oh, ow))
        return y.reshape(c_out, n, oh, ow).transpose(1, 0, 2, 3)

    def backward(self, dy: FloatArray) -> FloatArray:
        x_shape, xt_shape, cols, (n, oh, ow) = self._cache
        w = self.params["weights"]
        c_out, c_in, k, _ = w.shape
        p, s = self.padding, self.stride
        dy_rows = dy.transpose(1, 0, 2, 3).reshape(c_out, n * oh * ow)
        self.grads = {"weights": (dy_rows @ cols.T).reshape(w.shape), "bias": dy_rows.sum(axis=1)}
        dcols = (w.reshape(c_out, -1).T @ dy_rows).reshape(c_in, k, k, n, oh, ow)
        dxt = np.zeros(xt_shape, dtype=dy.dtype)
        for u in range(k):
            for v in range(k):
                dxt[:, :, _offset(u, oh, s), _offset(v, ow, s)] += dcols[:, u, v]
        return dxt.transpose(1, 0, 2, 3)[:, :, p : p + x_shape[2], p : p + x_shape[3]]


class Pool2d(Module):
    """Max or average pooling of (N, C, H, W) over size×size windows with a
    stride (default: size). Max: ∂L/∂x is dy at each window's maximum (the
    first in row-major order on a tie) and 0 elsewhere. Average: dy / size²
    to every cell of the window."""

    def __init__(self, kind: str, size: int = 2, stride: int | None = None, *, name: str = "pool") -> None:
        super().__init__()
        if kind not in ("max", "avg"):
            raise ValueError(f"{name}: kind must be 'max' or 'avg', got {kind!r}")
        self.name, self.kind, self.size = name, kind, size
        self.stride = size if stride is None else stride

    def forward(self, x: FloatArray) -> FloatArray:
        k = self.size
        if x.ndim != 4 or min(x.shape[2:]) < k:
            raise ValueError(f"{self.name}: cannot pool an input of shape {x.shape} (N, C, H, W) with {k}×{k} windows")
        win = _windows(x, k, self.stride)
        self._shape = x.shape
        if self.kind == "avg":
            return win.mean(axis=(-2, -1))
        flat = win.reshape(*win.shape[:4], k * k)
        self._argmax: NDArray[np.intp] = flat.argmax(axis=-1)
        return np.take_along_axis(flat, self._argmax[..., None], axis=-1)[..., 0]

    def backward(self, dy: FloatArray) -> FloatArray:
        k = self.size
        if self.kind == "avg":
            dwin = np.broadcast_to((dy / (k * k))[..., None, None], (*dy.shape, k, k))
        else:
            dwin = (self._argmax[..., None] == np.arange(k * k)).reshape(*dy.shape, k, k) * dy[..., None, None]
        return _scatter_windows(dwin, self._shape, k, self.stride)


class ReLU(Module):
    """y = max(0, x); ∂L/∂x = ∂L/∂y · relu′(x), with the dense networks' relu and relu′."""

    def __init__(self, *, name: str = "relu") -> None:
        super().__init__()
        self.name = name

    def forward(self, x: FloatArray) -> FloatArray:
        self._x = x
        return relu(x)

    def backward(self, dy: FloatArray) -> FloatArray:
        return dy * relu_prime(self._x)


class Flatten(Module):
    """(N, C, H, W) → (N, C·H·W), row-major, as ``cnn.flatten`` numbers pixels."""

    def __init__(self, *, name: str = "flatten") -> None:
        super().__init__()
        self.name = name

    def forward(self, x: FloatArray) -> FloatArray:
        self._shape = x.shape
        return x.reshape(x.shape[0], -1)

    def backward(self, dy: FloatArray) -> FloatArray:
        return dy.reshape(self._shape)


class Dense(Module):
    """y = x · Wᵀ + b for x (N, in), W (out, in) as in ``dense.network``, b (out,).
    ∂L/∂W = dyᵀ · x, ∂L/∂b = Σ_n dy, ∂L/∂x = dy · W."""

    def __init__(self, weights: FloatArray, bias: FloatArray, *, name: str = "dense") -> None:
        super().__init__()
        if weights.ndim != 2 or bias.shape != weights.shape[:1]:
            raise ValueError(f"{name}: weights must be (out, in) and bias (out,), got {weights.shape} and {bias.shape}")
        self.name = name
        self.params = {"weights": weights, "bias": bias}

    def forward(self, x: FloatArray) -> FloatArray:
        w = self.params["weights"]
        if x.ndim != 2 or x.shape[1] != w.shape[1]:
            raise ValueError(f"{self.name}: expected input (N, {w.shape[1]}), got shape {x.shape}")
        self._x = x
        return x @ w.T + self.params["bias"]

    def backward(self, dy: FloatArray) -> FloatArray:
        self.grads = {"weights": dy.T @ self._x, "bias": dy.sum(axis=0)}
        return dy @ self.params["weights"]


class Residual(Module):
    """y = x + F(x), F a few layers that keep the shape (ResNet's identity
    skip). ∂L/∂x = ∂L/∂y + F's backward of ∂L/∂y: the skip hands the
    gradient back undiminished. Its parameters are F's, named "k.weights"."""

    def __init__(self, body: list[Module], *, name: str = "residual") -> None:
        self.name, self.body = name, body

    @property  # type: ignore[override]
    def params(self) -> dict[str, FloatArray]:
        return {f"{k}.{n}": p for k, m in enumerate(self.body) for n, p in m.params.items()}

    @property  # type: ignore[override]
    def grads(self) -> dict[str, FloatArray]:
        return {f"{k}.{n}": g for k, m in enumerate(self.body) for n, g in m.grads.items()}

    def forward(self, x: FloatArray) -> FloatArray:
        y = x
        for layer in self.body:
            y = layer.forward(y)
        if y.shape != x.shape:
            raise ValueError(f"{self.name}: F(x) has shape {y.shape} but x has {x.shape}")
        return x + y

    def backward(self, dy: FloatArray) -> FloatArray:
        d = dy
        for layer in reversed(self.body):
            d = layer.backward(d)
        return dy + d


def log_softmax(logits: FloatArray) -> FloatArray:
    """log softmax over the last axis, shifted by the row maximum so exp never overflows."""
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def softmax(logits: FloatArray) -> FloatArray:
    """p_k = e^(z_k) / Σ_j e^(z_j) over the last axis."""
    return np.exp(log_softmax(logits))


def cross_entropy(logits: FloatArray, labels: NDArray[np.int64]) -> tuple[float, FloatArray]:
    """Softmax with cross-entropy, averaged over the batch.

    logits (N, K), labels (N,) in 0..K−1. Returns L = −(1/N) Σ_n log p[n, y_n]
    and ∂L/∂logits = (p − onehot(y)) / N, shape (N, K).
    """
    if logits.ndim != 2 or labels.shape != logits.shape[:1]:
        raise ValueError(f"cross_entropy: expected logits (N, K) and labels (N,), got {logits.shape} and {labels.shape}")
    if labels.size and (labels.min() < 0 or labels.max() >= logits.shape[1]):
        raise ValueError(f"cross_entropy: labels must be in 0..{logits.shape[1] - 1}, got {labels.min()}..{labels.max()}")
    logp = log_softmax(logits)
    n = logits.shape[0]
    loss = -float(logp[np.arange(n), labels].mean())
    grad = np.exp(logp)
    grad[np.arange(n), labels] -= 1.0
    return loss, grad / n
