"""How close two renders of one video are: SSIM and PSNR on the luma, tick by tick.

    python scripts/compare_videos.py A.mp4 B.mp4 [--every 10]

Measures the quality cost of an encoder setting (manim.cfg) against another.
SSIM after Wang et al. 2004 with 8×8 uniform windows; 1.0 means identical.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from scipy.ndimage import uniform_filter

from delivery.encoder import ticks

WINDOW = 8
C1, C2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2


def luma(path: Path) -> Iterator[np.ndarray]:
    """The picture at each tick, as (H, W) float arrays in 0–255 (a held
    frame counts once per tick it is shown)."""
    for picture in ticks(path):
        yield picture.astype(np.float64)


def ssim(a: np.ndarray, b: np.ndarray) -> float:
    """Mean structural similarity of two (H, W) images."""
    mu_a, mu_b = uniform_filter(a, WINDOW), uniform_filter(b, WINDOW)
    var_a = uniform_filter(a * a, WINDOW) - mu_a**2
    var_b = uniform_filter(b * b, WINDOW) - mu_b**2
    cov = uniform_filter(a * b, WINDOW) - mu_a * mu_b
    s = ((2 * mu_a * mu_b + C1) * (2 * cov + C2)) / ((mu_a**2 + mu_b**2 + C1) * (var_a + var_b + C2))
    return float(s.mean())


def mse(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean((a - b) ** 2))


def psnr(error: float) -> float:
    """Peak signal-to-noise ratio in dB of a mean squared error (inf for none)."""
    return float("inf") if error == 0 else 10 * np.log10(255**2 / error)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--every", type=int, default=10, help="compare every Nth frame (default 10)")
    args = parser.parse_args()
    pairs = [(ssim(a, b), mse(a, b)) for k, (a, b) in enumerate(zip(luma(args.a), luma(args.b))) if k % args.every == 0]
    if not pairs:
        parser.error("no frames to compare")
    s, e = np.array(pairs).T
    print(f"{len(pairs)} frames: SSIM mean {s.mean():.4f} (min {s.min():.4f}), "
          f"PSNR {psnr(e.mean()):.1f} dB overall (worst frame {psnr(e.max()):.1f} dB)")


if __name__ == "__main__":
    main()
