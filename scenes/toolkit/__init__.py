"""What every scene shares: theme, strings, captions, the network diagram.

Names are imported on first use (PEP 562): delivery/ reads the strings and
captions without importing manim, which took a no-change `make render` from
0.6 s to 2.4 s."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import layout, theme
    from .base import ExplainerScene, cell, fit_width, footnote, formula, stack, symbol, text
    from .data import MnistDigit, crop, example, example_inputs, mnist_digit, results
    from .grid import NumberGrid, deck_image, diverging, grey, map_image, pixel_point, tiled_image
    from .i18n import LANGUAGES, language, t
    from .network import EDGES, NetworkDiagram

# Each public name and the module it lives in.
_WHERE = {
    "ExplainerScene": "base", "cell": "base", "fit_width": "base", "footnote": "base", "formula": "base", "stack": "base", "symbol": "base", "text": "base",
    "MnistDigit": "data", "crop": "data", "example": "data", "example_inputs": "data", "mnist_digit": "data", "results": "data",
    "NumberGrid": "grid", "deck_image": "grid", "diverging": "grid", "grey": "grid", "map_image": "grid", "pixel_point": "grid",
    "tiled_image": "grid",
    "LANGUAGES": "i18n", "language": "i18n", "t": "i18n",
    "EDGES": "network", "NetworkDiagram": "network",
}

__all__ = sorted([*_WHERE, "layout", "theme"])


def __getattr__(name: str) -> Any:
    if name in ("layout", "theme"):
        return import_module(f".{name}", __name__)
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_WHERE[name]}", __name__), name)
