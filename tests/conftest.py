import fcntl
import os
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
POST = REPO.parent / "shared" / "blog" / "cnn-development.ko.md"


def pytest_configure(config: pytest.Config) -> None:
    """Each test process its own manim media folder: manim caches a text's
    SVG there by a hash of the text, and two xdist workers drawing the same
    text at once would read each other's half-written file."""
    import tempfile

    from manim import config as manim_config

    manim_config.media_dir = tempfile.mkdtemp(prefix="manim-media-")


@pytest.fixture(scope="session")
def post_text() -> str:
    """The source post, laid beside the repo in shared/ (as in CI)."""
    if not POST.exists():
        pytest.skip(f"the source post is not at {POST}")
    return POST.read_text(encoding="utf-8")


@contextmanager
def locked(path: Path, wait: bool = True) -> Iterator[bool]:
    """An exclusive lock on ``path`` between processes; yields whether it was
    taken (always, when ``wait``)."""
    with open(path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True


class DryRuns(dict):  # type: ignore[type-arg]
    """Dry runs of the series' videos by (id, lang), each made once per
    session: on first use, and kept in ``folder`` so that pytest-xdist's
    workers (make test runs two) share them instead of each making all 34."""

    def __init__(self, folder: Path, media: Path) -> None:
        super().__init__()
        self.folder = folder
        self.media = media  # manim's own caches: one per worker, never written by two

    def _file(self, key: tuple[str, str]) -> Path:
        return self.folder / f"{key[0]}-{key[1]}.pickle"

    def _make(self, key: tuple[str, str]) -> None:
        from scene_harness import dry_run

        from scenes.series import episode

        shown = dry_run(episode(key[0]), key[1], self.media)
        part = self._file(key).with_suffix(".part")
        part.write_bytes(pickle.dumps(shown))
        part.rename(self._file(key))

    def __missing__(self, key: tuple[str, str]):  # type: ignore[no-untyped-def]
        with locked(self._file(key).with_suffix(".lock")):
            if not self._file(key).exists():
                self._make(key)
        self[key] = pickle.loads(self._file(key).read_bytes())
        return self[key]

    def make_all(self, keys: list[tuple[str, str]]) -> None:
        """Make every run that no other worker is making now, in ``keys``' order."""
        for key in keys:
            with locked(self._file(key).with_suffix(".lock"), wait=False) as mine:
                if mine and not self._file(key).exists():
                    self._make(key)


@pytest.fixture(scope="session")
def series_runs(tmp_path_factory: pytest.TempPathFactory) -> DryRuns:
    from scenes.series import SERIES
    from scenes.toolkit import LANGUAGES

    worker = os.environ.get("PYTEST_XDIST_WORKER")  # gw0, gw1, ...; unset without xdist
    root = tmp_path_factory.getbasetemp()
    folder = (root.parent if worker else root) / "series-runs"  # xdist gives each worker its own basetemp under one root
    folder.mkdir(exist_ok=True)
    runs = DryRuns(folder, tmp_path_factory.mktemp("series-media"))
    if worker:
        # make test's workers: every test file needs most runs, so make them all
        # up front, from opposite ends of the series, rarely waiting on each other.
        keys = [(e.id, lang) for e in SERIES for lang in LANGUAGES]
        runs.make_all(keys[::-1] if int(worker.removeprefix("gw")) % 2 else keys)
    return runs


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """manim's media folder for the session's extra dry runs."""
    return tmp_path_factory.mktemp("media")
