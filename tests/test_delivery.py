"""make render: what it renders, when it skips, and that it never leaves a
half-written file where the videos go."""

import json
import multiprocessing
import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fake_media import make_video

from delivery.__main__ import failure_summary
from delivery.progress import Outcome, PlainReport, estimate, line
from delivery.render import (
    USED,
    Job,
    Layout,
    RenderFailed,
    check_choices,
    check_jobs,
    manim_command,
    render_all,
    render_one,
    run_manim,
)
from delivery.depends import Snapshot, copy_checkout
from scenes.series import SERIES, episode
from scenes.toolkit.i18n import t


def tiny_video(seconds: int, folder: Path) -> bytes:
    path = folder / f"{seconds}.mp4"
    make_video(path, seconds, 40 * seconds)
    return path.read_bytes()


with tempfile.TemporaryDirectory() as _folder:
    VIDEOS = {n: tiny_video(n, Path(_folder)) for n in (2, 3)}


class FakeManim:
    """Writes a small real video (2 s; 3 s for ``longer``) and its subtitles
    where manim would, and the record of what it read (its scene file,
    manim.cfg, mathcore/cnn/conv.py, its title, EXPLAINER_EXAMPLE and the
    file it names); raises for the scene ``fail_on`` after a partial write."""

    def __init__(self, fail_on: str | None = None, longer: str | None = None, during: Callable[[Job], None] | None = None) -> None:
        self.calls: list[tuple[str, str]] = []
        self.fail_on, self.longer, self.during = fail_on, longer, during

    def __call__(self, job: Job, work: Path) -> Path:
        self.calls.append((job.lang, job.entry.id))
        out = work / "videos" / job.entry.module / "480p15" / f"{job.name}.mp4"
        out.parent.mkdir(parents=True)
        out.write_bytes(b"partial")
        if self.during:
            self.during(job)
        if job.entry.id == self.fail_on:
            (work / "manim.log").write_text("Traceback ...\nValueError: the scene broke\n")
            raise RenderFailed(f"{job.lang}/{job.name}: manim exited with 1", work / "manim.log")
        out.write_bytes(VIDEOS[3 if job.entry.id == self.longer else 2])
        out.with_suffix(".srt").write_text(f"1\n00:00:00,000 --> 00:00:01,000\n{job.lang} {job.name}\n")
        custom = [os.path.abspath(p)] if (p := os.environ.get("EXPLAINER_EXAMPLE")) else []
        used = {
            "files": [f"scenes/{job.entry.module}.py", "manim.cfg", "mathcore/cnn/conv.py", *custom],
            "strings": [[job.lang, f"{job.entry.id}.title"]],
            "settings": ["EXPLAINER_EXAMPLE"],
        }
        (work / USED).write_text(json.dumps(used))
        return out


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of what the videos are made from, to change freely."""
    return copy_checkout(tmp_path / "repo")


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
    strings.write_text(strings.read_text() + "\n# an edit that changes no line\n")
    fake = FakeManim()
    render_all("l", ["ko", "en"], build, renderer=fake, root=root)
    assert fake.calls == []
    title = f'title = "{t("loss.title", "en")}"'
    assert strings.read_text().count(title) == 1
    strings.write_text(strings.read_text().replace(title, 'title = "Loss, edited"'))
    render_all("l", ["ko", "en"], build, renderer=fake, root=root)
    assert fake.calls == [("en", "loss")]  # the one video that says it
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
    outcomes = render_all("l", ["ko"], build, renderer=FakeManim(fail_on="pooling"), root=root)
    assert [o.name for o in outcomes if not o.ok] == ["ko/03-pooling"]
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
    # x264 writes its settings into the stream: manim.cfg's diamond search
    # (veryfast and medium use hex), subme 1 (veryfast has 2, medium 7) and
    # tune animation (deblock 1:1) were used.
    head = made.read_bytes()[:200_000]
    assert b"me=dia subme=1 " in head and b"deblock=1:1:1" in head
    assert "no ½ and no mean" in made.with_suffix(".srt").read_text()


def test_unknown_scene_id_and_subset(root: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="scene: unknown id 'intro'; known: flattening"):
        render_all("l", ["ko"], tmp_path, renderer=FakeManim(), root=root, scene_ids=["intro"])
    fake = FakeManim()
    render_all("l", ["ko"], tmp_path, renderer=fake, root=root, scene_ids=["loss", "pooling"])
    assert sorted(fake.calls) == [("ko", "loss"), ("ko", "pooling")]


def test_a_failing_scene_does_not_stop_the_others_and_is_named(root: Path, tmp_path: Path) -> None:
    build = tmp_path / "build"
    outcomes = render_all("l", ["ko", "en"], build, jobs=2, renderer=FakeManim(fail_on="loss"), root=root)
    failed = sorted(o.name for o in outcomes if not o.ok)
    assert failed == ["en/07-loss", "ko/07-loss"]
    assert len([o for o in outcomes if o.ok]) == 2 * len(SERIES) - 2
    assert not (build / "videos" / "ko" / "07-loss.mp4").exists()
    summary = failure_summary(next(o for o in outcomes if not o.ok))
    assert "FAILED" in summary and "ValueError: the scene broke" in summary
    log = build / "logs" / "ko" / "07-loss.log"
    assert str(log) in summary or str(build / "logs" / "en" / "07-loss.log") in summary
    assert "the scene broke" in log.read_text()
    fake = FakeManim()
    render_all("l", ["ko", "en"], build, renderer=fake, root=root)
    assert sorted(fake.calls) == [("en", "loss"), ("ko", "loss")]


def test_an_edit_during_a_render_is_not_marked_done(root: Path, tmp_path: Path) -> None:
    build = tmp_path / "build"
    scene = root / "scenes" / "pooling.py"

    def edit(job: Job) -> None:
        if job.entry.id == "pooling":
            scene.write_text(scene.read_text() + "\n# edited while it rendered\n")

    render_all("l", ["ko"], build, renderer=FakeManim(during=edit), root=root)
    fake = FakeManim()
    render_all("l", ["ko"], build, renderer=fake, root=root)
    assert fake.calls == [("ko", "pooling")]


def test_the_longest_video_renders_first_and_lengths_are_recorded(root: Path, tmp_path: Path) -> None:
    build = tmp_path / "build"
    render_all("l", ["ko"], build, renderer=FakeManim(longer="update"), root=root)
    record = build / ".digests" / "ko" / "09-update.json"
    assert '"seconds": 3.0' in record.read_text()
    for entry in SERIES:  # every scene changes: all stale, the 3 s one known to be longest
        f = root / "scenes" / f"{entry.module}.py"
        f.write_text(f.read_text() + "\n# an edit\n")
    fake = FakeManim()
    render_all("l", ["ko"], build, jobs=1, renderer=fake, root=root)
    assert fake.calls[0] == ("ko", "update")


def test_a_fresh_build_starts_with_the_usually_longest(root: Path, tmp_path: Path) -> None:
    # No record yet (a fresh clone): each video's usual length orders the work.
    fake = FakeManim()
    render_all("l", ["ko"], tmp_path / "build", jobs=1, renderer=fake, root=root)
    usual = [episode(scene_id).seconds for _, scene_id in fake.calls]
    assert usual == sorted(usual, reverse=True)
    assert fake.calls[0] == ("ko", max(SERIES, key=lambda e: e.seconds).id)


def test_plain_progress_lines(caplog: pytest.LogCaptureFixture) -> None:
    assert line(7, 22, Outcome("en/03-pooling", 32.8, 41.2)) == "[7/22] en/03-pooling 32.8 s of video in 41.2 s (1.26×)"
    failed = Outcome("ko/04-pipeline", 0.0, 12.0, "manim exited with 1", Path("build/logs/ko/04-pipeline.log"))
    assert line(8, 22, failed) == "[8/22] ko/04-pipeline FAILED after 12.0 s (log: build/logs/ko/04-pipeline.log)"
    assert estimate({"a": 30.0, "b": None, "c": 50.0}) == {"a": 30.0, "b": 40.0, "c": 50.0}
    report = PlainReport()
    with caplog.at_level("INFO", logger="delivery"):
        report.begin({"a": 1.0, "b": 2.0})
        report.finished(Outcome("a", 1.0, 2.0))
    assert caplog.messages == ["[1/2] a 1.0 s of video in 2.0 s (2.00×)"]


@pytest.mark.parametrize("jobs", [0, -1])
def test_jobs_must_be_one_or_more(jobs: int) -> None:
    with pytest.raises(ValueError, match=f"JOBS={jobs}: expected a whole number of parallel renders, 1 or more"):
        check_jobs(jobs)


def test_a_real_manim_killed_midway_leaves_the_old_video(root: Path, tmp_path: Path) -> None:
    """SIGKILL a real manim while it writes its partial movie files."""
    build = tmp_path / "build"
    render_all("l", ["en"], build, renderer=FakeManim(), root=root, scene_ids=["loss"])
    job = Job(episode("loss"), "en", "l")
    before = Layout(build).video(job).read_bytes()

    def killed_manim(job: Job, work: Path) -> Path:
        env = {**os.environ, "EXPLAINER_LANG": job.lang}
        proc = subprocess.Popen(manim_command(job, work), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while not list(work.rglob("partial_movie_files/**/*.mp4")) and time.monotonic() < deadline:
            time.sleep(0.2)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert list(work.rglob("partial_movie_files/**/*.mp4")), "manim never started writing"
        raise RenderFailed(f"manim killed ({proc.returncode})", work / "none.log")

    scene = root / "scenes" / "loss.py"
    scene.write_text(scene.read_text() + "\n# an edit\n")
    (outcome,) = render_all("l", ["en"], build, renderer=killed_manim, root=root, scene_ids=["loss"])
    assert not outcome.ok and outcome.error is not None and "killed (-9)" in outcome.error
    assert Layout(build).video(job).read_bytes() == before
    assert sorted(p.name for p in (build / "videos" / "en").iterdir()) == ["07-loss.mp4", "07-loss.srt", "07-loss.vtt"]
    fake = FakeManim()
    render_all("l", ["en"], build, renderer=fake, root=root, scene_ids=["loss"])
    assert fake.calls == [("en", "loss")]


def _render_then_die_after_first_rename(job: Job, build: Path) -> None:
    """In a child process: render, and SIGKILL itself right after the first rename."""
    real = os.replace

    def replace_then_die(src, dst):  # type: ignore[no-untyped-def]
        real(src, dst)
        os.kill(os.getpid(), signal.SIGKILL)

    os.replace = replace_then_die  # type: ignore[assignment]
    render_one(job, Layout(build), Snapshot.take(), FakeManim())


def test_a_process_killed_between_the_renames_keeps_the_old_video(root: Path, tmp_path: Path) -> None:
    build = tmp_path / "build"
    render_all("l", ["ko"], build, renderer=FakeManim(longer="pooling"), root=root, scene_ids=["pooling"])
    job = Job(episode("pooling"), "ko", "l")
    layout = Layout(build)
    video_before, record_before = layout.video(job).read_bytes(), layout.record(job).read_text()
    child = multiprocessing.get_context("fork").Process(target=_render_then_die_after_first_rename, args=(job, build))
    child.start()
    child.join(60)
    assert child.exitcode == -signal.SIGKILL
    assert layout.video(job).read_bytes() == video_before  # the video moves last
    assert layout.record(job).read_text() == record_before  # so it is not marked done
    assert not [p for p in (build / "videos").rglob("*") if p.is_file() and p.read_bytes() == b"partial"]
    scene = root / "scenes" / "pooling.py"
    scene.write_text(scene.read_text() + "\n# an edit\n")
    fake = FakeManim()
    render_all("l", ["ko"], build, renderer=fake, root=root, scene_ids=["pooling"])
    assert fake.calls == [("ko", "pooling")] and layout.video(job).read_bytes() == VIDEOS[2]


def test_the_live_display_shows_progress_workers_and_finished_lines() -> None:
    import io

    from rich.console import Console

    from delivery.progress import LiveReport

    screen = io.StringIO()
    report = LiveReport(Console(file=screen, force_terminal=True, width=120))
    report.begin({"ko/01-flattening": 40.0, "en/02-convolution": 80.0})
    report.started("ko/01-flattening")
    report.progress.refresh()
    assert "ko/01-flattening" in screen.getvalue() and "videos 0/2" in screen.getvalue()
    report.finished(Outcome("ko/01-flattening", 42.5, 50.0))
    report.step("key frames 1/13: ko/01-flattening")
    report.end()
    out = screen.getvalue()
    assert "[1/2] ko/01-flattening 42.5 s of video in 50.0 s (1.18×)" in out
    assert "videos 1/2" in out and "42 of ~120 s of video" in out and "key frames 1/13" in out


def test_a_custom_example_is_part_of_what_a_video_is_made_from(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build = tmp_path / "build"
    render_all("l", ["ko"], build, renderer=FakeManim(), root=root, scene_ids=["forward"])
    mine = tmp_path / "mine.json"
    mine.write_text('{"x1": 1.0}')
    monkeypatch.setenv("EXPLAINER_EXAMPLE", str(mine))
    for change in (None, '{"x1": 2.0}'):  # pointing at the file, then editing it
        if change:
            mine.write_text(change)
        fake = FakeManim()
        render_all("l", ["ko"], build, renderer=fake, root=root, scene_ids=["forward"])
        assert fake.calls == [("ko", "forward")]
    monkeypatch.delenv("EXPLAINER_EXAMPLE")  # back to the post's numbers
    fake = FakeManim()
    render_all("l", ["ko"], build, renderer=fake, root=root, scene_ids=["forward"])
    assert fake.calls == [("ko", "forward")]
