"""Render cost of each scene: render time divided by video length.

    python scripts/bench.py [--quality l h] [--scene convolution ...] [--lang ko]

Renders with manim in a fresh media folder (no partial-movie cache), so the
time is a cold render, and prints one row per scene and quality. A ratio of
1.0 means a scene renders in real time.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from scenes.series import SERIES, episode  # noqa: E402

QUALITIES = {"l": "480p15", "m": "720p30", "h": "1080p60", "k": "2160p60"}
log = logging.getLogger("bench")


def video_length(path: Path) -> float:
    with av.open(str(path)) as container:
        return float(container.duration) / av.time_base


def render(entry, quality: str, lang: str, media: Path) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Wall time of one cold render, and the length of the video it made."""
    manim = Path(sys.executable).with_name("manim")
    cmd = [str(manim), "render", f"-q{quality}", "--disable_caching", "--progress_bar", "none",
           "--media_dir", str(media), str(entry.file), entry.scene]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, "EXPLAINER_LANG": lang})
    seconds = time.perf_counter() - start
    video = media / "videos" / entry.module / QUALITIES[quality] / f"{entry.scene}.mp4"
    return seconds, video_length(video)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", nargs="+", default=["l", "h"], choices=sorted(QUALITIES))
    parser.add_argument("--scene", nargs="+", default=[e.id for e in SERIES], help="scene ids (make list)")
    parser.add_argument("--lang", default="ko")
    args = parser.parse_args()
    entries = [episode(s) for s in args.scene]
    print(f"{'scene':<12} {'quality':<8} {'length s':>9} {'render s':>9} {'ratio':>6}")
    for quality in args.quality:
        for entry in entries:
            with tempfile.TemporaryDirectory() as media:
                seconds, length = render(entry, quality, args.lang, Path(media))
            print(f"{entry.id:<12} {QUALITIES[quality]:<8} {length:>9.1f} {seconds:>9.1f} {seconds / length:>6.2f}", flush=True)


if __name__ == "__main__":
    main()
