"""Every scene in both languages, and where its numbers come from."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from mathcore import ExampleInputs, audit, train, as_network, worked_example
from scene_harness import dry_run
from scenes.series import SERIES, episode
from scenes.toolkit import LANGUAGES, theme

REPO = Path(__file__).resolve().parents[1]
WORKED = ("forward", "loss", "backprop", "update")

# Another example: other inputs, a negative weight, another rate.
SWAPPED = {"x1": 0.6, "x2": 0.1, "y1": 0.9, "eta": 0.2, "w1": 0.15, "w2": -0.35, "w3": 0.45, "w4": 0.25, "w5": 0.6, "w6": -0.3}


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def runs(media: Path) -> dict:  # type: ignore[type-arg]
    """Each scene in each language, rendered once for the session."""
    return {(e.id, lang): dry_run(e, lang, media) for e in SERIES for lang in LANGUAGES}


@pytest.fixture(scope="session")
def swapped_runs(media: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    path = tmp_path_factory.mktemp("example") / "example.json"
    path.write_text(json.dumps(SWAPPED))
    return {e.id: dry_run(e, "en", media, path) for e in SERIES}


def magnitudes(values) -> set[Decimal]:  # type: ignore[no-untyped-def]
    return {abs(Decimal(str(v))).normalize() for v in values}


@pytest.mark.parametrize("scene_id", [e.id for e in SERIES])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_scene_renders_in_each_language_at_a_watchable_length(runs, scene_id: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown = runs[(scene_id, lang)]
    assert 30 <= shown.duration <= 90, f"{scene_id} runs {shown.duration:.1f} s"
    assert shown.subcaptions, "no narration written to the subtitles"
    hangul = any("\uac00" <= ch <= "\ud7a3" for s in shown.subcaptions for ch in s)
    assert hangul == (lang == "ko")


@pytest.mark.parametrize("scene_id", WORKED)
def test_numbers_on_screen_are_the_displayed_chain(runs, scene_id: str) -> None:  # type: ignore[no-untyped-def]
    shown = runs[(scene_id, "ko")].decimals()
    chain = magnitudes(worked_example("displayed").values().values())
    assert shown, "no numbers on screen"
    assert shown <= chain, f"numbers not from the displayed chain: {sorted(shown - chain)}"


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
    with pytest.raises(ValueError, match="scene: unknown id 'intro'; known: forward"):
        episode("intro")
