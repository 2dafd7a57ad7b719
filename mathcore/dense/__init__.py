"""Dense networks of any size: activations, losses, the network with its
forward and backward pass, and the ``step`` command's JSON problem."""

from .activations import ACTIVATIONS, relu, sigmoid
from .losses import LOSSES
from .network import (
    Diverged,
    ForwardTrace,
    Gradients,
    Layer,
    LayerGradients,
    LayerTrace,
    Network,
    TrainingRun,
    backward,
    forward,
    loss_of,
    step,
    train,
)
from .problem import Problem, parse_problem

__all__ = [
    "ACTIVATIONS",
    "LOSSES",
    "Diverged",
    "ForwardTrace",
    "Gradients",
    "Layer",
    "LayerGradients",
    "LayerTrace",
    "Network",
    "Problem",
    "TrainingRun",
    "backward",
    "forward",
    "loss_of",
    "parse_problem",
    "relu",
    "sigmoid",
    "step",
    "train",
]
