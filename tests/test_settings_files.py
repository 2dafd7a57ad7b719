"""Bad EXPLAINER_EXAMPLE and EXPLAINER_CROP files: each is a SettingError (what
a render reports in one line, tests/test_scenes.py) whose message names the
variable and the field, from the loaders themselves, without rendering."""

import json
from pathlib import Path

import numpy as np
import pytest

from scenes.toolkit.data import FIELDS, crop, example_inputs
from scenes.toolkit.errors import SettingError

GOOD_EXAMPLE = {"x1": 0.6, "x2": 0.1, "y1": 0.9, "eta": 0.2, "w1": 0.15, "w2": -0.35, "w3": 0.45, "w4": 0.25, "w5": 0.6, "w6": -0.3}
GOOD_CROP = {"values": [[0.0, 0.1, 0.9, 1.0]] * 4}


def setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, variable: str, content: object) -> Path:
    """Point ``variable`` at a file holding ``content`` (JSON unless a str)."""
    path = tmp_path / "setting.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    monkeypatch.setenv(variable, str(path))
    return path


def test_good_files_are_read_as_written(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    setting(monkeypatch, tmp_path, "EXPLAINER_EXAMPLE", GOOD_EXAMPLE)
    assert {f: getattr(example_inputs(), f) for f in FIELDS} == GOOD_EXAMPLE
    setting(monkeypatch, tmp_path, "EXPLAINER_CROP", GOOD_CROP)
    assert np.array_equal(crop().values, np.array(GOOD_CROP["values"]))


def test_a_missing_file_names_the_variable_and_the_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for variable, load in (("EXPLAINER_EXAMPLE", example_inputs), ("EXPLAINER_CROP", crop)):
        monkeypatch.setenv(variable, str(tmp_path / "nowhere.json"))
        with pytest.raises(SettingError, match=rf"^{variable}: cannot read .*nowhere\.json: .*No such file"):
            load()


@pytest.mark.parametrize("text", ["{", "x1 = 0.5", ""])
def test_a_file_that_is_not_json(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str) -> None:
    for variable, load in (("EXPLAINER_EXAMPLE", example_inputs), ("EXPLAINER_CROP", crop)):
        setting(monkeypatch, tmp_path, variable, text)
        with pytest.raises(SettingError, match=rf"^{variable}: cannot read .*setting\.json: "):
            load()


def with_(**changes: object) -> dict:  # type: ignore[type-arg]
    return {**GOOD_EXAMPLE, **changes}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (with_(x1="0.5"), r"setting\.json: x1: expected a number, got str"),
        (with_(eta=True), r"setting\.json: eta: expected a number, got bool"),
        (with_(w3=None), r"setting\.json: w3: expected a number, got NoneType"),
        (with_(w4=[0.1]), r"setting\.json: w4: expected a number, got list"),
        (with_(x2=1e300), r"setting\.json: x2: 1e\+300 is too large for the worked example; expected a value within ±1,000,000"),
        (with_(w5=-2e6), r"setting\.json: w5: -2e\+06 is too large"),
        (with_(eta=0), r"setting\.json: eta: the learning rate must be > 0, got 0"),
        (with_(y1=float("nan")), r"setting\.json: y1: must be finite, got nan"),
        ({k: v for k, v in GOOD_EXAMPLE.items() if k != "w6"}, r"setting\.json: missing w6; expected exactly the keys x1, x2, y1, eta, w1, w2, w3, w4, w5, w6$"),
        (with_(w7=0.1), r"setting\.json: unknown w7; expected exactly the keys"),
        ([0.5, 0.3], r"setting\.json must hold a JSON object with the keys x1, x2, y1, eta, w1"),
    ],
)
def test_a_bad_example_names_the_field(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content: object, message: str) -> None:
    setting(monkeypatch, tmp_path, "EXPLAINER_EXAMPLE", content)
    with pytest.raises(SettingError, match=rf"^EXPLAINER_EXAMPLE: .*{message}"):
        example_inputs()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"pixels": GOOD_CROP["values"]}, r"EXPLAINER_CROP: .*setting\.json must hold \{\"values\": \[\[\.\.\.\], \.\.\.\]\}"),
        ([[0.1] * 4] * 4, r"EXPLAINER_CROP: .*setting\.json must hold \{\"values\""),
        ({"values": [[0.1, "x", 0.1, 0.1]] * 4}, r"EXPLAINER_CROP\.values\[0\]\[1\]: expected a number, got str"),
        ({"values": [0.1, 0.2, 0.3, 0.4]}, r"EXPLAINER_CROP\.values\[0\]: expected a 1-D list, got a single number"),
        ({"values": [[0.1] * 4, [0.1] * 3, [0.1] * 4, [0.1] * 4]}, r"EXPLAINER_CROP\.values: rows have different lengths \[3, 4\]"),
        ({"values": [[0.1] * 5] * 4}, r"EXPLAINER_CROP\.values: expected a square of 4×4 to 8×8, got \(4, 5\)"),
        ({"values": [[0.1] * 3] * 3}, r"EXPLAINER_CROP\.values: expected a square of 4×4 to 8×8, got \(3, 3\)"),
        ({"values": [[0.1] * 9] * 9}, r"EXPLAINER_CROP\.values: expected a square of 4×4 to 8×8, got \(9, 9\)"),  # it would run off the frame
        ({"values": []}, r"EXPLAINER_CROP\.values: expected a 2-D array"),
        ({"values": [[0.1, float("nan"), 0.1, 0.1]] * 4}, r"EXPLAINER_CROP\.values: contains a non-finite value"),
        ({"values": [[0.0, 0.5, 1.0, 255.0]] * 4}, r"EXPLAINER_CROP\.values\[0\]\[3\]: 255 is outside 0–1"),
        ({"values": [[0.0, 0.5, 1.0, 1.0]] * 3 + [[0.0, 0.5, -0.1, 1.0]]}, r"EXPLAINER_CROP\.values\[3\]\[2\]: -0\.1 is outside 0–1"),
    ],
)
def test_a_bad_crop_names_the_field(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content: object, message: str) -> None:
    setting(monkeypatch, tmp_path, "EXPLAINER_CROP", content)
    with pytest.raises(SettingError, match=rf"^{message}"):
        crop()


def test_an_example_that_diverges_ends_the_training_video_in_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A valid example can still blow up when trained (η = 1000 with inputs
    and a weight of 1000): the render ends naming the setting, not in a traceback."""
    from scene_harness import dry_run

    from scenes.series import episode

    path = setting(monkeypatch, tmp_path, "EXPLAINER_EXAMPLE", with_(eta=1000, x1=1000, w5=1000))
    with pytest.raises(SystemExit, match=r"^error: EXPLAINER_EXAMPLE: training diverged at step \d+"):
        dry_run(episode("training"), "en", tmp_path / "media", example=path)
