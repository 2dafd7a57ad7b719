"""mathcore: every number the explainer videos show, computed with numpy.

No manim here: scenes read from this package, never the other way round.
Its parts:

- ``dense``:   activations, losses, dense networks of any size, the ``step`` problem;
- ``post``:    the post's worked example (exact and displayed chains), the audit;
- ``cnn``:     convolution, pooling, flattening, shifts, the demo and MNIST digits;
- ``learn``:   layers with backward passes, models, the trainer, the experiments;
- ``lineage``: layer specs and the architectures from LeNet-5 to ResNet.

``from mathcore import conv2d`` is ``mathcore.cnn.conv2d``: each part's
``__all__`` is reachable from here, and a part is imported on first use,
so a program (a video) that uses the lineage alone never imports the
convolution, and a change to one part concerns only what uses it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cnn import *  # noqa: F403
    from .dense import *  # noqa: F403
    from .lineage import *  # noqa: F403
    from .post import *  # noqa: F403

PARTS = ("cnn", "dense", "learn", "lineage", "post")

# Each part's public names (its __all__; tests/test_mathcore_alone.py keeps
# the two equal). ``mathcore.learn`` is imported by name only: its layers
# (Dense, Flatten) are not the lineage's specs.
_NAMES: dict[str, tuple[str, ...]] = {
    "cnn": (
        "ConvCell", "Crop", "Digits", "FILTERS", "FlatteningFacts", "ShiftComparison", "Split",
        "avg_pool2d", "compare_shift", "conv2d", "conv_cells", "conv_output_size", "conv_params",
        "demo_crop", "dense_params", "digit", "edge_crop", "flat_index", "flattening_facts",
        "load_digits", "max_pool2d", "max_pool_argmax", "mnist_split", "neighbour_distances",
        "pad2d", "pixel_of", "pool_output_size", "relative_change", "shift2d", "split_digits",
    ),
    "dense": (
        "ACTIVATIONS", "Diverged", "ForwardTrace", "Gradients", "LOSSES", "Layer", "LayerGradients",
        "LayerTrace", "Network", "Problem", "TrainingRun", "backward", "forward", "loss_of",
        "parse_problem", "relu", "sigmoid", "step", "train",
    ),
    "lineage": (
        "ARCHITECTURES", "Architecture", "architecture", "reasons",
    ),
    "post": (
        "BLOG_INPUTS", "DISPLAY_PRECISION", "EDGES", "ExampleInputs", "FLAT_KEYS",
        "PRINTED_NUMBERS", "Precision", "TEXT_SLIPS", "WEIGHTS", "WorkedExample", "as_network",
        "audit", "audit_markdown", "round_half_up", "shown_text", "worked_example",
    ),
}
_WHERE = {name: part for part, names in _NAMES.items() for name in names}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in PARTS:
        return import_module(f".{name}", __name__)
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_WHERE[name]}", __name__), name)


def __dir__() -> list[str]:
    return sorted([*__all__, *PARTS])
