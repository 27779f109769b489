"""The value-flow graph as a projector shows it: no text over another, widths, legend, colours."""

from __future__ import annotations

from functools import cache
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bm3c.engine.network import EDGE_KINDS, FlowNetwork, filter_network, flow_network
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.model.years import year_view
from bm3c.present.colours import FLOW_COLOURS, party_colours
from bm3c.present.graph_layout import (
    Box,
    GraphLayout,
    graph_layout,
    label_boxes,
    network_colours,
    stroke_width,
)
from bm3c.present.text_size import text_width, wrap
from bm3c.synthetic import synthetic_cooperation
from bm3c.texts.i18n import translate
from bm3c.ui.projector import GRAPH_SCALE
from tests.engine.test_network import small


def first_year(path: Path) -> Cooperation:
    """An example's first plan year: the graph and the game read one year at a time."""
    return year_view(load_cooperation(path), 0)


EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


@cache
def thirty() -> Cooperation:
    return validate_cooperation(synthetic_cooperation(members=30))


def layouts() -> list[tuple[str, Cooperation]]:
    return [(p.stem, first_year(p)) for p in EXAMPLES] + [("30-members", thirty())]


def network_of(coop: Cooperation, lang: str) -> FlowNetwork:
    return flow_network(coop, market_name=translate("flows.market", lang))


def assert_readable(layout: GraphLayout) -> None:
    """No two texts overlap, none overlaps a node, every one lies inside the drawing."""
    boxes = label_boxes(layout)
    assert all(b.inside(layout.width, layout.height) for b in boxes)
    clashes = [(a, b) for a, b in combinations(boxes, 2) if a.overlaps(b)]
    assert clashes == []
    marks = [n.box for n in layout.nodes]
    assert [(b, m) for b in boxes for m in marks if b.overlaps(m)] == []


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("name", "coop"), layouts(), ids=[n for n, _ in layouts()])
def test_no_label_overlaps_another_or_a_node_and_all_stay_inside(
    name: str, coop: Cooperation, lang: str
) -> None:
    layout = graph_layout(network_of(coop, lang), lang, colours=party_colours(coop))
    assert layout.width >= 900
    assert_readable(layout)
    # every party is named in full: its label's lines put back together are its name
    for n in layout.nodes:
        assert " ".join(n.label.lines) == " ".join(n.node.name.split())
        assert n.label.font_size >= 14
    written = [e.label for e in layout.edges if e.label is not None]
    assert written and all(label.font_size >= 14 for label in written)
    if name != "30-members":  # the examples show nearly every amount
        assert layout.amounts_written >= 0.9 * layout.amounts_total


@pytest.mark.parametrize(("name", "coop"), layouts(), ids=lambda v: v if isinstance(v, str) else "")
def test_projector_sized_texts_still_do_not_overlap(name: str, coop: Cooperation) -> None:
    layout = graph_layout(network_of(coop, "fr"), "fr", text_scale=GRAPH_SCALE)
    assert_readable(layout)
    assert min(n.label.font_size for n in layout.nodes) >= 16 * GRAPH_SCALE


def test_a_filtered_network_keeps_its_texts_apart_too() -> None:
    coop = first_year(EXAMPLES[0])
    net = network_of(coop, "fr")
    for kinds in (["money"], ["work_hours", "in_kind"], []):
        assert_readable(graph_layout(filter_network(net, kinds), "fr"))
    assert_readable(graph_layout(filter_network(net, None, coop.shared_entity.id), "fr"))


def test_the_layout_is_the_same_from_one_run_to_the_next() -> None:
    net = network_of(first_year(EXAMPLES[0]), "fr")
    assert graph_layout(net, "fr") == graph_layout(net, "fr")


def test_the_shared_entity_is_in_the_middle_members_around_and_actors_outside() -> None:
    layout = graph_layout(network_of(first_year(EXAMPLES[0]), "fr"), "fr")
    cx, cy = layout.width / 2, layout.graph_height / 2

    def reach(x: float, y: float) -> float:  # on the ellipse's own scale
        return ((x - cx) / layout.width) ** 2 + ((y - cy) / layout.graph_height) ** 2

    centre = next(n for n in layout.nodes if n.node.kind == "shared_entity")
    assert (centre.x, centre.y) == (cx, cy)
    members = [reach(n.x, n.y) for n in layout.nodes if n.node.kind == "member"]
    actors = [
        reach(n.x, n.y) for n in layout.nodes if n.node.kind not in ("member", "shared_entity")
    ]
    assert max(members) < min(actors)


@given(st.floats(0, 1e6), st.floats(0, 1e6))
def test_a_larger_amount_never_gets_a_thinner_arrow(a: float, b: float) -> None:
    largest = max(a, b, 1.0)
    low, high = sorted((a, b))
    assert stroke_width(low, largest, 14) <= stroke_width(high, largest, 14) <= 14
    assert stroke_width(low, largest, 14) >= 1.5


def test_arrow_widths_on_the_small_cooperation() -> None:
    """Largest 1000 € (market → commun) at 14 px; 250 € at 1.5 + 12.5·√0.25 = 7.75 px."""
    assert stroke_width(1000, 1000, 14) == 14
    assert stroke_width(250, 1000, 14) == 7.75
    assert stroke_width(None, 1000, 14) == 1.5
    layout = graph_layout(flow_network(small()), "fr")
    by_amount = sorted(
        (e for e in layout.edges if e.edge.amount_eur), key=lambda e: e.edge.amount_eur or 0
    )
    strokes = [e.stroke for e in by_amount]
    assert strokes == sorted(strokes) and strokes[-1] == 14 and strokes[0] < strokes[-1]


def test_the_legend_shows_exactly_the_kinds_drawn_with_their_marks() -> None:
    coop = first_year(EXAMPLES[0])
    net = network_of(coop, "fr")
    layout = graph_layout(net, "fr", colours=party_colours(coop))
    assert set(layout.legend_kinds("party")) == {n.kind for n in net.nodes}
    assert list(layout.legend_kinds("flow")) == [
        k for k in EDGE_KINDS if any(e.kind == k for e in net.edges)
    ]
    for mark in (m for m in layout.legend_marks if m.group == "party"):
        first = next(n for n in layout.nodes if n.node.kind == mark.kind)
        assert (mark.shape, mark.fill, mark.outline) == (first.shape, first.fill, first.outline)
    for mark in (m for m in layout.legend_marks if m.group == "flow"):
        assert mark.colour == FLOW_COLOURS[mark.kind]
        assert all(e.colour == mark.colour for e in layout.edges if e.edge.kind == mark.kind)
    # the width scale: each sample drawn as wide as an arrow of its amount
    widths = [m.stroke for m in layout.legend_marks if m.group == "width"]
    assert widths == sorted(widths) and len(widths) == 3
    only_money = graph_layout(filter_network(net, ["money"]), "fr")
    assert only_money.legend_kinds("flow") == ("money",)


def test_a_network_without_flows_has_no_flow_legend() -> None:
    layout = graph_layout(filter_network(flow_network(small()), []), "fr")
    assert layout.legend_kinds("flow") == () and layout.legend_kinds("width") == ()
    assert layout.amounts_total == 0


def test_nodes_take_the_model_colours_even_when_filtered() -> None:
    coop = first_year(EXAMPLES[0])
    colours = party_colours(coop)
    net = network_of(coop, "fr")
    assert network_colours(net) == {n.id: colours[n.id] for n in net.nodes}
    last = coop.members[-1].id
    alone = graph_layout(filter_network(net, None, last), "fr", colours=colours)
    assert next(n.fill for n in alone.nodes if n.node.id == last) == colours[last]


def test_text_widths_and_wrapping() -> None:
    """DejaVu Sans: a digit is 1303/2048 em wide, a space 651/2048 em."""
    assert text_width("0", 2048) == 1303
    assert text_width("1 0", 2048) == 1303 * 2 + 651
    assert text_width("0", 16, bold=True) > text_width("0", 16)
    lines = wrap("Autres bailleurs sociaux de la métropole", 170, 16)
    assert lines == ("Autres bailleurs", "sociaux de la", "métropole")
    assert all(text_width(line, 16) <= 170 for line in lines)
    assert wrap("Anticonstitutionnellement", 50, 16) == ("Anticonstitutionnellement",)
    assert wrap("", 50, 16) == ("",)


def test_boxes() -> None:
    a = Box(0, 0, 10, 10)
    assert a.overlaps(Box(9, 9, 20, 20)) and not a.overlaps(Box(10, 0, 20, 10))
    assert a.overlaps(Box(11, 0, 20, 10), margin=2)
    assert a.inside(10, 10) and not Box(-1, 0, 5, 5).inside(10, 10)
    assert a.centre == (5, 5)
