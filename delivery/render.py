"""Render the series: every scene in every language, in parallel, only what
changed, and never a half-written file in build/videos/.

Each render records what its video was made from (depends.py): the string
keys it said, the project modules it imported, the files it opened and the
settings it read, each with its value in a snapshot taken before any render
starts, plus the quality and manim's version. A video whose every recorded
input is unchanged is skipped without starting manim. manim renders into a
private work folder; only a finished MP4 and its subtitles are moved into
build/videos/<lang>/ by rename, which is atomic.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from srt import parse as parse_srt

from scenes.series import SERIES, Episode, episode
from scenes.toolkit.i18n import LANGUAGES

from .cut import duration, to_vtt
from .depends import RECORD_VARIABLE, Snapshot, Used
from .files import read_record, write_text
from .progress import Outcome, PlainReport, Reporter, estimate

ROOT = Path(__file__).resolve().parents[1]
QUALITIES = {"l": "480p15", "m": "720p30", "h": "1080p60", "k": "2160p60"}
# What every scene depends on besides its own file and its strings.
MANIM_CFG = ROOT / "manim.cfg"  # the encoder settings (a file every render opens, so recorded)
USED = "used.json"  # what the manim child read, in its work folder (depends.watch)
log = logging.getLogger("delivery")


@dataclass(frozen=True)
class Job:
    """One video: a scene in a language at a quality."""

    entry: Episode
    lang: str
    quality: str

    @property
    def name(self) -> str:
        return self.entry.name


def check_choices(quality: str, langs: Iterable[str]) -> list[str]:
    """Validate QUALITY and LANGS; the error lists what is valid."""
    if quality not in QUALITIES:
        raise ValueError(f"QUALITY={quality}: unknown quality; expected one of {', '.join(QUALITIES)}")
    chosen = list(langs)
    for lang in chosen:
        if lang not in LANGUAGES:
            raise ValueError(f"LANGS: unknown language {lang!r}; expected some of {' '.join(LANGUAGES)}")
    if not chosen:
        raise ValueError(f"LANGS: no language given; expected some of {' '.join(LANGUAGES)}")
    return chosen


def made(job: Job) -> dict[str, str]:
    """What a video is made as, besides its inputs."""
    return {"scene": job.entry.scene, "lang": job.lang, "quality": job.quality}


@dataclass(frozen=True)
class Layout:
    """Where things go: finished videos, the record of digests, work folders."""

    build: Path

    def video(self, job: Job) -> Path:
        return self.build / "videos" / job.lang / f"{job.name}.mp4"

    def subtitles(self, job: Job) -> Path:
        return self.video(job).with_suffix(".srt")

    def record(self, job: Job) -> Path:
        return self.build / ".digests" / job.lang / f"{job.name}.json"

    def work(self, job: Job) -> Path:
        return self.build / ".work" / job.lang / job.name

    def log(self, job: Job) -> Path:
        return self.build / "logs" / job.lang / f"{job.name}.log"


def stale_reason(job: Job, layout: Layout, now: Snapshot) -> str | None:
    """Why the video must be rendered (the first input that changed since it
    was), or None if it is in place and up to date with ``now``."""
    if not (layout.video(job).exists() and layout.subtitles(job).exists()):
        return "not rendered yet"
    try:
        inputs = read_record(layout.record(job)).get("inputs")
    except (OSError, ValueError):
        return "its record is unreadable"
    if not isinstance(inputs, dict):
        return "no record of what it was made from"
    return now.changed(inputs, made(job))


def manim_command(
    job: Job, work: Path, scene: tuple[Path, str] | None = None, every_frame: bool = False, project: Path = ROOT, dry_run: bool = False
) -> list[str]:
    """The manim command that renders ``job`` into ``work``: the job's own
    scene (in the checkout at ``project``), or ``scene`` (a file and a class
    in it) under the job's name; through delivery/encoder.py, which holds
    still frames instead of encoding each tick of them unless ``every_frame``.
    ``dry_run``: no frames, only the scene's logic (what it reads)."""
    file, cls = scene or (project / job.entry.file.relative_to(ROOT), job.entry.scene)
    return [
        sys.executable, "-m", "delivery.encoder", *(["--every-frame"] if every_frame else []),
        # A fresh work folder never hits manim's cache, and hashing every play costs time.
        "render", *(["--dry_run"] if dry_run else []), f"-q{job.quality}", "--disable_caching", "--progress_bar", "none",
        "--media_dir", str(work), "--config_file", str(project / MANIM_CFG.name),
        "-o", job.name, str(file), cls,
    ]


# manim allocates a full frame (8 MB at 1080p) for each image it composites and
# each frame it copies; glibc maps every such block from the kernel and gives
# it back at once, and the page faults were half the CPU time of drawing the
# flattening (60 -> 36 CPU-s with these). Freed blocks now stay in the heap.
HEAP = {"MALLOC_MMAP_THRESHOLD_": str(256 << 20), "MALLOC_TRIM_THRESHOLD_": str(512 << 20)}


class RenderFailed(RuntimeError):
    """manim exited with an error; its whole output is in ``log``."""

    def __init__(self, message: str, log: Path) -> None:
        super().__init__(message)
        self.log = log


def run_manim(
    job: Job, work: Path, scene: tuple[Path, str] | None = None, every_frame: bool = False, project: Path = ROOT, dry_run: bool = False
) -> Path:
    """Render with manim in ``work``, its output in ``work/manim.log``, the
    record of what it read in ``work/used.json``; returns the finished MP4.
    ``project``: another checkout's code and data (a copy to edit, in the
    tests and the benchmark). The rest: see manim_command."""
    env = {**os.environ, **HEAP, "EXPLAINER_LANG": job.lang, RECORD_VARIABLE: str(work / USED)}
    if project != ROOT:
        env["PYTHONPATH"] = str(project)
    manim_log = work / "manim.log"
    with open(manim_log, "w", encoding="utf-8") as out:
        command = manim_command(job, work, scene, every_frame, project, dry_run)
        result = subprocess.run(command, env=env, cwd=project, stdout=out, stderr=subprocess.STDOUT, text=True, check=False)
    if result.returncode != 0:
        raise RenderFailed(f"{job.lang}/{job.name}: manim exited with {result.returncode}", manim_log)
    module = scene[0].stem if scene else job.entry.module
    return work / "videos" / module / QUALITIES[job.quality] / f"{job.name}.mp4"


def dry_run_reads(job: Job, work: Path, project: Path = ROOT) -> Used:
    """What ``job``'s scene reads, from a dry run of it (no frames)."""
    run_manim(job, work, project=project, dry_run=True)
    return read_used(work)


def expected_length(job: Job, layout: Layout) -> float | None:
    """The length of the video at its last render, if it was recorded, else its usual one."""
    return read_record(layout.record(job)).get("seconds") or job.entry.seconds


def render_one(job: Job, layout: Layout, now: Snapshot, renderer: Callable[[Job, Path], Path] = run_manim) -> float:
    """Render a job and move its results into place, subtitles first and the
    video last, each by an atomic rename; record what it read with its
    value in ``now``, the snapshot taken before the render (an edit made
    meanwhile is not marked done), and the video's length, which it returns."""
    work = layout.work(job)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    made_file = renderer(job, work)
    srt = made_file.with_suffix(".srt")
    if not made_file.exists() or not srt.exists():
        raise RuntimeError(f"{job.lang}/{job.name}: the render left no {'video' if not made_file.exists() else 'subtitles'}")
    seconds = duration(made_file)
    layout.video(job).parent.mkdir(parents=True, exist_ok=True)
    vtt = srt.with_suffix(".vtt")
    vtt.write_text(to_vtt(list(parse_srt(srt.read_text(encoding="utf-8")))), encoding="utf-8")
    os.replace(vtt, layout.subtitles(job).with_suffix(".vtt"))
    os.replace(srt, layout.subtitles(job))
    os.replace(made_file, layout.video(job))
    write_text(layout.record(job), json.dumps({"inputs": now.record(read_used(work), made(job)), "seconds": seconds}))
    shutil.rmtree(work, ignore_errors=True)
    return seconds


def read_used(work: Path) -> Used:
    """What the render in ``work`` read; a render that did not say reads as
    having read nothing, which would make it wrongly fresh: refuse it."""
    try:
        return Used.from_json(json.loads((work / USED).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise RuntimeError(f"{work.name}: the render did not record what it read ({work / USED}: {err})") from None


def attempt(job: Job, make: Callable[[], float], log_file: Path, report: Reporter) -> Outcome:
    """Make one job (``make`` returns the seconds of video made); a failure
    becomes an Outcome that names it and keeps its log in ``log_file``, so
    that the other jobs go on."""
    name = f"{job.lang}/{job.name}"
    report.started(name)
    start = time.perf_counter()
    try:
        outcome = Outcome(name, make(), time.perf_counter() - start)
    except Exception as err:  # noqa: BLE001 - any failure of one job must not stop the others
        log_file.parent.mkdir(parents=True, exist_ok=True)
        manim_log = getattr(err, "log", None)
        output = manim_log.read_text(encoding="utf-8", errors="replace") if manim_log and manim_log.exists() else ""
        log_file.write_text(f"{output}\n{type(err).__name__}: {err}\n", encoding="utf-8")
        outcome = Outcome(name, 0.0, time.perf_counter() - start, str(err), log_file)
    report.finished(outcome)
    return outcome


def jobs_for(quality: str, langs: Iterable[str], scene_ids: Iterable[str] = ()) -> list[Job]:
    """Every job of ``scene_ids`` (default: the whole series) in every
    language, QUALITY and LANGS checked."""
    entries = [episode(s) for s in scene_ids] or list(SERIES)
    return [Job(e, lang, quality) for lang in check_choices(quality, langs) for e in entries]


def run_stale(
    todo: list[Job],
    fresh: Callable[[Job], bool],
    make: Callable[[Job], float],
    log_of: Callable[[Job], Path],
    length_of: Callable[[Job], float | None],
    workers: int,
    report: Reporter,
    noun: str = "videos",
) -> list[Outcome]:
    """Make the jobs of ``todo`` that are not ``fresh``, ``workers`` at a
    time, the longest first (``length_of``: its expected length, if
    known); returns how each one ended."""
    stale = [job for job in todo if not fresh(job)]
    expected = estimate({f"{j.lang}/{j.name}": length_of(j) for j in stale})
    stale.sort(key=lambda j: -expected[f"{j.lang}/{j.name}"])  # the longest first, so no long one ends the run alone
    report.step(f"{len(stale)} of {len(todo)} {noun} to render, about {sum(expected.values()):.0f} s of video")
    if not stale:
        return []
    report.begin(expected)
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(lambda job: attempt(job, lambda: make(job), log_of(job), report), stale))
    finally:
        report.end()


def render_all(
    quality: str,
    langs: Iterable[str],
    build: Path,
    jobs: int | None = None,
    renderer: Callable[[Job, Path], Path] = run_manim,
    root: Path = ROOT,
    scene_ids: Iterable[str] = (),
    report: Reporter | None = None,
) -> list[Outcome]:
    """Render what is out of date (of ``scene_ids``, or of the whole series),
    ``jobs`` at a time, longest first; returns how each render ended."""
    layout = Layout(build)
    todo = jobs_for(quality, langs, scene_ids)
    workers = check_jobs(jobs)
    now = Snapshot.take(root)  # before any render starts
    return run_stale(
        todo,
        fresh=lambda job: stale_reason(job, layout, now) is None,
        make=lambda job: render_one(job, layout, now, renderer),
        log_of=layout.log,
        length_of=lambda job: expected_length(job, layout),
        workers=workers,
        report=report or PlainReport(),
    )


def stale(quality: str, langs: Iterable[str], build: Path, scene_ids: Iterable[str] = (), root: Path = ROOT) -> list[tuple[Job, str]]:
    """Each video that ``render`` would make now, with why (see stale_reason)."""
    layout, now = Layout(build), Snapshot.take(root)
    found = ((job, stale_reason(job, layout, now)) for job in jobs_for(quality, langs, scene_ids))
    return [(job, reason) for job, reason in found if reason is not None]


def check_jobs(jobs: int | None) -> int:
    """The number of parallel renders: JOBS, or one per core."""
    if jobs is None:
        return os.cpu_count() or 1
    if jobs < 1:
        raise ValueError(f"JOBS={jobs}: expected a whole number of parallel renders, 1 or more (leave it unset for one per core)")
    return jobs
