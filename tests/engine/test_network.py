"""The value-flow network: edges and amounts of a small cooperation worked out by hand."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bm3c.engine import evaluate
from bm3c.engine.network import (
    EDGE_KINDS,
    FlowNetwork,
    filter_network,
    flow_network,
    node_balances,
)
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.model.years import year_view
from bm3c.synthetic import synthetic_cooperation
from tests.conftest import build


def first_year(path: Path) -> Cooperation:
    """An example's first plan year: the game, the network and the what-ifs read one year."""
    return year_view(load_cooperation(path), 0)


def small() -> Cooperation:
    """Members a (20 €/h) and b (30 €/h), shared entity commun, funder ville; volunteer 10 €/h.

    cafe (carried by commun): revenues Repas 1000 (market), Subvention 500 (ville),
    Repas membres 200 (paid by a); costs Denrées 300 (market), Loyer 100 (to b);
    work a 10 paid h reimbursed (worth 200 €, paid back to a), b 5 paid + 4 volunteer h,
    not reimbursed (worth 5·30 + 4·10 = 190 €).
    atelier (carried by a): Ventes 400 (market); a's own 10 h (no edge); b 2 volunteer h (20 €).
    flows: ville → a money Prime 50; b → commun in_kind Prêt 80; a → commun intangible
    Réseau (no amount); a → commun money Cotisation 30.
    """
    return build(
        volunteer_hour_value_eur=10.0,
        actors=[{"id": "ville", "name": "Ville", "kind": "funder"}],
        activities=[
            {
                "id": "cafe",
                "name": "Café",
                "carrier": "commun",
                "revenues": [
                    {"label": "Repas", "amount_eur": 1000.0},
                    {"label": "Subvention", "amount_eur": 500.0, "from": "ville"},
                    {"label": "Repas membres", "amount_eur": 200.0, "from": "a"},
                ],
                "costs": [
                    {"label": "Denrées", "amount_eur": 300.0},
                    {"label": "Loyer", "amount_eur": 100.0, "to": "b"},
                ],
                "work": [
                    {"member": "a", "paid_hours": 10.0, "reimbursed": True},
                    {"member": "b", "paid_hours": 5.0, "volunteer_hours": 4.0},
                ],
            },
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "a",
                "revenues": [{"label": "Ventes", "amount_eur": 400.0}],
                "work": [
                    {"member": "a", "paid_hours": 10.0},
                    {"member": "b", "volunteer_hours": 2.0},
                ],
            },
        ],
        flows=[
            {"from": "ville", "to": "a", "kind": "money", "label": "Prime", "amount_eur": 50.0},
            {"from": "b", "to": "commun", "kind": "in_kind", "label": "Prêt", "amount_eur": 80.0},
            {"from": "a", "to": "commun", "kind": "intangible", "label": "Réseau"},
            {
                "from": "a",
                "to": "commun",
                "kind": "money",
                "label": "Cotisation",
                "amount_eur": 30.0,
            },
        ],
    )


def test_edges_of_the_small_cooperation_sum_its_lines_per_pair_and_kind() -> None:
    net = flow_network(small())
    edges = [(e.source, e.target, e.kind, e.amount_eur, e.hours, e.labels) for e in net.edges]
    assert edges == [
        ("a", "commun", "money", 230.0, None, ("Cotisation", "Repas membres")),
        ("a", "commun", "intangible", None, None, ("Réseau",)),
        ("a", "commun", "work_hours", 200.0, 10.0, ("Café",)),
        ("b", "a", "work_hours", 20.0, 2.0, ("Atelier",)),
        ("b", "commun", "in_kind", 80.0, None, ("Prêt",)),
        ("b", "commun", "work_hours", 190.0, 9.0, ("Café",)),
        ("commun", "a", "money", 200.0, None, ("Café",)),  # reimbursed work: 10 h × 20 €
        ("commun", "b", "money", 100.0, None, ("Loyer",)),
        ("commun", "market", "money", 300.0, None, ("Denrées",)),
        ("market", "a", "money", 400.0, None, ("Ventes",)),
        ("market", "commun", "money", 1000.0, None, ("Repas",)),
        ("ville", "a", "money", 50.0, None, ("Prime",)),
        ("ville", "commun", "money", 500.0, None, ("Subvention",)),
    ]
    reimbursement = net.edges[6].lines[0]
    assert (reimbursement.origin, reimbursement.paid_hours) == ("reimbursement", 10.0)


def test_nodes_are_placed_in_shells_and_the_market_only_when_used() -> None:
    net = flow_network(small(), market_name="Marché")
    assert [(n.id, n.name, n.kind, n.x, n.y) for n in net.nodes] == [
        ("commun", "Commun", "shared_entity", 0.0, 0.0),
        ("a", "A", "member", 0.0, 1.0),
        ("b", "B", "member", 0.0, -1.0),
        ("ville", "Ville", "funder", 1.8, 0.0),
        ("market", "Marché", "market", -1.8, 0.0),
    ]
    assert "market" not in build().model_dump() and "market" not in flow_network(build()).node_ids


def test_layout_moves_with_who_exchanges_with_whom_never_with_amounts() -> None:
    coop = small()
    data = coop.model_dump(by_alias=True, exclude_none=True)
    doubled = validate_cooperation(
        data
        | {
            "flows": [
                f | {"amount_eur": 2 * f["amount_eur"]} if "amount_eur" in f else f
                for f in data["flows"]
            ]
        }
    )
    before = {n.id: (n.x, n.y) for n in flow_network(coop).nodes}
    assert before == {n.id: (n.x, n.y) for n in flow_network(doubled).nodes}
    assert before == {n.id: (n.x, n.y) for n in flow_network(coop).nodes}  # and again


def test_an_actor_sits_near_the_members_it_exchanges_with() -> None:
    """Four members at the top, right, bottom and left; actor x exchanges with the right one.

    Four actors share the outer ring; x takes the place nearest to member m2 (on
    the right), and no actor sits straight behind a member.
    """
    members = [{"id": f"m{i}", "name": f"M{i}", "hourly_cost_eur": 20.0} for i in range(1, 5)]
    actors = [{"id": f"{k}", "name": k.upper(), "kind": "funder"} for k in ("w", "x", "y", "z")]
    coop = build(
        members=members,
        actors=actors,
        flows=[{"from": "x", "to": "m2", "kind": "money", "label": "Aide", "amount_eur": 10.0}],
    )
    net = flow_network(coop)
    at = {n.id: (n.x, n.y) for n in net.nodes}
    assert at["m2"] == (1.0, 0.0)
    x_angle = math.atan2(at["x"][1], at["x"][0])
    others = [math.atan2(at[a][1], at[a][0]) for a in ("w", "y", "z")]
    assert all(abs(x_angle) <= abs(math.remainder(o, 2 * math.pi)) for o in others)
    member_angles = [math.atan2(at[m][1], at[m][0]) for m in ("m1", "m2", "m3", "m4")]
    for a in ("w", "x", "y", "z"):
        angle = math.atan2(at[a][1], at[a][0])
        assert min(abs(math.remainder(angle - m, 2 * math.pi)) for m in member_angles) > 0.1


def test_balances_of_the_shared_entity_and_a_member() -> None:
    net = flow_network(small())
    shared = {b.kind: b for b in node_balances(net, "commun")}
    # in: 230 (a) + 1000 (market) + 500 (ville); out: 200 + 100 + 300
    assert (shared["money"].in_eur, shared["money"].out_eur) == (1730.0, 600.0)
    assert shared["money"].net_eur == 1130.0
    assert shared["in_kind"].in_eur == 80.0
    assert (shared["work_hours"].in_eur, shared["work_hours"].in_hours) == (390.0, 19.0)
    b = {x.kind: x for x in node_balances(net, "b")}
    assert (b["work_hours"].out_eur, b["work_hours"].out_hours) == (210.0, 11.0)
    assert (b["money"].in_eur, b["in_kind"].out_eur) == (100.0, 80.0)
    assert [x.kind for x in node_balances(net, "b")] == list(EDGE_KINDS)


def test_filters_by_kind_and_by_node() -> None:
    net = flow_network(small())
    money = filter_network(net, {"money"})
    assert {e.kind for e in money.edges} == {"money"} and len(money.edges) == 8
    assert money.nodes == net.nodes
    around_b = filter_network(net, None, "b")
    assert [(e.source, e.target) for e in around_b.edges] == [
        ("b", "a"),
        ("b", "commun"),
        ("b", "commun"),
        ("commun", "b"),
    ]
    assert around_b.node_ids == ("commun", "a", "b")
    assert filter_network(net, {"intangible"}, "b").node_ids == ("b",)
    assert [line.label for line in net.inflows("b")] == ["Loyer"]
    assert [line.label for line in net.outflows("b")] == ["Atelier", "Prêt", "Café"]


def _money_matches_the_engine(coop: Cooperation) -> None:
    net: FlowNetwork = flow_network(coop)
    ev = evaluate(coop)
    money = {b.kind: b for b in node_balances(net, coop.shared_entity.id)}["money"]
    assert money.net_eur == pytest.approx(ev.shared_entity.result_eur, abs=1e-6)
    for m in ev.members:
        net_money = {b.kind: b for b in node_balances(net, m.id)}["money"].net_eur
        expected = m.cash_result_eur + m.staff_cost_eur - m.shared_share_eur
        assert net_money == pytest.approx(expected, abs=1e-6)
    lines = sum(len(a.revenues) + len(a.costs) for a in coop.activities) + len(coop.flows)
    assert sum(
        1 for e in net.edges for x in e.lines if x.origin in ("revenue", "cost", "flow")
    ) == (lines)


def test_money_balances_match_the_engine_on_every_example(example_path: Path) -> None:
    _money_matches_the_engine(first_year(example_path))


def test_money_balances_match_the_engine_on_the_synthetic_model() -> None:
    _money_matches_the_engine(validate_cooperation(synthetic_cooperation()))


def test_the_network_is_deterministic() -> None:
    coop = validate_cooperation(synthetic_cooperation())
    assert flow_network(coop) == flow_network(coop)
    keys = [(e.source, e.target, e.kind) for e in flow_network(coop).edges]
    assert keys == sorted(keys, key=lambda k: (k[0], k[1], EDGE_KINDS.index(k[2])))
    assert len(set(keys)) == len(keys)
