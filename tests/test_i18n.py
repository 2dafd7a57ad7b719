"""The string tables: which language a render speaks when nothing is set,
and the errors for a language or a line that does not exist.
tests/test_fonts_strings.py checks that the real tables have the same keys;
tests/test_scenes.py that EXPLAINER_LANG=fr stops a render in one line."""

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from scenes.toolkit import i18n
from scenes.toolkit.i18n import language, t


def title(lang: str) -> str:
    """forward.title read from the TOML file itself."""
    with open(i18n.STRINGS / f"{lang}.toml", "rb") as f:
        return tomllib.load(f)["forward"]["title"]


@pytest.mark.parametrize(("setting", "lang"), [(None, "ko"), ("", "ko"), ("  ", "ko"), ("en", "en"), (" EN ", "en"), ("ko", "ko")])
def test_the_language_without_a_setting_is_the_posts(monkeypatch: pytest.MonkeyPatch, setting: str | None, lang: str) -> None:
    if setting is None:
        monkeypatch.delenv("EXPLAINER_LANG", raising=False)
    else:
        monkeypatch.setenv("EXPLAINER_LANG", setting)
    assert language() == lang
    assert t("forward.title") == title(lang)
    assert title("ko") != title("en")  # or the line would not tell the languages apart


def test_an_unknown_language_asked_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match=r"^lang: unknown language 'fr'; expected one of ko, en$"):
        t("forward.title", "fr")
    monkeypatch.setenv("EXPLAINER_LANG", "de")
    with pytest.raises(i18n.SettingError, match=r"^EXPLAINER_LANG: unknown language 'de'; expected one of ko, en$"):
        t("forward.title")


@pytest.mark.parametrize("key", ["forward.no_such_line", "no_such_section.title", "forward.title.deeper"])
def test_a_missing_key_names_the_key_and_the_language(monkeypatch: pytest.MonkeyPatch, key: str) -> None:
    with pytest.raises(KeyError, match=rf"no string '{key}' in en\.toml"):
        t(key, "en")
    monkeypatch.setenv("EXPLAINER_LANG", "ko")
    with pytest.raises(KeyError, match=rf"no string '{key}' in ko\.toml"):
        t(key)


def test_a_section_is_not_a_line() -> None:
    with pytest.raises(KeyError, match="'forward' is a table, not a line"):
        t("forward", "en")


@pytest.fixture
def uneven_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """String tables where a line exists in Korean only."""
    (tmp_path / "ko.toml").write_text('[demo]\ntitle = "제목"\nonly_ko = "한국어만"\n', encoding="utf-8")
    (tmp_path / "en.toml").write_text('[demo]\ntitle = "Title"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "STRINGS", tmp_path)
    i18n.table.cache_clear()
    yield
    i18n.table.cache_clear()  # the real tables for the tests after this one


def test_a_line_missing_in_one_language_is_an_error_there_not_the_other_language(uneven_tables: None) -> None:
    assert t("demo.title", "en") == "Title" and t("demo.title", "ko") == "제목"
    assert t("demo.only_ko", "ko") == "한국어만"
    # No quiet fallback to Korean in an English video.
    with pytest.raises(KeyError, match=r"no string 'demo.only_ko' in en\.toml"):
        t("demo.only_ko", "en")


def test_a_missing_placeholder_names_the_line_and_the_language() -> None:
    with pytest.raises(KeyError, match=r"'forward.done' \(en\) needs \{y_hat\}"):
        t("forward.done", "en", y1="0.7")
