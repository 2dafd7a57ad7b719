"""The experiments' results as typed records: every cached result reads,
a malformed one is refused with the path of the bad field, and a record
turns back into the JSON it came from."""

from __future__ import annotations

import copy
import json
from dataclasses import FrozenInstanceError

import numpy as np
import pytest

from mathcore.learn import EXPERIMENTS, ResultError, as_json, cache, model, parse
from mathcore.learn.results import RESULTS


def stored(name: str) -> dict:  # type: ignore[type-arg]
    """The JSON the cache holds for ``name``, read without mathcore."""
    directory = cache.default_directory()
    assert directory is not None
    return json.loads(cache.path_of(name, directory).read_text(encoding="utf-8"))["result"]


def test_every_experiment_has_a_record_type() -> None:
    assert set(RESULTS) == set(EXPERIMENTS)


@pytest.mark.parametrize("name", list(EXPERIMENTS))
def test_every_cached_result_reads_and_writes_back_unchanged(name: str) -> None:
    raw = stored(name)
    record = parse(name, raw)
    assert as_json(record) == raw


def test_fields_read_as_the_json_says() -> None:
    raw = stored("accuracy")
    record = parse("accuracy", raw)
    assert record.test_size == raw["test_size"]
    for entry in raw["models"]:
        assert model(record, entry["id"]).params == entry["params"]
        assert model(record, entry["id"]).test_accuracy == entry["test_accuracy"]
    features = parse("features", stored("features"))
    assert features.image.shape == (28, 28) and features.image.dtype == np.float64
    assert features.layer("conv1").values.shape == features.layer("conv1").shape
    with pytest.raises(KeyError, match="no layer 'conv9'.*conv1"):
        features.layer("conv9")


def test_a_record_cannot_be_changed_in_place() -> None:
    record = parse("features", stored("features"))
    with pytest.raises(FrozenInstanceError):
        record.predicted = 3  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        record.image[0, 0] = 1.0


def test_model_finds_by_id_and_names_the_ids_it_has() -> None:
    shift = parse("shift", stored("shift"))
    assert model(shift, "lenet").id == "lenet"
    assert model(shift, "mlp").accuracy[0] != model(shift, "lenet").accuracy[0]
    with pytest.raises(KeyError, match="no model 'vgg'.*mlp, lenet"):
        model(shift, "vgg")


def broken(name: str, edit) -> dict:  # type: ignore[no-untyped-def, type-arg]
    raw = copy.deepcopy(stored(name))
    edit(raw)
    return raw


@pytest.mark.parametrize(
    "name, edit, message",
    [
        ("accuracy", lambda r: r["models"][1].pop("params"), r"accuracy\.models\[1\]\.params: missing"),
        ("accuracy", lambda r: r.update(test_size="1000"), r"accuracy\.test_size: expected int, got str"),
        ("accuracy", lambda r: r.update(test_size=True), r"accuracy\.test_size: expected int, got bool"),
        ("shift", lambda r: r["models"][0].update(accuracy=0.9), r"shift\.models\[0\]\.accuracy: expected a list"),
        ("features", lambda r: r["image"][3].__setitem__(4, float("nan")), r"features\.image: expected a finite array"),
        ("features", lambda r: r["digit"].update(label="four"), r"features\.digit\.label: expected int, got str"),
        ("training", lambda r: r["models"][1]["epochs"][0].pop("loss"), r"training\.models\[1\]\.epochs\[0\]\.loss: missing"),
        ("degradation", lambda r: r["runs"][2].update(train_loss="x"), r"degradation\.runs\[2\]\.train_loss: expected float"),
        ("permuted", lambda r: r.clear(), r"permuted\.\w+: missing"),
    ],
)
def test_a_malformed_result_is_refused_with_the_path_of_the_field(name, edit, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ResultError, match=message):
        parse(name, broken(name, edit))


def test_a_run_that_diverged_may_leave_its_numbers_empty() -> None:
    raw = broken("degradation", lambda r: r["runs"][0].update(diverged="step 3", train_loss=None, train_accuracy=None, test_accuracy=None))
    run = parse("degradation", raw).runs[0]
    assert run.diverged == "step 3" and run.train_loss is None


def test_an_unknown_experiment_is_named() -> None:
    with pytest.raises(ResultError, match="bogus: no such experiment; expected one of accuracy"):
        parse("bogus", {})
