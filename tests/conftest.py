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
