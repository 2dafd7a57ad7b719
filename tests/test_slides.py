"""make slides: a real deck of one short video, opened in headless Chromium
(driven over the DevTools protocol, so that → is a real key press) and in
python-pptx, against the narration of the scene's own dry run."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fake_media import last_frame, make_video
from manim_slides.config import PresentationConfig, SlideConfig
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from delivery.render import USED, Job, RenderFailed
from delivery.slides import (
    DeckLayout,
    deck_made,
    reveal_js,
    slides_all,
    with_html_notes,
    write_reveal,
)
from scenes.series import episode
from scenes.toolkit import theme
from scenes.toolkit.layout import CAPTION_BOTTOM, CAPTION_TOP

SCENE, LANG = "update", "ko"  # the shortest video: five lines, about 40 s


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("build")
    outcomes = slides_all("l", [LANG], root, jobs=1, scene_ids=[SCENE])
    assert [o.ok for o in outcomes] == [True], outcomes
    return root


@pytest.fixture(scope="module")
def narration(series_runs) -> list[str]:  # type: ignore[no-untyped-def]
    """The lines the scene says, from its own dry run (no deck involved)."""
    lines = series_runs[(SCENE, LANG)].subcaptions
    assert len(lines) >= 3
    return lines


@pytest.fixture(scope="module")
def job() -> Job:
    return Job(episode(SCENE), LANG, "l")


class Chromium:
    """Headless Chromium over --remote-debugging-pipe: commands go in on its
    fd 3, replies and events come out on its fd 4, each JSON ending in NUL."""

    def __init__(self, profile: Path) -> None:
        path = shutil.which("chromium") or shutil.which("chromium-browser")
        assert path, "Chromium is missing: `make test` installs Debian's chromium (scripts/system-deps.sh)"
        to_chrome, from_chrome = os.pipe(), os.pipe()
        flags = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--remote-debugging-pipe",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--mute-audio",
            f"--user-data-dir={profile}", "--autoplay-policy=no-user-gesture-required", "--window-size=1280,720",
        ]
        # bash, not sh: dash refuses redirections from fds above 9.
        shell = f'exec "$0" "$@" 3<&{to_chrome[0]} 4>&{from_chrome[1]}'
        self.proc = subprocess.Popen(
            ["bash", "-c", shell, path, *flags, "about:blank"],
            pass_fds=(to_chrome[0], from_chrome[1]), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome[0])
        os.close(from_chrome[1])
        self.out, self.inp = to_chrome[1], from_chrome[0]
        self.pending = b""
        self.count = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self.count += 1
        message: dict[str, Any] = {"id": self.count, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.out, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self.count:
                assert "error" not in reply, (method, reply["error"])
                return reply["result"]
            self.events.append(reply)

    def _receive(self, timeout: float = 60.0) -> dict[str, Any]:
        while b"\0" not in self.pending:
            ready, _, _ = select.select([self.inp], [], [], timeout)
            assert ready, "Chromium did not answer"
            chunk = os.read(self.inp, 1 << 20)
            assert chunk, "Chromium exited"
            self.pending += chunk
        message, self.pending = self.pending.split(b"\0", 1)
        return json.loads(message)

    def open(self, url: str) -> str:
        """A new tab at ``url``; returns its session."""
        target = self.send("Target.createTarget", url=url)["targetId"]
        return self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]

    def evaluate(self, session: str, expression: str) -> Any:
        result = self.send("Runtime.evaluate", session, expression=expression, returnByValue=True, awaitPromise=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def until(self, session: str, expression: str, seconds: float = 30.0) -> Any:
        """Poll until ``expression`` is truthy (a wait, not a timed assertion)."""
        deadline = time.monotonic() + seconds
        while not (value := self.evaluate(session, expression)):
            assert time.monotonic() < deadline, f"never true: {expression}"
            time.sleep(0.1)
        return value

    def press(self, session: str, key: str, code: int) -> None:
        """A real key press, as a user's."""
        for kind in ("rawKeyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", session, type=kind, key=key, code=key, windowsVirtualKeyCode=code)

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        os.close(self.out)
        os.close(self.inp)


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    browser = Chromium(tmp_path_factory.mktemp("profile"))
    yield browser
    browser.close()


def open_deck(chromium: Chromium, deck: Path) -> str:
    session = chromium.open(deck.as_uri())
    chromium.until(session, "typeof Reveal !== 'undefined' && Reveal.isReady()")
    return session


NOTES = "Reveal.getSlides().map(s => s.querySelector('aside.notes')).map(n => n ? n.textContent.trim() : null)"
PLAYING = """(() => {
  const slide = Reveal.getCurrentSlide(), video = slide.slideBackgroundContentElement.querySelector('video');
  return video && !video.paused && video.currentTime > 0
    && decodeURI(video.currentSrc).endsWith(slide.getAttribute('data-background-video')) ? video.currentSrc : null;
})()"""


def test_the_deck_has_a_slide_per_narration_line_with_the_line_as_its_note(build: Path, job: Job, narration: list[str], chromium: Chromium) -> None:
    session = open_deck(chromium, DeckLayout(build).html(job))
    assert chromium.evaluate(session, "Reveal.getTotalSlides()") == len(narration)
    assert chromium.evaluate(session, NOTES) == narration
    # Each slide plays its own clip, and the clips are in place beside the deck.
    clips = chromium.evaluate(session, "Reveal.getSlides().map(s => s.getAttribute('data-background-video'))")
    assert len(set(clips)) == len(narration)
    assert all((build / "slides" / LANG / clip).is_file() for clip in clips)


def test_the_right_arrow_advances_and_plays_the_next_slide(build: Path, job: Job, chromium: Chromium) -> None:
    session = open_deck(chromium, DeckLayout(build).html(job))
    assert chromium.evaluate(session, "Reveal.getIndices().h") == 0
    chromium.press(session, "ArrowRight", 39)
    chromium.until(session, "Reveal.getIndices().h === 1")
    second = chromium.until(session, PLAYING)
    chromium.press(session, "ArrowRight", 39)
    chromium.until(session, "Reveal.getIndices().h === 2")
    assert chromium.until(session, PLAYING) != second


def test_the_series_deck_stacks_each_video_as_one_section(build: Path, narration: list[str], chromium: Chromium) -> None:
    session = open_deck(chromium, DeckLayout(build).series(LANG))
    assert chromium.evaluate(session, "Reveal.getHorizontalSlides().length") == 1  # one video built
    assert chromium.evaluate(session, "Reveal.getVerticalSlides().length") == len(narration)
    assert chromium.evaluate(session, NOTES) == narration
    chromium.press(session, "ArrowRight", 39)  # → steps through the stack
    chromium.until(session, "Reveal.getIndices().v === 1")


def test_the_powerpoint_has_a_movie_slide_per_line_with_its_note(build: Path, job: Job, narration: list[str]) -> None:
    deck = Presentation(str(DeckLayout(build).pptx(job)))
    assert len(deck.slides) == len(narration)
    assert [s.notes_slide.notes_text_frame.text for s in deck.slides] == narration
    assert all(any(shape.shape_type == MSO_SHAPE_TYPE.MEDIA for shape in s.shapes) for s in deck.slides)


def test_the_captions_are_left_out_of_the_deck(build: Path, job: Job) -> None:
    """The caption band (its baseline, and two lines up) is bare background
    at the end of every slide, where the video shows the line."""
    clips = sorted((build / "slides" / LANG).glob(f"{job.name}-clips-*/*.mp4"))
    assert clips
    background = np.array(theme.BACKGROUND.to_rgb()) * 255
    for clip in clips:
        frame = last_frame(clip)
        rows = frame.shape[0] / 8  # the frame is 8 units high, centred on 0
        band = frame[int(rows * (4 - CAPTION_TOP)) : int(rows * (4 - CAPTION_BOTTOM))].astype(float)
        assert np.abs(band - background).max() <= 12, clip.name


def test_a_second_run_renders_nothing_and_captions_make_another_deck(build: Path, job: Job) -> None:
    layout = DeckLayout(build)
    before = layout.html(job).stat().st_mtime_ns, layout.pptx(job).stat().st_mtime_ns
    assert slides_all("l", [LANG], build, jobs=1, scene_ids=[SCENE]) == []
    assert (layout.html(job).stat().st_mtime_ns, layout.pptx(job).stat().st_mtime_ns) == before
    assert deck_made(job, captions=True) != deck_made(job, captions=False)


def test_notes_with_markdown_and_html_characters_arrive_as_written(tmp_path: Path, chromium: Chromium) -> None:
    clip = tmp_path / "clip.mp4"
    make_video(clip, 1.0, 60)
    note = "1. <b>x</b> & y_1 * 2 = [3](4) # `5` \\ 6!"
    deck = PresentationConfig(slides=[SlideConfig(file=clip, rev_file=clip, notes=note)])
    reveal_js(tmp_path)  # build/slides/reveal.js, as make slides unpacks it
    page = tmp_path / "slides" / LANG / "deck.html"
    write_reveal([with_html_notes(deck)], page, "clips", "a <title> & more")
    session = open_deck(chromium, page)
    assert chromium.evaluate(session, NOTES) == [note]
    assert chromium.evaluate(session, "document.title") == "a <title> & more"


class FakeDeck:
    """Stands in for manim: writes a deck of ``slides`` small real clips as
    manim-slides would (its JSON and clips in work/slides/), or fails."""

    def __init__(self, slides: int = 2, fail: bool = False) -> None:
        self.slides, self.fail = slides, fail

    def __call__(self, job: Job, work: Path, captions: bool) -> tuple[Path, PresentationConfig]:
        folder = work / "slides" / "files" / f"{job.entry.scene}Deck"
        folder.mkdir(parents=True)
        clips = [folder / f"clip{k}.mp4" for k in range(self.slides)]
        for k, clip in enumerate(clips):
            make_video(clip, 1.0, 50 + 60 * k)
        if self.fail:
            (work / "manim.log").write_text("Traceback ...\nValueError: the scene broke\n")
            raise RenderFailed(f"{job.lang}/{job.name}: manim exited with 1", work / "manim.log")
        deck = PresentationConfig(slides=[SlideConfig(file=c, rev_file=c, notes=f"line {k}") for k, c in enumerate(clips)])
        deck.to_file(work / "slides" / f"{job.entry.scene}Deck.json")
        (work / USED).write_text(json.dumps({"files": [f"scenes/{job.entry.module}.py"], "strings": [], "settings": []}))
        return clips[0], deck


def deck_files(build: Path) -> dict[str, bytes]:
    folder = build / "slides" / LANG
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_deck_leaves_the_previous_one_and_a_new_one_replaces_it(tmp_path: Path, job: Job, monkeypatch: pytest.MonkeyPatch) -> None:
    layout = DeckLayout(tmp_path)
    monkeypatch.setattr("delivery.slides.render_deck", FakeDeck(slides=2))
    slides_all("l", [LANG], tmp_path, jobs=1, scene_ids=[SCENE])
    before = deck_files(tmp_path)
    first = sorted(p.name for p in layout.folder(LANG).glob(f"{job.name}-clips-*"))

    monkeypatch.setattr("delivery.slides.render_deck", FakeDeck(fail=True))
    (outcome,) = slides_all("l", [LANG], tmp_path, jobs=1, scene_ids=[SCENE], captions=True)  # another digest
    assert not outcome.ok and outcome.log == layout.log(job)
    assert "ValueError: the scene broke" in outcome.log.read_text(encoding="utf-8")
    assert deck_files(tmp_path) == before

    monkeypatch.setattr("delivery.slides.render_deck", FakeDeck(slides=3))
    slides_all("l", [LANG], tmp_path, jobs=1, scene_ids=[SCENE], captions=True)
    now = sorted(p.name for p in layout.folder(LANG).glob(f"{job.name}-clips-*"))
    assert len(first) == len(now) == 1 and first != now  # the old clips are gone
    assert layout.html(job).read_text(encoding="utf-8").count(f'data-background-video="{now[0]}/') == 3
    assert len(Presentation(str(layout.pptx(job))).slides) == 3
    assert layout.series(LANG).read_text(encoding="utf-8").count("data-background-video=") == 3
