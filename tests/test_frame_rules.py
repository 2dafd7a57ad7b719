"""Rules every frame follows, read from the scene inventory (what was on
screen at the end of each narration line): true minus signs, captions at
body size, and labels clear of each other and of lines not their own."""

import re
from itertools import combinations

import pytest
from scene_harness import Item, Screen, Segment
from test_inventory import tokens

from scenes.series import SERIES
from scenes.toolkit import LANGUAGES, text, theme
from scenes.toolkit.base import caption_mobject
from scenes.toolkit.captions import events

WORKED = ("forward", "loss", "backprop", "update", "training", "rounding")
HYPHEN_NUMBER = re.compile(r"(?<![\w.])-\d")  # a hyphen where a minus belongs: "-0.227" (not "2-2-1")
QUOTED = re.compile(r'"[^"]*"')  # Typst's text inside a formula, which Typst does not turn into math
TOUCH = 0.02  # scene units: boxes closer than a hairline do not count as overlapping


def upright_text(item: Item) -> str:
    """What of an item is set as text: all of a Text, only the quoted parts of a formula."""
    return item.source if item.kind == "text" else " ".join(QUOTED.findall(item.source))


def hyphen_minus(strings: list[str]) -> list[str]:
    return [s for s in strings if HYPHEN_NUMBER.search(s)]


@pytest.mark.parametrize("scene_id", [e.id for e in SERIES])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_negative_number_has_a_true_minus(series_runs, scene_id: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown = series_runs[(scene_id, lang)]
    on_screen = [upright_text(i) for screen in shown.every_screen() for i in screen.items]
    assert not hyphen_minus(on_screen + shown.subcaptions), f"a hyphen for a minus: {hyphen_minus(on_screen + shown.subcaptions)[:3]}"


def test_the_minus_rule_can_fail() -> None:
    assert hyphen_minus(["w_1: -0.0204", "2-2-1", "x-1", "−0.227"]) == ["w_1: -0.0204"]
    assert upright_text(Item("formula", 'a = -0.2 "is -3"', (0, 0, 1, 1), "#FFFFFF")) == '"is -3"'


def test_a_caption_is_never_smaller_than_body_text() -> None:
    line = "A long narration line that needs two lines of caption at the size of the body text, whatever it says."
    (event, *_) = events(line, "en")
    caption = caption_mobject(event)
    body = text(event.lines[0], size=theme.BODY_SIZE)
    assert caption[0].height == pytest.approx(body.height, rel=1e-6)
    assert theme.CAPTION_SIZE >= theme.BODY_SIZE


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > TOUCH and min(a[3], b[3]) - max(a[1], b[1]) > TOUCH


def crosses(segment: Segment, box: tuple[float, ...]) -> bool:
    """Whether the segment passes through the box (shrunk by a hairline), by clipping."""
    (x0, y0), (x1, y1) = segment.start, segment.end
    lo, hi = 0.0, 1.0
    for p, q in ((-(x1 - x0), x0 - (box[0] + TOUCH)), (x1 - x0, (box[2] - TOUCH) - x0),
                 (-(y1 - y0), y0 - (box[1] + TOUCH)), (y1 - y0, (box[3] - TOUCH) - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        lo, hi = (max(lo, t), hi) if p < 0 else (lo, min(hi, t))
    return lo < hi


def own_line(segment: Segment, item: Item) -> bool:
    """A label sits on its own line when the line runs through its middle (an
    edge label on its plate)."""
    (x0, y0), (x1, y1) = segment.start, segment.end
    cx, cy = item.centre
    length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1e-9)
    return abs((x1 - x0) * (y0 - cy) - (x0 - cx) * (y1 - y0)) / length < 0.05


def clashes(screen: Screen) -> list[str]:
    found = [f"{a.source!r} on {b.source!r}" for a, b in combinations(screen.items, 2) if overlap(a.box, b.box)]
    found += [
        f"a line through {item.source!r}"
        for item in screen.items
        for segment in screen.lines
        if crosses(segment, item.box) and not own_line(segment, item)
    ]
    return found


@pytest.mark.parametrize("scene_id", WORKED)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_labels_keep_clear_of_each_other_and_of_lines(series_runs, scene_id: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    problems = [f"{screen.line[:30]}…: {c}" for screen in series_runs[(scene_id, lang)].screens for c in clashes(screen)]
    assert not problems, "\n".join(problems[:8])


def test_the_clearance_rule_can_fail() -> None:
    label = Item("formula", "w_1 = 0.3", (0.0, 0.0, 1.0, 0.4), "#FFFFFF")
    edge_of_its_own = Segment((-1.0, 0.2), (2.0, 0.2), "#FFFFFF")
    another_edge = Segment((0.0, -1.0), (1.0, 1.0), "#FFFFFF")
    beside = Item("formula", "w_2 = 0.2", (0.9, 0.3, 1.9, 0.7), "#FFFFFF")
    assert clashes(Screen("line", [label], [edge_of_its_own])) == []
    assert clashes(Screen("line", [label], [another_edge])) == ["a line through 'w_1 = 0.3'"]
    assert clashes(Screen("line", [label, beside], [])) == ["'w_1 = 0.3' on 'w_2 = 0.2'"]


def said_numbers_missing(shown) -> list[str]:  # type: ignore[no-untyped-def]
    """Each number a narration line says that no screen during that line shows
    (the same value, to the coarser of the two precisions)."""
    gaps = []
    for line in shown.subcaptions:
        seen = [t for screen in shown.every_screen() if screen.line == line for item in screen.items for t in tokens(item.source)]
        for said in tokens(line):
            if not any(s.kind == said.kind and abs(s.value - said.value) <= max(s.tolerance, said.tolerance) + 1e-9 for s in seen):
                gaps.append(f"{said.text!r} in {line[:40]!r}…")
    return gaps


@pytest.mark.parametrize("scene_id", [e.id for e in SERIES])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_number_said_is_on_screen_while_it_is_said(series_runs, scene_id: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    gaps = said_numbers_missing(series_runs[(scene_id, lang)])
    assert not gaps, "said but not shown: " + "; ".join(gaps[:6])
