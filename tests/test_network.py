"""The general dense network against hand calculations and finite differences."""

import math
import warnings
import zlib

import numpy as np
import pytest

from mathcore import (
    ACTIVATIONS,
    LOSSES,
    Layer,
    Network,
    backward,
    forward,
    loss_of,
    sigmoid,
    step,
    train,
)


def random_network(rng: np.random.Generator, sizes: list[int], activation: str, bias: bool) -> Network:
    return Network(
        tuple(
            Layer(
                rng.normal(size=(n_out, n_in)),
                rng.normal(size=n_out) if bias else None,
                activation if i < len(sizes) - 2 else "identity",
            )
            for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:]))
        )
    )


def numeric_loss(net: Network, x: np.ndarray, y: np.ndarray, loss: str) -> float:
    return loss_of(forward(net, x), y, loss)


def replace(net: Network, layer: int, part: str, index: tuple[int, ...], delta: float) -> Network:
    layers = list(net.layers)
    L = layers[layer]
    weights, bias = L.weights.copy(), None if L.bias is None else L.bias.copy()
    (weights if part == "weights" else bias)[index] += delta  # type: ignore[index]
    layers[layer] = Layer(weights, bias, L.activation)
    return Network(tuple(layers))


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("loss", sorted(LOSSES))
@pytest.mark.parametrize("bias", [True, False])
def test_gradients_match_central_differences(activation: str, loss: str, bias: bool) -> None:
    # A seed of its own per case, the same in every process (hash() of a str is salted per process).
    rng = np.random.default_rng(zlib.crc32(f"{activation}|{loss}|{bias}".encode()))
    # The output layer takes the activation too, so every activation meets the loss.
    net = random_network(rng, [3, 4, 2, 2], activation, bias)
    net = Network(net.layers[:-1] + (Layer(net.layers[-1].weights, net.layers[-1].bias, activation),))
    x, y = rng.normal(size=3), rng.normal(size=2)
    grads = backward(net, forward(net, x), y, loss)
    h = 1e-6
    for li, (layer, g) in enumerate(zip(net.layers, grads.layers)):
        parts = [("weights", layer.weights, g.weights)]
        if bias:
            parts.append(("bias", layer.bias, g.bias))
        for part, values, analytic in parts:
            for index in np.ndindex(values.shape):
                plus = numeric_loss(replace(net, li, part, index, h), x, y, loss)
                minus = numeric_loss(replace(net, li, part, index, -h), x, y, loss)
                numeric = (plus - minus) / (2 * h)
                assert analytic[index] == pytest.approx(numeric, rel=1e-5, abs=1e-8), (li, part, index)
        if not bias:
            assert g.bias is None


def test_tiny_network_by_hand() -> None:
    # One relu unit then identity: z = 2·1 + (−1)·3 + 0.5 = −0.5 → a = 0; ŷ = 4·0 + 1 = 1.
    net = Network((Layer([[2.0, -1.0]], [0.5], "relu"), Layer([[4.0]], [1.0], "identity")))
    trace = forward(net, [1.0, 3.0])
    assert trace.layers[0].z.tolist() == [-0.5]
    assert trace.layers[0].a.tolist() == [0.0]
    assert trace.output.tolist() == [1.0]
    assert loss_of(trace, [3.0], "squared_error") == 4.0
    with pytest.raises(ValueError, match="target: expected 1 values for the last layer, got 3"):
        loss_of(trace, [1, 2, 3])
    assert loss_of(trace, [3.0], "half_squared_error") == 2.0
    grads = backward(net, trace, [3.0], "squared_error")
    # ∂L/∂ŷ = −2(3 − 1) = −4; ∂L/∂w = −4·a = 0; ∂L/∂b = −4; relu is flat at z < 0.
    assert grads.layers[1].dL_da.tolist() == [-4.0]
    assert grads.layers[1].weights.tolist() == [[0.0]]
    assert grads.layers[1].bias.tolist() == [-4.0]
    assert grads.layers[0].weights.tolist() == [[0.0, 0.0]]


def test_mean_squared_error_divides_by_outputs() -> None:
    net = Network((Layer(np.eye(2), None, "identity"),))
    trace = forward(net, [1.0, 2.0])
    assert loss_of(trace, [2.0, 4.0], "mean_squared_error") == pytest.approx((1 + 4) / 2)


def test_step_returns_new_network_and_leaves_old_alone() -> None:
    net = Network((Layer([[1.0, 2.0]], [0.0], "identity"),))
    before = net.layers[0].weights.copy()
    grads = backward(net, forward(net, [1.0, 1.0]), [0.0])
    new = step(net, grads, 0.1)
    # ŷ = 3, ∂L/∂ŷ = 6, ∂L/∂w = 6·x = [6, 6]: w' = [1 − 0.6, 2 − 0.6].
    assert new.layers[0].weights == pytest.approx(np.array([[0.4, 1.4]]))
    assert new.layers[0].bias == pytest.approx(np.array([-0.6]))
    assert np.array_equal(net.layers[0].weights, before)


def test_train_history_has_steps_plus_one_values_and_falls() -> None:
    rng = np.random.default_rng(1)
    net = random_network(rng, [2, 3, 1], "tanh", bias=True)
    run = train(net, [0.5, -0.2], [0.3], learning_rate=0.05, steps=20)
    assert len(run.loss_history) == len(run.output_history) == 21
    for loss, output in zip(run.loss_history, run.output_history):
        assert loss == pytest.approx((0.3 - output[0]) ** 2)
    assert run.loss_history[-1] < run.loss_history[0]
    assert train(net, [0.5, -0.2], [0.3], learning_rate=0.05, steps=0).loss_history == (run.loss_history[0],)


@pytest.mark.parametrize("z", [1e4, -1e4, 745.2, -745.2, 0.0])
def test_sigmoid_is_stable(z: float) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = float(sigmoid(np.array(z)))
    expected = 1 / (1 + math.exp(-z)) if z > -700 else 0.0
    assert value == pytest.approx(expected, abs=1e-300)


@pytest.mark.parametrize(
    "make, error, message",
    [
        (lambda: Layer([[1.0, float("nan")]]), ValueError, "weights: contains a non-finite"),
        (lambda: Layer([1.0, 2.0]), ValueError, "weights[0]: expected a 1-D list, got a single number"),
        (lambda: Layer([[1.0], [2.0, 3.0]]), ValueError, "weights: rows have different lengths"),
        (lambda: Layer([["a"]]), TypeError, "weights[0][0]: expected a number, got str"),
        (lambda: Layer([[1.0]], [1.0, 2.0]), ValueError, "bias: expected 1 values"),
        (lambda: Layer([[1.0]], None, "softmax"), ValueError, "activation: unknown value 'softmax'"),
        (lambda: Network((Layer([[1.0, 2.0]]), Layer([[1.0, 2.0]]))), ValueError, "layers[1].weights: expected 1 columns"),
        (lambda: Network(()), ValueError, "layers: a network needs at least one layer"),
        (lambda: forward(Network((Layer([[1.0]]),)), [1.0, 2.0]), ValueError, "input: expected 1 values"),
        (lambda: loss_of(forward(Network((Layer([[1.0]]),)), [1.0]), [1.0], "l1"), ValueError, "loss: unknown value 'l1'"),
        (lambda: train(Network((Layer([[1.0]]),)), [1.0], [1.0], learning_rate=0.1, steps=-1), ValueError, "steps: must be >= 0"),
        (lambda: train(Network((Layer([[1.0]]),)), [1.0], [1.0], learning_rate=0.0, steps=1), ValueError, "learning_rate: must be > 0"),
    ],
)
def test_bad_input_names_the_field(make, error, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error) as info:
        make()
    assert str(info.value).startswith(message)
