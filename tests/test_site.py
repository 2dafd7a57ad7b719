"""The full cut, the key frames and the page, on a small build of real MP4s,
and the page loaded in headless Chromium."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import av
import pytest
from fake_media import make_video

from delivery.build import finish, parts, sweep_gif
from delivery.cut import join
from scenes.series import SERIES, episode
from scenes.toolkit.captions import events
from scenes.toolkit.i18n import t

LANGS = ["ko", "en"]
SHOWN = ["convolution", "pooling", "loss"]  # a few episodes are enough


def convolution_cues(lang: str) -> list[str]:
    """Two of the convolution video's lines as the scene writes them: cut into events."""
    return [e.text for key in ("convolution.first", "convolution.edge") for e in events(t(key, lang), lang)]


def make_subtitles(path: Path, lines: list[str], seconds: float) -> None:
    step = seconds / len(lines)
    cues = []
    for k, line in enumerate(lines):
        a, b = k * step, (k + 1) * step - 0.05
        stamp = lambda s: f"00:00:{int(s):02d},{int(s * 1000) % 1000:03d}"  # noqa: E731
        cues.append(f"{k + 1}\n{stamp(a)} --> {stamp(b)}\n{line}\n")
    path.write_text("\n".join(cues), encoding="utf-8")


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("build")
    for lang in LANGS:
        folder = root / "videos" / lang
        folder.mkdir(parents=True)
        for k, scene_id in enumerate(SHOWN):
            e = episode(scene_id)
            name = e.name
            make_video(folder / f"{name}.mp4", 2.0 + k, 40 * (k + 1))
            lines = convolution_cues(lang) if scene_id == "convolution" else [f"{scene_id} {lang}"]
            make_subtitles(folder / f"{name}.srt", lines, 2.0 + k)
            (folder / f"{name}.vtt").write_text("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nhello\n", encoding="utf-8")
    finish(root)
    return root


def test_full_cut_joins_in_order_with_chapters_and_subtitles(build: Path) -> None:
    for lang in LANGS:
        with av.open(str(build / lang / "full.mp4")) as cut:
            assert cut.duration / av.time_base == pytest.approx(2 + 3 + 4, abs=0.1)
            chapters = cut.chapters()
            frames = sum(1 for _ in cut.decode(video=0))
        assert frames == (2 + 3 + 4) * 15  # every frame of every part, none re-timed away
        numbers = sorted(episode(s).number for s in SHOWN)
        titles = [c["metadata"]["title"] for c in chapters]
        assert titles == [f"{n}. {t(f'{SERIES[n - 1].id}.title', lang)}" for n in numbers]
        assert [round(c["start"] * c["time_base"], 1) for c in chapters] == [0.0, 2.0, 5.0]
        vtt = (build / lang / "full.vtt").read_text(encoding="utf-8")
        assert vtt.startswith("WEBVTT") and "00:00:05.000 --> " in vtt
        cues = len(convolution_cues(lang)) + len(SHOWN) - 1  # the other parts have one cue each
        assert (build / lang / "full.srt").read_text(encoding="utf-8").count("-->") == cues


def test_key_frames_and_sweep_gif(build: Path) -> None:
    stills = build / "stills" / "ko"
    name = episode("convolution").name
    keys = [f"{name}-{k:02d}.png" for k in range(1, len(convolution_cues("ko")) + 1)]
    assert sorted(p.name for p in stills.glob(f"{name}*.png")) == [*keys, f"{name}.png"]  # one per cue, and the poster
    gif = sweep_gif(build, "ko")
    with av.open(str(gif)) as g:
        assert sum(1 for _ in g.decode(video=0)) > 5


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "Chromium is missing: `make test` installs Debian's chromium (scripts/system-deps.sh)"
    return path


def test_page_loads_in_chromium(build: Path, tmp_path: Path) -> None:
    page = build / "site" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert html.count("<video") == len(LANGS) * (len(SHOWN) + 1) and html.count("<track") == html.count("<video")
    result = subprocess.run(
        [
            chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}", "--autoplay-policy=no-user-gesture-required",
            "--virtual-time-budget=20000", "--dump-dom", page.as_uri(),
        ],
        capture_output=True, text=True, timeout=120,
    )
    found = re.search(r'<output id="media-status"[^>]*>(.*?)</output>', result.stdout, re.S)
    assert found, result.stderr[-2000:]
    status = json.loads(found.group(1).replace("&quot;", '"'))
    ids = re.findall(r'<video id="([^"]+)"', html)
    assert set(status["videos"]) == set(ids), status
    assert all(isinstance(d, (int, float)) and d > 0 for d in status["videos"].values()), status
    assert set(status["tracks"]) == set(ids), status
    assert all(isinstance(n, int) and n > 0 for n in status["tracks"].values()), status
    assert " default" not in html  # subtitles off by default: the captions are in the picture
    assert status["modes"] and "showing" not in status["modes"].values(), status


def test_the_page_keeps_every_language_that_has_videos(build: Path, tmp_path: Path) -> None:
    copy = tmp_path / "build"
    shutil.copytree(build, copy)
    finish(copy, failed=["en/07-loss"])  # as after `LANGS=en make render` with one failure
    html = (copy / "site" / "index.html").read_text(encoding="utf-8")
    assert html.startswith('<!doctype html>\n<html lang="ko">')
    assert 'id="ko"' in html and 'id="en"' in html
    assert t("series.failed", "ko", videos="en/07-loss") in html


def test_a_full_cut_of_mixed_qualities_is_refused_clearly(build: Path, tmp_path: Path) -> None:
    copy = tmp_path / "build"
    shutil.copytree(build, copy)
    loss = copy / "videos" / "ko" / f"{episode('loss').name}.mp4"
    make_video(loss, 2.0, 90, size=(320, 180))  # another quality
    with pytest.raises(ValueError, match=r"different qualities \(.*160×90 at 15 fps.*320×180 at 15 fps"):
        join(parts(copy, "ko"), copy / "cut.mp4")
    finish(copy)  # the run goes on without that cut, and drops the stale one
    assert not (copy / "ko" / "full.mp4").exists() and (copy / "en" / "full.mp4").exists()


def test_no_sweep_gif_without_the_convolution_video(tmp_path: Path) -> None:
    assert sweep_gif(tmp_path, "ko") is None


def test_the_page_links_the_decks_that_make_slides_wrote(build: Path, tmp_path: Path) -> None:
    copy = tmp_path / "build"
    shutil.copytree(build, copy)
    name = episode("convolution").name
    decks = copy / "slides" / "ko"
    decks.mkdir(parents=True)
    (decks / f"{name}.html").write_text("<!doctype html>", encoding="utf-8")
    (decks / f"{name}.pptx").write_bytes(b"PK")
    (decks / f"{episode('loss').name}.html").write_text("<!doctype html>", encoding="utf-8")  # a deck without its PowerPoint
    finish(copy)
    html = (copy / "site" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="deck" href="([^"]+)"', html)
    assert links == [f"../slides/ko/{name}.html", f"../slides/ko/{name}.pptx", f"../slides/ko/{episode('loss').name}.html"]
    page = copy / "site"
    assert all((page / link).resolve().is_file() for link in links)  # relative to the page, as a browser reads them
