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
    """One video: its number in the series, id, scene file and class."""

    number: int
    id: str
    module: str
    scene: str

    @property
    def name(self) -> str:
        """The file name of its outputs: ``02-convolution``."""
        return f"{self.number:02d}-{self.id}"

    @property
    def file(self) -> Path:
        return SCENES_DIR / f"{self.module}.py"


SERIES: tuple[Episode, ...] = tuple(
    Episode(n, id_, module, scene)
    for n, (id_, module, scene) in enumerate(
        (
            ("flattening", "flattening", "Flattening"),
            ("convolution", "convolution", "Convolution"),
            ("pooling", "pooling", "Pooling"),
            ("pipeline", "pipeline", "Pipeline"),
            ("mlp-vs-cnn", "mlp_vs_cnn", "MlpVsCnn"),
            ("forward", "forward_pass", "ForwardPass"),
            ("loss", "loss", "Loss"),
            ("backprop", "backprop", "Backpropagation"),
            ("update", "update", "Update"),
            ("training", "training", "Training"),
            ("learning", "learning", "HowACnnLearns"),
            ("rounding", "rounding", "WhatThePostRounds"),
            ("alexnet", "alexnet", "AlexNet"),
            ("vgg", "vgg", "Vgg"),
            ("googlenet", "googlenet", "GoogLeNet"),
            ("resnet", "resnet", "ResNet"),
            ("lineage", "lineage", "Lineage"),
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
