"""What every scene shares: theme, strings, captions, the network diagram."""

from . import theme
from .base import ExplainerScene, fit_width, math, stack, text
from .data import example, example_inputs
from .i18n import LANGUAGES, language, t
from .network import EDGES, NetworkDiagram

__all__ = [
    "EDGES",
    "LANGUAGES",
    "ExplainerScene",
    "NetworkDiagram",
    "example",
    "example_inputs",
    "fit_width",
    "language",
    "math",
    "stack",
    "t",
    "text",
    "theme",
]
