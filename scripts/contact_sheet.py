"""Frames of a rendered video as one PNG grid, for reviewing a scene by eye.

    python scripts/contact_sheet.py VIDEO.mp4 OUT.png [--every SECONDS]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw

from delivery.cut import duration
from delivery.stills import frames_at


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("video")
    parser.add_argument("out")
    parser.add_argument("--every", type=float, default=4.0)
    parser.add_argument("--columns", type=int, default=3)
    args = parser.parse_args()
    video = Path(args.video)
    times = [k * args.every for k in range(int(duration(video) / args.every) + 1)]
    shots = list(zip(times, frames_at(video, times)))
    w, h = shots[0][1].size
    rows = -(-len(shots) // args.columns)
    sheet = Image.new("RGB", (w * args.columns, h * rows), "black")
    for k, (t, image) in enumerate(shots):
        ImageDraw.Draw(image).text((8, 8), f"{t:.1f}s", fill="yellow")
        sheet.paste(image, ((k % args.columns) * w, (k // args.columns) * h))
    sheet.save(args.out)


if __name__ == "__main__":
    main()
