"""The gradient-descent update: each weight takes a step against its
gradient, w' = w − η·∂L/∂w. The forward pass again with the new weights
shows that one step helps: ŷ moves toward the target and the loss falls."""

import math
import re
from decimal import Decimal
from collections.abc import Sequence

from manim import (
    DOWN,
    UP,
    UR,
    Dot,
    FadeIn,
    FadeOut,
    LaggedStart,
    MathTypst,
    NumberLine,
    Rectangle,
    Transform,
    VGroup,
    Write,
)

from mathcore import EDGES, WEIGHTS
from scenes.toolkit import (
    ExplainerScene,
    NetworkDiagram,
    example,
    fit_width,
    formula,
    stack,
    theme,
)
from scenes.toolkit.layout import LEFT_PANEL
from scenes.toolkit.theme import fmt

INTO_HIDDEN = [w for w in WEIGHTS if EDGES[w][1] != "y"]
INTO_OUTPUT = [w for w in WEIGHTS if EDGES[w][1] == "y"]
RULE_AT = (0, 0.6, 0)  # the rule and η, alone in the middle
RULE_SMALL = 0.8  # then smaller, in the top-right corner, above the six updates (η stays over the size floor)
RULE_CORNER_BUFF = 0.5
UPDATES_AT = (0, -0.5, 0)
UPDATES_WIDTH = 12.4
UPDATES_WRITING = 3.5  # the six updates, written one after another
OUTPUT_TOP_LEFT = (0.4, 1.8)  # the new ŷ's sum beside the network
TAG_BUFF = 0.15  # an activation's value above (below) its node
NUMBER_LINE_AT = (0, 1.7, 0)  # high enough that the loss bars fit under it
NUMBER_LINE_LENGTH = 11
DOT_RADIUS = 0.1
BAR_WIDTH = 1.2
BAR_TALLEST = 2.2  # the old loss's bar; the new one in proportion
OLD_BAR_BOTTOM = (-1.2, -2.5)  # the middle of the old loss's bar's foot; the new one's is BAR_STEP to its right
BAR_STEP = 2.4
QUICK = 0.4  # what a line names comes up within a second of the line
GROUP = re.compile(r"\{\{\s*(.*?)\s*:\s*\w+\s*\}\}")  # a part of a formula to colour: {{ 0.3 : old }}


def tinted(expr: str, size: float, **colours) -> MathTypst:  # type: ignore[no-untyped-def]
    """A formula whose parts ``{{ … : name }}`` are drawn in ``colours[name]``.
    Typst lays it out as the plain formula, glyph for glyph: the plain one
    is returned, coloured, so that its source reads as what is on screen."""
    plain = formula(GROUP.sub(r"\1", expr), size=size)
    grouped = formula(expr, size=size)
    for name, colour in colours.items():
        grouped.select(name).set_color(colour)
    glyphs, coloured = plain.family_members_with_points(), grouped.family_members_with_points()
    if len(glyphs) != len(coloured):
        raise ValueError(f"{expr!r}: the coloured formula has {len(coloured)} glyphs, the plain one {len(glyphs)}")
    for glyph, twin in zip(glyphs, coloured):
        glyph.set_color(twin.get_color())
    return plain


def tenths_around(values: Sequence[float]) -> tuple[float, float]:
    """A window of whole tenths around ``values``, with a tenth to spare each side."""
    return math.floor(min(values) * 10) / 10 - 0.1, math.ceil(max(values) * 10) / 10 + 0.1


class Update(ExplainerScene):
    section = "update"

    def construct(self) -> None:
        self.ex = example()
        self.title = self.show_title()
        self.state_the_rule()
        self.update_each_weight()
        self.forward_again()
        self.move_toward_target()
        self.show_loss_falling()

    def state_the_rule(self) -> None:
        self.say("rule")
        rule = tinted("w' = w - {{ eta : eta }} dot {{ (partial L)/(partial w) : gradient }}", theme.TITLE_SIZE, eta=theme.ETA, gradient=theme.GRADIENT)
        eta = formula(f"eta = {fmt(self.ex.inputs['eta'], 'input')}", size=theme.HEADING_SIZE, color=theme.ETA)
        VGroup(rule, eta).arrange(DOWN, buff=0.5).move_to(RULE_AT)
        self.play(Write(rule))
        self.play(FadeIn(eta, shift=0.2 * UP))
        self.hold(3.5)
        self.rule = VGroup(rule, eta)

    def update_each_weight(self) -> None:
        self.say("each")
        lines = [self.update_line(w) for w in WEIGHTS]
        table = VGroup(*lines).arrange_in_grid(rows=3, cols=2, col_alignments="ll", buff=(0.8, 0.5), flow_order="dr")
        fit_width(table, UPDATES_WIDTH).move_to(UPDATES_AT)
        self.play(self.rule.animate.scale(RULE_SMALL).to_corner(UR, buff=RULE_CORNER_BUFF), run_time=0.8)
        self.play(LaggedStart(*(Write(line) for line in lines), lag_ratio=0.4), run_time=UPDATES_WRITING)
        self.hold(1.7)
        self.play(FadeOut(table), FadeOut(self.rule), run_time=0.5)

    def update_line(self, w: str) -> MathTypst:
        """One weight's step, coloured as everywhere: the weights by their
        sign, η as the learning rate, the gradient as a gradient."""
        u, k = self.ex.updates[w], w[1]
        eta = fmt(self.ex.inputs["eta"], "input")
        return tinted(
            f"w'_{k} = {{{{ {fmt(u.old, 'input')} : old }}}} - {{{{ {eta} : eta }}}} dot "
            f"({{{{ {fmt(u.gradient, 'gradient')} : gradient }}}}) = {{{{ {fmt(u.new, 'weight')} : new }}}}",
            theme.MATH_SIZE,
            old=theme.weight_colour(u.old), eta=theme.ETA, gradient=theme.GRADIENT, new=theme.weight_colour(u.new),
        )

    def forward_again(self) -> None:
        """The old labels turn into the new weights, and the pass runs again."""
        self.say("forward")
        ex, a = self.ex, self.ex.after
        old = NetworkDiagram.with_weights({w: ex.inputs[w] for w in WEIGHTS}, "input").move_to(LEFT_PANEL)
        new = NetworkDiagram.with_weights({w: ex.updates[w].new for w in WEIGHTS}, "weight").move_to(LEFT_PANEL)
        self.play(FadeIn(old), run_time=0.6)
        self.play(*(Transform(old.labels[w], new.labels[w]) for w in WEIGHTS), run_time=1.0)
        tags = VGroup(
            formula(f"a_1 = {fmt(a.a1, 'a')}", size=theme.BODY_SIZE, color=theme.ACTIVATION).next_to(old.node("h1"), UP, buff=TAG_BUFF),
            formula(f"a_2 = {fmt(a.a2, 'a')}", size=theme.BODY_SIZE, color=theme.ACTIVATION).next_to(old.node("h2"), DOWN, buff=TAG_BUFF),
        )
        self.play(old.flow(INTO_HIDDEN, theme.Z, run_time=0.8), FadeIn(tags), run_time=0.8)
        lines = stack(
            formula("hat(y)'_1 = w'_5 a_1 + w'_6 a_2", size=theme.BODY_SIZE),
            formula(f"= {fmt(ex.updates['w5'].new, 'weight')} dot {fmt(a.a1, 'a')} + {fmt(ex.updates['w6'].new, 'weight')} dot {fmt(a.a2, 'a')}", size=theme.BODY_SIZE),
            formula(f"= {fmt(a.w5a1, 'product')} + {fmt(a.w6a2, 'product')} = {fmt(a.y_hat, 'y_hat')}", size=theme.BODY_SIZE),
            top_left=OUTPUT_TOP_LEFT,
        )
        self.play(old.flow(INTO_OUTPUT, theme.OUTPUT, run_time=0.8), Write(lines[0]), run_time=0.8)
        for line in lines[1:]:
            self.play(Write(line), run_time=0.6)
        self.hold(1.6)
        self.play(FadeOut(old), FadeOut(tags), FadeOut(lines), run_time=0.5)

    def move_toward_target(self) -> None:
        """ŷ slides from its old value to its new one, a ghost left where it was."""
        b, a, i = self.ex.before, self.ex.after, self.ex.inputs
        self.say("closer", old=fmt(b.y_hat, "y_hat"), new=fmt(a.y_hat, "y_hat"), target=fmt(i["y1"], "input"))
        # Unlabelled, so every number on screen is one of the example's.
        lo, hi = tenths_around([float(b.y_hat), float(a.y_hat), float(i["y1"])])
        line = NumberLine(x_range=[lo, hi, 0.05], length=NUMBER_LINE_LENGTH, color=theme.MUTED).move_to(NUMBER_LINE_AT)
        target = Dot(line.n2p(float(i["y1"])), color=theme.TARGET, radius=DOT_RADIUS)
        target_label = formula(f"y_1 = {fmt(i['y1'], 'input')}", size=theme.BODY_SIZE, color=theme.TARGET).next_to(target, UP, buff=0.25)
        dot = Dot(line.n2p(float(b.y_hat)), color=theme.OUTPUT, radius=DOT_RADIUS)
        label = formula(f"hat(y)_1 = {fmt(b.y_hat, 'y_hat')}", size=theme.BODY_SIZE).next_to(dot, UP, buff=0.25)
        ghost = dot.copy().set_opacity(0.35)
        # Where ŷ lands is named as the line starts (the line says it); the dot then slides there.
        new_label = formula(f"hat(y)'_1 = {fmt(a.y_hat, 'y_hat')}", size=theme.BODY_SIZE).next_to(line.n2p(float(a.y_hat)), DOWN, buff=0.45)
        self.play(FadeIn(line), FadeIn(target), FadeIn(target_label), FadeIn(dot), FadeIn(label), FadeIn(new_label), run_time=QUICK)
        self.add(ghost)
        self.play(dot.animate.move_to(line.n2p(float(a.y_hat))), run_time=2.0)
        self.hold(2.5)

    def show_loss_falling(self) -> None:
        b, a = self.ex.before, self.ex.after
        self.say("loss", old=fmt(b.loss, "loss"), new=fmt(a.loss, "loss"))
        unit = BAR_TALLEST / float(b.loss)
        old, new = (self.loss_bar(value, name, float(value) * unit, k) for k, (value, name) in enumerate(((b.loss, "L"), (a.loss, "L'"))))
        self.play(LaggedStart(FadeIn(old, shift=0.2 * UP), FadeIn(new, shift=0.2 * UP), lag_ratio=0.5), run_time=QUICK)
        self.hold(4.5)

    def loss_bar(self, value: Decimal | float, name: str, height: float, k: int) -> VGroup:
        """The ``k``-th loss as a bar with its value on top: the old one paler."""
        bar = Rectangle(width=BAR_WIDTH, height=height, color=theme.LOSS, fill_opacity=0.6 if k else 0.3)
        bar.move_to([OLD_BAR_BOTTOM[0] + BAR_STEP * k, OLD_BAR_BOTTOM[1], 0], aligned_edge=DOWN)
        tag = formula(f"{name} = {fmt(value, 'loss')}", size=theme.BODY_SIZE, color=theme.LOSS).next_to(bar, UP, buff=0.15)
        return VGroup(bar, tag)
