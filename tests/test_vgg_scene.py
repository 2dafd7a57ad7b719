"""The VGG video: every number on screen is one that VGG-16's layout gives
(worked out here by hand, independently of mathcore), and every sentence that
states a fact about a number is the one those numbers allow."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from scene_harness import Shown, dry_run

from mathcore.lineage import Architecture, architecture
from mathcore.lineage.reasons import Share, StackVsSingle
from mathcore.lineage.specs import LayerRow
from scenes import vgg as scene
from scenes.series import episode
from scenes.toolkit import LANGUAGES, t
from scenes.toolkit.theme import fmt_int, fmt_percent

ENTRY = episode("vgg")
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")  # 138,357,544 stays one number
SIZE = re.compile(r"(\d+)×(\d+)")

# VGG-16, configuration D (Simonyan & Zisserman 2014, Table 1): channels and
# 3×3 convolutions per stage, each stage ending in a 2×2 max pool; 224×224 RGB in.
STAGES = ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3))
DENSE = ((512 * 7 * 7, 4096), (4096, 4096), (4096, 1000))
TOTAL_PARAMS = 138_357_544  # torchvision's vgg16
TOTAL_MACS = 15_470_264_320  # torchvision's "15.47 GFLOPS"
YEAR = 2014
C = 64  # the first stage's channels

# Receptive field after 1, 2, 3 stacked 3×3 convolutions: 1 + n·2.
FIELDS = {1: 3, 2: 5, 3: 7}
# At the end of each stage (Araujo et al., Distill 2019: VGG-16's is 212).
STAGE_FIELDS = (6, 16, 44, 100, 212)
# n·9·C² against F²·C², C = 64: 18·4096 and 25·4096, 27·4096 and 49·4096.
COSTS = {2: (73_728, 102_400), 3: (110_592, 200_704)}
SAVINGS = {2: "28.0%", 3: "44.9%"}  # 1 − 18/25, 1 − 27/49


def by_hand() -> list[tuple[str, int, int]]:
    """(group, params, MACs) per stage and for the dense layers, from STAGES."""
    groups, c_in, side = [], 3, 224
    for stage, (c_out, convs) in enumerate(STAGES, start=1):
        params = macs = 0
        for _ in range(convs):
            params += 9 * c_in * c_out + c_out
            macs += 9 * c_in * c_out * side * side
            c_in = c_out
        groups.append((f"block{stage}", params, macs))
        side //= 2
    groups.append(("dense", sum(a * b + b for a, b in DENSE), sum(a * b for a, b in DENSE)))
    return groups


def line(key: str, lang: str, **values: object) -> str:
    return t(f"vgg.{key}", lang, **values)


@pytest.fixture(scope="module")
def runs(series_runs) -> dict[str, Shown]:  # type: ignore[no-untyped-def]
    return {lang: series_runs[(ENTRY.id, lang)] for lang in LANGUAGES}


def test_the_hand_figures_are_the_published_ones() -> None:
    groups = by_hand()
    assert sum(p for _, p, _ in groups) == TOTAL_PARAMS
    assert sum(m for _, _, m in groups) == TOTAL_MACS
    assert sum(n for _, n in STAGES) + len(DENSE) == 16


@pytest.mark.parametrize("lang", LANGUAGES)
def test_it_opens_on_vgg16s_name_year_and_kernel(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown = runs[lang]
    assert line("intro", lang, name="VGG-16", year=YEAR, k=3) in shown.subcaptions


def expected_percents() -> tuple[set[str], set[str]]:
    """Every percentage the screen may show, and the ones it must."""
    groups = by_hand()
    shares = {fmt_percent(p / TOTAL_PARAMS) for _, p, _ in groups} | {fmt_percent(m / TOTAL_MACS) for _, _, m in groups}
    dense_params = fmt_percent(groups[-1][1] / TOTAL_PARAMS)
    conv_macs = fmt_percent(1 - groups[-1][2] / TOTAL_MACS)
    required = {dense_params, conv_macs, *SAVINGS.values()}
    return shares | required, required


@pytest.mark.parametrize("lang", LANGUAGES)
def test_numbers_on_screen_are_vgg16s(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown = runs[lang]
    allowed, required = expected_percents()
    percents = {m for s in shown.strings for m in re.findall(r"[<>]?\d+(?:\.\d+)?%", s)}
    assert percents <= allowed, f"percentages not from VGG-16: {sorted(percents - allowed)}"
    assert required <= percents, f"missing: {sorted(required - percents)}"
    assert required == {"89.4%", "99.2%", "28.0%", "44.9%"}

    sizes = {int(a) for s in shown.strings for a, b in SIZE.findall(s) if a == b}
    assert sizes == {3, *FIELDS.values(), *STAGE_FIELDS, 224}
    assert not [s for s in shown.strings for a, b in SIZE.findall(s) if a != b]

    counts = {m for s in shown.strings for m in re.findall(r"\d{1,3}(?:,\d{3})+", s)}
    assert counts == {fmt_int(v) for pair in COSTS.values() for v in pair} | {fmt_int(TOTAL_PARAMS)}

    formulas = ("2 dot 3^2 C^2 = 18 C^2", "5^2 C^2 = 25 C^2", "3 dot 3^2 C^2 = 27 C^2", "7^2 C^2 = 49 C^2", "13 + 3 = 16", f"C = {C}")
    for formula in formulas:
        assert any(formula in s for s in shown.strings), formula

    # Nothing else: every number on screen is one of these.
    whole = {1, 2, 3, 5, 7, 9, 13, 16, 18, 25, 27, 49, C, 224, YEAR, *STAGE_FIELDS}
    numbers = {n for s in shown.strings for n in NUMBER.findall(s.replace("%", " "))}
    known = {str(n) for n in whole} | {p.strip("<>%") for p in allowed} | counts
    assert numbers <= known, f"numbers not from VGG-16: {sorted(numbers - known)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sentences_are_the_ones_the_numbers_allow(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    said = runs[lang].subcaptions
    for n, pct in SAVINGS.items():
        assert line("stack_sees", lang, n=n, k=3, f=FIELDS[n]) in said
        assert line("stack_cheaper", lang, pct=pct) in said
    assert line("dense_most_params", lang, share="89.4%", dense=3, convs=13) in said
    assert line("work_opposite", lang, share="99.2%") in said
    assert line("last_stage", lang, side="224×224", f="212×212") in said
    # The other lines, filled with the real numbers, would be false: none is said.
    wrong = {
        line("stack_same", lang),
        *(line("stack_dearer", lang, pct=pct) for pct in SAVINGS.values()),
        line("conv_most_params", lang, share="10.6%", convs=13),
        line("conv_most_work", lang, share="99.2%"),
        line("dense_most_work", lang, share="0.8%"),
    }
    assert not wrong & set(said)


# --- other numbers: the video must follow them ----------------------------------------


REAL_COST, REAL_SHARES = scene.stack_vs_single, scene.where_the_work_is


def swapped_cost(count: int, kernel: int, channels: int) -> StackVsSingle:
    """The real comparison with the two costs swapped: the stack now costs more."""
    real = REAL_COST(count, kernel, channels)
    return replace(real, stacked_params=real.single_params, single_params=real.stacked_params)


def swapped_shares(arch: Architecture, group: Callable[[LayerRow], str]) -> list[Share]:
    """The real groups with parameters and MACs swapped: the convolutions hold
    most parameters and the dense layers do most of the work."""
    return [Share(s.name, s.macs, s.params, s.macs_share, s.params_share) for s in REAL_SHARES(arch, group)]


def test_other_numbers_change_the_sentences(media: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scene, "stack_vs_single", swapped_cost)
    monkeypatch.setattr(scene, "where_the_work_is", swapped_shares)
    shown = dry_run(ENTRY, "en", media)
    said = shown.subcaptions
    # 25/18 − 1 and 49/27 − 1 more weights.
    assert line("stack_dearer", "en", pct=fmt_percent(25 / 18 - 1)) in said
    assert line("stack_dearer", "en", pct=fmt_percent(49 / 27 - 1)) in said
    assert not any(s.startswith("And they need") for s in said)
    assert any(s.strip() == "$ > $" for s in shown.strings)
    assert not any(s.strip() == "$ < $" for s in shown.strings)
    groups = by_hand()
    conv_macs_as_params = sum(m for _, _, m in groups[:-1]) / TOTAL_MACS
    assert line("conv_most_params", "en", share=fmt_percent(conv_macs_as_params), convs=13) in said
    assert line("dense_most_work", "en", share=fmt_percent(groups[-1][1] / TOTAL_PARAMS)) in said
    assert not {line("dense_most_params", "en", share="89.4%", dense=3), line("work_opposite", "en", share="99.2%")} & set(said)


# --- the choices themselves -----------------------------------------------------------


def cost(stacked: int, single: int) -> StackVsSingle:
    return StackVsSingle(count=2, kernel=3, channels=1, field=5, stacked_params=stacked, single_params=single)


@pytest.mark.parametrize(("stacked", "single", "key"), [(18, 25, "stack_cheaper"), (25, 25, "stack_same"), (26, 25, "stack_dearer")])
def test_the_stack_line_follows_which_is_cheaper(stacked: int, single: int, key: str) -> None:
    assert scene.stack_key(cost(stacked, single)) == key


def test_the_saving_is_a_share_of_the_single_filter() -> None:
    assert scene.saving(cost(18, 25)) == pytest.approx(0.28)
    assert scene.saving(cost(50, 25)) == pytest.approx(-1.0)


def shares(conv_params: float, conv_macs: float) -> list[Share]:
    """Two conv blocks splitting the conv shares, and the dense layers with the rest."""
    blocks = [Share(f"block{i}", 1, 1, conv_params / 2, conv_macs / 2) for i in (1, 2)]
    return [*blocks, Share("dense", 1, 1, 1 - conv_params, 1 - conv_macs)]


@pytest.mark.parametrize(("conv_params", "key"), [(0.106, "dense_most_params"), (0.49, "dense_most_params"), (0.5, "conv_most_params"), (0.9, "conv_most_params")])
def test_the_parameter_line_follows_the_dense_share(conv_params: float, key: str) -> None:
    assert scene.params_key(shares(conv_params, 0.99)) == key


@pytest.mark.parametrize(
    ("conv_params", "conv_macs", "key"),
    [(0.106, 0.992, "work_opposite"), (0.9, 0.992, "conv_most_work"), (0.106, 0.4, "dense_most_work"), (0.9, 0.5, "dense_most_work")],
)
def test_the_work_line_follows_the_conv_share(conv_params: float, conv_macs: float, key: str) -> None:
    assert scene.work_key(shares(conv_params, conv_macs)) == key


def test_the_stages_stack_two_or_three_convolutions() -> None:
    assert scene.convs_per_stage(architecture("vgg16").rows()) == [n for _, n in STAGES]
