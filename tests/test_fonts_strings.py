"""Korean renders with real glyphs, and the string tables agree."""

import json
import string
import subprocess
import sys
import textwrap
import tomllib

from conftest import REPO
from PIL import ImageFont

from scenes.toolkit import LANGUAGES, theme
from scenes.toolkit.i18n import STRINGS

# A fontconfig with no font folders: as on a machine without any Korean font.
NO_FONTS = """<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig></fontconfig>"""

PROBE = textwrap.dedent(
    """
    import json, sys
    from manim import Text
    from scenes.toolkit import theme
    if sys.argv[1] == "register":
        theme.register_fonts()
    def outline(ch):
        return Text(ch, font=theme.FONT).get_family()[-1].points.round(3).tolist()
    print(json.dumps({ch: outline(ch) for ch in ("한", "글", "\\ue000")}))
    """
)


def outlines(tmp_path, register: bool) -> dict:  # type: ignore[no-untyped-def, type-arg]
    tmp_path.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(NO_FONTS)
    env = {"FONTCONFIG_FILE": str(conf), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, "register" if register else "none"],
        capture_output=True, text=True, check=True, env=env, cwd=tmp_path,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_hangul_renders_as_glyphs_not_boxes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """With no font on the machine, Pango draws whatever it draws for a missing
    glyph (a box, or nothing); with the bundled font, real and distinct glyphs."""
    missing = outlines(tmp_path / "a", register=False)
    bundled = outlines(tmp_path / "b", register=True)
    for ch in ("한", "글"):
        assert bundled[ch], f"{ch} has no outline"
        assert bundled[ch] != missing[ch], f"{ch} looks the same as without the font"
        assert bundled[ch] != bundled["\ue000"], f"{ch} is drawn as the missing-glyph box"
    assert bundled["한"] != bundled["글"]


def test_bundled_fonts_are_small_and_licensed() -> None:
    fonts = REPO / "assets" / "fonts"
    assert sum(p.stat().st_size for p in fonts.glob("*.ttf")) < 10_000_000
    assert "SIL OPEN FONT LICENSE" in (fonts / "LICENSE-NanumSquare.txt").read_text()


def flatten(table: dict, prefix: str = "") -> dict[str, str]:  # type: ignore[type-arg]
    out = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def tables() -> dict[str, dict[str, str]]:
    return {lang: flatten(tomllib.loads((STRINGS / f"{lang}.toml").read_text())) for lang in LANGUAGES}


def test_languages_have_the_same_keys_and_placeholders() -> None:
    ko, en = tables()["ko"], tables()["en"]
    assert set(ko) == set(en)
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
    for key in ko:
        assert fields(ko[key]) == fields(en[key]), key


def test_every_character_of_every_line_is_in_the_font() -> None:
    font = ImageFont.truetype(str(theme.FONT_FILES[0]), 40)
    box = bytes(font.getmask("\ue000"))
    for lang, table in tables().items():
        missing = {ch for line in table.values() for ch in line if not ch.isspace() and bytes(font.getmask(ch)) == box}
        assert not missing, f"{lang}.toml uses characters the font lacks (they would be boxes): {missing}"
