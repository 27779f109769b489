"""Chart data of the sharing page: waterfall steps, contribution and benefit shares.

The hand-checked case (`coop`): members a (20 €/h), b (30 €/h), volunteer hour 10 €,
shared entity `commun` keeping half of a surplus (reserve_fraction 0.5).

    hall (commun): Billets 5000 market ; Loyer 1000 to a ; a 50 h reimbursed, b 20 vol h
    shop (a):      Ventes 3000 market, Achat 200 from b ; Fournitures 500 market ;
                   a 40 h, b 10 h (not reimbursed)
    flows:         money b→a 100, money metropole→b 1000, in_kind b→commun 400

    R = 5000 − 1000 − 50 × 20 = 3000 ; reserve 1500 ; D = 1500
    by_contribution key: a 50 × 20 = 1000 ; b 20 × 10 + 400 = 600 → a 0.625, b 0.375
    shares: a 937.5, b 562.5

    a: own 3000 + 200 − 500 = 2700 ; staff −(90 × 20) = −1800 ; reimbursed +1000 ;
       Loyer received +1000 ; money in +100 ; share +937.5      → cash 3937.5
    b: staff −(10 × 30) = −300 ; Achat paid −200 ; grant +1000 ; money out −100 ;
       share +562.5                                                → cash 962.5
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

import pytest
from pytest import approx

from bm3c.engine import evaluate
from bm3c.engine.waterfall import (
    WATERFALL_STEPS,
    contribution_and_benefit,
    member_waterfall,
)
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.synthetic import synthetic_cooperation
from tests.conftest import EXAMPLES, build


def make(sharing: dict[str, Any] | None = None) -> Cooperation:
    return build(
        volunteer_hour_value_eur=10.0,
        shared_entity={"id": "commun", "name": "Commun", "reserve_fraction": 0.5},
        actors=[{"id": "metropole", "name": "Métropole", "kind": "funder"}],
        activities=[
            {
                "id": "hall",
                "name": "Hall",
                "carrier": "commun",
                "revenues": [{"label": "Billets", "amount_eur": 5000.0}],
                "costs": [{"label": "Loyer", "amount_eur": 1000.0, "to": "a"}],
                "work": [
                    {"member": "a", "paid_hours": 50.0, "reimbursed": True},
                    {"member": "b", "volunteer_hours": 20.0},
                ],
            },
            {
                "id": "shop",
                "name": "Shop",
                "carrier": "a",
                "revenues": [
                    {"label": "Ventes", "amount_eur": 3000.0},
                    {"label": "Achat", "amount_eur": 200.0, "from": "b"},
                ],
                "costs": [{"label": "Fournitures", "amount_eur": 500.0}],
                "work": [
                    {"member": "a", "paid_hours": 40.0},
                    {"member": "b", "paid_hours": 10.0},
                ],
            },
        ],
        flows=[
            {"from": "b", "to": "a", "kind": "money", "label": "Avance", "amount_eur": 100.0},
            {
                "from": "metropole",
                "to": "b",
                "kind": "money",
                "label": "Subvention",
                "amount_eur": 1000.0,
            },
            {"from": "b", "to": "commun", "kind": "in_kind", "label": "Prêt", "amount_eur": 400.0},
        ],
        sharing=sharing or {"surplus": "by_contribution", "deficit": "equal"},
    )


def amounts(member_id: str, coop: Cooperation) -> dict[str, float]:
    return {s.step: s.amount_eur for s in member_waterfall(evaluate(coop).member(member_id))}


def test_waterfall_of_a_hand_checked_member() -> None:
    assert amounts("a", make()) == approx(
        {
            "own_activities": 2700,
            "staff_cost": -1800,
            "reimbursements_received": 1000,
            "reimbursements_paid": 0,
            "internal_received": 1000,
            "internal_paid": 0,
            "money_flows_in": 100,
            "money_flows_out": 0,
            "shared_share": 937.5,
            "cash_result": 3937.5,
        }
    )
    assert amounts("b", make()) == approx(
        {
            "own_activities": 0,
            "staff_cost": -300,
            "reimbursements_received": 0,
            "reimbursements_paid": 0,
            "internal_received": 0,
            "internal_paid": -200,
            "money_flows_in": 1000,
            "money_flows_out": -100,
            "shared_share": 562.5,
            "cash_result": 962.5,
        }
    )


def test_waterfall_bars_run_from_one_total_to_the_next() -> None:
    steps = member_waterfall(evaluate(make()).member("a"))
    assert [s.step for s in steps] == [s for s, _, _ in WATERFALL_STEPS] + ["cash_result"]
    assert steps[0].start_eur == 0
    for before, after in itertools.pairwise(steps[:-1]):
        assert after.start_eur == before.end_eur
        assert after.end_eur == approx(after.start_eur + after.amount_eur)
    total = steps[-1]
    assert total.total and (total.start_eur, total.end_eur) == (0, 3937.5)
    assert steps[-2].end_eur == approx(total.end_eur)
    assert all(not math.copysign(1, s.amount_eur) < 0 for s in steps if s.amount_eur == 0)


def models() -> list[tuple[str, Cooperation]]:
    found = [(p.stem, load_cooperation(p)) for p in EXAMPLES]
    found.append(("synthetic", validate_cooperation(synthetic_cooperation())))
    return found


@pytest.mark.parametrize(("name", "coop"), models(), ids=[n for n, _ in models()])
def test_waterfall_sums_to_the_cash_result_of_every_member(name: str, coop: Cooperation) -> None:
    for scenario in [None, *(s.id for s in coop.scenarios)]:
        ev = evaluate(coop, scenario)
        for m in ev.members:
            steps = member_waterfall(m)
            signed = math.fsum(s.amount_eur for s in steps if not s.total)
            assert signed == approx(m.cash_result_eur, abs=1e-6), (name, scenario, m.id)
            assert steps[-2].end_eur == approx(m.cash_result_eur, abs=1e-6)
            assert steps[-1].end_eur == m.cash_result_eur


def test_contribution_against_benefit_by_hand() -> None:
    rows = {r.member: r for r in contribution_and_benefit(evaluate(make()))}
    assert rows["a"].contribution_eur == approx(1000)
    assert rows["b"].contribution_eur == approx(600)
    assert rows["a"].contribution_share == approx(0.625)
    assert rows["a"].benefit_eur == approx(937.5)
    assert rows["a"].benefit_share == approx(0.625)
    equal = {r.member: r for r in contribution_and_benefit(evaluate(make({"surplus": "equal"})))}
    assert equal["a"].contribution_share == approx(0.625)  # the key does not depend on the rule
    assert equal["a"].benefit_share == approx(0.5)
    assert equal["b"].benefit_eur == approx(750)


@pytest.mark.parametrize(("name", "coop"), models(), ids=[n for n, _ in models()])
def test_contribution_and_benefit_shares_add_up(name: str, coop: Cooperation) -> None:
    ev = evaluate(coop)
    rows = contribution_and_benefit(ev)
    assert [r.member for r in rows] == [m.id for m in ev.members]
    assert math.fsum(r.contribution_share or 0 for r in rows) == approx(1)
    if ev.shared_entity.distributed_eur:
        assert math.fsum(r.benefit_share or 0 for r in rows) == approx(1)
    else:  # everything kept as reserve (jardins de la faïencerie): no share to compare
        assert all(r.benefit_share is None for r in rows)
    assert math.fsum(r.benefit_eur for r in rows) == approx(ev.shared_entity.distributed_eur)


def test_no_contribution_and_nothing_distributed_give_no_shares() -> None:
    coop = build(
        activities=[{"id": "hall", "name": "Hall", "carrier": "commun"}],
        sharing={"surplus": "by_usage", "deficit": "by_usage"},
    )
    ev = evaluate(coop)
    assert ev.shared_entity.distributed_eur == 0
    rows = contribution_and_benefit(ev)
    assert all(r.contribution_share is None and r.benefit_share is None for r in rows)
    assert ev.key_fell_back
    assert not evaluate(make()).key_fell_back


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_do_not_fall_back_to_equal(path: Path) -> None:
    assert not evaluate(load_cooperation(path)).key_fell_back


def test_a_game_rule_moving_money_between_members_is_not_a_fallback() -> None:
    data = synthetic_cooperation(members=6, activities=12, flows=10, seed=1)
    data["sharing"]["surplus"] = data["sharing"]["deficit"] = "nucleolus"
    ev = evaluate(validate_cooperation(data))
    # the warning at sharing.surplus says a share goes the other way, not that the key is 0
    (warning,) = [w for w in ev.warnings if w.path == "sharing.surplus"]
    assert "goes the other way" in warning.message
    assert not ev.key_fell_back
    shares = [m.shared_share_eur for m in ev.members]
    assert len({round(x, 2) for x in shares}) > 1  # not equal shares
