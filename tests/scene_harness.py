"""Run a scene in dry-run mode and record what it put on screen."""

from __future__ import annotations

import copy
import importlib
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
from manim import MathTypst, Scene, Text, tempconfig

from mathcore.learn import EXPERIMENTS, Settings
from mathcore.learn import cache as experiment_cache
from scenes.series import Episode
from scenes.toolkit import LANGUAGES, results

DECIMAL = re.compile(r"\d+\.\d+")
NUMBER = re.compile(r"\d+(?:\.\d+)?")


FRAME_SIZE = (426, 240)


@dataclass
class Shown:
    """The strings of every Text and Typst mobject a scene showed."""

    strings: list[str] = field(default_factory=list)
    duration: float = 0.0
    subcaptions: list[str] = field(default_factory=list)  # the narration lines, in order
    cues: list[tuple[float, float, str]] = field(default_factory=list)  # subtitle events: start, end, text
    frame: np.ndarray | None = None  # the last frame at FRAME_SIZE, (H, W, 3) uint8

    def decimals(self) -> set[Decimal]:
        """Every decimal number shown, as a magnitude (signs are part of formulas)."""
        return {Decimal(m).normalize() for s in self.strings for m in DECIMAL.findall(s)}

    def numbers(self) -> set[Decimal]:
        """Every number shown, whole ones included (a map cell may read 2)."""
        return {Decimal(m).normalize() for s in self.strings for m in NUMBER.findall(s)}

    def record(self, *mobjects: object) -> None:
        for mob in mobjects:
            for m in mob.get_family():  # type: ignore[attr-defined]
                if isinstance(m, MathTypst):
                    self.strings.append(m.typst_code)
                elif isinstance(m, Text):
                    self.strings.append(m.original_text)


def _set_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


@contextmanager
def environment(**values: str | None) -> Iterator[None]:
    """Set (or, for None, unset) environment variables for a block."""
    saved = {k: os.environ.get(k) for k in values}
    try:
        for k, v in values.items():
            _set_env(k, v)
        yield
    finally:
        for k, v in saved.items():
            _set_env(k, v)


def results_folder(folder: Path, change: Callable[[str, dict], dict]) -> Path:  # type: ignore[type-arg]
    """Every cached experiment result, as ``change(name, copy)`` makes it,
    written to ``folder`` as the cache writes them (for EXPLAINER_RESULTS)."""
    for name in EXPERIMENTS:
        experiment_cache.write(name, change(name, copy.deepcopy(results(name))), folder, Settings())
    return folder


def runs_with_results(entry: Episode, folder: Path, media_dir: Path, change: Callable[[str, dict], dict]) -> dict[str, Shown]:  # type: ignore[type-arg]
    """Dry runs of ``entry`` in each language on the cached results as
    ``change`` makes them: the video must follow other numbers."""
    with environment(EXPLAINER_RESULTS=str(results_folder(folder, change))):
        return {lang: dry_run(entry, lang, media_dir) for lang in LANGUAGES}


def scene_class(entry: Episode) -> type[Scene]:
    return getattr(importlib.import_module(f"scenes.{entry.module}"), entry.scene)


def dry_run(entry: Episode, lang: str, media_dir: Path, example: Path | None = None, crop: Path | None = None) -> Shown:
    """Render ``entry`` with no frames written, recording what it showed:
    every added mobject and every Transform target (which a Transform shows
    without adding)."""
    shown = Shown()
    cls = scene_class(entry)

    class Recording(cls):  # type: ignore[misc, valid-type]
        def add(self, *mobjects):  # type: ignore[no-untyped-def]
            shown.record(*mobjects)
            return super().add(*mobjects)

        def play(self, *animations, **kwargs):  # type: ignore[no-untyped-def]
            for anim in animations:
                target = getattr(anim, "target_mobject", None)
                if target is not None:
                    shown.record(target)
            return super().play(*animations, **kwargs)

        def add_subcaption(self, content, duration=1, offset=0):  # type: ignore[no-untyped-def]
            start = self.time + offset
            shown.cues.append((start, start + duration, content))
            return super().add_subcaption(content, duration, offset)

    files = {"EXPLAINER_EXAMPLE": example, "EXPLAINER_CROP": crop}
    # No movie, only the last frame, small: one run gives the strings, the cues and the frame.
    settings = {
        "media_dir": str(media_dir),
        "pixel_width": FRAME_SIZE[0],
        "pixel_height": FRAME_SIZE[1],
        "frame_rate": 15,
        "save_last_frame": True,
        "write_to_movie": False,
        "disable_caching": True,
        "verbosity": "WARNING",
        "progress_bar": "none",
    }
    with environment(EXPLAINER_LANG=lang, **{k: str(v) if v else None for k, v in files.items()}), tempconfig(settings):
        scene = Recording(skip_animations=True)
        scene.render()
        shown.duration = scene.time
        shown.subcaptions = scene.narration
        shown.frame = np.array(scene.renderer.get_frame())[:, :, :3].copy()
    return shown


def last_frame(entry: Episode, lang: str, media_dir: Path) -> np.ndarray:
    """The scene's last frame at 426×240, as an (H, W, 3) uint8 array."""
    frame = dry_run(entry, lang, media_dir).frame
    assert frame is not None
    return frame
