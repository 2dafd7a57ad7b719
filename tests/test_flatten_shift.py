"""Flattening arithmetic and the one-pixel-shift comparison."""

import numpy as np
import pytest

from mathcore import (
    FILTERS,
    compare_shift,
    conv_params,
    dense_params,
    digit,
    flat_index,
    flattening_facts,
    neighbour_distances,
    pixel_of,
    relative_change,
    shift2d,
)


def test_flat_index_is_numpys_row_major_order() -> None:
    for r, c in [(0, 0), (0, 27), (1, 0), (13, 14), (27, 27)]:
        assert flat_index(r, c, 28, 28) == np.ravel_multi_index((r, c), (28, 28))
        assert pixel_of(flat_index(r, c, 28, 28), 28) == (r, c)


def test_vertical_neighbours_land_width_apart() -> None:
    facts = flattening_facts()
    assert facts.inputs == 784
    assert facts.red == (facts.blue[0] + 1, facts.blue[1])
    assert facts.distance == 28  # the post's number
    assert neighbour_distances(28) == {"horizontal": 1, "vertical": 28, "diagonal": 29}


def test_parameter_counts_by_hand() -> None:
    assert dense_params(784, 100) == 78_500  # 784·100 weights + 100 biases
    assert conv_params(3, 1, 32) == 320  # 3·3·1·32 + 32
    assert conv_params(5, 6, 16) == 2_416  # LeNet's second conv
    assert conv_params(3, 3, 64, bias=False) == 1_728
    growth = flattening_facts().growth
    assert [g.dense for g in growth] == [78_500, 313_700, 1_254_500, 5_017_700]
    assert {g.conv for g in growth} == {320}


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: flat_index(28, 0, 28, 28), "r: row 28 is outside"),
        (lambda: flat_index(0, -1, 28, 28), "c: must be >= 0"),
        (lambda: dense_params(0, 10), "n_in: must be >= 1"),
        (lambda: conv_params(3, 1, 0), "filters: must be >= 1"),
    ],
)
def test_flatten_bad_input(call, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message):
        call()


def test_shift2d_by_hand() -> None:
    x = np.arange(1.0, 10.0).reshape(3, 3)
    assert shift2d(x, 0, 1).tolist() == [[0, 1, 2], [0, 4, 5], [0, 7, 8]]
    assert shift2d(x, -1, 0).tolist() == [[4, 5, 6], [7, 8, 9], [0, 0, 0]]
    with pytest.raises(ValueError, match="out of the frame"):
        shift2d(x, 0, 3)


def test_pooling_absorbs_a_shift_inside_its_window() -> None:
    # A dot moving within one 2×2 window changes every unpooled cell it touches
    # (|1| off, |1| on: change 2) but not the pooled map.
    x = np.zeros((4, 4))
    x[0, 0] = 1.0
    cmp = compare_shift(x, shift=(0, 1))
    assert cmp.unpooled_change == 2.0
    assert cmp.pooled_change == 0.0
    assert relative_change(np.array([2.0, 2.0]), np.array([1.0, 2.0])) == 0.25


def test_pooled_digit_changes_less_after_a_one_pixel_shift() -> None:
    for shift in [(0, 1), (1, 0), (0, -1), (-1, 0)]:
        raw = compare_shift(digit(), shift=shift)
        edges = compare_shift(digit(), shift=shift, kernel=FILTERS["vertical_edge"])
        assert raw.pooled_change < raw.unpooled_change, shift
        assert edges.pooled_change < edges.unpooled_change, shift
        assert raw.pooled.shape == (14, 14)
