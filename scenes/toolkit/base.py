"""The scene base class: fonts, background, title and narrated captions."""

from __future__ import annotations

from typing import TypeVar

from manim import BOLD, DOWN, LEFT, UL, UP, FadeIn, FadeOut, MathTypst, Mobject, Scene, Text, VGroup

from . import theme

from .i18n import language, t

M = TypeVar("M", bound=Mobject)

# Reading speed, characters per second (Netflix's timed-text guides): a
# caption stays up at least as long as it takes to read in its own language.
READING_SPEED = {"en": 17.0, "ko": 12.0}


def reading_time(line: str, lang: str) -> float:
    """Seconds a viewer needs to read ``line``."""
    return len(line) / READING_SPEED[lang]


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


def math(expr: str, size: float = theme.MATH_SIZE, color=theme.TEXT) -> MathTypst:  # type: ignore[no-untyped-def]
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
    string table at the bottom and writes it to the subtitle file."""

    caption_width = 12.6

    def setup(self) -> None:
        theme.register_fonts()
        self.camera.background_color = theme.BACKGROUND
        self.lang = language()
        self._caption: Mobject | None = None
        self._caption_line = ""
        self._caption_start = 0.0

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def source_tag(self, digit) -> Text:  # type: ignore[no-untyped-def]
        """Where a real digit comes from, discreetly: "MNIST #2002, label 4"."""
        return text(self.t("mnist.source", id=digit.id, label=digit.label), size=theme.SMALL_SIZE * 0.8, color=theme.MUTED)

    def show_title(self, key: str) -> Text:
        """The scene's title, top left, kept for the whole scene."""
        title = text(self.t(key), size=theme.TITLE_SIZE, bold=True).to_corner(UL, buff=0.45)
        self.play(FadeIn(title, shift=0.2 * DOWN), run_time=0.8)
        return title

    def say(self, key: str, **values: object) -> None:
        """Replace the caption with the line at ``key``; it stays until the next."""
        self._close_caption()
        line = self.t(key, **values)
        caption = fit_width(text(line, size=theme.CAPTION_SIZE, color=theme.TEXT), self.caption_width)
        caption.move_to([0, theme.CAPTION_Y, 0])
        old = [FadeOut(self._caption, shift=0.1 * DOWN)] if self._caption is not None else []
        self.play(*old, FadeIn(caption, shift=0.1 * UP), run_time=0.5)
        self._caption, self._caption_line, self._caption_start = caption, line, self.time

    def hold(self, at_least: float = 0.5) -> None:
        """Wait until the current caption has been up for its reading time,
        and at least ``at_least`` seconds more: the one pacing rule, so
        Korean and English lines each get the time they need."""
        due = self._caption_start + reading_time(self._caption_line, self.lang) - self.time
        self.wait(max(at_least, due))

    def _close_caption(self) -> None:
        if self._caption_line:
            shown = self.time - self._caption_start + 0.5
            self.add_subcaption(self._caption_line, duration=shown, offset=-shown)
            self._caption_line = ""

    def clear_stage(self, *keep: Mobject) -> None:
        """Fade out everything but the caption and ``keep``."""
        leaving = [m for m in self.mobjects if m is not self._caption and m not in keep]
        if leaving:
            self.play(*(FadeOut(m) for m in leaving), run_time=0.6)

    def tear_down(self) -> None:
        self._close_caption()
        super().tear_down()




def stack(*mobs: Mobject, top_left: tuple[float, float] = (0.6, 2.3), buff: float = 0.32) -> VGroup:
    """Mobjects one under another, left-aligned from ``top_left`` (the
    formula panel to the right of a diagram)."""
    group = VGroup(*mobs).arrange(DOWN, aligned_edge=LEFT, buff=buff)
    return group.move_to([top_left[0], top_left[1], 0], aligned_edge=UL)
