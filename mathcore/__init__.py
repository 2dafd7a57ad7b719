"""mathcore: every number the explainer videos show, computed with numpy.

No manim here: scenes read from this package, never the other way round.
"""

from .activations import ACTIVATIONS, sigmoid
from .audit import PRINTED_NUMBERS, TEXT_SLIPS, audit, audit_markdown
from .config import Problem, parse_problem
from .losses import LOSSES
from .network import (
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
from .precision import DISPLAY_PRECISION, Precision, round_half_up, shown_text
from .worked_example import BLOG_INPUTS, FLAT_KEYS, ExampleInputs, WorkedExample, as_network, worked_example

__all__ = [
    "ACTIVATIONS",
    "BLOG_INPUTS",
    "DISPLAY_PRECISION",
    "FLAT_KEYS",
    "LOSSES",
    "PRINTED_NUMBERS",
    "TEXT_SLIPS",
    "ExampleInputs",
    "ForwardTrace",
    "Gradients",
    "Layer",
    "LayerGradients",
    "LayerTrace",
    "Network",
    "Precision",
    "Problem",
    "TrainingRun",
    "WorkedExample",
    "as_network",
    "audit",
    "audit_markdown",
    "backward",
    "forward",
    "loss_of",
    "parse_problem",
    "round_half_up",
    "shown_text",
    "sigmoid",
    "step",
    "train",
    "worked_example",
]
