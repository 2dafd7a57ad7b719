"""The experiments' results as typed, frozen records.

Each experiment returns plain JSON (``experiments.py``), which the cache
stores as it is. ``parse`` reads that JSON into the records below, checking
every field on the way: a missing or mistyped field is refused with its
path, e.g. ``accuracy.models[1].params: missing``, never read as a wrong
number later. ``as_json`` turns a record back into the JSON it came from,
so a changed copy (``dataclasses.replace``) can be written to a cache.

Arrays (images, kernels, feature maps) come back as float64 numpy arrays;
lists of numbers as tuples.

>>> r = parse("shift", {"shifts": [0, 1], "models": [{"id": "mlp", "accuracy": [0.9, 0.5], "by_direction": {}}]})
>>> model(r, "mlp").accuracy
(0.9, 0.5)
>>> parse("shift", {"shifts": [0, 1], "models": [{"id": "mlp"}]})
Traceback (most recent call last):
...
mathcore.learn.results.ResultError: shift.models[0].accuracy: missing
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Mapping
from typing import Any, Union, get_args, get_origin, get_type_hints

import numpy as np

from ..validate import FloatArray
from .train import EpochRecord


class ResultError(ValueError):
    """A cached result that does not have the shape its experiment writes."""


# --- the records -----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ModelAccuracy:
    """One model trained on the training digits: its size, its accuracy,
    its training time and its confusion matrix (``confusion[true][predicted]``)."""

    id: str
    name: str
    params: int
    test_accuracy: float
    train_accuracy: float
    train_seconds: float
    samples_per_second: float
    confusion: tuple[tuple[int, ...], ...]


@dataclasses.dataclass(frozen=True)
class Accuracy:
    """``accuracy``: both models on the same digits."""

    train_size: int
    test_size: int
    models: tuple[ModelAccuracy, ...]


@dataclasses.dataclass(frozen=True)
class PermutedModel:
    """Held-out accuracy on ordinary digits and, retrained, on permuted ones."""

    id: str
    original: float
    permuted: float
    change: float


@dataclasses.dataclass(frozen=True)
class PermutedExample:
    """One held-out digit (28×28, 0–1) as it is and with its pixels permuted."""

    id: int
    label: int
    image: FloatArray
    permuted: FloatArray


@dataclasses.dataclass(frozen=True)
class Permuted:
    """``permuted``: one fixed pixel permutation, both models retrained."""

    permutation_seed: int
    example: PermutedExample
    models: tuple[PermutedModel, ...]


@dataclasses.dataclass(frozen=True)
class ShiftModel:
    """Held-out accuracy at each shift: the mean over directions, and each direction's."""

    id: str
    accuracy: tuple[float, ...]
    by_direction: Mapping[str, tuple[float, ...]]


@dataclasses.dataclass(frozen=True)
class Shift:
    """``shift``: held-out digits moved 0, 1, … pixels."""

    shifts: tuple[int, ...]
    models: tuple[ShiftModel, ...]


@dataclasses.dataclass(frozen=True)
class DigitRef:
    """A digit of the MNIST file: its row and its label."""

    id: int
    label: int


@dataclasses.dataclass(frozen=True)
class LayerOutput:
    """One layer's output for one digit: its name (``conv1.relu``), shape and values."""

    name: str
    shape: tuple[int, ...]
    values: FloatArray


@dataclasses.dataclass(frozen=True)
class Features:
    """``features``: one held-out digit through the trained LeNet-5."""

    digit: DigitRef
    image: FloatArray  # (28, 28)
    kernels: FloatArray  # (6, 5, 5): the first layer's learned kernels
    layers: tuple[LayerOutput, ...]
    probabilities: FloatArray  # (10,)
    predicted: int

    def layer(self, name: str) -> LayerOutput:
        """The output of the layer called ``name``; the error lists the names."""
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise KeyError(f"features: no layer {name!r}; known: {', '.join(layer.name for layer in self.layers)}")


@dataclasses.dataclass(frozen=True)
class TrainingModel:
    """How one model was trained, and its loss and accuracy per epoch."""

    id: str
    learning_rate: float
    momentum: float
    batch_size: int
    epochs: tuple[EpochRecord, ...]


@dataclasses.dataclass(frozen=True)
class KernelSnapshot:
    """LeNet-5's first-layer kernels (6, 5, 5) after ``step`` updates."""

    step: int
    kernels: FloatArray


@dataclasses.dataclass(frozen=True)
class Training:
    """``training``: the curves of both models and LeNet-5's kernels as they learn."""

    steps_per_epoch: int
    models: tuple[TrainingModel, ...]
    snapshots: tuple[KernelSnapshot, ...]


@dataclasses.dataclass(frozen=True)
class DegradationRun:
    """One plain or residual MLP: its training loss and accuracies after the
    budget and its loss per epoch, or why it diverged (then the rest is None)."""

    depth: int
    residual: bool
    params: int
    diverged: str | None
    train_loss: float | None
    train_accuracy: float | None
    test_accuracy: float | None
    losses: tuple[float, ...]


@dataclasses.dataclass(frozen=True)
class Degradation:
    """``degradation``: plain and residual MLPs of growing depth, trained alike."""

    width: int
    epochs: int
    learning_rate: float
    runs: tuple[DegradationRun, ...]


RESULTS: Mapping[str, type] = types.MappingProxyType(
    {"accuracy": Accuracy, "permuted": Permuted, "shift": Shift, "features": Features, "training": Training, "degradation": Degradation}
)

AnyResult = Accuracy | Permuted | Shift | Features | Training | Degradation


def model(result: Any, model_id: str) -> Any:
    """The entry of ``result.models`` whose id is ``model_id`` ("mlp", "lenet")."""
    for entry in result.models:
        if entry.id == model_id:
            return entry
    raise KeyError(f"no model {model_id!r} in this result; it has {', '.join(m.id for m in result.models)}")


# --- JSON → records ---------------------------------------------------------------------


def parse(name: str, raw: object) -> Any:
    """The record of experiment ``name`` read from its JSON ``raw``."""
    if name not in RESULTS:
        raise ResultError(f"{name}: no such experiment; expected one of {', '.join(RESULTS)}")
    return _read(RESULTS[name], raw, name)


def _read(kind: Any, value: object, where: str) -> Any:
    origin, args = get_origin(kind), get_args(kind)
    if dataclasses.is_dataclass(kind):
        if not isinstance(value, Mapping):
            raise ResultError(f"{where}: expected an object, got {type(value).__name__}")
        hints = get_type_hints(kind)
        fields = {}
        for f in dataclasses.fields(kind):
            if f.name not in value:
                raise ResultError(f"{where}.{f.name}: missing")
            fields[f.name] = _read(hints[f.name], value[f.name], f"{where}.{f.name}")
        return kind(**fields)
    if origin in (Union, types.UnionType):  # only ``X | None`` occurs
        if value is None:
            return None
        return _read(next(a for a in args if a is not type(None)), value, where)
    if origin is tuple:
        if not isinstance(value, list):
            raise ResultError(f"{where}: expected a list, got {type(value).__name__}")
        return tuple(_read(args[0], v, f"{where}[{k}]") for k, v in enumerate(value))
    if origin is Mapping:
        if not isinstance(value, Mapping):
            raise ResultError(f"{where}: expected an object, got {type(value).__name__}")
        return types.MappingProxyType({str(k): _read(args[1], v, f"{where}.{k}") for k, v in value.items()})
    if kind is FloatArray or origin is np.ndarray:
        try:
            array = np.array(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise ResultError(f"{where}: expected an array of numbers") from None
        if array.ndim == 0 or not np.isfinite(array).all():
            raise ResultError(f"{where}: expected a finite array of numbers")
        array.flags.writeable = False
        return array
    return _scalar(kind, value, where)


def _scalar(kind: type, value: object, where: str) -> object:
    if kind is bool:
        ok = isinstance(value, bool)
    elif kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    else:
        ok = isinstance(value, kind)
    if not ok:
        raise ResultError(f"{where}: expected {kind.__name__}, got {type(value).__name__} {value!r:.40}")
    return float(value) if kind is float else value  # type: ignore[arg-type]


# --- records → JSON ---------------------------------------------------------------------


def as_json(record: object) -> Any:
    """The JSON a record was read from (``parse(name, as_json(r)) == r``, arrays aside)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: as_json(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, np.ndarray):
        return record.tolist()
    if isinstance(record, (tuple, list)):
        return [as_json(v) for v in record]
    if isinstance(record, Mapping):
        return {k: as_json(v) for k, v in record.items()}
    return record
