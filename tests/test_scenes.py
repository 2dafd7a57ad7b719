"""Every scene in both languages, and where its numbers come from."""

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from scene_harness import dry_run, environment, results_folder

from mathcore import (
    FILTERS,
    ExampleInputs,
    architecture,
    as_network,
    audit,
    conv2d,
    conv_cells,
    edge_crop,
    max_pool2d,
    train,
    worked_example,
)
from mathcore.learn import cache as experiment_cache
from scenes.series import SERIES, episode
from scenes.toolkit import LANGUAGES, t, theme
from scenes.toolkit.captions import LINE_WIDTH, LONGEST, READING_SPEED, SHORTEST, width

REPO = Path(__file__).resolve().parents[1]
WORKED = ("forward", "loss", "backprop", "update")

# Another example: other inputs, a negative weight, another rate.
SWAPPED = {"x1": 0.6, "x2": 0.1, "y1": 0.9, "eta": 0.2, "w1": 0.15, "w2": -0.35, "w3": 0.45, "w4": 0.25, "w5": 0.6, "w6": -0.3}


@pytest.fixture(scope="session")
def runs(series_runs):  # type: ignore[no-untyped-def]
    """Each scene in each language, dry-run once for the session (conftest)."""
    return series_runs


@pytest.fixture(scope="session")
def swapped_runs(media: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    path = tmp_path_factory.mktemp("example") / "example.json"
    path.write_text(json.dumps(SWAPPED))
    return {scene_id: dry_run(episode(scene_id), "en", media, example=path) for scene_id in WORKED + ("training", "rounding")}


def magnitudes(values) -> set[Decimal]:  # type: ignore[no-untyped-def]
    return {abs(Decimal(str(v))).normalize() for v in values}


@pytest.mark.parametrize("scene_id", [e.id for e in SERIES])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_scene_renders_in_each_language_at_a_watchable_length(runs, scene_id: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown = runs[(scene_id, lang)]
    assert 30 <= shown.duration <= 90, f"{scene_id} runs {shown.duration:.1f} s"
    # make render starts the longest first by it, before any render has been recorded.
    assert shown.duration == pytest.approx(episode(scene_id).seconds, rel=0.25), "update its seconds in scenes/series.py"
    assert shown.subcaptions, "no narration written to the subtitles"
    hangul = any("\uac00" <= ch <= "\ud7a3" for s in shown.subcaptions for ch in s)
    assert hangul == (lang == "ko")


@pytest.mark.parametrize("scene_id", [e.id for e in SERIES])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_cue_follows_the_timed_text_rules(runs, scene_id: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    """At most two lines of at most 42 (English) or 16 (Korean, Latin half)
    characters, up between 5/6 s and 7 s, readable at 17 or 12 characters a second."""
    shown = runs[(scene_id, lang)]
    assert shown.cues
    said = " ".join(shown.subcaptions).split()
    assert " ".join(c[2] for c in shown.cues).split() == said, "the subtitles are not the narration"
    slack = 1e-3
    for start, end, content in shown.cues:
        lines = content.split("\n")
        assert len(lines) <= 2, content
        for line in lines:
            assert width(line, lang) <= LINE_WIDTH[lang] or " " not in line, f"{line!r} is too wide"
        assert SHORTEST - slack <= end - start <= LONGEST + slack, f"{content!r} is up {end - start:.2f} s"
        assert len(content.replace("\n", "")) / (end - start) <= READING_SPEED[lang] + slack, f"{content!r} is too fast"


def test_training_numbers_come_from_mathcore(runs) -> None:  # type: ignore[no-untyped-def]
    net, x, y = as_network()
    history = train(net, x, y, learning_rate=0.1, steps=50).loss_history
    shown = runs[("training", "ko")].decimals()
    assert Decimal(theme.fmt(history[0], "loss")) in shown
    assert {Decimal("0.1"), Decimal("0.7")} <= shown


def test_rounding_scene_shows_the_audit(runs) -> None:  # type: ignore[no-untyped-def]
    lines = audit()
    allowed = magnitudes([ln.row.printed for ln in lines] + [ln.exact for ln in lines])
    allowed |= magnitudes(worked_example("displayed").values().values())
    shown = runs[("rounding", "en")].decimals()
    assert shown <= allowed
    assert {Decimal("0.5199"), Decimal("0.5198"), Decimal("0.5205")} <= shown


@pytest.mark.parametrize("scene_id", WORKED + ("training",))
def test_swapping_the_example_changes_every_number(swapped_runs, scene_id: str) -> None:  # type: ignore[no-untyped-def]
    blog = magnitudes(worked_example("displayed").values().values())
    other = worked_example("displayed", ExampleInputs(**SWAPPED))
    new = magnitudes(other.values().values())
    shown = swapped_runs[scene_id].decimals()
    leaked = shown & (blog - new)
    assert not leaked, f"{scene_id} still shows the post's numbers {sorted(leaked)}"
    if scene_id != "training":
        assert shown <= new, f"{scene_id} shows numbers not from the new example: {sorted(shown - new)}"
    key = {"forward": other.before.y_hat, "loss": other.before.loss, "backprop": other.gradient("w1"), "update": other.after.y_hat}
    if scene_id in key:
        assert abs(key[scene_id]).normalize() in shown


def test_rounding_scene_stays_on_the_post(swapped_runs) -> None:  # type: ignore[no-untyped-def]
    # The audit is of the post: another example must not change this video.
    assert Decimal("0.5199") in swapped_runs["rounding"].decimals()


def cached(name: str):  # type: ignore[no-untyped-def]
    return experiment_cache.load(name)


def real_crop() -> np.ndarray:
    """The crop the scenes sweep by default: the real digit's strongest vertical edge."""
    return edge_crop(cached("features").image).values


# A crop of one's own: one decimal per pixel, as the demo crop.
SWAPPED_CROP = [[0.9, 0.8, 0.1, 0.0, 0.3, 0.6], [0.7, 0.9, 0.2, 0.1, 0.4, 0.5], [0.8, 0.6, 0.3, 0.2, 0.2, 0.4],
                [0.5, 0.4, 0.9, 0.7, 0.1, 0.3], [0.2, 0.3, 0.8, 0.9, 0.6, 0.1], [0.1, 0.2, 0.6, 0.8, 0.7, 0.2]]


def conv_numbers(values) -> set[Decimal]:  # type: ignore[no-untyped-def]
    """Every number the convolution and pooling scenes may show for a crop."""
    k = FILTERS["vertical_edge"]
    out = conv2d(values, k)
    shown = [values, k, out, conv2d(values, k, stride=2), conv2d(values, k, padding=1), max_pool2d(out)]
    shown += [c.products for c in conv_cells(values, k)]
    return magnitudes(round(float(v), 2) for a in shown for v in np.ravel(a))


@pytest.fixture(scope="session")
def crop_runs(media: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    path = tmp_path_factory.mktemp("crop") / "crop.json"
    path.write_text(json.dumps({"values": SWAPPED_CROP}))
    return {scene_id: dry_run(episode(scene_id), "ko", media, crop=path) for scene_id in ("convolution", "pooling")}


@pytest.mark.parametrize("scene_id", ["convolution", "pooling"])
def test_conv_and_pool_numbers_are_mathcores(runs, crop_runs, scene_id: str) -> None:  # type: ignore[no-untyped-def]
    for shown, values in ((runs[(scene_id, "ko")], real_crop()), (crop_runs[scene_id], np.array(SWAPPED_CROP))):
        numbers = shown.decimals()
        allowed = conv_numbers(values)
        assert numbers <= allowed, f"not from mathcore: {sorted(numbers - allowed)}"
        out = conv2d(values, FILTERS["vertical_edge"])
        must = out[0, :3] if scene_id == "convolution" else max_pool2d(out).ravel()
        assert magnitudes(round(float(v), 2) for v in must) <= shown.numbers()


def test_swapping_the_crop_changes_the_convolution(runs, crop_runs) -> None:  # type: ignore[no-untyped-def]
    old, new = conv_numbers(real_crop()), conv_numbers(np.array(SWAPPED_CROP))
    leaked = crop_runs["convolution"].decimals() & (old - new)
    assert not leaked, f"the real digit's crop numbers are still on screen: {sorted(leaked)}"


def test_no_tex_in_scenes() -> None:
    offenders = [
        f"{p.relative_to(REPO)}:{n}"
        for p in (REPO / "scenes").rglob("*.py")
        for n, line in enumerate(p.read_text().splitlines(), start=1)
        if any(word in line for word in ("MathTex", "Tex(", "SingleStringMathTex", "DecimalNumber", "Integer("))
    ]
    assert offenders == []


def test_unknown_language_and_scene_are_clear_errors(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from scenes.toolkit import language

    monkeypatch.setenv("EXPLAINER_LANG", "fr")
    with pytest.raises(ValueError, match="EXPLAINER_LANG: unknown language 'fr'; expected one of ko, en"):
        language()
    with pytest.raises(ValueError, match="scene: unknown id .intro.; known: flattening, convolution"):
        episode("intro")


CNN_VIDEOS = ("flattening", "convolution", "pooling", "pipeline")


@pytest.mark.parametrize("scene_id", CNN_VIDEOS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_cnn_videos_name_the_real_digit(runs, scene_id: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    digit = cached("features").digit
    assert t("mnist.source", lang, id=digit.id, label=digit.label) in runs[(scene_id, lang)].strings


def test_the_pipeline_shows_each_layers_parameters_and_the_winner(runs) -> None:  # type: ignore[no-untyped-def]
    features, lenet = cached("features"), architecture("lenet5")
    for lang in LANGUAGES:
        shown = runs[("pipeline", lang)]
        for row in lenet.rows():
            if row.params:
                assert f"{row.params:,}" in shown.strings, row.name
        winner = features.predicted
        assert theme.fmt_percent(features.probabilities[winner]) in shown.strings
        assert any(f'"{lenet.params:,}"' in s for s in shown.strings)  # the total, in the sum
        assert t("pipeline.correct", lang, predicted=winner, p=theme.fmt_percent(features.probabilities[winner])) in shown.subcaptions
        assert not any("demo" in s for s in shown.subcaptions)


def test_the_backprop_line_follows_the_signs(runs, swapped_runs) -> None:  # type: ignore[no-untyped-def]
    # The post's six gradients are all negative; the swapped example's are mixed (∂L/∂w2 > 0).
    assert t("backprop.all_negative", "ko") in runs[("backprop", "ko")].subcaptions
    assert worked_example("displayed", ExampleInputs(**SWAPPED)).gradient("w2") > 0
    assert t("backprop.all_mixed", "en") in swapped_runs["backprop"].subcaptions


def wrong_prediction(name: str, result):  # type: ignore[no-untyped-def]
    """The held-out digit predicted wrongly, under another number."""
    if name == "features":
        digit = replace(result.digit, id=4321)
        return replace(result, digit=digit, probabilities=np.array([0.01] * 9 + [0.91]), predicted=9)
    return result


@pytest.fixture(scope="session")
def other_results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cached results with the held-out digit's prediction changed to a
    wrong one, and another digit number: the videos must follow."""
    return results_folder(tmp_path_factory.mktemp("results"), wrong_prediction)


def test_the_cnn_videos_follow_the_results(media: Path, other_results: Path) -> None:
    with environment(EXPLAINER_RESULTS=str(other_results)):
        pipeline = dry_run(episode("pipeline"), "en", media)
        flattening = dry_run(episode("flattening"), "en", media)
    label = cached("features").digit.label
    assert t("pipeline.wrong", "en", predicted=9, p="91.0%", label=label) in pipeline.subcaptions
    assert "91.0%" in pipeline.strings
    assert t("mnist.source", "en", id=4321, label=label) in flattening.strings


def test_a_stale_result_stops_the_video(media: Path, tmp_path: Path) -> None:
    (tmp_path / "features.json").write_text('{"experiment": "features", "digest": "old", "result": {}}')
    with environment(EXPLAINER_RESULTS=str(tmp_path)), pytest.raises(Exception, match="stale"):
        dry_run(episode("pipeline"), "en", media)


@pytest.mark.parametrize(
    ("lang", "example", "message"),
    [
        ("fr", None, "error: EXPLAINER_LANG: unknown language 'fr'; expected one of ko, en"),
        ("en", "big", "error: EXPLAINER_EXAMPLE: .*: x1: 1e\\+300 is too large for the worked example"),
        ("en", "broken", "error: EXPLAINER_EXAMPLE: cannot read .*broken.json"),
    ],
)
def test_a_bad_setting_ends_the_render_in_one_line(media: Path, tmp_path: Path, lang: str, example: str | None, message: str) -> None:
    contents = {"big": json.dumps({**SWAPPED, "x1": 1e300}), "broken": "{"}
    path = None
    if example:
        path = tmp_path / f"{example}.json"
        path.write_text(contents[example])
    with pytest.raises(SystemExit, match=message):
        dry_run(episode("loss"), lang, media, example=path)
