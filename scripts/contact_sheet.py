"""Frames of a rendered video as one PNG grid, for reviewing a scene by eye.

    python scripts/contact_sheet.py VIDEO.mp4 OUT.png [--every SECONDS]
"""

from __future__ import annotations

import argparse

import av
from PIL import Image, ImageDraw


def frames(path: str, every: float) -> list[tuple[float, Image.Image]]:
    picked, next_time = [], 0.0
    with av.open(path) as container:
        for frame in container.decode(video=0):
            t = float(frame.pts * frame.time_base)
            if t + 1e-6 >= next_time:
                picked.append((t, frame.to_image()))
                next_time += every
    return picked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("video")
    parser.add_argument("out")
    parser.add_argument("--every", type=float, default=4.0)
    parser.add_argument("--columns", type=int, default=3)
    args = parser.parse_args()
    shots = frames(args.video, args.every)
    w, h = shots[0][1].size
    rows = -(-len(shots) // args.columns)
    sheet = Image.new("RGB", (w * args.columns, h * rows), "black")
    for k, (t, image) in enumerate(shots):
        ImageDraw.Draw(image).text((8, 8), f"{t:.1f}s", fill="yellow")
        sheet.paste(image, ((k % args.columns) * w, (k // args.columns) * h))
    sheet.save(args.out)


if __name__ == "__main__":
    main()
