"""python -m delivery list | scene ID | status | render | stills | slides  [--quality h] [--langs "ko en"] [--jobs N]

status: the videos render would make, each with the first input that changed.
render: every video, its subtitles, key frames, the full cuts and the page.
stills: all of that, plus a GIF of the convolution sweep per language.
slides: every video as a slide deck (reveal.js and PowerPoint), and the page.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path
from typing import NoReturn
from unicodedata import east_asian_width

from scenes.series import SERIES, episode
from scenes.toolkit.i18n import LANGUAGES, t

from .build import finish, sweep_gif
from .preview import lines, preview
from .progress import Outcome, reporter
from .render import ROOT, jobs_for, render_all, stale

log = logging.getLogger("delivery")


def list_series() -> str:
    rows = [("#", "id", *(f"title ({lang})" for lang in LANGUAGES), "file")]
    rows += [
        (f"{e.number:02d}", e.id, *(t(f"{e.id}.title", lang) for lang in LANGUAGES), str(e.file.relative_to(ROOT)))
        for e in SERIES
    ]
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths)).rstrip() for r in rows)


def _width(text: str) -> int:
    """Columns a string takes in a terminal: Hangul is two wide."""
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


class OneLineParser(argparse.ArgumentParser):
    """argparse, with a bad option told in one line (exit 2), as every other
    refusal of this command is; ``--help`` still shows the usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message}\n")


def main() -> int:
    parser = OneLineParser(prog="python -m delivery")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="the series in order")
    where = sub.add_parser("scene", help="the file and class of a video, by its id")
    where.add_argument("id")
    numbered = sub.add_parser("lines", help="a video's lines, numbered as in its subtitles (for preview --lines)")
    numbered.add_argument("id")
    numbered.add_argument("--lang", default=LANGUAGES[0])
    look = sub.add_parser("preview", help="one video at 480p15, from a line on, or the frame at a line's end")
    look.add_argument("id")
    look.add_argument("--lang", default=LANGUAGES[0])
    look.add_argument("--lines", default="", help="9 (from line 9 to the end) or 9-11; default: the whole video")
    look.add_argument("--still", action="store_true", help="only the frame at the end of the last line of --lines")
    look.add_argument("--play", action="store_true", help="open the result when done")
    helps = {"status": "the stale videos and why", "render": "render the series", "stills": "render, then the sweep GIF", "slides": "every video as a slide deck"}
    for command, help_text in helps.items():
        p = sub.add_parser(command, help=help_text)
        p.add_argument("--quality", default="h", help="l 480p15, m 720p30, h 1080p60 (default), k 2160p60")
        p.add_argument("--langs", default=" ".join(LANGUAGES), help=f"languages, space-separated (default: {' '.join(LANGUAGES)})")
        p.add_argument("--build", type=Path, default=ROOT / "build", help="output folder (default: build/)")
        p.add_argument("--scenes", default="", help="only these scene ids, space-separated (see `list`; default: all)")
        if command == "status":
            continue
        p.add_argument("--jobs", type=int, default=None, help="parallel renders, 1 or more (default: one per core)")
        if command == "slides":
            p.add_argument("--captions", choices=("off", "on"), default="off", help="the burned-in caption in the decks (default: off, the teacher speaks)")
    args = parser.parse_args()
    # force: importing manim gave the root logger its rich handler, which dates and wraps each line
    logging.basicConfig(level=logging.INFO, format="%(message)s", force=True)
    if args.command == "list":
        print(list_series())
        return 0
    if args.command == "scene":
        try:
            entry = episode(args.id)
        except ValueError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        print(entry.file, entry.scene)
        return 0
    if args.command == "status":
        return print_status(args)
    if args.command in ("lines", "preview"):
        return author_loop(args)
    start = time.perf_counter()
    langs = args.langs.split()
    report = reporter()
    try:
        if args.command == "slides":
            # manim-slides and pydantic: loaded for this command only
            from .slides import slides_all

            outcomes = slides_all(args.quality, langs, args.build, args.jobs, args.scenes.split(), args.captions == "on", report)
            failed = [o for o in outcomes if not o.ok]
            page = finish(args.build, report)  # the page links the decks; it names failed videos, not decks
        else:
            outcomes = render_all(args.quality, langs, args.build, args.jobs, scene_ids=args.scenes.split(), report=report)
            failed = [o for o in outcomes if not o.ok]
            page = finish(args.build, report, [o.name for o in failed])
        if args.command == "stills":
            for lang in langs:
                gif = sweep_gif(args.build, lang)
                report.step(f"wrote {gif}" if gif else f"no sweep GIF for {lang}: the convolution video is not rendered (SCENES=convolution)")
    except (ValueError, RuntimeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for outcome in failed:
        print(failure_summary(outcome), file=sys.stderr)
    noun = "decks" if args.command == "slides" else "videos"
    log.info("rendered %d of %d %s; %s; %.1f s in all", len(outcomes) - len(failed), len(outcomes), noun, page, time.perf_counter() - start)
    return 1 if failed else 0


def author_loop(args: argparse.Namespace) -> int:
    """``lines``: a video's numbered lines; ``preview``: render some of them."""
    start = time.perf_counter()
    try:
        if args.command == "lines":
            for number, cue in enumerate(lines(args.id, args.lang), start=1):
                print(f"{number:3d}  {cue.replace(chr(10), ' / ')}")
            return 0
        made = preview(args.id, args.lang, args.lines, args.still, args.play)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    log.info("%s (%.1f s)", made, time.perf_counter() - start)
    return 0


def print_status(args: argparse.Namespace) -> int:
    """One line per stale video: its name and the first input that changed."""
    try:
        found = stale(args.quality, args.langs.split(), args.build, args.scenes.split())
        total = len(jobs_for(args.quality, args.langs.split(), args.scenes.split()))
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    width = max((len(f"{job.lang}/{job.name}") for job, _ in found), default=0)
    for job, reason in found:
        print(f"{f'{job.lang}/{job.name}':<{width}}  {reason}")
    print(f"{len(found)} of {total} videos to render at quality {args.quality}" + ("" if found else ": all up to date"))
    return 0


def failure_summary(outcome: Outcome, lines: int = 12) -> str:
    """A failed video: its name, the last lines of its log and the log's path."""
    text = outcome.log.read_text(encoding="utf-8", errors="replace") if outcome.log else ""
    tail = text.rstrip().splitlines()[-lines:]
    body = "\n".join(f"    {line}" for line in tail)
    return f"FAILED {outcome.name}: {outcome.error}\n{body}\n  full log: {outcome.log}"

if __name__ == "__main__":
    sys.exit(main())
