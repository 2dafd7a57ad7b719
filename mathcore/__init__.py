"""mathcore: every number the explainer videos show, computed with numpy.

No manim here: scenes read from this package, never the other way round.
"""

from .activations import ACTIVATIONS, sigmoid
from .architectures import ARCHITECTURES, Architecture, architecture
from .audit import PRINTED_NUMBERS, TEXT_SLIPS, audit, audit_markdown
from .config import Problem, parse_problem
from .conv import (
    ConvCell,
    avg_pool2d,
    conv2d,
    conv_cells,
    conv_output_size,
    max_pool2d,
    max_pool_argmax,
    pad2d,
    pool_output_size,
)
from .demo import FILTERS, Crop, demo_crop, digit
from .flatten import FlatteningFacts, conv_params, dense_params, flat_index, flattening_facts, neighbour_distances, pixel_of
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
from .shift import ShiftComparison, compare_shift, relative_change, shift2d
from .worked_example import BLOG_INPUTS, FLAT_KEYS, ExampleInputs, WorkedExample, as_network, worked_example

__all__ = [
    "ARCHITECTURES",
    "Architecture",
    "ConvCell",
    "Crop",
    "FILTERS",
    "FlatteningFacts",
    "ShiftComparison",
    "architecture",
    "avg_pool2d",
    "compare_shift",
    "conv2d",
    "conv_cells",
    "conv_output_size",
    "conv_params",
    "demo_crop",
    "dense_params",
    "digit",
    "flat_index",
    "flattening_facts",
    "max_pool2d",
    "max_pool_argmax",
    "neighbour_distances",
    "pad2d",
    "pixel_of",
    "pool_output_size",
    "relative_change",
    "shift2d",
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
