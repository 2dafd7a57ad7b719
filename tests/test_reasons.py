"""Why the lineage's steps worked: receptive fields, parameter and MAC
shares, Inception's 1×1 reductions and the gradient through depth, against
hand arithmetic and finite differences."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mathcore import architecture
from mathcore.cli import main
from mathcore.dense.network import Layer, Network, backward, forward, loss_of
from mathcore.lineage import reasons
from mathcore.lineage.specs import Conv, Pool, Sequential, leaf_rows


def test_two_and_three_3x3_convolutions_see_5x5_and_7x7() -> None:
    assert reasons.stacked_field(1) == 3 and reasons.stacked_field(2) == 5 and reasons.stacked_field(3) == 7
    s = reasons.stack_vs_single(3, 3, 64)
    assert (s.field, s.stacked_params, s.single_params) == (7, 3 * 9 * 64**2, 49 * 64**2)


def test_receptive_field_of_a_small_stack_by_hand() -> None:
    stack = Sequential("", (Conv("a", 4, 3, padding=1), Pool("p", "max", 2), Conv("b", 4, 3, padding=1)))
    fields = reasons.receptive_fields(leaf_rows(stack, (1, 16, 16)))
    # 1 + 2·1 = 3; + 1·1 = 4, jump 2; + 2·2 = 8.
    assert [(f.name, f.size, f.jump) for f in fields] == [("a", 3, 1), ("p", 4, 2), ("b", 8, 2)]


def test_vgg16_stage_fields_by_hand() -> None:
    # Stage by stage: two or three 3×3 convs add 2·jump each, the pool adds 1·jump and doubles it.
    expected, size, jump = [], 1, 1
    for convs in (2, 2, 3, 3, 3):
        size += convs * 2 * jump + jump
        jump *= 2
        expected.append((size, jump))
    assert [(f.size, f.jump) for f in reasons.vgg_stage_fields(architecture("vgg16"))] == expected == [
        (6, 2), (16, 4), (44, 8), (100, 16), (212, 32)
    ]


def test_alexnets_dense_layers_hold_the_parameters_and_its_convs_the_work() -> None:
    conv, dense = reasons.where_the_work_is(architecture("alexnet"), reasons.conv_or_dense)
    by_hand = (9216 * 4096 + 4096) + (4096 * 4096 + 4096) + (4096 * 1000 + 1000)
    assert dense.params == by_hand and dense.params_share == pytest.approx(by_hand / 61_100_840)
    assert dense.params_share > 0.9 and dense.macs_share < 0.1 and conv.macs_share > 0.9
    assert dense.macs == 9216 * 4096 + 4096 * 4096 + 4096 * 1000


def test_vgg16_blocks_add_up_to_the_model() -> None:
    blocks = reasons.where_the_work_is(architecture("vgg16"), reasons.vgg_block)
    assert [b.name for b in blocks] == ["block1", "block2", "block3", "block4", "block5", "dense"]
    assert sum(b.params for b in blocks) == architecture("vgg16").params
    assert sum(b.macs_share for b in blocks) == pytest.approx(1.0)
    # block1: 3→64 and 64→64 3×3 convs (+ biases) on 224×224.
    assert blocks[0].params == (27 * 64 + 64) + (576 * 64 + 64)
    assert blocks[0].macs == (27 * 64 + 576 * 64) * 224 * 224


def test_inception_3a_reductions_by_hand() -> None:
    b = {x.name: x for x in reasons.inception_branches(**reasons.INCEPTION_3A)}
    assert (b["3×3"].params, b["3×3"].params_unreduced) == (192 * 96 + 9 * 96 * 128, 9 * 192 * 128)
    assert (b["5×5"].params, b["5×5"].params_unreduced) == (192 * 16 + 25 * 16 * 32, 25 * 192 * 32)
    assert b["5×5"].macs == b["5×5"].params * 28 * 28 and b["1×1"].params == 192 * 64 and b["pool"].params == 192 * 32
    assert b["1×1"].params_unreduced is None


@pytest.mark.parametrize("activation", ["sigmoid", "relu", "tanh"])
def test_residual_layers_backward_against_finite_differences(activation: str) -> None:
    rng = np.random.default_rng(7)
    layers = [Layer(rng.normal(0, 0.5, (4, 4)), rng.normal(0, 0.1, 4), activation, residual=True) for _ in range(3)]
    net = Network((*layers, Layer(rng.normal(0, 0.5, (1, 4)), None, "identity")))
    x, y = rng.uniform(-1, 1, 4), np.array([0.3])
    grads = backward(net, forward(net, x), y)
    for k, layer in enumerate(net.layers):
        numeric = np.zeros_like(layer.weights)
        for i in np.ndindex(layer.weights.shape):
            old = layer.weights[i]
            layer.weights[i] = old + 1e-6
            up = loss_of(forward(net, x), y)
            layer.weights[i] = old - 1e-6
            down = loss_of(forward(net, x), y)
            layer.weights[i] = old
            numeric[i] = (up - down) / 2e-6
        np.testing.assert_allclose(grads.layers[k].weights, numeric, rtol=1e-5, atol=1e-9)


def test_a_residual_layer_adds_its_input() -> None:
    w = np.array([[0.0, 0.0], [0.0, 0.0]])
    trace = forward(Network((Layer(w, None, "sigmoid", residual=True),)), [0.3, -0.2])
    np.testing.assert_allclose(trace.output, [0.5 + 0.3, 0.5 - 0.2])
    with pytest.raises(ValueError, match="residual: a skip needs as many outputs as inputs"):
        Layer(np.zeros((2, 3)), None, "sigmoid", residual=True)


def test_sigmoid_gradients_vanish_through_depth_and_skips_keep_them() -> None:
    plain = reasons.depth_gradients(20, 16, "sigmoid", residual=False)
    skips = reasons.depth_gradients(20, 16, "sigmoid", residual=True)
    assert max(plain.mean_slopes) <= 0.25  # σ′ never exceeds 1/4
    assert plain.norms[0] < 1e-6 * plain.norms[-1]
    assert skips.norms[0] > 1e-2 * skips.norms[-1]


def test_reasons_on_the_command_line(capsys) -> None:
    assert main(["reasons", "inception", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["branches"][1]["params"] == 192 * 96 + 9 * 96 * 128
    assert main(["reasons", "nothing"]) == 2
    assert "expected one of receptive-field, breakdown, inception, gradients" in capsys.readouterr().err
