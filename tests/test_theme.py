"""The toolkit's one place for each setting: number formats, colour roles, sizes."""

import importlib
import re
from pathlib import Path

import numpy as np
import pytest

from scene_lint import file_problems, problems

from scenes.series import SERIES
from scenes.toolkit import theme
from scenes.toolkit.theme import (
    fmt,
    fmt_all,
    fmt_percent,
    fmt_points,
    fmt_sci,
    fmt_si,
    power_of_ten,
)

SCENES = Path(__file__).resolve().parents[1] / "scenes"
SCENE_FILES = sorted(p for p in SCENES.glob("*.py") if p.name not in ("__init__.py", "series.py"))
ROLES = set(theme.LEGEND)
NEUTRAL = {"BACKGROUND", "TEXT", "MUTED", "INPUT", "OUTPUT"}


@pytest.mark.parametrize(
    ("value", "quantity", "shown"),
    [
        (-0.02270, "gradient", "−0.0227"),  # three significant figures, a true minus
        (0.04231, "loss", "0.04231"),
        (0.55230, "a", "0.552"),
        (np.float64(-0.25), "cell", "−0.25"),  # numpy's scalars are floats with another repr
        (0.7, "cell", "0.7"),
        (2.0, "cell", "2"),
        (0.02035, "gradient", "0.0204"),  # a tie rounds away from zero, as by hand
        (9.66, "ratio", "9.7"),
    ],
)
def test_fmt_follows_the_table_with_a_true_minus(value: float, quantity: str, shown: str) -> None:
    assert fmt(value, quantity) == shown


def test_no_formatted_number_has_a_hyphen() -> None:
    for quantity in theme.NUMBER_FORMATS:
        assert "-" not in fmt(-0.123456, quantity)


def test_an_unknown_quantity_is_named() -> None:
    with pytest.raises(KeyError, match="no number format for 'gradients'"):
        fmt(0.1, "gradients")


def test_numbers_read_together_share_their_decimals() -> None:
    assert fmt_all([2.0, 2.1, -0.25], "cell") == ["2.00", "2.10", "−0.25"]
    assert fmt_all([2.0, 2.1], "cell") == ["2.0", "2.1"]
    assert fmt_all([1.0, 0.0], "cell") == ["1", "0"]


def test_shares_points_and_powers() -> None:
    assert fmt_percent(0.983) == "98.3%"
    assert fmt_percent(0.847, "whole_percent") == "85%"
    assert fmt_percent(0.99996) == ">99.9%"
    assert fmt_points(-0.065) == "−6.5"
    assert fmt_points(0.003) == "+0.3"
    assert fmt_sci(6.44e-8) == "6.4 times 10^(−8)"
    assert fmt_sci(1.31) == "1.3"
    assert power_of_ten(9.96e-3) == ("1.0", -2)  # 9.96 rounds to 10: carried into the power
    assert fmt_si(61_706) == "61.7k"


def test_every_role_is_in_the_legend_and_every_legend_entry_is_a_role() -> None:
    roles = {n for n, v in vars(theme).items() if n.isupper() and not n.startswith("_") and isinstance(v, type(theme.TEXT))} - NEUTRAL
    assert roles == ROLES


@pytest.mark.parametrize("path", SCENE_FILES, ids=lambda p: p.stem)
def test_scenes_name_their_formats_and_colours(path: Path) -> None:
    source = path.read_text()
    assert not re.findall(r"\{[^}]*:[+]?\.\d+[fe%]\}", source), "a number format spec: add a quantity to theme.NUMBER_FORMATS"
    assert "ManimColor(" not in source, "a colour outside the theme's roles"


@pytest.mark.parametrize("path", SCENE_FILES, ids=lambda p: p.stem)
def test_scenes_speak_the_one_vocabulary(path: Path) -> None:
    """No literal font size, no wait(), keys relative to the section, no
    redefined say/hold/clear_stage (tests/scene_lint.py reads the syntax tree)."""
    assert not file_problems(path), "\n".join(file_problems(path))


@pytest.mark.parametrize(
    ("old_form", "complaint"),
    [
        ('text("a", size=20)', "a literal font size (20)"),
        ('text("a", size=theme.SMALL_SIZE * 0.8)', "a literal font size"),
        ('formula("a", 18, color=theme.TEXT)', "passed by position"),
        ('text("a", **{"size": 20, "color": theme.MUTED})', "in a dict"),
        ('small = {"size": 20}', "in a dict"),
        ('SMALL = 20\ntext("a", size=SMALL)', "a literal font size (SMALL)"),
        ('Text("a", font_size=24)', "a literal font size (24)"),
        ("self.wait(2.0)", "wait(): pace with hold()"),
        ("self.wait(HOLD)", "wait(): pace with hold()"),
        ('self.say(f"{S}.intro")', "a key prefixed by hand"),
        ('self.say("backprop.start")', "a full key ('backprop.start')"),
        ('self.show_title("alexnet.title")', "a full key"),
        ('class A(ExplainerScene):\n    section = "pooling"\n    def f(self):\n        self.t(f"pooling.{key}")', "through t()"),
        ("class A(ExplainerScene):\n    def say(self, key):\n        super().say(key)", "redefines say()"),
        ("class A(ExplainerScene):\n    def then(self, *a):\n        pass", "redefines then()"),
        ("class A(ExplainerScene):\n    def narrate(self, key):\n        pass", "redefines narrate()"),
    ],
)
def test_the_vocabulary_lint_catches_each_old_form(old_form: str, complaint: str) -> None:
    found = problems(old_form)
    assert any(complaint in p for p in found), found


def test_the_vocabulary_lint_passes_the_new_forms() -> None:
    new = (
        'class A(ExplainerScene):\n    section = "pooling"\n'
        '    def f(self):\n        self.say("windows", size=SIZE)\n        self.show_title()\n'
        '        text(self.s("label"), size=theme.SMALL_SIZE)\n        self.t("series.title")\n        self.say("series.next")\n'
        '        self.hold(2.0)\n        NumberGrid(grid, cell=0.8, size=theme.BODY_SIZE)\n        self.s(f"layer.{name}")\n'
    )
    assert problems(new) == []


def test_every_scene_declares_its_section_as_its_id() -> None:
    """section is the video's table in the strings: one name for one video."""
    for entry in SERIES:
        scene = getattr(importlib.import_module(f"scenes.{entry.module}"), entry.scene)
        assert scene.section == entry.id, f"{entry.scene}.section is {scene.section!r}, expected {entry.id!r}"


def test_shares_keep_their_decimals() -> None:
    assert fmt_percent(0.95) == "95.0%"
    assert fmt_points(0.06) == "+6.0"
    assert fmt_percent(0.9825) == "98.3%"  # a tie rounds up, as by hand (float formatting gives 98.2)
