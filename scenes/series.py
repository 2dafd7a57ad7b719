"""The series in order: one entry per video, by id, file and scene class.

The post's order: why an MLP struggles, what convolution and pooling add,
the whole CNN and how it fares against an MLP on real digits, the worked
example from forward pass to training, the same rule training a real CNN,
then the lineage one step forward at a time (AlexNet, VGG,
GoogLeNet, ResNet) and its timeline last.

Titles come from the string tables (``<id>.title`` in each language).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SCENES_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Episode:
    """One video: its number in the series, id, scene file and class, and
    its usual length in seconds (what a render is scheduled by before it
    has been rendered once; tests keep it within 25% of the real one)."""

    number: int
    id: str
    module: str
    scene: str
    seconds: float

    @property
    def name(self) -> str:
        """The file name of its outputs: ``02-convolution``."""
        return f"{self.number:02d}-{self.id}"

    @property
    def file(self) -> Path:
        return SCENES_DIR / f"{self.module}.py"


SERIES: tuple[Episode, ...] = tuple(
    Episode(n, id_, module, scene, seconds)
    for n, (id_, module, scene, seconds) in enumerate(
        (
            ("flattening", "flattening", "Flattening", 43.5),
            ("convolution", "convolution", "Convolution", 81.0),
            ("pooling", "pooling", "Pooling", 32.8),
            ("pipeline", "pipeline", "Pipeline", 52.4),
            ("mlp-vs-cnn", "mlp_vs_cnn", "MlpVsCnn", 54.5),
            ("forward", "forward_pass", "ForwardPass", 59.0),
            ("loss", "loss", "Loss", 34.5),
            ("backprop", "backprop", "Backpropagation", 72.2),
            ("update", "update", "Update", 40.2),
            ("training", "training", "Training", 30.6),
            ("learning", "learning", "HowACnnLearns", 62.3),
            ("rounding", "rounding", "WhatThePostRounds", 31.2),
            ("alexnet", "alexnet", "AlexNet", 57.4),
            ("vgg", "vgg", "Vgg", 50.6),
            ("googlenet", "googlenet", "GoogLeNet", 46.9),
            ("resnet", "resnet", "ResNet", 63.2),
            ("lineage", "lineage", "Lineage", 36.2),
        ),
        start=1,
    )
)


def episode(scene_id: str) -> Episode:
    """The entry with this id; the error lists the known ids."""
    for entry in SERIES:
        if entry.id == scene_id:
            return entry
    raise ValueError(f"scene: unknown id {scene_id!r}; known: {', '.join(e.id for e in SERIES)}")
