"""The full cut and the key frames are made once: a second `make render` with
nothing changed rewrites neither, and a changed video (or subtitle file)
remakes what is made from it and nothing else.

Each output is written to a temporary file and renamed over the old one, so a
rewrite shows as a new inode, whatever the file system's clock resolution.
"""

import os
from pathlib import Path

import pytest
from fake_media import make_video

from delivery.build import finish
from scenes.series import episode

LANG = "en"
SHOWN = ("pooling", "loss")
T0 = 1_700_000_000  # the videos' time: long before any output is written


def stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns


def outputs(build: Path) -> dict[str, tuple[int, int]]:
    """Every file the cut and the key frames consist of, by name."""
    files = [*(build / "stills" / LANG).glob("*.png"), *(build / LANG).glob("full.*")]
    return {f.relative_to(build).as_posix(): stamp(f) for f in files}


def set_time(path: Path, seconds: float) -> None:
    os.utime(path, (seconds, seconds))


@pytest.fixture
def build(tmp_path: Path) -> Path:
    """Two small videos with one cue each, then one finish() over them."""
    folder = tmp_path / "videos" / LANG
    folder.mkdir(parents=True)
    for k, scene_id in enumerate(SHOWN):
        name = episode(scene_id).name
        make_video(folder / f"{name}.mp4", 2.0, 60 * (k + 1))
        (folder / f"{name}.srt").write_text(f"1\n00:00:00,000 --> 00:00:01,500\n{scene_id}\n", encoding="utf-8")
        (folder / f"{name}.vtt").write_text(f"WEBVTT\n\n00:00:00.000 --> 00:00:01.500\n{scene_id}\n", encoding="utf-8")  # the page's
        for f in folder.glob(f"{name}.*"):
            set_time(f, T0)
    finish(tmp_path)
    return tmp_path


def video(build: Path, scene_id: str, suffix: str = ".mp4") -> Path:
    return build / "videos" / LANG / f"{episode(scene_id).name}{suffix}"


def test_a_second_run_rewrites_nothing(build: Path) -> None:
    first = outputs(build)
    # A poster and one key frame per video, and the cut with both subtitle formats.
    assert sorted(first) == sorted(
        [f"stills/{LANG}/{episode(s).name}{k}.png" for s in SHOWN for k in ("", "-01")] + [f"{LANG}/full.{x}" for x in ("mp4", "srt", "vtt")]
    )
    finish(build)
    assert outputs(build) == first


def test_a_newer_video_remakes_its_key_frames_and_the_cut_only(build: Path) -> None:
    before = outputs(build)
    # Outputs older than now but newer than the videos, then one video newer
    # than them: as after a re-render, without waiting for the clock.
    for name in before:
        set_time(build / name, T0 + 10)
    before = outputs(build)
    set_time(video(build, "loss"), T0 + 20)
    finish(build)
    after = outputs(build)
    changed = {name for name in before if after[name] != before[name]}
    loss = episode("loss").name
    assert changed == {f"stills/{LANG}/{loss}.png", f"stills/{LANG}/{loss}-01.png", f"{LANG}/full.mp4", f"{LANG}/full.srt", f"{LANG}/full.vtt"}
    # And what was remade is fresh: the next run skips it again.
    finish(build)
    assert outputs(build) == after


def test_newer_subtitles_remake_the_cut(build: Path) -> None:
    for name in outputs(build):
        set_time(build / name, T0 + 10)
    before = outputs(build)
    set_time(video(build, "pooling", ".srt"), T0 + 20)
    finish(build)
    after = outputs(build)
    assert {name for name in before if after[name] != before[name]} >= {f"{LANG}/full.mp4", f"{LANG}/full.srt", f"{LANG}/full.vtt"}
