"""Small real videos for tests that need a file manim could have written."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np


def make_video(path: Path, seconds: float, shade: int, size: tuple[int, int] = (160, 90)) -> None:
    """A small H.264 video, as manim writes them (yuv420p, 15 fps)."""
    width, height = size
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=15)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for k in range(int(seconds * 15)):
            image = np.full((height, width, 3), shade, dtype=np.uint8)
            image[:, : (k * 4) % width] = 255 - shade  # something that moves
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts, frame.time_base = k, Fraction(1, 15)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))


def last_frame(path: Path) -> np.ndarray:
    """The last decoded frame of a video, RGB."""
    with av.open(str(path)) as clip:
        frame = None
        for frame in clip.decode(video=0):
            pass
    assert frame is not None
    return frame.to_ndarray(format="rgb24")
