"""The CNN lineage from LeNet-5 to ResNet as layer specs: shapes, parameter
counts, multiply–accumulates and depths computed from the specs, and
``reasons``: why each step forward worked, computed."""

from . import reasons
from .architectures import ARCHITECTURES, Architecture, architecture

__all__ = ["ARCHITECTURES", "Architecture", "architecture", "reasons"]
