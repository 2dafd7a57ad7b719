"""Dense networks of any size: activations, losses, the network with its
forward and backward pass, and the ``step`` command's JSON problem.

Examples:
    >>> import numpy as np
    >>> sigmoid(np.array([0.0, 0.21, -800.0]))   # 0.21 is the post's z1; no overflow
    array([0.5       , 0.55230791, 0.        ])
    >>> relu(np.array([-1.0, 0.0, 2.5]))
    array([0. , 0. , 2.5])
    >>> sorted(ACTIVATIONS), sorted(LOSSES)
    (['identity', 'relu', 'sigmoid', 'tanh'], ['half_squared_error', 'mean_squared_error', 'squared_error'])
"""

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
