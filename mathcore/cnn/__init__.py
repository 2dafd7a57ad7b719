"""Convolution and pooling with the detail of every cell, flattening, the
shift comparison, the demo digit and filters, and the real MNIST digits."""

from ..lineage.specs import conv_output_size, pool_output_size
from .conv import ConvCell, avg_pool2d, conv2d, conv_cells, max_pool2d, max_pool_argmax, pad2d
from .demo import FILTERS, Crop, demo_crop, digit, edge_crop
from .digits import Digits, Split, load_digits, mnist_split, split_digits
from .flatten import FlatteningFacts, conv_params, dense_params, flat_index, flattening_facts, neighbour_distances, pixel_of
from .shift import ShiftComparison, compare_shift, relative_change, shift2d

__all__ = [
    "FILTERS",
    "ConvCell",
    "Crop",
    "Digits",
    "FlatteningFacts",
    "ShiftComparison",
    "Split",
    "avg_pool2d",
    "compare_shift",
    "conv2d",
    "conv_cells",
    "conv_output_size",
    "conv_params",
    "demo_crop",
    "dense_params",
    "digit",
    "edge_crop",
    "flat_index",
    "flattening_facts",
    "load_digits",
    "max_pool2d",
    "max_pool_argmax",
    "mnist_split",
    "neighbour_distances",
    "pad2d",
    "pixel_of",
    "pool_output_size",
    "relative_change",
    "shift2d",
    "split_digits",
]
