"""The scene vocabulary, read from each scene file's syntax tree.

A scene picks a size from the type scale (``theme.*_SIZE``), never a number
or a number computed from one; it paces with ``hold()`` (``beat()`` for a fixed pause inside a line),
never ``wait()``;
it says keys relative to its ``section``, never a full key or a prefix
spelled by hand; and it does not redefine the base class's vocabulary.
"""

from __future__ import annotations

import ast
from pathlib import Path

from scenes.series import SERIES

SIZE_ARGUMENTS = ("size", "font_size")
SIZED_CALLS = {"text": 1, "formula": 1, "Text": None, "MathTypst": None}  # the position of a positional size
KEYED_CALLS = ("say", "s", "show_title")
VOCABULARY = ("say", "s", "show_title", "hold", "beat", "clear_stage", "key", "narrate", "then")
SHARED = ("series", "mnist")
VIDEOS = {e.id for e in SERIES}  # each video's table: a key starting with one is a full key


def _has_number(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Constant) and isinstance(n.value, (int, float)) and not isinstance(n.value, bool) for n in ast.walk(node))


def _numeric_names(tree: ast.AST) -> set[str]:
    """Names assigned anything with a number in it (``small = 20``,
    ``SIZE = theme.BODY_SIZE * 0.8``), so a size passed by such a name counts."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None and _has_number(node.value):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _literal_size(value: ast.AST, numeric: set[str]) -> bool:
    return _has_number(value) or any(isinstance(n, ast.Name) and n.id in numeric for n in ast.walk(value))


def _callee(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def problems(source: str, name: str = "<scene>") -> list[str]:
    """Every break of the vocabulary in a scene file, as ``name:line: what``."""
    tree = ast.parse(source)
    numeric = _numeric_names(tree)
    sections = {
        item.value.value
        for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
        for item in node.body
        if isinstance(item, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "section" for t in item.targets)
        and isinstance(item.value, ast.Constant)
    }
    found: list[str] = []

    def report(node: ast.AST, what: str) -> None:
        found.append(f"{name}:{getattr(node, 'lineno', 0)}: {what}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            callee = _callee(node)
            placeholders = callee in (*KEYED_CALLS, "t")  # say("windows", size=2) fills {size} in a sentence
            for kw in () if placeholders else node.keywords:
                if kw.arg in SIZE_ARGUMENTS and _literal_size(kw.value, numeric):
                    report(node, f"a literal font size ({ast.unparse(kw.value)}): use a theme.*_SIZE")
                if kw.arg is None and isinstance(kw.value, ast.Dict):
                    _sizes_in_dict(kw.value, numeric, report)
            position = SIZED_CALLS.get(callee)
            if position is not None and len(node.args) > position and _literal_size(node.args[position], numeric):
                report(node, f"a literal font size ({ast.unparse(node.args[position])}) passed by position: use a theme.*_SIZE")
            if callee == "wait" and isinstance(node.func, ast.Attribute):
                report(node, "wait(): pace with hold() (beat() inside a line)")
            if callee in KEYED_CALLS and node.args:
                _check_key(node.args[0], report)
            if callee == "t" and node.args and (_key_text(node.args[0]) or "").partition(".")[0] in sections:
                report(node, f"a key of the scene's own section through t() ({ast.unparse(node.args[0])}): use s()")
        elif isinstance(node, ast.Dict):
            _sizes_in_dict(node, numeric, report)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name in VOCABULARY:
                    report(item, f"{node.name} redefines {item.name}(): the base class's vocabulary is one for every scene")
    return sorted(set(found), key=lambda s: int(s.split(":")[1]))


def _sizes_in_dict(node: ast.Dict, numeric: set[str], report) -> None:  # type: ignore[no-untyped-def]
    for key, value in zip(node.keys, node.values):
        if isinstance(key, ast.Constant) and key.value in SIZE_ARGUMENTS and _literal_size(value, numeric):
            report(node, f"a literal font size in a dict ({ast.unparse(value)}): use a theme.*_SIZE")


def _check_key(arg: ast.AST, report) -> None:  # type: ignore[no-untyped-def]
    """A key is relative: no prefix built by hand, no full key of the scene's own table."""
    if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.FormattedValue):
        rest = arg.values[1] if len(arg.values) > 1 else None
        if isinstance(rest, ast.Constant) and str(rest.value).startswith("."):
            report(arg, f"a key prefixed by hand ({ast.unparse(arg)}): keys are relative to the scene's section")
    text = _key_text(arg)
    if text and "." in text and text.partition(".")[0] in VIDEOS:  # "layer.input" is a table inside the section
        report(arg, f"a full key ({text!r}): say it relative to the scene's section")


def _key_text(arg: ast.AST) -> str | None:
    """A key's text as far as it is written out: "intro", or "pooling." of f"pooling.{key}"."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
        return str(arg.values[0].value)
    return None


def file_problems(path: Path) -> list[str]:
    return problems(path.read_text(encoding="utf-8"), path.name)
