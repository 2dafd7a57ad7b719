"""Every number on screen, in every video, is the mathcore value its label names.

The dry run (scene_harness) records what each visible Text and formula says
at the end of every narration line and just before a text leaves or changes
mid-line. Here every number of those screens is read with its sign
(``tokens``) and matched against values computed from mathcore, never
copied from a scene: a formula's "label = … = value" against the label's
value; an edge label against the weight of the edge it sits on; a table cell
against its row's label; a grid of numbers cell by cell against a matrix.

A number token keeps its sign ("-" or U+2212 directly before the digits, not
after a digit or a bracket, where it is a binary minus or a hyphen), its
decimals, and its kind: a percentage, an SI count (61.7k, 138M, 1.5G), a
scientific form (6.44e-08, 3.7 times 10^(12), 10^(-4)), a bound (>99.9%),
or a plain number (61,100,840 is one number). Names are not numbers: the
digits of subscripts (w_3, g_(20)), of layer and model names (conv1, VGG-16,
top-1) are dropped before reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

import numpy as np
import pytest
from scene_harness import Item, Screen, Shown

from mathcore import (
    EDGES,
    FILTERS,
    WEIGHTS,
    architecture,
    as_network,
    audit,
    compare_shift,
    conv2d,
    conv_cells,
    conv_output_size,
    edge_crop,
    flattening_facts,
    max_pool2d,
    train,
    worked_example,
)
from mathcore.dense.activations import sigmoid_prime
from mathcore.learn import KernelSnapshot, model
from mathcore.learn import cache as experiment_cache
from mathcore.lineage.reasons import (
    INCEPTION_3A,
    conv_or_dense,
    depth_gradients,
    inception_branches,
    stack_vs_single,
    stacked_field,
    vgg_block,
    vgg_stage_fields,
    where_the_work_is,
)
from scenes.series import SERIES
from scenes.toolkit import LANGUAGES

# ---------------------------------------------------------------- reading numbers

Kind = Literal["plain", "percent"]

SI = {"k": 10**3, "M": 10**6, "G": 10**9}

# Digits that name something rather than count it.
NAMES = re.compile(
    r"_\(?\d+\)?"  # Typst subscripts: w_3, g_(20), k_0
    r"|\b[A-Za-z]{2,}-\d+"  # LeNet-5, VGG-16, ResNet-152, top-1
    r"|\b\d+-\d+-\d+\b"  # a layer-size name: 2-2-1
    r"|(?<![\w.])[A-Za-zα-ωΑ-Ω]+\d+(?!\d)"  # conv1, fc2, pool2, a1, δ1 (even before a Hangul particle: "δ1을")
    r"|(?<![\d.])\d[a-e](?![A-Za-z0-9])"  # inception module 3a (even before a Hangul particle: "3a의")
)
SCIENTIFIC = re.compile(r"(?P<m>\d+(?:\.\d+)?) times 10\^\((?P<e>[-−]?\d+)\)|(?<![\d.])10\^\((?P<e10>[-−]?\d+)\)")
NUMBER = re.compile(
    r"(?P<bound>[<>])?(?P<sign>[-−+])?"
    r"(?P<int>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?P<frac>\.\d+)?"
    r"(?P<exp>e[-+]\d+)?"
    r"(?P<unit>%p|%|[kMG](?![A-Za-z]))?"
)


@dataclass(frozen=True)
class Token:
    """A number as shown: its signed value (SI and powers of ten applied),
    the tolerance its last shown digit allows, and whether it is a percentage."""

    text: str
    value: float
    tolerance: float
    kind: Kind
    bound: str = ""  # ">" for ">99.9%": the value is above, "<" below

    def agrees(self, expected: Expected) -> bool:
        """Whether this token shows ``expected`` (|x − v| <= half a unit of the last digit)."""
        if expected.kind != self.kind:
            return False
        if self.bound == ">":
            return self.value < expected.value < 100 if self.kind == "percent" else expected.value > self.value
        if self.bound == "<":
            return 0 < expected.value < self.value
        return abs(self.value - expected.value) <= self.tolerance + 1e-9 * max(1.0, abs(expected.value))


@dataclass(frozen=True)
class Expected:
    """A value from mathcore, in the unit the screen shows it in: a share as
    a percentage (kind "percent", 0.983 → 98.3), everything else plain."""

    value: float
    kind: Kind = "plain"
    name: str = ""  # what it is, for failure messages

    def __str__(self) -> str:
        unit = "%" if self.kind == "percent" else ""
        return f"{self.name or 'value'} {self.value:g}{unit}"


def plain(value: object, name: str = "") -> Expected:
    return Expected(float(value), "plain", name)  # type: ignore[arg-type]


def percent(share: float, name: str = "") -> Expected:
    """A share in 0–1, as the percentage the screen shows."""
    return Expected(100 * float(share), "percent", name)


def _strip_math(source: str) -> str:
    return source.strip().removeprefix("$").removesuffix("$").strip()


def tokens(source: str) -> list[Token]:
    """Every number in ``source``, signed, in order."""
    text = NAMES.sub(" ", source)
    found: list[tuple[int, Token]] = []

    def scientific(m: re.Match[str]) -> str:
        exponent = int((m["e"] or m["e10"]).replace("−", "-"))
        mantissa = m["m"] or "1"
        places = len(mantissa.split(".")[1]) if "." in mantissa else 0
        value = float(mantissa) * 10.0**exponent
        found.append((m.start(), Token(m[0], value, 0.5 * 10.0 ** (exponent - places), "plain")))
        return " " * len(m[0])

    text = SCIENTIFIC.sub(scientific, text)
    for m in NUMBER.finditer(text):
        before = text[: m.start()].rstrip(" ") if m["sign"] is None else text[: m.start()]
        sign = m["sign"] or ""
        if sign and before and (before[-1].isalnum() or before[-1] in ")]"):
            sign = ""  # a binary minus or a hyphen, not a sign
        digits = m["int"].replace(",", "")
        places = len(m["frac"]) - 1 if m["frac"] else 0
        value = float(digits + (m["frac"] or ""))
        tolerance = 0.5 * 10.0**-places
        unit = m["unit"] or ""
        if m["exp"]:
            scale = 10.0 ** int(m["exp"][1:])
            value, tolerance = value * scale, tolerance * scale
        if unit in SI:
            value, tolerance = value * SI[unit], tolerance * SI[unit]
        if sign in ("-", "−"):
            value = -value
        kind: Kind = "percent" if unit.startswith("%") else "plain"
        found.append((m.start(), Token(m[0], value, tolerance, kind, m["bound"] or "")))
    return [t for _, t in sorted(found, key=lambda p: p[0])]


def label_of(item: Item) -> str | None:
    """The left-hand side of a formula "label = … = value", normalised
    (spaces dropped), or None if the formula has no label."""
    if item.kind != "formula":
        return None
    body = _strip_math(item.source)
    parts = re.split(r"(?<![<>=!])=(?![=>])", body)
    if len(parts) < 2:
        return None
    return normal(parts[0]) or None


def normal(label: str) -> str:
    """A label as the catalogues write it: no spaces, and the post's one
    output written as ŷ whether or not the scene subscripts it (hat(y)_1)."""
    return label.replace(" ", "").replace("hat(y)_1", "hat(y)").replace("hat(y)'_1", "hat(y)'")


def final(item: Item) -> Token | None:
    """The number after the last "=" of a formula, if that is one number and nothing else."""
    body = _strip_math(item.source)
    parts = re.split(r"(?<![<>=!])=(?![=>])", body)
    if len(parts) < 2:
        return None
    return _alone(parts[-1])


def _alone(text: str) -> Token | None:
    """The number ``text`` is, if it is one number and nothing else (quotes and spaces aside)."""
    found = tokens(text)
    rest = NUMBER.sub("", SCIENTIFIC.sub("", NAMES.sub("", text))).strip(' "')
    return found[0] if len(found) == 1 and not rest else None


@dataclass
class Catalogue:
    """What one video may show, from mathcore.

    ``labelled``: a formula label (normalised, see ``label_of``) → the
    value(s) it may name. ``values``: data a number may show where no label
    says which (a cell, a bar's end). ``structural``: numbers that are not
    data but sizes, indices, ticks, exponents. ``required``: key numbers
    that must be on screen while the narration says them (see ``missing``)."""

    labelled: dict[str, list[Expected]] = field(default_factory=dict)
    values: list[Expected] = field(default_factory=list)
    structural: set[float] = field(default_factory=set)
    required: list[Expected] = field(default_factory=list)

    def accounts_for_structurally(self, token: Token) -> bool:
        return token.kind == "plain" and not token.bound and any(abs(token.value - s) <= 1e-9 * max(1.0, abs(s)) for s in self.structural)

    def accounts_for(self, token: Token) -> bool:
        if self.accounts_for_structurally(token):
            return True
        return any(token.agrees(e) for e in self.values) or any(token.agrees(e) for vs in self.labelled.values() for e in vs)


def labelled_finals(screen: Screen) -> list[tuple[str, Item, Token]]:
    """Each formula's label and the number it ends on. A line that starts
    with "=" continues the formula above it (a stack aligned on the left):
    it takes the label of the nearest labelled formula above with the same
    left edge."""
    out = []
    for item in screen.items:
        shown = final(item)
        if shown is None:
            continue
        label = label_of(item)
        if label is None and _strip_math(item.source).startswith("="):
            above = [o for o in screen.items if o.kind == "formula" and label_of(o) and abs(o.box[0] - item.box[0]) <= 0.15 and o.box[1] > item.box[1]]
            if above:
                label = label_of(min(above, key=lambda o: o.box[1] - item.box[1]))
        if label is not None:
            out.append((label, item, shown))
    return out


def problems(screens: Iterable[Screen], catalogue: Catalogue) -> list[str]:
    """Every number on these screens that mathcore does not account for, and
    every labelled formula (or its continuation) whose value is not its label's."""
    found: list[str] = []
    for screen in screens:
        for label, item, shown in labelled_finals(screen):
            named = catalogue.labelled.get(label)
            if named is not None and not any(shown.agrees(e) for e in named):
                found.append(f"{item.source!r}: {shown.text} is not {label}'s value ({', '.join(map(str, named))}) at {screen.line!r}")
        for item in screen.items:
            for token in tokens(item.source):
                if not catalogue.accounts_for(token):
                    found.append(f"{item.source!r}: {token.text} is no value of mathcore's this video shows, at {screen.line!r}")
    return sorted(set(found))


def missing(screens: list[Screen], glimpses: list[Screen], catalogue: Catalogue) -> list[str]:
    """Key numbers the viewer has not seen on screen by the time the
    narration says them (by the last line that says them; at any line if
    none says them)."""
    out = []
    for expected in catalogue.required:
        saying = [k for k, s in enumerate(screens) if any(t.agrees(expected) and not catalogue.accounts_for_structurally(t) for t in tokens(s.line))]
        lines = {s.line for s in screens[: saying[-1] + 1]} if saying else {s.line for s in screens}
        at = [s for s in (*screens, *glimpses) if s.line in lines]
        if not any(t.agrees(expected) for s in at for item in s.items for t in tokens(item.source)):
            out.append(f"{expected} is not on screen" + (f" by {screens[saying[-1]].line!r}" if saying else ""))
    return out


# ---------------------------------------------------------------- geometry


def number_items(screen: Screen) -> list[tuple[Item, Token]]:
    """Items that are one number and nothing else (a cell, an edge label, a bar's end)."""
    return [(item, token) for item in screen.items if (token := _alone(_strip_math(item.source))) is not None]


def same_row(a: Item, b: Item, tolerance: float = 0.2) -> bool:
    return abs(a.centre[1] - b.centre[1]) <= tolerance


def row_cells(screen: Screen, label: str, tolerance: float = 0.2) -> list[tuple[Item, Token]]:
    """The number-only items in the row of the item whose source (spaces dropped) is ``label``."""
    heads = [item for item in screen.items if normal(_strip_math(item.source)) == label]
    return [(head, token) for head in heads for item, token in number_items(screen) if same_row(item, head, tolerance)]


def row_problems(screen: Screen, rows: dict[str, list[Expected]], tolerance: float = 0.2) -> list[str]:
    """A table read by rows: every number in the row of a row label (an item
    whose whole source, spaces dropped, is a key of ``rows``) is one of that
    label's values; a number between two rows belongs to the nearer."""
    labels = [(item, rows[key]) for item in screen.items if (key := normal(_strip_math(item.source))) in rows]
    out = []
    for item, _ in number_items(screen):
        near = [(abs(item.centre[1] - lab.centre[1]), lab, values) for lab, values in labels if same_row(item, lab, tolerance)]
        if not near:
            continue
        _, lab, values = min(near, key=lambda n: n[0])
        for token in tokens(item.source):
            if not any(token.agrees(e) for e in values):
                out.append(f"{item.source!r} in the row of {lab.source!r}: {token.text} is none of {', '.join(map(str, values))}, at {screen.line!r}")
    return out


# The post's 2-2-1 network: its node labels and which nodes each weight joins.
NODES = {"x_1": "x1", "x_2": "x2", "h_1": "h1", "h_2": "h2", "hat(y)": "y"}
WEIGHT_EDGES = {ends: w for w, ends in EDGES.items()}  # the weight a line between two nodes carries


def _distance_to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    u = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return float(((px - ax - u * dx) ** 2 + (py - ay - u * dy) ** 2) ** 0.5)


def edge_labels(screen: Screen, reach: float = 0.45) -> list[tuple[str, Item, Token, str | None]]:
    """The numbers that sit on the network's edges, with the weight of the
    edge each sits on and the label it gives itself ("w_5 = 0.4"; None for a
    bare number): the edge is the visible line whose ends touch two node
    circles (found by their labels x_1 … hat(y)), the number the item
    nearest to that line (its centre within ``reach``)."""
    nodes = {NODES[key]: item.centre for item in screen.items if (key := normal(_strip_math(item.source))) in NODES}
    edges: list[tuple[str, tuple[float, float], tuple[float, float]]] = []
    for seg in screen.lines:
        ends = []
        for point in (seg.start, seg.end):
            name, where = min(nodes.items(), key=lambda n: (n[1][0] - point[0]) ** 2 + (n[1][1] - point[1]) ** 2, default=(None, None))
            if where is None or ((where[0] - point[0]) ** 2 + (where[1] - point[1]) ** 2) ** 0.5 > 0.7:
                break
            ends.append(name)
        if len(ends) == 2 and tuple(ends) in WEIGHT_EDGES:
            edges.append((WEIGHT_EDGES[tuple(ends)], seg.start, seg.end))  # type: ignore[index]
    candidates: list[tuple[Item, Token, str | None]] = [(item, token, None) for item, token in number_items(screen)]
    candidates += [(item, token, label) for label, item, token in labelled_finals(screen) if WEIGHT_LABEL.fullmatch(label)]
    out = []
    for item, token, label in candidates:
        near = [(_distance_to_segment(item.centre, a, b), name) for name, a, b in edges]
        if near and (best := min(near))[0] <= reach:
            out.append((best[1], item, token, label))
    return out


WEIGHT_LABEL = re.compile(r"w'?_(\d)")


def edge_problems(screen: Screen, allowed: dict[str, list[Expected]]) -> list[str]:
    """Every number on an edge is one of the values its weight may show, and
    a label on an edge names that edge's weight."""
    out = []
    for weight, item, token, label in edge_labels(screen):
        if label is not None and (m := WEIGHT_LABEL.fullmatch(label)) and f"w{m[1]}" != weight:
            out.append(f"{item.source!r} sits on the edge of {weight}, at {screen.line!r}")
        if not any(token.agrees(e) for e in allowed[weight]):
            out.append(f"{item.source!r} on the edge of {weight}: {token.text} is none of {', '.join(map(str, allowed[weight]))}, at {screen.line!r}")
    return out


# ---------------------------------------------------------------- grids of numbers


MAX_PITCH = 0.9  # scene units: cells of a grid are never further apart


def blocks(screen: Screen) -> list[list[list[tuple[Item, Token]]]]:
    """The number-only items read as grids: rows of items at one height, cut
    where a gap is much wider than the row's narrowest, then runs that start
    at the same x and follow each other at a steady pitch stacked into one
    grid (rows may be short at the end: a map being filled in)."""
    cells = number_items(screen)
    # Rows by the bottom of the digits (a baseline; a centre moves with a
    # glyph's height), cut where one bottom is well below the one before.
    cells.sort(key=lambda c: -c[0].box[1])
    rows: list[list[tuple[Item, Token]]] = []
    for cell in cells:
        if rows and rows[-1][-1][0].box[1] - cell[0].box[1] <= 0.08:
            rows[-1].append(cell)
        else:
            rows.append([cell])
    runs: list[list[tuple[Item, Token]]] = []
    for row in rows:
        row.sort(key=lambda c: c[0].centre[0])
        run = [row[0]]
        for cell in row[1:]:
            gap = cell[0].centre[0] - run[-1][0].centre[0]
            pitch = run[1][0].centre[0] - run[0][0].centre[0] if len(run) > 1 else None
            # A run keeps its first pitch; two grids side by side (at another pitch, or far apart) are two runs.
            if gap > MAX_PITCH or (pitch is not None and abs(gap - pitch) > 0.3 * pitch):
                runs.append(run)
                run = [cell]
            else:
                run.append(cell)
        runs.append(run)
    grids: list[list[list[tuple[Item, Token]]]] = []
    for run in runs:
        x, y = run[0][0].centre
        for grid in grids:
            last = grid[-1]
            gx, gy = last[0][0].centre
            pitch_y = grid[-1][0][0].centre[1] - grid[-2][0][0].centre[1] if len(grid) > 1 else None
            pitch_x = last[1][0].centre[0] - gx if len(last) > 1 else (grid[0][1][0].centre[0] - grid[0][0][0].centre[0] if len(grid[0]) > 1 else None)
            step = gy - y
            if abs(gx - x) > 0.12 or step <= 0:
                continue
            if pitch_y is not None and abs(step - abs(pitch_y)) > 0.12:
                continue
            if pitch_y is None and pitch_x is not None and abs(step - pitch_x) > 0.3 * pitch_x:
                continue
            grid.append(run)
            break
        else:
            grids.append([run])
    return grids


def grid_problems(screen: Screen, matrices: dict[str, np.ndarray]) -> list[str]:
    """Every grid of numbers on screen reads, cell by cell from its top
    left, as one of ``matrices`` (or the start of one, filled row by row)."""
    out = []
    for grid in blocks(screen):
        shown = [[t for _, t in run] for run in grid]
        if not any(_reads_as(shown, m) for m in matrices.values()):
            text = " / ".join(" ".join(t.text for t in row) for row in shown)
            out.append(f"a grid reading [{text}] is none of {', '.join(matrices)}, at {screen.line!r}")
    return out


def _reads_as(shown: list[list[Token]], matrix: np.ndarray) -> bool:
    rows, cols = matrix.shape
    if len(shown) > rows or any(len(r) > cols for r in shown):
        return False
    # A partly filled grid is filled row by row: only the last row may be short.
    if any(len(r) != cols for r in shown[:-1]) and len(shown) > 1:
        return False
    return all(t.agrees(plain(matrix[i, j])) for i, row in enumerate(shown) for j, t in enumerate(row))


# ---------------------------------------------------------------- what each video may show



def cached(name: str):  # type: ignore[no-untyped-def]
    return experiment_cache.load(name)


def digit_numbers() -> list[Expected]:
    """The held-out digit's MNIST number and label ("MNIST #2002, label 4")."""
    digit = cached("features").digit
    return [plain(digit.id, "digit id"), plain(digit.label, "digit label")]


# ---------------------------------------------------------------- the worked example


def example_values() -> dict[str, Decimal]:
    return worked_example("displayed").values()


def example_labels() -> dict[str, list[Expected]]:
    """Formula labels of the worked example, as Typst writes them (spaces dropped)."""
    v = example_values()
    named = {
        "x_1": "x1", "x_2": "x2", "y_1": "y1", "eta": "eta",
        "z_1": "z1", "z_2": "z2", "a_1": "a1", "a_2": "a2",
        "hat(y)": "y_hat", "hat(y)'": "y_hat_new", "L": "loss", "L'": "loss_new",
        "y_1-hat(y)": "error", "(partialL)/(partialhat(y))": "dL_dy_hat",
        "(partialhat(y))/(partiala_1)": "w5", "(partiala_1)/(partialz_1)": "sigmoid_prime1",
        "(partialz_1)/(partialw_1)": "x1", "delta_1": "delta1", "delta_2": "delta2",
    }
    labels = {label: [plain(v[key], key)] for label, key in named.items()}
    for w in WEIGHTS:
        k = w[1]
        labels[f"w_{k}"] = [plain(v[w], w)]
        labels[f"(partialL)/(partialw_{k})"] = [plain(v[f"dL_d{w}"], f"dL_d{w}")]
        labels[f"w'_{k}"] = [plain(v[f"{w}_new"], f"{w}_new")]
    return labels


def example_catalogue(*labels_after_update: str) -> Catalogue:
    """Every value of the displayed chain may show; labels as the worked example names them."""
    v = example_values()
    labels = example_labels()
    for label in labels_after_update:  # after the update a_1 is the new a_1, w_1 the new w_1
        key = label.replace("_", "")
        labels[label] = labels[label] + [plain(v[f"{key}_new"], f"{key}_new")]
    return Catalogue(labelled=labels, values=[plain(x, k) for k, x in v.items()], structural={0.0, 1.0})


def forward() -> Catalogue:
    c = example_catalogue()
    v = example_values()
    c.required = [plain(v["y_hat"], "y_hat"), plain(v["z1"], "z1"), plain(v["a1"], "a1")]
    return c


def loss() -> Catalogue:
    c = example_catalogue()
    v = example_values()
    # The ½ convention's derivative, −(y₁ − ŷ), shown beside the post's −2(y₁ − ŷ).
    c.labelled["(partialL)/(partialhat(y))"] = c.labelled["(partialL)/(partialhat(y))"] + [plain(-v["error"], "-error (½ convention)")]
    c.values.append(plain(-v["error"], "-error"))
    c.structural |= {2.0, -2.0}
    c.required = [plain(v["loss"], "loss"), plain(v["error"], "error"), plain(v["dL_dy_hat"], "dL_dy_hat")]
    return c


def backprop() -> Catalogue:
    c = example_catalogue()
    v = example_values()
    c.structural |= {-2.0}
    c.required = [plain(v[f"dL_d{w}"], f"dL_d{w}") for w in WEIGHTS]
    return c


def update() -> Catalogue:
    c = example_catalogue("a_1", "a_2", *(f"w_{w[1]}" for w in WEIGHTS))
    v = example_values()
    c.required = [plain(v[f"{w}_new"], f"{w}_new") for w in WEIGHTS] + [
        plain(v["y_hat_new"], "y_hat_new"), plain(v["loss_new"], "loss_new")]
    return c


def training_run():  # type: ignore[no-untyped-def]
    net, x, y = as_network()
    inputs = worked_example("displayed").inputs
    return train(net, x, y, learning_rate=float(inputs["eta"]), steps=TRAINING_STEPS)


TRAINING_STEPS = 50  # the post's "50번 반복"


def training() -> Catalogue:
    run = training_run()
    v = example_values()
    final = float(run.output_history[-1][0])
    last_loss = plain(run.loss_history[-1], "last loss")
    labels = {"y_1": [plain(v["y1"], "y1")], "L": [last_loss]}
    values = [plain(run.loss_history[0], "first loss"), plain(final, "last prediction"), plain(v["y1"], "y1"), last_loss]
    return Catalogue(labelled=labels, values=values, structural={0.0, 1.0, float(TRAINING_STEPS)},
                     required=[plain(run.loss_history[0], "first loss"), plain(final, "last prediction"), last_loss])


# The rounding table's rows: the symbol in the first column → the audit key.
ROUNDING_ROWS = {"hat(y)": "y_hat", "y_1-hat(y)": "error", "L": "loss", "partialL\\/partialw_1": "dL_dw1",
                 "partialL\\/partialw_2": "dL_dw2", "w'_6": "w6_new", "hat(y)'": "y_hat_new"}


def audit_rows() -> dict[str, list[Expected]]:
    lines = {ln.row.key: ln for ln in audit()}
    return {symbol: [plain(Decimal(lines[key].row.printed), "printed"), plain(lines[key].displayed, "by hand"), plain(lines[key].exact, "exact")]
            for symbol, key in ROUNDING_ROWS.items()}


def rounding() -> Catalogue:
    v = example_values()
    lines = audit()
    values = [plain(x, ln.row.key) for ln in lines for x in (Decimal(ln.row.printed), ln.displayed, ln.exact)]
    values += [plain(x, k) for k, x in v.items()]
    slip = next(ln for ln in lines if ln.row.key == "y_hat_new")
    required = [plain(Decimal(slip.row.printed), "printed y_hat_new"), plain(slip.exact, "exact y_hat_new")]
    return Catalogue(values=values, structural={1.0, 2.0}, required=required)


# ---------------------------------------------------------------- CNN videos


def real_crop() -> np.ndarray:
    """The crop the scenes sweep: the real digit's strongest vertical edge."""
    return edge_crop(cached("features").image).values


def shown_matrix(values: np.ndarray) -> np.ndarray:
    """A map as the screen rounds it: two decimals."""
    return np.round(np.asarray(values, dtype=float), 2)


def convolution_matrices() -> dict[str, np.ndarray]:
    crop, k = real_crop(), FILTERS["vertical_edge"]
    found = {"crop": crop, "filter": k, "feature map": conv2d(crop, k), "stride 2": conv2d(crop, k, stride=2), "padding 1": conv2d(crop, k, padding=1)}
    for c in conv_cells(crop, k):
        found[f"products at ({c.row}, {c.col})"] = np.asarray(c.products)
    return {name: shown_matrix(m) for name, m in found.items()}


def pooling_matrices() -> dict[str, np.ndarray]:
    out = conv2d(real_crop(), FILTERS["vertical_edge"])
    return {"feature map": shown_matrix(out), "pooled": shown_matrix(max_pool2d(out))}


def matrix_values(matrices: dict[str, np.ndarray]) -> list[Expected]:
    return [plain(x, name) for name, m in matrices.items() for x in m.ravel()]


def convolution() -> Catalogue:
    crop, k = real_crop(), FILTERS["vertical_edge"]
    n, size = crop.shape[0], k.shape[0]
    values = matrix_values(convolution_matrices()) + digit_numbers()
    values += [plain(c.value, "cell sum") for c in conv_cells(crop, k)]
    lenet = architecture("lenet5")
    conv1 = next(r for r in lenet.rows() if r.name == "conv1")
    structural = {float(n), float(size), 0.0, 1.0, 2.0, float(conv_output_size(n, size, stride=2)), float(conv_output_size(n, size, padding=1)),
                  float(lenet.input_shape[1]), 28.0, float(conv1.output_shape[0]), 5.0}
    values.append(plain(cached("accuracy").train_size, "training digits"))
    out = conv2d(crop, k)
    return Catalogue(values=values, structural=structural, required=[plain(out[0, j], f"map (0, {j})") for j in range(3)])


def pooling() -> Catalogue:
    cmp = compare_shift(cached("features").image, shift=(0, 1), pool=2, kernel=FILTERS["vertical_edge"])
    changes = [percent(cmp.unpooled_change, "change before pooling"), percent(cmp.pooled_change, "change after pooling")]
    values = matrix_values(pooling_matrices()) + digit_numbers() + changes
    pooled = max_pool2d(conv2d(real_crop(), FILTERS["vertical_edge"]))
    required = [plain(x, "pooled") for x in pooled.ravel()] + changes
    return Catalogue(values=values, structural={1.0, 2.0}, required=required)


def flattening() -> Catalogue:
    f = flattening_facts()
    values = [plain(f.blue_index, "blue index"), plain(f.red_index, "red index"), plain(f.distance, "distance")]
    values += [plain(g.dense, f"dense params at {g.side}") for g in f.growth] + [plain(g.conv, "conv params") for g in f.growth]
    values += digit_numbers()
    structural = {float(x) for g in f.growth for x in (g.side, g.inputs)} | {float(f.hidden), float(f.kernel), float(f.filters), 1.0, float(f.inputs)}
    return Catalogue(values=values, structural=structural, required=[plain(f.distance, "distance"), plain(f.growth[0].dense, "dense")])


def flattening_rows() -> dict[str, list[Expected]]:
    """Each image size's row: the dense layer's count for that size, the
    convolution's (the same at every size)."""
    return {f"{g.side}×{g.side}": [plain(g.dense, f"dense params at {g.side}"), plain(g.conv, "conv params")] for g in flattening_facts().growth}


def pipeline() -> Catalogue:
    lenet = architecture("lenet5")
    features = cached("features")
    p = features.probabilities
    winner = features.predicted
    values = [plain(r.params, r.name) for r in lenet.rows() if r.params] + [plain(lenet.params, "total")]
    values += [percent(p[winner], "winner's probability")] + digit_numbers()
    shapes = {float(x) for r in lenet.rows() for x in r.output_shape} | {float(x) for x in lenet.input_shape}
    structural = shapes | {float(d) for d in range(10)} | {784.0}
    largest = max(lenet.rows(), key=lambda r: r.params)
    values.append(percent(largest.params / lenet.params, "largest layer's share"))
    required = [plain(lenet.params, "total"), percent(p[winner], "winner")] + [plain(r.params, r.name) for r in lenet.rows() if r.params]
    return Catalogue(values=values, structural=structural, required=required)


def mlp_vs_cnn() -> Catalogue:
    acc, perm, shift = cached("accuracy"), cached("permuted"), cached("shift")
    values = [plain(acc.train_size, "training digits"), plain(acc.test_size, "test digits")] + digit_numbers()
    for m in ("mlp", "lenet"):
        values += [plain(model(acc, m).params, f"{m} params"), percent(model(acc, m).test_accuracy, f"{m} accuracy")]
        p = model(perm, m)
        values += [percent(p.permuted, f"{m} permuted"), plain(100 * p.change, f"{m} change in points")]
        values += [percent(a, f"{m} shifted {s}") for s, a in zip(shift.shifts, model(shift, m).accuracy)]
    structural = {float(s) for s in shift.shifts} | {0.0, 100.0}
    required = [percent(model(acc, m).test_accuracy, f"{m} accuracy") for m in ("mlp", "lenet")]
    required += [percent(model(shift, m).accuracy[2], f"{m} at 2 px") for m in ("mlp", "lenet")]
    required += [plain(model(acc, m).params, f"{m} params") for m in ("mlp", "lenet")]
    return Catalogue(values=[v for v in values if v.kind == "plain"] + [percent(0, "axis"), percent(1, "axis")] + [v for v in values if v.kind == "percent"],
                     structural=structural, required=required)


def mlp_vs_cnn_rows(complete: bool = False) -> dict[str, list[Expected]]:
    """The two models' rows, each with its own numbers only; ``complete``:
    the ones every row shows (the shifted accuracies are on a curve's end)."""
    acc, perm, shift = cached("accuracy"), cached("permuted"), cached("shift")
    rows = {}
    for m in ("mlp", "lenet"):
        name = model(acc, m).name
        own = [plain(model(acc, m).params, "params"), percent(model(acc, m).test_accuracy, "accuracy"),
               percent(model(perm, m).permuted, "permuted"), plain(100 * model(perm, m).change, "change")]
        if not complete:
            own += [percent(a, f"shifted {s}") for s, a in zip(shift.shifts, model(shift, m).accuracy)]
        rows[name.replace(" ", "")] = own
    return rows


def learning() -> Catalogue:
    training, acc = cached("training"), cached("accuracy")
    lenet = model(training, "lenet")
    epochs = lenet.epochs
    values = [plain(architecture("lenet5").params, "LeNet-5 params"), plain(acc.train_size, "training digits"),
              plain(lenet.learning_rate, "learning rate"), plain(lenet.momentum, "momentum"), plain(lenet.batch_size, "batch")]
    values += [plain(epochs[0].loss, "first loss"), plain(epochs[-1].loss, "last loss")]
    values += [percent(epochs[-1].train_accuracy, "train accuracy"), percent(epochs[-1].test_accuracy, "test accuracy")]
    snapshots = training.snapshots
    values += [plain(s.step, "snapshot step") for s in snapshots]
    values += kernel_changes(snapshots) + digit_numbers()
    structural = {0.0, 1.0, 6.0, float(len(epochs)), 4.0, 5.0, 90.0, 100.0, 2.0}
    values += [percent(0.9, "axis"), percent(1.0, "axis")]
    required = [plain(epochs[0].loss, "first loss"), plain(epochs[-1].loss, "last loss"),
                percent(epochs[-1].test_accuracy, "test accuracy")]
    return Catalogue(values=values, structural=structural, required=required)


def kernel_changes(snapshots: Sequence[KernelSnapshot]) -> list[Expected]:
    """How far each first-layer kernel moved from the first snapshot to the
    last, ‖k − k₀‖ / ‖k₀‖, kernel by kernel."""
    first, last = snapshots[0].kernels, snapshots[-1].kernels
    return [percent(float(np.sqrt(((b - a) ** 2).sum()) / np.sqrt((a**2).sum())), f"kernel {k} change") for k, (a, b) in enumerate(zip(first, last))]


# ---------------------------------------------------------------- the lineage


def arch_values(*ids: str) -> list[Expected]:
    out = []
    for i in ids:
        a = architecture(i)
        out += [plain(a.params, f"{i} params"), plain(a.macs, f"{i} MACs"), plain(a.weight_layers, f"{i} depth"), plain(a.year, f"{i} year")]
        if a.top1:
            out.append(percent(a.top1 / 100, f"{i} top-1"))
    return out


def alexnet() -> Catalogue:
    a = architecture("alexnet")
    conv1 = next(r for r in a.rows() if r.kind == "Conv")
    spec = next(layer for layer in _leaves(a.spec) if type(layer).__name__ == "Conv")
    side = a.input_shape[1]
    out = conv_output_size(side, spec.kernel, stride=spec.stride, padding=spec.padding)
    values = arch_values("alexnet")
    shares = where_the_work_is(a, conv_or_dense)
    values += [percent(s.params_share, f"{s.name} params share") for s in shares] + [percent(s.macs_share, f"{s.name} MACs share") for s in shares]
    values += [plain(sigmoid_prime(0.0), "σ' bound"), plain(example_values()["sigmoid_prime1"], "σ'(z1)"), plain(example_values()["a1"], "a1")]
    values += [plain(sigmoid_prime(0.0) ** a.weight_layers, "σ' bound ^ depth"), plain(1, "ReLU slope")]
    values += [plain(side - spec.kernel + 2 * spec.padding, "W - K + 2P"), plain(out, "first output side")]
    kinds = {k: sum(conv_or_dense(r) == k for r in a.rows() if r.params) for k in ("conv", "dense")}
    structural = {float(x) for x in (*a.input_shape, spec.kernel, spec.stride, spec.padding, *conv1.output_shape, architecture("lenet5").input_shape[1], *kinds.values(), 1, 0)}
    required = [plain(out, "first output side"), plain(a.params, "params"), plain(a.macs, "MACs"), percent(a.top1 / 100, "top-1")]
    required += [percent(s.params_share, "params share") for s in shares]
    return Catalogue(values=values, structural=structural, required=required)


def _leaves(layer):  # type: ignore[no-untyped-def]
    """The leaf layers of a spec, in order."""
    children = getattr(layer, "layers", None) or getattr(layer, "branches", None)
    if not children:
        yield layer
        return
    for child in children:
        yield from _leaves(child)


def vgg() -> Catalogue:
    a = architecture("vgg16")
    values = arch_values("vgg16")
    k, c = 3, 64
    for n in (2, 3):
        cost = stack_vs_single(n, k, c)
        values += [plain(cost.stacked_params, f"{n} stacked"), plain(cost.single_params, f"{n} single"),
                   plain(cost.stacked_params // c**2, "stacked / C²"), plain(cost.single_params // c**2, "single / C²"),
                   percent(1 - cost.stacked_params / cost.single_params, f"saving of {n}")]
    fields = vgg_stage_fields(a)
    values += [plain(f.size, f"{f.name} field") for f in fields]
    for s in where_the_work_is(a, vgg_block):
        values += [percent(s.params_share, f"{s.name} params share"), percent(s.macs_share, f"{s.name} MACs share")]
    for s in where_the_work_is(a, conv_or_dense):
        values += [percent(s.params_share, f"{s.name} params share"), percent(s.macs_share, f"{s.name} MACs share")]
    structural = {float(x) for n in (1, 2, 3) for x in (n, stacked_field(n, k))} | {float(k), float(c), 2.0, 13.0, 224.0, 16.0}
    required = [plain(stack_vs_single(2, k, c).stacked_params, "2 stacked"),
                percent(1 - stack_vs_single(3, k, c).stacked_params / stack_vs_single(3, k, c).single_params, "saving of 3")]
    return Catalogue(values=values, structural=structural, required=required)


def googlenet() -> Catalogue:
    branches = inception_branches(**INCEPTION_3A)
    spec = INCEPTION_3A
    values = arch_values("googlenet", "alexnet", "vgg16")
    for b in branches:
        values += [plain(b.params, f"{b.name} params"), plain(b.macs, f"{b.name} MACs")]
        if b.params_unreduced:
            values += [plain(b.params_unreduced, f"{b.name} params unreduced"), plain(b.macs_unreduced, f"{b.name} MACs unreduced"),
                       plain(b.macs_unreduced / b.macs, f"{b.name} saving")]
    g, alex, v16 = architecture("googlenet"), architecture("alexnet"), architecture("vgg16")
    values += [plain(alex.params / g.params, "times fewer than AlexNet")]
    gap = round(v16.top1, 1) - round(g.top1, 1)
    values += [plain(gap, "points below VGG-16"), percent(gap / 100, "%p below VGG-16")]  # Korean writes points as %p
    structural = {float(x) for x in spec.values()} | {1.0, 3.0, 5.0, float(spec["size"] ** 2)}
    structural |= {float(spec["ch1"] + spec["ch3"] + spec["ch5"] + spec["proj"]), 9.0}
    required = [plain(b.macs_unreduced, f"{b.name} MACs unreduced") for b in branches if b.macs_unreduced]
    required += [plain(b.macs, f"{b.name} MACs") for b in branches if b.macs_unreduced]
    required += [percent(g.top1 / 100, "top-1"), plain(g.params, "params")]
    return Catalogue(values=values, structural=structural, required=required)


def googlenet_rows() -> dict[str, list[Expected]]:
    return {architecture(i).name.split(" (")[0].replace(" ", ""): [plain(architecture(i).params, "params"), plain(architecture(i).weight_layers, "depth"),
                                                                    percent(architecture(i).top1 / 100, "top-1")] for i in ("googlenet", "alexnet", "vgg16")}


RESNETS = ("resnet18", "resnet34", "resnet50", "resnet152")


def resnet() -> Catalogue:
    values = arch_values(*RESNETS)
    plain_grads = depth_gradients(depth=20, activation="sigmoid", residual=False)
    skips = depth_gradients(depth=20, activation="sigmoid", residual=True)
    relu = depth_gradients(depth=20, activation="relu", residual=True)
    values += [plain(plain_grads.norms[-1] / plain_grads.norms[0], "ratio without skips"), plain(skips.norms[-1] / skips.norms[0], "ratio with skips")]
    values += [plain(sigmoid_prime(0.0), "σ' bound"), plain(sigmoid_prime(0.0) ** 20, "bound^20"), plain(example_values()["sigmoid_prime1"], "σ'(z1)"),
               plain(example_values()["a1"], "a1"), plain(1 - example_values()["a1"], "1 - a1")]
    values += [plain(10 ** round(np.log10(np.median(relu.norms))), "relu typical gradient")]  # "grow gradients to about …"
    deg = cached("degradation")
    for run in deg.runs:
        values.append(plain(run.train_loss, f"{'residual' if run.residual else 'plain'} {run.depth} loss"))
    for name, arch in (("basic 256", 256), ("basic 64", 64)):
        values.append(plain(2 * 9 * arch**2, name))
    values += [plain(256 * 64, "1×1 reduce"), plain(9 * 64 * 64, "3×3"), plain(64 * 256, "1×1 expand"), plain(256 * 64 * 2 + 9 * 64 * 64, "bottleneck")]
    r34, r50 = architecture("resnet34"), architecture("resnet50")
    values += [percent(r50.weight_layers / r34.weight_layers - 1, "more layers"), percent(r50.params / r34.params - 1, "more params")]
    structural = {float(d) for d in (4, 8, 16, 32, 5, 20, 1, 0, 3, 64, 256, 2015, 12)} | {0.5, 1.5} | {10.0 ** e for e in range(-12, 1, 4)}
    required = [plain(plain_grads.norms[-1] / plain_grads.norms[0], "ratio without skips"), plain(skips.norms[-1] / skips.norms[0], "ratio with skips")]
    required += [percent(architecture(i).top1 / 100, f"{i} top-1") for i in RESNETS]
    return Catalogue(values=values, structural=structural, required=required)


def resnet_rows() -> dict[str, list[Expected]]:
    return {architecture(i).name.split(" (")[0].replace(" ", ""): [plain(architecture(i).params, "params"), plain(architecture(i).macs, "MACs"),
                                                                    plain(architecture(i).weight_layers, "depth"), percent(architecture(i).top1 / 100, "top-1")]
            for i in RESNETS}


LINEAGE = ("lenet5", "alexnet", "vgg16", "googlenet", "resnet152")


def lineage() -> Catalogue:
    values = arch_values(*LINEAGE)
    first, last = architecture(LINEAGE[0]), architecture(LINEAGE[-1])
    values += [plain(last.weight_layers / first.weight_layers, "depth growth"), plain(last.params / first.params, "params growth"),
               plain(last.macs / first.macs, "MACs growth")]
    best = max((architecture(i) for i in LINEAGE if architecture(i).top1), key=lambda a: a.top1)
    largest = max((architecture(i) for i in LINEAGE), key=lambda a: a.params)
    values.append(plain(largest.params / best.params, "largest / most accurate"))
    structural = {11.0, 3.0, 1.0, 152.0}
    required = [plain(architecture(i).params, f"{i} params") for i in LINEAGE]
    return Catalogue(values=values, structural=structural, required=required)


def lineage_rows() -> dict[str, list[Expected]]:
    return {architecture(i).name.split(" (")[0].replace(" ", ""): [plain(architecture(i).params, "params"), plain(architecture(i).macs, "MACs"),
                                                                    plain(architecture(i).weight_layers, "depth"), plain(architecture(i).year, "year")]
                                                                   + ([percent(architecture(i).top1 / 100, "top-1")] if architecture(i).top1 else [])
            for i in LINEAGE}


CATALOGUES: dict[str, Callable[[], Catalogue]] = {
    "flattening": flattening, "convolution": convolution, "pooling": pooling, "pipeline": pipeline, "mlp-vs-cnn": mlp_vs_cnn,
    "forward": forward, "loss": loss, "backprop": backprop, "update": update, "training": training, "learning": learning,
    "rounding": rounding, "alexnet": alexnet, "vgg": vgg, "googlenet": googlenet, "resnet": resnet, "lineage": lineage,
}


def edge_values(video: str) -> dict[str, list[Expected]]:
    """What the edge of each weight may read in a video: the weight, then its
    gradient (backprop relabels the edges) or its new value (update)."""
    v = example_values()
    then = {"forward": None, "backprop": "dL_d{}", "update": "{}_new", "learning": None}[video]
    return {w: [plain(v[w], w)] + ([plain(v[then.format(w)], then.format(w))] if then else []) for w in WEIGHTS}


def placement(video: str, screen: Screen) -> list[str]:
    """The numbers standing by themselves, checked where they stand."""
    if video in ("forward", "backprop", "update", "learning"):
        return edge_problems(screen, edge_values(video))
    if video == "convolution":
        return grid_problems(screen, convolution_matrices())
    if video == "pooling":
        return grid_problems(screen, pooling_matrices())
    rows = {"flattening": flattening_rows, "mlp-vs-cnn": mlp_vs_cnn_rows, "rounding": audit_rows, "googlenet": googlenet_rows,
            "resnet": resnet_rows, "lineage": lineage_rows}.get(video)
    return row_problems(screen, rows()) if rows else []


# The formula labels each worked-example video shows, every value of each at some screen.
SHOWN_LABELS = {
    "forward": ("x_1", "x_2", "z_1", "z_2", "a_1", "a_2", "hat(y)", "y_1"),
    "loss": ("hat(y)", "y_1", "y_1-hat(y)", "L", "(partialL)/(partialhat(y))"),
    "backprop": ("(partialL)/(partialhat(y))", "delta_1", "delta_2", "(partialhat(y))/(partiala_1)", "(partiala_1)/(partialz_1)",
                 "(partialz_1)/(partialw_1)", *(f"(partialL)/(partialw_{w[1]})" for w in WEIGHTS)),
    "update": ("eta", "hat(y)", "hat(y)'", "L", "L'", "y_1", *(f"w'_{w[1]}" for w in WEIGHTS)),
}
# The grids each video shows whole at some screen.
SHOWN_GRIDS = {
    "convolution": ("crop", "filter", "feature map", "stride 2", "padding 1", "products at (0, 0)", "products at (0, 1)", "products at (0, 2)"),
    "pooling": ("feature map", "pooled"),
}
SHOWN_ROWS: dict[str, Callable[[], dict[str, list[Expected]]]] = {
    "flattening": flattening_rows, "mlp-vs-cnn": lambda: mlp_vs_cnn_rows(complete=True), "rounding": audit_rows,
    "googlenet": googlenet_rows, "resnet": resnet_rows, "lineage": lineage_rows,
}


def absent(video: str, screens: list[Screen], catalogue: Catalogue) -> list[str]:
    """Every number a video should show in its place and never does: each
    labelled formula's value, each weight's values on its edge, each grid
    whole, each row's values in that row. Blanking one of them fails."""
    out = []
    finals = [(label, token) for s in screens for label, _, token in labelled_finals(s)]
    for label in SHOWN_LABELS.get(video, ()):
        for expected in catalogue.labelled[label]:
            if not any(lab == label and t.agrees(expected) for lab, t in finals):
                out.append(f"no formula shows {label} = {expected}")
    if video in ("forward", "backprop", "update"):
        on_edges = [(w, t) for s in screens for w, _, t, _ in edge_labels(s)]
        for weight, values in edge_values(video).items():
            out += [f"the edge of {weight} never reads {e}" for e in values if not any(w == weight and t.agrees(e) for w, t in on_edges)]
    if video in SHOWN_GRIDS:
        matrices = convolution_matrices() if video == "convolution" else pooling_matrices()
        grids = [[[t for _, t in run] for run in grid] for s in screens for grid in blocks(s)]
        for name in SHOWN_GRIDS[video]:
            m = matrices[name]
            if not any(len(g) == m.shape[0] and all(len(r) == m.shape[1] for r in g) and _reads_as(g, m) for g in grids):
                out.append(f"the {name} is never shown whole")
    if video in SHOWN_ROWS:
        for label, values in SHOWN_ROWS[video]().items():
            cells = [t for s in screens for row_label, t in row_cells(s, label)]
            out += [f"the row of {label} never shows {e}" for e in values if not any(t.agrees(e) for t in cells)]
    return out


@pytest.fixture(scope="module")
def catalogues() -> dict[str, Catalogue]:
    return {video: make() for video, make in CATALOGUES.items()}


def test_every_video_has_a_catalogue() -> None:
    assert set(CATALOGUES) == {e.id for e in SERIES}


@pytest.mark.parametrize("video", [e.id for e in SERIES])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_number_on_screen_is_mathcores(series_runs, catalogues, video: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown: Shown = series_runs[(video, lang)]
    assert shown.screens, "no screen recorded"
    found = problems(shown.every_screen(), catalogues[video])
    assert not found, "\n".join(found)


@pytest.mark.parametrize("video", [e.id for e in SERIES])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_numbers_sit_by_their_labels(series_runs, video: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown: Shown = series_runs[(video, lang)]
    found = [p for screen in shown.every_screen() for p in placement(video, screen)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("video", [e.id for e in SERIES])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_key_numbers_are_on_screen(series_runs, catalogues, video: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown: Shown = series_runs[(video, lang)]
    found = missing(shown.screens, shown.glimpses, catalogues[video])
    assert not found, "\n".join(found)


@pytest.mark.parametrize("video", [e.id for e in SERIES])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_number_is_shown_in_its_place(series_runs, catalogues, video: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown: Shown = series_runs[(video, lang)]
    found = absent(video, shown.every_screen(), catalogues[video])
    assert not found, "\n".join(found)
