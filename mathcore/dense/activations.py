"""Element-wise activation functions and their derivatives.

Every function maps an array z of any shape to an array of the same shape.
Derivatives are taken with respect to z.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..validate import FloatArray


def sigmoid(z: FloatArray) -> FloatArray:
    """σ(z) = 1 / (1 + e^(−z)).

    Evaluated as e^(−|z|) / (1 + e^(−|z|)) for negative z so that e^x never
    overflows, even for |z| around 1e4.
    """
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z: FloatArray) -> FloatArray:
    """σ'(z) = σ(z)·(1 − σ(z))."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z: FloatArray) -> FloatArray:
    """tanh(z)."""
    return np.tanh(z)


def tanh_prime(z: FloatArray) -> FloatArray:
    """tanh'(z) = 1 − tanh(z)²."""
    return 1.0 - np.tanh(z) ** 2


def relu(z: FloatArray) -> FloatArray:
    """max(0, z)."""
    return np.maximum(z, 0.0)


def relu_prime(z: FloatArray) -> FloatArray:
    """1 where z > 0, else 0 (the subgradient 0 is taken at z = 0)."""
    return (z > 0).astype(np.float64)


def identity(z: FloatArray) -> FloatArray:
    """z, unchanged (a linear output layer)."""
    return np.asarray(z, dtype=np.float64)


def identity_prime(z: FloatArray) -> FloatArray:
    """1 everywhere."""
    return np.ones_like(z, dtype=np.float64)


@dataclass(frozen=True)
class Activation:
    """An activation with its derivative, looked up by name."""

    name: str
    f: Callable[[FloatArray], FloatArray]
    df_dz: Callable[[FloatArray], FloatArray]


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("sigmoid", sigmoid, sigmoid_prime),
        Activation("tanh", tanh, tanh_prime),
        Activation("relu", relu, relu_prime),
        Activation("identity", identity, identity_prime),
    )
}
