"""Where things go: the named places of the 16:9 frame every scene shares.

manim's frame is 8 units tall and about 14.2 wide, centred on the origin.
From the top: the title in the top-left corner, the stage (left and right
panels, or one table), and the caption band at the bottom, which holds
only the caption. A scene places things by these names, and keeps its own
places (a chart's corner, a grid's column) as named constants at its top.
"""

from __future__ import annotations

FRAME_HEIGHT = 8.0
FRAME_WIDTH = 8.0 * 16 / 9

TITLE_BUFF = 0.45  # the title's distance from the top-left corner
STAGE_TOP = 2.9  # below the title
CAPTION_BOTTOM = -3.72  # a caption's last line sits here
CAPTION_TOP = -2.9  # two caption lines reach up to here: the band is the caption's alone
CAPTION_LINE_GAP = 0.14

LEFT_PANEL = (-3.7, 0.1, 0.0)  # a diagram's centre beside a formula panel (the network, a grid)
RIGHT_PANEL_TOP_LEFT = (0.6, 2.3)  # where a panel of formulas starts, right of the diagram
PANEL_LINE_GAP = 0.32  # between the lines of a formula panel

TABLE_TOP = 1.8  # the first row of a table under its header
ROW_STEP = 0.62  # one row of a table


def row_y(k: int, top: float = TABLE_TOP, step: float = ROW_STEP) -> float:
    """The height of a table's row ``k`` (0 the first)."""
    return top - k * step
