"""Narration lines cut into subtitle events, by the timed-text conventions
(Netflix's general and per-language guides):

- at most 2 lines per event;
- at most 42 characters per line in English, and 16 in Korean, where Latin
  letters, digits, spaces and punctuation count half;
- breaks after punctuation where possible, never inside a word or a number,
  and not next to an operator (``y = F(x) + x`` stays whole when it fits);
- no break inside a phrase, between two lines or two events, where another
  layout keeps it whole, at the cost of another event if need be: not
  between a modifier and its noun, a number and its counter, the parts of a
  compound, a verb and its auxiliary (Korean, by Kiwi's morphological
  analysis), nor after an article, a possessive or a preposition (English,
  by word lists);
- each event up for its reading time (17 characters a second in English, 12
  in Korean), and between 5/6 s and 7 s.

The on-screen caption shows the same events, so the screen and the subtitle
file never disagree. No manim: the scenes, delivery and the tests all use it,
and Kiwi loads only when a Korean sentence is too wide for one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from math import ceil, inf
from typing import TYPE_CHECKING
from unicodedata import east_asian_width

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

LINE_WIDTH = {"en": 42.0, "ko": 16.0}
READING_SPEED = {"en": 17.0, "ko": 12.0}  # characters per second
LINES_PER_EVENT = 2
SHORTEST, LONGEST = 5 / 6, 7.0  # seconds an event may stay up
FRAME_MARGIN = 0.1

OPERATORS = {"=", "+", "−", "-", "×", "·", "→", "/", "≈", "≤", "≥", "<", ">"}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")  # a colon after a name is no sentence end

# Costs of the line-breaking search, cheapest first. A split compound ("완전 /
# 연결층") is worse than a modifier split off its noun ("계산한 / 값이라"), and
# either is worth another event; a loose break (a line ending on an adverb,
# on "is", or after a number) only another line in the same event (3 lines
# and 4 both make two). Then the fewest lines, evenly filled lines, and
# breaks after punctuation, then at a phrase's end (a Korean particle or
# connective ending, before a bracket), then before an English connective,
# then anywhere else.
COMPOUND_SPLIT, PHRASE_SPLIT, EVENT_COST = 2_000_000.0, 1_000_000.0, 100_000.0
LOOSE_BREAK, LINE_COST, BREAK_AT_OPERATOR = 20_000.0, 10_000.0, 5_000.0
BREAK_MID_CLAUSE, BREAK_BEFORE_CONNECTIVE, BREAK_AT_PHRASE_END = 40.0, 35.0, 10.0
PUNCTUATION_END = ",.!?:;)"

# English by word lists (no tagger to load for it): a line may not end on a
# word that opens a phrase ("by its / weights", "in the / last digits"), nor
# split the word after a determiner from the rest of its phrase ("its
# gradient / is"). A line is loose if it ends after a number, on an
# auxiliary or on a subject pronoun (the number may be a quantity, "100 /
# hidden units", or a subject, "the post's 0.3 / keeps"; "is / that
# derivative" leaves the verb without its complement, "it / has" the verb
# without its subject), or if the next starts with a word that binds to the
# one before ("every one / of these", "more / than 12"). A line starts best
# with a preposition, a conjunction or a subject pronoun.
DETERMINERS = frozenset("a an the its their his her our your my this these those each every some any no".split())
PREPOSITIONS = frozenset(
    "to in on at by with for from into onto over under per via between through against about without"
    " above below after before behind beside across around along inside within near".split()
)
BINDING = frozenset("of than as".split())
CONNECTIVES = frozenset("and but or so because while where when which who whose that if".split())
PRONOUNS = frozenset("it they we you he she".split())
AUXILIARIES = frozenset("is are was were be been has have had can will does do not".split())
NUMBER = re.compile(r"[−-]?\d[\d.,×]*%?")

# Korean by Kiwi's tags (the Sejong tagset) of each eojeol's morphemes. A
# line may not end inside a compound: on a bare noun or number that a noun
# follows ("곡선 / 위의", "3×3 / 필터", "1 / 사이의"), on a determiner MM ("각
# / 커널", "한 / 줄로"), inside a morpheme that spans a space ("완전
# 연결층"); nor start on an auxiliary verb ("눌러 / 줍니다"). Nor may it end
# on a modifier (ETM "계산한", genitive JKG "위의", a counted quantity "100개짜리")
# or on a bare noun before anything but a predicate ("모델 / ResNet-152의").
# A line ending on an adverb before the word it modifies ("가장 / 큰", "바로 /
# 아래") is loose; a connective ending (EC), a particle that closes a noun
# phrase or an adverb that closes its own ("부호와 상관없이 /") ends a line best.
KO_NOUNS = frozenset({"NNG", "NNP", "NNB", "NR", "NP", "XR"})
KO_NOMINALS = KO_NOUNS | {"SN", "SL", "SH", "XSN"}
KO_PREDICATES = frozenset({"VV", "VA", "VX", "VCN", "XSV", "XSA"})  # 계산/NNG 하/XSV ᆫ/ETM is a verb
KO_PHRASE_ENDS = frozenset({"EC", "JKS", "JKO", "JKB", "JKC", "JKQ", "JX"})
# The series' terms that Kiwi can read apart: 완전 as an adverb before 연결층.
KO_TERMS = ("완전 연결층",)


@dataclass(frozen=True)
class Event:
    """One subtitle event: its lines, and the seconds it takes to read."""

    lines: tuple[str, ...]
    reading: float

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def width(text: str, lang: str) -> float:
    """The length of a line as the language's limit counts it."""
    if lang != "ko":
        return float(len(text))
    return sum(1.0 if east_asian_width(ch) in "WF" else 0.5 for ch in text)


def reading_time(text: str, lang: str) -> float:
    """Seconds to read ``text`` (line breaks not counted), at least 5/6 s,
    plus a tenth: captions change on frame boundaries, up to half a frame early."""
    return max(SHORTEST, len(text.replace("\n", "")) / READING_SPEED[lang]) + FRAME_MARGIN


@cache
def _kiwi() -> Kiwi:
    """The Korean morphological analyser, loaded on the first Korean line too
    wide for one line (about a second): delivery imports this module for lines
    it never breaks. The typo and multi-word dictionaries are for web text and
    proper names, and would double the load."""
    from kiwipiepy import Kiwi

    kiwi = Kiwi(load_typo_dict=False, load_multi_dict=False)
    for term in KO_TERMS:
        kiwi.add_user_word(term, "NNG")
    return kiwi


@cache
def eojeol_tags(sentence: str) -> tuple[tuple[str, ...], ...]:
    """The morpheme tags of each space-separated word (eojeol) of a Korean
    sentence, punctuation left out; a morpheme across a space counts in each
    eojeol it touches. Tagged in the whole sentence, which tells 한 (one)
    from 한 (did)."""
    spans, at = [], 0
    for word in sentence.split():
        at = sentence.index(word, at)
        spans.append((at, at + len(word)))
        at += len(word)
    tags: list[list[str]] = [[] for _ in spans]
    for token in _kiwi().tokenize(sentence):
        tag = token.tag.partition("-")[0]  # VA-I (irregular) is VA
        if tag.startswith("W_"):
            tag = "SL"  # "#2002" (W_HASHTAG) names a thing as a Latin word does
        if tag.startswith("S") and tag not in KO_NOMINALS:
            continue
        for k, (start, end) in enumerate(spans):
            if start < token.start + token.len and token.start < end:
                tags[k].append(tag)
    return tuple(tuple(found) or ("SW",) for found in tags)  # a symbol alone ("½") is its own word


def _korean_cost(before: tuple[str, ...], after: tuple[str, ...]) -> float:
    """The cost of a break between two eojeol, by their morpheme tags."""
    last, predicate_next = before[-1], bool(KO_PREDICATES.intersection(after))
    counted = "SN" in before and last != "SN"  # 100개짜리 modifies its noun as a whole
    if last == "MM" or after[0] == "VX":
        return COMPOUND_SPLIT
    if last in KO_NOMINALS and not predicate_next:
        return COMPOUND_SPLIT if after[0] in KO_NOUNS and not counted else PHRASE_SPLIT
    if last in ("ETM", "JKG"):
        return PHRASE_SPLIT
    if last == "MAG":  # an adverb ends its phrase unless the word it modifies follows
        return LOOSE_BREAK if after[0] in ("VV", "VA") or set(after) <= KO_NOMINALS else BREAK_AT_PHRASE_END
    return BREAK_AT_PHRASE_END if last in KO_PHRASE_ENDS else BREAK_MID_CLAUSE


def _plain(word: str) -> str:
    """An English word as the word lists spell it."""
    return word.lower().strip("\"'‘’“”(")


def _english_cost(words: list[str], i: int) -> float:
    """The cost of a break between words[i - 1] and words[i] of an English sentence."""
    last, following = _plain(words[i - 1]), _plain(words[i])
    opener = _plain(words[i - 2]) if i >= 2 and words[i - 2][-1] not in PUNCTUATION_END else ""
    possessive = words[i - 1].endswith(("'s", "s'", "’s", "s’"))
    if last in DETERMINERS or last in PREPOSITIONS or last in BINDING or last in CONNECTIVES or possessive:
        return PHRASE_SPLIT
    starts = following in PREPOSITIONS or following in CONNECTIVES or following in PRONOUNS
    if opener in DETERMINERS and not starts:
        return PHRASE_SPLIT
    if NUMBER.fullmatch(last) and following in ("and", "or", "to"):  # "0 / and 1", "12 / to 12"
        return LOOSE_BREAK
    if (NUMBER.fullmatch(last) or NUMBER.fullmatch(opener)) and not starts:  # "100 hidden / units"
        return LOOSE_BREAK
    if last in AUXILIARIES or last in PRONOUNS or following in BINDING:
        return LOOSE_BREAK
    return BREAK_BEFORE_CONNECTIVE if starts else BREAK_MID_CLAUSE


def _break_costs(words: list[str], lang: str) -> list[float]:
    """The cost of a line break before each word (none before the first)."""
    tags = eojeol_tags(" ".join(words)) if lang == "ko" else ()
    costs = [0.0]
    for i in range(1, len(words)):
        if words[i] in OPERATORS or words[i - 1] in OPERATORS:
            costs.append(BREAK_AT_OPERATOR)
        elif words[i - 1][-1] in PUNCTUATION_END:
            costs.append(0.0)
        elif words[i][0] in "([":
            costs.append(BREAK_AT_PHRASE_END)
        else:
            costs.append(_korean_cost(tags[i - 1], tags[i]) if lang == "ko" else _english_cost(words, i))
    return costs


def break_lines(sentence: str, lang: str) -> list[str]:
    """The sentence in lines no wider than the language's limit, the
    cheapest layout by the costs above; where every layout splits a phrase,
    the one that splits the fewest. A word wider than a line stands alone (a
    line is never cut inside a word)."""
    words, limit = sentence.split(), LINE_WIDTH[lang]
    if width(" ".join(words), lang) <= limit:
        return [" ".join(words)] if words else []
    n, costs = len(words), _break_costs(words, lang)
    # Each line that may end a layout's line at `end`: its start and its cost.
    fits: list[list[tuple[int, float]]] = [[] for _ in range(n + 1)]
    for end in range(1, n + 1):
        for start in range(end - 1, -1, -1):
            w = width(" ".join(words[start:end]), lang)
            if w > limit and start < end - 1:
                break
            fits[end].append((start, LINE_COST + (limit - min(w, limit)) ** 2 / limit + costs[start]))
    rows = [[(0.0, 0)] + [(inf, 0)] * n]  # rows[k][end]: (cost, start of the last line) of words[:end] in k lines

    def total(k: int) -> float:
        return rows[k][n][0] + EVENT_COST * ceil(k / LINES_PER_EVENT)

    best = 0  # no layout in 0 lines: total(0) is infinite
    while len(rows) <= n and EVENT_COST * ceil(len(rows) / LINES_PER_EVENT) < total(best):
        previous = rows[-1]
        ends = (min(((previous[start][0] + cost, start) for start, cost in fits[end]), default=(inf, 0)) for end in range(1, n + 1))
        rows.append([(inf, 0), *ends])
        best = min(best, len(rows) - 1, key=total)
    lines, end = [], n
    for row in rows[best:0:-1]:
        start = row[end][1]
        lines.append(" ".join(words[start:end]))
        end = start
    return lines[::-1]


@cache
def events(line: str, lang: str) -> tuple[Event, ...]:
    """A narration line as subtitle events of at most two lines each; a new
    sentence starts a new line, and a new event unless both fit in one."""
    groups: list[tuple[str, ...]] = []
    for sentence in SENTENCE_END.split(line.strip()):
        lines = break_lines(sentence, lang)
        for k in range(0, len(lines), LINES_PER_EVENT):
            chunk = tuple(lines[k : k + LINES_PER_EVENT])
            if groups and len(groups[-1]) + len(chunk) <= LINES_PER_EVENT:
                groups[-1] += chunk  # two short sentences share an event
            else:
                groups.append(chunk)
    return tuple(Event(group, reading_time(" ".join(group), lang)) for group in groups)


def timings(line: str, lang: str, start: float, end: float) -> list[tuple[float, float, Event]]:
    """When each event of ``line`` is up, if the line is on screen from
    ``start`` to ``end``: each event for its reading time, the last one until
    the end; none longer than 7 s (a long wait leaves a gap, not a stale
    subtitle)."""
    out, t = [], start
    parts = events(line, lang)
    for k, event in enumerate(parts):
        until = end if k == len(parts) - 1 else min(end, t + event.reading)
        out.append((t, min(until, t + LONGEST), event))
        t = until
    return out
