"""Each video depends on what it read: real manim children (dry runs) of
three videos record their inputs, then one input at a time is edited and
exactly the videos that read it must be stale, never one fewer.

The three: pooling (the real digit, grids, the features result), loss (the
worked example, so EXPLAINER_EXAMPLE) and lineage (mathcore's
architectures only). Which modules each imports is read off the import
lines by hand: grid.py by pooling, data.py by pooling and loss, network.py
by none; mathcore's parts as the comments below say."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fake_media import make_video

from delivery.depends import Snapshot, Used, copy_checkout, input_name
from delivery.render import ROOT, Job, Layout, dry_run_reads, render_all, stale
from scenes.series import episode
from scenes.toolkit.i18n import lookup, t

IDS = ("pooling", "loss", "lineage")
LANG = "en"


class DryManim:
    """The real manim child, run on the copy's code with --dry_run (no
    frames), so it records what the scene read; then a small video and
    subtitles where manim would leave them. ``before`` runs first."""

    def __init__(self, project: Path, video: bytes, before=None) -> None:  # type: ignore[no-untyped-def]
        self.project, self.video, self.before = project, video, before

    def __call__(self, job: Job, work: Path) -> Path:
        if self.before:
            self.before(job)
        dry_run_reads(job, work, self.project)
        out = work / "videos" / job.entry.module / "480p15" / f"{job.name}.mp4"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(self.video)
        out.with_suffix(".srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nx\n")
        return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, bytes, Path]:
    """The copy, its build with the three videos recorded, a tiny video,
    and the custom example the videos were made with (the post's numbers,
    in a file: EXPLAINER_EXAMPLE is set for the whole module)."""
    base = tmp_path_factory.mktemp("depends")
    project, build = copy_checkout(base / "project"), base / "build"
    make_video(base / "tiny.mp4", 1, 10)
    example = base / "example.json"
    example.write_text(json.dumps({"x1": 0.5, "x2": 0.3, "y1": 0.7, "w1": 0.1, "w2": 0.2, "w3": 0.15, "w4": 0.25, "w5": 0.4, "w6": 0.5, "eta": 0.1}))
    with setting("EXPLAINER_EXAMPLE", str(example)):
        outcomes = render_all("l", [LANG], build, jobs=2, renderer=DryManim(project, (base / "tiny.mp4").read_bytes()), root=project, scene_ids=IDS)
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    return project, build, (base / "tiny.mp4").read_bytes(), example


@contextmanager
def setting(name: str, value: str | None) -> Iterator[None]:
    old = os.environ.get(name)
    os.environ.pop(name, None) if value is None else os.environ.__setitem__(name, value)
    try:
        yield
    finally:
        os.environ.pop(name, None) if old is None else os.environ.__setitem__(name, old)


@contextmanager
def edited(path: Path, change) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """``path`` as ``change`` makes its bytes, for the block; then as it was."""
    before = path.read_bytes()
    path.write_bytes(change(before))
    try:
        yield
    finally:
        path.write_bytes(before)


def stale_now(rendered) -> dict[str, str]:  # type: ignore[no-untyped-def]
    project, build, _, example = rendered
    with setting("EXPLAINER_EXAMPLE", str(example)):
        return {job.entry.id: reason for job, reason in stale("l", [LANG], build, IDS, root=project)}


def comment(data: bytes) -> bytes:
    return data + b"\n# an edit\n"


def test_as_rendered_nothing_is_stale(rendered) -> None:  # type: ignore[no-untyped-def]
    assert stale_now(rendered) == {}


def test_a_sentence_makes_stale_exactly_the_video_that_says_it(rendered) -> None:  # type: ignore[no-untyped-def]
    project = rendered[0]
    strings = project / "scenes/toolkit/strings"
    line = t("pooling.title", LANG).encode()
    with edited(strings / f"{LANG}.toml", lambda b: b.replace(line, line + b" (edited)", 1)):
        assert stale_now(rendered) == {"pooling": f"strings: {LANG} pooling.title"}
    shared = lookup("mnist.source", LANG).encode()  # a line of a table every video may read
    with edited(strings / f"{LANG}.toml", lambda b: b.replace(shared, shared + b"!", 1)):
        assert stale_now(rendered) == {"pooling": f"strings: {LANG} mnist.source"}
    with edited(strings / "ko.toml", lambda b: b.replace("풀링".encode(), "풀링!".encode())):
        assert stale_now(rendered) == {}  # another language's lines
    with edited(strings / f"{LANG}.toml", comment):
        assert stale_now(rendered) == {}  # no line changed


@pytest.mark.parametrize(
    "module, expected",
    [
        ("scenes/toolkit/grid.py", {"pooling"}),
        ("scenes/toolkit/data.py", {"pooling", "loss"}),
        ("scenes/toolkit/network.py", set()),  # the network diagram: none of the three draws it
        ("scenes/vgg.py", set()),
        ("scenes/loss.py", {"loss"}),
        ("scenes/toolkit/base.py", set(IDS)),
        # mathcore's parts load on first use. The number formats (toolkit/theme.py)
        # come from mathcore.post, which every video reads; the lineage draws the
        # architectures; pooling's real digit comes through mathcore.learn, whose
        # models are built from the lineage's specs, and mathcore.cnn; loss, the
        # worked example, needs only mathcore.post and mathcore.dense.
        ("mathcore/post/precision.py", set(IDS)),
        ("mathcore/lineage/specs.py", {"lineage", "pooling"}),
        ("mathcore/cnn/conv.py", {"pooling"}),
        ("mathcore/learn/train.py", {"pooling"}),
        ("mathcore/dense/losses.py", set(IDS)),  # mathcore.post's worked example is a dense network
        ("delivery/encoder.py", set(IDS)),  # the encoder settings
        ("manim.cfg", set(IDS)),
    ],
)
def test_a_module_makes_stale_exactly_the_videos_that_import_it(rendered, module: str, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    with edited(rendered[0] / module, comment):
        found = stale_now(rendered)
    assert set(found) == expected
    assert all(reason == module for reason in found.values())


@pytest.mark.parametrize(
    "data, expected",
    [
        ("assets/experiments/features.json", {"pooling"}),  # the real digit the CNN videos follow
        ("assets/experiments/shift.json", set()),
        ("assets/fonts/NanumSquareR.ttf", set(IDS)),
    ],
)
def test_a_data_file_makes_stale_exactly_the_videos_that_opened_it(rendered, data: str, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    with edited(rendered[0] / data, lambda b: b + b" "):
        assert set(stale_now(rendered)) == expected


def test_a_custom_file_and_setting_make_stale_the_videos_that_read_them(rendered, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    example = rendered[3]
    with edited(example, lambda b: b.replace(b'"x1": 0.5', b'"x1": 0.6')):
        assert stale_now(rendered) == {"loss": str(example)}
    project, build, _, _ = rendered
    other = tmp_path / "other.json"
    other.write_bytes(example.read_bytes())
    with setting("EXPLAINER_EXAMPLE", str(other)):
        found = {job.entry.id: reason for job, reason in stale("l", [LANG], build, IDS, root=project)}
    assert found == {"loss": "setting EXPLAINER_EXAMPLE"}
    with setting("EXPLAINER_EXAMPLE", str(example)), setting("EXPLAINER_RESULTS", str(tmp_path)):
        found = {job.entry.id: reason for job, reason in stale("l", [LANG], build, IDS, root=project)}
    assert found == {"pooling": "setting EXPLAINER_RESULTS"}  # the only one of the three that reads results


def test_no_record_or_a_broken_one_is_stale(rendered) -> None:  # type: ignore[no-untyped-def]
    _, build, _, _ = rendered
    record = Layout(build).record(Job(episode("lineage"), LANG, "l"))
    with edited(record, lambda b: b[: len(b) // 2]):
        assert stale_now(rendered) == {"lineage": "its record is unreadable"}
    with edited(record, lambda b: b"{}"):
        assert stale_now(rendered) == {"lineage": "no record of what it was made from"}
    with edited(record, lambda b: json.dumps({"inputs": {"made": {"scene": "Lineage", "lang": LANG, "quality": "l"}}}).encode()):
        assert stale_now(rendered) == {"lineage": "its record is unreadable"}
    with edited(record, lambda b: b.replace(b'"quality": "l"', b'"quality": "h"')):
        assert stale_now(rendered) == {"lineage": "quality: h → l"}


def test_an_edit_made_during_the_render_leaves_the_video_stale(rendered, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project, _, video, example = rendered
    build = tmp_path / "build"
    line = t("loss.title", LANG).encode()
    strings = project / "scenes/toolkit/strings" / f"{LANG}.toml"
    before = strings.read_bytes()

    def edit(job: Job) -> None:  # after the snapshot, before the child reads the strings
        strings.write_bytes(before.replace(line, line + b" (edited meanwhile)", 1))

    try:
        with setting("EXPLAINER_EXAMPLE", str(example)):
            (outcome,) = render_all("l", [LANG], build, renderer=DryManim(project, video, before=edit), root=project, scene_ids=["loss"])
            assert outcome.ok, outcome.error
            found = {job.entry.id: reason for job, reason in stale("l", [LANG], build, ["loss"], root=project)}
        assert found == {"loss": f"strings: {LANG} loss.title"}
    finally:
        strings.write_bytes(before)


def test_a_render_that_recorded_nothing_is_refused(rendered, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project, _, video, _ = rendered

    def silent(job: Job, work: Path) -> Path:
        out = work / "v.mp4"
        out.write_bytes(video)
        out.with_suffix(".srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nx\n")
        return out

    (outcome,) = render_all("l", [LANG], tmp_path / "build", renderer=silent, root=project, scene_ids=["lineage"])
    assert not outcome.ok and "did not record what it read" in (outcome.error or "")


def test_inputs_are_named_by_their_place() -> None:
    assert input_name(ROOT / "scenes/loss.py") == "scenes/loss.py"
    assert input_name(ROOT / "scenes/toolkit/strings/ko.toml") is None  # read line by line instead
    assert input_name(ROOT / "build/videos/ko/x.mp4") is None
    assert input_name(Path(sys.prefix) / "lib/x.py") is None
    assert input_name("/elsewhere/mine.json", custom=[Path("/elsewhere")]) == "/elsewhere/mine.json"
    used = Used({("ko", "loss.title")}, {"scenes/loss.py"}, {"EXPLAINER_EXAMPLE"})
    assert Used.from_json(json.loads(json.dumps(used.as_json()))) == used
    assert Snapshot.take().strings["ko"]["loss.title"] == json.dumps(t("loss.title", "ko"), ensure_ascii=False)
