"""Frames that read at a glance, on every video in both languages, from the
scene inventory (what was on screen after each animation and at the end
of each line), each rule with a test that it fails on a made frame:

1. size: every text at least 2.5% of the frame height (its digit height;
   a footnote 2.0%), and at least 4.5:1 against the background (WCAG AA);
2. room: no two texts closer than a tenth of a text's height, nothing
   within 3% of the frame's width of its edge, nothing in the caption band;
3. on time: a number a line says is on screen within 1.0 s of the line's
   start; no gap between subtitle cues over 2.0 s; no title alone on screen
   for over 1.5 s;
6. one colour, one meaning: every coloured text is in a colour of the
   series' legend (theme.LEGEND), whose meanings are all different.
"""

from __future__ import annotations

from functools import cache
from itertools import combinations

import pytest
from scene_harness import Item, Moment, Screen, Segment, Shown
from test_inventory import tokens

from scenes.series import SERIES
from scenes.toolkit import LANGUAGES, formula, layout, text, theme

FLOOR, FOOTNOTE_FLOOR = 0.025, 0.020  # of the frame's height, a digit's height
CONTRAST = 4.5
GAP = 0.1  # of the smaller text's digit height
MARGIN = 0.03 * layout.FRAME_WIDTH
ARRIVES_WITHIN = 1.0  # seconds after the line starts
LONGEST_GAP, LONGEST_TITLE_ALONE = 2.0, 1.5
IDS = [e.id for e in SERIES]


@cache
def digit_height_per_size(kind: str) -> float:
    """Scene units of a digit's height per unit of font size: Typst's math
    digits are smaller than the text font's at the same size. Measured on
    first use, not on import: drawing needs the series' font registered."""
    theme.register_fonts()  # the series' font, not Pango's fallback
    make = formula if kind == "formula" else text
    return make("0123456789", size=100).height / 100


def digit_height(item: Item) -> float:
    return item.size * digit_height_per_size(item.kind)


# --- 1. size and contrast ---------------------------------------------------------------


def luminance(hex_colour: str) -> float:
    """WCAG's relative luminance of an sRGB colour."""
    channels = [int(hex_colour.lstrip("#")[k : k + 2], 16) / 255 for k in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def blend(hex_colour: str, opacity: float, under: str) -> str:
    mixed = [round(opacity * int(hex_colour.lstrip("#")[k : k + 2], 16) + (1 - opacity) * int(under.lstrip("#")[k : k + 2], 16)) for k in (0, 2, 4)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def contrast(item: Item, background: str = theme.BACKGROUND.to_hex()) -> float:
    lighter, darker = sorted((luminance(blend(item.colour, item.opacity, background)), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def too_small(screen: Screen) -> list[str]:
    found = []
    for item in screen.items:
        floor = FOOTNOTE_FLOOR if item.footnote else FLOOR
        share = digit_height(item) / layout.FRAME_HEIGHT
        if share < floor - 1e-9:
            found.append(f"{item.source[:40]!r} {100 * share:.1f}% of the height")
        if contrast(item) < CONTRAST:
            found.append(f"{item.source[:40]!r} contrast {contrast(item):.1f}:1")
    return found


# --- 2. room ------------------------------------------------------------------------------


def distance(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    dx = max(0.0, max(a[0], b[0]) - min(a[2], b[2]))
    dy = max(0.0, max(a[1], b[1]) - min(a[3], b[3]))
    return float((dx**2 + dy**2) ** 0.5)


def crowded(screen: Screen) -> list[str]:
    found = []
    for a, b in combinations(screen.items, 2):
        if distance(a.box, b.box) < GAP * min(digit_height(a), digit_height(b)):
            found.append(f"{a.source[:30]!r} against {b.source[:30]!r}")
    half_w, half_h = layout.FRAME_WIDTH / 2, layout.FRAME_HEIGHT / 2
    for item in screen.items:
        x0, y0, x1, y1 = item.box
        if x0 < -half_w + MARGIN or x1 > half_w - MARGIN or y1 > half_h - MARGIN:
            found.append(f"{item.source[:30]!r} within the margin of the edge")
        if y0 < layout.CAPTION_TOP:
            found.append(f"{item.source[:30]!r} in the caption band")
    for segment in screen.lines:
        if min(segment.start[1], segment.end[1]) < layout.CAPTION_TOP:
            found.append("a line in the caption band")
    return found


# --- 3. on time ---------------------------------------------------------------------------


def late(shown: Shown) -> list[str]:
    """Each number a line says that first shows up more than ARRIVES_WITHIN
    after the line starts (after each animation, what is on screen)."""
    found = []
    ends = [*shown.line_starts[1:], shown.duration]
    for line, start, end in zip(shown.subcaptions, shown.line_starts, ends):
        seen = [(m.end, [tok for item in m.screen.items for tok in tokens(item.source)]) for m in shown.moments if start - 1e-6 <= m.end <= end + 1e-6]
        before = [m for m in shown.moments if m.end <= start + 1e-6][-1:]  # what the line starts from
        already = [tok for m in before for item in m.screen.items for tok in tokens(item.source)]
        for said in tokens(line):
            def shows(toks) -> bool:  # type: ignore[no-untyped-def]
                return any(s.kind == said.kind and abs(s.value - said.value) <= max(s.tolerance, said.tolerance) + 1e-9 for s in toks)

            if shows(already):
                continue
            when = next((t for t, toks in seen if shows(toks)), None)
            if when is not None and when - start > ARRIVES_WITHIN + 1e-6:
                found.append(f"{said.text!r} {when - start:.1f} s after {line[:30]!r}…")
    return found


def cue_gaps(shown: Shown) -> list[tuple[float, float, str]]:
    """Each stretch without a caption (start, end, the cue before it, "" at
    the start of the video)."""
    cues = sorted(shown.cues)
    gaps = [(0.0, cues[0][0], "")] if cues else []
    return gaps + [(a[1], b[0], a[2]) for a, b in zip(cues, cues[1:])]


def silent(shown: Shown) -> list[str]:
    """Gaps between subtitle cues, and the time before the first."""
    found = []
    for start, end, before in cue_gaps(shown):
        if not before and end - start > LONGEST_TITLE_ALONE:
            found.append(f"{end:.1f} s before the first cue")
        elif before and end - start > LONGEST_GAP:
            found.append(f"{end - start:.1f} s without a caption after {before[:30]!r}")
    return found


def alone_stretches(shown: Shown) -> list[tuple[float, float]]:
    """Stretches with nothing on screen but the title (and the caption): from
    the end of an animation that leaves only the title up to the start of
    the next one that brings something."""
    found: list[tuple[float, float]] = []
    since: float | None = 0.0  # a video starts with nothing but its title coming
    for m in shown.moments:
        if m.mobjects > 1 and since is not None:
            found.append((since, m.start))
            since = None
        elif m.mobjects <= 1 and since is None:
            since = m.end
    return found


def title_alone(shown: Shown) -> list[str]:
    return [f"the title alone from {a:.1f} to {b:.1f} s" for a, b in alone_stretches(shown) if b - a > LONGEST_TITLE_ALONE + 1e-6]


# --- 6. one colour, one meaning ------------------------------------------------------------


def legend_colours() -> dict[str, str]:
    """Each role of the legend and its colour."""
    return {role: getattr(theme, role).to_hex().lower() for role in theme.LEGEND}


def off_legend(screen: Screen) -> list[str]:
    allowed = {*legend_colours().values(), *(c.to_hex().lower() for c in theme.NEUTRAL)}
    return [f"{item.source[:30]!r} in {item.colour}" for item in screen.items if item.colour.lower() not in allowed]


# --- the rules on every video ---------------------------------------------------------------


def every(shown: Shown) -> list[Screen]:
    return [*shown.every_screen(), *(m.screen for m in shown.moments)]


def unique(found: list[str]) -> list[str]:
    return list(dict.fromkeys(found))


def none_left(video: str, rule: str, found: list[str]) -> None:
    assert not found, f"{video}: {len(found)} {rule} problems:\n" + "\n".join(found[:10])


@pytest.mark.parametrize("scene_id", IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_is_big_enough_and_stands_out(series_runs, scene_id: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    found = unique([p for screen in every(series_runs[(scene_id, lang)]) for p in too_small(screen)])
    none_left(f"{lang}-{scene_id}", "size", found)


@pytest.mark.parametrize("scene_id", IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_has_room(series_runs, scene_id: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    found = unique([p for screen in every(series_runs[(scene_id, lang)]) for p in crowded(screen)])
    none_left(f"{lang}-{scene_id}", "room", found)


@pytest.mark.parametrize("scene_id", IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_a_line_says_arrives_on_time_and_no_frame_stands_empty(series_runs, scene_id: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown = series_runs[(scene_id, lang)]
    none_left(f"{lang}-{scene_id}", "time", unique(late(shown) + silent(shown) + title_alone(shown)))


@pytest.mark.parametrize("scene_id", IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_colour_is_the_legends(series_runs, scene_id: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    found = unique([p for screen in every(series_runs[(scene_id, lang)]) for p in off_legend(screen)])
    none_left(f"{lang}-{scene_id}", "colour", found)


def shared(colours: dict[str, str]) -> dict[str, list[str]]:
    """Each colour that stands for more than one role, with those roles."""
    by_colour: dict[str, list[str]] = {}
    for role, colour in colours.items():
        by_colour.setdefault(colour, []).append(role)
    return {colour: roles for colour, roles in by_colour.items() if len(roles) > 1}


def test_the_legend_gives_each_colour_one_meaning_across_the_series() -> None:
    assert not shared(legend_colours())
    assert not set(legend_colours().values()) & {c.to_hex().lower() for c in theme.NEUTRAL} - {theme.FOCUS.to_hex().lower()}


def test_the_legend_rule_can_fail() -> None:
    assert shared({"TARGET": "#ffd84d", "SKIP": "#ffd84d", "LOSS": "#ff7eb6"}) == {"#ffd84d": ["TARGET", "SKIP"]}


# --- each rule fails on a made frame ---------------------------------------------------------


def made(source: str, box: tuple[float, float, float, float], size: float = theme.BODY_SIZE, colour: str = "#ECECEC", **kw) -> Item:  # type: ignore[no-untyped-def]
    return Item("text", source, box, colour, size, **kw)


def test_the_size_rule_can_fail() -> None:
    assert too_small(Screen("l", [made("w = 0.3", (0, 0, 1, 0.3))], [])) == []
    assert too_small(Screen("l", [made("w = 0.3", (0, 0, 1, 0.3), size=18)], [])) != []  # a size of the old scale
    assert too_small(Screen("l", [made("MNIST #2", (0, 0, 1, 0.3), size=theme.NOTE_SIZE, footnote=True)], [])) == []
    assert too_small(Screen("l", [Item("formula", "x_1", (0, 0, 1, 0.3), "#ECECEC", theme.SMALL_SIZE)], [])) != []  # math digits are smaller
    assert too_small(Screen("l", [made("note", (0, 0, 1, 0.3), colour="#555555")], [])) == ["'note' contrast 2.5:1"]
    assert too_small(Screen("l", [made("dim", (0, 0, 1, 0.3), opacity=0.3)], [])) != []


def test_the_room_rule_can_fail() -> None:
    a, b = made("a", (0, 0, 1, 0.3)), made("b", (1.01, 0, 2, 0.3))
    assert crowded(Screen("l", [a, made("b", (1.2, 0, 2, 0.3))], [])) == []
    assert crowded(Screen("l", [a, b], [])) == ["'a' against 'b'"]
    assert crowded(Screen("l", [made("edge", (-7.0, 0, -6, 0.3))], [])) == ["'edge' within the margin of the edge"]
    assert crowded(Screen("l", [made("low", (0, -3.1, 1, -2.8))], [])) == ["'low' in the caption band"]
    assert crowded(Screen("l", [], [Segment((0, -3.5), (1, 0), "#FFFFFF")])) == ["a line in the caption band"]


def test_the_timing_rules_can_fail() -> None:
    item, empty = made("0.4114", (0, 0, 1, 0.3)), Screen("", [], [])
    shown = Shown(subcaptions=["it is 0.4114"], line_starts=[1.0], duration=6.0)
    shown.moments = [Moment(1.0, 1.5, empty, 2), Moment(1.5, 3.0, Screen("", [item], []), 2)]
    assert late(shown) == ["'0.4114' 2.0 s after 'it is 0.4114'…"]
    shown.moments = [Moment(1.0, 1.5, Screen("", [item], []), 2)]
    assert late(shown) == []
    shown.cues = [(1.0, 2.0, "a"), (4.5, 5.0, "b")]
    assert silent(shown) == ["2.5 s without a caption after 'a'"]
    shown.moments = [Moment(0.0, 0.8, empty, 1), Moment(0.8, 3.0, empty, 1), Moment(3.0, 4.0, empty, 2)]
    assert title_alone(shown) == ["the title alone from 0.0 to 3.0 s"]
    shown.moments = [Moment(0.0, 0.8, empty, 1), Moment(0.8, 1.5, empty, 2)]
    assert title_alone(shown) == []


def test_the_colour_rule_can_fail() -> None:
    assert off_legend(Screen("l", [made("z", (0, 0, 1, 1), colour=theme.Z.to_hex())], [])) == []
    assert off_legend(Screen("l", [made("odd", (0, 0, 1, 1), colour="#123456")], [])) == ["'odd' in #123456"]
