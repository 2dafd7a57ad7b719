"""A tool author's install: mathcore alone, in a fresh venv, with numpy as
its only dependency. The mathcore snippets and ``python -m mathcore``
commands of the docs (README.md and every page under docs/) must run there
as printed, and ``pip check`` must be clean."""

from __future__ import annotations

import doctest
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def pages() -> list[Path]:
    """The README and every markdown page under docs/."""
    return [README, *sorted((ROOT / "docs").rglob("*.md"))]


def blocks(kind: str) -> list[str]:
    """Every ```kind block of the docs, in page order."""
    return [b for page in pages() for b in re.findall(rf"```{kind}\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S)]


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """mathcore installed the way a tool author would, from a copy of the source
    (so the build writes nothing into this checkout)."""
    base = tmp_path_factory.mktemp("alone")
    source = base / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "mathcore", source / "mathcore", ignore=shutil.ignore_patterns("__pycache__"))
    env = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    pip = [str(env / "bin" / "python"), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "--quiet", str(source)], check=True, capture_output=True)
    return env


def run(venv: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env={"PATH": f"{venv / 'bin'}:/usr/bin:/bin"})


def test_only_numpy_comes_along_and_pip_check_is_clean(venv: Path, tmp_path: Path) -> None:
    python = str(venv / "bin" / "python")
    listed = json.loads(run(venv, [python, "-m", "pip", "list", "--format=json"], tmp_path).stdout)
    assert {p["name"].lower() for p in listed} <= {"pip", "setuptools", "numpy", "cnn-explainer-mathcore"}
    check = run(venv, [python, "-m", "pip", "check"], tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    probe = "import importlib.util as u; print([m for m in ('manim', 'scenes', 'delivery', 'PIL') if u.find_spec(m)])"
    assert run(venv, [python, "-c", probe], tmp_path).stdout.strip() == "[]"


def test_the_docs_python_snippets_run_as_printed(venv: Path, tmp_path: Path) -> None:
    snippets = [b for b in blocks("python") if b.lstrip().startswith(">>>")]
    assert len(snippets) >= 4  # docs/mathcore: post, dense, cnn, lineage
    (tmp_path / "snippets.txt").write_text("\n".join(snippets), encoding="utf-8")
    result = run(venv, [str(venv / "bin" / "python"), "-m", "doctest", "-o", "ELLIPSIS", "-o", "NORMALIZE_WHITESPACE", "snippets.txt"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def matches(expected: str, actual: str) -> bool:
    """The output the docs show, with '...' for what it leaves out and any run of
    whitespace standing for any other."""
    squash = lambda s: " ".join(s.split())  # noqa: E731
    return doctest._ellipsis_match(squash(expected), squash(actual))  # type: ignore[attr-defined]


def test_the_docs_commands_print_what_they_show(venv: Path, tmp_path: Path) -> None:
    """Each `$ .venv/bin/python -m mathcore ...` line of a ```console block in
    the docs, run with the tool author's venv; `$ cat FILE` lines create the
    file they show."""
    ran = 0
    for block in blocks("console"):
        steps = re.split(r"^\$ ", block, flags=re.M)[1:]
        for step in steps:
            command, _, output = step.partition("\n")
            args = shlex.split(command)
            if args[0] == "cat":
                (tmp_path / args[1]).write_text(output, encoding="utf-8")
                continue
            if "experiment" in command:
                continue  # needs the digits extra and the checkout's cache: tests/test_learn.py
            assert args[0] == ".venv/bin/python", command
            result = run(venv, [str(venv / "bin" / "python"), *args[1:]], tmp_path)
            assert result.returncode == 0, f"{command}\n{result.stderr}"
            if output.strip():
                assert matches(output, result.stdout), f"{command}\ndocs:\n{output}\ngot:\n{result.stdout}"
            ran += 1
    assert ran >= 4  # docs/mathcore/index.md: blog, step, architectures, architecture
    # The console script does the same as python -m mathcore.
    assert run(venv, ["mathcore", "architectures"], tmp_path).stdout == run(venv, [str(venv / "bin" / "python"), "-m", "mathcore", "architectures"], tmp_path).stdout


def test_without_the_digits_extra_the_experiments_say_what_to_install(venv: Path, tmp_path: Path) -> None:
    result = run(venv, [str(venv / "bin" / "python"), "-m", "mathcore", "experiment", "accuracy"], tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert "mlxtend, which is not installed" in result.stderr and result.stderr.count("\n") == 1


def test_each_part_loads_on_first_use_and_every_public_name_is_reachable() -> None:
    """``from mathcore import x`` reaches each part's __all__ and imports that
    part alone: a video of the lineage must not import the convolution (a
    change to one part then re-renders only the videos that use it)."""
    import importlib

    import mathcore

    for part in ("cnn", "dense", "lineage", "post"):
        names = importlib.import_module(f"mathcore.{part}").__all__
        assert sorted(n for n, p in mathcore._WHERE.items() if p == part) == sorted(names), part
        assert all(getattr(mathcore, n) is getattr(importlib.import_module(f"mathcore.{part}"), n) for n in names)
    probe = (
        "import sys, mathcore; before = {m for m in sys.modules if m.startswith('mathcore.')}; "
        "from mathcore import architecture; "
        "print(sorted(before), sorted({m.split('.')[1] for m in sys.modules if m.startswith('mathcore.')}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.split("] ")[0] == "["  # importing mathcore imports no part
    assert "'cnn'" not in done.stdout and "'post'" not in done.stdout and "'learn'" not in done.stdout, done.stdout
    with pytest.raises(AttributeError, match="has no attribute 'conv3d'"):
        mathcore.conv3d  # noqa: B018
