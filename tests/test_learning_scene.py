"""How a CNN learns: every number on screen is one of mathcore's results (or
the worked example's weight count), formatted by the theme, and every
sentence that states a fact about a number is the one those numbers allow."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import numpy as np
import pytest
from scene_harness import Shown, runs_with_results

from mathcore import as_network
from mathcore.learn import Accuracy, DigitRef, EpochRecord, Features, KernelSnapshot, Training, model
from scenes import learning as scene
from scenes.series import episode
from scenes.toolkit import LANGUAGES, results, t
from scenes.toolkit.theme import fmt, fmt_int, fmt_percent

ENTRY = episode("learning")
# A number as the screen writes it: 61,706  0.7465  98.3%  >99.9%  (names such as LeNet-5 are taken out first).
NUMBER = re.compile(r"[<>]?\d+(?:,\d{3})*(?:\.\d+)?%?")
NAMES = ("LeNet-5",)


def line(key: str, lang: str, **values: object) -> str:
    return t(f"learning.{key}", lang, **values)


def numbers(shown: Shown) -> set[str]:
    """Every number in the Text shown (formulas are checked on their own)."""
    found = set()
    for s in shown.strings:
        if s.startswith("$"):
            continue
        for name in NAMES:
            s = s.replace(name, "")
        found |= set(NUMBER.findall(s))
    return found


def changes(snapshots: Sequence[KernelSnapshot]) -> list[float]:
    """‖k_last − k_0‖ / ‖k_0‖ per kernel, worked out here, not by the scene."""
    first, last = snapshots[0].kernels, snapshots[-1].kernels
    return [float(np.sqrt(((b - a) ** 2).sum()) / np.sqrt((a**2).sum())) for a, b in zip(first, last)]


def expected(training: Training, accuracy: Accuracy, features: Features) -> dict[str, set[str]]:
    """What the screen may show ("allowed") and must show ("required"), formatted from the results."""
    lenet = model(training, "lenet")
    epochs, snapshots = lenet.epochs, training.snapshots
    params = model(accuracy, "lenet").params
    net, _, _ = as_network()
    example = sum(layer.weights.size for layer in net.layers)
    shape = [net.layers[0].weights.shape[1]] + [layer.weights.shape[0] for layer in net.layers]
    kernels = snapshots[0].kernels
    tests = [e.test_accuracy for e in epochs]
    required = {
        fmt_int(params), fmt_int(example), fmt_int(lenet.batch_size), fmt_int(accuracy.train_size), fmt_int(len(epochs)),
        fmt(lenet.learning_rate, "slope"), fmt(lenet.momentum, "slope"),
        fmt(epochs[0].loss, "loss"), fmt(epochs[-1].loss, "loss"),
        fmt_percent(epochs[-1].train_accuracy), fmt_percent(epochs[-1].test_accuracy),
        *(fmt_int(s.step) for s in snapshots),
        *(fmt_percent(c, "whole_percent") for c in changes(snapshots)),
        fmt_int(features.digit.label),
    }  # fmt: skip
    allowed = required | {
        fmt_int(epochs[0].epoch), fmt_int(epochs[-1].epoch),  # the epoch axis' ends
        fmt_int(0),  # the loss axis' origin
        *(fmt_percent(v, "whole_percent") for v in scene.accuracy_axis(epochs)),  # the accuracy axis' ends
        *(fmt_percent(v) for v in tests), *(fmt_int(e.epoch) for e in epochs),  # the held-out trend
        fmt_int(scene.TREND_EPOCHS), fmt_int(kernels.shape[0]), fmt_int(kernels.shape[-1]),
        *(fmt_int(n) for n in shape), str(features.digit.id),
    }  # fmt: skip
    return {"required": required, "allowed": allowed}


@pytest.fixture(scope="module")
def runs(series_runs) -> dict[str, Shown]:  # type: ignore[no-untyped-def]
    return {lang: series_runs[(ENTRY.id, lang)] for lang in LANGUAGES}


def current() -> tuple[Training, Accuracy, Features]:
    return cast(Training, results("training")), cast(Accuracy, results("accuracy")), cast(Features, results("features"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_numbers_on_screen_are_the_formatted_results(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown, want = runs[lang], expected(*current())
    found = numbers(shown)
    assert found <= want["allowed"], f"numbers not from the results: {sorted(found - want['allowed'])}"
    assert want["required"] <= found, f"missing: {sorted(want['required'] - found)}"
    lenet = model(current()[0], "lenet")
    formulas = [s for s in shown.strings if s.startswith("$")]
    assert f"$ eta = {fmt(lenet.learning_rate, 'slope')} $" in formulas
    assert f"$ mu = {fmt(lenet.momentum, 'slope')} $" in formulas
    assert f"$ {scene.RULE} $" in formulas


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sentences_are_the_ones_the_results_allow(runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    training, accuracy, _ = current()
    epochs = model(training, "lenet").epochs
    said = runs[lang].subcaptions
    for key, values in (
        scene.loss_key(epochs),
        scene.accuracy_key(epochs),
        scene.held_out_key(epochs, accuracy.test_size),
        scene.kernel_key(np.array(changes(training.snapshots))),
    ):
        assert line(key, lang, **values) in said
    # And what these results make them say.
    assert epochs[-1].loss < epochs[0].loss
    assert line("loss_fell", lang, first=fmt(epochs[0].loss, "loss"), last=fmt(epochs[-1].loss, "loss")) in said


# --- the choices, one by one ------------------------------------------------------------


def epochs_of(tests: list[float], trains: list[float] | None = None, losses: list[float] | None = None) -> list[EpochRecord]:
    n = len(tests)
    trains = trains or [0.99] * n
    losses = losses or [1.0 / (k + 1) for k in range(n)]
    return [EpochRecord(epoch=k + 1, loss=losses[k], train_accuracy=trains[k], test_accuracy=tests[k]) for k in range(n)]


def test_the_loss_line_says_fell_only_when_it_fell() -> None:
    assert scene.loss_key(epochs_of([0.9] * 3, losses=[0.8, 0.4, 0.1])) == ("loss_fell", {"first": fmt(0.8, "loss"), "last": fmt(0.1, "loss")})
    assert scene.loss_key(epochs_of([0.9] * 3, losses=[0.1, 0.4, 0.8]))[0] == "loss_not_fell"
    assert scene.loss_key(epochs_of([0.9] * 2, losses=[0.5, 0.5]))[0] == "loss_not_fell"


def test_the_accuracy_line_follows_the_gap() -> None:
    assert scene.accuracy_key(epochs_of([0.95], trains=[0.99])) == ("gap", {"train": "99.0%", "test": "95.0%"})
    assert scene.accuracy_key(epochs_of([0.97], trains=[0.96]))[0] == "no_gap"


@pytest.mark.parametrize(
    "tests, key",
    [
        ([0.90, 0.95, 0.983, 0.983, 0.983, 0.983], "held_level_at"),
        ([0.90, 0.95, 0.982, 0.983, 0.983, 0.982], "held_level_between"),
        ([0.90, 0.93, 0.94, 0.95, 0.96, 0.97], "held_rising"),
        ([0.90, 0.95, 0.98, 0.97, 0.96, 0.95], "held_fell"),
        ([0.90, 0.95, 0.97, 0.95, 0.96, 0.975], "held_uneven"),
    ],
)
def test_the_held_out_line_reads_the_last_epochs(tests: list[float], key: str) -> None:
    chosen, values = scene.held_out_key(epochs_of(tests), test_size=1000)
    assert chosen == key
    line(chosen, "en", **values)  # every value the line needs is there
    line(chosen, "ko", **values)
    if key == "held_fell":
        assert values == {"best": "98.0%", "epoch": "3", "last": "95.0%"}


@pytest.mark.parametrize(
    "relative, key",
    [([0.01, 0.05, 0.09], "kernels_barely"), ([0.29, 0.5, 0.96], "kernels_kept"), ([1.2, 1.5, 3.0], "kernels_replaced"), ([0.6, 1.4], "kernels_mixed")],
)
def test_the_kernel_line_follows_how_far_they_moved(relative: list[float], key: str) -> None:
    chosen, values = scene.kernel_key(np.array(relative))
    assert chosen == key
    assert line(chosen, "en", **values) and line(chosen, "ko", **values)
    assert values["hi"] == fmt_percent(max(relative), "whole_percent")


def test_the_kernels_are_called_the_random_start_only_at_step_0() -> None:
    kernels = np.zeros((6, 5, 5))
    assert scene.kernels_intro_key([KernelSnapshot(0, kernels)], 6, 5) == ("kernels", {"count": "6", "size": "5"})
    assert scene.kernels_intro_key([KernelSnapshot(1200, kernels)], 6, 5) == ("kernels_at", {"count": "6", "size": "5", "step": "1,200"})


def test_kernel_changes_are_measured_against_the_start() -> None:
    start = np.ones((2, 5, 5))
    end = np.stack([np.ones((5, 5)) * 1.5, -np.ones((5, 5))])
    snapshots = [KernelSnapshot(0, start), KernelSnapshot(9, end)]
    np.testing.assert_allclose(scene.kernel_changes(snapshots), [0.5, 2.0])


# --- other results: the video must follow them ----------------------------------------------


def with_model(result: Any, model_id: str, **changes: object) -> Any:
    """``result`` with the fields of one of its models changed."""
    models = tuple(dataclasses.replace(m, **changes) if m.id == model_id else m for m in result.models)
    return dataclasses.replace(result, models=models)


def other(name: str, result: Any) -> Any:
    """The result with new numbers, and a held-out accuracy and kernels that
    turn two of the chosen sentences around."""
    if name == "accuracy":
        return with_model(dataclasses.replace(result, train_size=3210), "lenet", params=54321)
    if name == "training":
        epochs = [dataclasses.replace(e, loss=e.loss * 3) for e in model(result, "lenet").epochs]
        epochs[-1] = dataclasses.replace(epochs[-1], test_accuracy=0.95, train_accuracy=0.97)  # slipped back from its best
        first, last = result.snapshots[0].kernels, result.snapshots[-1].kernels
        snapshots = (*result.snapshots[:-1], KernelSnapshot(1900, first + 2.5 * (last - first)))  # some past their own size
        result = dataclasses.replace(result, snapshots=snapshots)
        return with_model(result, "lenet", batch_size=64, learning_rate=0.035, momentum=0.85, epochs=tuple(epochs))
    if name == "features":
        return dataclasses.replace(result, digit=DigitRef(id=4321, label=7))
    return result


@pytest.fixture(scope="module")
def other_runs(media: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Shown]:
    return runs_with_results(ENTRY, tmp_path_factory.mktemp("results"), media, other)


def others() -> tuple[Training, Accuracy, Features]:
    training, accuracy, features = current()
    return other("training", training), other("accuracy", accuracy), other("features", features)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_other_results_change_every_number(runs, other_runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    old, new = expected(*current()), expected(*others())
    found = numbers(other_runs[lang])
    assert found <= new["allowed"], f"numbers not from the new results: {sorted(found - new['allowed'])}"
    assert new["required"] <= found, f"missing: {sorted(new['required'] - found)}"
    leaked = found & (old["required"] - new["allowed"])
    assert not leaked, f"the old results are still on screen: {sorted(leaked)}"
    assert {"54,321", "3,210", "64", "0.035", "0.85", "1,900", "95.0%", "97.0%"} <= found
    assert {"$ eta = 0.035 $", "$ mu = 0.85 $"} <= set(other_runs[lang].strings)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_other_results_change_the_sentences(runs, other_runs, lang: str) -> None:  # type: ignore[no-untyped-def]
    training = others()[0]
    epochs = model(training, "lenet").epochs
    said, before = other_runs[lang].subcaptions, runs[lang].subcaptions
    best = max(epochs, key=lambda e: e.test_accuracy)
    assert line("held_fell", lang, best=fmt_percent(best.test_accuracy), epoch=fmt_int(best.epoch), last="95.0%") in said
    moved = changes(training.snapshots)
    assert min(moved) < 1 < max(moved)
    assert line("kernels_mixed", lang, lo=fmt_percent(min(moved), "whole_percent"), hi=fmt_percent(max(moved), "whole_percent")) in said
    assert line("loss_fell", lang, first=fmt(epochs[0].loss, "loss"), last=fmt(epochs[-1].loss, "loss")) in said
    assert line("features", lang, label="7") in said
    # The lines the real results chose, where these results choose others, are gone.
    real_training, real_accuracy, _ = current()
    real_epochs = model(real_training, "lenet").epochs
    for key, values in (scene.held_out_key(real_epochs, real_accuracy.test_size), scene.kernel_key(np.array(changes(real_training.snapshots)))):
        if key not in ("held_fell", "kernels_mixed"):
            assert line(key, lang, **values) in before and line(key, lang, **values) not in said
    assert t("mnist.source", lang, id=4321, label=7) in other_runs[lang].strings
