"""The marks of the value-flow graph and their sizes, in pixels (y growing downwards).

Shared by the layout (:mod:`bm3c.present.graph_layout`) and its legend
(:mod:`bm3c.present.graph_legend`), so that the legend draws the very marks of
the graph.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from bm3c.engine.network import Edge, Node

__all__ = [
    "DASHES",
    "MAX_AMOUNTS",
    "MAX_BOLD",
    "MIN_STROKE",
    "SHAPES",
    "Box",
    "LegendMark",
    "PlacedEdge",
    "PlacedLabel",
    "PlacedNode",
    "Sizes",
    "sizes",
    "stroke_width",
]

SHAPES = {
    "shared_entity": "square",
    "member": "circle",
    "customer": "diamond",
    "funder": "triangle-up",
    "supplier": "triangle-down",
    "public": "cross",
    "other": "triangle-right",
    "market": "circle",
}
DASHES: dict[str, tuple[float, ...]] = {
    "money": (),
    "in_kind": (),
    "intangible": (7.0, 5.0),
    "work_hours": (2.0, 4.0),
}
MIN_STROKE = 1.5
MAX_AMOUNTS = 40  # amounts written at most, largest first
MAX_BOLD = 60  # beyond this many arrows, all but the largest are drawn faded


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels, y growing downwards."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def centre(self) -> tuple[float, float]:
        """The middle of the box."""
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2

    def overlaps(self, other: Box, margin: float = 0.0) -> bool:
        """True when the two boxes, each grown by ``margin``, share some area."""
        return (
            self.left - margin < other.right
            and other.left - margin < self.right
            and self.top - margin < other.bottom
            and other.top - margin < self.bottom
        )

    def inside(self, width: float, height: float) -> bool:
        """True when the box lies within (0, 0)-(width, height)."""
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height


@dataclass(frozen=True)
class PlacedLabel:
    """Lines of text in ``box``, at ``font_size`` pixels, aligned on the side of their mark."""

    lines: tuple[str, ...]
    box: Box
    font_size: float
    bold: bool = False
    colour: str = "#000000"
    align: Literal["left", "center", "right"] = "center"  # towards its mark


@dataclass(frozen=True)
class PlacedNode:
    """A party drawn at (x, y): its mark (shape, size = side², fill, outline) and its label."""

    node: Node
    x: float
    y: float
    side: float
    shape: str
    fill: str
    outline: str
    label: PlacedLabel

    @property
    def box(self) -> Box:
        """The square the mark fits in."""
        half = self.side / 2
        return Box(self.x - half, self.y - half, self.x + half, self.y + half)


@dataclass(frozen=True)
class PlacedEdge:
    """An arrow: a line from (x1, y1) to (x2, y2), then its head, a chevron whose tip is (hx, hy).

    ``angle`` is the direction it points to, in degrees clockwise from up (y
    downwards). The chevron's two wings are :attr:`wings`; drawn as lines in the
    drawing's own coordinates, they stay on the arrow when a chart is stretched.
    ``label`` is the amount written on it, None when it has none or found no room.
    """

    edge: Edge
    x1: float
    y1: float
    x2: float
    y2: float
    hx: float
    hy: float
    angle: float
    stroke: float
    head_side: float
    colour: str
    label: PlacedLabel | None
    faded: bool = False

    @property
    def wings(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The ends of the chevron's two strokes, ``head_side`` behind the tip."""
        length = math.hypot(self.hx - self.x1, self.hy - self.y1) or 1.0
        ux, uy = (self.hx - self.x1) / length, (self.hy - self.y1) / length
        back = (self.hx - ux * self.head_side, self.hy - uy * self.head_side)
        half = self.head_side * 0.55
        return (back[0] - uy * half, back[1] + ux * half), (
            back[0] + uy * half,
            back[1] - ux * half,
        )


@dataclass(frozen=True)
class LegendMark:
    """One mark of the legend: a symbol (``shape``) or a line (``dash``) at (x, y).

    ``kind`` is the party or flow kind it stands for, ``group`` its row.
    """

    group: Literal["party", "flow", "width"]
    kind: str
    x: float
    y: float
    x2: float = 0.0
    shape: str = ""
    side: float = 0.0
    fill: str = ""
    outline: str = ""
    stroke: float = 0.0
    colour: str = ""
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Sizes:
    """Text sizes, mark sizes and a name's line width, in pixels, for one drawing."""

    font: float  # node labels
    small: float  # amounts and legend
    centre_side: float
    member_side: float
    actor_side: float
    max_stroke: float
    wrap: float  # width of a node label's line


def sizes(width: float, text_scale: float) -> Sizes:
    """The sizes of a drawing ``width`` pixels wide, texts enlarged by ``text_scale``."""
    unit = width / 1200
    return Sizes(
        font=16 * text_scale,
        small=14 * text_scale,
        centre_side=46 * unit,
        member_side=30 * unit,
        actor_side=24 * unit,
        max_stroke=14 * unit,
        wrap=170 * text_scale,
    )


def stroke_width(amount_eur: float | None, largest_eur: float, max_stroke: float) -> float:
    """An arrow's width in pixels: from 1.5 to ``max_stroke``, as √(amount / largest)."""
    if not amount_eur or largest_eur <= 0:
        return MIN_STROKE
    ratio = math.sqrt(max(amount_eur, 0.0) / largest_eur)
    return round(MIN_STROKE + (max_stroke - MIN_STROKE) * ratio, 2)
