"""Pixel regression of each scene's last frame, at low resolution and with a
tolerance (manim's own frames_comparison skips itself on cairo 1.16).

After an intended change of look: `make frames` rewrites the references;
look at them before committing.
"""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from scene_harness import last_frame

from scenes.series import SERIES, episode

FRAMES = Path(__file__).resolve().parent / "frames"
KEY_FRAMES = [(e, "ko") for e in SERIES] + [(episode("backprop"), "en"), (episode("convolution"), "en")]


def difference(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Mean absolute difference (0-255) and the share of pixels off by more than 48."""
    diff = np.abs(a.astype(np.int16) - b.astype(np.int16)).max(axis=2)
    return float(diff.mean()), float((diff > 48).mean())


def close_enough(a: np.ndarray, b: np.ndarray) -> bool:
    mean, share = difference(a, b)
    return a.shape == b.shape and mean < 1.5 and share < 0.004


@pytest.fixture(scope="module")
def frames(series_runs) -> dict:  # type: ignore[no-untyped-def, type-arg]
    """The last frames of the session's dry runs (conftest), made with them."""
    return {(e.id, lang): series_runs[(e.id, lang)].frame for e, lang in KEY_FRAMES}


@pytest.mark.parametrize("entry, lang", KEY_FRAMES, ids=[f"{e.id}-{lang}" for e, lang in KEY_FRAMES])
def test_last_frame_matches_reference(frames, entry, lang) -> None:  # type: ignore[no-untyped-def]
    frame = frames[(entry.id, lang)]
    reference = np.array(Image.open(FRAMES / f"{entry.id}-{lang}.png").convert("RGB"))
    assert frame.std() > 10, "the frame is blank"
    mean, share = difference(frame, reference)
    assert close_enough(frame, reference), f"differs from the reference: mean {mean:.2f}, {share:.2%} of pixels"


def test_the_comparison_can_fail(frames) -> None:  # type: ignore[no-untyped-def]
    # Two different scenes, and the same scene in another language, must not pass.
    assert not close_enough(frames[("forward", "ko")], frames[("loss", "ko")])
    assert not close_enough(frames[("backprop", "ko")], frames[("backprop", "en")])


def write_references() -> None:
    FRAMES.mkdir(exist_ok=True)
    import tempfile

    with tempfile.TemporaryDirectory() as media:
        for entry, lang in KEY_FRAMES:
            Image.fromarray(last_frame(entry, lang, Path(media))).save(FRAMES / f"{entry.id}-{lang}.png", optimize=True)


if __name__ == "__main__":
    write_references()
