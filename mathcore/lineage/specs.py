"""Layer specs: enough of a layer to compute its output shape and parameter
count, and nothing else.

A shape is (C, H, W) for feature maps or (N,) for a vector. Every spec has

    output_shape(shape) -> shape
    params(shape) -> int          trainable parameters, given the input shape
    fixed_params(shape) -> int    parameters set by hand and never trained
    macs(shape) -> int            multiply–accumulates for one image (conv and dense only)
    depth() -> int                weight layers on the longest path through it

Composite specs (``Sequential``, ``Concat``, ``Residual``) hold others, which
is how Inception modules and residual blocks are written.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Union

from ..validate import as_count

Shape = tuple[int, ...]


def conv_output_size(w: int, k: int, *, stride: int = 1, padding: int = 0) -> int:
    """O = ⌊(W − K + 2P) / S⌋ + 1 for one axis of width W and kernel size K."""
    w, k = as_count(w, "w", minimum=1), as_count(k, "k", minimum=1)
    stride, padding = as_count(stride, "stride", minimum=1), as_count(padding, "padding", minimum=0)
    if k > w + 2 * padding:
        raise ValueError(f"kernel: size {k} is larger than the padded input {w} + 2·{padding} = {w + 2 * padding}")
    return (w - k + 2 * padding) // stride + 1


def pool_output_size(w: int, k: int, *, stride: int | None = None, padding: int = 0, ceil_mode: bool = False) -> int:
    """O = ⌊(W + 2P − K) / S⌋ + 1, or with ⌈·⌉ when ``ceil_mode`` (as in
    PyTorch, a last window that would start in the right padding is dropped).
    ``stride`` defaults to K."""
    stride = k if stride is None else stride
    if not ceil_mode:
        return conv_output_size(w, k, stride=stride, padding=padding)
    conv_output_size(w, k, stride=stride, padding=padding)  # validates the arguments
    out = math.ceil((w + 2 * padding - k) / stride) + 1
    if (out - 1) * stride >= w + padding:
        out -= 1
    return out


def _maps(shape: Shape, name: str) -> tuple[int, int, int]:
    if len(shape) != 3:
        raise ValueError(f"{name}: expects feature maps (C, H, W), got shape {shape}")
    return shape  # type: ignore[return-value]


class _Layer:
    """Defaults for a spec: shape unchanged, no parameters, not a weight layer."""

    def output_shape(self, shape: Shape) -> Shape:
        return shape

    def params(self, shape: Shape) -> int:
        return 0

    def fixed_params(self, shape: Shape) -> int:
        return 0

    def macs(self, shape: Shape) -> int:
        return 0

    def depth(self) -> int:
        return 0

@dataclass(frozen=True)
class Conv(_Layer):
    """K×K convolution to ``out_channels`` maps: K·K·C_in·C_out (+ C_out) params.

    ``connections``, if given, lists for each output map the input maps it
    reads (LeNet-5's C3 table); then params are K·K·Σ|inputs| (+ C_out).
    """

    name: str
    out_channels: int
    kernel: int
    stride: int = 1
    padding: int = 0
    bias: bool = True
    connections: tuple[tuple[int, ...], ...] | None = None

    def output_shape(self, shape: Shape) -> Shape:
        _, h, w = _maps(shape, self.name)
        size = (conv_output_size(h, self.kernel, stride=self.stride, padding=self.padding),
                conv_output_size(w, self.kernel, stride=self.stride, padding=self.padding))
        return (self.out_channels, *size)

    def params(self, shape: Shape) -> int:
        c_in = _maps(shape, self.name)[0]
        if self.connections is None:
            inputs = c_in * self.out_channels
        else:
            if len(self.connections) != self.out_channels or any(max(c) >= c_in for c in self.connections):
                raise ValueError(f"{self.name}: the connection table does not fit {c_in} → {self.out_channels} maps")
            inputs = sum(len(c) for c in self.connections)
        return self.kernel * self.kernel * inputs + (self.out_channels if self.bias else 0)

    def macs(self, shape: Shape) -> int:
        """K·K·(inputs per output map) for every cell of every output map."""
        weights = self.params(shape) - (self.out_channels if self.bias else 0)
        _, oh, ow = self.output_shape(shape)
        return weights * oh * ow

    def depth(self) -> int:
        return 1


@dataclass(frozen=True)
class Pool(_Layer):
    """Max or average pooling. ``coefficients`` = 2 gives LeNet-5's trainable
    subsampling: one weight and one bias per map, 2·C params."""

    name: str
    kind: str  # "max" or "avg"
    kernel: int
    stride: int | None = None
    padding: int = 0
    ceil_mode: bool = False
    coefficients: int = 0

    def output_shape(self, shape: Shape) -> Shape:
        c, h, w = _maps(shape, self.name)
        size = [pool_output_size(s, self.kernel, stride=self.stride, padding=self.padding, ceil_mode=self.ceil_mode) for s in (h, w)]
        return (c, *size)

    def params(self, shape: Shape) -> int:
        return self.coefficients * _maps(shape, self.name)[0]

    def depth(self) -> int:
        return 1 if self.coefficients else 0


@dataclass(frozen=True)
class AdaptiveAvgPool(_Layer):
    """Average pooling to a fixed size×size output, whatever the input size."""

    name: str
    size: int

    def output_shape(self, shape: Shape) -> Shape:
        return (_maps(shape, self.name)[0], self.size, self.size)


@dataclass(frozen=True)
class BatchNorm(_Layer):
    """Batch normalization: a scale and a shift per channel, 2·C params
    (running statistics are buffers, not parameters)."""

    name: str

    def params(self, shape: Shape) -> int:
        return 2 * shape[0]


@dataclass(frozen=True)
class Flatten(_Layer):
    """(C, H, W) → (C·H·W,), row-major."""

    name: str

    def output_shape(self, shape: Shape) -> Shape:
        return (math.prod(shape),)


@dataclass(frozen=True)
class Linear(_Layer):
    """Fully connected: N_in·N_out (+ N_out) params. ``trainable=False`` is
    LeNet-5's RBF output, whose weights were set by hand and kept fixed."""

    name: str
    out_features: int
    bias: bool = True
    trainable: bool = True

    def output_shape(self, shape: Shape) -> Shape:
        if len(shape) != 1:
            raise ValueError(f"{self.name}: expects a vector (N,), got shape {shape}; flatten first")
        return (self.out_features,)

    def _count(self, shape: Shape) -> int:
        return shape[0] * self.out_features + (self.out_features if self.bias else 0)

    def params(self, shape: Shape) -> int:
        return self._count(shape) if self.trainable else 0

    def fixed_params(self, shape: Shape) -> int:
        return 0 if self.trainable else self._count(shape)

    def macs(self, shape: Shape) -> int:
        """N_in·N_out, one per weight."""
        return shape[0] * self.out_features

    def depth(self) -> int:
        return 1


@dataclass(frozen=True)
class Sequential(_Layer):
    """Specs applied one after another."""

    name: str
    layers: tuple[Spec, ...]

    def output_shape(self, shape: Shape) -> Shape:
        for layer in self.layers:
            shape = layer.output_shape(shape)
        return shape

    def params(self, shape: Shape) -> int:
        return sum(layer.params(s) for layer, s in _inputs(self.layers, shape))

    def fixed_params(self, shape: Shape) -> int:
        return sum(layer.fixed_params(s) for layer, s in _inputs(self.layers, shape))

    def macs(self, shape: Shape) -> int:
        return sum(layer.macs(s) for layer, s in _inputs(self.layers, shape))

    def depth(self) -> int:
        return sum(layer.depth() for layer in self.layers)


@dataclass(frozen=True)
class Concat(_Layer):
    """Parallel branches on the same input, joined along channels (Inception)."""

    name: str
    branches: tuple[Sequential, ...]

    def output_shape(self, shape: Shape) -> Shape:
        outs = [b.output_shape(shape) for b in self.branches]
        if len({o[1:] for o in outs}) != 1:
            raise ValueError(f"{self.name}: branches disagree on the map size: {outs}")
        return (sum(o[0] for o in outs), *outs[0][1:])

    def params(self, shape: Shape) -> int:
        return sum(b.params(shape) for b in self.branches)

    def fixed_params(self, shape: Shape) -> int:
        return sum(b.fixed_params(shape) for b in self.branches)

    def macs(self, shape: Shape) -> int:
        return sum(b.macs(shape) for b in self.branches)

    def depth(self) -> int:
        return max(b.depth() for b in self.branches)


@dataclass(frozen=True)
class Residual(_Layer):
    """y = F(x) + shortcut(x); the shortcut is the identity when empty, or a
    projection (1×1 conv + BN) where the shape changes."""

    name: str
    body: Sequential
    shortcut: Sequential

    def output_shape(self, shape: Shape) -> Shape:
        out, skip = self.body.output_shape(shape), self.shortcut.output_shape(shape)
        if out != skip:
            raise ValueError(f"{self.name}: F(x) has shape {out} but the shortcut gives {skip}")
        return out

    def params(self, shape: Shape) -> int:
        return self.body.params(shape) + self.shortcut.params(shape)

    def fixed_params(self, shape: Shape) -> int:
        return self.body.fixed_params(shape) + self.shortcut.fixed_params(shape)

    def macs(self, shape: Shape) -> int:
        return self.body.macs(shape) + self.shortcut.macs(shape)

    def depth(self) -> int:
        return max(self.body.depth(), self.shortcut.depth())


Spec = Union[Conv, Pool, AdaptiveAvgPool, BatchNorm, Flatten, Linear, Sequential, Concat, Residual]


def _inputs(layers: tuple[Spec, ...], shape: Shape) -> Iterator[tuple[Spec, Shape]]:
    """Each layer with the shape it receives."""
    for layer in layers:
        yield layer, shape
        shape = layer.output_shape(shape)


@dataclass(frozen=True)
class LayerRow:
    """One leaf layer of a model: dotted name, kind, output shape, trainable
    and fixed params, multiply–accumulates per image, and its spec."""

    name: str
    kind: str
    output_shape: Shape
    params: int
    fixed_params: int
    macs: int
    spec: Spec


def leaf_rows(spec: Spec, shape: Shape, prefix: str = "") -> Iterator[LayerRow]:
    """Every leaf layer under ``spec`` with its output shape and params,
    in order, named by its dotted path; branches of a Concat or Residual
    follow one another. Unnamed containers add nothing to the path."""
    name = ".".join(part for part in (prefix, spec.name) if part)
    if isinstance(spec, Sequential):
        for layer, s in _inputs(spec.layers, shape):
            yield from leaf_rows(layer, s, name)
    elif isinstance(spec, Concat):
        for branch in spec.branches:
            yield from leaf_rows(branch, shape, name)
    elif isinstance(spec, Residual):
        yield from leaf_rows(spec.body, shape, name)
        yield from leaf_rows(spec.shortcut, shape, name)
    else:
        yield LayerRow(
            name, type(spec).__name__, spec.output_shape(shape), spec.params(shape), spec.fixed_params(shape), spec.macs(shape), spec
        )
