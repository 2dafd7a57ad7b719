"""mathcore learns: layers with backward passes, the MLP and LeNet-5 built
from the lineage's specs, a seeded mini-batch trainer, and the experiments
that measure the post's claims on real digits (cached in assets/experiments)."""

from .cache import StaleCache, build, load
from .experiments import EXPERIMENTS, Lab, Settings, permute, pixel_permutation
from .layers import Conv2d, Dense, Flatten, Module, Pool2d, ReLU, cross_entropy, log_softmax, softmax
from .models import MODELS, Model, ModelSpec
from .train import EpochRecord, History, Snapshot, TrainConfig, TrainingDiverged, fit

__all__ = [
    "EXPERIMENTS",
    "MODELS",
    "Conv2d",
    "Dense",
    "EpochRecord",
    "Flatten",
    "History",
    "Lab",
    "Model",
    "ModelSpec",
    "Module",
    "Pool2d",
    "ReLU",
    "Settings",
    "Snapshot",
    "StaleCache",
    "TrainConfig",
    "TrainingDiverged",
    "build",
    "cross_entropy",
    "fit",
    "load",
    "log_softmax",
    "permute",
    "pixel_permutation",
    "softmax",
]
