"""Where the scenes get their numbers: mathcore, for the example in use.

The example is the post's unless EXPLAINER_EXAMPLE names a JSON file with
other inputs and weights ({"x1": …, "x2": …, "y1": …, "eta": …, "w1": … "w6": …}),
so a teacher can render the same videos for numbers of their own. Likewise
the convolution crop is the demo digit's unless EXPLAINER_CROP names a JSON
file {"values": [[…], …]} (a square of pixel values from 0 to 1, with one decimal).

The CNN videos read mathcore's experiments on real digits from the cache in
assets/experiments, or from the folder EXPLAINER_RESULTS names (the same
files, made by ``mathcore.learn.cache.write``). A stale or missing result is
an error, never an old number on screen.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from mathcore import BLOG_INPUTS, ExampleInputs, WorkedExample, worked_example
from mathcore.post.worked_example import Chain
from mathcore.validate import as_array

from .errors import SettingError

if TYPE_CHECKING:
    from mathcore import Crop
    from mathcore.learn.results import AnyResult

# mathcore.cnn and mathcore.learn are imported where they are used: a video of
# the worked example then never imports them, and their edits leave it fresh.

FIELDS = tuple(f.name for f in dataclasses.fields(ExampleInputs))


def setting(name: str) -> str | None:
    """An EXPLAINER_* variable's value, announced (an audit event) so that
    a render records which settings it depends on."""
    sys.audit("explainer.setting", name)
    return os.environ.get(name) or None


def example_inputs() -> ExampleInputs:
    """The post's inputs, or those of the file in EXPLAINER_EXAMPLE."""
    path = setting("EXPLAINER_EXAMPLE")
    if not path:
        return BLOG_INPUTS
    data = _read_json("EXPLAINER_EXAMPLE", path)
    if not isinstance(data, dict):
        raise SettingError(f"EXPLAINER_EXAMPLE: {path} must hold a JSON object with the keys {', '.join(FIELDS)}")
    missing, unknown = [f for f in FIELDS if f not in data], [k for k in data if k not in FIELDS]
    if missing or unknown:
        wrong = [f"{what} {', '.join(keys)}" for what, keys in (("missing", missing), ("unknown", unknown)) if keys]
        raise SettingError(f"EXPLAINER_EXAMPLE: {path}: {'; '.join(wrong)}; expected exactly the keys {', '.join(FIELDS)}")
    try:
        return ExampleInputs(**data)
    except (TypeError, ValueError) as err:
        raise SettingError(f"EXPLAINER_EXAMPLE: {path}: {err}") from None


def example(chain: Chain = "displayed") -> WorkedExample:
    """The worked example the scenes show; the displayed chain by default,
    because what is on screen must redo by hand."""
    return worked_example(chain, example_inputs())


def _read_json(variable: str, path: str) -> object:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise SettingError(f"{variable}: cannot read {path}: {err}") from None


# A crop's cells must fit the convolution frame beside the filter and the map (0.62 a cell).
SMALLEST_CROP, LARGEST_CROP = 4, 8


def crop() -> Crop:
    """The crop the convolution and pooling scenes sweep: where the
    vertical-edge filter responds most on the real digit, unless
    EXPLAINER_CROP names one."""
    from mathcore import Crop, edge_crop

    path = setting("EXPLAINER_CROP")
    if not path:
        return edge_crop(mnist_digit().image)
    data = _read_json("EXPLAINER_CROP", path)
    if not isinstance(data, dict) or "values" not in data:
        raise SettingError(f"EXPLAINER_CROP: {path} must hold {{\"values\": [[...], ...]}}")
    try:
        values = as_array(data["values"], "EXPLAINER_CROP.values", ndim=2)
    except (TypeError, ValueError) as err:  # a SettingError ends a render in one line
        raise SettingError(str(err)) from None
    if values.shape[0] != values.shape[1] or not SMALLEST_CROP <= values.shape[0] <= LARGEST_CROP:
        raise SettingError(
            f"EXPLAINER_CROP.values: expected a square of {SMALLEST_CROP}×{SMALLEST_CROP} to {LARGEST_CROP}×{LARGEST_CROP}, got {values.shape}"
        )
    outside = np.argwhere((values < 0) | (values > 1))
    if outside.size:  # the cells are shaded 0 black to 1 white; beyond, the shade would contradict the number
        r, c = outside[0]
        raise SettingError(f"EXPLAINER_CROP.values[{r}][{c}]: {values[r, c]:g} is outside 0–1 (pixel values, 0 black, 1 white)")
    return Crop(None, values)


def results(name: str) -> AnyResult:
    """One experiment's cached result as its typed record (mathcore.learn.results)."""
    from mathcore.learn import load

    folder = setting("EXPLAINER_RESULTS")
    return load(name, Path(folder) if folder else None)


@dataclasses.dataclass(frozen=True)
class MnistDigit:
    """The held-out digit the CNN videos follow: its pixels (28×28, 0–1),
    its row in the MNIST file and its label."""

    image: np.ndarray
    id: int
    label: int


def mnist_digit() -> MnistDigit:
    """The digit of the ``features`` experiment, so every CNN video shows the
    same real digit whose feature maps the pipeline video shows."""
    from mathcore.learn import Features

    features = results("features")
    assert isinstance(features, Features)
    return MnistDigit(features.image, features.digit.id, features.digit.label)
