"""The value-flow network drawn with Altair, and its tables, in French or English.

Everything is placed by :func:`bm3c.present.graph_layout.graph_layout`, in
pixels: nodes are points (shape by kind of party, fill the party's colour),
edges are rules whose width grows with the amount and whose colour says the
kind of flow, arrowheads are chevrons at the receiver; amounts
and names are texts on white boxes; the legend is drawn with the same marks
under the graph. The data travels inline in the spec so that what the chart
shows can be read back from it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

from bm3c.engine.network import EDGE_KINDS, FlowLine, FlowNetwork, node_balances
from bm3c.present.graph_layout import DASHES, MAX_BOLD, GraphLayout, PlacedLabel, graph_layout
from bm3c.present.text_size import line_height
from bm3c.texts.format import hours, money
from bm3c.texts.i18n import translate as text

__all__ = [
    "SELECTION",
    "WIDTH",
    "amounts_note",
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

SELECTION = "node"
MAX_DETAILS = 6
SELECTED = "#D55E00"  # the outline of the party clicked
#: Width of the drawing in pixels: readable on a projector, whole beside the sidebar at 1920.
WIDTH = 1200


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


def node_rows(layout: GraphLayout, currency: str, lang: str) -> list[dict[str, Any]]:
    """One row per node: id, name, kind, mark, and the money it receives and pays."""
    money_in: dict[str, float] = {}
    money_out: dict[str, float] = {}
    for a in layout.edges:
        e = a.edge
        if e.kind == "money" and e.amount_eur is not None:
            money_out[e.source] = money_out.get(e.source, 0.0) + e.amount_eur
            money_in[e.target] = money_in.get(e.target, 0.0) + e.amount_eur
    return [
        {
            "id": p.node.id,
            "name": p.node.name,
            "kind": p.node.kind,
            "party_kind": text(f"flows.node_kind.{p.node.kind}", lang),
            "x": round(p.x, 2),
            "y": round(p.y, 2),
            "size": round(p.side**2, 1),
            "shape": p.shape,
            "fill": p.fill,
            "outline": p.outline,
            "money_in": money(money_in.get(p.node.id, 0.0), currency, lang),
            "money_out": money(money_out.get(p.node.id, 0.0), currency, lang),
        }
        for p in layout.nodes
    ]


def edge_rows(layout: GraphLayout, network: FlowNetwork, lang: str) -> list[dict[str, Any]]:
    """One row per arrow: ends, kind, amount, drawn line and head, tooltip texts."""
    names = _names(network)
    rows = []
    for a in layout.edges:
        e = a.edge
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
                "x": round(a.x1, 2),
                "y": round(a.y1, 2),
                "x2": round(a.x2, 2),
                "y2": round(a.y2, 2),
                "hx": round(a.hx, 2),
                "hy": round(a.hy, 2),
                "stroke": a.stroke,
                "colour": a.colour,
                "opacity": 0.15 if a.faded else 0.8,
                "head_stroke": round(max(2.5, min(a.stroke, 7.0)), 2),
                "w1x": round(a.wings[0][0], 2),
                "w1y": round(a.wings[0][1], 2),
                "w2x": round(a.wings[1][0], 2),
                "w2y": round(a.wings[1][1], 2),
                "angle": a.angle,
            }
        )
    return rows


def _text_rows(labels: Sequence[PlacedLabel]) -> list[dict[str, Any]]:
    """Label rows: the text (lines joined by a line break), its box and colour."""
    return [
        {
            "text": "\n".join(label.lines),
            # the text starts (ends) 3 px inside its box when aligned left (right)
            "tx": round(
                {"left": label.box.left + 3, "right": label.box.right - 3}.get(
                    label.align, label.box.centre[0]
                ),
                2,
            ),
            "top": round(label.box.top + 1, 2),
            "left": round(label.box.left, 2),
            "right": round(label.box.right, 2),
            "bottom": round(label.box.bottom, 2),
            "colour": label.colour,
            "size": label.font_size,
            "bold": label.bold,
            "align": label.align,
            "line": round(line_height(label.font_size), 2),
        }
        for label in labels
    ]


def amounts_note(layout: GraphLayout, lang: str) -> list[str]:
    """What the drawing leaves out: amounts not written, arrows faded (one sentence each)."""
    if layout.amounts_written == layout.amounts_total:
        note = [text("flows.amounts_all", lang)]
    else:
        note = [
            text(
                "flows.amounts_some",
                lang,
                written=layout.amounts_written,
                total=layout.amounts_total,
            )
        ]
    if layout.faded:
        note.append(text("flows.faded", lang, count=layout.faded, shown=MAX_BOLD))
    return note


def value_flow_chart(
    network: FlowNetwork,
    lang: str,
    *,
    colours: Mapping[str, str] | None = None,
    interactive: bool = True,
    width: float = WIDTH,
    text_scale: float = 1.0,
) -> alt.LayerChart:
    """The network drawn for a projector (:func:`~bm3c.present.graph_layout.graph_layout`).

    Layers: arrows and their heads, amounts, nodes, names, the legend. Each party
    has its colour (``colours``, by party id: the model's
    :func:`~bm3c.present.colours.party_colours`, so that a filtered network
    keeps them). When ``interactive``, the chart has a title and clicking a node
    selects it (selection parameter ``node``, on the ``id`` field).
    ``text_scale`` enlarges every text (projector mode).
    """
    layout = graph_layout(network, lang, colours=colours, width=width, text_scale=text_scale)
    w, h = layout.width, layout.height

    def x(field: str) -> alt.X:
        return alt.X(
            f"{field}:Q", axis=None, scale=alt.Scale(domain=[0, w], nice=False, zero=False)
        )

    def y(field: str) -> alt.Y:
        # pixels from the top: the domain runs downwards
        return alt.Y(
            f"{field}:Q", axis=None, scale=alt.Scale(domain=[h, 0], nice=False, zero=False)
        )

    edge_tooltip = [
        alt.Tooltip("from_name:N", title=text("flows.from", lang)),
        alt.Tooltip("to_name:N", title=text("flows.to", lang)),
        alt.Tooltip("kind_label:N", title=text("flows.kind", lang)),
        alt.Tooltip("amount:N", title=text("flows.amount", lang)),
        alt.Tooltip("hours:N", title=text("flows.hours", lang)),
        alt.Tooltip("details:N", title=text("flows.details", lang)),
    ]
    dash = alt.StrokeDash(
        "kind:N",
        scale=alt.Scale(
            domain=list(EDGE_KINDS), range=[list(DASHES[k]) or [1, 0] for k in EDGE_KINDS]
        ),
        legend=None,
    )
    colour = alt.Color("colour:N", scale=None, legend=None)
    lines = (
        alt.Chart()
        .mark_rule(strokeCap="butt")
        .encode(
            opacity=alt.Opacity("opacity:Q", scale=None),
            x=x("x"),
            y=y("y"),
            x2="x2:Q",
            y2="y2:Q",
            color=colour,
            strokeWidth=alt.StrokeWidth("stroke:Q", scale=None),
            strokeDash=dash,
            tooltip=edge_tooltip,
        )
    )
    # a chevron: two strokes from the tip, in the drawing's coordinates
    wings = [
        alt.Chart()
        .mark_rule(strokeCap="round")
        .encode(
            opacity=alt.Opacity("opacity:Q", scale=None),
            x=x("hx"),
            y=y("hy"),
            x2=f"w{k}x:Q",
            y2=f"w{k}y:Q",
            color=colour,
            strokeWidth=alt.StrokeWidth("head_stroke:Q", scale=None),
            tooltip=edge_tooltip,
        )
        for k in (1, 2)
    ]
    node_encoding: dict[str, Any] = {
        "x": x("x"),
        "y": y("y"),
        "shape": alt.Shape("shape:N", scale=None),
        "fill": alt.Fill("fill:N", scale=None),
        "size": alt.Size("size:Q", scale=None),
        "tooltip": [
            alt.Tooltip("name:N", title=text("flows.party", lang)),
            alt.Tooltip("party_kind:N", title=text("flows.party_kind", lang)),
            alt.Tooltip("money_in:N", title=text("flows.money_in", lang)),
            alt.Tooltip("money_out:N", title=text("flows.money_out", lang)),
        ],
    }
    points = alt.Chart().mark_point(filled=True, opacity=1, strokeWidth=2)
    if interactive:
        pick = alt.selection_point(name=SELECTION, fields=["id"], on="click", empty=False)
        node_encoding["stroke"] = alt.condition(
            pick, alt.value(SELECTED), alt.Stroke("outline:N", scale=None)
        )
        node_encoding["strokeWidth"] = alt.condition(pick, alt.value(5), alt.value(2))
        points = points.encode(**node_encoding).add_params(pick)
    else:
        node_encoding["stroke"] = alt.Stroke("outline:N", scale=None)
        points = points.encode(**node_encoding)
    layers: list[alt.Chart | alt.LayerChart] = [alt.LayerChart(layer=[lines, *wings]), points]
    data: list[list[dict[str, Any]]] = [
        edge_rows(layout, network, lang),
        node_rows(layout, network.currency, lang),
    ]
    scale = text_scale
    # every text in one layer: size, weight and alignment come with each row
    rows = _text_rows(
        [
            *(a.label for a in layout.edges if a.label is not None),
            *(p.label for p in layout.nodes),
            *layout.legend_labels,
        ]
    )
    layers.append(
        alt.Chart()
        .mark_rect(fill="white", opacity=0.85, cornerRadius=3)
        .encode(x=x("left"), x2="right:Q", y=y("top"), y2="bottom:Q")
    )
    layers.append(
        alt.Chart()
        .mark_text(
            baseline="top",
            lineBreak="\n",
            align=alt.ExprRef("datum.align"),
            fontWeight=alt.ExprRef("datum.bold ? 'bold' : 'normal'"),
            lineHeight=alt.ExprRef("datum.line"),
        )
        .encode(
            x=x("tx"),
            y=y("top"),
            text="text:N",
            color=colour,
            size=alt.Size("size:Q", scale=None),
        )
    )
    data += [rows, rows]
    legend_lines = [m for m in layout.legend_marks if m.group != "party"]
    legend_points = [m for m in layout.legend_marks if m.group == "party"]
    if legend_lines:
        layers.append(
            alt.Chart()
            .mark_rule(strokeCap="butt")
            .encode(
                x=x("x"),
                y=y("y"),
                x2="x2:Q",
                color=colour,
                strokeWidth=alt.StrokeWidth("stroke:Q", scale=None),
                strokeDash=dash,
            )
        )
        data.append(
            [
                {
                    "x": m.x,
                    "x2": m.x2,
                    "y": m.y,
                    "stroke": m.stroke,
                    "colour": m.colour,
                    "kind": m.kind if m.group == "flow" else "money",
                }
                for m in legend_lines
            ]
        )
    if legend_points:
        layers.append(
            alt.Chart()
            .mark_point(filled=True, opacity=1, strokeWidth=2)
            .encode(
                x=x("x"),
                y=y("y"),
                shape=alt.Shape("shape:N", scale=None),
                fill=alt.Fill("fill:N", scale=None),
                stroke=alt.Stroke("outline:N", scale=None),
                size=alt.Size("size:Q", scale=None),
            )
        )
        data.append(
            [
                {
                    "x": m.x,
                    "y": m.y,
                    "shape": m.shape,
                    "fill": m.fill,
                    "outline": m.outline if m.outline != "#FFFFFF" else m.fill,
                    "size": round(m.side**2, 1),
                }
                for m in legend_points
            ]
        )
    note = amounts_note(layout, lang)
    # the graph of the overview sits under a heading that names it: the note only
    title = (
        alt.TitleParams(
            text("flows.chart_title", lang),
            subtitle=note,
            anchor="start",
            fontSize=20 * scale,
            subtitleFontSize=14 * scale,
        )
        if interactive
        else alt.TitleParams(note, anchor="start", fontSize=14 * scale, fontWeight="normal")
    )
    size: dict[str, Any] = {"width": round(w), "height": round(h), "title": title}
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
