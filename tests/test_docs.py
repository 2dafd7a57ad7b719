"""The docs a newcomer finds: the README's links lead to pages that exist,
every page under docs/ is in the site's navigation, the site (mkdocs.yml)
builds with --strict and no warning, and every public mathcore name has an
entry in its reference."""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
import yaml

import mathcore

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
README = ROOT / "README.md"


def subpackages() -> list[str]:
    """mathcore's parts (dense, post, ...): each has a reference page."""
    return sorted(m.name for m in pkgutil.iter_modules(mathcore.__path__) if m.ispkg)


def public_names() -> dict[str, object]:
    """Every name in a subpackage's __all__, by its path there."""
    names: dict[str, object] = {}
    for part in subpackages():
        module = importlib.import_module(f"mathcore.{part}")
        for name in module.__all__:
            names[f"mathcore.{part}.{name}"] = getattr(module, name)
    return names


def anchor_ids(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


def missing_entries(public: dict[str, object], ids: set[str]) -> list[str]:
    """The public names with no entry among ``ids``. mkdocstrings gives an
    entry the id of the path it was rendered at: the subpackage's
    (mathcore.dense.forward), or, for a function or class rendered by its full
    path, the module that defines it (mathcore.post.audit.audit)."""
    missing = []
    for path, obj in public.items():
        paths = {path}
        if isinstance(obj, types.ModuleType):
            paths.add(obj.__name__)
        elif inspect.isclass(obj) or inspect.isfunction(obj):
            paths.add(f"{obj.__module__}.{obj.__qualname__}")
        if not paths & ids:
            missing.append(path)
    return missing


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The site built once, as make docs builds it, into a temporary folder:
    its folder and everything mkdocs printed."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    return out, output


def test_the_site_builds_strictly_without_warnings(site: tuple[Path, str]) -> None:
    folder, output = site
    assert "WARNING" not in output, output
    assert "ERROR" not in output, output
    # Offline: no web fonts, no script or style from another host.
    for page in folder.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<(?:script|link)\b[^>]*(?:src|href)="(?:https?:)?//', html), page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
    for page in ("index.html", "scenes.html", "render-cost.html", "mathcore/index.html", "mathcore/learn.html", "blog-numbers.html"):
        assert (folder / page).is_file(), page


def test_every_public_mathcore_name_has_an_entry(site: tuple[Path, str]) -> None:
    folder, _ = site
    ids: set[str] = set()
    for part in subpackages():
        page = folder / "mathcore" / f"{part}.html"
        assert page.is_file(), f"no reference page for mathcore.{part}: add docs/mathcore/{part}.md"
        ids |= anchor_ids(page.read_text(encoding="utf-8"))
    assert missing_entries(public_names(), ids) == []


def test_mathcore_own_names_are_the_subpackages_names() -> None:
    """``from mathcore import x`` is a subpackage's x, so its entry is that one."""
    public = public_names()
    for name in mathcore.__all__:
        assert any(obj is getattr(mathcore, name) for path, obj in public.items() if path.endswith(f".{name}")), name


def test_the_checker_names_a_missing_entry(site: tuple[Path, str]) -> None:
    from mathcore.dense import LOSSES, forward
    from mathcore.post.audit import audit

    made = '<h2 id="mathcore.dense.forward">forward</h2><h2 id="mathcore.post.audit.audit">audit</h2>'
    public = {"mathcore.dense.forward": forward, "mathcore.dense.LOSSES": LOSSES, "mathcore.post.audit": audit}
    assert missing_entries(public, anchor_ids(made)) == ["mathcore.dense.LOSSES"]
    # The real site with one entry taken out.
    folder, _ = site
    ids = anchor_ids((folder / "mathcore" / "cnn.html").read_text(encoding="utf-8"))
    cnn = {path: obj for path, obj in public_names().items() if path.startswith("mathcore.cnn.")}
    assert missing_entries(cnn, ids) == []
    assert missing_entries(cnn, ids - {"mathcore.cnn.conv2d"}) == ["mathcore.cnn.conv2d"]


def nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value)]
    return []


def test_every_page_is_in_the_navigation() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = nav_pages(config["nav"])
    pages = sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md"))
    assert sorted(listed) == pages
    assert config["theme"]["font"] is False  # no Google Fonts
    assert config["strict"] is True and config["site_dir"] == "build/docs"


def test_the_readme_is_a_front_page_whose_links_exist() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 150
    targets = re.findall(r"\]\(((?:docs/)[^)#\s]+)", text)
    assert len(targets) >= 8
    for target in targets:
        assert (ROOT / target).exists(), target
    for command in ("make render", "make test", "QUALITY=l", "make slides", "make docs", "EXPLAINER_"):
        assert command in text, command
