"""`python -m delivery` as a user runs it: list, scene, and exit 2 with one
line for bad options, before anything is rendered or written.

`list` and one bad option run as their own processes, side by side (each
spends over a second importing manim through the toolkit); `scene` and the
other bad options call the same main() in this process.
tests/test_delivery.py tests the checks behind the options, a failing scene
and unknown scene ids.
"""

import functools
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import delivery.__main__ as cli
from delivery.render import Job, render_all
from scenes.series import SERIES

ROOT = Path(__file__).resolve().parents[1]

BAD_VALUES = {
    "--quality x": "error: QUALITY=x: unknown quality; expected one of l, m, h, k",
    "--langs fr": "error: LANGS: unknown language 'fr'; expected some of ko en",
    "--jobs 0": "error: JOBS=0: expected a whole number of parallel renders, 1 or more",
}
UNKNOWN = "--colour blue"


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "delivery", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str, str, Path]]:
    """Exit code, stdout, stderr and the --build folder given, of each command run as a process."""
    build = tmp_path_factory.mktemp("cli")
    cases = {
        "list": ["list"],
        "render --quality x": ["render", "--quality", "x", "--build", str(build / "bad")],
    }
    procs = {name: start(*args) for name, args in cases.items()}
    # A render that fails at once (its example file is missing): the report lines of a run without a terminal.
    procs["render, example missing"] = subprocess.Popen(
        [sys.executable, "-m", "delivery", "render", "--quality", "l", "--langs", "ko", "--scenes", "loss", "--build", str(build / "failing")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "EXPLAINER_EXAMPLE": str(build / "missing.json")},
    )
    results = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        results[name] = (proc.returncode, out, err, build / "bad")
    return results


def no_manim(job: Job, work: Path) -> Path:
    raise AssertionError(f"{job.name} was rendered despite a bad option")


def in_process(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """main() on these arguments; should a check let a bad option through, the
    render it starts fails at once instead of running manim for minutes."""
    monkeypatch.setattr(sys, "argv", ["python -m delivery", *args])
    monkeypatch.setattr(cli, "render_all", functools.partial(render_all, renderer=no_manim))
    try:
        code = cli.main()
    except SystemExit as exit_:  # argparse's own errors
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def strings(lang: str) -> dict:  # type: ignore[type-arg]
    with open(ROOT / "scenes" / "toolkit" / "strings" / f"{lang}.toml", "rb") as f:
        return tomllib.load(f)


def test_without_a_terminal_each_video_is_one_plain_line(runs) -> None:  # type: ignore[no-untyped-def]
    code, _, err, _ = runs["render, example missing"]
    assert code == 1
    # Not manim's rich logging (a date, INFO, the source file, wrapped at 80 columns).
    lines = err.splitlines()
    assert lines[0].startswith("1 of 1 videos to render, about ") and lines[0].endswith(" s of video")
    report = next(line for line in lines if line.startswith("[1/1] "))
    assert report.startswith("[1/1] ko/07-loss FAILED after ") and report.endswith("07-loss.log)")
    assert not any(re.match(r"\[\d\d/\d\d/\d\d ", line) for line in lines), "a line starts with rich's date"


def test_list_names_every_video_in_order_with_both_titles(runs) -> None:  # type: ignore[no-untyped-def]
    code, out, err, _ = runs["list"]
    assert code == 0, err
    header, *rows = out.splitlines()
    assert header.split()[:2] == ["#", "id"] and "title (ko)" in header and "title (en)" in header
    assert len(rows) == len(SERIES) == 17
    ko, en = strings("ko"), strings("en")
    for number, (row, e) in enumerate(zip(rows, SERIES), start=1):
        assert row.split()[:2] == [f"{number:02d}", e.id], row
        assert ko[e.id]["title"] in row and en[e.id]["title"] in row, row
        assert row.endswith(f"scenes/{e.module}.py"), row


def test_scene_prints_the_file_and_the_class(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = in_process(monkeypatch, capsys, "scene", "mlp-vs-cnn")
    assert code == 0, err
    file, cls = out.split()
    assert Path(file) == ROOT / "scenes" / "mlp_vs_cnn.py"
    assert f"\nclass {cls}(" in Path(file).read_text(encoding="utf-8")


def test_a_bad_value_as_a_process_is_one_line_and_exit_2(runs) -> None:  # type: ignore[no-untyped-def]
    code, out, err, build = runs["render --quality x"]
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and err.startswith(BAD_VALUES["--quality x"]), err
    assert not build.exists(), "a refused run wrote into its build folder"


@pytest.mark.parametrize("command", ["render", "stills"])
@pytest.mark.parametrize("option", list(BAD_VALUES))
def test_a_bad_value_is_one_line_and_exit_2_before_any_work(monkeypatch, capsys, tmp_path, command: str, option: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = in_process(monkeypatch, capsys, command, *option.split(), "--build", str(tmp_path / "build"))
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and err.startswith(BAD_VALUES[option]), err
    assert not (tmp_path / "build").exists(), "a refused run wrote into its build folder"


@pytest.mark.parametrize("command", ["render", "stills"])
def test_an_unknown_option_exits_2_naming_it(monkeypatch, capsys, tmp_path, command: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = in_process(monkeypatch, capsys, command, *UNKNOWN.split(), "--build", str(tmp_path / "build"))
    assert (code, out) == (2, "") and not (tmp_path / "build").exists()
    assert err.splitlines()[-1].endswith(f"unrecognized arguments: {UNKNOWN}"), err


def test_an_unknown_option_is_one_line(monkeypatch, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _, _, err = in_process(monkeypatch, capsys, "render", *UNKNOWN.split(), "--build", str(tmp_path / "build"))
    assert len(err.splitlines()) == 1, err
