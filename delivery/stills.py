"""Key frames of the rendered videos as PNGs, and a GIF of the convolution
sweep: the figures a blog post can use.

A scene's key frames are its screens near the end of each narration line
(the subtitle cues): a second before it ends, when everything that line
talks about is on screen and the clearing fades have not begun.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import av
import srt
from PIL import Image

from .files import replacing


def frames_at(video: Path, times: Sequence[float]) -> list[Image.Image]:
    """The frames showing at each of ``times`` (seconds, ascending)."""
    images: list[Image.Image] = []
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        for t in times:
            container.seek(max(0, int((t - 1.0) / stream.time_base)), stream=stream, backward=True)
            chosen = None
            for frame in container.decode(stream):
                if frame.time is not None and frame.time > t:
                    break
                chosen = frame
            if chosen is None:
                raise ValueError(f"{video.name}: no frame at {t:.2f} s")
            images.append(chosen.to_image())
    return images


def cue_ends(subtitles: Path) -> list[float]:
    """A second before each narration line ends (never before it starts), in seconds."""
    cues = srt.parse(subtitles.read_text(encoding="utf-8"))
    return [max(c.start.total_seconds() + 0.5, c.end.total_seconds() - 1.0) for c in cues]


def save_png(image: Image.Image, path: Path) -> None:
    with replacing(path) as tmp:
        image.save(tmp)  # optimize=True took 4 times as long for no smaller file (300 ms a 1080p frame)


def key_frames_fresh(video: Path, folder: Path) -> bool:
    """Are the video's key frames newer than the video?"""
    poster = folder / f"{video.stem}.png"
    return poster.exists() and poster.stat().st_mtime >= video.stat().st_mtime


def key_frames(video: Path, subtitles: Path, folder: Path) -> list[Path]:
    """``<name>-<k>.png`` per narration line, plus ``<name>.png``, the last
    one, used as the video's poster. Skipped when newer than the video."""
    folder.mkdir(parents=True, exist_ok=True)
    poster = folder / f"{video.stem}.png"
    if key_frames_fresh(video, folder):
        return sorted(folder.glob(f"{video.stem}*.png"))
    images = frames_at(video, cue_ends(subtitles))
    paths = []
    for k, image in enumerate(images, start=1):
        paths.append(folder / f"{video.stem}-{k:02d}.png")
        save_png(image, paths[-1])
    save_png(images[-1], poster)
    return [*paths, poster]


def gif(video: Path, start: float, end: float, target: Path, fps: int = 10, width: int = 640) -> Path:
    """Frames of ``video`` from ``start`` to ``end`` as an endlessly looping GIF."""
    times = [start + k / fps for k in range(int((end - start) * fps))]
    frames = []
    for image in frames_at(video, times):
        frames.append(image.resize((width, round(image.height * width / image.width)), Image.LANCZOS).convert("P", palette=Image.ADAPTIVE))
    with replacing(target) as tmp:
        frames[0].save(tmp, save_all=True, append_images=frames[1:], duration=round(1000 / fps), loop=0, optimize=True)
    return target
