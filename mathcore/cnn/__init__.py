"""Convolution and pooling with the detail of every cell, flattening, the
shift comparison, the demo digit and filters, and the real MNIST digits.

Examples:
    Cross-correlation, as in deep learning: the kernel is not flipped, each
    output is the sum of its window's products with the kernel as written.

    >>> conv2d([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 0], [0, -1]])
    array([[-4., -4.],
           [-4., -4.]])
    >>> conv2d([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 0], [0, -1]], padding=1).shape
    (4, 4)
    >>> conv_output_size(28, 5)                          # LeNet-5's C1 on a 28×28 digit
    24
    >>> conv_output_size(224, 11, stride=4, padding=2)   # AlexNet's first layer
    55

    2×2 max pooling, and where each window's maximum is:

    >>> x = [[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 7, 2], [3, 2, 1, 6]]
    >>> max_pool2d(x)
    array([[4., 5.],
           [3., 7.]])
    >>> max_pool_argmax(x)[1, 1].tolist()                # the 7 at row 2, column 2
    [2, 2]
"""

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
