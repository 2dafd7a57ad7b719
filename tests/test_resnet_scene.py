"""The ResNet video: every number on screen is mathcore's, formatted as the
test works it out by hand here (or as torchvision publishes it), and every
sentence that states a fact about a number is the one those numbers allow."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from scene_harness import Shown, runs_with_results

from mathcore.learn import Degradation, DegradationRun
from mathcore.learn.results import AnyResult
from mathcore.lineage.reasons import DepthGradients
from scenes import resnet as scene
from scenes.series import episode
from scenes.toolkit import LANGUAGES, t
from scenes.toolkit.captions import LINE_WIDTH, READING_SPEED, width
from scenes.toolkit.theme import fmt_sci, power_of_ten

ENTRY = episode("resnet")
# A count with thousands separators is one number; otherwise whole or decimal.
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")

# Worked out by hand or published, not by the scene's code.
GRADIENT_RATIOS = {"3.7", "12", "2.0"}  # reasons gradients: 1.31e+00 / 3.55e-13 = 3.7e12, 3.52e+01 / 1.79e+01
SIGMOID = {"0.25", "0.552", "0.448", "0.2473", "9.1"}  # σ′(0) = 1/4; the worked example's a1 and a1(1 − a1); 4^−20 = 9.09e−13
DECADES = {"12", "8", "4", "0", "13", "10"}  # axis labels 10^−12 … 10^0, the exponents −13 and 12, the base 10
LOSSES = {"0.11", "1.33", "0.14", "0.06"}  # degradation: the shallowest and deepest of each kind
LOSS_TICKS = {"0", "0.5", "1", "1.5"}  # the plain 32-layer loss 1.33 rounds the axis up to 1.5
DEPTHS = {"4", "8", "16", "32", "5"}  # hidden layers and epochs
BLOCK = {"256", "64", "1", "3", "16,384", "36,864", "69,632", "1,179,648", "73,728"}  # 256·64, 9·64², their sum; 2·9·256², 2·9·64²
FAMILY = {"18", "34", "50", "152", "2015", "11.7", "21.8", "25.6", "60.2", "1.81", "3.66", "4.09", "11.5",
          "69.8", "73.3", "76.1", "78.3", "47", "17"}  # torchvision: params, GFLOPS, top-1; 50/34 and 25.6M/21.8M
LAYERS = {"1", "20"}
RELU = {"100,000,000"}  # reasons gradients: relu + skips ≈ 2e+08 at every layer
EXPECTED = GRADIENT_RATIOS | SIGMOID | DECADES | LOSSES | LOSS_TICKS | DEPTHS | BLOCK | FAMILY | LAYERS | RELU
REQUIRED = GRADIENT_RATIOS | {"0.25", "0.2473", "9.1"} | LOSSES | {"69,632", "1,179,648", "73,728", "16,384", "36,864"} | FAMILY | RELU


def line(key: str, lang: str, **values: object) -> str:
    return t(f"resnet.{key}", lang, **values)


def numbers(shown: Shown) -> set[str]:
    return {n for s in shown.strings for n in NUMBER.findall(s)}


@pytest.fixture(scope="module")
def runs(series_runs) -> dict[str, Shown]:  # type: ignore[no-untyped-def]
    return {lang: series_runs[(ENTRY.id, lang)] for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_cue_is_readable(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    """At most two lines of at most 42 (English) or 16 (Korean) characters, none up too briefly to read."""
    for start, end, content in runs[lang].cues:
        lines = content.split("\n")
        assert len(lines) <= 2 and all(width(x, lang) <= LINE_WIDTH[lang] for x in lines), content
        assert len(content.replace("\n", "")) / (end - start) <= READING_SPEED[lang] + 1e-3, content


@pytest.mark.parametrize("lang", LANGUAGES)
def test_numbers_on_screen_are_mathcores(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown = numbers(runs[lang])
    assert shown <= EXPECTED, f"numbers not from mathcore: {sorted(shown - EXPECTED)}"
    assert REQUIRED <= shown, f"missing: {sorted(REQUIRED - shown)}"
    strings = runs[lang].strings
    assert "$ norm(g_(20)) slash norm(g_(1)) approx 3.7 times 10^(12) $" in strings
    assert "$ (0.25)^(20) approx 9.1 times 10^(−13) $" in strings  # fmt_sci writes a true minus
    assert {f"$ 10^({e}) $" for e in (-12, -8, -4, 0)} <= set(strings)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sentences_are_the_ones_the_numbers_allow(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    said = runs[lang].subcaptions
    for sentence in (
        line("intro", lang, year=2015, depth=152),
        line("grad_bound", lang, bound="0.25", example="0.2473"),
        line("grad_product", lang, depth=20, orders=12),
        line("plain_vanishes", lang, orders=12, depth=20),
        line("skip_same", lang, orders=0, depth=20),
        line("relu_grows", lang, size="100,000,000"),
        line("plain_worse", lang, shallow="0.11", deep="1.33", d0=4, d1=32),
        line("res_not_worse", lang, shallow="0.14", deep="0.06", d0=4, d1=32),
        line("bottle_wide", lang, k=3, channels=256, weights="1,179,648"),
        line("bottle_fewer", lang, weights="69,632", width=64),
        line("fam_deeper_better", lang, first="69.8%", last="78.3%"),
        line("fam_bottleneck", lang, a="ResNet-34", b="ResNet-50", more_layers="47%", more_params="17%"),
    ):
        assert sentence in said, sentence


# --- other results: a diverged run and a residual net that gets worse -----------------


def other_degradation(name: str, result: AnyResult) -> AnyResult:
    """Only the degradation result changes: the plain 32-layer run diverges,
    the residual one ends worse than its 4-layer one."""
    if name != "degradation":
        return result
    assert isinstance(result, Degradation)

    def changed(run: DegradationRun) -> DegradationRun:
        if run.depth == 32 and not run.residual:
            return replace(run, diverged="training diverged: the loss is nan", train_loss=None, train_accuracy=None, test_accuracy=None, losses=())
        if run.depth == 32 and run.residual:
            return replace(run, train_loss=0.987, losses=(2.0, 1.5, 1.2, 1.1, 0.987))
        return run

    return replace(result, runs=tuple(changed(r) for r in result.runs))


@pytest.fixture(scope="module")
def other_runs(media: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Shown]:
    return runs_with_results(ENTRY, tmp_path_factory.mktemp("results"), media, other_degradation)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_other_results_change_the_sentences_and_show_the_divergence(runs, other_runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    said, before = other_runs[lang].subcaptions, runs[lang].subcaptions
    for sentence in (line("plain_diverged", lang, d1=32), line("res_worse", lang, shallow="0.14", deep="0.99", d0=4, d1=32)):
        assert sentence in said and sentence not in before, sentence
    assert not {line("plain_worse", lang, shallow="0.11", deep="1.33", d0=4, d1=32), line("res_not_worse", lang, shallow="0.14", deep="0.06", d0=4, d1=32)} & set(said)
    strings = other_runs[lang].strings
    assert line("diverged", lang) in strings
    assert line("plain_line", lang) in strings
    assert "1.33" not in numbers(other_runs[lang])


# --- the choices themselves -----------------------------------------------------------


def grads(*norms: float, residual: bool = False) -> DepthGradients:
    return DepthGradients("sigmoid", residual, norms, tuple(0.2 for _ in norms))


@pytest.mark.parametrize(
    ("norms", "residual", "key", "orders"),
    [
        ((1e-5, 1e-3, 1.0), False, "plain_vanishes", 5),
        ((3.55e-13, 1.31), False, "plain_vanishes", 12),
        ((1.0, 1e-3), False, "plain_grows", 3),
        ((17.9, 35.2), True, "skip_same", 0),
        ((9.0, 1.0), True, "skip_same", 0),
        ((1.0, 11.0), True, "skip_vanishes", 1),
    ],
)
def test_the_gradient_line_follows_the_ratio(norms: tuple[float, ...], residual: bool, key: str, orders: int) -> None:
    g = grads(*norms, residual=residual)
    assert scene.gradient_key(g) == key
    assert scene.gradient_orders(g) == orders


def test_the_relu_line_follows_its_size() -> None:
    assert scene.relu_key(grads(2e8, 2.5e8, 1.6e8)) == "relu_grows"
    assert scene.relu_size(grads(2e8, 2.5e8, 1.6e8)) == 8
    assert scene.relu_key(grads(0.5, 2.0, 3.0)) == "relu_tame"


def test_powers_of_ten_as_shown() -> None:
    assert fmt_sci(3.69e12) == "3.7 times 10^(12)"
    assert fmt_sci(9.094947e-13) == "9.1 times 10^(−13)"
    assert fmt_sci(1.97) == "2.0"
    assert power_of_ten(9.96) == ("1.0", 1)  # 9.96 rounds to 10.0: shown as 1.0 × 10^1
    assert scene.orders_between(1.0, 9.094947e-13) == 12


def degradation_run(depth: int, residual: bool, loss: float | None) -> DegradationRun:
    """A run at ``depth`` that ended at ``loss``, or diverged (None)."""
    return DegradationRun(depth=depth, residual=residual, params=0, diverged=None if loss is not None else "diverged",
                          train_loss=loss, train_accuracy=None, test_accuracy=None, losses=())


def degradation(plain: tuple[float | None, float | None], residual: tuple[float | None, float | None]) -> Degradation:
    """Runs at depths 4 and 32; None is a diverged run."""
    runs = tuple(
        degradation_run(d, kind, loss)
        for kind, losses in ((False, plain), (True, residual))
        for d, loss in zip((32, 4), reversed(losses))  # deepest first: the key sorts by depth
    )
    return Degradation(width=8, epochs=5, learning_rate=0.1, runs=runs)


@pytest.mark.parametrize(
    ("plain", "residual", "plain_key", "res_key"),
    [
        ((0.105, 1.33), (0.138, 0.057), "plain_worse", "res_not_worse"),
        ((0.3, 0.2), (0.1, 0.5), "plain_not_worse", "res_worse"),
        ((0.1, None), (0.1, 0.1), "plain_diverged", "res_not_worse"),
        ((0.101, 0.104), (None, 0.1), "plain_not_worse", "res_not_worse"),  # equal as shown; a diverged shallow run
        ((0.1, 0.2), (0.1, None), "plain_worse", "res_diverged"),
    ],
)
def test_the_degradation_lines_follow_the_losses(plain, residual, plain_key: str, res_key: str) -> None:  # type: ignore[no-untyped-def]
    result = degradation(plain, residual)
    assert scene.depth_key(result, False) == plain_key
    assert scene.depth_key(result, True) == res_key


def test_the_bottleneck_line() -> None:
    assert scene.bottleneck_key(69632, 73728) == "bottle_fewer"
    assert scene.bottleneck_key(80000, 73728) == "bottle_more"


def arch(name: str, depth: int, params: int, top1: float) -> SimpleNamespace:
    return SimpleNamespace(name=name, weight_layers=depth, params=params, top1=top1)


def test_the_family_lines() -> None:
    family = [arch("a", 18, 11, 69.758), arch("b", 34, 21, 73.314), arch("c", 50, 25, 76.13), arch("d", 152, 60, 78.312)]
    assert scene.family_key(family) == "fam_deeper_better"  # type: ignore[arg-type]
    family[2].top1 = 73.3  # equal to the shallower one as shown
    assert scene.family_key(family) == "fam_mixed"  # type: ignore[arg-type]
    assert scene.bottleneck_family_key(family[1], family[2]) == "fam_bottleneck"  # type: ignore[arg-type]
    assert scene.bottleneck_family_key(arch("b", 34, 20, 0), arch("c", 50, 40, 0)) == "fam_bottleneck_not"  # type: ignore[arg-type]
