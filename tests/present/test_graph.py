"""The value-flow chart and tables, on the small cooperation of tests/engine/test_network.py."""

from __future__ import annotations

from typing import Any

import pytest
from altair.utils.schemapi import debug_mode

from bm3c.engine.network import (
    EDGE_KINDS,
    NODE_KINDS,
    FlowLine,
    FlowNetwork,
    filter_network,
    flow_network,
)
from bm3c.model.validation import validate_cooperation
from bm3c.present.graph import (
    MAX_DETAILS,
    balance_table,
    chosen_node,
    clicked_node,
    edge_rows,
    flows_table,
    line_text,
    node_rows,
    text,
    value_flow_chart,
)
from bm3c.present.graph_layout import graph_layout
from bm3c.synthetic import synthetic_cooperation
from bm3c.texts.i18n import LANGUAGES
from tests.engine.test_network import small


def test_every_text_the_chart_builds_from_a_kind_exists_in_both_languages() -> None:
    for lang in LANGUAGES:
        for kind in EDGE_KINDS:
            assert text(f"flows.kind.{kind}", lang)
            assert text(f"flows.kind_help.{kind}", lang).endswith(".")
        for kind in NODE_KINDS:
            assert text(f"flows.node_kind.{kind}", lang)
    assert text("flows.kind.in_kind", "en") == "In kind"
    assert text("flows.kind.in_kind", "fr") == "En nature"


def _edge_rows(net: FlowNetwork, lang: str) -> list[dict[str, Any]]:
    return edge_rows(graph_layout(net, lang), net, lang)


def test_edge_rows_carry_amounts_in_the_language_and_the_drawing() -> None:
    net = flow_network(small())
    rows = {(r["source"], r["target"], r["kind"]): r for r in _edge_rows(net, "fr")}
    assert len(rows) == len(net.edges)
    money = rows[("a", "commun", "money")]
    assert money["amount"] == "230,00\u00a0€"
    assert money["kind_label"] == "Monétaire"
    assert money["details"] == "Cotisation ; Café · Repas membres"
    assert rows[("a", "commun", "intangible")]["amount"] == "–"
    work = rows[("b", "commun", "work_hours")]
    assert (work["hours"], work["details"]) == ("9\u00a0h", "Café · 9\u00a0h")
    english = {(r["source"], r["target"], r["kind"]): r for r in _edge_rows(net, "en")}
    assert english[("commun", "a", "money")]["amount"] == "€200.00"
    assert english[("commun", "a", "money")]["details"] == "Work paid back · Café"


def test_arrows_point_at_the_receiver_and_stop_before_it() -> None:
    """a sits straight above the centre (y grows downwards), ville on the right of it."""
    layout = graph_layout(flow_network(small()), "fr")
    at = {n.node.id: n for n in layout.nodes}
    assert at["a"].x == pytest.approx(at["commun"].x) and at["a"].y < at["commun"].y
    arrows = {(e.edge.source, e.edge.target, e.edge.kind): e for e in layout.edges}
    down = arrows[("a", "commun", "work_hours")]
    assert down.angle == 180.0  # a triangle-up turned half round points down
    assert at["a"].y < down.y1 < down.y2 < down.hy < at["commun"].box.top
    up = arrows[("commun", "a", "money")]
    assert up.angle == 0.0 and at["a"].box.bottom < up.hy < up.y2 < at["commun"].y
    left = arrows[("ville", "commun", "money")]
    assert left.angle == 270.0 and at["commun"].box.right < left.hx < at["ville"].x


def test_parallel_edges_run_side_by_side_and_width_follows_the_amount() -> None:
    net = flow_network(small())
    layout = graph_layout(net, "fr")
    between = [e for e in layout.edges if {e.edge.source, e.edge.target} == {"a", "commun"}]
    assert len(between) == 4
    assert len({round(e.x1, 6) for e in between}) == 4  # a vertical pair: shifted along x
    # the band of four, 3 px apart, is centred on the line between the two nodes
    left = min(e.x1 - e.stroke / 2 for e in between)
    right = max(e.x1 + e.stroke / 2 for e in between)
    assert layout.width / 2 - left == pytest.approx(right - layout.width / 2)
    assert right - left == pytest.approx(sum(e.stroke for e in between) + 3 * 3)
    largest = max(layout.edges, key=lambda e: e.edge.amount_eur or 0)
    assert (largest.edge.source, largest.edge.target) == ("market", "commun")
    assert largest.stroke == 14.0
    assert next(e for e in layout.edges if e.edge.kind == "intangible").stroke == 1.5


def test_long_edges_list_their_first_lines_then_how_many_more() -> None:
    net = flow_network(small())
    edge = net.edges[0]
    many = tuple(
        FlowLine("a", "commun", "money", "flow", f"Ligne {i}", None, 1.0) for i in range(9)
    )
    crowded = type(net)(net.nodes, (type(edge)("a", "commun", "money", 9.0, None, many),))
    details = _edge_rows(crowded, "fr")[0]["details"].split(" ; ")
    assert len(details) == MAX_DETAILS
    assert details[-1] == "… et 4 autres"


def test_line_texts() -> None:
    assert line_text(FlowLine("x", "y", "money", "flow", "Dotation"), "fr") == "Dotation"
    revenue = FlowLine("x", "y", "money", "revenue", "Repas", "Café", 10.0)
    assert line_text(revenue, "en") == "Café · Repas"
    work = FlowLine("x", "y", "work_hours", "work", "Café", "Café", 10.0, 1234.0, 1000.0)
    assert line_text(work, "fr") == "Café · 1\u202f234\u00a0h"
    assert line_text(work, "en") == "Café · 1,234\u00a0h"


def test_node_rows_translate_kinds_and_sum_money() -> None:
    rows = {r["id"]: r for r in node_rows(graph_layout(flow_network(small()), "en"), "EUR", "en")}
    assert rows["commun"]["party_kind"] == "Shared entity"
    assert rows["ville"]["party_kind"] == "Funder"
    assert (rows["commun"]["money_in"], rows["commun"]["money_out"]) == ("€1,730.00", "€600.00")


def _values(spec: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Every layer's rows, in layer order (Altair moves them to named datasets)."""

    def walk(view: dict[str, Any]) -> list[list[dict[str, Any]]]:
        found = [spec["datasets"][view["data"]["name"]]] if "data" in view else []
        for layer in view.get("layer", []):
            found += walk(layer)
        return found

    return walk(spec)


def test_chart_spec_holds_every_node_and_edge_with_translated_titles() -> None:
    net = flow_network(small())
    spec = value_flow_chart(net, "en").to_dict()
    datasets = _values(spec)
    edges = next(d for d in datasets if d and "source" in d[0])
    nodes = next(d for d in datasets if d and "money_in" in d[0])
    assert [(e["source"], e["target"], e["kind"]) for e in edges] == [
        (e.source, e.target, e.kind) for e in net.edges
    ]
    assert [n["id"] for n in nodes] == list(net.node_ids)
    names = [r["text"] for d in datasets if d and "text" in d[0] for r in d]
    assert {"Commun", "A", "B", "Ville"} <= set(names)
    assert spec["title"]["text"] == "Value flows between the parties"
    assert spec["title"]["subtitle"] == [
        "Amount written on each arrow (hours for work); the width follows the amount."
    ]
    assert spec["params"][0]["name"] == "node"
    assert spec["params"][0]["select"] == {"type": "point", "fields": ["id"], "on": "click"}
    assert "Flow kind" in names
    french = value_flow_chart(net, "fr").to_dict()
    assert french["title"]["text"] == "Flux de valeur entre les parties"


def test_the_chart_built_without_validation_is_the_validated_one() -> None:
    """The app skips Altair's schema checks for speed (flow_chart_spec); this test keeps them."""
    net = flow_network(validate_cooperation(synthetic_cooperation(members=6, activities=20)))
    for interactive in (False, True):
        checked = value_flow_chart(net, "fr", interactive=interactive).to_dict()
        with debug_mode(False):
            fast = value_flow_chart(net, "fr", interactive=interactive).to_dict(validate=False)
        assert fast == checked


def test_the_overview_chart_has_no_selection_nor_title_but_the_same_size() -> None:
    net = flow_network(small())
    full = value_flow_chart(net, "fr").to_dict()
    quiet = value_flow_chart(net, "fr", interactive=False).to_dict()
    assert "params" not in quiet and "subtitle" not in quiet["title"]
    assert quiet["title"]["text"] == full["title"]["subtitle"]  # the note only
    assert (quiet["width"], quiet["height"]) == (full["width"], full["height"])
    assert full["width"] >= 900


def test_a_chart_with_no_edge_still_draws_its_nodes() -> None:
    net = filter_network(flow_network(small()), kinds=[])
    spec = value_flow_chart(net, "fr").to_dict()
    datasets = _values(spec)
    assert datasets[0] == []
    assert len(next(d for d in datasets if d and "money_in" in d[0])) == len(net.nodes)


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ({"selection": {"node": [{"id": "b"}]}}, "b"),
        ({"selection": {"node": [{"id": "gone"}]}}, None),
        ({"selection": {"node": []}}, None),
        ({"selection": {}}, None),
        (None, None),
        ("not an event", None),
    ],
)
def test_clicked_node(event: Any, expected: str | None) -> None:
    assert clicked_node(event, ("a", "b", "commun")) == expected


def test_the_last_click_or_choice_in_the_list_wins() -> None:
    assert chosen_node(None, None, None) is None
    assert chosen_node("a", "b", None) == "a"
    assert chosen_node(None, "b", None) == "b"
    assert chosen_node("a", None, (None, None, None)) == "a"  # a click
    assert chosen_node("a", "b", ("a", None, "a")) == "b"  # then a choice in the list
    assert chosen_node("a", "b", ("a", "b", "b")) == "b"  # an unrelated rerun
    assert chosen_node("c", "b", ("a", "b", "b")) == "c"  # another click
    assert chosen_node(None, "b", ("c", "b", "c")) == "b"  # click undone: back to the list
    assert chosen_node(None, None, ("a", None, "a")) is None


def test_flows_and_balance_tables() -> None:
    net = flow_network(small())
    incoming = flows_table(net, net.inflows("b"), "fr", incoming=True)
    assert incoming.to_dict("records") == [
        {
            "De": "Commun",
            "Type de flux": "Monétaire",
            "Détail": "Café · Loyer",
            "Montant": "100,00\u00a0€",
        }
    ]
    outgoing = flows_table(net, net.outflows("b"), "en", incoming=False)
    assert list(outgoing["To"]) == ["A", "Commun", "Commun"]
    assert list(outgoing["Amount"]) == ["€20.00", "€80.00", "€190.00"]
    balance = balance_table(net, "commun", "en").set_index("Flow kind")
    assert balance.loc["Money", "Balance"] == "€1,130.00"
    assert balance.loc["Work hours", "Received"] == "€390.00 (19\u00a0h)"
