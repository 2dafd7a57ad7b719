"""Input checks shared by every public entry point.

Each check names the argument it looks at, so a bad value fails with a
message such as ``layers[1].weights: expected 2 columns, got 3`` instead of
a traceback from inside numpy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def _is_number(value: object) -> bool:
    # bool is an int in Python, but true/false in a weight matrix is a mistake.
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def _check_nested(value: object, name: str, ndim: int) -> None:
    """Type-check a nested list before numpy sees it, so ragged or non-numeric
    input gets a message naming the field."""
    if ndim == 0:
        if not _is_number(value):
            raise TypeError(f"{name}: expected a number, got {type(value).__name__}")
        return
    if isinstance(value, np.ndarray):
        if value.ndim != ndim:
            raise ValueError(f"{name}: expected a {ndim}-D array, got {value.ndim}-D with shape {value.shape}")
        if not (np.issubdtype(value.dtype, np.number) and not np.issubdtype(value.dtype, np.bool_)):
            raise TypeError(f"{name}: expected numbers, got an array of {value.dtype}")
        return
    if _is_number(value):
        raise ValueError(f"{name}: expected a {ndim}-D list, got a single number")
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(f"{name}: expected a {ndim}-D list of numbers, got {type(value).__name__}")
    lengths = set()
    for i, item in enumerate(value):
        _check_nested(item, f"{name}[{i}]", ndim - 1)
        if ndim > 1:
            lengths.add(len(item))  # type: ignore[arg-type]
    if len(lengths) > 1:
        raise ValueError(f"{name}: rows have different lengths {sorted(lengths)}")


def as_array(value: ArrayLike, name: str, ndim: int) -> FloatArray:
    """Return ``value`` as a finite float64 array with exactly ``ndim`` axes.

    Raises TypeError for non-numeric input and ValueError for the wrong rank,
    an empty axis or a NaN/infinity, each naming ``name``.
    """
    _check_nested(value, name, ndim)
    array = np.array(value, dtype=np.float64)
    if array.ndim != ndim:
        raise ValueError(f"{name}: expected a {ndim}-D array, got {array.ndim}-D with shape {array.shape}")
    if 0 in array.shape:
        raise ValueError(f"{name}: must not be empty, got shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name}: contains a non-finite value (NaN or infinity)")
    return array


def as_number(value: object, name: str) -> float:
    """Return ``value`` as a finite float, naming ``name`` if it is not one."""
    if not _is_number(value):
        raise TypeError(f"{name}: expected a number, got {type(value).__name__}")
    number = float(value)  # type: ignore[arg-type]
    if not math.isfinite(number):
        raise ValueError(f"{name}: must be finite, got {number}")
    return number


def as_count(value: object, name: str, minimum: int) -> int:
    """Return ``value`` as an int that is at least ``minimum``."""
    if not isinstance(value, (int, np.integer)) or isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name}: expected a whole number, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name}: must be >= {minimum}, got {value}")
    return int(value)


def one_of(value: object, name: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``choices``; the error lists them."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name}: unknown value {value!r}; expected one of {', '.join(choices)}")
    return value
