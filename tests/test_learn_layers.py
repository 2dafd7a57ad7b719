"""The learning layers: every backward pass against central finite
differences in float64, conv against a naive loop and scipy, shapes, dtypes
and errors."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from scipy.signal import correlate2d

from mathcore.cnn.conv import conv2d
from mathcore.learn.layers import (
    Conv2d,
    Dense,
    Flatten,
    Module,
    Pool2d,
    ReLU,
    cross_entropy,
    softmax,
)

SEED = 20261127
EPS = 1e-6


def rng(offset: int = 0) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def numeric_grad(f: Callable[[], float], array: np.ndarray) -> np.ndarray:
    """Central differences of the scalar f() with respect to every entry of array (changed in place)."""
    grad = np.zeros_like(array)
    for i in np.ndindex(array.shape):
        old = array[i]
        array[i] = old + EPS
        up = f()
        array[i] = old - EPS
        down = f()
        array[i] = old
        grad[i] = (up - down) / (2 * EPS)
    return grad


def check_layer(layer: Module, x: np.ndarray, seed: int) -> None:
    """L = Σ layer(x) ⊙ g for a fixed random g, so ∂L/∂y = g."""
    g = rng(seed).standard_normal(layer.forward(x).shape)

    def loss() -> float:
        return float(np.sum(layer.forward(x) * g))

    layer.forward(x)
    dx = layer.backward(g)
    assert dx.shape == x.shape and dx.dtype == np.float64
    np.testing.assert_allclose(dx, numeric_grad(loss, x), rtol=1e-5, atol=1e-7)
    for name, p in layer.params.items():
        layer.forward(x)
        layer.backward(g)
        analytic = layer.grads[name].copy()
        assert analytic.shape == p.shape and analytic.dtype == np.float64, name
        np.testing.assert_allclose(analytic, numeric_grad(loss, p), rtol=1e-5, atol=1e-7, err_msg=name)


CONV_CASES = [
    # (N, C_in, H, W, C_out, K, stride, padding)
    (2, 1, 5, 5, 2, 3, 1, 0),
    (2, 3, 7, 6, 4, 3, 2, 1),  # stride 2, padding, odd and unequal sizes
    (1, 2, 6, 6, 3, 2, 2, 0),  # even kernel
    (3, 2, 5, 7, 2, 5, 1, 2),  # "same" padding of a 5×5 kernel, as LeNet on 28×28
    (1, 1, 4, 4, 1, 4, 3, 1),
]


@pytest.mark.parametrize("case", CONV_CASES)
def test_conv_backward_matches_finite_differences(case: tuple[int, ...]) -> None:
    n, c, h, w, o, k, s, p = case
    r = rng(sum(case))
    layer = Conv2d(r.standard_normal((o, c, k, k)), r.standard_normal(o), stride=s, padding=p)
    check_layer(layer, r.standard_normal((n, c, h, w)), seed=1)


def naive_conv(x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int, padding: int) -> np.ndarray:
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    n, _, h, wd = xp.shape
    o, c, k, _ = w.shape
    oh, ow = (h - k) // stride + 1, (wd - k) // stride + 1
    out = np.zeros((n, o, oh, ow))
    for a in range(n):
        for f in range(o):
            for i in range(oh):
                for j in range(ow):
                    out[a, f, i, j] = np.sum(xp[a, :, i * stride : i * stride + k, j * stride : j * stride + k] * w[f]) + b[f]
    return out


@pytest.mark.parametrize("case", CONV_CASES)
def test_conv_forward_matches_a_naive_loop_and_the_einsum_conv(case: tuple[int, ...]) -> None:
    n, c, h, w, o, k, s, p = case
    r = rng(100 + sum(case))
    x, kern, b = r.standard_normal((n, c, h, w)), r.standard_normal((o, c, k, k)), r.standard_normal(o)
    y = Conv2d(kern, b, stride=s, padding=p).forward(x)
    np.testing.assert_allclose(y, naive_conv(x, kern, b, s, p), rtol=1e-12, atol=1e-12)
    for a in range(n):
        np.testing.assert_allclose(y[a], conv2d(x[a], kern, stride=s, padding=p, bias=b), rtol=1e-12, atol=1e-12)


def test_conv_backward_matches_scipy() -> None:
    """For stride 1 and no padding, ∂L/∂w[o, c] is the correlation of x[c]
    with dy[o] ('valid'), and ∂L/∂x[c] is Σ_o the full convolution of dy[o]
    with w[o, c]: scipy computes both independently of the im2col code."""
    r = rng(7)
    x, w = r.standard_normal((1, 2, 6, 5)), r.standard_normal((3, 2, 3, 3))
    layer = Conv2d(w, np.zeros(3))
    dy = r.standard_normal(layer.forward(x).shape)
    dx = layer.backward(dy)
    for o in range(3):
        for c in range(2):
            np.testing.assert_allclose(layer.grads["weights"][o, c], correlate2d(x[0, c], dy[0, o], mode="valid"), atol=1e-12)
    for c in range(2):
        expected = sum(correlate2d(dy[0, o], w[o, c, ::-1, ::-1], mode="full") for o in range(3))
        np.testing.assert_allclose(dx[0, c], expected, atol=1e-12)


@pytest.mark.parametrize("kind", ["max", "avg"])
@pytest.mark.parametrize("shape,size,stride", [((2, 3, 6, 6), 2, None), ((1, 2, 7, 5), 3, 2), ((2, 1, 5, 5), 2, 1)])
def test_pool_backward_matches_finite_differences(kind: str, shape: tuple[int, ...], size: int, stride: int | None) -> None:
    """Odd sizes drop the last row/column; stride 1 and 3-over-2 overlap, so gradients add."""
    check_layer(Pool2d(kind, size, stride), rng(len(shape) + size).standard_normal(shape), seed=2)


def test_pools_agree_with_the_cnn_pools() -> None:
    from mathcore.cnn.conv import avg_pool2d, max_pool2d

    x = rng(3).standard_normal((2, 3, 7, 6))
    for n in range(2):
        np.testing.assert_allclose(Pool2d("max", 2).forward(x)[n], max_pool2d(x[n], 2))
        np.testing.assert_allclose(Pool2d("avg", 3, 2).forward(x)[n], avg_pool2d(x[n], 3, 2))


def test_max_pool_routes_the_gradient_to_the_maximum_by_hand() -> None:
    x = np.array([[[[1.0, 5.0], [3.0, 2.0]]]])
    pool = Pool2d("max", 2)
    assert pool.forward(x)[0, 0, 0, 0] == 5.0
    np.testing.assert_array_equal(pool.backward(np.array([[[[7.0]]]])), [[[[0.0, 7.0], [0.0, 0.0]]]])


def test_relu_flatten_dense_backward() -> None:
    r = rng(4)
    check_layer(ReLU(), r.standard_normal((3, 2, 4, 5)), seed=3)
    check_layer(Flatten(), r.standard_normal((3, 2, 4, 5)), seed=4)
    check_layer(Dense(r.standard_normal((4, 7)), r.standard_normal(4)), r.standard_normal((5, 7)), seed=5)


def test_flatten_is_row_major_like_the_flattening_video() -> None:
    x = np.arange(2 * 28 * 28, dtype=np.float64).reshape(1, 2, 28, 28)
    flat = Flatten().forward(x)
    assert flat[0, 28 * 13 + 14] == x[0, 0, 13, 14]
    assert flat[0, 28 * 28 + 28] == x[0, 1, 1, 0]


def test_cross_entropy_against_finite_differences_and_by_hand() -> None:
    r = rng(5)
    logits, labels = r.standard_normal((6, 10)), r.integers(0, 10, 6)
    loss, grad = cross_entropy(logits, labels)
    np.testing.assert_allclose(grad, numeric_grad(lambda: cross_entropy(logits, labels)[0], logits), rtol=1e-6, atol=1e-9)
    # By hand: two classes with logits 0 and ln 3 give p = (1/4, 3/4).
    loss, _ = cross_entropy(np.array([[0.0, np.log(3.0)]]), np.array([0]))
    assert loss == pytest.approx(np.log(4.0), rel=1e-12)


def test_softmax_cross_entropy_is_stable_for_huge_logits() -> None:
    logits = np.array([[1000.0, 0.0, -1000.0], [-1e6, 1e6, 0.0]])
    loss, grad = cross_entropy(logits, np.array([0, 1]))
    assert np.isfinite(loss) and np.all(np.isfinite(grad)) and loss == pytest.approx(0.0, abs=1e-12)
    np.testing.assert_allclose(softmax(logits).sum(axis=1), 1.0)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: Conv2d(np.zeros((6, 1, 5, 5)), np.zeros(6)).forward(np.zeros((2, 3, 28, 28))), r"shape \(2, 3, 28, 28\).*\(6, 1, 5, 5\)"),
        (lambda: Conv2d(np.zeros((6, 1, 5, 5)), np.zeros(6)).forward(np.zeros((1, 1, 4, 4))), r"\(1, 1, 4, 4\).*H, W \+ 2·0 >= 5"),
        (lambda: Conv2d(np.zeros((6, 1, 5, 5)), np.zeros(5)), "bias must have 6 values"),
        (lambda: Pool2d("max", 2).forward(np.zeros((1, 1, 1, 5))), r"cannot pool an input of shape \(1, 1, 1, 5\)"),
        (lambda: Pool2d("mean", 2), "kind must be 'max' or 'avg'"),
        (lambda: Dense(np.zeros((3, 4)), np.zeros(3)).forward(np.zeros((2, 5))), r"expected input \(N, 4\), got shape \(2, 5\)"),
        (lambda: cross_entropy(np.zeros((2, 3)), np.array([0, 3])), "labels must be in 0..2"),
    ],
)
def test_shapes_that_cannot_work_name_the_shapes(call: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_residual_backward_matches_finite_differences() -> None:
    """y = x + F(x): the skip adds dy itself to F's input gradient."""
    from mathcore.learn.layers import Residual

    r = rng(9)
    block = Residual([Dense(r.standard_normal((5, 5)), r.standard_normal(5)), ReLU(), Dense(r.standard_normal((5, 5)), r.standard_normal(5))])
    check_layer(block, r.standard_normal((4, 5)), seed=6)
    assert set(block.params) == {"0.weights", "0.bias", "2.weights", "2.bias"}
