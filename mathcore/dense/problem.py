"""A network problem read from JSON, for ``python -m mathcore step``.

The format::

    {"layers": [{"weights": [[...], ...], "bias": [...], "activation": "sigmoid"}, ...],
     "input": [...], "target": [...],
     "loss": "squared_error" | "half_squared_error" | "mean_squared_error",
     "learning_rate": 0.1}

``bias`` may be left out or null (the layer has none); ``loss`` defaults to
the post's ``squared_error``. Every error names the field it is about.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .losses import LOSSES
from .network import Layer, Network, check_input, check_learning_rate, check_target
from ..validate import FloatArray, one_of

_TOP_KEYS = ("layers", "input", "target", "loss", "learning_rate")
_LAYER_KEYS = ("weights", "bias", "activation")


@dataclass(frozen=True)
class Problem:
    """A network with one training example, a loss and a learning rate."""

    network: Network
    input: FloatArray
    target: FloatArray
    loss: str
    learning_rate: float


def _fields(value: object, prefix: str, allowed: tuple[str, ...], required: tuple[str, ...]) -> Mapping[str, object]:
    """Check a JSON object's keys; ``prefix`` is its path, e.g. ``layers[0].``."""
    if not isinstance(value, Mapping):
        raise TypeError(f"{prefix.rstrip('.') or 'config'}: expected a JSON object, got {type(value).__name__}")
    for key in value:
        if key not in allowed:
            raise ValueError(f"{prefix}{key}: unknown field; expected one of {', '.join(allowed)}")
    for key in required:
        if key not in value:
            raise ValueError(f"{prefix}{key}: missing")
    return value


def _layer(value: object, i: int) -> Layer:
    prefix = f"layers[{i}]."
    spec = _fields(value, prefix, _LAYER_KEYS, ("weights", "activation"))
    try:
        return Layer(spec["weights"], spec.get("bias"), spec["activation"])  # type: ignore[arg-type]
    except (TypeError, ValueError) as err:
        # Layer names its own fields; prefix where the layer stands.
        raise type(err)(f"{prefix}{err}") from None


def parse_problem(config: object) -> Problem:
    """Validate a decoded JSON config and build the problem it describes."""
    spec = _fields(config, "", _TOP_KEYS, ("layers", "input", "target", "learning_rate"))
    layers = spec["layers"]
    if not isinstance(layers, list) or not layers:
        raise ValueError("layers: expected a non-empty list of layers")
    network = Network(tuple(_layer(layer, i) for i, layer in enumerate(layers)))
    return Problem(
        network=network,
        input=check_input(network, spec["input"]),  # type: ignore[arg-type]
        target=check_target(network, spec["target"]),  # type: ignore[arg-type]
        loss=one_of(spec.get("loss", "squared_error"), "loss", tuple(LOSSES)),
        learning_rate=check_learning_rate(spec["learning_rate"]),
    )
