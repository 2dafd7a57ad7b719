"""Losses of a prediction ŷ (shape (n,)) against a target y (shape (n,)).

The post uses ``squared_error``: L = Σ(y − ŷ)², with no ½, so
∂L/∂ŷ = −2(y − ŷ). The other two conventions are here because textbooks
and libraries use them, and a video must say which one it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..validate import FloatArray


def squared_error(y_hat: FloatArray, y: FloatArray) -> float:
    """L = Σ (y − ŷ)²."""
    return float(np.sum((y - y_hat) ** 2))


def squared_error_grad(y_hat: FloatArray, y: FloatArray) -> FloatArray:
    """∂L/∂ŷ = −2 (y − ŷ)."""
    return -2.0 * (y - y_hat)


def half_squared_error(y_hat: FloatArray, y: FloatArray) -> float:
    """L = ½ Σ (y − ŷ)²."""
    return 0.5 * squared_error(y_hat, y)


def half_squared_error_grad(y_hat: FloatArray, y: FloatArray) -> FloatArray:
    """∂L/∂ŷ = −(y − ŷ)."""
    return -(y - y_hat)


def mean_squared_error(y_hat: FloatArray, y: FloatArray) -> float:
    """L = (1/n) Σ (y − ŷ)²."""
    return squared_error(y_hat, y) / y.size


def mean_squared_error_grad(y_hat: FloatArray, y: FloatArray) -> FloatArray:
    """∂L/∂ŷ = −(2/n) (y − ŷ)."""
    return squared_error_grad(y_hat, y) / y.size


@dataclass(frozen=True)
class Loss:
    """A loss with its gradient with respect to ŷ, looked up by name."""

    name: str
    formula: str
    value: Callable[[FloatArray, FloatArray], float]
    grad: Callable[[FloatArray, FloatArray], FloatArray]


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss("squared_error", "L = Σ(y − ŷ)²", squared_error, squared_error_grad),
        Loss("half_squared_error", "L = ½Σ(y − ŷ)²", half_squared_error, half_squared_error_grad),
        Loss("mean_squared_error", "L = (1/n)Σ(y − ŷ)²", mean_squared_error, mean_squared_error_grad),
    )
}
