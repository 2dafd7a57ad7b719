"""What a long `make render` tells the person waiting: on a terminal, a live
display (videos done, seconds of video rendered of the total, elapsed time and
an ETA, and what each worker renders now); without one (CI, a pipe), one plain
line per finished video:

    [7/22] en/03-pooling 32.8 s of video in 41.2 s (1.26×)

The total length of what is to render is known before it renders from each
video's last recorded length, or its usual one (delivery/render.py); a video
with neither counts as the mean of the known ones.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

log = logging.getLogger("delivery")

# A video never rendered, when no other has a recorded length either.
DEFAULT_SECONDS = 60.0


@dataclass(frozen=True)
class Outcome:
    """How one video's render ended. ``error`` and ``log`` are set on failure."""

    name: str
    video_seconds: float
    wall_seconds: float
    error: str | None = None
    log: Path | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Reporter(Protocol):
    """Told of each video as it starts and ends, and of the steps after them."""

    def begin(self, expected: dict[str, float]) -> None: ...
    def started(self, name: str) -> None: ...
    def finished(self, outcome: Outcome) -> None: ...
    def step(self, message: str) -> None: ...
    def end(self) -> None: ...


def estimate(known: dict[str, float | None]) -> dict[str, float]:
    """Each video's expected length: its recorded one, else the mean of those known."""
    lengths = [s for s in known.values() if s]
    fallback = sum(lengths) / len(lengths) if lengths else DEFAULT_SECONDS
    return {name: s or fallback for name, s in known.items()}


def line(count: int, total: int, outcome: Outcome) -> str:
    """The plain report of one finished (or failed) video."""
    if not outcome.ok:
        return f"[{count}/{total}] {outcome.name} FAILED after {outcome.wall_seconds:.1f} s (log: {outcome.log})"
    ratio = outcome.wall_seconds / outcome.video_seconds if outcome.video_seconds else float("nan")
    return f"[{count}/{total}] {outcome.name} {outcome.video_seconds:.1f} s of video in {outcome.wall_seconds:.1f} s ({ratio:.2f}×)"


class PlainReport:
    """One line per finished video and per step, through logging."""

    def __init__(self) -> None:
        self.total = self.count = 0

    def begin(self, expected: dict[str, float]) -> None:
        self.total = len(expected)

    def started(self, name: str) -> None:
        pass  # a line per start would double the output; the end line says it all

    def finished(self, outcome: Outcome) -> None:
        self.count += 1
        log.info(line(self.count, self.total, outcome))

    def step(self, message: str) -> None:
        log.info(message)

    def end(self) -> None:
        pass


class LiveReport:
    """A rich live display: one bar for the run, measured in seconds of video,
    and one line per worker naming the video it renders."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[detail]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
        )
        self.workers: dict[str, TaskID] = {}
        self.expected: dict[str, float] = {}
        self.done = 0
        self.rendered = 0.0

    def begin(self, expected: dict[str, float]) -> None:
        self.expected = expected
        self.progress.start()
        self.run = self.progress.add_task(self._title(), total=sum(expected.values()) or 1.0, detail=self._detail())

    def _title(self) -> str:
        return f"videos {self.done}/{len(self.expected)}"

    def _detail(self) -> str:
        return f"{self.rendered:.0f} of ~{sum(self.expected.values()):.0f} s of video"

    def started(self, name: str) -> None:
        task = self.progress.add_task(f"  {name}", total=None, detail="rendering")
        self.workers[name] = task

    def finished(self, outcome: Outcome) -> None:
        task = self.workers.pop(outcome.name)
        self.progress.remove_task(task)
        self.done += 1
        self.rendered += outcome.video_seconds
        self.progress.console.print(line(self.done, len(self.expected), outcome), markup=False, highlight=False)
        # The bar advances by the expected length, so that the ETA counts what is left.
        self.progress.update(self.run, advance=self.expected[outcome.name], description=self._title(), detail=self._detail())

    def step(self, message: str) -> None:
        self.progress.console.print(message, markup=False, highlight=False)

    def end(self) -> None:
        self.progress.stop()


def reporter() -> Reporter:
    """The live display on a terminal, plain lines otherwise."""
    return LiveReport() if sys.stderr.isatty() else PlainReport()
