"""The demo digit, crop and filters: deterministic, committed, and fit for
showing an edge."""

import importlib.util
import json

import numpy as np
from conftest import REPO
from PIL import Image

from mathcore import FILTERS, conv2d, demo_crop, digit

ASSETS = REPO / "assets" / "demo"


def load_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_demo", ASSETS / "make_demo.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_regenerating_gives_byte_identical_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    written = load_script().write_demo(tmp_path)
    assert written
    for path in written:
        assert path.read_bytes() == (ASSETS / path.name).read_bytes(), path.name
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "temporary files left behind"


def test_digit_is_a_28x28_greyscale_drawing() -> None:
    image = digit()
    assert image.shape == (28, 28)
    assert image.min() == 0.0 and 0.9 < image.max() <= 1.0
    ink = (image > 0.5).mean()
    assert 0.08 < ink < 0.3  # a stroke, not a blob or a speck
    assert len(np.unique(image)) > 20  # anti-aliased, not black and white
    assert np.array_equal(image, digit())
    png = np.asarray(Image.open(ASSETS / "digit.png"))
    assert np.array_equal(png / 255.0, image)


def test_crop_is_the_rounded_slice_on_disk() -> None:
    crop = demo_crop()
    r, c = crop.origin
    assert np.array_equal(crop.values, np.round(digit()[r : r + 6, c : c + 6], 1))
    stored = json.loads((ASSETS / "crop.json").read_text())
    assert stored["origin"] == [r, c] and np.array_equal(stored["values"], crop.values)
    assert json.loads((ASSETS / "filters.json").read_text()) == {k: v.tolist() for k, v in FILTERS.items()}


def test_the_crop_shows_a_vertical_edge() -> None:
    values = demo_crop().values
    vertical = conv2d(values, FILTERS["vertical_edge"])
    horizontal = conv2d(values, FILTERS["horizontal_edge"])
    # Dark on the left, ink on the right: a strong vertical response, a weak horizontal one.
    assert values[:, :2].mean() < 0.1 and values[:, 3:5].mean() > 0.6
    assert vertical.max() > 1.5 and np.abs(horizontal).max() < 0.5
    # The first output cell, by hand from the crop: right column minus left column.
    assert vertical[0, 0] == np.float64(values[0:3, 2].sum() - values[0:3, 0].sum())


def test_cli_demo_json(capsys) -> None:  # type: ignore[no-untyped-def]
    from mathcore.cli import main

    assert main(["demo", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    values = np.array(data["crop"]["values"])
    # The first cell by hand: Σ window ⊙ kernel, written out.
    k = np.array(data["filters"]["vertical_edge"])
    assert data["feature_maps"]["vertical_edge"][0][0] == sum(
        values[u, v] * k[u, v] for u in range(3) for v in range(3)
    )


def test_edge_crop_finds_the_strongest_vertical_edge() -> None:
    from mathcore import edge_crop

    image = np.zeros((28, 28))
    image[5:20, 17:] = 1.0  # one vertical edge, between columns 16 and 17, rows 5-19
    crop = edge_crop(image)
    # Windows whose 4×4 valid outputs include both cells that straddle the edge
    # (left columns 15 and 16) and whose rows lie inside 5-19 tie; the first is (5, 13).
    assert crop.origin == (5, 13)
    # Those two output columns read 3 (three rows of −1·0 + 1·1) in each of 4 rows.
    assert np.abs(conv2d(crop.values, FILTERS["vertical_edge"])).sum() == 3 * 2 * 4
