"""A preview of some of a video's lines, the author's loop: the cues to
show, as ``make preview SCENE=<id> LINE=9`` (or ``LINE=9-11``) asks for
them. Cues are the subtitle file's, numbered from 1 as in the .srt; the
scene skips the animations before the first (as manim's ``-n`` does, by
cue instead of by animation) and ends after the last. No manim here:
delivery checks a range before it starts manim."""

from __future__ import annotations

import os
import sys

from .errors import PreviewError

LINES_VARIABLE = "EXPLAINER_LINES"  # the cues of a preview: "9" or "9-11"
CUES_VARIABLE = "EXPLAINER_CUES"  # a file the scene writes its cues into (a JSON list), for `make list SCENE=`


def preview_range(value: str | None = None) -> tuple[int, int] | None:
    """The first and last cue of ``value`` (default: EXPLAINER_LINES), the
    last ``sys.maxsize`` for "to the end"; None when no range is asked for."""
    value = os.environ.get(LINES_VARIABLE, "") if value is None else value
    if not value.strip():
        return None
    first, dash, last = value.strip().partition("-")
    try:
        bounds = (int(first), int(last) if dash else sys.maxsize)
    except ValueError:
        raise PreviewError(f"LINE={value}: expected a line number (9) or a range (9-11)") from None
    if bounds[0] < 1:
        raise PreviewError(f"LINE={value}: lines are numbered from 1")
    if bounds[1] < bounds[0]:
        raise PreviewError(f"LINE={value}: the range runs backwards ({bounds[0]} to {bounds[1]})")
    return bounds
