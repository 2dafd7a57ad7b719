"""A dense feed-forward network of any size: forward trace, backward pass,
gradient-descent step and training.

Notation for layer l (1-based in formulas, 0-based in code):
    z_l = W_l · a_{l−1} + b_l        W_l: (out, in), b_l: (out,) or absent
    a_l = f_l(z_l)                   a_0 = x, the input
and the network's output is ŷ = a_L.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .activations import ACTIVATIONS
from .losses import LOSSES
from ..validate import FloatArray, as_array, as_count, as_number, one_of


@dataclass(frozen=True)
class Layer:
    """One dense layer: ``weights`` (out, in), optional ``bias`` (out,), and
    an ``activation`` name from ``ACTIVATIONS``.

    A layer without a bias has no bias term at all (it is not a zero bias
    that training would move). A ``residual`` layer adds its input to its
    output, a = f(z) + a_{l−1} (ResNet's identity skip; it needs in = out).
    """

    weights: FloatArray
    bias: FloatArray | None = None
    activation: str = "sigmoid"
    residual: bool = False

    def __post_init__(self) -> None:
        weights = as_array(self.weights, "weights", ndim=2)
        object.__setattr__(self, "weights", weights)
        if self.bias is not None:
            bias = as_array(self.bias, "bias", ndim=1)
            if bias.shape != (weights.shape[0],):
                raise ValueError(f"bias: expected {weights.shape[0]} values (one per row of weights), got {bias.shape[0]}")
            object.__setattr__(self, "bias", bias)
        one_of(self.activation, "activation", tuple(ACTIVATIONS))
        if self.residual and weights.shape[0] != weights.shape[1]:
            raise ValueError(f"residual: a skip needs as many outputs as inputs, got weights of shape {weights.shape}")

    @property
    def n_in(self) -> int:
        return int(self.weights.shape[1])

    @property
    def n_out(self) -> int:
        return int(self.weights.shape[0])


@dataclass(frozen=True)
class Network:
    """A stack of layers whose sizes chain: layer l+1 takes layer l's output."""

    layers: tuple[Layer, ...]

    def __post_init__(self) -> None:
        layers = tuple(self.layers)
        if not layers:
            raise ValueError("layers: a network needs at least one layer")
        for i, (prev, cur) in enumerate(zip(layers, layers[1:]), start=1):
            if cur.n_in != prev.n_out:
                raise ValueError(
                    f"layers[{i}].weights: expected {prev.n_out} columns to match the "
                    f"{prev.n_out} outputs of layers[{i - 1}], got {cur.n_in}"
                )
        object.__setattr__(self, "layers", layers)

    @property
    def n_in(self) -> int:
        return self.layers[0].n_in

    @property
    def n_out(self) -> int:
        return self.layers[-1].n_out


@dataclass(frozen=True)
class LayerTrace:
    """What one layer computed: its input a_{l−1} (in,), z_l (out,), a_l (out,)."""

    input: FloatArray
    z: FloatArray
    a: FloatArray


@dataclass(frozen=True)
class ForwardTrace:
    """Every layer's z and a, in order."""

    layers: tuple[LayerTrace, ...]

    @property
    def output(self) -> FloatArray:
        """ŷ = a_L."""
        return self.layers[-1].a


@dataclass(frozen=True)
class LayerGradients:
    """The backward pass through one layer, with the chain-rule factors.

    dL_da:   ∂L/∂a_l (out,). For the last layer this is ∂L/∂ŷ; for a hidden
             layer it is W_{l+1}ᵀ · δ_{l+1}, i.e. ∂ŷ/∂a carried by the weights.
    da_dz:   ∂a_l/∂z_l = f'(z_l) (out,).
    delta:   δ_l = ∂L/∂z_l = dL_da ⊙ da_dz (out,).
    weights: ∂L/∂W_l = δ_l ⊗ a_{l−1} (out, in); ∂z/∂w is the input a_{l−1}.
    bias:    ∂L/∂b_l = δ_l (out,), or None for a layer without a bias.
    """

    dL_da: FloatArray
    da_dz: FloatArray
    delta: FloatArray
    weights: FloatArray
    bias: FloatArray | None


@dataclass(frozen=True)
class Gradients:
    """Gradients of every layer, in forward order."""

    layers: tuple[LayerGradients, ...]


def check_input(network: Network, x: ArrayLike, name: str = "input") -> FloatArray:
    """Validate an input vector of shape (n_in,)."""
    vector = as_array(x, name, ndim=1)
    if vector.shape != (network.n_in,):
        raise ValueError(f"{name}: expected {network.n_in} values for the first layer, got {vector.shape[0]}")
    return vector


def check_target(network: Network, y: ArrayLike, name: str = "target") -> FloatArray:
    """Validate a target vector of shape (n_out,)."""
    vector = as_array(y, name, ndim=1)
    if vector.shape != (network.n_out,):
        raise ValueError(f"{name}: expected {network.n_out} values for the last layer, got {vector.shape[0]}")
    return vector


def check_learning_rate(learning_rate: object) -> float:
    """Validate η: a finite number > 0."""
    eta = as_number(learning_rate, "learning_rate")
    if eta <= 0:
        raise ValueError(f"learning_rate: must be > 0, got {eta}")
    return eta


def forward(network: Network, x: ArrayLike) -> ForwardTrace:
    """Run the network on x (n_in,), keeping z and a of every layer.

    Examples:
        The post's 2-2-1 network (sigmoid hidden layer, linear output):

        >>> net = Network((Layer([[0.3, 0.2], [0.2, 0.3]], None, "sigmoid"), Layer([[0.4, 0.5]], None, "identity")))
        >>> trace = forward(net, [0.5, 0.3])
        >>> trace.layers[0].z, trace.layers[0].a
        (array([0.21, 0.19]), array([0.55230791, 0.54735762]))
        >>> trace.layers[-1].a     # ŷ
        array([0.49460197])
    """
    a = check_input(network, x)
    traces = []
    for layer in network.layers:
        z = layer.weights @ a
        if layer.bias is not None:
            z = z + layer.bias
        out = ACTIVATIONS[layer.activation].f(z) + (a if layer.residual else 0.0)
        traces.append(LayerTrace(input=a, z=z, a=out))
        a = out
    return ForwardTrace(tuple(traces))


def loss_of(trace: ForwardTrace, y: ArrayLike, loss: str = "squared_error") -> float:
    """The loss of the traced output against target y (n_out,)."""
    one_of(loss, "loss", tuple(LOSSES))
    target = as_array(y, "target", ndim=1)
    if target.shape != trace.output.shape:
        raise ValueError(f"target: expected {trace.output.shape[0]} values for the last layer, got {target.shape[0]}")
    return LOSSES[loss].value(trace.output, target)


def backward(network: Network, trace: ForwardTrace, y: ArrayLike, loss: str = "squared_error") -> Gradients:
    """Backpropagate the loss of ``trace`` against y through ``network``.

    Walks from the output back: δ_L = ∂L/∂ŷ ⊙ f'(z_L), then
    δ_l = (W_{l+1}ᵀ δ_{l+1}) ⊙ f'(z_l), and ∂L/∂W_l = δ_l a_{l−1}ᵀ. Through a
    residual layer the skip adds ∂L/∂a_l itself: ∂L/∂a_{l−1} = W_lᵀ δ_l + ∂L/∂a_l.
    """
    one_of(loss, "loss", tuple(LOSSES))
    target = check_target(network, y)
    dL_da = LOSSES[loss].grad(trace.output, target)
    grads: list[LayerGradients] = []
    for layer, t in zip(reversed(network.layers), reversed(trace.layers)):
        da_dz = ACTIVATIONS[layer.activation].df_dz(t.z)
        delta = dL_da * da_dz
        grads.append(
            LayerGradients(
                dL_da=dL_da,
                da_dz=da_dz,
                delta=delta,
                weights=np.outer(delta, t.input),
                bias=delta.copy() if layer.bias is not None else None,
            )
        )
        dL_da = layer.weights.T @ delta + (dL_da if layer.residual else 0.0)
    return Gradients(tuple(reversed(grads)))


class Diverged(ValueError):
    """Gradient descent left float64: after update ``step`` (1-based), ``what``
    (the loss, or ``layers[i].weights``/``.bias``) is NaN or infinite.

    The input was valid; the usual cause is a learning rate too large for the
    network, so the message says so instead of blaming a field of the input.
    (``mathcore.learn.TrainingDiverged`` is the minibatch trainer's own.)
    """

    def __init__(self, step: int, what: str) -> None:
        super().__init__(
            f"training diverged at step {step}: {what} is not finite (NaN or infinity); try a smaller learning_rate"
        )
        self.step = step
        self.what = what


def step(network: Network, gradients: Gradients, learning_rate: float) -> Network:
    """One gradient-descent step, w' = w − η·∂L/∂w, as a new network.

    The given network is left unchanged. Raises Diverged (step 1) if
    an updated weight or bias is not finite.
    """
    eta = check_learning_rate(learning_rate)
    layers = []
    # Overflow is checked below by name, not reported as a numpy warning.
    with np.errstate(over="ignore", invalid="ignore"):
        for i, (layer, g) in enumerate(zip(network.layers, gradients.layers)):
            weights = layer.weights - eta * g.weights
            bias = None if layer.bias is None or g.bias is None else layer.bias - eta * g.bias
            for name, value in (("weights", weights), ("bias", bias)):
                if value is not None and not np.all(np.isfinite(value)):
                    raise Diverged(1, f"layers[{i}].{name}")
            layers.append(Layer(weights=weights, bias=bias, activation=layer.activation, residual=layer.residual))
    return Network(tuple(layers))


@dataclass(frozen=True)
class TrainingRun:
    """The network after training, and the loss and the output before each
    step and at the end (``steps + 1`` values each; outputs are (n_out,))."""

    network: Network
    loss_history: tuple[float, ...]
    output_history: tuple[FloatArray, ...]


def train(
    network: Network,
    x: ArrayLike,
    y: ArrayLike,
    *,
    learning_rate: float,
    steps: int,
    loss: str = "squared_error",
) -> TrainingRun:
    """Repeat forward → backward → step ``steps`` times on one example.

    Raises Diverged at the first update after which the loss or a
    weight is not finite, and ValueError if the loss already overflows before
    any update.
    """
    n = as_count(steps, "steps", minimum=0)
    check_learning_rate(learning_rate)
    losses, outputs = [], []
    # A diverging run overflows; the checks below say where, numpy need not warn.
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(n + 1):
            trace = forward(network, x)
            value = loss_of(trace, y, loss)
            if not math.isfinite(value):
                if i == 0:
                    raise ValueError("loss: not finite before any update: the input and weights overflow float64")
                raise Diverged(i, "the loss")
            losses.append(value)
            outputs.append(trace.output)
            if i < n:
                try:
                    network = step(network, backward(network, trace, y, loss), learning_rate)
                except Diverged as err:
                    raise Diverged(i + 1, err.what) from None
    return TrainingRun(network=network, loss_history=tuple(losses), output_history=tuple(outputs))
