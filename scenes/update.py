"""The gradient-descent update: w' = w − η·∂L/∂w for each weight, the new
forward pass, ŷ moving toward the target and the loss falling."""

import math

from manim import (
    DOWN,
    UP,
    Dot,
    FadeIn,
    FadeOut,
    NumberLine,
    Rectangle,
    Transform,
    VGroup,
    Write,
)

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

WEIGHTS = ("w1", "w2", "w3", "w4", "w5", "w6")


class Update(ExplainerScene):
    def construct(self) -> None:
        self.ex = example()
        self.title = self.show_title("update.title")
        self.state_the_rule()
        self.update_each_weight()
        self.forward_again()
        self.move_toward_target()
        self.show_loss_falling()

    def state_the_rule(self) -> None:
        self.say("update.rule")
        rule = formula("w' = w - eta dot (partial L)/(partial w)", size=theme.TITLE_SIZE)
        eta = formula(f"eta = {fmt(self.ex.inputs['eta'], 'input')}", size=theme.HEADING_SIZE, color=theme.ETA)
        VGroup(rule, eta).arrange(DOWN, buff=0.5).move_to([0, 0.6, 0])
        self.play(Write(rule))
        self.play(FadeIn(eta, shift=0.2 * UP))
        self.wait(2.5)
        self.rule = VGroup(rule, eta)

    def update_each_weight(self) -> None:
        self.say("update.each")
        eta = fmt(self.ex.inputs["eta"], "input")
        self.play(self.rule.animate.scale(0.7).to_edge(UP, buff=1.2))
        lines = []
        for w in WEIGHTS:
            u, k = self.ex.updates[w], w[1]
            lines.append(
                formula(
                    f"w'_{k} = {fmt(u.old, 'input')} - {eta} dot ({fmt(u.gradient, 'gradient')}) = {fmt(u.new, 'weight')}",
                    size=theme.BODY_SIZE,
                )
            )
        table = VGroup(*lines).arrange_in_grid(rows=3, cols=2, col_alignments="ll", buff=(0.8, 0.4), flow_order="dr")
        fit_width(table, 13.0).move_to([0, -0.6, 0])
        for line in lines:
            self.play(Write(line), run_time=0.8)
        self.wait(2.5)
        self.play(FadeOut(table), FadeOut(self.rule))

    def forward_again(self) -> None:
        self.say("update.forward")
        ex = self.ex
        old = NetworkDiagram.with_weights({w: ex.inputs[w] for w in WEIGHTS}, "input").move_to(LEFT_PANEL)
        new = NetworkDiagram.with_weights({w: ex.updates[w].new for w in WEIGHTS}, "weight").move_to(LEFT_PANEL)
        self.play(FadeIn(old))
        self.play(*(Transform(old.labels[w], new.labels[w]) for w in WEIGHTS), run_time=1.5)
        a = ex.after
        tags = VGroup(
            formula(f"a_1 = {fmt(a.a1, 'a')}", size=theme.SMALL_SIZE, color=theme.ACTIVATION).next_to(old.node("h1"), UP, buff=0.15),
            formula(f"a_2 = {fmt(a.a2, 'a')}", size=theme.SMALL_SIZE, color=theme.ACTIVATION).next_to(old.node("h2"), DOWN, buff=0.15),
        )
        self.play(old.flow(["w1", "w2", "w3", "w4"], theme.Z), FadeIn(tags))
        lines = stack(
            formula("hat(y)'_1 = w'_5 a_1 + w'_6 a_2", size=theme.BODY_SIZE),
            formula(f"= {fmt(ex.updates['w5'].new, 'weight')} dot {fmt(a.a1, 'a')} + {fmt(ex.updates['w6'].new, 'weight')} dot {fmt(a.a2, 'a')}", size=theme.BODY_SIZE),
            formula(f"= {fmt(a.w5a1, 'product')} + {fmt(a.w6a2, 'product')} = {fmt(a.y_hat, 'y_hat')}", size=theme.BODY_SIZE),
            top_left=(0.4, 1.8),
        )
        self.play(old.flow(["w5", "w6"], theme.OUTPUT))
        for line in lines:
            self.play(Write(line), run_time=0.9)
        self.wait(2.0)
        self.play(FadeOut(old), FadeOut(tags), FadeOut(lines))

    def move_toward_target(self) -> None:
        b, a, i = self.ex.before, self.ex.after, self.ex.inputs
        self.say("update.closer", old=fmt(b.y_hat, "y_hat"), new=fmt(a.y_hat, "y_hat"), target=fmt(i["y1"], "input"))
        # A window of whole tenths around the values shown, with one to spare;
        # unlabelled, so every number on screen is one of the example's.
        values = [float(b.y_hat), float(a.y_hat), float(i["y1"])]
        lo, hi = math.floor(min(values) * 10) / 10 - 0.1, math.ceil(max(values) * 10) / 10 + 0.1
        line = NumberLine(x_range=[lo, hi, 0.05], length=11, color=theme.MUTED).move_to([0, 1.0, 0])
        target = Dot(line.n2p(float(i["y1"])), color=theme.TARGET, radius=0.1)
        target_label = formula(f"y_1 = {fmt(i['y1'], 'input')}", size=theme.LABEL_SIZE, color=theme.TARGET).next_to(target, UP, buff=0.25)
        dot = Dot(line.n2p(float(b.y_hat)), color=theme.OUTPUT, radius=0.1)
        label = formula(f"hat(y)_1 = {fmt(b.y_hat, 'y_hat')}", size=theme.LABEL_SIZE).next_to(dot, UP, buff=0.25)
        ghost = dot.copy().set_opacity(0.35)
        new_label = formula(f"hat(y)'_1 = {fmt(a.y_hat, 'y_hat')}", size=theme.LABEL_SIZE).next_to(line.n2p(float(a.y_hat)), DOWN, buff=0.45)
        self.play(FadeIn(line), FadeIn(target), Write(target_label))
        self.play(FadeIn(dot, scale=2), Write(label))
        self.add(ghost)
        self.play(dot.animate.move_to(line.n2p(float(a.y_hat))), FadeIn(new_label), run_time=2)
        self.wait(2.0)
        self.number_line = VGroup(line, target, target_label, dot, label, ghost, new_label)

    def show_loss_falling(self) -> None:
        b, a = self.ex.before, self.ex.after
        self.say("update.loss", old=fmt(b.loss, "loss"), new=fmt(a.loss, "loss"))
        self.play(self.number_line.animate.shift(1.2 * UP).scale(0.9))
        unit = 2.4 / float(b.loss)  # the old loss as a 2.4-unit bar
        bars = VGroup()
        for k, (value, key) in enumerate(((b.loss, "L"), (a.loss, "L'"))):
            bar = Rectangle(width=1.2, height=float(value) * unit, color=theme.LOSS, fill_opacity=0.6 if k else 0.3)
            bar.move_to([-1.2 + 2.4 * k, -2.6, 0], aligned_edge=DOWN)
            tag = formula(f"{key} = {fmt(value, 'loss')}", size=theme.LABEL_SIZE, color=theme.LOSS).next_to(bar, UP, buff=0.15)
            bars.add(VGroup(bar, tag))
        bars.shift(0.3 * UP)
        self.play(FadeIn(bars[0], shift=0.2 * UP))
        self.play(FadeIn(bars[1], shift=0.2 * UP))
        self.wait(3.5)


