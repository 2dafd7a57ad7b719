"""Flattening an image for an MLP, and what it costs.

Row-major flattening of an H×W image puts pixel (r, c) at index W·r + c, so
a pixel's right-hand neighbour lands 1 place away and the pixel below it W
places away: 28 for the post's 28×28 image. Spatial neighbourhood survives
only as arithmetic on indices, which a dense layer does not know about.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lineage.specs import Conv, Linear
from ..validate import as_count


def _check_pixel(r: int, c: int, height: int, width: int) -> None:
    as_count(height, "height", minimum=1)
    as_count(width, "width", minimum=1)
    if not 0 <= as_count(r, "r", minimum=0) < height:
        raise ValueError(f"r: row {r} is outside an image of height {height}")
    if not 0 <= as_count(c, "c", minimum=0) < width:
        raise ValueError(f"c: column {c} is outside an image of width {width}")


def flat_index(r: int, c: int, height: int, width: int) -> int:
    """Index of pixel (r, c) of an H×W image in the row-major flattening: W·r + c."""
    _check_pixel(r, c, height, width)
    return width * r + c


def pixel_of(index: int, width: int) -> tuple[int, int]:
    """The pixel (r, c) at a flat index: (index // W, index mod W)."""
    as_count(index, "index", minimum=0)
    return divmod(index, as_count(width, "width", minimum=1))


def neighbour_distances(width: int) -> dict[str, int]:
    """How far apart neighbours land after flattening: right 1, below W."""
    width = as_count(width, "width", minimum=1)
    return {"horizontal": 1, "vertical": width, "diagonal": width + 1}


def dense_params(n_in: int, hidden: int) -> int:
    """Weights and biases of a dense layer: n_in·H + H (the lineage's ``Linear`` rule)."""
    n_in, hidden = as_count(n_in, "n_in", minimum=1), as_count(hidden, "hidden", minimum=1)
    return Linear("dense", hidden).params((n_in,))


def conv_params(k: int, c_in: int, filters: int, *, bias: bool = True) -> int:
    """Weights and biases of a conv layer of C filters of K×K over C_in
    channels: K·K·C_in·C + C (the lineage's ``Conv`` rule). It does not
    depend on the image size, so any map size will do."""
    k, c_in, filters = as_count(k, "k", 1), as_count(c_in, "c_in", 1), as_count(filters, "filters", 1)
    return Conv("conv", filters, k, bias=bias).params((c_in, k, k))


@dataclass(frozen=True)
class ParamComparison:
    """A dense first layer against a small conv layer on a side×side image."""

    side: int
    inputs: int  # side², the flattened length
    dense: int  # inputs·H + H
    conv: int  # K·K·1·C + C, the same for every side

    @property
    def ratio(self) -> float:
        return self.dense / self.conv


@dataclass(frozen=True)
class FlatteningFacts:
    """The numbers the flattening video shows."""

    height: int
    width: int
    inputs: int
    blue: tuple[int, int]  # a pixel, and the red one right below it
    red: tuple[int, int]
    blue_index: int
    red_index: int
    distance: int  # red_index − blue_index = W
    hidden: int
    kernel: int
    filters: int
    growth: tuple[ParamComparison, ...]


def flattening_facts(
    height: int = 28,
    width: int = 28,
    *,
    blue: tuple[int, int] = (13, 14),
    hidden: int = 100,
    kernel: int = 3,
    filters: int = 32,
    sides: tuple[int, ...] = (28, 56, 112, 224),
) -> FlatteningFacts:
    """Flattening an H×W image: where a pixel and its lower neighbour land,
    and how a dense first layer's parameters grow with the image while a
    conv layer's do not."""
    r, c = blue
    red = (r + 1, c)
    blue_index, red_index = flat_index(r, c, height, width), flat_index(*red, height, width)
    growth = tuple(
        ParamComparison(s, s * s, dense_params(s * s, hidden), conv_params(kernel, 1, filters)) for s in sides
    )
    return FlatteningFacts(
        height, width, height * width, blue, red, blue_index, red_index, red_index - blue_index, hidden, kernel, filters, growth
    )
