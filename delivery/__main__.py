"""python -m delivery list | render | stills  [--quality h] [--langs "ko en"] [--jobs N]

render: every video, its subtitles, key frames, the full cuts and the page.
stills: all of that, plus a GIF of the convolution sweep per language.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from unicodedata import east_asian_width
from pathlib import Path

from scenes.series import SERIES
from scenes.toolkit.i18n import LANGUAGES, t

from .build import finish, sweep_gif
from .render import ROOT, render_all

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


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m delivery")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="the series in order")
    for command in ("render", "stills"):
        p = sub.add_parser(command, help="render the series" if command == "render" else "render, then the sweep GIF")
        p.add_argument("--quality", default="h")
        p.add_argument("--langs", default=" ".join(LANGUAGES))
        p.add_argument("--jobs", type=int, default=None)
        p.add_argument("--build", type=Path, default=ROOT / "build")
        p.add_argument("--scenes", default="", help="only these scene ids (see list)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.command == "list":
        print(list_series())
        return 0
    start = time.perf_counter()
    langs = args.langs.split()
    try:
        done = render_all(args.quality, langs, args.build, args.jobs, scene_ids=args.scenes.split())
        page = finish(args.build, langs)
        if args.command == "stills":
            for lang in langs:
                log.info("wrote %s", sweep_gif(args.build, lang))
    except (ValueError, RuntimeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    log.info("rendered %d videos; %s; %.1f s in all", len(done), page, time.perf_counter() - start)
    return 0


if __name__ == "__main__":
    sys.exit(main())
