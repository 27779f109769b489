"""Figures the pages used to work out themselves, now computed by the engine.

Each expected figure is worked out by hand in the docstring. Base members
(tests.conftest.build): a (c = 20 €/h), b (c = 30 €/h), shared entity `commun`.
"""

from __future__ import annotations

from pytest import approx

from bm3c.engine import evaluate
from bm3c.engine.impacts import total_impacts
from bm3c.engine.sharing import weight_fractions
from bm3c.engine.whatif import members_on, prepare_what_if, what_if
from bm3c.engine.work_lines import staff_cost_eur, volunteer_value_eur
from tests.conftest import build

CAFE = {
    "id": "cafe",
    "name": "Café",
    "carrier": "commun",
    "revenues": [{"label": "Ventes", "amount_eur": 10000}],
    "work": [
        {"member": "a", "paid_hours": 100, "volunteer_hours": 20},
        {"member": "b", "paid_hours": 50, "volunteer_hours": 0},
    ],
    "impacts": {"repas": 300},
}
GARDEN = {
    "id": "jardin",
    "name": "Jardin",
    "carrier": "a",
    "work": [{"member": "a", "volunteer_hours": 10}],
    "impacts": {"repas": 100, "arbres": 0},
}


def test_a_work_lines_staff_cost_and_volunteer_value() -> None:
    """a's line on the café: 100 paid h × 20 €/h = 2 000 €; 20 volunteer h × 12 € = 240 €.

    b's line: 50 × 30 = 1 500 €, no volunteer hours (0 €). The cooperation values a
    volunteer hour 12 €; b values its own 18 € (unused here).
    """
    coop = build(
        activities=[CAFE],
        volunteer_hour_value_eur=12.0,
        members=[
            {"id": "a", "name": "A", "hourly_cost_eur": 20.0},
            {"id": "b", "name": "B", "hourly_cost_eur": 30.0, "volunteer_hour_value_eur": 18.0},
        ],
    )
    a_line, b_line = coop.activities[0].work
    assert staff_cost_eur(coop, a_line) == 2000
    assert volunteer_value_eur(coop, a_line) == 240
    assert staff_cost_eur(coop, b_line) == 1500
    assert volunteer_value_eur(coop, b_line) == 0


def test_the_total_hours_a_what_if_moves() -> None:
    """On the café a has 100 + 20 = 120 h, b 50 h: 170 h before.

    Moving a's paid hours to 60 and b's to 90 (a keeps its 20 volunteer hours):
    a 80 h, b 90 h, 170 h after: the total is unchanged. Moving b to 0 instead:
    a 120, b 0: 120 h after.
    """
    prepared = prepare_what_if(build(activities=[CAFE]))
    moved = what_if(prepared, "cafe", {"a": 60, "b": 90})
    assert (moved.member("a").activity_hours_before, moved.member("a").activity_hours_after) == (
        120,
        80,
    )
    assert (moved.activity_hours_before, moved.activity_hours_after) == (170, 170)
    dropped = what_if(prepared, "cafe", {"a": 100, "b": 0})
    assert (dropped.activity_hours_before, dropped.activity_hours_after) == (170, 120)


def test_each_members_part_of_the_agreed_weights() -> None:
    """Weights a 3, b 1: a gets 3 / 4 = 75 %, b 25 %; weights all zero: no fraction."""
    assert weight_fractions({"a": 3.0, "b": 1.0}) == {"a": 0.75, "b": 0.25}
    assert weight_fractions({"a": 0.0, "b": 0.0}) == {}
    assert weight_fractions({}) == {}


def test_each_carriers_part_of_an_impact() -> None:
    """Meals: the café (shared entity) 300, the garden (a) 100: 400 in all.

    commun 300 / 400 = 75 %, a 25 %, b carries none: 0 and 0 %. Trees: 0 in all,
    so no fraction for anyone.
    """
    coop = build(activities=[CAFE, GARDEN])
    impacts = total_impacts(coop)
    assert impacts.carried("repas", "commun") == 300
    assert impacts.carried("repas", "b") == 0
    assert impacts.fraction("repas", "commun") == approx(0.75)
    assert impacts.fraction("repas", "a") == approx(0.25)
    assert impacts.fraction("repas", "b") == 0
    assert impacts.fraction("arbres", "a") is None
    assert evaluate(coop).impacts.fraction("repas", "a") == approx(0.25)


def test_a_members_money_balance_before_wages_and_share() -> None:
    """a carries a workshop: 3 000 € of sales, a's own 50 paid hours (20 €/h = 1 000 €).

    The shared café: 10 000 € of sales, a 100 paid h reimbursed (2 000 €), b 50 paid h
    reimbursed (1 500 €). R = 10 000 − 3 500 = 6 500, shared equally: 3 250 each.
    a: own activities 3 000 − staff 1 000 − 2 000 + reimbursed 2 000 + share 3 250
    = cash 5 250; money balance = 5 250 + 3 000 − 3 250 = 5 000 (sales 3 000 +
    reimbursement 2 000). b: cash = −1 500 + 1 500 + 3 250 = 3 250; balance 1 500.
    """
    cafe = {
        "id": "cafe",
        "name": "Café",
        "carrier": "commun",
        "revenues": [{"label": "Ventes", "amount_eur": 10000}],
        "work": [
            {"member": "a", "paid_hours": 100, "reimbursed": True},
            {"member": "b", "paid_hours": 50, "reimbursed": True},
        ],
    }
    workshop = {
        "id": "atelier",
        "name": "Atelier",
        "carrier": "a",
        "revenues": [{"label": "Ventes", "amount_eur": 3000}],
        "work": [{"member": "a", "paid_hours": 50}],
    }
    ev = evaluate(build(activities=[cafe, workshop]))
    a, b = ev.member("a"), ev.member("b")
    assert (a.cash_result_eur, a.money_balance_eur) == (5250, 5000)
    assert (b.cash_result_eur, b.money_balance_eur) == (3250, 1500)


def test_the_members_a_what_if_gives_a_slider() -> None:
    """On the café (carried by the shared entity) a and b work: both get a slider.

    Nobody works on a's garden, but a carries it: a. A third member c works nowhere
    and carries nothing: on neither.
    """
    members = [
        {"id": "a", "name": "A", "hourly_cost_eur": 20.0},
        {"id": "b", "name": "B", "hourly_cost_eur": 30.0},
        {"id": "c", "name": "C", "hourly_cost_eur": 25.0},
    ]
    garden = GARDEN | {"work": [], "carrier": "a"}
    prepared = prepare_what_if(build(activities=[CAFE, garden], members=members))
    assert members_on(prepared, "cafe") == ["a", "b"]
    assert members_on(prepared, "jardin") == ["a"]
