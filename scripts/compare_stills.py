"""Render videos at 480p and compare their key frames, one per subtitle cue,
with the key frames of an earlier build: a refactor must draw the same
pictures. Uses the pixel test's comparison (tests/test_frames.py).

    python scripts/compare_stills.py --before OLD/build --scenes "backprop pooling" --langs "ko en"

Prints one line per key frame that differs (mean difference, most far-off
pixels in one 16×16 tile) and a summary per video; exit 1 if any differs.
The new build goes to --after (default: a temporary folder, kept for a look).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from test_frames import close_enough, difference  # noqa: E402

from scenes.series import SERIES, episode  # noqa: E402


def frames(stills: Path, name: str) -> list[Path]:
    return sorted(stills.glob(f"{name}-[0-9][0-9].png"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="the earlier build folder (with stills/<lang>/)")
    parser.add_argument("--after", type=Path, default=None, help="the new build folder (default: a new temporary one)")
    parser.add_argument("--scenes", default="", help="scene ids (default: all)")
    parser.add_argument("--langs", default="ko en")
    parser.add_argument("--no-render", action="store_true", help="compare the --after build as it is")
    args = parser.parse_args()
    after = args.after or Path(tempfile.mkdtemp(prefix="stills-"))
    ids = args.scenes.split() or [e.id for e in SERIES]
    if not args.no_render:
        subprocess.run([sys.executable, "-m", "delivery", "render", "--quality", "l", "--build", str(after),
                        "--scenes", " ".join(ids), "--langs", args.langs, "--jobs", "1"], check=True, cwd=ROOT)  # fmt: skip
    differing = 0
    for lang in args.langs.split():
        for scene_id in ids:
            name = episode(scene_id).name
            old, new = frames(args.before / "stills" / lang, name), frames(after / "stills" / lang, name)
            bad = []
            if len(old) != len(new):
                bad.append(f"  {len(old)} key frames before, {len(new)} now")
            for a, b in zip(old, new):
                x, y = np.array(Image.open(a).convert("RGB")), np.array(Image.open(b).convert("RGB"))
                if not close_enough(x, y):
                    mean, worst = difference(x, y) if x.shape == y.shape else (float("nan"), -1)
                    bad.append(f"  {b.name}: mean {mean:.2f}, {worst} far-off pixels in one tile ({b})")
            differing += bool(bad)
            print(f"{lang}/{name}: {'same' if not bad else 'DIFFERS'} ({len(new)} key frames)", *bad, sep="\n")
    print(f"new build: {after}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
