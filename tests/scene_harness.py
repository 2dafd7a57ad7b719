"""Run a scene in dry-run mode and record what it put on screen."""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

import numpy as np
from manim import DL, UR, ImageMobject, Line, MathTypst, Mobject, Scene, Text, VMobject, tempconfig
from manim.animation.transform import ReplacementTransform, Transform, TransformFromCopy

from mathcore.learn import EXPERIMENTS, Settings, as_json
from mathcore.learn.results import AnyResult
from mathcore.learn import cache as experiment_cache
from scenes.series import Episode
from scenes.toolkit import LANGUAGES, results

DECIMAL = re.compile(r"\d+\.\d+")
NUMBER = re.compile(r"\d+(?:\.\d+)?")


FRAME_SIZE = (426, 240)


@dataclass(frozen=True)
class Item:
    """A visible Text or formula at the end of a narration line: its source
    (Text.original_text or MathTypst.typst_code), its box (x0, y0, x1, y1) in
    scene units and its colour (hex)."""

    kind: Literal["text", "formula"]
    source: str
    box: tuple[float, float, float, float]
    colour: str
    size: float = 0.0  # the font size it is drawn at, scaling included (fit_width shrinks it)
    opacity: float = 1.0  # of its glyphs: a dimmed text is paler on the background
    footnote: bool = False  # made by toolkit's footnote(): a smaller floor

    @property
    def centre(self) -> tuple[float, float]:
        return ((self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2)


@dataclass(frozen=True)
class Segment:
    """A visible Line or Arrow: its start and end in scene units, its colour (hex)."""

    start: tuple[float, float]
    end: tuple[float, float]
    colour: str


@dataclass(frozen=True)
class Screen:
    """What was on screen, caption aside, when a narration line ended."""

    line: str
    items: list[Item]
    lines: list[Segment]


def _visible(mob: Mobject) -> bool:
    """Some part of ``mob`` has points and a fill or a stroke that shows."""
    for part in mob.get_family():
        if not isinstance(part, VMobject) or not part.has_points():
            continue
        if part.get_fill_opacity() > 0 or (part.get_stroke_opacity() > 0 and part.get_stroke_width() > 0):
            return True
    return False


def _shows(mob: Mobject) -> bool:
    """Whether anything of ``mob`` is visible: a picture, or a part that _visible sees."""
    return any(isinstance(m, ImageMobject) for m in mob.get_family()) or _visible(mob)


def _colour(mob: VMobject) -> str:
    """The colour of the first part with points: a Text's glyphs carry it, not the Text."""
    part = next((m for m in mob.get_family() if m.has_points()), mob)
    return part.get_color().to_hex()


def _item(text: Mobject, shift: np.ndarray) -> Item:
    kind: Literal["text", "formula"] = "formula" if isinstance(text, MathTypst) else "text"
    glyphs = [m for m in text.get_family() if isinstance(m, VMobject) and m.has_points()]
    opacity = max((g.get_fill_opacity() for g in glyphs), default=1.0)
    return Item(kind, _source(text), _box(text, shift), _colour(text), float(getattr(text, "font_size", 0.0)), float(opacity), bool(getattr(text, "footnote", False)))


def _box(mob: Mobject, shift: np.ndarray) -> tuple[float, float, float, float]:
    (x0, y0), (x1, y1) = mob.get_corner(DL)[:2] + shift, mob.get_corner(UR)[:2] + shift
    return (float(x0), float(y0), float(x1), float(y1))


def _texts(mob: Mobject) -> list[Mobject]:
    """The Text and MathTypst mobjects of ``mob``'s family, outermost only."""
    if isinstance(mob, (Text, MathTypst)):
        return [mob]
    return [t for sub in mob.submobjects for t in _texts(sub)]


def _source(mob: Mobject) -> str:
    return mob.typst_code if isinstance(mob, MathTypst) else mob.original_text  # type: ignore[attr-defined]


class Inventory:
    """Snapshots of the visible texts, formulas and lines of a scene.

    A ``Transform(a, b)`` leaves ``a`` in the scene with ``b``'s shape but
    ``a``'s own source string: ``shows`` remembers ``b`` for ``a`` so that a
    snapshot reads what the viewer sees."""

    def __init__(self) -> None:
        # Keyed by id, holding the mobject too: a freed mobject's id can be
        # reused by a new one, which would inherit a stale target.
        self.shows: dict[int, tuple[Mobject, Mobject]] = {}

    @staticmethod
    def takes_text_away(anim: object) -> bool:
        """Whether ``anim`` removes, replaces or rewrites a text or formula."""
        mob = getattr(anim, "mobject", None)
        if mob is None or not _texts(mob):
            return False
        if getattr(anim, "remover", False) or isinstance(anim, ReplacementTransform):
            return True
        if isinstance(anim, Transform) and not isinstance(anim, TransformFromCopy):
            return [_source(t) for t in _texts(anim.target_mobject)] != [_source(t) for t in _texts(mob)]
        return False

    def transformed(self, anim: object) -> None:
        """Remember the target of a Transform that leaves its mobject in place
        (not a ReplacementTransform, not a TransformFromCopy, whose mobject
        is already the target), when it changes what the mobject says."""
        if not isinstance(anim, Transform) or isinstance(anim, (ReplacementTransform, TransformFromCopy)):
            return
        if anim.replace_mobject_with_target_in_scene:
            return
        target = anim.target_mobject
        if [_source(t) for t in _texts(target)] != [_source(t) for t in _texts(anim.mobject)]:
            self.shows[id(anim.mobject)] = (anim.mobject, target)

    def became(self, mob: Mobject, other: Mobject) -> None:
        """``mob.become(other)`` (an always_redraw readout's every update)
        takes ``other``'s shape but keeps ``mob``'s source string: remember
        ``other`` for ``mob``."""
        if _texts(other) and [_source(t) for t in _texts(other)] != [_source(t) for t in _texts(mob)]:
            self.shows[id(mob)] = (mob, other)

    @contextmanager
    def watching_become(self) -> Iterator[None]:
        """Record every ``become`` of the run (manim has no hook for it)."""
        original = Mobject.become
        inventory = self

        def become(mob: Mobject, other: Mobject, *args, **kwargs):  # type: ignore[no-untyped-def]
            result = original(mob, other, *args, **kwargs)
            inventory.became(mob, other)
            return result

        Mobject.become = become  # type: ignore[method-assign]
        try:
            yield
        finally:
            Mobject.become = original  # type: ignore[method-assign]

    def screen(self, line: str, mobjects: list[Mobject], caption: Mobject | None) -> Screen:
        items: list[Item] = []
        segments: list[Segment] = []
        skip = set() if caption is None else {id(m) for m in caption.get_family()}
        zero = np.zeros(2)

        def walk(mob: Mobject) -> None:
            if id(mob) in skip or getattr(mob, "is_caption", False):
                return
            shown = self.shows.get(id(mob))
            target = shown[1] if shown is not None else None
            if target is not None:
                # Read the target's strings, placed where the mobject now is.
                shift = (mob.get_center() - target.get_center())[:2]
                for t in _texts(target):
                    if _visible(mob):
                        items.append(_item(t, shift))
                return
            if isinstance(mob, (Text, MathTypst)):
                if _visible(mob):
                    items.append(_item(mob, zero))
                return
            if isinstance(mob, Line):  # Arrow and DashedLine too
                if _visible(mob):
                    start, end = mob.get_start()[:2], mob.get_end()[:2]
                    segments.append(Segment((float(start[0]), float(start[1])), (float(end[0]), float(end[1])), mob.get_stroke_color().to_hex()))
                return
            for sub in mob.submobjects:
                walk(sub)

        for mob in mobjects:
            walk(mob)
        return Screen(line, items, segments)


@dataclass(frozen=True)
class Moment:
    """One animation or wait: when it started and ended, what was on screen
    at its end (caption aside), and how many mobjects besides the caption
    were (pictures and shapes count, which the screen's texts and lines
    leave out)."""

    start: float
    end: float
    screen: Screen
    mobjects: int


@dataclass
class Shown:
    """The strings of every Text and Typst mobject a scene showed."""

    strings: list[str] = field(default_factory=list)
    duration: float = 0.0
    subcaptions: list[str] = field(default_factory=list)  # the narration lines, in order
    cues: list[tuple[float, float, str]] = field(default_factory=list)  # subtitle events: start, end, text
    frame: np.ndarray | None = None  # the last frame at FRAME_SIZE, (H, W, 3) uint8
    line_starts: list[float] = field(default_factory=list)  # when each narration line was said
    moments: list[Moment] = field(default_factory=list)  # each animation and wait, in order
    screens: list[Screen] = field(default_factory=list)  # what was up at the end of each narration line
    # What was up just before a text left or changed in the middle of a line
    # (a table faded out, a sweep's products replaced): numbers the line-end
    # screens never see.
    glimpses: list[Screen] = field(default_factory=list)

    def every_screen(self) -> list[Screen]:
        """The line-end screens and the glimpses between them."""
        return [*self.screens, *self.glimpses]

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


Change = Callable[[str, AnyResult], AnyResult]


def results_folder(folder: Path, change: Change) -> Path:
    """Every cached experiment result, as ``change(name, result)`` makes it
    (a typed record: change it with dataclasses.replace), written to
    ``folder`` as the cache writes them (for EXPLAINER_RESULTS)."""
    for name in EXPERIMENTS:
        experiment_cache.write(name, as_json(change(name, results(name))), folder, Settings())
    return folder


def runs_with_results(entry: Episode, folder: Path, media_dir: Path, change: Change) -> dict[str, Shown]:
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
    inventory = Inventory()
    playing: list[bool] = []  # non-empty while an animation plays
    cls = scene_class(entry)

    class Recording(cls):  # type: ignore[misc, valid-type]
        def add(self, *mobjects):  # type: ignore[no-untyped-def]
            shown.record(*mobjects)
            return super().add(*mobjects)

        def glimpse(self) -> None:
            """Snapshot the screen mid-line, unless it is the last snapshot again."""
            screen = inventory.screen(self.narration[-1] if self.narration else "", self.mobjects, self._caption)
            last = shown.glimpses[-1] if shown.glimpses else None
            if last is None or (last.line, last.items, last.lines) != (screen.line, screen.items, screen.lines):
                shown.glimpses.append(screen)

        def remove(self, *mobjects):  # type: ignore[no-untyped-def]
            # A scene's own remove(), not an animation's clean-up (play() saw that one).
            if not playing and any(m is not self._caption and _texts(m) for m in mobjects):
                self.glimpse()
            return super().remove(*mobjects)

        def play(self, *animations, **kwargs):  # type: ignore[no-untyped-def]
            for anim in animations:
                target = getattr(anim, "target_mobject", None)
                if target is not None:
                    shown.record(target)
            if any(getattr(a, "mobject", None) is not self._caption and Inventory.takes_text_away(a) for a in animations):
                self.glimpse()
            playing.append(True)
            start = self.time
            try:
                result = super().play(*animations, **kwargs)
            finally:
                playing.pop()
            if self.renderer.skip_animations:
                # A real render runs the updaters once more after the last
                # frame (manim skips that when skipping): without it an
                # always_redraw readout would keep the value of an earlier play.
                self.update_mobjects(0)
            for anim in animations:
                inventory.transformed(anim)
            screen = inventory.screen(self.narration[-1] if self.narration else "", self.mobjects, self._caption)
            others = [m for m in self.mobjects if not getattr(m, "is_caption", False) and m is not self._caption and _shows(m)]
            shown.moments.append(Moment(start, self.time, screen, len(others)))
            return result

        def _finish_line(self, pace: bool = True) -> None:
            line_up = bool(self._events)
            super()._finish_line(pace)
            if line_up:
                shown.screens.append(inventory.screen(self.narration[-1], self.mobjects, self._caption))

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
        with inventory.watching_become():
            scene.render()
        shown.duration = scene.time
        shown.subcaptions = scene.narration
        shown.line_starts = scene.line_starts
        shown.frame = np.array(scene.renderer.get_frame())[:, :, :3].copy()
    return shown


def last_frame(entry: Episode, lang: str, media_dir: Path) -> np.ndarray:
    """The scene's last frame at 426×240, as an (H, W, 3) uint8 array."""
    frame = dry_run(entry, lang, media_dir).frame
    assert frame is not None
    return frame
