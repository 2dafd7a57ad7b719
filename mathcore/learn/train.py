"""Mini-batch training with SGD and momentum.

Each step is the worked example's update, w′ = w − η·∂L/∂w, with one
addition: a velocity that remembers the last steps,

    v ← μ·v − η·(∂L/∂w + λ·w),    w ← w + v

(μ = 0 and λ = 0 is plain SGD; λ, weight decay, pulls unused weights
towards 0, the gradient of an extra ½λ‖w‖² in the loss.) With the cosine
schedule, epoch e of E uses η_e = η·½(1 + cos(π(e − 1)/E)): big steps
first, small ones to settle at the end.

SGD with momentum rather than Adam: its update is the one the videos teach,
one line longer, and on these small models it reaches the same accuracy.
One seeded ``numpy.random.Generator`` draws the initial weights and then the
order of the digits in every epoch, so the same seed gives the same numbers.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

import numpy as np

from ..cnn.digits import Digits
from ..validate import FloatArray
from .layers import cross_entropy
from .models import Model, ModelSpec, build

log = logging.getLogger(__name__)


class TrainingDiverged(ValueError):
    """The loss became NaN or infinite; the message names the epoch and step."""


@dataclass(frozen=True)
class TrainConfig:
    """How to train: epochs, batch size, learning rate η, momentum μ, weight
    decay λ (on weights, not biases), whether η follows the cosine schedule,
    the seed, and the global steps (0 = before any update) at which to keep a
    snapshot of the first layer's weights."""

    epochs: int = 15
    batch_size: int = 32
    learning_rate: float = 0.02
    momentum: float = 0.9
    weight_decay: float = 0.0
    cosine: bool = False
    seed: int = 0
    snapshot_steps: tuple[int, ...] = (0, 10, 30, 100, 300, 1000)


@dataclass(frozen=True)
class EpochRecord:
    """After an epoch: the mean training loss over its steps, and the
    accuracy on the whole training set and on the held-out set."""

    epoch: int
    loss: float
    train_accuracy: float
    test_accuracy: float


@dataclass(frozen=True)
class Snapshot:
    """The first layer's weights after ``step`` updates."""

    step: int
    weights: FloatArray


@dataclass(frozen=True)
class History:
    """Everything a training run records. ``seconds`` is the wall time of the
    updates alone (no evaluation); ``samples`` the digits they processed."""

    model: str
    config: TrainConfig
    epochs: tuple[EpochRecord, ...]
    snapshots: tuple[Snapshot, ...]
    seconds: float
    samples: int


def accuracy(model: Model, digits: Digits) -> float:
    """Share of ``digits`` whose most probable class is their label."""
    return float(np.mean(model.predict(digits.images) == digits.labels))


def learning_rate(config: TrainConfig, epoch: int) -> float:
    """η for ``epoch`` (1-based): constant, or on the cosine schedule."""
    if not config.cosine:
        return config.learning_rate
    return config.learning_rate * 0.5 * (1.0 + math.cos(math.pi * (epoch - 1) / config.epochs))


def _sgd_step(model: Model, velocity: dict[tuple[int, str], FloatArray], config: TrainConfig, lr: float) -> None:
    for i, layer in enumerate(model.layers):
        for name, p in layer.params.items():
            v = velocity.setdefault((i, name), np.zeros_like(p))
            decay = config.weight_decay * p if name.endswith("weights") and config.weight_decay else 0.0
            v *= config.momentum
            v -= lr * (layer.grads[name] + decay)
            p += v


def fit(model_id: str | ModelSpec, train: Digits, test: Digits, config: TrainConfig) -> tuple[Model, History]:
    """Train a fresh model (an id of MODELS, or a spec) on ``train``; evaluate on ``test`` after each epoch.

    ``test`` is only measured, never used to choose anything. Raises
    TrainingDiverged if a batch's loss is not finite.
    """
    if config.epochs < 1 or config.batch_size < 1:
        raise ValueError(f"config: epochs and batch_size must be >= 1, got {config.epochs} and {config.batch_size}")
    if not (config.learning_rate > 0 and 0 <= config.momentum < 1 and config.weight_decay >= 0):
        raise ValueError(f"config: needs learning_rate > 0, 0 <= momentum < 1, weight_decay >= 0, got {config}")
    rng = np.random.default_rng(config.seed)
    model = build(model_id, seed=int(rng.integers(2**32)))
    velocity: dict[tuple[int, str], FloatArray] = {}
    snapshots = [Snapshot(0, model.first_weights.copy())] if 0 in config.snapshot_steps else []
    records, seconds, step = [], 0.0, 0
    for epoch in range(1, config.epochs + 1):
        order = rng.permutation(len(train))
        lr = learning_rate(config, epoch)
        losses = []
        start = time.perf_counter()
        for first in range(0, len(order), config.batch_size):
            rows = order[first : first + config.batch_size]
            with np.errstate(over="ignore", invalid="ignore"):  # a diverging run is reported below, by name
                loss, dlogits = cross_entropy(model.forward(train.images[rows]), train.labels[rows])
            step += 1
            if not math.isfinite(loss):
                raise TrainingDiverged(f"training diverged: the loss is {loss} at epoch {epoch}, step {step} (learning rate {lr})")
            model.backward(dlogits)
            _sgd_step(model, velocity, config, lr)
            losses.append(loss)
            if step in config.snapshot_steps:
                snapshots.append(Snapshot(step, model.first_weights.copy()))
        seconds += time.perf_counter() - start
        record = EpochRecord(epoch, float(np.mean(losses)), accuracy(model, train), accuracy(model, test))
        log.info("%s epoch %d: loss %.4f, train %.4f, test %.4f", model.spec.id, epoch, record.loss, record.train_accuracy, record.test_accuracy)
        records.append(record)
    if step not in config.snapshot_steps:
        snapshots.append(Snapshot(step, model.first_weights.copy()))
    return model, History(model.spec.id, config, tuple(records), tuple(snapshots), seconds, config.epochs * len(train))
