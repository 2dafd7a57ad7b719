"""The CNN lineage from LeNet-5 to ResNet as layer specs: shapes, parameter
counts, multiply–accumulates and depths computed from the specs, and
``reasons``: why each step forward worked, computed.

Examples:
    >>> lenet = architecture("lenet5")
    >>> lenet.name, lenet.params, lenet.weight_layers, lenet.macs
    ('LeNet-5 (modern)', 61706, 5, 416520)
    >>> architecture("ResNet_50").params                 # case, '-' and '_' are ignored
    25557032
    >>> list(ARCHITECTURES)[:3]
    ['lenet5-paper', 'lenet5', 'alexnet']
"""

from . import reasons
from .architectures import ARCHITECTURES, Architecture, architecture

__all__ = ["ARCHITECTURES", "Architecture", "architecture", "reasons"]
