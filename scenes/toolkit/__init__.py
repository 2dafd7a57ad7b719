"""What every scene shares: theme, strings, captions, the network diagram."""

from . import theme
from .base import ExplainerScene, cell, fit_width, formula, stack, symbol, text
from .data import MnistDigit, crop, example, example_inputs, mnist_digit, results
from .grid import (
    NumberGrid,
    deck_image,
    diverging,
    grey,
    map_image,
    pixel_point,
    tiled_image,
)
from .i18n import LANGUAGES, language, t
from .network import EDGES, NetworkDiagram

__all__ = [
    "EDGES",
    "LANGUAGES",
    "ExplainerScene",
    "MnistDigit",
    "NetworkDiagram",
    "NumberGrid",
    "cell",
    "crop",
    "deck_image",
    "diverging",
    "example",
    "example_inputs",
    "fit_width",
    "formula",
    "grey",
    "language",
    "map_image",
    "mnist_digit",
    "pixel_point",
    "results",
    "stack",
    "symbol",
    "t",
    "text",
    "theme",
    "tiled_image",
]
