from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
POST = REPO.parent / "shared" / "blog" / "cnn-development.ko.md"


@pytest.fixture(scope="session")
def post_text() -> str:
    """The source post, laid beside the repo in shared/ (as in CI)."""
    if not POST.exists():
        pytest.skip(f"the source post is not at {POST}")
    return POST.read_text(encoding="utf-8")


class DryRuns(dict):  # type: ignore[type-arg]
    """Dry runs of the series' videos by (id, lang), each made on first use
    and shared by every test file of the session."""

    def __init__(self, media: Path) -> None:
        super().__init__()
        self.media = media

    def __missing__(self, key: tuple[str, str]):  # type: ignore[no-untyped-def]
        from scene_harness import dry_run

        from scenes.series import episode

        scene_id, lang = key
        self[key] = dry_run(episode(scene_id), lang, self.media)
        return self[key]


@pytest.fixture(scope="session")
def series_runs(tmp_path_factory: pytest.TempPathFactory) -> DryRuns:
    return DryRuns(tmp_path_factory.mktemp("series-media"))


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """manim's media folder for the session's extra dry runs."""
    return tmp_path_factory.mktemp("media")
