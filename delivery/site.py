"""build/site/index.html: the series in order in both languages, each video
with its still as poster and its subtitles as a track, and the full cut with
a chapter list that seeks.

The page works opened from disk: subtitles are inlined as data: URLs, since
browsers refuse <track> files from file:// pages, and every other path is
relative, so the whole build/ folder can be copied into a static blog.
"""

from __future__ import annotations

import base64
import html
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scenes.series import SERIES
from scenes.toolkit.i18n import DEFAULT_LANGUAGE, t
from scenes.toolkit.fonts import FONT_FILES

from .files import write_text

LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}
# The links to a video's slide decks (make slides), in the page's languages.
DECK_LABELS = {"ko": ("슬라이드", "파워포인트"), "en": ("Slides", "PowerPoint")}


@dataclass(frozen=True)
class Chapter:
    title: str
    start: float


def _vtt_data_url(path: Path) -> str:
    return "data:text/vtt;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _video(src: str, poster: str | None, vtt: Path, lang: str, element_id: str) -> str:
    poster_attr = f' poster="{html.escape(poster)}"' if poster else ""
    return (
        f'<video id="{element_id}" controls preload="metadata" src="{html.escape(src)}"{poster_attr}>'
        # Off by default: the captions are already drawn in the picture.
        f'<track kind="subtitles" srclang="{lang}" label="{LANGUAGE_NAMES[lang]}" src="{_vtt_data_url(vtt)}">'
        "</video>"
    )


def _deck_links(build: Path, lang: str, name: str) -> str:
    """Links to the video's decks, those that `make slides` has written."""
    links = [
        f'<a class="deck" href="../slides/{lang}/{name}{suffix}">{html.escape(label)}</a>'
        for suffix, label in zip((".html", ".pptx"), DECK_LABELS[lang])
        if (build / "slides" / lang / f"{name}{suffix}").exists()
    ]
    return f' <span class="decks">{" · ".join(links)}</span>' if links else ""


def language_section(build: Path, lang: str, chapters: list[Chapter]) -> str:
    """One language: the full cut with its chapters, then every video."""
    parts = [f'<section id="{lang}" lang="{lang}"><h2>{html.escape(t("series.title", lang))} — {LANGUAGE_NAMES[lang]}</h2>']
    full = build / lang / "full.mp4"
    if full.exists():
        first = build / "stills" / lang / f"{SERIES[0].name}.png"
        poster = f"../stills/{lang}/{first.name}" if first.exists() else None
        parts.append(f'<div class="full">{_video(f"../{lang}/full.mp4", poster, full.with_suffix(".vtt"), lang, f"full-{lang}")}')
        parts.append(f'<ul class="chapters" data-video="full-{lang}">')
        for c in chapters:
            parts.append(f'<li><button type="button" data-start="{c.start:.3f}">{html.escape(c.title)}</button></li>')
        parts.append("</ul></div>")
    parts.append('<div class="episodes">')
    for e in SERIES:
        name = e.name
        video = build / "videos" / lang / f"{name}.mp4"
        if not video.exists():
            continue
        poster = build / "stills" / lang / f"{name}.png"
        parts.append(
            f"<figure>{_video(f'../videos/{lang}/{name}.mp4', f'../stills/{lang}/{name}.png' if poster.exists() else None, video.with_suffix('.vtt'), lang, f'{lang}-{name}')}"
            f"<figcaption>{e.number}. {html.escape(t(f'{e.id}.title', lang))}{_deck_links(build, lang, name)}</figcaption></figure>"
        )
    parts.append("</div></section>")
    return "\n".join(parts)


STYLE = """
@font-face { font-family: "NanumSquare"; src: url("NanumSquareR.ttf"); }
body { font-family: "NanumSquare", system-ui, sans-serif; background: #111318; color: #ececec; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
nav a { color: #58c4dd; margin-right: 1rem; }
.failed { border: 1px solid #fc6255; padding: 0.6rem 1rem; color: #fc6255; }
video { width: 100%; background: #000; border-radius: 6px; }
.episodes { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 1.2rem; margin-top: 1.5rem; }
figure { margin: 0; } figcaption { margin-top: .3rem; color: #9aa0a6; }
.decks { float: right; } .decks a { color: #58c4dd; }
.chapters { columns: 2; list-style: none; padding: 0; } .chapters button { background: none; border: 0; color: #58c4dd; cursor: pointer; font: inherit; text-align: left; padding: .1rem 0; }
"""

# Seeks the full cut from its chapter list, and reports what loaded in
# #media-status (for people debugging a page, and for the browser test).
SCRIPT = """
document.querySelectorAll('.chapters').forEach(list => {
  const video = document.getElementById(list.dataset.video);
  list.addEventListener('click', ev => {
    const start = ev.target.dataset.start;
    if (start !== undefined) { video.currentTime = Number(start); video.play().catch(() => {}); }
  });
});
const status = {videos: {}, tracks: {}, modes: {}};
const videos = [...document.querySelectorAll('video')];
const report = () => { document.getElementById('media-status').textContent = JSON.stringify(status); };
videos.forEach(v => {
  v.addEventListener('loadedmetadata', () => { status.videos[v.id] = v.duration; report(); });
  v.addEventListener('error', () => { status.videos[v.id] = 'error'; report(); });
  const el = v.querySelector('track');
  el.track.mode = 'hidden';  // loaded (for the test and the chapters) but not shown over the drawn captions
  el.addEventListener('load', () => { status.tracks[v.id] = el.track.cues.length; status.modes[v.id] = el.track.mode; report(); });
  el.addEventListener('error', () => { status.tracks[v.id] = 'error'; report(); });
});
report();
"""


def write_page(build: Path, langs: list[str], chapters: dict[str, list[Chapter]], failed: Sequence[str] = ()) -> Path:
    """Write build/site/index.html atomically and return its path. ``failed``
    names the videos whose render failed this run; the page says so."""
    page_lang = langs[0] if langs else DEFAULT_LANGUAGE  # the page's own words
    site = build / "site"
    site.mkdir(parents=True, exist_ok=True)
    # The page's own copy of the Korean font, so Hangul shows on any machine.
    shutil.copyfile(FONT_FILES[0], site / FONT_FILES[0].name)
    nav = " ".join(f'<a href="#{lang}">{LANGUAGE_NAMES[lang]}</a>' for lang in langs)
    body = "\n".join(language_section(build, lang, chapters.get(lang, [])) for lang in langs)
    if failed:
        notice = t("series.failed", page_lang, videos=", ".join(failed))
        body = f'<p class="failed" role="alert">{html.escape(notice)}</p>\n{body}'
    page = (
        f'<!doctype html>\n<html lang="{page_lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(t('series.title', page_lang))}</title><style>{STYLE}</style></head>\n"
        f"<body><h1>{html.escape(t('series.title', page_lang))}</h1><nav>{nav}</nav>\n{body}\n"
        f'<output id="media-status" hidden></output><script>{SCRIPT}</script></body></html>\n'
    )
    target = site / "index.html"
    write_text(target, page)
    return target
