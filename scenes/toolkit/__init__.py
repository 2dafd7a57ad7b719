"""What every scene shares: theme, strings, captions, the network diagram."""

from . import theme
from .base import ExplainerScene, fit_width, math, stack, symbol, text
from .data import MnistDigit, crop, example, example_inputs, mnist_digit, results
from .grid import NumberGrid, deck_image, diverging, grey, map_image, tiled_image
from .i18n import LANGUAGES, language, t
from .network import EDGES, NetworkDiagram

__all__ = [
    "EDGES",
    "MnistDigit",
    "LANGUAGES",
    "ExplainerScene",
    "NumberGrid",
    "crop",
    "deck_image",
    "diverging",
    "grey",
    "map_image",
    "NetworkDiagram",
    "example",
    "example_inputs",
    "mnist_digit",
    "results",
    "fit_width",
    "language",
    "math",
    "stack",
    "symbol",
    "t",
    "text",
    "tiled_image",
    "theme",
]
