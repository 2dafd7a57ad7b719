"""Narration lines cut into subtitle events, by the timed-text conventions
(Netflix's general and per-language guides):

- at most 2 lines per event;
- at most 42 characters per line in English, and 16 in Korean, where Latin
  letters, digits, spaces and punctuation count half;
- breaks after punctuation where possible, never inside a word or a number,
  and not next to an operator (``y = F(x) + x`` stays whole when it fits);
- each event up for its reading time (17 characters a second in English, 12
  in Korean), and between 5/6 s and 7 s.

The on-screen caption shows the same events, so the screen and the subtitle
file never disagree. Pure Python: the scenes and the tests both use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from unicodedata import east_asian_width

LINE_WIDTH = {"en": 42.0, "ko": 16.0}
READING_SPEED = {"en": 17.0, "ko": 12.0}  # characters per second
LINES_PER_EVENT = 2
SHORTEST, LONGEST = 5 / 6, 7.0  # seconds an event may stay up
FRAME_MARGIN = 0.1

OPERATORS = {"=", "+", "−", "-", "×", "·", "→", "/", "≈", "≤", "≥", "<", ">"}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")  # a colon after a name is no sentence end

# Costs of the line-breaking search: fewer lines first, then evenly filled
# lines, then breaks after punctuation.
LINE_COST, BREAK_MID_CLAUSE, BREAK_AT_OPERATOR = 10_000.0, 40.0, 5_000.0


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


def _break_cost(words: list[str], i: int) -> float:
    """The cost of a line break between words[i - 1] and words[i]."""
    if words[i] in OPERATORS or words[i - 1] in OPERATORS:
        return BREAK_AT_OPERATOR
    return 0.0 if words[i - 1][-1] in ",.!?:;)" else BREAK_MID_CLAUSE


def break_lines(sentence: str, lang: str) -> list[str]:
    """The sentence in lines no wider than the language's limit, with the
    fewest lines, then the most even ones, then breaks after punctuation.
    A word wider than a line stands alone (a line is never cut inside a word)."""
    words, limit = sentence.split(), LINE_WIDTH[lang]
    if not words:
        return []
    n = len(words)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * n  # (cost, start of last line)
    for end in range(1, n + 1):
        for start in range(end - 1, -1, -1):
            w = width(" ".join(words[start:end]), lang)
            if w > limit and start < end - 1:
                break
            cost = best[start][0] + LINE_COST + (limit - min(w, limit)) ** 2 / limit
            if start > 0:
                cost += _break_cost(words, start)
            if cost < best[end][0]:
                best[end] = (cost, start)
    lines, end = [], n
    while end > 0:
        start = best[end][1]
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
