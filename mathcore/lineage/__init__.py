"""The CNN lineage from LeNet-5 to ResNet as layer specs: shapes, parameter
counts and depths computed from the specs."""

from .architectures import ARCHITECTURES, Architecture, architecture

__all__ = ["ARCHITECTURES", "Architecture", "architecture"]
