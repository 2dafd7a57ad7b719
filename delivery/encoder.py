"""manim's command line with a faster segment encoder; what make render runs.

    python -m delivery.encoder [--every-frame] render -qh ... scene.py Scene

Encoding, not drawing, is where a 1080p60 render spends its time: on
scenes/loss.py, 65 of 77 CPU-seconds go to turning frames into H.264, 12 to
drawing them. manim's segment encoder (manim 0.22) pays for every frame in
full, a repeated one too. This one keeps every picture and changes two things:

- A frame goes into libav by one copy (PyAV's ``from_ndarray`` takes 7 ms a
  1080p frame here, a plane copy 0.8 ms) and is converted to YUV once,
  however many ticks it is repeated.
- A frame held for a wait with nothing moving (43% of the series' ticks) is
  encoded at its first tick and its last ``TAIL`` ticks only; the timestamps
  keep the gap, so a player shows it for as long (a variable frame rate on a
  60 fps time base). x264 spends as long on an unchanged frame as on a new one
  (17 ms at 1080p), and not encoding them is most of the gain.

``--every-frame`` keeps one encoded frame per tick (the slide decks: their
player reverses clips by frame). The result is compared tick by tick with
manim's own encoder in tests/test_encoder.py and scripts/compare_videos.py.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from fractions import Fraction
from itertools import repeat
from pathlib import Path

import av
import numpy as np
from manim.scene import scene_file_writer
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from . import depends

# manim joins the segments leaving decode timestamps to the muxer, which
# reaches a gap's end only after x264's reorder depth (two B-frames) and one
# more frame; with fewer, every held segment comes out short in the joined file.
TAIL = 3


class HeldFrameEncoder(VideoSegmentEncoder):
    """manim's segment encoder, encoding a repeated frame's first and last
    ``tail`` ticks only (all of them when ``tail`` is None)."""

    def __init__(self, *, target: Path, spec, tail: int | None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(target=target, spec=spec)
        self.tail = tail
        self._time_base = Fraction(spec.frame_rate.denominator, spec.frame_rate.numerator)

    def write_frame(self, pixels: np.ndarray, *, repeat: int = 1) -> None:
        """Encode ``pixels`` (H, W, 4 uint8 RGBA) at ticks
        next .. next + repeat - 1, or at the first and last ``tail`` of them."""
        self._validate_frame(pixels, repeat)
        ticks = range(repeat) if self.tail is None or repeat <= self.tail + 1 else [0, *range(repeat - self.tail, repeat)]
        try:
            frame = self._yuv(pixels)
            for tick in ticks:
                frame.pts, frame.time_base = self._next_pts + tick, self._time_base
                for packet in self._stream.encode(frame):
                    self._container.mux(packet)
        except BaseException as error:
            raise self._operation_error("encode", error) from error
        self._next_pts += repeat

    def _yuv(self, pixels: np.ndarray) -> av.VideoFrame:
        height, width, _ = pixels.shape
        rgba = av.VideoFrame(width, height, "rgba")
        plane = rgba.planes[0]  # its rows may be padded (480p: 3424 bytes for 3416)
        np.frombuffer(plane, np.uint8).reshape(height, plane.line_size)[:, : width * 4] = pixels.reshape(height, -1)
        return rgba.reformat(format=self._stream.pix_fmt)


def ticks(video: Path, format: str = "gray") -> Iterator[np.ndarray]:
    """The picture at each tick of ``video``'s frame rate (``format``: a
    PyAV pixel format, gray gives (H, W) uint8): a frame held over n ticks
    comes n times, as a player shows it."""
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        tick = 1 / stream.base_rate
        shown, start = None, 0
        for frame in container.decode(stream):
            due = round(frame.time / tick)
            if shown is not None:
                yield from repeat(shown, due - start)
            shown, start = frame.to_ndarray(format=format), due
        if shown is not None:
            yield from repeat(shown, max(1, round(stream.duration * stream.time_base / tick) - start))


def install(tail: int | None = TAIL) -> None:
    """Make manim's file writer encode with HeldFrameEncoder."""

    def create(self, target: Path) -> VideoSegmentEncoder:  # type: ignore[no-untyped-def]
        if self.video_encoder is None:
            raise RuntimeError("Video segment encoding requires resolved settings.")
        return HeldFrameEncoder(target=target, spec=self.video_encoder, tail=tail)

    scene_file_writer.SceneFileWriter._create_segment_encoder = create  # type: ignore[method-assign]


def main(argv: list[str]) -> int:
    """Run manim's command line (``argv``) with the encoder installed; with
    EXPLAINER_DEPENDS set, write there what the scene read (depends.py)."""
    out = os.environ.get(depends.RECORD_VARIABLE)
    used = depends.watch() if out else None
    install(None if "--every-frame" in argv else TAIL)
    from manim.__main__ import main as manim

    try:
        return manim(args=[a for a in argv if a != "--every-frame"], prog_name="manim")  # type: ignore[no-any-return]
    finally:  # manim's command line ends by sys.exit; the parent reads this only after a success
        if used is not None and out:
            depends.write_used(used, Path(out))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
