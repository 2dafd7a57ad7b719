"""The GoogLeNet video: every number on screen is mathcore's, formatted by the
scene's unit helper or the theme (checked here against hand arithmetic and
published figures), and every sentence that states a fact about a number is
the one those numbers allow."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace

import pytest
from scene_harness import Shown, dry_run

from mathcore.lineage import architecture
from mathcore.lineage.reasons import Branch
from scenes import googlenet as scene
from scenes.series import episode
from scenes.toolkit import LANGUAGES, t

ENTRY = episode("googlenet")
# Counts with separators (6,624,904) first, then plain and decimal numbers.
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")

# Inception (3a) worked by hand (Szegedy et al. 2014, Table 1: 192×28×28 in;
# 64 | 96→128 | 16→32 | pool→32), 28·28 = 784 positions, weights without biases:
#   3×3: without 9·192·128 = 221,184 weights, ·784 = 173,408,256 MACs;
#        with 192·96 + 9·96·128 = 129,024 weights, ·784 = 101,154,816 MACs (÷1.71)
#   5×5: without 25·192·32 = 153,600 weights, ·784 = 120,422,400 MACs;
#        with 192·16 + 25·16·32 = 15,872 weights, ·784 = 12,443,648 MACs (÷9.68)
MODULE = {"192", "28", "784", "64", "96", "128", "16", "32", "256", "1", "3", "5"}  # "3" also from "3a"
COSTS = {"173", "101", "120", "12.4", "221", "129", "154", "15.9", "1.7", "9.7"}
# torchvision's models (REFERENCE.md): parameters, weight layers, top-1.
MODELS = {"61,100,840", "138,357,544", "6,624,904", "8", "16", "22", "56.5", "71.6", "69.8"}
# 61,100,840 / 6,624,904 = 9.22; 71.6 − 69.8 = 1.8 points; nine inception modules.
COMPARISON = {"9.2", "1.8", "9"}
REQUIRED = {
    "input 192×28×28", "concatenate → 256×28×28", "$ 64 + 128 + 32 + 32 = 256 $",
    "173M", "101M", "120M", "12.4M", "221k", "129k", "154k", "15.9k", "÷1.7", "÷9.7",
    "6,624,904", "61,100,840", "138,357,544", "56.5%", "71.6%", "69.8%", "22", "16", "8",
}  # fmt: skip


def line(key: str, lang: str, **values: object) -> str:
    return t(f"googlenet.{key}", lang, **values)


def said(shown: Shown) -> str:
    """The narration as one text: the subtitle events, each cut only at
    spaces, joined back with spaces."""
    return " ".join(event.replace("\n", " ") for event in shown.subcaptions)


def numbers(shown: Shown) -> set[str]:
    return {m for s in shown.strings for m in NUMBER.findall(s)}


@pytest.fixture(scope="module")
def runs(series_runs) -> dict[str, Shown]:  # type: ignore[no-untyped-def]
    return {lang: series_runs[(ENTRY.id, lang)] for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_numbers_on_screen_are_the_hand_worked_ones(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown = runs[lang]
    stray = numbers(shown) - (MODULE | COSTS | MODELS | COMPARISON)
    assert not stray, f"numbers not worked out here: {sorted(stray)}"
    on_screen = set(shown.strings)
    labels = {m for s in shown.strings for m in re.findall(r"[\d.,]+[KM%]|÷[\d.]+|\d+(?:,\d{3})+", s)}
    missing = {r for r in REQUIRED if r not in on_screen and r not in labels}
    if lang == "ko":  # the two box labels read differently in Korean
        missing -= {"input 192×28×28", "concatenate → 256×28×28"}
        assert line("input_label", lang, shape="192×28×28") in on_screen
        assert line("concat_label", lang, shape="256×28×28") in on_screen
    assert not missing, f"missing: {sorted(missing)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sentences_are_the_ones_the_numbers_allow(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    narration = said(runs[lang])
    for branch, before, after, times in (("3×3", "173M", "101M", "1.7"), ("5×5", "120M", "12.4M", "9.7")):
        assert line("cheaper", lang, branch=branch, before=before, after=after, times=times) in narration
    assert line("weights_same", lang, positions="784") in narration
    assert line("gain_most", lang, branch="5×5", c_in=192, reduced=16) in narration
    assert line("model_intro", lang, modules=9, depth=22) in narration
    assert line("deeper_fewer", lang, smallest="AlexNet", times="9.2") in narration
    assert line("top1", lang, top1="69.8%") in narration
    assert line("top1_between", lang, low_name="AlexNet", high_name="VGG-16", gap="1.8") in narration
    assert line("close", lang, k1="1×1") in narration
    # torchvision builds the "5×5" branch with 3×3 kernels; the footnote says so
    # (on one line, or on two broken at a space: it is never shrunk to fit).
    shown = runs[lang].strings
    assert line("note_quirk", lang, k5="5×5", k="3×3") in {*shown, *(f"{a} {b}" for a, b in pairwise(shown))}


def test_another_module_changes_every_cost(media: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Inception (3b) instead, by hand: 256 in; 128 | 128→192 | 32→96 | pool→64.
    3×3: 9·256·192·784 = 346,816,512 → (256·128 + 9·128·192)·784 = 199,098,368 (÷1.74);
    5×5: 25·256·96·784 = 481,689,600 → (256·32 + 25·32·96)·784 = 66,633,728 (÷7.23)."""
    monkeypatch.setattr(scene, "INCEPTION_3A", {"c_in": 256, "size": 28, "ch1": 128, "red3": 128, "ch3": 192, "red5": 32, "ch5": 96, "proj": 64})
    shown = dry_run(ENTRY, "en", media)
    on_screen = {m for s in shown.strings for m in re.findall(r"[\d.]+[kM]|÷[\d.]+", s)}
    assert {"347M", "199M", "482M", "66.6M", "442k", "254k", "614k", "85k", "÷1.7", "÷7.2"} <= on_screen
    assert not {"173M", "101M", "120M", "12.4M", "÷9.7"} & on_screen, "3a's costs are still on screen"
    assert "concatenate → 480×28×28" in shown.strings
    assert "$ 128 + 192 + 96 + 64 = 480 $" in shown.strings
    assert line("gain_most", "en", branch="5×5", c_in=256, reduced=32) in said(shown)


# --- the choices themselves -----------------------------------------------------------


def branch(name: str, params: int, macs: int, params_unreduced: int | None = None, macs_unreduced: int | None = None) -> Branch:
    return Branch(name, params, macs, params_unreduced, macs_unreduced)


def model(params: int, depth: int, top1: float) -> SimpleNamespace:
    return SimpleNamespace(params=params, weight_layers=depth, top1=top1)


@pytest.mark.parametrize(("macs", "key"), [(10, "cheaper"), (99, "cheaper"), (100, "not_cheaper"), (150, "not_cheaper")])
def test_the_branch_line_follows_its_saving(macs: int, key: str) -> None:
    assert scene.reduction_key(branch("3×3", 1, macs, 1, 100)) == key


def test_the_biggest_gain_is_the_largest_factor() -> None:
    small, large = branch("3×3", 1, 10, 1, 100), branch("5×5", 1, 50, 1, 100)
    assert scene.most_gain([branch("1×1", 1, 1), small, large]) == small
    assert scene.most_gain([small, branch("5×5", 1, 5, 1, 100)]).name == "5×5"


def test_the_weights_line_holds_only_when_macs_are_weights_times_positions() -> None:
    alike = [branch("3×3", 2, 2 * 49, 3, 3 * 49)]
    assert scene.weights_key(alike, 7) == "weights_same"
    assert scene.weights_key([branch("3×3", 2, 2 * 49, 3, 3 * 48)], 7) == "weights_differ"


@pytest.mark.parametrize(
    ("subject", "key"),
    [
        (model(5, 22, 0), "deeper_fewer"),
        (model(5, 10, 0), "fewer_not_deeper"),
        (model(5, 16, 0), "fewer_not_deeper"),  # as deep as the deepest is not deeper
        (model(200, 22, 0), "deeper_not_fewer"),
        (model(50, 22, 0), "deeper_not_fewer"),  # as many as the lightest is not fewer
        (model(200, 10, 0), "neither"),
    ],
)
def test_the_depth_and_parameter_line(subject: SimpleNamespace, key: str) -> None:
    others = [model(50, 8, 0), model(150, 16, 0)]
    assert scene.depth_params_key(subject, others) == key  # type: ignore[arg-type]


@pytest.mark.parametrize(("top1", "key"), [(69.778, "top1_between"), (72.0, "top1_best"), (50.0, "top1_worst"), (71.57, "top1_tie"), (71.64, "top1_tie")])
def test_the_top1_line_compares_what_the_screen_shows(top1: float, key: str) -> None:
    others = [model(1, 1, 56.522), model(1, 1, 71.592)]
    assert scene.top1_key(model(1, 1, top1), others) == key  # type: ignore[arg-type]


def test_the_closing_and_the_footnote() -> None:
    cheap, dear = branch("3×3", 1, 10, 1, 100), branch("5×5", 1, 100, 1, 100)
    assert scene.closing_key([cheap], "deeper_fewer") == "close"
    assert scene.closing_key([cheap, dear], "deeper_fewer") == "close_mixed"
    assert scene.closing_key([cheap], "fewer_not_deeper") == "close_mixed"
    assert scene.note_key("5×5", 3) == "note_quirk"
    assert scene.note_key("5×5", 5) == "note_plain"


def test_module_3a_is_where_googlenet_has_it() -> None:
    rows = {r.name: r for r in architecture("googlenet").rows()}
    assert rows["maxpool2"].output_shape == (192, 28, 28)  # the module's input
    first = scene.inception_modules(architecture("googlenet"))[0]
    assert first.name == "inception3a" and first.output_shape((192, 28, 28)) == (256, 28, 28)
    assert len(scene.inception_modules(architecture("googlenet"))) == 9
