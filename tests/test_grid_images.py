"""Several maps in one image: where each map's cells land, what fills the gaps."""

from __future__ import annotations

import numpy as np
import pytest

from scenes.toolkit import deck_image, theme, tiled_image

BACKGROUND = (np.array(theme.BACKGROUND.to_rgb()) * 255).round()


def pixels(image) -> np.ndarray:  # type: ignore[no-untyped-def]
    return np.asarray(image.pixel_array)[:, :, :3].astype(float)


def test_tiles_sit_in_a_grid_with_background_gaps() -> None:
    maps = np.zeros((5, 2, 3))
    maps[4] = 1.0  # the fifth map, white: first tile of the second row with 4 columns
    image = tiled_image(maps, cols=4, tile_height=0.5, gap=1)
    px = pixels(image)
    assert px.shape[:2] == (2 * 2 + 1, 4 * 3 + 3)  # two rows of tiles and one gap; four columns and three gaps
    assert (px[3:5, 0:3] > 200).all() and (px[0:2, 0:3] < 60).all()
    assert np.allclose(px[2, :], BACKGROUND) and np.allclose(px[:, 3], BACKGROUND)
    assert image.height == pytest.approx(0.5 * 5 / 2)  # each tile keeps the height asked for


def test_the_last_card_of_a_deck_is_on_top() -> None:
    maps = np.zeros((3, 4, 4))
    maps[2] = 1.0
    image = deck_image(maps, card_height=1.0, step=1)
    px = pixels(image)
    assert px.shape[:2] == (6, 6)
    assert (px[2:6, 2:6] > 200).all()  # the last card, whole
    assert (px[0, 0:4] < 60).all() and np.allclose(px[0, 5], BACKGROUND)  # the first card peeks out; the corner is empty
