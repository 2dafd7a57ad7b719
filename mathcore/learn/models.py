"""Trainable models built from the lineage's layer specs.

The CNN that mathcore trains *is* the lineage's modern LeNet-5
(``architecture("lenet5")``): the same specs give its shapes, its parameter
count (61,706) and its layers here. Its input is LeNet-5's 32×32 field, so a
28×28 digit is centred in it with 2 pixels of zeros on every side, as in
LeCun et al. 1998. ReLU follows every weight layer but the last, whose ten
outputs are the logits of softmax with cross-entropy.

The MLP is 784 → 100 → 10: its first layer is the one the flattening video
counts, 784·100 + 100 = 78,500 parameters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from ..lineage import architecture
from ..lineage.specs import Conv, Flatten, Linear, Pool, Residual, Sequential, Shape, Spec
from ..validate import FloatArray
from . import layers as L


@dataclass(frozen=True)
class ModelSpec:
    """A model to train: layer specs and the input shape (C, H, W) they expect."""

    id: str
    name: str
    spec: Sequential
    input_shape: Shape

    @property
    def params(self) -> int:
        return self.spec.params(self.input_shape)


MODELS: MappingProxyType[str, ModelSpec] = MappingProxyType({
    m.id: m
    for m in (
        ModelSpec(
            "mlp", "MLP 784-100-10",
            Sequential("", (Flatten("flatten"), Linear("fc1", 100), Linear("fc2", 10))), (1, 28, 28),
        ),
        ModelSpec("lenet", "LeNet-5", architecture("lenet5").spec, architecture("lenet5").input_shape),
    )
})  # fmt: skip


def _he_normal(rng: np.random.Generator, shape: tuple[int, ...], fan_in: int) -> FloatArray:
    """N(0, 2/fan_in): keeps the variance of ReLU activations steady through depth (He et al. 2015)."""
    return rng.standard_normal(shape) * math.sqrt(2.0 / fan_in)


def _layers(specs: tuple[Spec, ...], shape: Shape, rng: np.random.Generator, relu_after_last: bool) -> list[L.Module]:
    """Trainable layers for a run of specs, ReLU after every weight layer
    but the last one of the run (unless ``relu_after_last``)."""
    out: list[L.Module] = []
    last_weight = max((i for i, s in enumerate(specs) if s.depth()), default=-1)
    for i, spec in enumerate(specs):
        out.append(_module(spec, shape, rng))
        if spec.depth() and not isinstance(spec, Residual) and (i != last_weight or relu_after_last):
            out.append(L.ReLU(name=f"{spec.name}.relu"))
        shape = spec.output_shape(shape)
    return out


def _module(spec: Spec, shape: Shape, rng: np.random.Generator) -> L.Module:
    """The trainable layer for one spec that receives ``shape``. A residual
    block's last layer starts at zero, so the block starts as the identity
    (torchvision's zero_init_residual)."""
    if isinstance(spec, Residual) and not spec.shortcut.layers:
        body = _layers(spec.body.layers, shape, rng, relu_after_last=False)
        last = next(m for m in reversed(body) if m.params)
        for p in last.params.values():
            p[...] = 0.0
        return L.Residual(body, name=spec.name)
    if isinstance(spec, Conv) and spec.connections is None and spec.bias:
        c_in = shape[0]
        w = _he_normal(rng, (spec.out_channels, c_in, spec.kernel, spec.kernel), c_in * spec.kernel**2)
        return L.Conv2d(w, np.zeros(spec.out_channels), stride=spec.stride, padding=spec.padding, name=spec.name)
    if isinstance(spec, Pool) and not spec.coefficients and spec.padding == 0 and not spec.ceil_mode:
        return L.Pool2d(spec.kind, spec.kernel, spec.stride, name=spec.name)
    if isinstance(spec, Flatten):
        return L.Flatten(name=spec.name)
    if isinstance(spec, Linear) and spec.bias and spec.trainable:
        return L.Dense(_he_normal(rng, (spec.out_features, shape[0]), shape[0]), np.zeros(spec.out_features), name=spec.name)
    raise ValueError(f"{spec.name}: a {type(spec).__name__} spec like this one cannot be trained here")


class Model:
    """A sequence of layers with a softmax output.

    forward(images) takes (N, 28, 28) digits and returns logits (N, 10);
    backward(dlogits) runs every layer's backward pass in reverse.
    """

    def __init__(self, spec: ModelSpec, seed: int) -> None:
        self.spec = spec
        self.layers = _layers(spec.spec.layers, spec.input_shape, np.random.default_rng(seed), relu_after_last=False)

    @property
    def param_count(self) -> int:
        return sum(p.size for layer in self.layers for p in layer.params.values())

    @property
    def first_weights(self) -> FloatArray:
        """The first layer's weights: LeNet's 6 kernels (6, 1, 5, 5) or the MLP's (100, 784)."""
        return next(layer for layer in self.layers if layer.params).params["weights"]

    def prepare(self, images: FloatArray) -> FloatArray:
        """(N, H, W) digits → (N, C, H', W') input, centred in the input field with zeros."""
        if images.ndim != 3:
            raise ValueError(f"images: expected (N, H, W), got shape {images.shape}")
        _, h, w = self.spec.input_shape
        top, left = (h - images.shape[1]) // 2, (w - images.shape[2]) // 2
        if top < 0 or left < 0:
            raise ValueError(f"images: {images.shape[1]}×{images.shape[2]} does not fit the {h}×{w} input of {self.spec.name}")
        x = np.pad(images, ((0, 0), (top, h - images.shape[1] - top), (left, w - images.shape[2] - left)))
        return x[:, None]

    def forward(self, images: FloatArray) -> FloatArray:
        x = self.prepare(images)
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def activations(self, images: FloatArray) -> list[tuple[str, FloatArray]]:
        """Every layer's output on the batch, named, starting with the prepared input."""
        x = self.prepare(images)
        out = [("input", x)]
        for layer in self.layers:
            x = layer.forward(x)
            out.append((layer.name, x))
        return out

    def backward(self, dlogits: FloatArray) -> None:
        dy = dlogits
        for layer in reversed(self.layers):
            dy = layer.backward(dy)

    def probabilities(self, images: FloatArray, batch: int = 500) -> FloatArray:
        """Softmax of the logits, (N, 10), computed in batches."""
        return np.concatenate([L.softmax(self.forward(images[i : i + batch])) for i in range(0, len(images), batch)])

    def predict(self, images: FloatArray) -> np.ndarray:
        return self.probabilities(images).argmax(axis=1)


def build(model: str | ModelSpec, seed: int) -> Model:
    """A freshly initialised model, by id (``mlp`` or ``lenet``) or spec;
    weights He-normal, biases 0."""
    if isinstance(model, ModelSpec):
        return Model(model, seed)
    if model not in MODELS:
        raise ValueError(f"model: unknown {model!r}; expected one of {', '.join(MODELS)}")
    return Model(MODELS[model], seed)


def deep_mlp(depth: int, width: int = 64, residual: bool = False) -> ModelSpec:
    """784 → width, then ``depth`` more dense layers of width × width, → 10.
    Residual: the same layers in pairs, each pair a block y = x + F(x)."""
    if depth < 2 or depth % 2:
        raise ValueError(f"depth: expected an even number >= 2, got {depth}")
    if residual:
        hidden: tuple[Spec, ...] = tuple(
            Residual(f"block{k}", Sequential("", (Linear("fc1", width), Linear("fc2", width))), Sequential("", ()))
            for k in range(depth // 2)
        )
    else:
        hidden = tuple(Linear(f"fc{k}", width) for k in range(depth))
    kind = "residual" if residual else "plain"
    layers = (Flatten("flatten"), Linear("in", width), *hidden, Linear("out", 10))
    return ModelSpec(f"{kind}{depth}", f"{kind} MLP, {depth} hidden layers", Sequential("", layers), (1, 28, 28))
