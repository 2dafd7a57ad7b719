"""After the videos: per language the posters and key frames, the full cut
with chapters, and the page. Each step skips what is already newer than its
inputs, so a no-change `make render` costs seconds."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import srt

from scenes.series import SERIES, episode
from scenes.toolkit.captions import events
from scenes.toolkit.i18n import LANGUAGES, t

from .cut import Part, duration, join
from .progress import PlainReport, Reporter
from .site import Chapter, write_page
from .stills import gif, key_frames, key_frames_fresh


def parts(build: Path, lang: str) -> list[Part]:
    """The rendered videos of a language, in series order."""
    found = []
    for e in SERIES:
        video = build / "videos" / lang / f"{e.name}.mp4"
        if video.exists():
            found.append(Part(video, video.with_suffix(".srt"), f"{e.number}. {t(f'{e.id}.title', lang)}"))
    return found


def _newer(target: Path, sources: list[Path]) -> bool:
    return target.exists() and all(target.stat().st_mtime >= s.stat().st_mtime for s in sources)


def full_cut(build: Path, lang: str, report: Reporter) -> list[Chapter]:
    """build/<lang>/full.mp4 (+ .srt, .vtt), remade only when a part changed."""
    found = parts(build, lang)
    target = build / lang / "full.mp4"
    if _newer(target, [p.video for p in found] + [p.subtitles for p in found]):
        starts, offset = [], 0.0
        for p in found:
            starts.append(offset)
            offset += duration(p.video)
    else:
        report.step(f"joining {len(found)} videos into {target}")
        try:
            starts = join(found, target)
        except ValueError as err:
            report.step(f"no full cut for {lang}: {err}")
            for stale in (target, target.with_suffix(".srt"), target.with_suffix(".vtt")):
                stale.unlink(missing_ok=True)  # an older cut would no longer match its parts
            return []
    return [Chapter(p.title, s) for p, s in zip(found, starts)]


def finish(build: Path, report: Reporter | None = None, failed: Sequence[str] = ()) -> Path:
    """Posters and key frames, full cuts, and the page, for every language
    that has videos (not only those just rendered), from the videos that
    exist; ``failed`` names those that did not render. Returns the page."""
    report = report or PlainReport()
    found = {lang: parts(build, lang) for lang in LANGUAGES}
    stale = [(lang, part) for lang, some in found.items() for part in some if not key_frames_fresh(part.video, build / "stills" / lang)]

    def stills(lang: str, part: Part) -> str:
        key_frames(part.video, part.subtitles, build / "stills" / lang)
        return f"{lang}/{part.video.stem}"

    # One video at a time per core: decoding and PNG writing leave Python's lock.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for k, done in enumerate(pool.map(lambda job: stills(*job), stale), start=1):
            report.step(f"key frames {k}/{len(stale)}: {done}")
    chapters = {lang: full_cut(build, lang, report) for lang, some in found.items() if some}
    page = write_page(build, list(chapters), chapters, failed)
    report.step(f"page: {page}")
    return page


def sweep_gif(build: Path, lang: str) -> Path | None:
    """The convolution sweep, from the first worked position to the edge, as a
    GIF; None when the convolution video is not rendered."""
    e = episode("convolution")
    video = build / "videos" / lang / f"{e.name}.mp4"
    if not video.exists():
        return None
    cues = list(srt.parse(video.with_suffix(".srt").read_text(encoding="utf-8")))
    first, edge = events(t("convolution.first", lang), lang)[0], events(t("convolution.edge", lang), lang)[-1]
    start = next(c.start for c in cues if c.content == first.text).total_seconds()
    end = next(c.end for c in cues if c.content == edge.text).total_seconds()
    return gif(video, start, end, build / "stills" / lang / f"{e.name}-sweep.gif")
