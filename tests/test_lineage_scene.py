"""The closing lineage video: every number on screen is a published figure
(../shared/REFERENCE.md, torchvision's model docs) or a hand calculation,
formatted by hand here, and the closing sentences are the ones the numbers allow."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from scene_harness import Shown

from scenes import lineage as scene
from scenes.series import episode
from scenes.toolkit import LANGUAGES, t
from scenes.toolkit.theme import fmt_si

ENTRY = episode("lineage")
TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")

# Published: parameters (torchvision / REFERENCE.md), MACs (torchvision's
# GFLOPS column; LeNet-5 by hand: 6·28²·25 + 16·10²·150 + 400·120 + 120·84 + 84·10
# = 416,520), ImageNet top-1 (IMAGENET1K_V1), depth in weight layers.
ON_SCREEN = {
    "LeNet-5": ("1998", "5", "61.7k", "417k", None),
    "AlexNet": ("2012", "8", "61.1M", "714M", "56.5%"),
    "VGG-16": ("2014", "16", "138M", "15.5G", "71.6%"),
    "GoogLeNet": ("2014", "22", "6.62M", "1.5G", "69.8%"),
    "ResNet-152": ("2015", "152", "60.2M", "11.5G", "78.3%"),
}
# ResNet-152 over LeNet-5: 152/5 = 30.4, 60,192,808/61,706 = 975.5,
# 11,513,626,624/416,520 = 27,642.2; VGG-16 over ResNet-152: 138,357,544/60,192,808 = 2.30.
RATIOS = {"30", "975", "27,642", "2.3"}
KERNELS = {"11", "3", "1"}  # AlexNet's first layer, VGG's only size, GoogLeNet's reductions


@pytest.fixture(scope="module")
def runs(series_runs) -> dict[str, Shown]:  # type: ignore[no-untyped-def]
    return {lang: series_runs[(ENTRY.id, lang)] for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_it_narrates_the_intro_each_model_and_two_closing_lines(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown = runs[lang]
    assert shown.subcaptions[0] == t("lineage.intro", lang)
    assert len(shown.subcaptions) == 1 + len(ON_SCREEN) + 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_row_shows_the_published_figures(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    strings = set(runs[lang].strings)
    for name, cells in ON_SCREEN.items():
        assert name in strings
        assert {c for c in cells if c} <= strings, name
    assert "—" in strings  # LeNet-5 has no ImageNet top-1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_other_number_is_on_screen(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    allowed = {tok for cells in ON_SCREEN.values() for c in cells if c for tok in TOKEN.findall(c)}
    allowed |= RATIOS | KERNELS | {"1"}  # the "top-1" header
    shown = {tok for s in runs[lang].strings for tok in TOKEN.findall(s)}
    assert shown - allowed == set()
    assert RATIOS <= shown and KERNELS <= shown


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_closing_lines_are_the_ones_the_numbers_allow(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    grew, best = runs[lang].subcaptions[-2:]
    assert grew == t("lineage.grew", lang, first="LeNet-5", last="ResNet-152", depth="30", params="975", macs="27,642")
    assert best == t("lineage.best_not_largest", lang, best="ResNet-152", largest="VGG-16", ratio="2.3")


def model(depth: int, params: int, macs: int, top1: float | None) -> SimpleNamespace:
    return SimpleNamespace(weight_layers=depth, params=params, macs=macs, top1=top1)


def test_growth_key_needs_all_three_to_grow() -> None:
    assert scene.growth_key([model(5, 100, 1000, None), model(50, 200, 2000, 70.0)]) == "grew"
    assert scene.growth_key([model(5, 100, 1000, None), model(50, 50, 2000, 70.0)]) == "not_all_grew"
    assert scene.growth_key([model(5, 100, 1000, None), model(5, 200, 2000, 70.0)]) == "not_all_grew"


def test_best_key_compares_the_most_accurate_with_the_largest() -> None:
    small_best, big = model(10, 100, 1, 80.0), model(10, 900, 1, 70.0)
    assert scene.best_key([model(5, 1, 1, None), big, small_best]) == "best_not_largest"
    big_best = model(10, 900, 1, 90.0)
    assert scene.best_key([model(5, 10**9, 1, None), big_best, small_best]) == "best_is_largest"  # no top-1: not ranked


def test_ratio_keeps_a_decimal_below_ten() -> None:
    assert scene.ratio(138_357_544, 60_192_808) == "2.3"
    assert scene.ratio(152, 5) == "30"
    assert scene.ratio(11_513_626_624, 416_520) == "27,642"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(152, "152"), (61_706, "61.7k"), (999_999, "1M"), (6_624_904, "6.62M"), (138_357_544, "138M"), (15_470_264_320, "15.5G")],
)
def test_si_format(value: int, shown: str) -> None:
    assert fmt_si(value) == shown


def test_log_bars_order_as_the_values() -> None:
    span = scene.decades([5, 152])
    assert span == (0, 3)
    assert scene.log_share(1, span) == 0 and scene.log_share(1000, span) == 1
    assert scene.log_share(5, span) < scene.log_share(152, span)


def test_the_kernels_come_from_the_specs() -> None:
    from mathcore import ARCHITECTURES

    assert scene.kernel_sizes(ARCHITECTURES["alexnet"])[0] == 11
    assert set(scene.kernel_sizes(ARCHITECTURES["vgg16"])) == {3}
    assert min(scene.kernel_sizes(ARCHITECTURES["googlenet"])) == 1

