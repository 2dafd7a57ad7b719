"""Narration cut into subtitle events by the timed-text conventions and at
phrase boundaries: checked on hand-made lines and on every line of the string
tables here, and on every cue of every video in test_scenes.py."""

from __future__ import annotations

import string
import subprocess
import sys
import textwrap

import pytest
from conftest import REPO

from scenes.toolkit import layout, theme
from scenes.toolkit.base import caption_mobject
from scenes.toolkit.captions import (
    FRAME_MARGIN,
    LINE_WIDTH,
    LONGEST,
    SENTENCE_END,
    SHORTEST,
    Event,
    break_lines,
    eojeol_tags,
    events,
    reading_time,
    timings,
    width,
)
from scenes.toolkit.i18n import LANGUAGES, t, table


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



# --- phrases ------------------------------------------------------------------

# Table values where a placeholder's width matters to the breaks (the rest:
# two digits, the width of most of the series' numbers).
MODELS = {"name": "VGG-16", "largest": "VGG-16", "low_name": "AlexNet", "high_name": "VGG-16", "layer": "FC6"}
LINEAGE = {"first": "LeNet-5", "last": "ResNet-152", "best": "ResNet-152"}  # lineage's first, last, best are models
FLATTENING = {"hidden": "100", "filters": "32", "kernel": "3"}


def table_lines(lang: str) -> dict[str, str]:
    """Every line of the language's string table, its placeholders filled."""
    out: dict[str, str] = {}

    def walk(node: dict[str, object], prefix: str) -> None:
        for key, value in node.items():
            if isinstance(value, dict):
                walk(value, f"{prefix}{key}.")
            elif isinstance(value, str):
                names = {field for _, field, _, _ in string.Formatter().parse(value) if field}
                known = {**MODELS, **(LINEAGE if prefix == "lineage." else {})}
                out[prefix + key] = value.format(**{name: known.get(name, "12") for name in names})

    walk(table(lang), "")
    return out


def cuts(line: str, lang: str) -> list[tuple[list[str], int]]:
    """Each break of the line's captions inside a sentence, between two lines
    of an event or two events: the sentence's words, and the index of the
    word after the break."""
    lines = iter([text for event in events(line, lang) for text in event.lines])
    out = []
    for sentence in SENTENCE_END.split(line.strip()):
        words, at = sentence.split(), len(next(lines).split())
        while at < len(words):
            out.append((words, at))
            at += len(next(lines).split())
    return out


def korean_split(words: list[str], at: int) -> bool:
    """Whether a break before words[at] follows a modifier (ETM 계산한, MM 각,
    genitive JKG 위의) or falls inside a compound (a bare noun or number, then
    a noun that no verb ending follows)."""
    before, after = eojeol_tags(" ".join(words))[at - 1 : at + 1]
    compound = before[-1] in {"NNG", "NNP", "NNB", "NR", "SN", "SL"} and after[0] in {"NNG", "NNP", "NNB", "NR"}
    return before[-1] in {"ETM", "MM", "JKG"} or (compound and not {"VV", "VA", "XSV", "XSA"} & set(after))


def english_split(words: list[str], at: int) -> bool:
    """Whether a break before words[at] follows an article, a possessive or a
    preposition, or the word after an article or a possessive pronoun when no
    preposition or conjunction comes next."""
    opens = {"a", "an", "the", "its", "their", "this", "these", "each", "every"}
    prepositions = {"of", "to", "in", "on", "at", "by", "with", "for", "from", "into", "over", "than", "as"}
    starts = prepositions | {"and", "but", "or", "so", "which", "that", "while", "where", "it"}
    last, following = words[at - 1].lower(), words[at].lower()
    opener = words[at - 2].lower() if at >= 2 else ""
    return last in opens | prepositions or last.endswith(("'s", "s'")) or (opener in opens and following not in starts)


def phrase_splits(line: str, lang: str) -> list[str]:
    """The breaks of the line's captions that split a phrase (none after
    punctuation, which ends one)."""
    split = korean_split if lang == "ko" else english_split
    found = [(words, at) for words, at in cuts(line, lang) if words[at - 1][-1] not in ",.!?:;)" and split(words, at)]
    return [f"{words[at - 1]} / {words[at]}" for words, at in found]


def test_the_phrase_checks_can_fail() -> None:
    neighbours = "파란 픽셀과 바로 아래 빨간 픽셀은 이미지에서 이웃입니다.".split()
    assert korean_split(neighbours, 5) and not korean_split(neighbours, 2)  # 빨간 / 픽셀은, 픽셀과 / 바로
    output = "The output neuron multiplies the activations by its weights and adds them up.".split()
    assert english_split(output, 8) and not english_split(output, 9)  # its / weights, weights / and


# The breaks that split a phrase before phrases counted, on the real lines:
# no line may end on the word given.
SPLIT_BEFORE = [
    ("ko", "flattening.neighbours", {}, "빨간"),  # 빨간 / 픽셀은
    ("ko", "training.exact", {}, "계산한"),  # 계산한 / 값이라
    ("ko", "forward.activations", {}, "은닉"),  # 두 은닉 / 노드의
    ("ko", "forward.activations_together", {}, "곡선"),  # 곡선 / 위의
    ("ko", "learning.features", {"label": "7"}, "각"),  # 각 / 필터를
    ("ko", "flattening.digit", {"side": "28"}, "한"),  # 한 / 줄로, in the wording below
    ("ko", "flattening.params", FLATTENING, "완전"),  # across two events: 완전 || 연결층과
    ("ko", "flattening.params", FLATTENING, "3×3"),  # across two events: 3×3 || 필터(커널)를
    ("ko", "forward.sigmoid", {}, "1"),  # 0과 1 / 사이의
    ("ko", "lineage.best_not_largest", {"best": "ResNet-152", "largest": "VGG-16", "ratio": "2.3"}, "VGG-16의"),
    ("en", "forward.output", {}, "its"),  # by its / weights
    ("en", "flattening.params", FLATTENING, "hidden"),  # across two events: 100 hidden || units, in the wording below
    ("en", "backprop.w5", {}, "gradient"),  # so its gradient / is that derivative
    ("en", "training.exact", {}, "the"),  # differ slightly in the / last digits
]
# The same, on lines whose wording the tables have changed since.
SPLIT_BEFORE_REWORDED = [
    ("ko", "실제 손글씨 숫자, 28×28 픽셀 이미지입니다. MLP에 넣으려면 한 줄로 펴야 합니다.", "한"),
    ("en", "Parameters are the other problem: a dense layer of 100 hidden units against 32 filters of 3×3.", "hidden"),
]


def assert_not_ended_on(line: str, lang: str, word: str) -> None:
    """No line of the line's captions ends on ``word`` inside a sentence."""
    assert word in line.split(), f"{word!r} is not a word of {line!r}"
    assert word not in [words[at - 1] for words, at in cuts(line, lang)], [event.lines for event in events(line, lang)]


@pytest.mark.parametrize(("lang", "key", "values", "word"), SPLIT_BEFORE)
def test_the_narration_no_longer_splits_these_phrases(lang: str, key: str, values: dict[str, str], word: str) -> None:
    assert_not_ended_on(t(key, lang, **values), lang, word)


@pytest.mark.parametrize(("lang", "line", "word"), SPLIT_BEFORE_REWORDED)
def test_nor_in_their_earlier_wording(lang: str, line: str, word: str) -> None:
    assert_not_ended_on(line, lang, word)


def test_zero_and_one_share_a_line() -> None:
    (event,) = events(t("forward.sigmoid", "ko"), "ko")
    assert any("0과 1 사이의" in text for text in event.lines)


def even_break(sentence: str, lang: str) -> str:
    """The word before the most even break into two lines: where the search
    breaks a sentence without punctuation when phrases do not count."""
    words = sentence.split()
    gap = [abs(width(" ".join(words[:i]), lang) - width(" ".join(words[i:]), lang)) for i in range(1, len(words))]
    return words[gap.index(min(gap))]


@pytest.mark.parametrize(
    ("sentence", "lang", "modifier"),
    [
        ("창고 안의 작은 상자에 오래된 빨간 자전거가 있습니다.", "ko", "오래된"),
        ("The small box behind the door holds the red bicycle.", "en", "the"),
    ],
)
def test_a_modifier_keeps_its_noun_where_the_most_even_break_would_split_them(sentence: str, lang: str, modifier: str) -> None:
    assert even_break(sentence, lang) == modifier  # so the phrase rule, not evenness, keeps them
    lines = break_lines(sentence, lang)
    assert len(lines) == 2 and lines[0].split()[-1] != modifier


def test_a_phrase_wider_than_a_line_falls_back_to_the_cheapest_break_within_the_limits() -> None:
    sentence = "가장 정확한 모델 ResNet-152의 파라미터가 가장 많습니다."  # the subject alone is wider than a line
    lines = break_lines(sentence, "ko")
    assert len(lines) == 2 and all(width(text, "ko") <= LINE_WIDTH["ko"] for text in lines)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_table_line_keeps_to_the_limits(lang: str) -> None:
    for key, line in table_lines(lang).items():
        shown = events(line, lang)
        assert " ".join(text for event in shown for text in event.lines) == " ".join(line.split()), key
        for event in shown:
            assert 1 <= len(event.lines) <= 2, key
            assert all(width(text, lang) <= LINE_WIDTH[lang] or " " not in text for text in event.lines), (key, event.lines)


# The table lines whose captions still split a phrase, and why: every layout
# within the limits splits one.
STILL_SPLIT = {
    "ko": {
        "lineage.best_is_largest": "가장 정확한 모델 ResNet-152의 파라미터가: the subject is wider than a line",
        "pipeline.flatten": "숫자의 픽셀 12개 대신 특징 12개입니다: the sentence is one noun phrase, wider than a line",
        "googlenet.note_plain": "torchvision의 GoogLeNet(보조 분류기 제외)과: a label wider than a line",
        "googlenet.note_quirk": "torchvision의 GoogLeNet(보조 분류기 제외): a label wider than a line",
    },
    "en": {},
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_table_lines_split_no_phrase_but_the_known_ones(lang: str) -> None:
    found = {key: where for key, line in table_lines(lang).items() if (where := phrase_splits(line, lang))}
    assert set(found) == set(STILL_SPLIT[lang]), found


def test_kiwi_loads_only_for_a_korean_line_that_needs_a_break() -> None:
    script = textwrap.dedent(
        """
        import sys
        from scenes.toolkit.captions import events
        events("짧은 한국어 줄입니다.", "ko")
        events("An English line that is far too long for a single line of captions.", "en")
        assert "kiwipiepy" not in sys.modules
        events("파란 픽셀과 바로 아래 빨간 픽셀은 이미지에서 이웃입니다.", "ko")
        assert "kiwipiepy" in sys.modules
        """
    )
    subprocess.run([sys.executable, "-c", script], cwd=REPO, check=True)
