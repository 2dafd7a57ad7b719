"""What each video was made from, recorded as it renders, like a compiler's
dependency file.

The manim child (``delivery/encoder.py``) notes what its scene actually
read: the string keys of its language, the project modules it imported, the
data files it opened (results, fonts, images, the files the EXPLAINER_*
variables name) and the EXPLAINER_* settings it looked at. The parent takes
a snapshot of every input before the render starts, and stores, for each
input the video used, its value in that snapshot. A video is fresh when
each of those values is still the same, so

- an edited sentence re-renders the videos that say it, and only those;
- a module or file a video never read does not make it stale;
- an edit made while the video renders was not in the snapshot: the video
  is stale next time, never wrongly fresh;
- a video with no record, or one that cannot be read, is stale.

    python -m delivery status     lists the stale videos and, for each, the first input that changed
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STRINGS = Path("scenes/toolkit/strings")  # read key by key, not as files
NOT_INPUTS = (".git", ".venv", "build", "media", "__pycache__", ".pytest_cache")  # outputs and tools, never inputs
SETTINGS = ("EXPLAINER_EXAMPLE", "EXPLAINER_CROP", "EXPLAINER_RESULTS")  # each names a file or folder
RECORD_VARIABLE = "EXPLAINER_DEPENDS"  # where the child writes what it used

# The events the scene's code raises (sys.audit) besides Python's own "open".
STRING_EVENT = "explainer.string"  # (lang, key)
SETTING_EVENT = "explainer.setting"  # (name,)
FILE_EVENT = "explainer.file"  # (path,): a file read by C code (a font), which Python does not see


# --- in the manim child: what the scene reads ---------------------------------------------


@dataclass
class Used:
    """The inputs one render read, by name (their values come from the snapshot)."""

    strings: set[tuple[str, str]] = field(default_factory=set)  # (lang, key)
    files: set[str] = field(default_factory=set)  # input names, as Snapshot.name gives them
    settings: set[str] = field(default_factory=set)

    def as_json(self) -> dict[str, Any]:
        return {"strings": sorted(self.strings), "files": sorted(self.files), "settings": sorted(self.settings)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Used:
        return cls({(lang, key) for lang, key in data["strings"]}, set(data["files"]), set(data["settings"]))


def input_name(path: str | os.PathLike[str], root: Path = ROOT, custom: Iterable[Path] = ()) -> str | None:
    """An input's name: its path relative to the checkout, or its absolute
    path under a folder an EXPLAINER_* setting names; None for anything
    else (manim's own files, the work folder, the string tables)."""
    absolute = Path(os.path.abspath(path))
    for base in custom:
        if absolute == base or base in absolute.parents:
            return str(absolute)
    try:
        rel = absolute.relative_to(root)
    except ValueError:
        return None
    if not rel.parts or rel.parts[0] in NOT_INPUTS or "__pycache__" in rel.parts or rel.parent == STRINGS:
        return None
    return rel.as_posix()


def watch(root: Path = ROOT) -> Used:
    """Note every input read from now on in this process; ``write_used``
    saves them at the end. An audit hook cannot be removed:
    call this once, in a process made for one render."""
    used = Used()
    custom = [Path(os.path.abspath(v)) for name in SETTINGS if (v := os.environ.get(name))]

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "open" and isinstance(args[0], (str, os.PathLike)) and _reading(args[1], args[2]):
            name = input_name(args[0], root, custom)
            if name is not None and os.path.isfile(args[0]):
                used.files.add(name)
        elif event == STRING_EVENT:
            used.strings.add((args[0], args[1]))
        elif event == SETTING_EVENT:
            used.settings.add(args[0])
        elif event == FILE_EVENT:
            name = input_name(args[0], root, custom)
            if name is not None:
                used.files.add(name)

    sys.addaudithook(hook)
    return used


def _reading(mode: object, flags: object) -> bool:
    if isinstance(mode, str):
        return not set(mode) & set("wax+")
    return isinstance(flags, int) and flags & os.O_ACCMODE == os.O_RDONLY


def write_used(used: Used, out: Path, root: Path = ROOT) -> None:
    """Save what was read, the project's imported modules included (an
    import may read a cached .pyc instead of opening the source)."""
    for module in list(sys.modules.values()):
        source = getattr(module, "__file__", None)
        if source and (name := input_name(source, root)) is not None:
            used.files.add(name)
    out.write_text(json.dumps(used.as_json()), encoding="utf-8")


def copy_checkout(to: Path, root: Path = ROOT) -> Path:
    """A copy of what the videos are made from (code, strings, assets,
    manim.cfg), to edit freely and render from (run_manim's ``project``)."""
    ignore = shutil.ignore_patterns(*NOT_INPUTS, "*.pyc")
    for part in ("mathcore", "scenes", "delivery", "assets"):
        shutil.copytree(root / part, to / part, ignore=ignore)
    shutil.copy(root / "manim.cfg", to / "manim.cfg")
    return to


# --- in the parent: the inputs as they are, and each video's record ----------------------------


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _flatten(node: Any, prefix: str = "") -> dict[str, str]:
    """Every line of a string table by its dotted key (a list or table as JSON too)."""
    found = {prefix: json.dumps(node, ensure_ascii=False, sort_keys=True)} if prefix else {}
    if isinstance(node, dict):
        for key, value in node.items():
            found |= _flatten(value, f"{prefix}.{key}" if prefix else key)
    return found


@dataclass(frozen=True)
class Snapshot:
    """Every input of the project as it is now: each file's hash (the
    checkout's, and those under the EXPLAINER_* paths), each line of each
    language's strings, the settings and manim's version."""

    files: Mapping[str, str]
    strings: Mapping[str, Mapping[str, str]]
    settings: Mapping[str, str | None]
    manim: str

    @classmethod
    def take(cls, root: Path = ROOT, environ: Mapping[str, str] = os.environ) -> Snapshot:
        settings = {name: environ.get(name) or None for name in SETTINGS}
        custom = [Path(os.path.abspath(v)) for v in settings.values() if v]
        files = {}
        for path in _walk(root, custom):
            name = input_name(path, root, custom)
            if name is not None:
                files[name] = _sha(path)
        strings = {}
        for table in sorted((root / STRINGS).glob("*.toml")):
            with open(table, "rb") as f:
                strings[table.stem] = _flatten(tomllib.load(f))
        return cls(files, strings, settings, version("manim"))

    def record(self, used: Used, made: Mapping[str, str]) -> dict[str, Any]:
        """What a render that read ``used`` was made from: each input's value
        in this snapshot (None: not in it, so the next check finds it stale)."""
        return {
            "made": dict(made),
            "manim": self.manim,
            "settings": {name: self.settings.get(name) for name in sorted(used.settings)},
            "strings": {f"{lang} {key}": self.strings.get(lang, {}).get(key) for lang, key in sorted(used.strings)},
            "files": {name: self.files.get(name) for name in sorted(used.files)},
        }

    def changed(self, record: Mapping[str, Any], made: Mapping[str, str]) -> str | None:
        """The first input of ``record`` that is not as it was, named; None
        if every one is the same (the video is fresh)."""
        try:
            if record["made"] != dict(made):
                was, now = record["made"], dict(made)
                return next((f"{k}: {was.get(k)} → {now.get(k)}" for k in sorted({*was, *now}) if was.get(k) != now.get(k)))
            if record["manim"] != self.manim:
                return f"manim {record['manim']} → {self.manim}"
            for name, value in record["settings"].items():
                if value != self.settings.get(name):
                    return f"setting {name}"
            for key, text in record["strings"].items():
                lang, _, dotted = key.partition(" ")
                if text is None or self.strings.get(lang, {}).get(dotted) != text:
                    return f"strings: {key}"
            for name, sha in record["files"].items():
                if sha is None or self.files.get(name) != sha:
                    return name
        except (KeyError, TypeError, AttributeError, StopIteration):
            return "its record is unreadable"
        return None


def _walk(root: Path, custom: Iterable[Path]) -> Iterable[Path]:
    for base in (root, *custom):
        if base.is_file():
            yield base
            continue
        for folder, dirs, names in os.walk(base):
            dirs[:] = [d for d in dirs if d not in NOT_INPUTS]
            yield from (Path(folder, n) for n in names)
