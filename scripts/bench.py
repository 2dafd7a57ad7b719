"""Render cost: render time divided by video length.

    python scripts/bench.py [--quality l h] [--scene convolution ...] [--lang ko]
    python scripts/bench.py --series [--quality h]
    python scripts/bench.py --profile SCENE [--quality h] [--lang ko]
    python scripts/bench.py --loop SCENE [--line 9] [--quality h] [--lang ko]

Per scene: renders exactly as `make render` does (manim in a fresh folder,
no partial-movie cache): a cold render; one row per scene and quality.
--series: the whole `make render` (every scene, both languages, every core)
into a fresh build folder, then the same again with nothing changed.
--series also prints each video's report and the time of the steps after
the videos (key frames, full cuts, page).
--profile: one render exactly as make render runs it, its CPU time split
into encoding and drawing, and the drawing under cProfile split into stages
(Cairo rasterising, Typst, text, the rest: scene logic, animation, copies).
--loop: the author's loop: how many videos one edited sentence of SCENE
re-renders and how long that takes, and the wall time of a preview of the
whole video, of the frame at the end of --line, and of --line to the end.
A ratio of 1.0 means rendering takes as long as watching.
"""

from __future__ import annotations

import argparse
import os
import pstats
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from delivery.cut import duration
from delivery.depends import Snapshot, copy_checkout
from delivery.render import HEAP, QUALITIES, Job, dry_run_reads, jobs_for, made, manim_command, run_manim
from scenes.series import SERIES, episode
from scenes.toolkit.i18n import lookup


def render(entry, quality: str, lang: str, media: Path) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Wall time of one cold render, as make render runs it, and the video's length."""
    start = time.perf_counter()
    video = run_manim(Job(entry, lang, quality), media)
    return time.perf_counter() - start, duration(video)


# A finished video's report line (delivery/progress.py: line()).
FINISHED = re.compile(r"\[\d+/\d+\] \S+ [\d.]+ s of video in [\d.]+ s \((?P<ratio>[\d.]+)×\)")


def series(quality: str) -> None:
    """Time a cold `python -m delivery render` into a fresh build folder,
    with what it spent where, then a no-change one."""
    with tempfile.TemporaryDirectory() as build:
        cmd = [sys.executable, "-m", "delivery", "render", "--quality", quality, "--build", build]
        start = time.perf_counter()
        videos: list[tuple[float, str]] = []  # (when it was reported, its report line)
        with subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True) as proc:
            assert proc.stderr is not None
            for report in proc.stderr:
                if FINISHED.match(report):
                    videos.append((time.perf_counter() - start, report.strip()))
        cold = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"series: python -m delivery render exited with {proc.returncode}")
        length = sum(duration(p) for p in Path(build, "videos").rglob("*.mp4"))
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        again = time.perf_counter() - start
    rendered = videos[-1][0] if videos else 0.0
    print(f"series {QUALITIES[quality]}: {length:.0f} s of video (both languages) rendered in {cold:.0f} s, ratio {cold / length:.2f}")
    print(f"  {len(videos)} videos, {os.cpu_count()} at a time: {rendered:.0f} s; then key frames, full cuts and page: {cold - rendered:.0f} s")
    print("  each video (its ratio is of one render among parallel ones), slowest first:")
    for line in sorted((r for _, r in videos), key=lambda r: -float(FINISHED.match(r)["ratio"])):  # type: ignore[index]
        print(f"    {line}")
    print(f"  a no-change render took {again:.1f} s")


# A stage of drawing is the cumulative time of the one manim function it
# passes through (file name, function name, first line); they do not nest.
STAGES = {
    "rasterise (Cairo)": ("camera.py", "capture_mobjects"),
    "Typst formulas": ("typst_mobject.py", "__init__", 339),
    "text (Pango)": ("text_mobject.py", "__init__", 448),
}


def cpu_of(cmd: list[str], lang: str) -> tuple[float, float]:
    """Wall and CPU seconds (every thread, user and system) of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, **HEAP, "EXPLAINER_LANG": lang})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def profile(entry, quality: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Where one render of ``entry`` spends its CPU: the render as make render
    runs it, then the drawing alone (manim --dry_run draws every frame and
    encodes none) under cProfile, split into stages."""
    with tempfile.TemporaryDirectory() as work:
        manim = manim_command(Job(entry, lang, quality), Path(work))
        wall, cpu = cpu_of(manim, lang)
        length = duration(next(Path(work).rglob("*.mp4")))
        out = Path(work, "draw.prof")
        _, drawing = cpu_of([sys.executable, "-m", "cProfile", "-o", str(out), *manim[1:], "--dry_run"], lang)
        stats = pstats.Stats(str(out)).stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, _, ct, _) in stats.values())
    print(f"{entry.id} {lang} {QUALITIES[quality]}: {length:.1f} s of video in {wall:.1f} s (ratio {wall / length:.2f}), {cpu:.1f} CPU-s")
    print(f"  encoding (the render less the drawing)  {cpu - drawing:>7.1f} CPU-s  {(cpu - drawing) / cpu:>4.0%}")
    print(f"  drawing (--dry_run, under cProfile)     {drawing:>7.1f} CPU-s, of which:")
    rest = total
    for stage, (file, name, *line) in STAGES.items():
        seconds = sum(ct for (f, ln, fn), (_, _, _, ct, _) in stats.items() if f.endswith(file) and fn == name and (not line or ln == line[0]))
        rest -= seconds
        print(f"    {stage:<30} {seconds:>7.1f} s  {seconds / total:>4.0%}")
    print(f"    {'the rest (scene, animations)':<30} {rest:>7.1f} s  {rest / total:>4.0%}")


def author_loop(quality: str, lang: str, scene_id: str, line: int) -> None:
    """The author's loop, measured on a copy of the checkout: which videos one
    edited sentence of ``scene_id`` makes stale (every video's record made by a
    dry run) and the wall time to render them at ``quality``; then a still
    of ``line`` and a preview from ``line`` to the end, against the whole video."""
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_checkout(Path(tmp) / "project")
        now, jobs = Snapshot.take(project), jobs_for(quality, [lang])
        records = {job: now.record(dry_run_reads(job, _fresh(Path(tmp), job), project), made(job)) for job in jobs}
        target = next(j for j in jobs if j.entry.id == scene_id)
        key = next(k.split(" ")[1] for k in records[target]["strings"] if k.split(" ")[1].startswith(f"{scene_id}.") and not k.endswith(".title"))
        strings = project / "scenes" / "toolkit" / "strings" / f"{lang}.toml"
        sentence = lookup(key, lang)
        strings.write_text(strings.read_text(encoding="utf-8").replace(sentence, sentence + " (edited)", 1), encoding="utf-8")
        after = Snapshot.take(project)
        stale = [job for job in jobs if after.changed(records[job], made(job)) is not None]
        start = time.perf_counter()
        for job in stale:
            run_manim(job, _fresh(Path(tmp), job), project=project)
        wall = time.perf_counter() - start
    names = ", ".join(job.name for job in stale)
    print(f"one {lang} sentence edited ({key}): {len(stale)} of {len(jobs)} videos stale ({names}), re-rendered at {QUALITIES[quality]} in {wall:.1f} s")
    loop = [sys.executable, "-m", "delivery", "preview", scene_id, "--lang", lang]
    for what, extra in (("the whole video", []), (f"LINE={line} STILL=1", ["--lines", str(line), "--still"]), (f"LINE={line}", ["--lines", str(line)])):
        start = time.perf_counter()
        done = subprocess.run(loop + extra, check=True, capture_output=True, text=True)
        wall = time.perf_counter() - start
        made_file = Path(done.stderr.strip().splitlines()[-1].rsplit(" (", 1)[0])
        length = f", {duration(made_file):.1f} s of video" if made_file.suffix == ".mp4" else ""
        print(f"make preview SCENE={scene_id} {what}: {wall:.1f} s from the command to {made_file.name}{length}")


def _fresh(tmp: Path, job: Job) -> Path:
    """A new work folder for one render of ``job``."""
    return Path(tempfile.mkdtemp(dir=tmp, prefix=job.name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", nargs="+", default=["l", "h"], choices=sorted(QUALITIES))
    parser.add_argument("--scene", nargs="+", default=[e.id for e in SERIES], help="scene ids (make list)")
    parser.add_argument("--lang", default="ko")
    parser.add_argument("--series", action="store_true", help="time the whole make render instead")
    parser.add_argument("--profile", metavar="SCENE", help="where one render of SCENE spends its CPU time")
    parser.add_argument("--loop", metavar="SCENE", help="the author's loop on SCENE: one sentence edited, a preview from --line")
    parser.add_argument("--line", type=int, default=9, help="the line --loop previews from (default 9)")
    args = parser.parse_args()
    if args.loop:
        author_loop(args.quality[-1], args.lang, args.loop, args.line)
        return
    if args.profile:
        for quality in args.quality:
            profile(episode(args.profile), quality, args.lang)
        return
    if args.series:
        for quality in args.quality:
            series(quality)
        return
    entries = [episode(s) for s in args.scene]
    print(f"{'scene':<12} {'quality':<8} {'length s':>9} {'render s':>9} {'ratio':>6}")
    for quality in args.quality:
        for entry in entries:
            with tempfile.TemporaryDirectory() as media:
                seconds, length = render(entry, quality, args.lang, Path(media))
            print(f"{entry.id:<12} {QUALITIES[quality]:<8} {length:>9.1f} {seconds:>9.1f} {seconds / length:>6.2f}", flush=True)


if __name__ == "__main__":
    main()
