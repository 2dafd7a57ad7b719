"""The author's loop: a video's numbered lines, a preview from one line on
or of a range, the frame at a line's end, and each bad request refused in
one line with exit 2. The lines must be the subtitle file's cues, and a
preview must cover exactly their time in the whole video."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from PIL import Image
from fake_media import last_frame
from test_frames import difference

from delivery.cut import duration
from delivery.preview import lines, preview
from scenes.toolkit.errors import PreviewError
from scenes.toolkit.preview import preview_range

SCENE, LANG = "loss", "en"


@pytest.mark.parametrize(
    "value, expected",
    [("9", (9, sys.maxsize)), ("9-11", (9, 11)), (" 3-3 ", (3, 3)), ("", None)],
)
def test_a_range_is_read(value: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert preview_range(value) == expected


@pytest.mark.parametrize(
    "value, message",
    [("0", "numbered from 1"), ("5-3", "runs backwards"), ("nine", "expected a line number"), ("9-", "expected a line number"), ("-2", "expected a line number")],
)
def test_a_bad_range_is_named(value: str, message: str) -> None:
    with pytest.raises(PreviewError, match=f"^LINE={value}: .*{message}"):
        preview_range(value)


@pytest.mark.parametrize(
    "args, message",
    [
        (["preview", SCENE, "--lines", "0"], "error: LINE=0: lines are numbered from 1"),
        (["preview", SCENE, "--lines", "5-3"], "error: LINE=5-3: the range runs backwards (5 to 3)"),
        (["preview", "intro", "--lines", "3"], "error: scene: unknown id 'intro'"),
        (["preview", SCENE, "--lang", "fr"], "error: LANGS: unknown language 'fr'"),
    ],
)
def test_a_bad_request_is_one_line_and_exit_2_before_manim_starts(args: list[str], message: str) -> None:
    done = subprocess.run([sys.executable, "-m", "delivery", *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith(message) and done.stderr.count("\n") == 1, done.stderr


@pytest.fixture(scope="module")
def whole(series_runs):  # type: ignore[no-untyped-def]
    """The loss video's cues (start, end, text), from the dry run of the whole video."""
    return series_runs[(SCENE, LANG)].cues


def test_the_lines_are_the_subtitle_cues(whole) -> None:  # type: ignore[no-untyped-def]
    assert lines(SCENE, LANG) == [text for _, _, text in whole]


def test_a_preview_covers_exactly_its_lines_and_a_still_is_its_last_frame(whole, tmp_path) -> None:  # type: ignore[no-untyped-def]
    video = preview(SCENE, LANG, "3-4", media=tmp_path / "video")
    start, end = whole[2][0], whole[3][1]
    assert duration(video) == pytest.approx(end - start, abs=0.15)  # 480p15: about two frames
    still = preview(SCENE, LANG, "4", still=True, media=tmp_path / "still")
    assert still.suffix == ".png"
    picture = np.asarray(Image.open(still).convert("RGB"))
    assert picture.shape == (480, 854, 3)
    # The video went through H.264 (YUV), which shifts every colour a level or two.
    same = difference(picture, last_frame(video))[0]
    other = np.asarray(Image.open(preview(SCENE, LANG, "2", still=True, media=tmp_path / "other")).convert("RGB"))
    assert same < 3.0 and difference(other, last_frame(video))[0] > 2 * same  # another line's end is another picture


def test_a_line_past_the_end_is_named_with_the_count(whole, tmp_path) -> None:  # type: ignore[no-untyped-def]
    past = len(whole) + 1
    with pytest.raises(ValueError, match=f"^LINE={past}: this video has {len(whole)} lines"):
        preview(SCENE, LANG, str(past), still=True, media=tmp_path)
