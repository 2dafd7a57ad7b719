"""python -m delivery list | render [--quality h] [--langs "ko en"] [--jobs N]"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from unicodedata import east_asian_width
from pathlib import Path

from scenes.series import SERIES
from scenes.toolkit.i18n import LANGUAGES, t

from .render import ROOT, render_all


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
    render = sub.add_parser("render", help="render every scene in every language")
    render.add_argument("--quality", default="h")
    render.add_argument("--langs", default=" ".join(LANGUAGES))
    render.add_argument("--jobs", type=int, default=None)
    render.add_argument("--build", type=Path, default=ROOT / "build")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.command == "list":
        print(list_series())
        return 0
    start = time.perf_counter()
    try:
        done = render_all(args.quality, args.langs.split(), args.build, args.jobs)
    except (ValueError, RuntimeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    logging.getLogger("delivery").info("rendered %d videos in %.1f s", len(done), time.perf_counter() - start)
    return 0


if __name__ == "__main__":
    sys.exit(main())
