"""Experiment results kept as small JSON files, each with the digest of
what made it.

A file is ``{"experiment": name, "digest": ..., "result": {...}}``. The
digest hashes the source of every module the experiments run, the digit
file, the experiment's name and its settings; a file whose digest differs
from the one computed now is stale. A stale, missing or unreadable file is
rebuilt when the caller allows it, and otherwise refused with a message that
says how to rebuild it. It is never read as if it were current.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

from ..cnn.digits import data_digest
from .experiments import EXPERIMENTS, Lab, Result, Settings
from .results import AnyResult, parse

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parents[1]

# Every module whose code the experiments execute (tests check the list
# against the imports of mathcore.learn).
SOURCES: tuple[str, ...] = (
    "validate.py",
    "dense/activations.py",
    "cnn/conv.py",
    "cnn/digits.py",
    "cnn/shift.py",
    "lineage/specs.py",
    "lineage/architectures.py",
    "learn/layers.py",
    "learn/models.py",
    "learn/train.py",
    "learn/experiments.py",
)


class StaleCache(RuntimeError):
    """A cached result that cannot be used as it is."""


def default_directory() -> Path | None:
    """``assets/experiments`` of the checkout mathcore runs from, or None when
    mathcore is installed on its own (then results are computed, not cached)."""
    directory = PACKAGE.parent / "assets" / "experiments"
    return directory if directory.parent.is_dir() else None


def digest(name: str, settings: Settings) -> str:
    """SHA-256 of the code, the data, the experiment and its settings."""
    h = hashlib.sha256()
    for source in SOURCES:
        h.update(source.encode() + b"\0" + (PACKAGE / source).read_bytes() + b"\0")
    h.update(data_digest().encode())
    h.update(f"{name}|{settings!r}".encode())
    return h.hexdigest()


def path_of(name: str, directory: Path) -> Path:
    return directory / f"{name}.json"


def check_name(name: str) -> str:
    if name not in EXPERIMENTS:
        raise ValueError(f"experiment: unknown name {name!r}; expected one of {', '.join(EXPERIMENTS)}")
    return name


def read(name: str, directory: Path, settings: Settings) -> Result:
    """The cached result, or StaleCache saying why it cannot be used."""
    path = path_of(check_name(name), directory)
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StaleCache(f"{path}: missing; run make experiments") from None
    except (OSError, ValueError) as err:
        raise StaleCache(f"{path}: unreadable ({err}); run make experiments") from None
    if not isinstance(stored, dict) or not isinstance(stored.get("result"), dict) or stored.get("experiment") != name:
        raise StaleCache(f"{path}: not a cached '{name}' result; run make experiments")
    if stored.get("digest") != digest(name, settings):
        raise StaleCache(f"{path}: stale (made by other code, data or settings); run make experiments")
    return stored["result"]


def write(name: str, result: Result, directory: Path, settings: Settings) -> Path:
    """Write atomically: a reader sees the old file or the new one, never half."""
    directory.mkdir(parents=True, exist_ok=True)
    path = path_of(name, directory)
    payload = json.dumps({"experiment": name, "digest": digest(name, settings), "result": result}, indent=1)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=directory, suffix=".tmp", delete=False) as tmp:
        tmp.write(payload + "\n")
    os.chmod(tmp.name, 0o644)  # NamedTemporaryFile makes it private; the cache is for everyone
    os.replace(tmp.name, path)
    return path


def build(names: tuple[str, ...], directory: Path | None, settings: Settings, *, force: bool = False, lab: Lab | None = None) -> dict[str, Result]:
    """Every named result: from the cache where it is fresh (unless ``force``),
    else computed, sharing one lab so each model trains once, and written back."""
    lab = lab or Lab(settings)
    results: dict[str, Result] = {}
    for name in map(check_name, names):
        if directory is not None and not force:
            try:
                results[name] = read(name, directory, settings)
                continue
            except StaleCache as why:
                log.info("rebuilding: %s", why)
        results[name] = EXPERIMENTS[name](lab)
        if directory is not None:
            log.info("wrote %s", write(name, results[name], directory, settings))
    return results


def load(name: str, directory: Path | None = None, settings: Settings | None = None) -> AnyResult:
    """A fresh cached result for the videos, as its typed record (results.py):
    StaleCache if there is none, so a scene never shows numbers that other
    code made; ResultError naming the field if it is malformed.
    ``directory`` defaults to the checkout's ``assets/experiments``."""
    directory = directory or default_directory()
    if directory is None:
        raise StaleCache("experiments: no assets/experiments folder beside mathcore; compute with mathcore.learn.cache.build")
    return parse(name, read(name, directory, settings or Settings()))
