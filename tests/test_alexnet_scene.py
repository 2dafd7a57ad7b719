"""The AlexNet video: every number on screen is one of mathcore's (AlexNet's
spec, the activations, the worked example), checked here against hand
arithmetic and torchvision's published counts; every sentence that states a
fact about a number is the one those numbers allow; and a different
architecture or example changes every number and sentence it should."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from scene_harness import Shown, dry_run

from mathcore.lineage import architecture
from mathcore.lineage.architectures import alexnet
from mathcore.lineage.reasons import Share, conv_or_dense, where_the_work_is
from mathcore.lineage.specs import Conv, Linear
from scenes import alexnet as scene
from scenes.series import episode
from scenes.toolkit import LANGUAGES, t

ENTRY = episode("alexnet")
COUNT = re.compile(r"\d{1,3}(?:,\d{3})+")
NUMBER = re.compile(r"\d+(?:\.\d+)?%?")

# The formulas' own constants: a_1, 1 − σ, 2P, + 1, z > 0, top-1.
FORMULA = {"0", "1", "2"}

# Worked by hand from torchvision's AlexNet (input 3×224×224; first layer
# 64 filters of 11×11, stride 4, padding 2) and the post's example.
HAND = {
    "input": "224",
    "channels": "3",
    "kernel": "11",
    "stride": "4",
    "padding": "2",
    "numerator": str(224 - 11 + 2 * 2),  # 217
    "output": "55",  # ⌊217 / 4⌋ + 1 = 54 + 1
    "maps": "64",
    "lenet": "32",
    "conv_layers": "5",
    "dense_layers": "3",
    "layers": "8",
    "bound": "0.25",  # σ(0)(1 − σ(0)) = ½ · ½
    "a1": "0.552",  # the post's a1
    "slope": "0.2473",  # 0.552 · 0.448 = 0.247296
    "relu": "1",
    "product": "0.0000153",  # 0.25⁸ = 1/65536 = 0.0000152587…
    "year": "2012",
    "params": "61,100,840",  # torchvision's AlexNet
    "macs": "714,188,480",  # torchvision: 0.71 GFLOPS (multiply-accumulates)
    "params_dense": "96.0%",  # (9216·4096 + 4096 + 4096·4096 + 4096 + 4096·1000 + 1000) / 61,100,840
    "params_conv": "4.0%",
    "macs_dense": "8.2%",  # (9216·4096 + 4096·4096 + 4096·1000) / 714,188,480
    "macs_conv": "91.8%",
    "top1": "56.5%",  # torchvision IMAGENET1K_V1: 56.522
}


def line(key: str, lang: str, **values: object) -> str:
    return t(f"alexnet.{key}", lang, **values)


def numbers(shown: Shown) -> tuple[set[str], set[str]]:
    """Counts with separators, and every other number (percentages with their %)."""
    counts, others = set(), set()
    for s in shown.strings:
        counts |= set(COUNT.findall(s))
        others |= set(NUMBER.findall(COUNT.sub(" ", s)))
    return counts, others


@pytest.fixture(scope="module")
def runs(series_runs) -> dict[str, Shown]:  # type: ignore[no-untyped-def]
    return {lang: series_runs[(ENTRY.id, lang)] for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_number_on_screen_is_worked_out_by_hand(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    counts, others = numbers(runs[lang])
    assert counts == {HAND["params"], HAND["macs"]}
    expected = {v for k, v in HAND.items() if k not in ("params", "macs")}
    assert others <= expected | FORMULA, f"not worked out: {sorted(others - expected - FORMULA)}"
    assert expected <= others, f"missing: {sorted(expected - others)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_formula_is_filled_in_from_the_spec(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    formulas = [s for s in runs[lang].strings if "floor" in s]
    assert any("(224 - 11 + 2 dot 2) / 4" in s for s in formulas)
    assert any("floor(217 / 4) + 1 = 55" in s for s in formulas)
    assert line("out_label", lang, shape="64×55×55") in runs[lang].strings


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sentences_are_the_ones_the_numbers_allow(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    said = runs[lang].subcaptions
    for sentence in (
        line("input_far_larger", lang, w=224, lenet=32),
        line("sigmoid_vanishes", lang, layers=8, product=HAND["product"]),
        line("relu_keeps", lang, layers=8, product="1"),
        line("params_share", lang, params=HAND["params"], dense=HAND["params_dense"], n=3),
        line("macs_share", lang, macs=HAND["macs"], conv=HAND["macs_conv"]),
        line("work_split", lang),
        line("example", lang, example=HAND["slope"]),
        line("closing", lang, top1=HAND["top1"]),
    ):
        assert sentence in said, sentence
    # The alternatives, filled with the same numbers, are never said.
    for sentence in (
        line("input_compared", lang, w=224, lenet=32),
        line("sigmoid_shrinks", lang, layers=8, product=HAND["product"]),
        line("relu_shrinks", lang, layers=8, product="1"),
        *(line(k, lang) for k in ("work_conv", "work_dense", "work_reversed")),
    ):
        assert sentence not in said, sentence


# --- another architecture and another example: the video follows them ----------------


def fake_alexnet():  # type: ignore[no-untyped-def]
    """AlexNet with a 7×7 stride-2 first layer of 96 maps, one more 3×3 conv
    (9 weight layers) and a thin classifier, so the convolutions hold most
    parameters too; another year and accuracy."""
    layers = list(alexnet().layers)
    layers[0] = Conv("features.0", 96, 7, stride=2, padding=3)
    layers.insert(7, Conv("features.11", 256, 3, padding=1))
    layers[-3:] = [Linear("classifier.1", 64), Linear("classifier.4", 64), Linear("classifier.6", 1000)]
    real = architecture("alexnet")
    return replace(real, year=2099, top1=12.345, spec=replace(real.spec, layers=tuple(layers)))


OTHER_EXAMPLE = {"x1": 1.0, "x2": 0.0, "y1": 0.7, "eta": 0.1, "w1": 2.0, "w2": 0.2, "w3": 0.2, "w4": 0.3, "w5": 0.4, "w6": 0.5}


@pytest.fixture(scope="module")
def other_runs(media: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Shown]:
    path = tmp_path_factory.mktemp("example") / "example.json"
    path.write_text(json.dumps(OTHER_EXAMPLE), encoding="utf-8")
    fake = fake_alexnet()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(scene, "architecture", lambda name: fake if name == "alexnet" else architecture(name))
        return {lang: dry_run(ENTRY, lang, media, example=path) for lang in LANGUAGES}


def test_the_fake_architecture_is_what_the_test_means() -> None:
    fake = fake_alexnet()
    assert fake.weight_layers == 9
    assert fake.rows()[0].output_shape == (96, 112, 112)  # ⌊(224 − 7 + 6) / 2⌋ + 1
    shares = {s.name: s for s in where_the_work_is(fake, conv_or_dense)}
    assert shares["conv"].params_share > 0.5 and shares["conv"].macs_share > 0.5


@pytest.mark.parametrize("lang", LANGUAGES)
def test_other_numbers_change_every_number_and_sentence(runs, other_runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    fake = fake_alexnet()
    shares = {s.name: s for s in where_the_work_is(fake, conv_or_dense)}
    shown, said = other_runs[lang], other_runs[lang].subcaptions
    counts, others = numbers(shown)
    assert counts == {f"{fake.params:,}", f"{fake.macs:,}"}
    # σ(2) = 0.8808 → 0.881; 0.881 · 0.119 = 0.104839; 0.25⁹ = 0.00000381469…
    for new in ("112", "223", "96", "7", "9", "0.881", "0.1048", "0.00000381", "2099", "12.3%"):
        assert new in others, new
    for old in ("55", "217", "64", "11", "0.552", "0.2473", "0.0000153", "2012", "56.5%", "96.0%", "91.8%"):
        assert old not in others, f"old number still on screen: {old}"
    assert HAND["params"] not in counts and HAND["macs"] not in counts
    for sentence in (
        line("first", lang, k=7, s=2),
        line("sigmoid_vanishes", lang, layers=9, product="0.00000381"),
        line("relu_keeps", lang, layers=9, product="1"),
        line("example", lang, example="0.1048"),
        line("work_conv", lang),
        line("closing", lang, top1="12.3%"),
        line("params_share", lang, params=f"{fake.params:,}", dense=f"{100 * shares['dense'].params_share:.1f}%", n=3),
    ):
        assert sentence in said, sentence
        assert sentence not in runs[lang].subcaptions
    assert line("work_split", lang) not in said


# --- the choices themselves -----------------------------------------------------------


@pytest.mark.parametrize(("side", "lenet", "key"), [(224, 32, "input_far_larger"), (64, 32, "input_far_larger"), (63, 32, "input_compared"), (32, 32, "input_compared")])
def test_the_input_line_follows_the_sizes(side: int, lenet: int, key: str) -> None:
    assert scene.input_key(side, lenet) == key


@pytest.mark.parametrize(("product", "key"), [(0.25**8, "sigmoid_vanishes"), (0.0099, "sigmoid_vanishes"), (0.01, "sigmoid_shrinks"), (0.25, "sigmoid_shrinks")])
def test_the_sigmoid_line_follows_the_product(product: float, key: str) -> None:
    assert scene.sigmoid_key(product) == key


@pytest.mark.parametrize(("product", "key"), [(1.0, "relu_keeps"), (0.5, "relu_shrinks"), (0.0, "relu_shrinks")])
def test_the_relu_line_follows_the_product(product: float, key: str) -> None:
    assert scene.relu_key(product) == key


@pytest.mark.parametrize(
    ("dense_params", "conv_macs", "key"),
    [(0.96, 0.918, "work_split"), (0.04, 0.918, "work_conv"), (0.96, 0.1, "work_dense"), (0.2, 0.3, "work_reversed")],
)
def test_the_closing_line_follows_the_shares(dense_params: float, conv_macs: float, key: str) -> None:
    shares = {
        "conv": Share("conv", 0, 0, 1 - dense_params, conv_macs),
        "dense": Share("dense", 0, 0, dense_params, 1 - conv_macs),
    }
    assert scene.work_key(shares) == key


def test_products_read_exact_or_rounded() -> None:
    assert scene.product_text(1.0) == ("1", True)
    assert scene.product_text(0.25**8) == ("0.0000153", False)
    assert scene.product_text(0.25**2) == ("0.0625", True)
    assert Decimal(scene.product_text(0.25**9)[0]) == Decimal("0.00000381")
