"""LeNet-5's first-layer kernels at every training snapshot, as one PNG for review.

    python scripts/kernels_png.py [OUT.png]      (default build/kernels.png)

One row per snapshot (step 0 = the random start, last = the trained
kernels), one column per kernel; blue positive, red negative, white 0, each
row scaled to its own largest |weight|, and beside it the digit of the
features experiment through each trained kernel (ReLU of conv1).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from mathcore.learn import load

CELL = 12  # screen pixels per kernel weight
GAP = 6


def diverging(values: np.ndarray, scale: float) -> np.ndarray:
    """Red (−) / white (0) / blue (+) as uint8 RGB."""
    t = np.clip(values / scale, -1.0, 1.0)[..., None]
    white, blue, red = np.array([255, 255, 255]), np.array([40, 90, 220]), np.array([210, 50, 40])
    return np.where(t >= 0, white + t * (blue - white), white - t * (red - white)).astype(np.uint8)


def grey(values: np.ndarray) -> np.ndarray:
    v = (255 * values / max(values.max(), 1e-12)).astype(np.uint8)
    return np.repeat(v[..., None], 3, axis=-1)


def tile(rgb: np.ndarray, cell: int) -> Image.Image:
    return Image.fromarray(rgb).resize((rgb.shape[1] * cell, rgb.shape[0] * cell), Image.NEAREST)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/kernels.png")
    snapshots, features = load("training")["snapshots"], load("features")
    label_width, size = 90, 5 * CELL
    width = label_width + 6 * (size + GAP)
    height = 10 + len(snapshots) * (size + GAP) + 20 + 28 * 2 + 10
    sheet = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(sheet)
    for row, snap in enumerate(snapshots):
        kernels = np.array(snap["kernels"])
        y = 10 + row * (size + GAP)
        draw.text((6, y + size // 2 - 6), f"step {snap['step']}", fill="black")
        for k, kernel in enumerate(kernels):
            sheet.paste(tile(diverging(kernel, np.abs(kernels).max()), CELL), (label_width + k * (size + GAP), y))
    maps = np.array(next(layer["values"] for layer in features["layers"] if layer["name"] == "conv1.relu"))
    y = 10 + len(snapshots) * (size + GAP) + 20
    draw.text((6, y - 16), f"MNIST #{features['digit']['id']} (label {features['digit']['label']}) through each trained kernel:", fill="black")
    for k, m in enumerate(maps):
        sheet.paste(tile(grey(m), 2), (label_width + k * (size + GAP), y))
    sheet.paste(tile(grey(np.array(features["image"])), 2), (6, y))
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out)
    print(out)


if __name__ == "__main__":
    main()
