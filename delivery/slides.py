"""Presenter mode: every video of the series as a manim-slides deck.

A deck is the video's own scene class combined at run time with
``SlideMixin`` and manim-slides' ``Slide``; no scene is copied. Each
narration line is one slide: where a line begins (``say``), the slide before
it ends, and the line is the new slide's speaker note. The burned-in caption
is left out unless asked for (the teacher speaks).

``make slides`` writes, per language, into build/slides/<lang>/:

    <NN>-<id>.html    a reveal.js deck (its clips in <NN>-<id>-clips-<digest>/)
    <NN>-<id>.pptx    the same slides for PowerPoint
    series.html       every deck built, one vertical stack of slides per video

reveal.js itself comes from npm once (``npm pack``, cached in the venv) into
build/slides/reveal.js/, so the decks work from file:// without a network.
Like the videos, a deck is rebuilt only when its inputs change, in a work
folder, and put in place by renames: the HTML last, after its clips.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from manim import Mobject, Scene, VGroup, config
from manim_slides import Slide
from manim_slides.config import PresentationConfig
from manim_slides.convert import RevealJS
from manim_slides.slide.base import BaseSlide

from scenes.series import SERIES
from scenes.toolkit.base import ExplainerScene
from scenes.toolkit.captions import Event
from scenes.toolkit.i18n import t

from .cut import duration
from .depends import Snapshot
from .files import read_record, write_text
from .progress import Outcome, PlainReport, Reporter
from .render import (
    ROOT,
    Job,
    RenderFailed,
    check_jobs,
    jobs_for,
    made,
    read_used,
    run_manim,
    run_stale,
)

# The reveal.js release manim-slides' HTML template is written for.
REVEAL_VERSION: str = RevealJS.model_fields["reveal_version"].default
# Where `npm pack` leaves reveal.js once per venv (make clean keeps it).
REVEAL_CACHE = Path(sys.prefix) / "share" / "cnn-explainer"
SLIDES_SOURCE = Path(__file__).resolve()  # the mixin below: part of every deck's digest


# The deck classes, used inside the manim process that renders a deck.


class ManimSlide(Slide):
    """manim-slides 5.7's ``Slide`` for manim 0.22, which no longer has the
    ``write_to_movie`` and ``flush_cache`` settings that ``Slide.__init__``
    and ``Slide.render`` set and read (both raise AttributeError there)."""

    deck_folder = Path("slides")  # where the deck's JSON and clips go
    skip_reversing = True  # reversed clips only serve `manim-slides present`'s back key

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Every partial movie is a slide's clip: none may be pruned from
        # manim's segment cache (100 files by default) before the deck is saved.
        config.max_files_cached = -1
        BaseSlide.__init__(self, *args, output_folder=self.deck_folder, **kwargs)  # Slide.__init__ minus write_to_movie

    def render(self, preview: bool = False) -> Any:
        """Render the scene, then cut its partial movies into slides."""
        rerun = Scene.render(self, preview)
        self._save_slides(use_cache=False, skip_reversing=self.skip_reversing)
        return rerun


class SlideMixin:
    """Cuts an ExplainerScene into one slide per narration line. Goes first
    in the bases, before the scene and ``ManimSlide`` (see ``deck_class``)."""

    captions = False  # whether the burned-in caption stays in the deck
    narration: list[str]

    def say(self, key: str, **values: object) -> None:
        """End the previous line's slide once its caption has been read,
        then start this line's slide with the line as its speaker note."""
        line = self.s(key, **values)  # type: ignore[attr-defined]
        self.hold(at_least=0.0)  # type: ignore[attr-defined]  # the previous line's reading time stays on its slide
        if self.narration:
            self.next_slide(notes=line)  # type: ignore[attr-defined]
        else:
            # The first slide also holds what comes before the first line
            # (the title): it is open already, so only its note is set.
            self._base_slide_config.notes = line  # type: ignore[attr-defined]
        super().say(key, **values)  # type: ignore[misc]

    def caption_for(self, event: Event) -> Mobject:
        """The caption, or (when the teacher speaks) an empty group the scene
        still fades in and out on cue, so the timing is the video's."""
        return super().caption_for(event) if self.captions else VGroup()  # type: ignore[misc]


def deck_class(scene: type[ExplainerScene], module: str, folder: Path, captions: bool = False) -> type:
    """The deck of ``scene``, ``<Scene>Deck``, defined in ``module`` (manim
    renders the scenes a file defines), writing its slides into ``folder``."""
    return type(
        f"{scene.__name__}Deck",
        (SlideMixin, scene, ManimSlide),
        {"__module__": module, "captions": captions, "deck_folder": folder},
    )


# The file manim renders: the scene's class made a deck.
ENTRY = '''"""The deck of scenes/{module}.py, written by delivery/slides.py for one render."""
from pathlib import Path

from delivery.slides import deck_class
from scenes.{module} import {scene}

{scene}Deck = deck_class({scene}, __name__, Path(__file__).parent / "slides", captions={captions})
'''


# The pipeline: make slides.


@dataclass(frozen=True)
class DeckLayout:
    """Where the decks go, and their records, work folders and logs."""

    build: Path

    def folder(self, lang: str) -> Path:
        return self.build / "slides" / lang

    def html(self, job: Job) -> Path:
        return self.folder(job.lang) / f"{job.name}.html"

    def pptx(self, job: Job) -> Path:
        return self.folder(job.lang) / f"{job.name}.pptx"

    def series(self, lang: str) -> Path:
        return self.folder(lang) / "series.html"

    def record(self, lang: str, name: str) -> Path:
        return self.build / ".digests" / "slides" / lang / f"{name}.json"

    def work(self, job: Job) -> Path:
        return self.build / ".work" / "slides" / job.lang / job.name

    def log(self, job: Job) -> Path:
        return self.build / "logs" / "slides" / job.lang / f"{job.name}.log"

    def reveal(self) -> Path:
        return self.build / "slides" / "reveal.js"


def deck_made(job: Job, captions: bool) -> dict[str, str]:
    """What a deck is made as, besides the inputs its render reads."""
    return {**made(job), "deck": f"captions={captions}", "manim-slides": version("manim-slides"), "reveal.js": REVEAL_VERSION}


def deck_digest(inputs: dict) -> str:  # type: ignore[type-arg]
    """A deck's name among its older versions: the hash of what it was made from."""
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def clips_name(name: str, made_from: str) -> str:
    """The folder of a deck's clips, named by its digest, so that a new deck
    never overwrites the clips an older HTML file still points to."""
    return f"{name}-clips-{made_from[:12]}"


def deck_fresh(job: Job, layout: DeckLayout, now: Snapshot, captions: bool) -> bool:
    """Are the deck's HTML, clips and PowerPoint in place, made from inputs
    that are as they are ``now``?"""
    record = read_record(layout.record(job.lang, job.name))
    inputs = record.get("inputs")
    if not isinstance(inputs, dict) or now.changed(inputs, deck_made(job, captions)) is not None:
        return False
    clips = layout.folder(job.lang) / clips_name(job.name, deck_digest(inputs))
    return layout.html(job).exists() and layout.pptx(job).exists() and clips.is_dir()


def note_html(line: str) -> str:
    """A narration line as the deck's speaker note: manim-slides puts notes
    into the HTML as they are and reveal.js reads them as Markdown, so
    Markdown's punctuation is escaped, then HTML's."""
    return html.escape(re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~])", r"\\\1", line), quote=False)


def with_html_notes(deck: PresentationConfig, vertical: bool = False) -> PresentationConfig:
    """A copy of ``deck`` with its notes escaped for HTML (and its slides
    stacked vertically, as one section of a longer deck)."""
    direction = "vertical" if vertical else "horizontal"
    slides = [s.model_copy(update={"notes": note_html(s.notes), "direction": direction}) for s in deck.slides]
    return deck.model_copy(update={"slides": slides})


def write_reveal(decks: list[PresentationConfig], target: Path, clips: str, title: str, **options: Any) -> None:
    """A reveal.js deck of ``decks`` at ``target``, its clips copied into the
    folder ``clips`` beside it, reveal.js taken from ../reveal.js."""
    converter = RevealJS(presentation_configs=decks, assets_dir=clips, cdn_url="../reveal.js", title=html.escape(title), **options)
    converter.convert_to(target)


def reveal_js(build: Path) -> Path:
    """build/slides/reveal.js, unpacked from reveal.js's npm package (fetched
    once per venv with `npm pack`); returns the folder."""
    target = DeckLayout(build).reveal()
    if (target / "dist" / "reveal.js").exists():
        return target
    package = REVEAL_CACHE / f"reveal.js-{REVEAL_VERSION}.tgz"
    if not package.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is missing: it fetches reveal.js once for the decks (Debian: apt-get install npm)")
        REVEAL_CACHE.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=REVEAL_CACHE) as tmp:
            result = subprocess.run(
                [npm, "pack", f"reveal.js@{REVEAL_VERSION}", "--pack-destination", tmp, "--silent"],
                capture_output=True, text=True, check=False,
            )
            fetched = Path(tmp) / package.name
            if result.returncode != 0 or not fetched.exists():
                said = result.stderr.strip().splitlines()
                raise RuntimeError(f"npm pack reveal.js@{REVEAL_VERSION} failed: {said[-1] if said else f'exit {result.returncode}'}")
            os.replace(fetched, package)
    staging = target.with_name(".reveal.js.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    with tarfile.open(package) as tgz:
        members = [m for m in tgz.getmembers() if m.name.startswith("package/dist/") and m.isfile()]
        tgz.extractall(staging, members=members, filter="data")
    shutil.rmtree(target, ignore_errors=True)
    os.replace(staging / "package", target)
    shutil.rmtree(staging)
    return target


def render_deck(job: Job, work: Path, captions: bool) -> tuple[Path, PresentationConfig]:
    """Render the deck of ``job`` with manim in ``work``; returns the deck's
    whole video (for its length) and its slides."""
    entry = work / "deck.py"
    entry.write_text(ENTRY.format(module=job.entry.module, scene=job.entry.scene, captions=captions), encoding="utf-8")
    # Every tick encoded: manim-slides reverses and re-encodes clips frame by frame, one frame a tick.
    video = run_manim(job, work, (entry, f"{job.entry.scene}Deck"), every_frame=True)
    return video, PresentationConfig.from_file(work / "slides" / f"{job.entry.scene}Deck.json")


def convert_pptx(job: Job, work: Path, target: Path) -> None:
    """manim-slides' PowerPoint converter, run as its command so that its
    progress bars go to the job's log."""
    command = [str(Path(sys.executable).with_name("manim-slides")), "convert", "--to", "pptx", "--folder", str(work / "slides"), f"{job.entry.scene}Deck", str(target)]
    convert_log = work / "convert.log"
    with open(convert_log, "w", encoding="utf-8") as out:
        result = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False)
    if result.returncode != 0 or not target.exists():
        raise RenderFailed(f"{job.lang}/{job.name}: manim-slides convert --to pptx exited with {result.returncode}", convert_log)


def make_deck(job: Job, layout: DeckLayout, now: Snapshot, captions: bool) -> float:
    """Render one deck in its work folder and move it into place: clips,
    then PowerPoint, then the HTML that points to the clips, each by a
    rename; record what it read (its values in ``now``, the snapshot taken
    before the render) and drop older clips. Returns the seconds of video."""
    work = layout.work(job)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    video, deck = render_deck(job, work.resolve(), captions)
    inputs = now.record(read_used(work), deck_made(job, captions))
    made_from = deck_digest(inputs)
    out = work / "out"
    clips = clips_name(job.name, made_from)
    title = f"{job.entry.number}. {t(f'{job.entry.id}.title', job.lang)}"
    write_reveal([with_html_notes(deck)], out / f"{job.name}.html", clips, title)
    convert_pptx(job, work, out / f"{job.name}.pptx")
    # The slides and their notes, for the series deck; each clip named
    # relative to the language's folder, as PresentationConfig.from_file reads it.
    in_place = [s.model_copy(update={"file": Path(clips, s.file.name), "rev_file": Path(clips, s.file.name)}) for s in deck.slides]
    deck.model_copy(update={"slides": in_place}).to_file(out / clips / "deck.json")
    folder = layout.folder(job.lang)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(folder / clips, ignore_errors=True)  # the same digest made again (its record was lost)
    os.replace(out / clips, folder / clips)
    os.replace(out / f"{job.name}.pptx", layout.pptx(job))
    os.replace(out / f"{job.name}.html", layout.html(job))
    seconds = duration(video)
    write_text(layout.record(job.lang, job.name), json.dumps({"digest": made_from, "inputs": inputs, "seconds": seconds, "slides": len(deck.slides)}))
    drop_other_clips(folder, job.name, keep=clips)
    shutil.rmtree(work, ignore_errors=True)
    return seconds


def drop_other_clips(folder: Path, name: str, keep: str) -> None:
    """Remove the clip folders of ``name`` that its HTML no longer points to."""
    for old in folder.glob(f"{name}-clips-*"):
        if old.name != keep and old.is_dir():
            shutil.rmtree(old)


def series_deck(layout: DeckLayout, lang: str) -> Path | None:
    """build/slides/<lang>/series.html from every deck of the language in
    place, in series order, one vertical stack per video (→ steps through
    them all); remade only when a deck changed. None when there is no deck."""
    decks = []
    for e in SERIES:
        record = read_record(layout.record(lang, e.name))
        clips = layout.folder(lang) / clips_name(e.name, record.get("digest", ""))
        if record and (clips / "deck.json").exists() and (layout.folder(lang) / f"{e.name}.html").exists():
            decks.append((e.name, record["digest"], clips))
    target = layout.series(lang)
    if not decks:
        return None
    h = hashlib.sha256("|".join(f"{name}={d}" for name, d, _ in decks).encode())
    h.update(SLIDES_SOURCE.read_bytes())
    made_from = h.hexdigest()
    if target.exists() and read_record(layout.record(lang, "series")).get("digest") == made_from:
        return target
    configs = []
    for _, _, clips in decks:
        deck = PresentationConfig.from_file(clips / "deck.json")
        configs.append(with_html_notes(deck, vertical=True))
    clips = clips_name("series", made_from)
    with tempfile.TemporaryDirectory(dir=layout.folder(lang)) as tmp:
        staged = Path(tmp) / "series.html"
        write_reveal(configs, staged, clips, t("series.title", lang), navigation_mode="linear")
        shutil.rmtree(layout.folder(lang) / clips, ignore_errors=True)
        os.replace(Path(tmp) / clips, layout.folder(lang) / clips)
        os.replace(staged, target)
    write_text(layout.record(lang, "series"), json.dumps({"digest": made_from, "slides": sum(len(c.slides) for c in configs)}))
    drop_other_clips(layout.folder(lang), "series", keep=clips)
    return target


def slides_all(
    quality: str,
    langs: Iterable[str],
    build: Path,
    jobs: int | None = None,
    scene_ids: Iterable[str] = (),
    captions: bool = False,
    report: Reporter | None = None,
    root: Path = ROOT,
) -> list[Outcome]:
    """Make the decks that are out of date (of ``scene_ids``, or of the whole
    series), ``jobs`` at a time, then each language's series deck; returns
    how each deck ended."""
    layout = DeckLayout(build)
    todo = jobs_for(quality, langs, scene_ids)
    workers = check_jobs(jobs)
    report = report or PlainReport()
    reveal_js(build)
    now = Snapshot.take(root)  # before any render starts
    outcomes = run_stale(
        todo,
        fresh=lambda job: deck_fresh(job, layout, now, captions),
        make=lambda job: make_deck(job, layout, now, captions),
        log_of=layout.log,
        length_of=lambda job: read_record(layout.record(job.lang, job.name)).get("seconds"),
        workers=workers,
        report=report,
        noun="decks",
    )
    for lang in dict.fromkeys(job.lang for job in todo):
        series = series_deck(layout, lang)
        if series:
            report.step(f"series deck: {series}")
    return outcomes
