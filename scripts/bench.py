"""Render cost: render time divided by video length.

    python scripts/bench.py [--quality l h] [--scene convolution ...] [--lang ko]
    python scripts/bench.py --series [--quality h]

Per scene: renders exactly as `make render` does (manim in a fresh folder,
no partial-movie cache): a cold render; one row per scene and quality.
--series: the whole `make render` (every scene, both languages, every core)
into a fresh build folder, then the same again with nothing changed.
A ratio of 1.0 means rendering takes as long as watching.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from delivery.cut import duration
from delivery.render import QUALITIES, Job, run_manim
from scenes.series import SERIES, episode


def render(entry, quality: str, lang: str, media: Path) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Wall time of one cold render, as make render runs it, and the video's length."""
    start = time.perf_counter()
    video = run_manim(Job(entry, lang, quality), media)
    return time.perf_counter() - start, duration(video)


def series(quality: str) -> None:
    """Time a cold `python -m delivery render`, then a no-change one."""
    with tempfile.TemporaryDirectory() as build:
        cmd = [sys.executable, "-m", "delivery", "render", "--quality", quality, "--build", build]
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        cold = time.perf_counter() - start
        length = sum(duration(p) for p in Path(build, "videos").rglob("*.mp4"))
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        again = time.perf_counter() - start
    print(f"series {QUALITIES[quality]}: {length:.0f} s of video (both languages) rendered in {cold:.0f} s, "
          f"ratio {cold / length:.2f}; a no-change render took {again:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", nargs="+", default=["l", "h"], choices=sorted(QUALITIES))
    parser.add_argument("--scene", nargs="+", default=[e.id for e in SERIES], help="scene ids (make list)")
    parser.add_argument("--lang", default="ko")
    parser.add_argument("--series", action="store_true", help="time the whole make render instead")
    args = parser.parse_args()
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
