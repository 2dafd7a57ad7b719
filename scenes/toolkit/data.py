"""Where the scenes get their numbers: mathcore, for the example in use.

The example is the post's unless EXPLAINER_EXAMPLE names a JSON file with
other inputs and weights ({"x1": …, "x2": …, "y1": …, "eta": …, "w1": … "w6": …}),
so a teacher can render the same videos for numbers of their own.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

from mathcore import BLOG_INPUTS, ExampleInputs, WorkedExample, worked_example
from mathcore.worked_example import Chain

FIELDS = tuple(f.name for f in dataclasses.fields(ExampleInputs))


def example_inputs() -> ExampleInputs:
    """The post's inputs, or those of the file in EXPLAINER_EXAMPLE."""
    path = os.environ.get("EXPLAINER_EXAMPLE")
    if not path:
        return BLOG_INPUTS
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ValueError(f"EXPLAINER_EXAMPLE: cannot read {path}: {err}") from None
    if not isinstance(data, dict) or set(data) != set(FIELDS):
        raise ValueError(f"EXPLAINER_EXAMPLE: {path} must hold exactly the keys {', '.join(FIELDS)}")
    return ExampleInputs(**data)


def example(chain: Chain = "displayed") -> WorkedExample:
    """The worked example the scenes show; the displayed chain by default,
    because what is on screen must redo by hand."""
    return worked_example(chain, example_inputs())
