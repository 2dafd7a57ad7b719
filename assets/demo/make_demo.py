"""Write the demo digit, its crop and the demo filters into this folder.

    python assets/demo/make_demo.py        (or: make assets)

Everything comes from ``mathcore.demo``, which draws the digit with code, so
running this again gives byte-identical files.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from pathlib import Path

from PIL import Image

from mathcore.cnn.demo import CROP_SIZE, FILTERS, demo_crop, digit_uint8

HERE = Path(__file__).resolve().parent


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: a reader never
    sees half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _png(pixels: Image.Image) -> bytes:
    buffer = io.BytesIO()
    pixels.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _json(data: object) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8")


def write_demo(folder: Path = HERE) -> list[Path]:
    """Write digit.png (28×28, 8-bit grey), crop.json and filters.json."""
    crop = demo_crop()
    files = {
        "digit.png": _png(Image.fromarray(digit_uint8())),
        "crop.json": _json({"origin": list(crop.origin), "size": CROP_SIZE, "values": crop.values.tolist()}),
        "filters.json": _json({name: k.tolist() for name, k in FILTERS.items()}),
    }
    paths = []
    for name, data in files.items():
        _write_atomically(folder / name, data)
        paths.append(folder / name)
    return paths


if __name__ == "__main__":
    for written in write_demo(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(written)
