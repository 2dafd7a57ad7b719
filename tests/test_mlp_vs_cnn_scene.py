"""The MLP-against-CNN video: every number on screen is one of mathcore's
results, formatted by the theme, and every sentence that states a fact about
a number is the one those numbers allow."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any, cast

import pytest
from scene_harness import Shown, runs_with_results

from mathcore.learn import Accuracy, Permuted, Shift, model
from scenes import mlp_vs_cnn as scene
from scenes.series import episode
from scenes.toolkit import LANGUAGES, mnist_digit, results, t
from scenes.toolkit.theme import fmt_int, fmt_percent, fmt_points

ENTRY = episode("mlp-vs-cnn")
PERCENT = re.compile(r"\d+(?:\.\d+)?%")
COUNT = re.compile(r"\d{1,3}(?:,\d{3})+")
POINTS = re.compile(r"[+−]\d+\.\d+")


def line(key: str, lang: str, **values: object) -> str:
    return t(f"mlp-vs-cnn.{key}", lang, **values)


def found(pattern: re.Pattern[str], shown: Shown) -> set[str]:
    return {m for s in shown.strings for m in pattern.findall(s)}


def expected(accuracy: Accuracy, permuted: Permuted, shift: Shift) -> dict[str, set[str]]:
    """What the screen may show, formatted from the results."""
    ids = (scene.MLP, scene.CNN)
    percents = {fmt_percent(model(accuracy, m).test_accuracy) for m in ids}
    percents |= {fmt_percent(v) for m in ids for v in (model(permuted, m).original, model(permuted, m).permuted)}
    percents |= {fmt_percent(v) for m in ids for v in model(shift, m).accuracy}
    axis = {fmt_percent(y, "whole_percent") for y in scene.Y_RANGE}  # the accuracy axis' two ends
    counts = {fmt_int(model(accuracy, m).params) for m in ids} | {fmt_int(accuracy.train_size), fmt_int(accuracy.test_size)}
    return {
        "percents": percents | axis,
        "counts": counts,
        "points": {fmt_points(model(permuted, m).change) for m in ids},
        # These must be on screen: both accuracies, both permuted ones, both curves at the compared shift.
        "required": {fmt_percent(model(accuracy, m).test_accuracy) for m in ids}
        | {fmt_percent(model(permuted, m).permuted) for m in ids}
        | {fmt_percent(model(shift, m).accuracy[scene.compared_shift(shift)]) for m in ids},
    }


def current() -> tuple[Accuracy, Permuted, Shift]:
    return cast(Accuracy, results("accuracy")), cast(Permuted, results("permuted")), cast(Shift, results("shift"))


@pytest.fixture(scope="module")
def runs(series_runs) -> dict[str, Shown]:  # type: ignore[no-untyped-def]
    return {lang: series_runs[(ENTRY.id, lang)] for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_numbers_on_screen_are_the_formatted_results(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown = runs[lang]
    want = expected(*current())
    percents, counts, points = found(PERCENT, shown), found(COUNT, shown), found(POINTS, shown)
    assert percents <= want["percents"], f"percentages not from the results: {sorted(percents - want['percents'])}"
    assert want["required"] <= percents, f"missing: {sorted(want['required'] - percents)}"
    assert counts == {c for c in want["counts"] if "," in c}
    assert points == want["points"]
    assert line("digit_label", lang, id=mnist_digit().id) in shown.strings


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sentences_are_the_ones_the_results_allow(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    accuracy, permuted, shift = current()
    mlp, cnn = (model(accuracy, m) for m in (scene.MLP, scene.CNN))
    said = runs[lang].subcaptions
    key = scene.accuracy_key(accuracy)
    assert line(key, lang, mlp=fmt_percent(mlp.test_accuracy), cnn=fmt_percent(cnn.test_accuracy)) in said
    assert line(scene.params_key(accuracy), lang, mlp=fmt_int(mlp.params), cnn=fmt_int(cnn.params)) in said
    for m, pick in ((scene.MLP, scene.mlp_permuted_key), (scene.CNN, scene.cnn_permuted_key)):
        entry = model(permuted, m)
        assert line(pick(permuted), lang, before=fmt_percent(entry.original), after=fmt_percent(entry.permuted)) in said
    assert line(scene.closing_key(scene.claims(accuracy, permuted, shift)), lang) in said


# --- other results: the video must follow them ----------------------------------------


def with_models(result: Any, **changes: dict[str, Any]) -> Any:
    """``result`` with fields of its models changed, by model id."""
    return dataclasses.replace(result, models=tuple(dataclasses.replace(m, **changes.get(m.id, {})) for m in result.models))


def other(name: str, result: Any) -> Any:
    """The result with new numbers that turn every comparison around."""
    if name == "accuracy":
        return with_models(
            dataclasses.replace(result, train_size=3210, test_size=987),
            mlp={"test_accuracy": 0.991, "params": 12345},  # the MLP wins
            lenet={"test_accuracy": 0.912, "params": 54321},  # the CNN is the larger
        )
    if name == "permuted":
        return with_models(
            result,
            mlp={"original": 0.991, "permuted": 0.791, "change": -0.2},  # the MLP loses 20 points
            lenet={"original": 0.912, "permuted": 0.915, "change": 0.003},  # the CNN keeps its accuracy
        )
    if name == "shift":
        return with_models(result, mlp={"accuracy": (0.991, 0.95, 0.903, 0.8, 0.7)}, lenet={"accuracy": (0.912, 0.8, 0.604, 0.4, 0.2)})
    return result


@pytest.fixture(scope="module")
def other_runs(media: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Shown]:
    return runs_with_results(ENTRY, tmp_path_factory.mktemp("results"), media, other)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_other_results_change_every_number(runs, other_runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    names = ("accuracy", "permuted", "shift")
    old = expected(*current())
    new = expected(*(other(n, r) for n, r in zip(names, current())))
    shown = other_runs[lang]
    percents, counts, points = found(PERCENT, shown), found(COUNT, shown), found(POINTS, shown)
    assert new["required"] <= percents
    assert percents <= new["percents"], f"not from the new results: {sorted(percents - new['percents'])}"
    assert counts == {"12,345", "54,321", "3,210"}  # and 987, which has no separator:
    assert line("same_test", lang, test="987") in shown.subcaptions
    assert points == new["points"] == {"−20.0", "+0.3"}
    leaked = (old["counts"] | old["points"] | (old["required"] - new["percents"])) & (counts | points | percents)
    assert not leaked, f"old numbers still on screen: {sorted(leaked)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_other_results_change_the_sentences(runs, other_runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    said, before = other_runs[lang].subcaptions, runs[lang].subcaptions
    expected_lines = (
        line("mlp_wins", lang, mlp="99.1%", cnn="91.2%"),
        line("params_cnn_not_fewer", lang, mlp="12,345", cnn="54,321"),
        line("mlp_changed", lang, before="99.1%", after="79.1%"),
        line("cnn_same", lang, before="91.2%", after="91.5%"),
        line("shift_mlp_better", lang, shift=2, mlp="90.3%", cnn="60.4%"),
        line("close_mixed", lang),
    )
    for sentence in expected_lines:
        assert sentence in said, sentence
        assert sentence not in before
    # The lines the real results pick, filled with the new numbers, would be false: none is said.
    wrong = (
        line("cnn_wins", lang, mlp="99.1%", cnn="91.2%"),
        line("params_cnn_fewer", lang, mlp="12,345", cnn="54,321"),
        line("mlp_same", lang, before="99.1%", after="79.1%"),
        line("cnn_drops", lang, before="91.2%", after="91.5%"),
        line("shift_cnn_better", lang, shift=2, mlp="90.3%", cnn="60.4%"),
        line("close_all", lang),
    )
    assert not set(wrong) & set(said)
    assert set(wrong) & set(before), "the real results pick none of these lines any more; update the test"
    # Every claim is now "not seen here".
    assert other_runs[lang].strings.count(line("verdict_no", lang)) == 3
    assert line("verdict_yes", lang) not in other_runs[lang].strings


# --- the choices themselves -----------------------------------------------------------


def accuracy(**models: dict[str, Any]) -> Accuracy:
    """The cached ``accuracy`` result with the given fields of each model."""
    return with_models(current()[0], **models)


def permuted(**models: dict[str, Any]) -> Permuted:
    return with_models(current()[1], **models)


def shift(shifts: tuple[int, ...], **models: dict[str, Any]) -> Shift:
    return with_models(dataclasses.replace(current()[2], shifts=shifts), **models)


@pytest.mark.parametrize(("change", "key"), [(0.0, "mlp_same"), (0.0099, "mlp_same"), (-0.0099, "mlp_same"), (0.01, "mlp_changed"), (-0.2, "mlp_changed")])
def test_the_mlp_permuted_line_follows_its_change(change: float, key: str) -> None:
    assert scene.mlp_permuted_key(permuted(mlp={"change": change}, lenet={"change": 0.0})) == key


@pytest.mark.parametrize(("change", "key"), [(-0.065, "cnn_drops"), (-0.01, "cnn_drops"), (-0.0099, "cnn_same"), (0.05, "cnn_same")])
def test_the_cnn_permuted_line_follows_its_change(change: float, key: str) -> None:
    assert scene.cnn_permuted_key(permuted(mlp={"change": 0.0}, lenet={"change": change})) == key


@pytest.mark.parametrize(
    ("mlp", "cnn", "key"),
    [(0.957, 0.983, "cnn_wins"), (0.983, 0.957, "mlp_wins"), (0.95, 0.95, "acc_tie"), (0.95001, 0.95, "acc_tie")],
)
def test_the_accuracy_line_compares_what_the_screen_shows(mlp: float, cnn: float, key: str) -> None:
    assert scene.accuracy_key(accuracy(mlp={"test_accuracy": mlp}, lenet={"test_accuracy": cnn})) == key


def test_the_parameter_line_and_the_shift_line() -> None:
    assert scene.params_key(accuracy(mlp={"params": 79510}, lenet={"params": 61706})) == "params_cnn_fewer"
    assert scene.params_key(accuracy(mlp={"params": 61706}, lenet={"params": 61706})) == "params_cnn_not_fewer"
    curves = shift((0, 1, 2, 3, 4), mlp={"accuracy": (1.0, 1.0, 0.5, 0.0, 0.0)}, lenet={"accuracy": (0.0, 0.0, 0.6, 1.0, 1.0)})
    assert scene.compared_shift(curves) == 2
    assert scene.shift_key(curves) == "shift_cnn_better"  # only the middle shift counts
    curves = with_models(curves, lenet={"accuracy": (0.0, 0.0, 0.4, 1.0, 1.0)})
    assert scene.shift_key(curves) == "shift_mlp_better"


def test_the_claims_and_the_closing_line() -> None:
    sizes = accuracy(mlp={"params": 79510, "test_accuracy": 0.957}, lenet={"params": 61706, "test_accuracy": 0.983})
    changes = permuted(mlp={"change": 0.005}, lenet={"change": -0.065})
    curves = shift((0, 1, 2), mlp={"accuracy": (0.9, 0.8, 0.6)}, lenet={"accuracy": (0.9, 0.9, 0.8)})
    verdicts = scene.claims(sizes, changes, curves)
    assert verdicts == {"spatial": True, "params": True, "shift": True}
    assert scene.closing_key(verdicts) == "close_all"
    changes = with_models(changes, lenet={"change": 0.0})
    verdicts = scene.claims(sizes, changes, curves)
    assert verdicts["spatial"] is False and scene.closing_key(verdicts) == "close_mixed"


def test_end_labels_are_pushed_apart() -> None:
    assert scene.spread([0.0, 0.1], gap=0.4) == pytest.approx([-0.15, 0.25])
    assert scene.spread([1.0, -1.0], gap=0.4) == [1.0, -1.0]
