"""Why each step of the lineage worked, computed from the specs.

- receptive fields of a stack of convolutions and poolings (VGG: small
  kernels stacked see as far as a large one, for fewer parameters);
- where the parameters and the work sit, layer by layer and per group
  (AlexNet's and VGG's dense layers hold most parameters, the convs most MACs);
- Inception's 1×1 reductions, branch by branch, with and without;
- the gradient through depth: a plain stack of dense layers against the
  same stack with identity skips, by the worked example's backward pass.

Receptive field of a stack, layer by layer (stride-1 input pixel = 1):
    r_l = r_{l−1} + (K_l − 1)·j_{l−1},    j_l = j_{l−1}·S_l
where K is the kernel size, S the stride and j the distance, in input
pixels, between neighbouring cells of layer l's output.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from ..dense.network import Layer, Network, backward, forward
from ..validate import as_count, one_of
from .architectures import Architecture
from .specs import Conv, LayerRow, Pool, Sequential, Shape, leaf_rows


@dataclass(frozen=True)
class FieldRow:
    """After one layer: how many input pixels one output cell sees (size) and
    how far apart, in input pixels, neighbouring cells are (jump)."""

    name: str
    size: int
    jump: int


def receptive_fields(rows: Iterable[LayerRow]) -> list[FieldRow]:
    """The receptive field after every conv and pooling layer of a plain stack."""
    size, jump, out = 1, 1, []
    for row in rows:
        spec = row.spec
        if isinstance(spec, (Conv, Pool)):
            stride = spec.stride if spec.stride is not None else spec.kernel
            size, jump = size + (spec.kernel - 1) * jump, jump * stride
            out.append(FieldRow(row.name, size, jump))
    return out


def stacked_field(count: int, kernel: int = 3) -> int:
    """Receptive field of ``count`` stacked K×K stride-1 convolutions: 1 + count·(K − 1)."""
    stack = Sequential("", tuple(Conv(f"conv{i}", 1, kernel, padding=kernel // 2) for i in range(as_count(count, "count", 1))))
    return receptive_fields(leaf_rows(stack, (1, 64, 64)))[-1].size


@dataclass(frozen=True)
class StackVsSingle:
    """``count`` stacked K×K convolutions against one convolution that sees as
    far, both C → C channels, weights only: count·K²·C² against F²·C²."""

    count: int
    kernel: int
    channels: int
    field: int
    stacked_params: int
    single_params: int


def stack_vs_single(count: int = 3, kernel: int = 3, channels: int = 64) -> StackVsSingle:
    field = stacked_field(count, kernel)
    shape: Shape = (channels, 32, 32)
    stacked = count * Conv("k", channels, kernel, padding=kernel // 2, bias=False).params(shape)
    single = Conv("f", channels, field, padding=field // 2, bias=False).params(shape)
    return StackVsSingle(count, kernel, channels, field, stacked, single)


def vgg_stage_fields(arch: Architecture) -> list[FieldRow]:
    """The receptive field at the end of each VGG stage (after each pooling)."""
    return [f for f in receptive_fields(arch.rows()) if f.name.startswith("pool")]


@dataclass(frozen=True)
class Share:
    """A layer or group: its parameters and MACs, and their shares of the model's."""

    name: str
    params: int
    macs: int
    params_share: float
    macs_share: float


def where_the_work_is(arch: Architecture, group: Callable[[LayerRow], str] | None = None) -> list[Share]:
    """Parameters and MACs per layer (or per ``group`` of layers, in order of
    first appearance), with their shares of the whole model. Layers with
    neither are left out."""
    totals: dict[str, list[int]] = {}
    for row in arch.rows():
        if row.params or row.macs:
            key = group(row) if group else row.name
            totals.setdefault(key, [0, 0])
            totals[key][0] += row.params
            totals[key][1] += row.macs
    return [Share(k, p, m, p / arch.params, m / arch.macs) for k, (p, m) in totals.items()]


def conv_or_dense(row: LayerRow) -> str:
    """AlexNet's two halves: the convolutions and the dense classifier."""
    return "dense" if row.kind == "Linear" else "conv"


def vgg_block(row: LayerRow) -> str:
    """VGG-16's five conv blocks (conv3_2 → block3) and its dense layers."""
    return "dense" if row.kind == "Linear" else f"block{row.name[4]}"


@dataclass(frozen=True)
class Branch:
    """One branch of an Inception module: weights and MACs as built (with its
    1×1 reduction), and what it would cost without the reduction (None for
    branches that have none)."""

    name: str
    params: int
    macs: int
    params_unreduced: int | None
    macs_unreduced: int | None


# Inception (3a), Szegedy et al. 2014, Table 1: input 192×28×28; #1×1 64,
# #3×3 reduce 96, #3×3 128, #5×5 reduce 16, #5×5 32, pool proj 32.
INCEPTION_3A = {"c_in": 192, "size": 28, "ch1": 64, "red3": 96, "ch3": 128, "red5": 16, "ch5": 32, "proj": 32}


def _cost(convs: Iterable[Conv], shape: Shape) -> tuple[int, int]:
    stack = Sequential("", tuple(convs))
    return stack.params(shape), stack.macs(shape)


def inception_branches(c_in: int, size: int, ch1: int, red3: int, ch3: int, red5: int, ch5: int, proj: int) -> list[Branch]:
    """Weights (no biases) and MACs of each branch of an Inception module."""
    shape: Shape = (c_in, size, size)

    def conv(out: int, k: int) -> Conv:
        return Conv(f"{k}x{k}", out, k, padding=k // 2, bias=False)

    branches = []
    for name, reduce_to, out, k in (("3×3", red3, ch3, 3), ("5×5", red5, ch5, 5)):
        p, m = _cost((conv(reduce_to, 1), conv(out, k)), shape)
        pu, mu = _cost((conv(out, k),), shape)
        branches.append(Branch(name, p, m, pu, mu))
    p1, m1 = _cost((conv(ch1, 1),), shape)
    pp, mp = _cost((conv(proj, 1),), shape)  # after a 3×3 max pool, which has no weights
    return [Branch("1×1", p1, m1, None, None), *branches, Branch("pool", pp, mp, None, None)]


@dataclass(frozen=True)
class DepthGradients:
    """‖∂L/∂W_k‖ (Frobenius) for every hidden layer k = 1..depth, and the
    mean |σ′| or |ReLU′| factor of each layer, for one input."""

    activation: str
    residual: bool
    norms: tuple[float, ...]
    mean_slopes: tuple[float, ...]


def depth_gradients(depth: int = 20, width: int = 16, activation: str = "sigmoid", residual: bool = False, seed: int = 0) -> DepthGradients:
    """A stack of ``depth`` dense layers (width × width, ``activation``, with
    or without identity skips) and a linear output, on one seeded input and
    target; the worked example's backward pass gives every layer's gradient.

    Weights are N(0, 1/width) for sigmoid and N(0, 2/width) for ReLU (LeCun
    and He), the same draw with and without skips.
    """
    depth, width = as_count(depth, "depth", 1), as_count(width, "width", 1)
    one_of(activation, "activation", ("sigmoid", "relu"))
    rng = np.random.default_rng(seed)
    scale = math.sqrt((2.0 if activation == "relu" else 1.0) / width)
    layers = [Layer(rng.normal(0.0, scale, (width, width)), np.zeros(width), activation, residual) for _ in range(depth)]
    layers.append(Layer(rng.normal(0.0, 1.0 / math.sqrt(width), (1, width)), None, "identity"))
    net = Network(tuple(layers))
    x, y = rng.uniform(-1.0, 1.0, width), rng.uniform(-1.0, 1.0, 1)
    grads = backward(net, forward(net, x), y)
    hidden = grads.layers[:-1]
    return DepthGradients(
        activation,
        residual,
        tuple(float(np.linalg.norm(g.weights)) for g in hidden),
        tuple(float(np.mean(np.abs(g.da_dz))) for g in hidden),
    )
