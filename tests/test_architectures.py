"""The lineage: totals from the specs must equal ../shared/REFERENCE.md to the
parameter; the numbers below are typed from there."""

import json

import pytest

from mathcore import ARCHITECTURES, architecture
from mathcore.cli import main
from mathcore.lineage.specs import (
    BatchNorm,
    Conv,
    Flatten,
    Linear,
    Residual,
    Sequential,
)

REFERENCE = {
    "lenet5-paper": (60_000, 7, 1998, None),
    "lenet5": (61_706, 5, 1998, None),
    "alexnet": (61_100_840, 8, 2012, 56.522),
    "vgg16": (138_357_544, 16, 2014, 71.592),
    "googlenet": (6_624_904, 22, 2014, 69.778),
    "resnet18": (11_689_512, 18, 2015, 69.758),
    "resnet34": (21_797_672, 34, 2015, 73.314),
    "resnet50": (25_557_032, 50, 2015, 76.13),
    "resnet152": (60_192_808, 152, 2015, 78.312),
}


@pytest.mark.parametrize("model", sorted(REFERENCE))
def test_totals_depth_and_metadata_match_the_reference(model: str) -> None:
    params, depth, year, top1 = REFERENCE[model]
    arch = ARCHITECTURES[model]
    assert arch.params == params
    assert sum(r.params for r in arch.rows()) == params  # the rows add up to the total
    assert arch.weight_layers == depth
    assert (arch.year, arch.top1) == (year, top1)


def test_every_model_is_covered() -> None:
    assert set(ARCHITECTURES) == set(REFERENCE)


def test_lenet_paper_layers() -> None:
    rows = {r.name: r for r in architecture("lenet5-paper").rows()}
    assert {name: rows[name].params for name in ("C1", "S2", "C3", "S4", "C5", "F6")} == {
        "C1": 156, "S2": 12, "C3": 1_516, "S4": 32, "C5": 48_120, "F6": 10_164,
    }  # fmt: skip
    # 32 → 28 → 14 → 10 → 5, then C5's 120 maps of 1×1, F6 84, output 10.
    assert [rows[n].output_shape for n in ("C1", "S2", "C3", "S4", "C5", "F6", "output")] == [
        (6, 28, 28), (6, 14, 14), (16, 10, 10), (16, 5, 5), (120, 1, 1), (84,), (10,),
    ]  # fmt: skip
    # The RBF output's 10×84 weights were fixed by hand, so they are not in the 60,000.
    assert rows["output"].params == 0 and rows["output"].fixed_params == 840


def test_modern_lenet_shapes() -> None:
    shapes = [r.output_shape for r in architecture("lenet5").rows()]
    assert shapes[:4] == [(6, 28, 28), (6, 14, 14), (16, 10, 10), (16, 5, 5)]
    assert shapes[4:] == [(400,), (120,), (84,), (10,)]


def test_imagenet_models_end_in_1000_classes() -> None:
    for arch in ARCHITECTURES.values():
        if arch.input_shape == (3, 224, 224):
            assert arch.output_shape == (1000,)


def test_alexnet_stem_by_hand() -> None:
    first = architecture("alexnet").rows()[0]
    # ⌊(224 − 11 + 2·2)/4⌋ + 1 = 55; 64·(11·11·3) + 64 = 23,296.
    assert (first.output_shape, first.params) == ((64, 55, 55), 23_296)


def test_lookup_is_forgiving_but_unknown_names_fail() -> None:
    assert architecture("ResNet_50").id == "resnet50"
    assert architecture("LeNet5-Paper").id == "lenet5-paper"
    with pytest.raises(ValueError, match="known: lenet5-paper, lenet5, alexnet"):
        architecture("inception-v4")


def test_specs_reject_shapes_that_do_not_fit() -> None:
    with pytest.raises(ValueError, match="fc: expects a vector"):
        Sequential("", (Linear("fc", 10),)).output_shape((3, 4, 4))
    body = Sequential("", (Conv("c", 8, 3, padding=1, bias=False), BatchNorm("bn")))
    with pytest.raises(ValueError, match="block: F\\(x\\) has shape"):
        Residual("block", body, Sequential("", ())).output_shape((4, 8, 8))
    with pytest.raises(ValueError, match="kernel: size 5 is larger"):
        Sequential("", (Conv("c", 1, 5), Flatten("f"))).output_shape((1, 3, 3))


def test_cli_architectures_json(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["architectures", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [set(r) >= {"name", "year", "weight_layers", "params", "top1"} for r in rows] == [True] * len(REFERENCE)
    assert {r["id"]: (r["params"], r["weight_layers"], r["year"], r["top1"]) for r in rows} == REFERENCE


def test_cli_architecture_layer_by_layer(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["architecture", "lenet5", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(layer["name"], layer["output_shape"], layer["params"]) for layer in data["layers"]][:2] == [
        ("conv1", [6, 28, 28], 156),
        ("pool1", [6, 14, 14], 0),
    ]
    assert main(["architecture", "vgg16"]) == 0
    out = capsys.readouterr().out
    assert "138,357,544" in out and "conv5_3" in out


def test_cli_unknown_architecture_lists_the_known(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["architecture", "mobilenet"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: architecture: unknown name 'mobilenet'; known: lenet5-paper")
    assert all(name in captured.err for name in REFERENCE)


def test_multiply_accumulates_by_hand() -> None:
    # A 3×3 conv, 1 → 2 maps, on 5×5: 3×3 outputs per map, 9 MACs each.
    assert Conv("c", 2, 3).macs((1, 5, 5)) == 2 * 3 * 3 * 9 == 162
    assert Linear("fc", 4).macs((10,)) == 40
    # Modern LeNet-5: conv1 28·28·6·25, conv2 10·10·16·150, then 400·120 + 120·84 + 84·10.
    lenet = architecture("lenet5")
    assert lenet.spec.macs(lenet.input_shape) == 117_600 + 240_000 + 48_000 + 10_080 + 840


# torchvision's model documentation, the "GFLOPS" column (its weights' meta
# "_ops"), which counts multiply-accumulates at 224×224: looked up, not computed.
TORCHVISION_GMACS = {
    "alexnet": 0.714,
    "vgg16": 15.47,
    "googlenet": 1.498,
    "resnet18": 1.814,
    "resnet34": 3.664,
    "resnet50": 4.089,
    "resnet152": 11.514,
}


@pytest.mark.parametrize("model", sorted(TORCHVISION_GMACS))
def test_macs_match_torchvision_within_one_percent(model: str) -> None:
    assert architecture(model).macs / 1e9 == pytest.approx(TORCHVISION_GMACS[model], rel=0.01)


def test_architectures_json_has_macs(capsys) -> None:
    assert main(["architectures", "--json"]) == 0
    models = {m["id"]: m for m in json.loads(capsys.readouterr().out)}
    assert models["lenet5"]["macs"] == 416_520
    assert main(["architecture", "alexnet", "--json"]) == 0
    layers = json.loads(capsys.readouterr().out)["layers"]
    # AlexNet's first conv: 64 maps of 55×55, each cell 11·11·3 weights.
    assert layers[0]["macs"] == 64 * 55 * 55 * 11 * 11 * 3
