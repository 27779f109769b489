"""Where everything of the value-flow graph is drawn, in pixels: nodes, arrows, labels, legend.

A pure function of the network (:func:`graph_layout`), so that a test can check
what a projector will show: every text has a box (:func:`label_boxes`), and no
box overlaps another or leaves the drawing.

- Nodes sit on the rings of :func:`bm3c.engine.network.shell_layout`, stretched
  to the drawing (an ellipse, wider than tall).
- A node's label is its full name, wrapped on several lines; it goes on the
  outer side of the node, or turns round it until it finds a free place.
- An arrow's width grows with the square root of its amount (its area then
  follows the amount); arrows between the same two parties run side by side.
- Amounts are written on the arrows, largest first, wherever they fit; the
  layout counts those left out so that the chart can say so.
- The legend (party kinds, flow kinds, arrow widths) is drawn with the very
  marks of the graph, under it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from bm3c.engine.network import Edge, FlowNetwork
from bm3c.present.colours import (
    ACTOR_COLOURS,
    FLOW_COLOURS,
    MARKET_COLOUR,
    SHARED_ENTITY_COLOUR,
    member_colour,
)
from bm3c.present.graph_legend import legend
from bm3c.present.graph_marks import (
    DASHES,
    MAX_AMOUNTS,
    MAX_BOLD,
    SHAPES,
    Box,
    LegendMark,
    PlacedEdge,
    PlacedLabel,
    PlacedNode,
    Sizes,
    stroke_width,
)
from bm3c.present.graph_marks import sizes as mark_sizes
from bm3c.present.text_size import line_height, text_width, wrap
from bm3c.texts.format import hours, money

__all__ = [
    "DASHES",
    "MAX_BOLD",
    "SHAPES",
    "Box",
    "GraphLayout",
    "LegendMark",
    "PlacedEdge",
    "PlacedLabel",
    "PlacedNode",
    "amount_text",
    "graph_layout",
    "label_boxes",
    "network_colours",
    "stroke_width",
]


@dataclass(frozen=True)
class GraphLayout:
    """The whole drawing: ``width`` × ``height`` pixels, the graph above ``graph_height``."""

    width: float
    height: float
    graph_height: float
    nodes: tuple[PlacedNode, ...]
    edges: tuple[PlacedEdge, ...]
    legend_marks: tuple[LegendMark, ...]
    legend_labels: tuple[PlacedLabel, ...]
    amounts_written: int
    amounts_total: int

    @property
    def faded(self) -> int:
        """How many arrows are drawn faded (the smaller ones of a crowded graph)."""
        return sum(e.faded for e in self.edges)

    def legend_kinds(self, group: str) -> tuple[str, ...]:
        """The kinds the legend shows in one row (``party``, ``flow`` or ``width``)."""
        return tuple(m.kind for m in self.legend_marks if m.group == group)


def network_colours(network: FlowNetwork) -> dict[str, str]:
    """A colour per node, by kind and order in the network (see :mod:`bm3c.present.colours`).

    The same as :func:`~bm3c.present.colours.party_colours` of the model for a
    whole network; a filtered one should be given the model's colours instead.
    """
    colours: dict[str, str] = {}
    members = actors = 0
    for n in network.nodes:
        if n.kind == "shared_entity":
            colours[n.id] = SHARED_ENTITY_COLOUR
        elif n.kind == "member":
            colours[n.id] = member_colour(members)
            members += 1
        elif n.kind == "market":
            colours[n.id] = MARKET_COLOUR
        else:
            colours[n.id] = ACTOR_COLOURS[actors % len(ACTOR_COLOURS)]
            actors += 1
    return colours


def graph_layout(
    network: FlowNetwork,
    lang: str,
    *,
    colours: Mapping[str, str] | None = None,
    width: float = 1200,
    text_scale: float = 1.0,
) -> GraphLayout:
    """Every mark and text of the graph of ``network``, placed in a ``width``-pixel drawing.

    ``colours`` gives a colour per party id (the model's, from
    :func:`~bm3c.present.colours.party_colours`; by default those of
    :func:`network_colours`). ``text_scale`` enlarges every text (1.0: node
    names at 16 px and amounts at 14 px, readable on a projector).
    """
    sizes = mark_sizes(width, text_scale)
    fills = dict(colours) if colours is not None else network_colours(network)
    graph_height = round(width * 0.62)
    obstacles: list[Box] = []
    nodes = _place_nodes(network, fills, sizes, width, graph_height, obstacles)
    edges = _place_edges(network, nodes, sizes, lang, width, graph_height, obstacles)
    marks, labels, height = legend(network, nodes, edges, sizes, lang, width, graph_height)
    written = sum(e.label is not None for e in edges)
    total = sum(e.edge.amount_eur is not None for e in edges)
    return GraphLayout(width, height, graph_height, nodes, edges, marks, labels, written, total)


def label_boxes(layout: GraphLayout) -> list[Box]:
    """The box of every text drawn: node names, amounts on arrows, the legend's texts."""
    boxes = [n.label.box for n in layout.nodes]
    boxes += [e.label.box for e in layout.edges if e.label is not None]
    boxes += [label.box for label in layout.legend_labels]
    return boxes


# --- nodes ---------------------------------------------------------------------------


def _place_nodes(
    network: FlowNetwork,
    fills: Mapping[str, str],
    sizes: Sizes,
    width: float,
    height: float,
    obstacles: list[Box],
) -> tuple[PlacedNode, ...]:
    """Nodes on their ellipses; labels placed centre first, then members, then actors."""
    room_x = width / 2 - 12 - sizes.wrap - sizes.actor_side
    room_y = height / 2 - 12 - 2 * line_height(sizes.font) - sizes.actor_side
    inner = 0.6
    cx, cy = width / 2, height / 2
    placed: list[PlacedNode] = []
    for n in network.nodes:
        ring = 1.8 if n.kind not in ("shared_entity", "member") else 1.0
        stretch = 1.0 if ring > 1 else inner
        # layout units: members at radius 1, actors at 1.8; y upwards there, downwards here
        x = cx + n.x / ring * room_x * stretch
        y = cy - n.y / ring * room_y * stretch
        side = {"shared_entity": sizes.centre_side, "member": sizes.member_side}.get(
            n.kind, sizes.actor_side
        )
        fill = "#FFFFFF" if n.kind == "market" else fills.get(n.id, MARKET_COLOUR)
        outline = MARKET_COLOUR if n.kind == "market" else "#FFFFFF"
        empty = PlacedLabel((), Box(x, y, x, y), sizes.font)
        placed.append(
            PlacedNode(n, x, y, side, SHAPES.get(n.kind, "diamond"), fill, outline, empty)
        )
    obstacles.extend(p.box for p in placed)
    order = sorted(
        range(len(placed)),
        key=lambda i: {"shared_entity": 0, "member": 1}.get(placed[i].node.kind, 2),
    )
    for i in order:
        placed[i] = replace(
            placed[i], label=_node_label(placed[i], sizes, cx, cy, width, height, obstacles)
        )
        obstacles.append(placed[i].label.box)
    return tuple(placed)


def _node_label(
    p: PlacedNode,
    sizes: Sizes,
    cx: float,
    cy: float,
    width: float,
    height: float,
    obstacles: Sequence[Box],
) -> PlacedLabel:
    """The node's name, wrapped, on the first free side: outwards, then turning round it."""
    bold = p.node.kind in ("shared_entity", "member")
    outward = math.atan2(p.y - cy, p.x - cx) if (p.x, p.y) != (cx, cy) else math.pi / 2
    turns = [0.0, 0.4, -0.4, 0.8, -0.8, 1.2, -1.2, 1.6, -1.6, 2.2, -2.2, math.pi]
    candidates: list[PlacedLabel] = []
    for wrap_px in (sizes.wrap, sizes.wrap * 0.65, sizes.wrap * 1.6):
        lines = wrap(p.node.name, wrap_px, sizes.font, bold=bold)
        w = max(text_width(line, sizes.font, bold=bold) for line in lines) + 6
        h = line_height(sizes.font) * len(lines) + 2
        for extra in (0.0, 14.0, 30.0, 50.0, 80.0):
            for turn in turns:
                d = outward + turn
                dx, dy = math.cos(d), math.sin(d)
                reach = p.side / 2 + 4 + extra + abs(dx) * w / 2 + abs(dy) * h / 2
                x, y = p.x + dx * reach, p.y + dy * reach
                box = Box(x - w / 2, y - h / 2, x + w / 2, y + h / 2)
                align: Literal["left", "center", "right"] = (
                    "left" if dx > 0.5 else "right" if dx < -0.5 else "center"
                )
                label = PlacedLabel(lines, box, sizes.font, bold, align=align)
                if box.inside(width, height) and not any(box.overlaps(o, 2) for o in obstacles):
                    return label
                candidates.append(label)
    return min(candidates, key=lambda c: _crowding(c.box, obstacles, width, height))


def _crowding(box: Box, obstacles: Iterable[Box], width: float, height: float) -> float:
    """How much of other boxes, and of the outside, a box covers (to pick the least bad)."""
    covered = sum(
        max(0.0, min(box.right, o.right) - max(box.left, o.left))
        * max(0.0, min(box.bottom, o.bottom) - max(box.top, o.top))
        for o in obstacles
    )
    outside = (box.right - box.left) * (box.bottom - box.top) - max(
        0.0, min(box.right, width) - max(box.left, 0)
    ) * max(0.0, min(box.bottom, height) - max(box.top, 0))
    return covered + 10 * outside


# --- edges ---------------------------------------------------------------------------


def _place_edges(
    network: FlowNetwork,
    nodes: Sequence[PlacedNode],
    sizes: Sizes,
    lang: str,
    width: float,
    height: float,
    obstacles: list[Box],
) -> tuple[PlacedEdge, ...]:
    """Arrows from rim to rim, side by side between the same pair; amounts where they fit."""
    where = {p.node.id: p for p in nodes}
    largest = max((e.amount_eur or 0.0 for e in network.edges), default=0.0)
    pairs: dict[tuple[str, str], list[int]] = {}
    for i, e in enumerate(network.edges):
        pair = (e.source, e.target) if e.source < e.target else (e.target, e.source)
        pairs.setdefault(pair, []).append(i)
    arrows: dict[int, PlacedEdge] = {}
    for (first, second), indices in pairs.items():
        a, b = where[first], where[second]
        length = math.hypot(b.x - a.x, b.y - a.y) or 1.0
        normal = (-(b.y - a.y) / length, (b.x - a.x) / length)
        strokes = [
            stroke_width(network.edges[i].amount_eur, largest, sizes.max_stroke) for i in indices
        ]
        spread = sum(strokes) + 3 * (len(strokes) - 1)
        offset = -spread / 2
        for i, stroke in zip(indices, strokes, strict=True):
            shift = offset + stroke / 2
            offset += stroke + 3
            arrows[i] = _arrow(network.edges[i], where, normal, shift, stroke)
    placed = [arrows[i] for i in range(len(network.edges))]
    ranked = sorted(
        (i for i, e in enumerate(network.edges) if e.amount_eur is not None),
        key=lambda i: (-(network.edges[i].amount_eur or 0.0), i),
    )
    if len(placed) > MAX_BOLD:
        strong = set(ranked[:MAX_BOLD])
        placed = [replace(a, faded=i not in strong) for i, a in enumerate(placed)]
    for i in ranked[:MAX_AMOUNTS]:
        label = _amount_label(placed[i], sizes, network.currency, lang, width, height, obstacles)
        if label is not None:
            placed[i] = replace(placed[i], label=label)
            obstacles.append(label.box)
    return tuple(placed)


def _arrow(
    e: Edge,
    where: Mapping[str, PlacedNode],
    normal: tuple[float, float],
    shift: float,
    stroke: float,
) -> PlacedEdge:
    start, end = where[e.source], where[e.target]
    length = math.hypot(end.x - start.x, end.y - start.y) or 1.0
    ux, uy = (end.x - start.x) / length, (end.y - start.y) / length
    # the pair's normal is that of (first, second): the same side whatever the direction
    sx, sy = normal[0] * shift, normal[1] * shift
    head = max(11.0, 2.4 * stroke)
    start_gap = start.side / 2 + 3
    tip_gap = end.side / 2 + 4
    tip = (end.x + sx - ux * tip_gap, end.y + sy - uy * tip_gap)
    return PlacedEdge(
        edge=e,
        x1=start.x + sx + ux * start_gap,
        y1=start.y + sy + uy * start_gap,
        # the line stops where a wide stroke would poke past the chevron's tip
        x2=tip[0] - ux * min(stroke, head) * 0.6,
        y2=tip[1] - uy * min(stroke, head) * 0.6,
        hx=tip[0],
        hy=tip[1],
        # clockwise from up, y downwards: (ux, uy) = (sin, -cos)
        angle=round(math.degrees(math.atan2(ux, -uy)) % 360, 2),
        stroke=stroke,
        head_side=head,
        colour=FLOW_COLOURS[e.kind],
        label=None,
    )


def amount_text(e: Edge, currency: str, lang: str) -> str:
    """What an arrow says: hours for work, whole money otherwise."""
    if e.kind == "work_hours" and e.hours is not None:
        return hours(e.hours, lang)
    return money(e.amount_eur, currency, lang, decimals=0)


def _amount_label(
    arrow: PlacedEdge,
    sizes: Sizes,
    currency: str,
    lang: str,
    width: float,
    height: float,
    obstacles: Sequence[Box],
) -> PlacedLabel | None:
    """The amount on the arrow, at the first free point along it from its middle."""
    text = amount_text(arrow.edge, currency, lang)
    w = text_width(text, sizes.small, bold=True) + 6
    h = line_height(sizes.small) + 2
    length = math.hypot(arrow.x2 - arrow.x1, arrow.y2 - arrow.y1) or 1.0
    nx, ny = -(arrow.y2 - arrow.y1) / length, (arrow.x2 - arrow.x1) / length
    beside = arrow.stroke / 2 + 2 + abs(nx) * w / 2 + abs(ny) * h / 2
    for side in (0.0, beside, -beside, 2 * beside, -2 * beside):
        for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.2, 0.8):
            x = arrow.x1 + (arrow.x2 - arrow.x1) * t + nx * side
            y = arrow.y1 + (arrow.y2 - arrow.y1) * t + ny * side
            box = Box(x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            if box.inside(width, height) and not any(box.overlaps(o, 1) for o in obstacles):
                return PlacedLabel((text,), box, sizes.small, True, arrow.colour)
    return None
