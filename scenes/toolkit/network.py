"""The post's 2-2-1 network as one mobject whose nodes and edges carry values.

Edges are named by their weight, in the post's naming:
w1: x1→h1, w3: x2→h1, w2: x1→h2, w4: x2→h2, w5: h1→ŷ, w6: h2→ŷ.
"""

from __future__ import annotations

from manim import (
    Animation,
    AnimationGroup,
    BackgroundRectangle,
    Circle,
    Line,
    Mobject,
    ShowPassingFlash,
    VGroup,
)

from mathcore import EDGES

from . import theme
from .base import formula, symbol

# Tall and wide enough that a weight's label at body size fits on its edge
# with some of the line showing either side.
NODES = {"x1": (-2.8, 1.6), "x2": (-2.8, -1.6), "h1": (0.0, 1.6), "h2": (0.0, -1.6), "y": (2.7, 0.0)}
NODE_LABELS = {"x1": "x_1", "x2": "x_2", "h1": "h_1", "h2": "h_2", "y": "hat(y)_1"}
# Where along an edge its label sits: w2 and w3 cross at their middles, so
# their labels sit near their sources, clear of each other and of the crossing;
# w5 and w6 sit nearer the hidden neurons, leaving room around ŷ for its tags.
LABEL_AT = {"w1": 0.5, "w3": 0.2, "w2": 0.2, "w4": 0.5, "w5": 0.3, "w6": 0.3}
EDGE_LABEL_SIZE = theme.BODY_SIZE  # a weight or gradient on an edge, read as body text
RADIUS = 0.42
PLATE_BUFF = 0.06


class NetworkDiagram(VGroup):
    """Nodes, edges and (optionally) weight labels of the 2-2-1 network.

    ``weights`` maps w1..w6 to the text to show on each edge (already
    formatted) and the number deciding its colour. ``node_labels=False``
    draws the nodes as bare circles (a thumbnail too small for x₁ … ŷ₁).
    """

    def __init__(self, weights: dict[str, tuple[str, float]] | None = None, scale: float = 1.0, node_labels: bool = True) -> None:
        super().__init__()
        self.label_scale = 1.0
        self.nodes: dict[str, VGroup] = {}
        self.edges: dict[str, Line] = {}
        self.labels: dict[str, Mobject] = {}
        for name, (x, y) in NODES.items():
            circle = Circle(radius=RADIUS, color=theme.INPUT if name.startswith("x") else theme.TEXT, stroke_width=3)
            circle.set_fill(theme.BACKGROUND, opacity=1).move_to([x, y, 0])
            # A thumbnail (scale well under 1) goes without: its labels would fall under the size floor.
            label = [formula(NODE_LABELS[name], size=theme.BODY_SIZE).move_to(circle)] if node_labels else []
            self.nodes[name] = VGroup(circle, *label)
        for name, (a, b) in EDGES.items():
            edge = Line(self.nodes[a][0].get_center(), self.nodes[b][0].get_center(), buff=RADIUS, stroke_width=3)
            edge.set_color(theme.MUTED)
            self.edges[name] = edge
        self.add(*self.edges.values(), *self.nodes.values())
        if weights:
            for name, (label, value) in weights.items():
                self.edges[name].set_color(theme.weight_colour(value))
                self.labels[name] = self.weight_label(name, label, value)
            self.add(*self.labels.values())
        self.scale(scale)
        self.label_scale = scale  # labels made from now on are scaled as the ones above were

    @classmethod
    def with_weights(cls, weights: dict[str, object], quantity: str, scale: float = 0.95) -> NetworkDiagram:
        """A diagram labelled with w1..w6 formatted at a displayed precision."""
        return cls({w: (theme.fmt(v, quantity), float(v)) for w, v in weights.items()}, scale=scale)  # type: ignore[arg-type]

    def relabel(self, name: str, label: str, colour) -> Mobject:  # type: ignore[no-untyped-def]
        """A new value on an edge, where its weight label stands (for a
        Transform from the old one)."""
        return self.plate(formula(label, size=EDGE_LABEL_SIZE, color=colour), name)

    def weight_label(self, name: str, label: str, value: float) -> Mobject:
        """A weight's name and value on its edge, in its colour: w₃ = 0.2."""
        return self.plate(formula(f"{symbol(name)} = {label}", size=EDGE_LABEL_SIZE, color=theme.weight_colour(value)), name)

    def plate(self, label: Mobject, name: str) -> Mobject:
        """``label`` centred on its edge at ``LABEL_AT``, on a plate of the
        background that hides the edge beneath it: a label on its own line
        cannot be read as another's."""
        label.scale(self.label_scale).move_to(self.edges[name].point_from_proportion(LABEL_AT[name]))
        plate = BackgroundRectangle(label, color=theme.BACKGROUND, fill_opacity=1, buff=PLATE_BUFF)
        return VGroup(plate, label)

    def node(self, name: str) -> VGroup:
        return self.nodes[name]

    def flow(self, names: list[str], colour, backward: bool = False, run_time: float = 1.2) -> Animation:  # type: ignore[no-untyped-def]
        """A pulse along edges: forward for activations, backward for gradients."""
        flashes = []
        for name in names:
            edge = self.edges[name]
            start, end = edge.get_start(), edge.get_end()
            path = Line(end, start) if backward else Line(start, end)
            path.set_stroke(colour, width=9)
            flashes.append(ShowPassingFlash(path, time_width=0.6, run_time=run_time))
        return AnimationGroup(*flashes)

    def emphasise(self, names: list[str], colour, width: float = 7) -> list[Animation]:  # type: ignore[no-untyped-def]
        """Thicken and recolour edges (a highlighted path)."""
        return [self.edges[n].animate.set_stroke(colour, width=width) for n in names]

    def relax(self, values: dict[str, float]) -> list[Animation]:
        """Edges back to their weight colours and normal width."""
        return [self.edges[n].animate.set_stroke(theme.weight_colour(v), width=3) for n, v in values.items()]


