"""conv2d and pooling against a naive loop, scipy, and hand-worked cases."""

import itertools

import numpy as np
import pytest
from scipy.signal import correlate2d

from mathcore import (
    avg_pool2d,
    conv2d,
    conv_cells,
    conv_output_size,
    max_pool2d,
    max_pool_argmax,
    pool_output_size,
)


def naive_conv(x: np.ndarray, k: np.ndarray, stride: int, padding: int) -> np.ndarray:
    """Textbook loops: slide, multiply, add. No numpy tricks."""
    h, w = x.shape
    xp = [[0.0] * (w + 2 * padding) for _ in range(h + 2 * padding)]
    for r in range(h):
        for c in range(w):
            xp[r + padding][c + padding] = float(x[r, c])
    kh, kw = k.shape
    rows = []
    i = 0
    while i + kh <= len(xp):
        row = []
        j = 0
        while j + kw <= len(xp[0]):
            row.append(sum(xp[i + u][j + v] * float(k[u, v]) for u in range(kh) for v in range(kw)))
            j += stride
        rows.append(row)
        i += stride
    return np.array(rows)


GRID = list(itertools.product([4, 5, 7, 9], [1, 2, 3, 4], [1, 2, 3], [0, 1, 2]))


@pytest.mark.parametrize("size, k, stride, padding", GRID)
def test_conv2d_matches_naive_loop_and_scipy(size: int, k: int, stride: int, padding: int) -> None:
    rng = np.random.default_rng(size * 1000 + k * 100 + stride * 10 + padding)
    x = rng.normal(size=(size, size + 1))  # not square, to catch swapped axes
    kernel = rng.normal(size=(k, k))
    ours = conv2d(x, kernel, stride=stride, padding=padding)
    assert ours == pytest.approx(naive_conv(x, kernel, stride, padding), abs=1e-12)
    padded = np.pad(x, padding)
    reference = correlate2d(padded, kernel, mode="valid")[::stride, ::stride]
    assert ours == pytest.approx(reference, abs=1e-12)
    assert ours.shape == (
        conv_output_size(size, k, stride=stride, padding=padding),
        conv_output_size(size + 1, k, stride=stride, padding=padding),
    )


def test_conv2d_multichannel_sums_channels_and_adds_bias() -> None:
    rng = np.random.default_rng(7)
    x, k, b = rng.normal(size=(3, 6, 6)), rng.normal(size=(2, 3, 3, 3)), np.array([0.5, -1.0])
    out = conv2d(x, k, stride=1, padding=1, bias=b)
    for o in range(2):
        expected = sum(correlate2d(np.pad(x[c], 1), k[o, c], mode="valid") for c in range(3)) + b[o]
        assert out[o] == pytest.approx(expected, abs=1e-12)


def test_kernel_is_not_flipped() -> None:
    # A true convolution would flip [1, 2] and give 2·a + 1·b.
    assert conv2d([[10.0, 1.0]], [[1.0, 2.0]]).tolist() == [[12.0]]


@pytest.mark.parametrize(
    "w, k, s, p, expected",
    [(28, 5, 1, 0, 24), (32, 5, 1, 0, 28), (224, 11, 4, 2, 55), (6, 3, 2, 0, 2), (6, 3, 1, 1, 6), (7, 3, 2, 1, 4)],
)
def test_output_size_formula_by_hand(w: int, k: int, s: int, p: int, expected: int) -> None:
    assert conv_output_size(w, k, stride=s, padding=p) == expected


def test_pool_output_size_ceil_mode_like_pytorch() -> None:
    # GoogLeNet's stem: 112 → 56 with a 3×3/2 max pool in ceil mode (56 floor mode: 55).
    assert pool_output_size(112, 3, stride=2, ceil_mode=True) == 56
    assert pool_output_size(112, 3, stride=2) == 55
    # A last window that would start in the padding is dropped: 5 + 1 pad, k=2, s=2.
    assert pool_output_size(5, 2, stride=2, padding=1, ceil_mode=True) == 3


HAND = np.array(
    [
        [1.0, 3.0, 2.0, 0.0],
        [4.0, 2.0, 1.0, 5.0],
        [0.0, 1.0, 3.0, 3.0],
        [2.0, 6.0, 1.0, 0.0],
    ]
)


def test_max_pool_by_hand() -> None:
    assert max_pool2d(HAND).tolist() == [[4.0, 5.0], [6.0, 3.0]]
    assert max_pool_argmax(HAND).tolist() == [[[1, 0], [1, 3]], [[3, 1], [2, 2]]]


def test_avg_pool_by_hand() -> None:
    assert avg_pool2d(HAND).tolist() == [[2.5, 2.0], [2.25, 1.75]]


def test_overlapping_pool_and_ties() -> None:
    # 3×3 windows with stride 1 on a 4×4: 2×2 outputs.
    assert max_pool2d(HAND, size=3, stride=1).tolist() == [[4.0, 5.0], [6.0, 6.0]]
    # Tie at (2, 2) and (2, 3): the first in row-major order wins.
    assert max_pool_argmax(HAND)[1, 1].tolist() == [2, 2]


def test_pool_per_channel() -> None:
    stacked = np.stack([HAND, -HAND])
    assert max_pool2d(stacked).tolist() == [[[4.0, 5.0], [6.0, 3.0]], [[-1.0, 0.0], [0.0, 0.0]]]


def test_conv_cells_show_their_work() -> None:
    x = np.arange(16.0).reshape(4, 4)
    k = np.array([[0.0, 1.0], [1.0, 0.0]])
    cells = conv_cells(x, k, stride=2, padding=1)
    assert [(c.row, c.col, c.top, c.left) for c in cells][:3] == [(0, 0, 0, 0), (0, 1, 0, 2), (0, 2, 0, 4)]
    first = cells[0]
    # Padded corner window [[0, 0], [0, x00=0]]; second window [[0, 0], [x01=1, x02=2]].
    assert first.window.tolist() == [[0.0, 0.0], [0.0, 0.0]]
    assert cells[1].window.tolist() == [[0.0, 0.0], [1.0, 2.0]]
    assert cells[1].products.tolist() == [[0.0, 0.0], [1.0, 0.0]]
    assert cells[1].value == 1.0
    out = conv2d(x, k, stride=2, padding=1)
    assert [c.value for c in cells] == out.ravel().tolist()
    for c in cells:
        assert c.products.sum() == pytest.approx(c.value)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: conv2d(np.ones((3, 3)), np.ones((4, 4))), "kernel: 4×4 is larger than the input 3×3"),
        (lambda: conv2d(np.ones((3, 3)), np.ones((6, 6)), padding=1), "kernel: 6×6 is larger than the padded input 5×5"),
        (lambda: conv2d(np.ones((3, 3)), np.ones((2, 2)), stride=0), "stride: must be >= 1"),
        (lambda: conv2d(np.ones((3, 3)), np.ones((2, 2)), stride=-2), "stride: must be >= 1"),
        (lambda: conv2d(np.ones((3, 3)), np.ones((2, 2)), padding=-1), "padding: must be >= 0"),
        (lambda: conv2d(np.ones(3), np.ones((2, 2))), "x: expected (H, W) or (C_in, H, W), got 1-D"),
        (lambda: conv2d(np.ones((1, 1, 3, 3)), np.ones((2, 2))), "x: expected (H, W) or (C_in, H, W), got 4-D"),
        (lambda: conv2d(np.ones((3, 3)), np.ones(2)), "kernel: expected (K, K) for a 2-D x, got 1-D"),
        (lambda: conv2d(np.ones((2, 3, 3)), np.ones((1, 3, 2, 2))), "kernel: expected 2 input channels"),
        (lambda: conv2d(np.ones((2, 3, 3)), np.ones((1, 2, 2, 2)), bias=[1.0, 2.0]), "bias: expected 1 values"),
        (lambda: conv2d([[1.0, np.nan]], [[1.0]]), "x: contains a non-finite value"),
        (lambda: conv2d([[1.0]], [[np.inf]]), "kernel: contains a non-finite value"),
        (lambda: conv2d([[1.0]], [[1.0]], bias=np.nan), "bias: must be finite"),
        (lambda: max_pool2d(np.ones((3, 3)), size=4), "size: 4×4 is larger than the input 3×3"),
        (lambda: max_pool2d(np.ones((3, 3)), stride=0), "stride: must be >= 1"),
        (lambda: avg_pool2d(np.ones(4)), "x: expected (H, W) or (C, H, W), got 1-D"),
        (lambda: max_pool_argmax(np.full((2, 2), np.nan)), "x: contains a non-finite value"),
        (lambda: conv_output_size(3, 5), "kernel: size 5 is larger than the padded input"),
        (lambda: conv_output_size(5, 3, stride=0), "stride: must be >= 1"),
        (lambda: conv_output_size(5, 3, padding=-1), "padding: must be >= 0"),
    ],
)
def test_bad_input_names_the_argument(call, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError) as info:
        call()
    assert str(info.value).startswith(message)
