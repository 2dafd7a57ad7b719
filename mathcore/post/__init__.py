"""The post's worked 2-2-1 example in two chains (exact and as displayed),
the display precision of each value, and the audit of the printed numbers."""

from .audit import PRINTED_NUMBERS, TEXT_SLIPS, audit, audit_markdown
from .precision import DISPLAY_PRECISION, Precision, round_half_up, shown_text
from .worked_example import BLOG_INPUTS, EDGES, FLAT_KEYS, WEIGHTS, ExampleInputs, WorkedExample, as_network, worked_example

__all__ = [
    "BLOG_INPUTS",
    "DISPLAY_PRECISION",
    "EDGES",
    "FLAT_KEYS",
    "PRINTED_NUMBERS",
    "TEXT_SLIPS",
    "WEIGHTS",
    "ExampleInputs",
    "Precision",
    "WorkedExample",
    "as_network",
    "audit",
    "audit_markdown",
    "round_half_up",
    "shown_text",
    "worked_example",
]
