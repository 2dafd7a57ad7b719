"""The worked example against the post's printed numbers, a hand calculation,
the general network and finite differences."""

import math
import random
from decimal import Decimal

import numpy as np
import pytest

from mathcore import (
    BLOG_INPUTS,
    DISPLAY_PRECISION,
    ExampleInputs,
    as_network,
    backward,
    forward,
    worked_example,
)
from mathcore.post.precision import round_half_up

# Typed from the post, not from mathcore.
POST_PRINTED = {
    "z1": "0.21",
    "z2": "0.19",
    "a1": "0.552",
    "a2": "0.547",
    "y_hat": "0.4943",
    "error": "0.2057",
    "loss": "0.04231",
    "dL_dw5": "-0.227",
    "dL_dw6": "-0.225",
    "dL_dw1": "-0.0204",
    "dL_dw2": "-0.0255",
    "dL_dw3": "-0.0122",
    "dL_dw4": "-0.0153",
    "w1_new": "0.302",
    "w2_new": "0.203",
    "w3_new": "0.201",
    "w4_new": "0.302",
    "w5_new": "0.423",
    "w6_new": "0.523",
}


def hand_exact() -> dict[str, float]:
    """The example worked with the math module, independently of mathcore."""
    x1, x2, y, eta = 0.5, 0.3, 0.7, 0.1
    w = {"w1": 0.3, "w2": 0.2, "w3": 0.2, "w4": 0.3, "w5": 0.4, "w6": 0.5}

    def fwd(w: dict[str, float]) -> tuple[float, float, float]:
        a1 = 1 / (1 + math.exp(-(w["w1"] * x1 + w["w3"] * x2)))
        a2 = 1 / (1 + math.exp(-(w["w2"] * x1 + w["w4"] * x2)))
        return a1, a2, w["w5"] * a1 + w["w6"] * a2

    a1, a2, y_hat = fwd(w)
    g = -2 * (y - y_hat)
    grads = {
        "w5": g * a1,
        "w6": g * a2,
        "w1": g * w["w5"] * a1 * (1 - a1) * x1,
        "w3": g * w["w5"] * a1 * (1 - a1) * x2,
        "w2": g * w["w6"] * a2 * (1 - a2) * x1,
        "w4": g * w["w6"] * a2 * (1 - a2) * x2,
    }
    new = {k: w[k] - eta * grads[k] for k in w}
    y_new = fwd(new)[2]
    out = {"a1": a1, "a2": a2, "y_hat": y_hat, "loss": (y - y_hat) ** 2, "y_hat_new": y_new, "loss_new": (y - y_new) ** 2}
    out.update({f"dL_d{k}": v for k, v in grads.items()})
    out.update({f"{k}_new": v for k, v in new.items()})
    return out


def test_displayed_chain_reproduces_the_post() -> None:
    values = worked_example("displayed").values()
    for key, printed in POST_PRINTED.items():
        assert values[key] == Decimal(printed), key


def test_exact_chain_matches_a_hand_calculation() -> None:
    flat = worked_example("exact").flat()
    for key, value in hand_exact().items():
        assert flat[key] == pytest.approx(value, rel=1e-12), key


def test_exact_chain_matches_the_general_network() -> None:
    example = worked_example("exact")
    net, x, y = as_network(BLOG_INPUTS)
    trace = forward(net, x)
    grads = backward(net, trace, y, "squared_error")
    hidden, out = grads.layers
    assert trace.output[0] == pytest.approx(example.before.y_hat, rel=1e-14)
    # Rows are units: row 0 of the hidden layer holds w1 (from x1) and w3 (from x2).
    by_name = {
        "w1": hidden.weights[0, 0],
        "w3": hidden.weights[0, 1],
        "w2": hidden.weights[1, 0],
        "w4": hidden.weights[1, 1],
        "w5": out.weights[0, 0],
        "w6": out.weights[0, 1],
    }
    for name, g in by_name.items():
        assert example.gradient(name) == pytest.approx(g, rel=1e-12), name
    assert example.delta1 == pytest.approx(hidden.delta[0], rel=1e-12)
    assert example.dL_dy_hat == pytest.approx(out.dL_da[0], rel=1e-12)


def test_exact_gradients_match_finite_differences() -> None:
    example = worked_example("exact")
    h = 1e-6
    for name in ("w1", "w2", "w3", "w4", "w5", "w6"):
        def loss(delta: float) -> float:
            given = {**vars(BLOG_INPUTS), name: getattr(BLOG_INPUTS, name) + delta}
            return worked_example("exact", ExampleInputs(**given)).before.loss

        numeric = (loss(h) - loss(-h)) / (2 * h)
        assert example.gradient(name) == pytest.approx(numeric, rel=1e-6), name


def test_the_update_moves_y_hat_toward_the_target() -> None:
    for chain in ("exact", "displayed"):
        ex = worked_example(chain)
        assert ex.before.y_hat < ex.after.y_hat < ex.inputs["y1"]
        assert ex.after.loss < ex.before.loss


def random_inputs(rng: random.Random) -> ExampleInputs:
    def v() -> float:
        return round(rng.uniform(-1, 1), 2)

    return ExampleInputs(x1=v(), x2=v(), y1=v(), eta=0.1, w1=v(), w2=v(), w3=v(), w4=v(), w5=v(), w6=v())


@pytest.mark.parametrize("seed", range(20))
def test_every_displayed_step_can_be_redone_from_the_screen(seed: int) -> None:
    """Each displayed value is the shown operands combined, then rounded:
    a viewer redoing the arithmetic on screen gets the number on screen."""
    ex = worked_example("displayed", random_inputs(random.Random(seed)))
    p = DISPLAY_PRECISION
    b, i = ex.before, ex.inputs

    def r(value: Decimal, quantity: str) -> Decimal:
        return round_half_up(value, p[quantity])

    assert b.z1 == r(r(i["w1"] * i["x1"], "product") + r(i["w3"] * i["x2"], "product"), "z")
    assert b.y_hat == r(b.w5a1 + b.w6a2, "y_hat")
    assert b.loss == r((i["y1"] - b.y_hat) ** 2, "loss")
    assert ex.dL_dy_hat == -2 * b.error
    assert ex.delta1 == r(ex.dL_dy_hat * i["w5"] * r(b.a1 * (1 - b.a1), "sigmoid_prime"), "delta")
    assert ex.gradient("w1") == r(ex.delta1 * i["x1"], "gradient")
    assert ex.gradient("w6") == r(ex.dL_dy_hat * b.a2, "gradient")
    u = ex.updates["w3"]
    assert u.new == r(u.old - r(i["eta"] * u.gradient, "step"), "weight")


@pytest.mark.parametrize("seed", range(20))
def test_displayed_chain_stays_close_to_exact(seed: int) -> None:
    given = random_inputs(random.Random(seed))
    exact, shown = worked_example("exact", given).flat(), worked_example("displayed", given).flat()
    for key in exact:
        assert shown[key] == pytest.approx(exact[key], abs=0.01), key


def test_caller_decimal_context_does_not_change_numbers() -> None:
    import decimal

    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_DOWN)):
        assert worked_example("displayed").values()["dL_dw1"] == Decimal("-0.0204")


@pytest.mark.parametrize(
    "change, error, message",
    [
        ({"eta": 0.0}, ValueError, "eta: the learning rate must be > 0"),
        ({"x1": float("inf")}, ValueError, "x1: must be finite"),
        ({"w5": "0.4"}, TypeError, "w5: expected a number"),
        ({"x1": 1e300}, ValueError, r"x1: 1e\+300 is too large for the worked example; expected a value within ±1,000,000"),
        ({"w2": -2e6}, ValueError, "w2: -2e\\+06 is too large"),
    ],
)
def test_bad_example_inputs(change: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        ExampleInputs(**{**vars(BLOG_INPUTS), **change})


def test_unknown_chain() -> None:
    with pytest.raises(ValueError, match="chain: unknown value 'rounded'"):
        worked_example("rounded")  # type: ignore[arg-type]


def test_as_network_shapes() -> None:
    net, x, y = as_network()
    assert [L.weights.shape for L in net.layers] == [(2, 2), (1, 2)]
    assert np.allclose(net.layers[0].weights, [[0.3, 0.2], [0.2, 0.3]])


def test_as_network_does_not_hide_a_transpose() -> None:
    """The post's hidden matrix is symmetric, so a transposed as_network would
    pass every check that uses it: here w1..w4 all differ."""
    inputs = ExampleInputs(x1=0.5, x2=-1.0, y1=0.7, eta=0.1, w1=0.1, w2=0.2, w3=0.3, w4=0.4, w5=0.5, w6=-0.6)
    net, x, y = as_network(inputs)
    z = forward(net, x).layers[0].z
    assert z.tolist() == pytest.approx([0.1 * 0.5 + 0.3 * -1.0, 0.2 * 0.5 + 0.4 * -1.0])  # z1 = w1·x1 + w3·x2, z2 = w2·x1 + w4·x2
    values = worked_example("exact", inputs).values()
    assert float(values["z1"]) == pytest.approx(z[0]) and float(values["y_hat"]) == pytest.approx(forward(net, x).output[0])
