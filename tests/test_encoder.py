"""delivery/encoder.py against manim's own encoder, on a real render: the
same picture at every tick, the same length, fewer frames encoded."""

import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest

from delivery.cut import Part, duration, join
from delivery.encoder import TAIL, ticks
from delivery.render import MANIM_CFG

# A square that appears, holds, moves, and holds at the end: the picture
# changes at known ticks, so a held frame placed one tick off shows.
SCENE = '''
from manim import *

class Hold(Scene):
    def construct(self):
        square = Square(color=YELLOW, fill_opacity=1).shift(3 * LEFT)
        self.play(FadeIn(square), run_time=0.5)
        self.wait(2)
        self.play(square.animate.shift(6 * RIGHT), run_time=1)
        self.wait(0.2)
        self.play(square.animate.set_color(BLUE), run_time=0.4)
        self.wait(1.5)
'''
HOLDS = (30, 22)  # ticks of the 2 s and 1.5 s waits at 15 fps; the 0.2 s one (3 ticks) is kept whole


def render(folder: Path, *runner: str) -> Path:
    """Render the scene at 480p15 (its 854-pixel rows are padded in libav)."""
    (folder / "hold.py").write_text(SCENE, encoding="utf-8")
    command = [sys.executable, "-m", *runner, "render", "-ql", "--disable_caching", "--progress_bar", "none",
               "--media_dir", str(folder), "--config_file", str(MANIM_CFG), str(folder / "hold.py"), "Hold"]
    subprocess.run(command, check=True, capture_output=True)
    return folder / "videos" / "hold" / "480p15" / "Hold.mp4"


@pytest.fixture(scope="module")
def videos(tmp_path_factory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    runners = {"manim": ("manim",), "every": ("delivery.encoder", "--every-frame"), "held": ("delivery.encoder",)}
    return {name: render(tmp_path_factory.mktemp(name), *runner) for name, runner in runners.items()}


def encoded_frames(video: Path) -> int:
    with av.open(str(video)) as container:
        return sum(1 for p in container.demux(video=0) if p.size)


def test_every_frame_mode_is_manims_encoding(videos) -> None:  # type: ignore[no-untyped-def]
    # The one-copy, convert-once path feeds x264 the very same pictures.
    assert videos["every"].read_bytes() == videos["manim"].read_bytes()


def test_held_frames_are_encoded_once_and_last_tail(videos) -> None:  # type: ignore[no-untyped-def]
    every_tick = encoded_frames(videos["manim"])
    assert encoded_frames(videos["held"]) == every_tick - sum(n - 1 - TAIL for n in HOLDS)


def test_held_video_lasts_as_long(videos) -> None:  # type: ignore[no-untyped-def]
    assert duration(videos["held"]) == pytest.approx(duration(videos["manim"]), abs=1e-6)
    assert duration(videos["held"]) == pytest.approx(encoded_frames(videos["manim"]) / 15, abs=1e-6)


def test_held_video_shows_the_same_picture_at_every_tick(videos) -> None:  # type: ignore[no-untyped-def]
    ours, theirs = list(ticks(videos["held"])), list(ticks(videos["manim"]))
    assert len(ours) == len(theirs) == encoded_frames(videos["manim"])
    # x264 codes the two sequences a little differently; a picture one tick
    # early or late differs by a whole square's edge (tens of grey levels).
    worst = max(float(np.abs(a.astype(int) - b.astype(int)).mean()) for a, b in zip(ours, theirs))
    assert worst < 0.5


def test_held_videos_join_into_a_cut_of_their_lengths(videos, tmp_path) -> None:  # type: ignore[no-untyped-def]
    length = duration(videos["manim"])
    parts = []
    for k in range(2):
        subtitles = tmp_path / f"{k}.srt"
        subtitles.write_text("1\n00:00:00,000 --> 00:00:01,000\nhi\n", encoding="utf-8")
        parts.append(Part(videos["held"], subtitles, f"part {k}"))
    starts = join(parts, tmp_path / "full.mp4")
    assert starts == pytest.approx([0, length])
    assert duration(tmp_path / "full.mp4") == pytest.approx(2 * length, abs=1e-3)
    assert len(list(ticks(tmp_path / "full.mp4"))) == 2 * encoded_frames(videos["manim"])
