"""The lineage, closing the series: LeNet-5 to ResNet-152 as a timeline of
year, depth, parameters, multiply–accumulates and top-1, each bar grown from
mathcore's layer specs, with one line per model naming its step forward.

The closing sentences compare the models, so they are chosen by the numbers
(``*_key`` below): other specs never make the video say something false."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from manim import (
    DL,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    FadeIn,
    GrowFromEdge,
    Indicate,
    Line,
    Rectangle,
    Text,
    VGroup,
)

from mathcore import ARCHITECTURES, Architecture
from mathcore.lineage.specs import Conv
from scenes.toolkit import ExplainerScene, layout, text, theme
from scenes.toolkit.theme import fmt, fmt_int, fmt_percent, fmt_si

# The series' LeNet-5 is the modern form the pipeline and learning videos train.
MODELS = ("lenet5", "alexnet", "vgg16", "googlenet", "resnet152")

# Columns (left edges, x) and the widest bar of each log-scaled quantity:
# from the frame's left margin to its right one, each column's widest
# number (and the growth beside its header) clear of the next column.
NAME_X, YEAR_X, TOP1_X = -6.6, -4.7, 5.35
BARS = {"depth": (-3.75, 1.3), "params": (-1.55, 1.75), "macs": (1.5, 1.75)}
HEADER_Y, FIRST_ROW_Y, ROW_STEP = 2.35, 1.78, 0.94  # the last step line stays clear of a two-line caption
HEADER_BASELINE = HEADER_Y - 0.15  # the headers' letters stand on it (descenders below): a two-line header grows up
DESCENDERS = "gjpqy"  # letters that reach below the line the others stand on
RULE_Y, RULE_END_X = HEADER_Y - 0.28, 6.6  # the line under the headers, to the right margin
STEP_BELOW = 0.36  # the step-forward line sits under its row
BAR_HEIGHT = 0.26
THINNEST_BAR = 0.04  # the smallest value on a log axis still shows
ROW_READING = 2.5  # a new row brings five numbers and a line to read beyond the caption
ARRIVE = 0.4  # s: what a line names comes up in the play after its caption's, within a second of its start

# One colour per quantity, as in the ResNet video's family chart: depth a
# number of layers, parameters, MACs; ImageNet top-1 (not barred) in ACCURACY.
COLOUR = {"depth": theme.DEPTH, "params": theme.PARAMS, "macs": theme.MACS}
SHOWN: dict[str, Callable[[int], str]] = {"depth": str, "params": fmt_si, "macs": fmt_si}  # a bar's number


# --- what the numbers allow ---------------------------------------------------------


def quantities(arch: Architecture) -> dict[str, int]:
    """The three barred quantities of a model, by the names of BARS."""
    return {"depth": arch.weight_layers, "params": arch.params, "macs": arch.macs}


def short_name(arch: Architecture) -> str:
    """The name without its parenthesis: "LeNet-5 (modern)" → "LeNet-5"."""
    return arch.name.split(" (")[0]


def decades(values: Sequence[float]) -> tuple[int, int]:
    """The powers of ten a log axis spans to hold every value."""
    return math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))


def log_share(value: float, span: tuple[int, int]) -> float:
    """Where ``value`` sits on a log axis from 10^span[0] to 10^span[1], in 0–1."""
    low, high = span
    return (math.log10(value) - low) / (high - low)


def ratio(last: float, first: float) -> str:
    """How many times ``first`` the ``last`` is, as the screen says it: 2.3,
    30, 27,642 (one decimal below ten, where rounding would hide a third)."""
    times = last / first
    return fmt(times, "ratio") if times < 10 else fmt_int(round(times))


def growth_key(models: Sequence[Architecture]) -> str:
    """Did depth, parameters and work all grow from the first model to the last?"""
    first, last = models[0], models[-1]
    grew = last.weight_layers > first.weight_layers and last.params > first.params and last.macs > first.macs
    return "grew" if grew else "not_all_grew"


def best_and_largest(models: Sequence[Architecture]) -> tuple[Architecture, Architecture]:
    """The most accurate ImageNet model and the one with the most parameters
    (LeNet-5, with no ImageNet top-1, is not ranked)."""
    ranked = [m for m in models if m.top1 is not None]
    return max(ranked, key=lambda m: m.top1 or 0.0), max(ranked, key=lambda m: m.params)


def best_key(models: Sequence[Architecture]) -> str:
    """Is the most accurate ImageNet model also the one with the most parameters?"""
    best, largest = best_and_largest(models)
    return "best_is_largest" if best is largest else "best_not_largest"


def baseline(label: Text) -> float | None:
    """The line a text's last line of letters stands on: the middle bottom
    of its letters and digits without a descender (not of "p" in "depth");
    None for a text of neither (a dash)."""
    written = label.original_text  # .text has lost its line breaks
    chars = [c for c in written if not c.isspace()]
    last = [c for c in written.split("\n")[-1] if not c.isspace()]
    glyphs = label.submobjects[len(chars) - len(last):]
    bottoms = sorted(float(g.get_bottom()[1]) for g, c in zip(glyphs, last) if c.isalnum() and c not in DESCENDERS)
    return bottoms[len(bottoms) // 2] if bottoms else None


def on_baseline(label: Text, y: float | None) -> Text:
    """``label`` moved up or down so that its letters stand on ``y`` (a
    text without letters, or no line to stand on, stays where it is)."""
    own = baseline(label)
    return label if own is None or y is None else label.shift((y - own) * UP)


def kernel_sizes(arch: Architecture) -> list[int]:
    """The kernel size of every convolution, in order."""
    return [row.spec.kernel for row in arch.rows() if isinstance(row.spec, Conv)]


# --- the video ----------------------------------------------------------------------


class Lineage(ExplainerScene):
    section = "lineage"

    def construct(self) -> None:
        self.models = [ARCHITECTURES[m] for m in MODELS]
        self.spans = {q: decades([quantities(m)[q] for m in self.models]) for q in BARS}
        self.rows: list[VGroup] = []  # name, year, bars, numbers, top-1, step line
        self.show_title()
        self.show_header()
        for k, arch in enumerate(self.models):
            self.add_model(k, arch)
        self.sum_up_the_growth()
        self.point_at_the_most_accurate()

    # 1. The columns.

    def show_header(self) -> None:
        """The columns come in under the title, before the first line (whose
        first words are on screen for barely a second)."""
        x = {"name": NAME_X, "year": YEAR_X, **{q: BARS[q][0] for q in BARS}, "top1": TOP1_X}
        self.header = {
            key: on_baseline(text(self.s(f"header_{key}"), size=theme.AXIS_SIZE, color=theme.MUTED, bold=True).move_to([left, HEADER_BASELINE, 0], aligned_edge=DL), HEADER_BASELINE)
            for key, left in x.items()
        }
        rule = Line([NAME_X, RULE_Y, 0], [RULE_END_X, RULE_Y, 0], stroke_width=1, color=theme.MUTED)
        self.play(FadeIn(VGroup(*self.header.values())), FadeIn(rule), run_time=0.5)
        self.say("intro")
        self.hold()

    # 2. One row per model, its bars grown from the specs.

    def add_model(self, k: int, arch: Architecture) -> None:
        self.say(arch.id, **self.step_values(arch))
        y = layout.row_y(k, top=FIRST_ROW_Y, step=ROW_STEP)
        name = text(short_name(arch), size=theme.SMALL_SIZE, bold=True).move_to([NAME_X, y, 0], aligned_edge=LEFT)
        year = text(str(arch.year), size=theme.SMALL_SIZE).move_to([YEAR_X, y, 0], aligned_edge=LEFT)
        top1 = (
            text(fmt_percent(arch.top1 / 100), size=theme.SMALL_SIZE, color=theme.ACCURACY)
            if arch.top1 is not None
            else text(self.s("no_top1"), size=theme.AXIS_SIZE, color=theme.MUTED)
        ).move_to([TOP1_X, y, 0], aligned_edge=LEFT)
        # The row's words stand on the line its year (digits, centred on the bars) stands on.
        on_baseline(name, baseline(year))
        on_baseline(top1, baseline(year))
        step = text(self.s(f"step_{arch.id}", **self.step_values(arch)), size=theme.AXIS_SIZE, color=theme.MUTED)
        step.move_to([NAME_X, y - STEP_BELOW, 0], aligned_edge=LEFT)
        bars, numbers = self.bars(arch, y)
        # The whole row with its line: the numbers the line says are up within a second.
        self.play(FadeIn(VGroup(name, year), shift=0.1 * RIGHT), *(GrowFromEdge(b, LEFT) for b in bars), FadeIn(numbers), FadeIn(top1), FadeIn(step),
                  run_time=ARRIVE)
        self.rows.append(VGroup(name, year, bars, numbers, top1, step))
        self.hold(ROW_READING)

    def bars(self, arch: Architecture, y: float) -> tuple[VGroup, VGroup]:
        values = quantities(arch)
        bars, numbers = VGroup(), VGroup()
        for q, (left, widest) in BARS.items():
            width = max(THINNEST_BAR, widest * log_share(values[q], self.spans[q]))
            bar = Rectangle(width=width, height=BAR_HEIGHT, stroke_width=0, fill_color=COLOUR[q], fill_opacity=0.8)
            bar.move_to([left, y, 0], aligned_edge=LEFT)
            bars.add(bar)
            numbers.add(text(SHOWN[q](values[q]), size=theme.AXIS_SIZE, color=COLOUR[q]).next_to(bar, RIGHT, buff=0.1))
        return bars, numbers

    def step_values(self, arch: Architecture) -> dict[str, object]:
        """The numbers a model's step-forward line names, from its specs."""
        kernels = kernel_sizes(arch)
        return {"depth": arch.weight_layers, "first": kernels[0], "smallest": min(kernels), "largest": max(kernels)}

    # 3. What grew, and what it bought.

    def sum_up_the_growth(self) -> None:
        first, last = self.models[0], self.models[-1]
        key = growth_key(self.models)
        growths = {q: ratio(quantities(last)[q], quantities(first)[q]) for q in BARS}
        self.say(key, first=short_name(first), last=last.name, **growths)
        if key == "grew":
            # Each column's growth from the first row to the last, beside its header, as the line says it.
            times = VGroup(*(on_baseline(text(f"×{growths[q]}", size=theme.AXIS_SIZE, color=COLOUR[q], bold=True).next_to(self.header[q], RIGHT, buff=0.2), HEADER_BASELINE)
                             for q in BARS))
            self.play(FadeIn(times), run_time=ARRIVE)
        self.play(Indicate(self.rows[0][2], color=theme.FOCUS), Indicate(self.rows[-1][2], color=theme.FOCUS), run_time=1.0)
        self.hold()

    def point_at_the_most_accurate(self) -> None:
        best, largest = best_and_largest(self.models)
        self.say(best_key(self.models), best=best.name, largest=largest.name, ratio=ratio(largest.params, best.params))
        best_row, largest_row = (self.rows[self.models.index(m)] for m in (best, largest))
        params = VGroup(largest_row[2][1], largest_row[3][1])  # its parameter bar and count
        if best is not largest:
            # Under the largest's count, above its own step line's level (that line sits at the left), as the line says it.
            times = text(self.s("times_label", ratio=ratio(largest.params, best.params), best=best.name), size=theme.AXIS_SIZE, color=theme.FOCUS)
            self.play(FadeIn(times.next_to(largest_row[3][1], DOWN, buff=0.1, aligned_edge=LEFT)), run_time=ARRIVE)
        self.play(Indicate(best_row[4], color=theme.FOCUS, scale_factor=1.3), Indicate(params, color=theme.FOCUS), run_time=1.0)
        self.hold(1.5)
