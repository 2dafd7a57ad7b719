"""make render: what it renders, when it skips, and that it never leaves a
half-written file where the videos go."""

import shutil
from pathlib import Path

import pytest

from delivery.render import ROOT, Job, Layout, check_choices, render_all, run_manim
from scenes.series import SERIES, episode


class FakeManim:
    """Writes a small 'video' and its subtitles where manim would."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.calls: list[tuple[str, str]] = []
        self.fail_on = fail_on

    def __call__(self, job: Job, work: Path) -> Path:
        self.calls.append((job.lang, job.entry.id))
        out = work / "videos" / job.entry.module / "480p15" / f"{job.name}.mp4"
        out.parent.mkdir(parents=True)
        out.write_bytes(b"partial")
        if job.entry.id == self.fail_on:
            raise RuntimeError("killed")
        out.write_bytes(f"video {job.lang} {job.name}".encode())
        out.with_suffix(".srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nhi\n")
        return out


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of what the videos are made from, to change freely."""
    copy = tmp_path / "repo"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in ("mathcore", "scenes", "assets"):
        shutil.copytree(ROOT / part, copy / part, ignore=ignore)
    shutil.copy(ROOT / "manim.cfg", copy / "manim.cfg")
    return copy


def test_renders_everything_then_nothing(root: Path, tmp_path: Path) -> None:
    build, fake = tmp_path / "build", FakeManim()
    render_all("l", ["ko", "en"], build, jobs=2, renderer=fake, root=root)
    assert len(fake.calls) == 2 * len(SERIES)
    names = sorted(p.name for p in (build / "videos" / "ko").iterdir())
    assert names[:3] == ["01-flattening.mp4", "01-flattening.srt", "01-flattening.vtt"] and len(names) == 3 * len(SERIES)
    again = FakeManim()
    assert render_all("l", ["ko", "en"], build, renderer=again, root=root) == []
    assert again.calls == []


def test_changing_one_scene_rerenders_only_it(root: Path, tmp_path: Path) -> None:
    build = tmp_path / "build"
    render_all("l", ["ko", "en"], build, renderer=FakeManim(), root=root)
    scene = root / "scenes" / "loss.py"
    scene.write_text(scene.read_text() + "\n# an edit\n")
    fake = FakeManim()
    render_all("l", ["ko", "en"], build, renderer=fake, root=root)
    assert sorted(fake.calls) == [("en", "loss"), ("ko", "loss")]


def test_changing_shared_inputs_rerenders_what_depends_on_them(root: Path, tmp_path: Path) -> None:
    build = tmp_path / "build"
    render_all("l", ["ko", "en"], build, renderer=FakeManim(), root=root)
    strings = root / "scenes" / "toolkit" / "strings" / "en.toml"
    strings.write_text(strings.read_text() + "\n# an edit\n")
    fake = FakeManim()
    render_all("l", ["ko", "en"], build, renderer=fake, root=root)
    assert {lang for lang, _ in fake.calls} == {"en"} and len(fake.calls) == len(SERIES)
    core = root / "mathcore" / "cnn" / "conv.py"
    core.write_text(core.read_text() + "\n# an edit\n")
    fake = FakeManim()
    render_all("l", ["ko", "en"], build, renderer=fake, root=root)
    assert len(fake.calls) == 2 * len(SERIES)
    fake = FakeManim()
    render_all("m", ["ko"], build, renderer=fake, root=root)  # another quality is another video
    assert len(fake.calls) == len(SERIES)
    encoder = root / "manim.cfg"
    encoder.write_text(encoder.read_text().replace("veryfast", "medium"))
    fake = FakeManim()
    render_all("l", ["ko", "en"], build, renderer=fake, root=root)
    assert len(fake.calls) == 2 * len(SERIES)


def test_a_killed_render_leaves_the_old_video_and_no_partial_file(root: Path, tmp_path: Path) -> None:
    build = tmp_path / "build"
    render_all("l", ["ko"], build, renderer=FakeManim(), root=root)
    video = Layout(build).video(Job(episode("pooling"), "ko", "l"))
    before = video.read_bytes()
    scene = root / "scenes" / "pooling.py"
    scene.write_text(scene.read_text() + "\n# an edit\n")
    with pytest.raises(RuntimeError, match="killed"):
        render_all("l", ["ko"], build, renderer=FakeManim(fail_on="pooling"), root=root)
    assert video.read_bytes() == before
    leftovers = [p for p in (build / "videos").rglob("*") if p.is_file() and p.read_bytes() == b"partial"]
    assert leftovers == []
    assert len(list((build / "videos" / "ko").iterdir())) == 3 * len(SERIES)
    fake = FakeManim()
    render_all("l", ["ko"], build, renderer=fake, root=root)  # the next run completes it
    assert fake.calls == [("ko", "pooling")]


@pytest.mark.parametrize(
    "quality, langs, message",
    [
        ("x", ["ko"], "QUALITY=x: unknown quality; expected one of l, m, h, k"),
        ("h", ["fr"], "LANGS: unknown language 'fr'; expected some of ko en"),
        ("h", [], "LANGS: no language given"),
    ],
)
def test_bad_choices(quality: str, langs: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_choices(quality, langs)


def test_a_real_render_with_manim(tmp_path: Path) -> None:
    """One scene through manim itself, at the lowest quality."""
    job = Job(episode("loss"), "en", "l")
    made = run_manim(job, tmp_path)
    assert made.stat().st_size > 10_000
    # x264 writes its settings into the stream: manim.cfg's preset veryfast
    # (subme=2; medium has 7) and tune animation (deblock 1:1) were used.
    head = made.read_bytes()[:200_000]
    assert b"subme=2 " in head and b"deblock=1:1:1" in head
    assert "no ½ and no mean" in made.with_suffix(".srt").read_text()


def test_unknown_scene_id_and_subset(root: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="scene: unknown id 'intro'; known: flattening"):
        render_all("l", ["ko"], tmp_path, renderer=FakeManim(), root=root, scene_ids=["intro"])
    fake = FakeManim()
    render_all("l", ["ko"], tmp_path, renderer=fake, root=root, scene_ids=["loss", "pooling"])
    assert sorted(fake.calls) == [("ko", "loss"), ("ko", "pooling")]
