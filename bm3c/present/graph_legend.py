"""The legend of the value-flow graph, drawn under it with the graph's own marks.

Three rows: the kinds of party drawn (each with the mark of its first node),
the kinds of flow drawn (a short line in the arrows' colour and dash), and the
width scale (round amounts at the width an arrow of that amount gets).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from bm3c.engine.network import EDGE_KINDS, NODE_KINDS, FlowNetwork
from bm3c.present.colours import FLOW_COLOURS
from bm3c.present.graph_marks import (
    DASHES,
    Box,
    LegendMark,
    PlacedEdge,
    PlacedLabel,
    PlacedNode,
    Sizes,
    stroke_width,
)
from bm3c.present.text_size import line_height, text_width
from bm3c.texts.format import money
from bm3c.texts.i18n import translate

__all__ = ["legend"]

WIDTH_SAMPLES = 3  # arrows of the width scale


def legend(
    network: FlowNetwork,
    nodes: Sequence[PlacedNode],
    edges: Sequence[PlacedEdge],
    sizes: Sizes,
    lang: str,
    width: float,
    top: float,
) -> tuple[tuple[LegendMark, ...], tuple[PlacedLabel, ...], float]:
    """Rows under the graph: the kinds of party drawn, the kinds of flow, the width scale."""

    def tr(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    marks: list[LegendMark] = []
    labels: list[PlacedLabel] = []
    row_height = max(line_height(sizes.small), sizes.member_side) + 10
    y = top + 8
    x = 0.0

    def title(text: str) -> None:
        nonlocal x, y
        x = 8.0
        w = text_width(text, sizes.small, bold=True) + 6
        labels.append(
            PlacedLabel((text,), _text_box(x, y, w, sizes.small), sizes.small, True, align="left")
        )
        x = max(x + w + 10, 150.0)

    def item(text: str, mark_width: float, add: Callable[[float, float], LegendMark]) -> None:
        nonlocal x, y
        w = text_width(text, sizes.small) + 6
        if x + mark_width + 6 + w > width - 8:
            x, y = 150.0, y + row_height
        marks.append(add(x, y + (line_height(sizes.small) + 2) / 2 - 5))
        labels.append(
            PlacedLabel(
                (text,), _text_box(x + mark_width + 6, y, w, sizes.small), sizes.small, align="left"
            )
        )
        x += mark_width + 6 + w + 22

    drawn: dict[str, PlacedNode] = {}
    for p in nodes:
        drawn.setdefault(p.node.kind, p)  # the first of each kind stands for it
    title(tr("flows.legend_node"))
    for kind in NODE_KINDS:
        if kind not in drawn:
            continue
        p = drawn[kind]
        side = min(p.side, 30.0)
        text = tr(f"flows.legend_node_kind.{kind}")

        def party(mx: float, my: float, p: PlacedNode = p, side: float = side) -> LegendMark:
            return LegendMark(
                "party",
                p.node.kind,
                mx + side / 2,
                my + 5,
                shape=p.shape,
                side=side,
                fill=p.fill,
                outline=p.outline,
            )

        item(text, side, party)
    kinds = [k for k in EDGE_KINDS if any(e.edge.kind == k for e in edges)]
    if kinds:
        y += row_height
        title(tr("flows.legend_kind"))
        for kind in kinds:

            def flow(mx: float, my: float, kind: str = kind) -> LegendMark:
                return LegendMark(
                    "flow",
                    kind,
                    mx,
                    my + 5,
                    x2=mx + 40,
                    stroke=4.0,
                    colour=FLOW_COLOURS[kind],
                    dash=DASHES[kind],
                )

            item(tr(f"flows.kind.{kind}"), 40, flow)
    largest = max((e.edge.amount_eur or 0.0 for e in edges), default=0.0)
    if largest > 0:
        y += row_height
        title(tr("flows.legend_width"))
        for amount in _width_samples(largest):
            stroke = stroke_width(amount, largest, sizes.max_stroke)

            def sample(
                mx: float, my: float, stroke: float = stroke, amount: float = amount
            ) -> LegendMark:
                return LegendMark(
                    "width",
                    money(amount, network.currency, lang, decimals=0),
                    mx,
                    my + 5,
                    x2=mx + 40,
                    stroke=stroke,
                    colour="#616161",
                )

            item(money(amount, network.currency, lang, decimals=0), 40, sample)
    return tuple(marks), tuple(labels), y + row_height + 4


def _text_box(left: float, top: float, w: float, font_size: float) -> Box:
    return Box(left, top, left + w, top + line_height(font_size) + 2)


def _width_samples(largest: float) -> list[float]:
    """Round amounts spanning the arrows drawn: the largest, a quarter, a twenty-fifth."""
    samples: list[float] = []
    for part in (1 / 25, 1 / 4, 1.0):
        value = _round_down(largest * part)
        if value > 0 and value not in samples:
            samples.append(value)
    return samples[:WIDTH_SAMPLES]


def _round_down(value: float) -> float:
    """``value`` rounded down to one or two significant figures (1, 2, 2.5, 5 × a power of 10)."""
    if value <= 0:
        return 0.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (5, 2.5, 2, 1):
        if value >= step * power:
            return step * power
    return power
