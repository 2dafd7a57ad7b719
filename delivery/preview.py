"""The author's loop: one video at low quality, from one line on, or the
frame at the end of a line, and the numbered lines to pick from.

    python -m delivery preview backprop --lang ko --lines 9      lines 9 to the end, 480p15
    python -m delivery preview backprop --lines 9-11 --still     the frame at the end of line 11 (a PNG)
    python -m delivery lines backprop --lang ko                  the lines, numbered as in the .srt

Lines are subtitle cues (scenes/toolkit/preview.py). The scene skips the
animations before the first line the way manim's ``-n`` does, so a preview
costs about a dry run of what comes before plus the render of the range.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from scenes.series import Episode, episode
from scenes.toolkit.i18n import LANGUAGES
from scenes.toolkit.preview import CUES_VARIABLE, LINES_VARIABLE, preview_range

ROOT = Path(__file__).resolve().parents[1]


def _check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"LANGS: unknown language {lang!r}; expected one of {' '.join(LANGUAGES)}")
    return lang


def preview_command(entry: Episode, media: Path, still: bool = False, play: bool = False) -> list[str]:
    """manim at 480p15 on one scene; ``still``: only its last frame (-s)."""
    flags = "-" + ("p" if play else "") + ("s" if still else "") + "ql"
    return [sys.executable, "-m", "manim", "render", flags, "--disable_caching", "--progress_bar", "none", "--media_dir", str(media), str(entry.file), entry.scene]


def preview(scene_id: str, lang: str, lines: str = "", still: bool = False, play: bool = False, media: Path | None = None) -> Path:
    """Render a preview; returns the video, or the PNG with ``still``. A bad
    id, language or range is a ValueError before manim starts; a range past
    the video's end, one after (the scene counts its lines as it runs)."""
    entry, lang = episode(scene_id), _check_lang(lang)
    bounds = preview_range(lines)  # refuse 0, backwards or not a number before starting manim
    if still and bounds and "-" not in lines:
        lines = f"{bounds[0]}-{bounds[0]}"  # the frame at the end of that one line
    media = media or ROOT / "media" / lang
    env = {**os.environ, "EXPLAINER_LANG": lang, LINES_VARIABLE: lines}
    started = _newest(media)
    done = subprocess.run(preview_command(entry, media, still, play), env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        problem = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
        raise ValueError(problem[-1].removeprefix("error: ") if problem else f"manim exited with {done.returncode}:\n{done.stderr[-2000:]}")
    made = _newest(media)
    if made is None or made == started:
        raise RuntimeError(f"{scene_id}: manim finished but wrote no {'image' if still else 'video'} under {media}")
    return made


def _newest(media: Path) -> Path | None:
    """The most recently written video or image under ``media``."""
    found = [p for p in media.rglob("*") if p.suffix in (".mp4", ".png") and "partial_movie_files" not in p.parts] if media.exists() else []
    return max(found, key=lambda p: p.stat().st_mtime_ns, default=None)


def lines(scene_id: str, lang: str) -> list[str]:
    """The video's lines (subtitle cues), in order: a dry run of its scene."""
    entry, lang = episode(scene_id), _check_lang(lang)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cues.json"
        env = {**os.environ, "EXPLAINER_LANG": lang, CUES_VARIABLE: str(out)}
        env.pop(LINES_VARIABLE, None)
        command = [sys.executable, "-m", "manim", "render", "-ql", "--dry_run", "--progress_bar", "none", "--media_dir", tmp, str(entry.file), entry.scene]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"{scene_id}: the dry run failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
        return list(json.loads(out.read_text(encoding="utf-8")))
