"""Training cost: how fast mathcore's numpy networks learn, against the floor.

    python scripts/bench_learn.py

Prints, for the MLP and LeNet-5:
- samples per second forward only, and forward + backward (batch 32);
- the training time of the experiments' configuration (every epoch);
- the naive cost floor of that training: multiply–accumulates per sample
  (from the layer specs) × 3 (forward, ∂input, ∂weights) × samples, divided
  by this machine's measured numpy matmul rate, and the ratio to it;
then the time of the whole `make experiments` (all five, four trainings),
computed without writing the cache.
"""

from __future__ import annotations

import time

import numpy as np

from mathcore.cnn.digits import mnist_split
from mathcore.learn import MODELS, Settings, cross_entropy, fit
from mathcore.learn import cache
from mathcore.learn.experiments import EXPERIMENTS
from mathcore.learn.models import build


def matmul_macs_per_second(n: int = 1024, repeats: int = 5) -> float:
    """The best of a few float64 n×n matmuls: n³ multiply–accumulates each."""
    a, b = np.random.default_rng(0).standard_normal((2, n, n))
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - start)
    return n**3 / best


def samples_per_second(model_id: str, images: np.ndarray, labels: np.ndarray, backward: bool) -> float:
    model = build(model_id, 0)
    start = time.perf_counter()
    for first in range(0, len(images), 32):
        loss, dlogits = cross_entropy(model.forward(images[first : first + 32]), labels[first : first + 32])
        if backward:
            model.backward(dlogits)
    return len(images) / (time.perf_counter() - start)


def main() -> None:
    rate = matmul_macs_per_second()
    print(f"numpy float64 matmul on this machine: {rate / 1e9:.1f} G multiply-accumulates/s")
    split = mnist_split()
    images, labels = split.train.images[:2000], split.train.labels[:2000]
    settings = Settings()
    print(f"{'model':<7} {'MACs/sample':>11} {'fwd/s':>8} {'fwd+bwd/s':>10} {'train s':>8} {'floor s':>8} {'ratio':>6}")
    for model_id, spec in MODELS.items():
        macs = spec.spec.macs(spec.input_shape)
        forward = samples_per_second(model_id, images, labels, backward=False)
        both = samples_per_second(model_id, images, labels, backward=True)
        _, history = fit(model_id, split.train, split.test, settings.config(model_id))
        floor = 3 * macs * history.samples / rate
        print(f"{model_id:<7} {macs:>11,} {forward:>8,.0f} {both:>10,.0f} {history.seconds:>8.1f} {floor:>8.2f} {history.seconds / floor:>6.0f}x", flush=True)
    start = time.perf_counter()
    cache.build(tuple(EXPERIMENTS), None, settings, force=True)
    print(f"make experiments (five experiments, four trainings): {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
