"""Pixel regression of each scene's last frame, at low resolution: what
pixels are good at (glyphs drawn, fonts found, layout drift). Whether the
numbers are right is test_inventory's job, read from the scene itself.

The comparison is local: a frame passes if its mean difference is small and
no 16×16 tile has more than a few pixels far off. A whole-frame share (the
old criterion) passed a frame with a number erased, since a number is a few
dozen pixels of a hundred thousand; ``test_a_blanked_number_fails`` shows
that erasing any one number of a reference frame now fails.

After an intended change of look: `make frames` rewrites the references;
look at them before committing.
"""

import re
from pathlib import Path

import numpy as np
import pytest
from manim import config
from PIL import Image
from scene_harness import Item, last_frame

from scenes.series import SERIES, episode

FRAMES = Path(__file__).resolve().parent / "frames"
KEY_FRAMES = [(e, "ko") for e in SERIES] + [(episode("backprop"), "en"), (episode("convolution"), "en")]

TILE = 16  # pixels
FAR = 48  # a channel difference (0-255) that no anti-aliasing jitter reaches
FAR_PER_TILE = 3  # far-off pixels a tile may have; a blanked digit "1" has 5 in one tile
DIGIT = re.compile(r"\d")


def far_off(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(H, W) bool: pixels whose largest channel difference exceeds FAR."""
    return np.abs(a.astype(np.int16) - b.astype(np.int16)).max(axis=2) > FAR


def difference(a: np.ndarray, b: np.ndarray) -> tuple[float, int]:
    """Mean absolute difference (0-255) and the most far-off pixels in one TILE×TILE tile."""
    mean = float(np.abs(a.astype(np.int16) - b.astype(np.int16)).max(axis=2).mean())
    far = far_off(a, b)
    h, w = far.shape
    padded = np.zeros((-(-h // TILE) * TILE, -(-w // TILE) * TILE), dtype=np.int32)
    padded[:h, :w] = far
    tiles = padded.reshape(padded.shape[0] // TILE, TILE, padded.shape[1] // TILE, TILE).sum(axis=(1, 3))
    return mean, int(tiles.max())


def close_enough(a: np.ndarray, b: np.ndarray) -> bool:
    if a.shape != b.shape:
        return False
    mean, worst = difference(a, b)
    return mean < 1.5 and worst <= FAR_PER_TILE


def pixel_box(item: Item, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """An item's box (scene units) in pixels of a frame of ``shape``, one pixel wider each side."""
    h, w = shape[:2]
    fw, fh = config.frame_width, config.frame_height
    x0, y0, x1, y1 = item.box
    left = int(np.floor((x0 + fw / 2) / fw * w)) - 1
    right = int(np.ceil((x1 + fw / 2) / fw * w)) + 1
    top = int(np.floor((fh / 2 - y1) / fh * h)) - 1
    bottom = int(np.ceil((fh / 2 - y0) / fh * h)) + 1
    return max(left, 0), max(top, 0), min(right, w), min(bottom, h)


def blanked(frame: np.ndarray, item: Item) -> np.ndarray:
    """``frame`` with ``item``'s box painted over in the colour around it (a
    cell's colour for a number in a grid, the background elsewhere)."""
    left, top, right, bottom = pixel_box(item, frame.shape)
    out = frame.copy()
    ring = np.concatenate([frame[top, left:right], frame[bottom - 1, left:right], frame[top:bottom, left], frame[top:bottom, right - 1]])
    out[top:bottom, left:right] = np.median(ring, axis=0).astype(frame.dtype)
    return out


def reference(entry, lang: str) -> np.ndarray:  # type: ignore[no-untyped-def]
    return np.array(Image.open(FRAMES / f"{entry.id}-{lang}.png").convert("RGB"))


@pytest.fixture(scope="module")
def frames(series_runs) -> dict:  # type: ignore[no-untyped-def, type-arg]
    """The last frames of the session's dry runs (conftest), made with them."""
    return {(e.id, lang): series_runs[(e.id, lang)].frame for e, lang in KEY_FRAMES}


@pytest.mark.parametrize("entry, lang", KEY_FRAMES, ids=[f"{e.id}-{lang}" for e, lang in KEY_FRAMES])
def test_last_frame_matches_reference(frames, entry, lang) -> None:  # type: ignore[no-untyped-def]
    frame = frames[(entry.id, lang)]
    assert frame.std() > 10, "the frame is blank"
    mean, worst = difference(frame, reference(entry, lang))
    assert close_enough(frame, reference(entry, lang)), f"differs from the reference: mean {mean:.2f}, {worst} pixels far off in one tile"


def test_the_comparison_can_fail(frames) -> None:  # type: ignore[no-untyped-def]
    # Two different scenes, and the same scene in another language, must not pass.
    assert not close_enough(frames[("forward", "ko")], frames[("loss", "ko")])
    assert not close_enough(frames[("backprop", "ko")], frames[("backprop", "en")])


@pytest.mark.parametrize("entry, lang", KEY_FRAMES, ids=[f"{e.id}-{lang}" for e, lang in KEY_FRAMES])
def test_a_blanked_number_fails(series_runs, entry, lang) -> None:  # type: ignore[no-untyped-def]
    """Painting over any one text with a digit in it, where the dry run says
    it is at the end, makes the last frame fail against itself: the frame
    the reference is made from, so this is the reference test's own case."""
    shown = series_runs[(entry.id, lang)]
    frame = shown.frame
    assert close_enough(frame, frame)
    numbers = [item for item in shown.screens[-1].items if DIGIT.search(item.source)]
    passed = [item.source for item in numbers if close_enough(blanked(frame, item), frame)]
    assert not passed, f"blanking these still passes: {passed}"


def write_references() -> None:
    FRAMES.mkdir(exist_ok=True)
    import tempfile

    with tempfile.TemporaryDirectory() as media:
        for entry, lang in KEY_FRAMES:
            Image.fromarray(last_frame(entry, lang, Path(media))).save(FRAMES / f"{entry.id}-{lang}.png", optimize=True)


if __name__ == "__main__":
    write_references()
