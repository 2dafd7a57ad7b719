"""The series' font files, apart from theme.py: the page (delivery/site.py)
ships them too, and should not import manim to find them."""

from pathlib import Path

FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT_FILES = (FONTS / "NanumSquareR.ttf", FONTS / "NanumSquareB.ttf")
