"""How each video reads at a glance, measured on its dry run: the smallest
text (its digit height, % of the frame height; footnotes apart), the
lowest contrast on the background, the longest gap between subtitle cues
and the longest stretch with only the title on screen.

    python scripts/glance_report.py [--scenes "forward loss"] [--langs "ko en"]

The rules these are held to are tests/test_glance_rules.py's.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from scene_harness import dry_run  # noqa: E402
from test_glance_rules import alone_stretches, contrast, cue_gaps, digit_height, every  # noqa: E402

from scenes.series import SERIES, episode  # noqa: E402
from scenes.toolkit import layout  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", default="", help="scene ids (default: all)")
    parser.add_argument("--langs", default="ko en")
    args = parser.parse_args()
    entries = [episode(s) for s in args.scenes.split()] or list(SERIES)
    print(f"{'video':<18} {'smallest text':>14} {'footnote':>9} {'contrast':>9} {'longest gap':>12} {'title alone':>12}")
    with tempfile.TemporaryDirectory() as media:
        for lang in args.langs.split():
            for entry in entries:
                shown = dry_run(entry, lang, Path(media))
                items = [item for screen in every(shown) for item in screen.items]
                body = [digit_height(i) for i in items if not i.footnote]
                notes = [digit_height(i) for i in items if i.footnote]
                share = lambda h: f"{100 * h / layout.FRAME_HEIGHT:.2f}%"  # noqa: E731
                print(
                    f"{lang + '/' + entry.id:<18} {share(min(body)):>14} {share(min(notes)) if notes else '-':>9} "
                    f"{min(contrast(i) for i in items):>8.1f}:1 {max((b - a for a, b, _ in cue_gaps(shown)), default=0):>10.1f} s "
                    f"{max((b - a for a, b in alone_stretches(shown)), default=0):>10.1f} s",
                    flush=True,
                )


if __name__ == "__main__":
    main()
