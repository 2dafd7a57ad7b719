"""The digit through a LeNet-like pipeline, conv → pool → conv → pool →
flatten, with real feature maps in the shapes of the modern LeNet-5.

The filters are the hand-made demo filters, not trained weights: the maps
show what each stage does to the shape and roughly what it responds to.
5×5 kernels are the 3×3 demo filters with a ring of zeros, so the maps are
edge and blur responses while the sizes follow LeNet-5 (32 → 28 → 14 → 10 → 5).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..dense.activations import relu
from .conv import conv2d, max_pool2d, pad2d
from .demo import FILTERS
from ..validate import FloatArray

# The order demo filters are dealt out to the feature maps.
_DEAL = ("vertical_edge", "horizontal_edge", "blur", "sharpen")


@dataclass(frozen=True)
class Stage:
    """One stage: its layer name in the modern LeNet-5 spec and its output."""

    layer: str
    output: FloatArray


def _five_by_five(name: str, sign: float = 1.0) -> FloatArray:
    return np.pad(sign * FILTERS[name], 1)


def first_layer_kernels() -> FloatArray:
    """(6, 1, 5, 5): each demo edge filter both ways, blur and sharpen."""
    picks = [("vertical_edge", 1.0), ("vertical_edge", -1.0), ("horizontal_edge", 1.0), ("horizontal_edge", -1.0), ("blur", 1.0), ("sharpen", 1.0)]
    return np.stack([_five_by_five(n, s) for n, s in picks])[:, None]


def second_layer_kernels(c_in: int = 6, c_out: int = 16) -> FloatArray:
    """(16, 6, 5, 5): output map o reads input map o mod 6 through a demo filter."""
    kernels = np.zeros((c_out, c_in, 5, 5))
    for o in range(c_out):
        kernels[o, o % c_in] = _five_by_five(_DEAL[o % len(_DEAL)])
    return kernels


def lenet_stages(image: FloatArray) -> list[Stage]:
    """The 28×28 image padded to 32×32 (LeNet-5's input), then
    conv1 (6@28×28), pool1 (6@14×14), conv2 (16@10×10), pool2 (16@5×5),
    flatten (400). ReLU follows each convolution."""
    x = pad2d(image, 2)[None]
    a1 = relu(conv2d(x, first_layer_kernels()))
    p1 = max_pool2d(a1, 2)
    a2 = relu(conv2d(p1, second_layer_kernels()))
    p2 = max_pool2d(a2, 2)
    return [
        Stage("input", x),
        Stage("conv1", a1),
        Stage("pool1", p1),
        Stage("conv2", a2),
        Stage("pool2", p2),
        Stage("flatten", p2.reshape(-1)),
    ]
