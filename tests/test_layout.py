"""Architecture rules that keep numbers flowing one way: mathcore → scenes."""

import subprocess
import sys

from conftest import REPO


def test_mathcore_does_not_import_manim() -> None:
    code = "import sys, mathcore, mathcore.cli; print('manim' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_mathcore_is_typed() -> None:
    assert (REPO / "mathcore" / "py.typed").exists()


def test_no_print_in_library_code() -> None:
    # The CLI's print of its own output is the one allowed use.
    offenders = [
        p.name for p in (REPO / "mathcore").glob("*.py") if p.name != "cli.py" and "print(" in p.read_text()
    ]
    assert offenders == []
