"""The post's worked 2-2-1 example, by name, in two chains.

Network (the post's naming; no biases; sigmoid hidden units, linear output):
    z1 = w1·x1 + w3·x2      a1 = σ(z1)
    z2 = w2·x1 + w4·x2      a2 = σ(z2)
    ŷ  = w5·a1 + w6·a2      L  = (y1 − ŷ)²
Backward:
    ∂L/∂ŷ = −2(y1 − ŷ)
    ∂L/∂w5 = ∂L/∂ŷ · a1,            ∂L/∂w6 = ∂L/∂ŷ · a2
    δ1 = ∂L/∂ŷ · w5 · a1(1 − a1),   δ2 = ∂L/∂ŷ · w6 · a2(1 − a2)
    ∂L/∂w1 = δ1·x1,  ∂L/∂w3 = δ1·x2,  ∂L/∂w2 = δ2·x1,  ∂L/∂w4 = δ2·x2
Update: w' = w − η·∂L/∂w, then the same forward pass with the new weights.

``exact`` computes in float64 throughout. ``displayed`` computes in decimal
and rounds every value to its precision in ``DISPLAY_PRECISION`` before
anything downstream uses it: the hand calculation a viewer can redo from
the screen.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from typing import Generic, Literal, Protocol, TypeVar

import numpy as np

from ..dense.activations import sigmoid
from ..dense.network import Layer, Network
from .precision import DISPLAY_PRECISION, round_half_up
from ..validate import as_number

Chain = Literal["exact", "displayed"]
CHAINS: tuple[Chain, ...] = ("exact", "displayed")
N = TypeVar("N", float, Decimal)
WEIGHTS = ("w1", "w2", "w3", "w4", "w5", "w6")
# Which nodes each weight joins, as the post's figure draws them (h1, h2 the
# hidden neurons, y the output): z1 = w1·x1 + w3·x2, z2 = w2·x1 + w4·x2.
EDGES: dict[str, tuple[str, str]] = {
    "w1": ("x1", "h1"), "w3": ("x2", "h1"), "w2": ("x1", "h2"), "w4": ("x2", "h2"), "w5": ("h1", "y"), "w6": ("h2", "y"),
}  # fmt: skip


# Beyond this the displayed chain's fixed decimals stop meaning anything (and
# Decimal quantisation fails outright near 1e28).
LARGEST_INPUT = 1_000_000


@dataclass(frozen=True)
class ExampleInputs:
    """Inputs, target, learning rate and initial weights of a 2-2-1 example."""

    x1: float
    x2: float
    y1: float
    eta: float
    w1: float
    w2: float
    w3: float
    w4: float
    w5: float
    w6: float

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = as_number(getattr(self, f.name), f.name)
            if abs(value) > LARGEST_INPUT:
                raise ValueError(f"{f.name}: {value:g} is too large for the worked example; expected a value within ±{LARGEST_INPUT:,}")
            object.__setattr__(self, f.name, value)
        if self.eta <= 0:
            raise ValueError(f"eta: the learning rate must be > 0, got {self.eta}")


# The values under the post's missing figure (../shared/blog/README.md).
BLOG_INPUTS = ExampleInputs(x1=0.5, x2=0.3, y1=0.7, eta=0.1, w1=0.3, w2=0.2, w3=0.2, w4=0.3, w5=0.4, w6=0.5)


class Arithmetic(Protocol[N]):
    """The number system of a chain: how a value enters, how it is shown, σ."""

    def of(self, value: float) -> N: ...
    def shown(self, value: N, quantity: str) -> N: ...
    def sigmoid(self, z: N) -> N: ...


class ExactArithmetic:
    """float64, never rounded."""

    def of(self, value: float) -> float:
        return float(value)

    def shown(self, value: float, quantity: str) -> float:
        return value

    def sigmoid(self, z: float) -> float:
        return float(sigmoid(np.float64(z)))


class DisplayedArithmetic:
    """Decimal, rounded half up to the displayed precision at every step."""

    def of(self, value: float) -> Decimal:
        return self.shown(Decimal(repr(value)), "input")

    def shown(self, value: Decimal, quantity: str) -> Decimal:
        return round_half_up(value, DISPLAY_PRECISION[quantity])

    def sigmoid(self, z: Decimal) -> Decimal:
        return 1 / (1 + (-z).exp())


@dataclass(frozen=True)
class ForwardPass(Generic[N]):
    """One forward pass with every term a video writes out."""

    w1x1: N
    w3x2: N
    z1: N
    w2x1: N
    w4x2: N
    z2: N
    a1: N
    a2: N
    w5a1: N
    w6a2: N
    y_hat: N
    error: N  # y1 − ŷ
    loss: N


@dataclass(frozen=True)
class Update(Generic[N]):
    """w' = w − step, where step = η·∂L/∂w, for one weight."""

    old: N
    gradient: N
    step: N
    new: N


@dataclass(frozen=True)
class WorkedExample(Generic[N]):
    """Every number of the worked example in one chain."""

    chain: Chain
    inputs: dict[str, N]  # x1, x2, y1, eta, w1..w6
    before: ForwardPass[N]
    dL_dy_hat: N
    sigmoid_prime1: N  # ∂a1/∂z1 = a1(1 − a1)
    sigmoid_prime2: N
    delta1: N  # ∂L/∂z1
    delta2: N
    updates: dict[str, Update[N]]  # keyed w1..w6
    after: ForwardPass[N]

    def gradient(self, weight: str) -> N:
        """∂L/∂weight, e.g. ``gradient("w1")``."""
        return self.updates[weight].gradient

    def values(self) -> dict[str, N]:
        """Every named value: the inputs, the forward pass (z1 … loss, error),
        the backward factors, dL_dw1..dL_dw6, w1_new..w6_new and the new
        forward pass as y_hat_new, error_new, loss_new."""
        values: dict[str, N] = dict(self.inputs)
        values.update({f.name: getattr(self.before, f.name) for f in dataclasses.fields(self.before)})
        for name in ("dL_dy_hat", "sigmoid_prime1", "sigmoid_prime2", "delta1", "delta2"):
            values[name] = getattr(self, name)
        values.update({f"dL_d{w}": u.gradient for w, u in self.updates.items()})
        values.update({f"{w}_new": u.new for w, u in self.updates.items()})
        values.update({f"{f.name}_new": getattr(self.after, f.name) for f in dataclasses.fields(self.after)})
        return values

    def flat(self) -> dict[str, float]:
        """The command line's flat JSON object: ``FLAT_KEYS`` as floats."""
        values = self.values()
        return {key: float(values[key]) for key in FLAT_KEYS}


FLAT_KEYS: tuple[str, ...] = (
    ("x1", "x2", "y1", "eta", *WEIGHTS, "z1", "z2", "a1", "a2", "y_hat", "loss")
    + tuple(f"dL_d{w}" for w in WEIGHTS)
    + tuple(f"{w}_new" for w in WEIGHTS)
    + ("y_hat_new", "loss_new")
)


def _forward(ar: Arithmetic[N], x1: N, x2: N, y1: N, w: dict[str, N]) -> ForwardPass[N]:
    """z, a, ŷ, the error and L, each shown before it is reused."""
    w1x1, w3x2 = ar.shown(w["w1"] * x1, "product"), ar.shown(w["w3"] * x2, "product")
    w2x1, w4x2 = ar.shown(w["w2"] * x1, "product"), ar.shown(w["w4"] * x2, "product")
    z1, z2 = ar.shown(w1x1 + w3x2, "z"), ar.shown(w2x1 + w4x2, "z")
    a1, a2 = ar.shown(ar.sigmoid(z1), "a"), ar.shown(ar.sigmoid(z2), "a")
    w5a1, w6a2 = ar.shown(w["w5"] * a1, "product"), ar.shown(w["w6"] * a2, "product")
    y_hat = ar.shown(w5a1 + w6a2, "y_hat")
    error = ar.shown(y1 - y_hat, "error")
    loss = ar.shown(error * error, "loss")
    return ForwardPass(w1x1, w3x2, z1, w2x1, w4x2, z2, a1, a2, w5a1, w6a2, y_hat, error, loss)


def _chain(ar: Arithmetic[N], chain: Chain, given: ExampleInputs) -> WorkedExample[N]:
    inputs = {f.name: ar.of(getattr(given, f.name)) for f in dataclasses.fields(given)}
    x1, x2, y1, eta = inputs["x1"], inputs["x2"], inputs["y1"], inputs["eta"]
    w = {name: inputs[name] for name in WEIGHTS}
    before = _forward(ar, x1, x2, y1, w)

    dL_dy_hat = ar.shown(-2 * before.error, "dL_dy_hat")
    sp1 = ar.shown(before.a1 * (1 - before.a1), "sigmoid_prime")
    sp2 = ar.shown(before.a2 * (1 - before.a2), "sigmoid_prime")
    delta1 = ar.shown(dL_dy_hat * w["w5"] * sp1, "delta")
    delta2 = ar.shown(dL_dy_hat * w["w6"] * sp2, "delta")
    gradients = {
        "w1": delta1 * x1,
        "w2": delta2 * x1,
        "w3": delta1 * x2,
        "w4": delta2 * x2,
        "w5": dL_dy_hat * before.a1,
        "w6": dL_dy_hat * before.a2,
    }
    updates = {}
    for name in WEIGHTS:
        grad = ar.shown(gradients[name], "gradient")
        step = ar.shown(eta * grad, "step")
        updates[name] = Update(old=w[name], gradient=grad, step=step, new=ar.shown(w[name] - step, "weight"))

    after = _forward(ar, x1, x2, y1, {name: u.new for name, u in updates.items()})
    return WorkedExample(chain, inputs, before, dL_dy_hat, sp1, sp2, delta1, delta2, updates, after)


def worked_example(chain: Chain = "exact", inputs: ExampleInputs = BLOG_INPUTS) -> WorkedExample:
    """The worked example in the ``exact`` or ``displayed`` chain.

    Examples:
        >>> ex = worked_example("displayed")
        >>> ex.before.y_hat, ex.gradient("w1"), ex.updates["w6"].new
        (Decimal('0.4943'), Decimal('-0.0204'), Decimal('0.523'))
        >>> round(worked_example("exact").gradient("w1"), 6)
        -0.020315
    """
    if chain == "exact":
        return _chain(ExactArithmetic(), chain, inputs)
    if chain == "displayed":
        # A private context: the caller's decimal settings must not change the numbers.
        with localcontext(Context(prec=28)):
            return _chain(DisplayedArithmetic(), chain, inputs)
    raise ValueError(f"chain: unknown value {chain!r}; expected one of {', '.join(CHAINS)}")


def as_network(inputs: ExampleInputs = BLOG_INPUTS) -> tuple[Network, list[float], list[float]]:
    """The same example as a general ``Network``, its input and its target.

    Row j of a weight matrix holds the weights into unit j, so the hidden
    layer is [[w1, w3], [w2, w4]] and the output layer [[w5, w6]].
    """
    net = Network(
        (
            Layer(np.array([[inputs.w1, inputs.w3], [inputs.w2, inputs.w4]]), None, "sigmoid"),
            Layer(np.array([[inputs.w5, inputs.w6]]), None, "identity"),
        )
    )
    return net, [inputs.x1, inputs.x2], [inputs.y1]
