"""The series in Korean (the post's language, the default) or English.

One string table per language, ``strings/<lang>.toml``; scenes look lines up
by key and never hold a user-facing sentence. ``EXPLAINER_LANG=ko|en``
picks the language, for ``manim`` run directly as much as for ``make``.
"""

from __future__ import annotations

import os
import sys
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from .errors import SettingError

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"
STRINGS = Path(__file__).resolve().parent / "strings"


def language() -> str:
    """The language asked for by EXPLAINER_LANG, checked."""
    lang = os.environ.get("EXPLAINER_LANG", DEFAULT_LANGUAGE).strip().lower() or DEFAULT_LANGUAGE
    if lang not in LANGUAGES:
        raise SettingError(f"EXPLAINER_LANG: unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return lang


@cache
def table(lang: str) -> dict[str, Any]:
    """The whole string table of one language, nested as in its TOML file."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang: unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    with open(STRINGS / f"{lang}.toml", "rb") as f:
        return tomllib.load(f)


def lookup(key: str, lang: str | None = None) -> Any:
    """The entry at a dotted key such as ``forward.title``. Each lookup is
    announced (an audit event) so that a render records the lines it used."""
    lang = lang or language()
    sys.audit("explainer.string", lang, key)
    node: Any = table(lang)
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"no string {key!r} in {lang}.toml")
        node = node[part]
    return node


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The line at ``key``, with {placeholders} filled from ``values``."""
    text = lookup(key, lang)
    if not isinstance(text, str):
        raise KeyError(f"{key!r} is a table, not a line")
    try:
        return text.format(**values)
    except KeyError as err:
        raise KeyError(f"{key!r} ({lang or language()}) needs {{{err.args[0]}}}, which was not given") from None
