"""Narration cut into subtitle events by the timed-text conventions: checked
on hand-made lines here, and on every cue of every video in test_scenes.py."""

from __future__ import annotations

import pytest

from scenes.toolkit import layout, theme
from scenes.toolkit.base import caption_mobject
from scenes.toolkit.captions import (
    FRAME_MARGIN,
    LINE_WIDTH,
    LONGEST,
    SHORTEST,
    Event,
    break_lines,
    events,
    reading_time,
    timings,
    width,
)


def test_korean_width_counts_latin_spaces_and_punctuation_half() -> None:
    assert width("가나다", "ko") == 3
    assert width("가나 ab, 1", "ko") == 2 + 0.5 * 6
    assert width("가나 ab, 1", "en") == 8


def test_lines_keep_to_the_limit_and_never_cut_a_word_or_number() -> None:
    line = "The first conv layer makes 6 maps of 28×28 from 61,706 weights, and the second makes 16 more from those."
    lines = break_lines(line, "en")
    assert all(len(x) <= LINE_WIDTH["en"] for x in lines)
    assert " ".join(lines) == line  # only spaces became breaks
    assert any("61,706" in x for x in lines) and any("28×28" in x for x in lines)


def test_breaks_prefer_punctuation() -> None:
    assert break_lines("Softmax makes the scores probabilities, and the network says 4.", "en") == [
        "Softmax makes the scores probabilities,",
        "and the network says 4.",
    ]


def test_a_formula_stays_whole_when_it_fits() -> None:
    lines = break_lines("Each block adds its input back: y = F(x) + x, so the gradient has a path.", "en")
    assert any("y = F(x) + x" in x for x in lines)


def test_korean_lines_of_sixteen() -> None:
    line = "LeNet-5는 손글씨 숫자를 읽던 작은 네트워크로, 합성곱과 풀링을 처음으로 함께 학습했습니다."
    for event in events(line, "ko"):
        assert len(event.lines) <= 2
        assert all(width(x, "ko") <= 16 for x in event.lines)
    assert " ".join(x for e in events(line, "ko") for x in e.lines) == line


def test_a_sentence_starts_a_new_line_and_short_ones_share_an_event() -> None:
    assert events("Five networks. On log scales.", "en") == (Event(("Five networks.", "On log scales."), reading_time("Five networks. On log scales.", "en")),)
    long = "Five networks. Every bar grows from the layer specs, on a log scale, as the post describes."
    first, *rest = events(long, "en")
    assert first.lines == ("Five networks.",) and rest


def test_reading_time_and_its_floor() -> None:
    assert reading_time("x" * 34, "en") == pytest.approx(2.0 + FRAME_MARGIN)
    assert reading_time("가" * 24, "ko") == pytest.approx(2.0 + FRAME_MARGIN)
    assert reading_time("Hi.", "en") == SHORTEST + FRAME_MARGIN


def test_timings_follow_reading_and_cap_at_seven_seconds() -> None:
    line = "The first event is this long sentence here. The second event follows it and closes the line."
    (s1, e1, _), (s2, e2, last) = timings(line, "en", 10.0, 40.0)
    assert s1 == 10.0 and e1 == pytest.approx(10.0 + events(line, "en")[0].reading) and s2 == e1
    assert e2 == s2 + LONGEST and last.lines[-1].endswith("the line.")


def test_the_caption_is_never_shrunk_and_is_body_size() -> None:
    assert theme.CAPTION_SIZE >= theme.BODY_SIZE
    caption = caption_mobject(Event(("A line that is rather long for a caption", "and a second one."), 3.0))
    assert [part.font_size for part in caption] == pytest.approx([theme.CAPTION_SIZE] * 2)
    assert caption.get_bottom()[1] == pytest.approx(layout.CAPTION_BOTTOM)
