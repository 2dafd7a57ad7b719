"""One thing, one name, per language: every line of the string tables uses
only the names scenes/toolkit/strings/glossary.toml chose, and every name
the glossary lists is in use. ``first_uses`` says, for each concept, the
first video of the series whose lines use it (where a definition belongs)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pytest

from scenes.series import SERIES
from scenes.toolkit import LANGUAGES
from scenes.toolkit.i18n import STRINGS

GLOSSARY = STRINGS / "glossary.toml"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
FILLER = "\ufffc"  # stands in for a placeholder, one per character: spans stay where they were
INFLECTED = r"(?:s|es|d|ed|ing)?"


@dataclass(frozen=True)
class Entry:
    """One concept's name in one language (see the glossary's header)."""

    lang: str
    concept: str
    term: str
    variants: tuple[str, ...]
    match: str
    allow: tuple[str, ...] = ()
    defined: str = ""
    case_sensitive: bool = False
    exact: bool = False

    def pattern(self, word: str) -> re.Pattern[str]:
        """Korean: the word anywhere. English: the whole word (a hyphen binds,
        so "LeNet" is not inside "LeNet-5"), in its -s/-ed/-ing forms too."""
        flags = 0 if self.case_sensitive else re.IGNORECASE
        if self.lang == "ko":
            return re.compile(re.escape(word), flags)
        tail = "" if self.exact and word == self.match else INFLECTED
        return re.compile(rf"(?<![\w-]){re.escape(word)}{tail}(?![\w-])", flags)

    def uses(self, line: str) -> bool:
        """Whether the line uses this concept's own name."""
        return bool(self.pattern(self.match).search(visible(line)))

    def offences(self, line: str) -> list[str]:
        """The variants the line uses, outside the term itself and outside
        the allowed strings and the definition."""
        seen = visible(line)
        fine = [m.span() for m in self.pattern(self.match).finditer(seen)]
        for ok in (*self.allow, *([self.defined] if self.defined else [])):
            fine += [m.span() for m in re.finditer(re.escape(ok), line, re.IGNORECASE)]
        found = []
        for variant in self.variants:
            for m in self.pattern(variant).finditer(seen):
                if not any(a <= m.start() and m.end() <= b for a, b in fine):
                    found.append(m.group())
        return found


def visible(line: str) -> str:
    """The line without its {placeholders}, which are names in code, not words."""
    return PLACEHOLDER.sub(lambda m: FILLER * len(m.group()), line)


def entries(data: dict, lang: str) -> dict[str, Entry]:  # type: ignore[type-arg]
    return {
        concept: Entry(
            lang=lang,
            concept=concept,
            term=e["term"],
            variants=tuple(e["variants"]),
            match=e.get("match", e["term"]),
            allow=tuple(e.get("allow", ())),
            defined=e.get("defined", ""),
            case_sensitive=e.get("case_sensitive", False),
            exact=e.get("exact", False),
        )
        for concept, e in data[lang].items()
    }


@cache
def glossary() -> dict[str, dict[str, Entry]]:
    with open(GLOSSARY, "rb") as f:
        data = tomllib.load(f)
    return {lang: entries(data, lang) for lang in LANGUAGES}


def values(node: object, prefix: str = "") -> Iterator[tuple[str, str]]:
    """Every string of a table by its dotted key, however deep (lists too)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from values(value, f"{prefix}.{key}" if prefix else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from values(value, f"{prefix}[{i}]")
    elif isinstance(node, str):
        yield prefix, node


@cache
def lines(lang: str) -> dict[str, str]:
    with open(STRINGS / f"{lang}.toml", "rb") as f:
        return dict(values(tomllib.load(f)))


def first_uses(lang: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each concept's first video in series order whose lines use its term,
    with the keys of those lines in that video: where to define the term."""
    table = lines(lang)
    found = {}
    for concept, entry in glossary()[lang].items():
        for episode in SERIES:
            keys = tuple(k for k, v in table.items() if k.split(".", 1)[0] == episode.id and entry.uses(v))
            if keys:
                found[concept] = (episode.id, keys)
                break
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_line_uses_only_the_chosen_names(lang: str) -> None:
    wrong = [
        f"{key}: {variant!r} is {entry.concept}, say {entry.term!r}"
        for key, line in lines(lang).items()
        for entry in glossary()[lang].values()
        for variant in entry.offences(line)
    ]
    assert not wrong, f"{lang}.toml:\n" + "\n".join(wrong)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_name_in_the_glossary_is_in_use(lang: str) -> None:
    """No stale entries: each term, each allowed string and each definition
    is in the lines; a definition exactly once, in the first video to use
    the term."""
    table = lines(lang)
    firsts = first_uses(lang)
    for concept, entry in glossary()[lang].items():
        assert any(entry.uses(v) for v in table.values()), f"{lang}.{concept}: {entry.term!r} is in no line"
        for ok in entry.allow:
            assert any(ok.lower() in v.lower() for v in table.values()), f"{lang}.{concept}: allowed {ok!r} is in no line"
        if entry.defined:
            where = [k for k, v in table.items() if entry.defined in v]
            assert len(where) == 1, f"{lang}.{concept}: {entry.defined!r} is defined at {where or 'no line'}"
            assert where[0].split(".", 1)[0] == firsts[concept][0], f"{lang}.{concept}: defined in {where[0]}, first used in {firsts[concept][0]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossary_is_well_formed(lang: str) -> None:
    assert set(glossary()) == set(LANGUAGES)
    for concept, entry in glossary()[lang].items():
        assert entry.term and entry.term not in entry.variants, f"{lang}.{concept}"
        assert len(set(entry.variants)) == len(entry.variants), f"{lang}.{concept}: a variant twice"
        # The chosen name and its definition pass their own check.
        assert entry.offences(entry.term) == [], f"{lang}.{concept}: the term trips a variant"
        assert not entry.defined or entry.offences(entry.defined) == [], f"{lang}.{concept}"
    # Both parts name the same kinds of things: a concept in one language
    # only is one the other language's lines do not need.
    assert len(glossary()["ko"].keys() & glossary()["en"].keys()) >= 30


def test_the_check_can_fail() -> None:
    ko, en = glossary()["ko"], glossary()["en"]
    assert ko["skip_connection"].offences("ResNet: 건너뛰는 연결") == ["건너뛰는 연결"]
    assert ko["skip_connection"].offences("스킵이 없으면 기울기가 작습니다.") == ["스킵"]
    assert ko["skip_connection"].offences("스킵 연결이 없으면 기울기가 작습니다.") == []
    assert ko["filter"].offences("첫 층의 커널 6개") == ["커널"]
    assert ko["filter"].offences("{kernel}×{kernel} 필터(커널)를 비교해 봅시다.") == []
    assert ko["training"].offences("훈련용 숫자 {digits}개") == ["훈련"]
    assert ko["step"].offences("AlexNet의 한 걸음") == [] and ko["step"].offences("한 걸음마다") == ["걸음"]
    assert ko["top1"].offences("ImageNet Top-1") == ["Top-1"] and ko["top1"].offences("ImageNet top-1") == []
    assert ko["macs"].offences("곱셈-덧셈 {macs}회") == ["곱셈-덧셈"]
    assert en["filter"].offences("the first layer's 6 kernels") == ["kernels"]
    assert en["filter"].offences("{filters} filters (kernels) of {kernel}×{kernel}") == []  # a placeholder is not a word
    assert en["skip_connection"].offences("Without skips, layer 1 gets less.") == ["skips"]
    assert en["skip_connection"].offences("A stride of 2 skips positions.") == []
    assert en["macs"].offences("The conv layers do 90% of the multiply-adds.") == ["multiply-adds"]
    assert en["top1"].offences("ImageNet Top-1") == ["Top-1"]
    assert en["lenet5"].offences("far larger than LeNet's 32×32") == ["LeNet"]
    assert en["lenet5"].offences("far larger than LeNet-5's 32×32") == []
    assert en["conv_layer"].offences("12 convolutional layers") == ["convolutional"]
    assert en["convolution"].offences("First a 1×1 conv cuts the channels") == ["conv"]
    assert en["convolution"].offences("{k} conv") == [] and en["convolution"].offences("The first conv layer") == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_concept_has_a_first_use_in_the_series(lang: str) -> None:
    """The table a definition at first use is written from: every concept
    of the glossary is used by some video, and the lines named are that
    video's own and use the term."""
    firsts = first_uses(lang)
    assert set(firsts) == set(glossary()[lang])
    order = [e.id for e in SERIES]
    table = lines(lang)
    for concept, (video, keys) in firsts.items():
        assert video in order and keys
        entry = glossary()[lang][concept]
        assert all(k.split(".", 1)[0] == video and entry.uses(table[k]) for k in keys)
        earlier = order[: order.index(video)]
        assert not any(entry.uses(v) for k, v in table.items() if k.split(".", 1)[0] in earlier), f"{lang}.{concept}"
    # The definitions already written sit where the terms first appear.
    assert firsts["macs"][0] == "alexnet" and firsts["filter"][0] == "flattening"
