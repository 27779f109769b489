"""The value-flow network drawn with Altair, and its tables, in French or English.

Nodes are points (shape and fill by kind of party), edges are rules whose width
grows with the amount and whose colour says the kind of flow, arrowheads are
triangles turned towards the receiver. Edges between the same two parties are
drawn side by side. The data travels inline in the spec (``alt.InlineData(values=...)``)
so that what the chart shows can be read back from it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import altair as alt
import pandas as pd

from bm3c.engine.network import (
    EDGE_KINDS,
    NODE_KINDS,
    FlowLine,
    FlowNetwork,
    Node,
    node_balances,
)
from bm3c.texts.format import hours, money
from bm3c.texts.i18n import translate as text

__all__ = [
    "EDGE_COLOURS",
    "balance_table",
    "chosen_node",
    "clicked_node",
    "edge_rows",
    "flows_table",
    "line_text",
    "node_rows",
    "text",
    "value_flow_chart",
]

EDGE_COLOURS = {
    "money": "#0072B2",
    "in_kind": "#E69F00",
    "intangible": "#CC79A7",
    "work_hours": "#009E73",
}
NODE_FILLS = {
    "shared_entity": "#263238",
    "member": "#607D8B",
    "customer": "#8D6E63",
    "funder": "#6D4C41",
    "supplier": "#A1887F",
    "public": "#78909C",
    "other": "#B0BEC5",
    "market": "#CFD8DC",
}
NODE_SHAPES = {"shared_entity": "square", "member": "circle", "market": "cross"}
SELECTION = "node"
MAX_DETAILS = 6
REACH = 2.25  # half-height of the drawing, in layout units (actors sit at 1.8)
LABEL_ROOM = 0.9  # extra half-width for the labels of the outer ring


@dataclass(frozen=True)
class Geometry:
    """Sizes of one drawing, in pixels."""

    scale: float  # pixels per layout unit
    node_size: float  # area of a member's point
    max_stroke: float
    gap: float  # between parallel edges
    font_size: float


FULL = Geometry(scale=150, node_size=380, max_stroke=12, gap=8, font_size=12)
COMPACT = Geometry(scale=85, node_size=140, max_stroke=7, gap=5, font_size=9)


def line_text(line: FlowLine, lang: str) -> str:
    """How one underlying line reads in a tooltip or a table."""
    if line.origin == "reimbursement":
        return text("flows.line_reimbursement", lang, activity=line.activity)
    if line.origin == "work":
        return text("flows.line_work", lang, activity=line.activity, hours=hours(line.hours, lang))
    if line.activity is not None:
        return f"{line.activity} · {line.label}"
    return line.label


def _amount(value: float | None, currency: str, lang: str) -> str:
    return "–" if value is None else money(value, currency, lang)


def _names(network: FlowNetwork) -> dict[str, str]:
    return {n.id: n.name for n in network.nodes}


def node_rows(network: FlowNetwork, lang: str) -> list[dict[str, Any]]:
    """One row per node: id, name, kind, position, and the money it receives and pays."""
    money_in = dict.fromkeys(network.node_ids, 0.0)
    money_out = dict.fromkeys(network.node_ids, 0.0)
    for e in network.edges:
        if e.kind == "money" and e.amount_eur is not None:
            money_out[e.source] = money_out.get(e.source, 0.0) + e.amount_eur
            money_in[e.target] = money_in.get(e.target, 0.0) + e.amount_eur
    return [
        {
            "id": n.id,
            "name": n.name,
            "kind": n.kind,
            "party_kind": text(f"flows.node_kind.{n.kind}", lang),
            "x": n.x,
            "y": n.y,
            "money_in": money(money_in[n.id], network.currency, lang),
            "money_out": money(money_out[n.id], network.currency, lang),
        }
        for n in network.nodes
    ]


def edge_rows(network: FlowNetwork, lang: str, geometry: Geometry = FULL) -> list[dict[str, Any]]:
    """One row per edge: ends, kind, amount, drawn segment, arrowhead and tooltip texts.

    Edges between the same two parties are shifted sideways (by ``geometry.gap``
    pixels) so that none hides another; the arrowhead stops at the receiver's rim.
    """
    place = {n.id: n for n in network.nodes}
    names = _names(network)
    largest = max((e.amount_eur or 0.0 for e in network.edges), default=0.0)
    pairs: dict[tuple[str, str], list[int]] = {}
    for i, e in enumerate(network.edges):
        pair = (e.source, e.target) if e.source < e.target else (e.target, e.source)
        pairs.setdefault(pair, []).append(i)
    rows = []
    for pair, indices in pairs.items():
        a, b = place[pair[0]], place[pair[1]]
        length = math.hypot(b.x - a.x, b.y - a.y) or 1.0
        normal = (-(b.y - a.y) / length, (b.x - a.x) / length)
        for rank, i in enumerate(indices):
            e = network.edges[i]
            shift = (rank - (len(indices) - 1) / 2) * geometry.gap / geometry.scale
            start, end = place[e.source], place[e.target]
            ux, uy = (end.x - start.x) / length, (end.y - start.y) / length
            rim = (math.sqrt(_node_size(end, geometry)) / 2 + 6) / geometry.scale
            x1, y1 = start.x + normal[0] * shift, start.y + normal[1] * shift
            x2 = end.x + normal[0] * shift - ux * rim
            y2 = end.y + normal[1] * shift - uy * rim
            ratio = math.sqrt((e.amount_eur or 0.0) / largest) if largest > 0 else 0.0
            stroke = 1.5 + (geometry.max_stroke - 1.5) * ratio
            details = [line_text(line, lang) for line in e.lines]
            if len(details) > MAX_DETAILS:
                more = text("flows.more", lang, count=len(details) - MAX_DETAILS + 1)
                details = [*details[: MAX_DETAILS - 1], more]
            rows.append(
                {
                    "source": e.source,
                    "target": e.target,
                    "kind": e.kind,
                    "kind_label": text(f"flows.kind.{e.kind}", lang),
                    "from_name": names[e.source],
                    "to_name": names[e.target],
                    "amount_eur": e.amount_eur,
                    "amount": _amount(e.amount_eur, network.currency, lang),
                    "hours": hours(e.hours, lang) if e.hours is not None else "–",
                    "details": " ; ".join(details),
                    "x": x1,
                    "y": y1,
                    "x2": x2,
                    "y2": y2,
                    "stroke": round(stroke, 2),
                    "arrow_size": round(40 + 12 * stroke, 1),
                    "angle": round(math.degrees(math.atan2(ux, uy)) % 360, 2),
                }
            )
    rows.sort(key=lambda r: (r["source"], r["target"], EDGE_KINDS.index(r["kind"])))
    return rows


def _node_size(node: Node, geometry: Geometry) -> float:
    factor = {"shared_entity": 2.0, "member": 1.0}.get(node.kind, 0.8)
    return geometry.node_size * factor


def _label_rows(nodes: list[dict[str, Any]], geometry: Geometry) -> dict[str, list[dict[str, Any]]]:
    """Node labels, pushed outwards and grouped by how they are anchored."""
    groups: dict[str, list[dict[str, Any]]] = {"left": [], "right": [], "above": [], "below": []}
    push = 16 / geometry.scale
    for row in nodes:
        x, y = row["x"], row["y"]
        radius = math.hypot(x, y)
        if radius < 1e-9:
            groups["below"].append(row | {"lx": x, "ly": y - 1.6 * push})
            continue
        lx, ly = x + x / radius * push, y + y / radius * push
        side = "left" if x > 0.15 else "right" if x < -0.15 else "above" if y > 0 else "below"
        groups[side].append(row | {"lx": lx, "ly": ly})
    return groups


def value_flow_chart(network: FlowNetwork, lang: str, *, compact: bool = False) -> alt.LayerChart:
    """The network as a layered Altair chart: edges, arrowheads, nodes, labels.

    Clicking a node selects it (selection parameter ``node``, on the ``id``
    field) unless ``compact``, the small version without selection.
    """
    geometry = COMPACT if compact else FULL
    half_width = (REACH + LABEL_ROOM) * geometry.scale
    half_height = REACH * geometry.scale
    x_domain = [-REACH - LABEL_ROOM, REACH + LABEL_ROOM]
    y_domain = [-REACH, REACH]

    def x(field: str) -> alt.X:
        return alt.X(f"{field}:Q", axis=None, scale=alt.Scale(domain=x_domain))

    def y(field: str) -> alt.Y:
        return alt.Y(f"{field}:Q", axis=None, scale=alt.Scale(domain=y_domain))

    kinds = [text(f"flows.kind.{k}", lang) for k in EDGE_KINDS]
    colour = alt.Color(
        "kind_label:N",
        scale=alt.Scale(domain=kinds, range=[EDGE_COLOURS[k] for k in EDGE_KINDS]),
        legend=alt.Legend(title=text("flows.legend_kind", lang), orient="bottom"),
    )
    edges = edge_rows(network, lang, geometry)
    edge_tooltip = [
        alt.Tooltip("from_name:N", title=text("flows.from", lang)),
        alt.Tooltip("to_name:N", title=text("flows.to", lang)),
        alt.Tooltip("kind_label:N", title=text("flows.kind", lang)),
        alt.Tooltip("amount:N", title=text("flows.amount", lang)),
        alt.Tooltip("hours:N", title=text("flows.hours", lang)),
        alt.Tooltip("details:N", title=text("flows.details", lang)),
    ]
    lines = (
        alt.Chart()
        .mark_rule(opacity=0.75, strokeCap="round")
        .encode(
            x=x("x"),
            y=y("y"),
            x2="x2:Q",
            y2="y2:Q",
            color=colour,
            strokeWidth=alt.StrokeWidth("stroke:Q", scale=None),
            strokeDash=alt.StrokeDash(
                "kind:N",
                scale=alt.Scale(
                    domain=list(EDGE_KINDS),
                    range=[[5, 4] if k == "intangible" else [1, 0] for k in EDGE_KINDS],
                ),
                legend=None,
            ),
            tooltip=edge_tooltip,
        )
    )
    arrows = (
        alt.Chart()
        .mark_point(shape="triangle-up", filled=True, opacity=0.95)
        .encode(
            x=x("x2"),
            y=y("y2"),
            color=colour,
            angle=alt.Angle("angle:Q", scale=None),
            size=alt.Size("arrow_size:Q", scale=None),
            tooltip=edge_tooltip,
        )
    )
    nodes = node_rows(network, lang)
    for row in nodes:
        row["size"] = _node_size(network.node(row["id"]), geometry)
    node_kinds = [k for k in NODE_KINDS if any(n.kind == k for n in network.nodes)]
    node_labels = [text(f"flows.node_kind.{k}", lang) for k in node_kinds]
    # The small chart sits under a subheader that names it and has no room for two legends.
    party_legend = (
        None if compact else alt.Legend(title=text("flows.legend_node", lang), orient="bottom")
    )
    node_encoding: dict[str, Any] = {
        "x": x("x"),
        "y": y("y"),
        "shape": alt.Shape(
            "party_kind:N",
            scale=alt.Scale(
                domain=node_labels, range=[NODE_SHAPES.get(k, "diamond") for k in node_kinds]
            ),
            legend=party_legend,
        ),
        "fill": alt.Fill(
            "party_kind:N",
            scale=alt.Scale(domain=node_labels, range=[NODE_FILLS[k] for k in node_kinds]),
            legend=party_legend,
        ),
        "size": alt.Size("size:Q", scale=None),
        "tooltip": [
            alt.Tooltip("name:N", title=text("flows.party", lang)),
            alt.Tooltip("party_kind:N", title=text("flows.party_kind", lang)),
            alt.Tooltip("money_in:N", title=text("flows.money_in", lang)),
            alt.Tooltip("money_out:N", title=text("flows.money_out", lang)),
        ],
    }
    points = alt.Chart().mark_point(filled=True, opacity=1)
    if compact:
        points = points.encode(**node_encoding)
    else:
        pick = alt.selection_point(name=SELECTION, fields=["id"], on="click", empty=False)
        node_encoding["stroke"] = alt.condition(pick, alt.value("#D55E00"), alt.value("white"))
        node_encoding["strokeWidth"] = alt.condition(pick, alt.value(4), alt.value(1.5))
        points = points.encode(**node_encoding).add_params(pick)
    layers: list[alt.Chart | alt.LayerChart] = [alt.LayerChart(layer=[lines, arrows]), points]
    data = [edges, nodes]
    anchors: dict[
        str, tuple[Literal["left", "center", "right"], Literal["middle", "top", "bottom"]]
    ] = {
        "left": ("left", "middle"),
        "right": ("right", "middle"),
        "above": ("center", "bottom"),
        "below": ("center", "top"),
    }
    for side, rows in _label_rows(nodes, geometry).items():
        if not rows:
            continue
        align, baseline = anchors[side]
        data.append([{k: r[k] for k in ("id", "name", "lx", "ly")} for r in rows])
        layers.append(
            alt.Chart()
            .mark_text(
                align=align,
                baseline=baseline,
                fontSize=geometry.font_size,
                limit=geometry.scale * LABEL_ROOM * 1.1,
            )
            .encode(
                x=x("lx"),
                y=y("ly"),
                text="name:N",
            )
        )
    size: dict[str, Any] = {"width": round(2 * half_width), "height": round(2 * half_height)}
    if not compact:
        size["title"] = alt.TitleParams(text("flows.chart_title", lang), anchor="start")
    chart: alt.LayerChart = alt.layer(*layers).properties(**size).configure_view(stroke=None)
    # Data goes in last: Altair copies a chart, data included, at every step above.
    for layer, values in zip(chart.layer, data, strict=True):
        layer.data = {"values": values}
    return chart


def clicked_node(event: Any, known: Sequence[str]) -> str | None:
    """The node a click on the chart selected (``st.altair_chart`` event), if known."""
    selection = event.get("selection") if isinstance(event, Mapping) else None
    picked = selection.get(SELECTION) if isinstance(selection, Mapping) else None
    if isinstance(picked, Sequence) and picked and isinstance(picked[0], Mapping):
        node = picked[0].get("id")
        if node in known:
            return str(node)
    return None


def chosen_node(
    clicked: str | None,
    listed: str | None,
    before: tuple[str | None, str | None, str | None] | None,
) -> str | None:
    """The party whose exchanges to show: the one last clicked on the chart or chosen in the list.

    ``before`` is (clicked, listed, chosen) of the previous run, None on the first one:
    whichever of the click and the list changed since wins; with no change the
    choice stays.
    """
    if before is None:
        return clicked or listed
    was_clicked, was_listed, was_chosen = before
    if clicked != was_clicked:
        return clicked or listed
    if listed != was_listed:
        return listed
    return was_chosen


def flows_table(
    network: FlowNetwork, lines: Sequence[FlowLine], lang: str, *, incoming: bool
) -> pd.DataFrame:
    """The lines one party receives (``incoming``) or gives, with the other party named."""
    names = _names(network)
    return pd.DataFrame(
        {
            text("flows.from" if incoming else "flows.to", lang): [
                names[line.source if incoming else line.target] for line in lines
            ],
            text("flows.kind", lang): [text(f"flows.kind.{line.kind}", lang) for line in lines],
            text("flows.amount", lang): [
                _amount(line.amount_eur, network.currency, lang) for line in lines
            ],
            text("flows.details", lang): [line_text(line, lang) for line in lines],
        }
    )


def balance_table(network: FlowNetwork, node_id: str, lang: str) -> pd.DataFrame:
    """Per flow kind: received, given and balance for one party (work: value and hours)."""
    rows = []
    for b in node_balances(network, node_id):
        received = money(b.in_eur, network.currency, lang)
        given = money(b.out_eur, network.currency, lang)
        if b.kind == "work_hours":
            received += f" ({hours(b.in_hours, lang)})"
            given += f" ({hours(b.out_hours, lang)})"
        rows.append(
            {
                text("flows.kind", lang): text(f"flows.kind.{b.kind}", lang),
                text("flows.received", lang): received,
                text("flows.given", lang): given,
                text("flows.balance", lang): money(b.net_eur, network.currency, lang),
            }
        )
    return pd.DataFrame(rows)
