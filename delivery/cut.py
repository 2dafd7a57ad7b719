"""The full-length cut of one language: every video of the series joined in
order, one chapter per scene, and one subtitle file for the whole, with
offsets, as .srt and .vtt.

The videos are joined by copying their packets (no re-encoding) when their
streams match, as they do when rendered at one quality; otherwise the
frames are decoded and encoded again. Only PyAV is used; no ffmpeg binary.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import srt

from .files import replacing, write_text

MS = Fraction(1, 1000)


@dataclass(frozen=True)
class Part:
    """One video of the cut, its subtitles and its chapter title."""

    video: Path
    subtitles: Path
    title: str


def duration(path: Path) -> float:
    """A video's length in seconds, from its stream."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if stream.duration is not None:
            return float(stream.duration * stream.time_base)
        return float(container.duration) / av.time_base


def _signature(path: Path) -> tuple:
    with av.open(str(path)) as container:
        s = container.streams.video[0]
        c = s.codec_context
        return (c.name, c.width, c.height, c.pix_fmt, bytes(c.extradata or b""), s.base_rate)  # held frames vary the average rate


def _format(path: Path) -> str:
    """A video's size and frame rate, as an error message names them: 854×480 at 15 fps."""
    with av.open(str(path)) as container:
        s = container.streams.video[0]
        return f"{s.codec_context.width}×{s.codec_context.height} at {s.base_rate} fps"


def _copy_packets(parts: Sequence[Part], out: av.container.OutputContainer) -> list[float]:
    starts, offset = [], 0.0
    template = av.open(str(parts[0].video))
    stream = out.add_stream_from_template(template.streams.video[0])
    template.close()
    for part in parts:
        starts.append(offset)
        with av.open(str(part.video)) as container:
            source = container.streams.video[0]
            shift = round(offset / source.time_base)
            for packet in container.demux(source):
                if packet.dts is None:
                    continue
                packet.pts += shift
                packet.dts += shift
                packet.stream = stream
                out.mux(packet)
        offset += duration(part.video)
    return starts


def merged_subtitles(parts: Sequence[Part], starts: Sequence[float]) -> list[srt.Subtitle]:
    """Every part's subtitles, shifted by where the part starts in the cut."""
    merged = []
    for part, start in zip(parts, starts):
        shift = datetime.timedelta(seconds=start)
        for sub in srt.parse(part.subtitles.read_text(encoding="utf-8")):
            merged.append(srt.Subtitle(len(merged) + 1, sub.start + shift, sub.end + shift, sub.content))
    return merged


def to_vtt(subtitles: Sequence[srt.Subtitle]) -> str:
    """WebVTT, what browsers' <track> reads."""

    def stamp(t: datetime.timedelta) -> str:
        ms = round(t.total_seconds() * 1000)
        return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"

    cues = [f"{stamp(s.start)} --> {stamp(s.end)}\n{s.content}" for s in subtitles]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def join(parts: Sequence[Part], target: Path) -> list[float]:
    """Write ``target`` (MP4 with chapters) and its .srt and .vtt; returns
    each part's start in seconds. Files appear only once complete."""
    if not parts:
        raise ValueError("parts: nothing to join")
    if len({_signature(p.video) for p in parts}) > 1:
        # Joining packets needs one encoding; re-encoding would cost minutes and
        # quality, and a cut of mixed qualities is not what anyone wants.
        formats = ", ".join(f"{p.video.name} {_format(p.video)}" for p in parts)
        raise ValueError(f"full cut: the videos were rendered at different qualities ({formats}); render them all at one QUALITY")
    with replacing(target) as tmp, av.open(str(tmp), "w", format="mp4") as out:
        starts = _copy_packets(parts, out)
        ends = [*starts[1:], starts[-1] + duration(parts[-1].video)]
        out.set_chapters(
            [
                {"id": k + 1, "start": round(s / MS), "end": round(e / MS), "time_base": MS, "metadata": {"title": p.title}}
                for k, (p, s, e) in enumerate(zip(parts, starts, ends))
            ]
        )
        subtitles = merged_subtitles(parts, starts)
        write_text(target.with_suffix(".srt"), srt.compose(subtitles))
        write_text(target.with_suffix(".vtt"), to_vtt(subtitles))
    return starts
