"""The scene base class: fonts, background, title and narrated captions."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar, TypeVar

from manim import (
    Animation,
    AnimationGroup,
    BOLD,
    DOWN,
    LEFT,
    UL,
    UP,
    FadeIn,
    FadeOut,
    MathTypst,
    Mobject,
    Scene,
    Succession,
    Text,
    VGroup,
    config,
)
from manim.utils.exceptions import EndSceneEarlyException

from . import layout, theme
from .captions import LONGEST, Event, events
from .errors import PreviewError, SettingError
from .preview import CUES_VARIABLE, preview_range
from .i18n import language, t

M = TypeVar("M", bound=Mobject)

SHARED = ("series", "mnist")  # string tables every video may read


def _drop_svg_paths(mob: M) -> M:
    """Each glyph keeps the parsed SVG path it was built from, and every copy
    (each animation makes some) deep-copies it: a caption's copy cost 50 ms.
    The points are built by now, so the paths can go."""
    for part in mob.get_family():
        if hasattr(part, "path_obj"):
            part.path_obj = None
    return mob


def text(content: str, size: float = theme.BODY_SIZE, color=theme.TEXT, bold: bool = False) -> Text:  # type: ignore[no-untyped-def]
    """A line of text in the series' font (Hangul included)."""
    return _drop_svg_paths(Text(content, font=theme.FONT, font_size=size, color=color, weight=BOLD if bold else "NORMAL"))


def footnote(content: str, color=theme.MUTED) -> Text:  # type: ignore[no-untyped-def]
    """A footnote (where a digit comes from, a source): the one text allowed
    below the body's size floor (tests/test_glance_rules.py reads the mark)."""
    note = text(content, size=theme.NOTE_SIZE, color=color)
    note.footnote = True
    return note


def formula(expr: str, size: float = theme.MATH_SIZE, color=theme.TEXT) -> MathTypst:  # type: ignore[no-untyped-def]
    """A formula in Typst math syntax (no TeX anywhere)."""
    return _drop_svg_paths(MathTypst(expr, font_size=size, color=color))


def symbol(name: str) -> str:
    """A subscripted name in Typst: w5 → w_5, x1 → x_1."""
    return f"{name[0]}_{name[1:]}"


def fit_width(mob: Mobject, width: float) -> Mobject:
    """Shrink (never grow) a mobject to at most ``width``."""
    if mob.width > width:
        mob.scale_to_fit_width(width)
    return mob


class ExplainerScene(Scene):
    """A scene of the series. ``say(key)`` shows a narration line from the
    string table at the bottom, cut into subtitle events (captions.py) that
    follow one another at reading pace, and writes them to the subtitle file."""

    def setup(self) -> None:
        theme.register_fonts()
        self.camera.background_color = theme.BACKGROUND
        self.lang = language()
        self.narration: list[str] = []  # every line said, in order
        self.line_starts: list[float] = []  # when each began, in scene seconds
        self.said_keys: list[str] = []  # the full key of each, in the same order
        self.cues: list[str] = []  # every subtitle cue put up, numbered from 1 as in the .srt
        self._caption: Mobject | None = None
        self._events: tuple[Event, ...] = ()
        self._shown: list[float] = []  # when each event of the line went up
        self._range = preview_range()
        self._past_range = False
        self._skipping = self.renderer._original_skipping_status  # manim's own (-s skips every animation)
        if self._range and self._range[0] > 1:
            self.renderer._original_skipping_status = True  # the title too, when it comes before the range

    # The scene's table in the strings, declared once per scene: say("intro"),
    # s("intro") and show_title() read "<section>.intro" and "<section>.title".
    section: ClassVar[str] = ""

    def key(self, key: str) -> str:
        """The full key of a key relative to the scene's section; a key in a
        table every video shares (``series.``, ``mnist.``) is taken as it is."""
        if key.partition(".")[0] in SHARED:
            return key
        if not self.section:
            raise TypeError(f"{type(self).__name__}: declare `section` to use the key {key!r}")
        return f"{self.section}.{key}"

    def t(self, key: str, **values: object) -> str:
        """A line by its full key: another video's table (``alexnet.name``)."""
        return t(key, self.lang, **values)

    def s(self, key: str, **values: object) -> str:
        """A line of the scene's own section of the string table."""
        return self.t(self.key(key), **values)

    def source_tag(self, digit) -> Text:  # type: ignore[no-untyped-def]
        """Where a real digit comes from, discreetly: "MNIST #2002, label 4"."""
        return footnote(self.t("mnist.source", id=digit.id, label=digit.label))

    def render(self, preview: bool = False):  # type: ignore[no-untyped-def]
        """Render; a bad EXPLAINER_* setting ends it with one line that names
        it (exit 1; a preview range it cannot show, exit 2)."""
        try:
            return super().render(preview)
        except SettingError as err:
            if err.exit_code == 1:
                raise SystemExit(f"error: {err}") from None
            print(f"error: {err}", file=sys.stderr)
            raise SystemExit(err.exit_code) from None

    def show_title(self, key: str = "title") -> Text:
        """The scene's title, top left, kept for the whole scene."""
        title = text(self.s(key), size=theme.TITLE_SIZE, bold=True).to_corner(UL, buff=layout.TITLE_BUFF)
        self.play(FadeIn(title, shift=0.2 * DOWN), run_time=0.8)
        return title

    # Narration: one pacing rule for every scene and both languages.

    def say(self, key: str, **values: object) -> None:
        """Finish the current line (each of its events up for its reading
        time), then show the line at ``key``; it stays until the next."""
        self._finish_line()
        line = self.s(key, **values)
        self.narration.append(line)
        self.line_starts.append(self.time)
        self.said_keys.append(self.key(key))
        self._events, self._shown = events(line, self.lang), [self.time]
        self._cue_up(self._events[0])
        caption = self.caption_for(self._events[0])
        if self._caption is not None:
            # manim redraws every frame whatever lies above a moving mobject:
            # lift the old caption on top, so only it is redrawn as it fades.
            self.bring_to_front(self._caption)
        old = [FadeOut(self._caption, shift=0.1 * DOWN)] if self._caption is not None else []
        self.play(*old, FadeIn(caption, shift=0.1 * UP), run_time=0.5)
        self._caption = caption

    def caption_for(self, event: Event) -> Mobject:
        """The mobject that shows a subtitle event (a deck without captions
        draws nothing here, see delivery/slides.py)."""
        return caption_mobject(event)

    def hold(self, at_least: float = 0.5) -> None:
        """The one way a scene paces itself: wait until every event of the
        line has been up for its reading time, and at least ``at_least``
        seconds (a beat between the steps of a line, once it has been read)."""
        self.wait(max(at_least, self._line_due() - self.time))

    def beat(self, seconds: float) -> None:
        """A pause of exactly ``seconds`` inside a line that is still being
        read (a flip-book's page), its cues switching on time; between steps
        of a line, use hold()."""
        self.wait(seconds)

    def _line_due(self) -> float:
        """When the last event of the line will have been read."""
        k = len(self._shown) - 1
        return self._shown[-1] + sum(e.reading for e in self._events[k:]) if self._events else self.time

    def _next_switch(self) -> float | None:
        """When the next event of the line is due, if there is one."""
        k = len(self._shown) - 1
        return self._shown[-1] + self._events[k].reading if k + 1 < len(self._events) else None

    def _cue_up(self, event: Event) -> None:
        """Count a cue going up; in a preview of cues ``first``–``last``
        (EXPLAINER_LINES), draw only those, the way manim's ``-n`` skips
        animations, and end the scene after the last."""
        if self._range:
            first, last = self._range
            if len(self.cues) + 1 > last:
                self._past_range = True
                raise EndSceneEarlyException()
            self.renderer._original_skipping_status = self._skipping or len(self.cues) + 1 < first
        self.cues.append(event.text)

    def _switch(self) -> None:
        """Put up the line's next event in place of the current one."""
        self._cue_up(self._events[len(self._shown)])
        caption = self.caption_for(self._events[len(self._shown)])
        self.remove(self._caption)
        self.add(caption)
        self._caption = caption
        self._shown.append(self.time)

    def wait(self, duration: float = 1.0, *args, **kwargs) -> None:  # type: ignore[no-untyped-def, override]
        """A wait, cut where the caption's next event is due (cuts shorter
        than half a frame are not worth a frame of their own)."""
        frame = 1 / config.frame_rate
        end = self.time + duration
        while (due := self._next_switch()) is not None and due < end - frame / 2:
            if due - self.time >= frame / 2:
                super().wait(max(due - self.time, frame), *args, **kwargs)
            self._switch()
        if end - self.time >= frame / 2:
            super().wait(max(end - self.time, frame), *args, **kwargs)

    def play(self, *animations, **kwargs) -> None:  # type: ignore[no-untyped-def, override]
        """An animation, after the caption's next event if it is due."""
        due = self._next_switch()
        if due is not None and due <= self.time + 1e-6:
            self._switch()
        super().play(*animations, **kwargs)

    def _finish_line(self, pace: bool = True) -> None:
        """Show the line's remaining events for their reading time (unless
        ``pace`` is off), then write each event to the subtitles, none up
        longer than 7 s."""
        if not self._events:
            return
        if pace and self._line_due() > self.time + 1e-6:
            self.hold(at_least=0.0)
        if self._past_range:
            self._events = self._events[: len(self._shown)]  # the cues after a preview's range never went up
        while len(self._shown) < len(self._events):
            self._switch()  # zero-length waits left one due now
        ends = [*self._shown[1:], self.time]
        for event, start, end in zip(self._events, self._shown, ends):
            self.add_subcaption(event.text, duration=min(end - start, LONGEST), offset=start - self.time)
        self._events, self._shown = (), []

    def clear_stage(self, *keep: Mobject, then: Sequence[Animation] = (), run_time: float = 1.0) -> None:
        """Fade out everything but the caption and ``keep``; then, in the same
        play, ``then`` (what arrives, over ``run_time`` seconds), so nothing
        new is drawn over what is still fading."""
        leaving = [FadeOut(m) for m in self.mobjects if m is not self._caption and m not in keep]
        if leaving and then:
            self.play(Succession(AnimationGroup(*leaving, run_time=0.5), AnimationGroup(*then, run_time=run_time)))
        elif leaving:
            self.play(*leaving, run_time=0.6)
        elif then:
            self.play(*then, run_time=run_time)

    def tear_down(self) -> None:
        """The last line gets its reading time too, unless manim is stopping
        early (``-n``, or past a preview's range), when it is written as far
        as it was shown. A preview that never reached its range says so."""
        try:
            self._finish_line(pace=not self._past_range)
        except EndSceneEarlyException:
            self._past_range = True
            self._finish_line(pace=False)
        if self._range and len(self.cues) < self._range[0]:
            raise PreviewError(f"LINE={self._range[0]}: this video has {len(self.cues)} lines (see them with make list SCENE=<id>)")
        if out := os.environ.get(CUES_VARIABLE):
            Path(out).write_text(json.dumps(self.cues, ensure_ascii=False), encoding="utf-8")
        super().tear_down()


def caption_mobject(event: Event) -> VGroup:
    """An event's lines, centred, at the caption size (never shrunk), its
    last line on the caption baseline so that a second line grows upward."""
    lines = VGroup(*(text(line, size=theme.CAPTION_SIZE) for line in event.lines)).arrange(DOWN, buff=layout.CAPTION_LINE_GAP)
    lines.is_caption = True  # the one thing the caption band holds
    return lines.move_to([0, layout.CAPTION_BOTTOM, 0], aligned_edge=DOWN)


def stack(*mobs: Mobject, top_left: tuple[float, float] = layout.RIGHT_PANEL_TOP_LEFT, buff: float = layout.PANEL_LINE_GAP) -> VGroup:
    """Mobjects one under another, left-aligned from ``top_left`` (the
    formula panel to the right of a diagram)."""
    group = VGroup(*mobs).arrange(DOWN, aligned_edge=LEFT, buff=buff)
    return group.move_to([top_left[0], top_left[1], 0], aligned_edge=UL)


def cell(mob: M, x: float, y: float, numeric: bool = False) -> M:
    """A table cell in column ``x``, row ``y``: words start at ``x``, numbers
    are centred on it, so a column of numbers lines up on its middle."""
    return mob.move_to([x, y, 0]) if numeric else mob.move_to([x, y, 0], aligned_edge=LEFT)
