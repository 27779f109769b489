"""Payment timing and opening cash edits, on the small plan of :mod:`tests.present.plan_fixture`."""

from __future__ import annotations

import pytest

from bm3c.edit.timing import schedule_from, set_opening_cash, set_payment, timed_lines
from bm3c.engine.plan import evaluate_plan
from bm3c.errors import InvalidModelError
from bm3c.io import parse_cooperation
from bm3c.model.parts import Payment
from bm3c.model.years import year_view
from tests.present.plan_fixture import PLAN_YAML, small_plan

SUBSIDY = "activities.cafe.revenues.Subvention"


def test_the_timed_lines_are_every_line_and_insiders_money_flow_with_the_years_amount() -> None:
    plan = small_plan()
    lines = timed_lines(plan, year_view(plan, 2))
    assert [line.ref for line in lines] == [
        "activities.cafe.revenues.Ventes",
        SUBSIDY,
        "activities.cafe.costs.Denrées",
        "activities.ateliers.revenues.Stages",
        "activities.ateliers.costs.Matériel",
        "activities.boutique-vente.revenues.Ventes",
        "activities.boutique-vente.costs.Stock",
    ]
    stages = lines[3]
    assert (stages.payer, stages.payee, stages.amount_eur) == ("market", "atelier", 14000)
    subsidy = lines[1]
    assert subsidy.paid == (Payment(month=3, fraction=0.5), Payment(month=15, fraction=0.5))


def test_moving_the_subsidy_moves_the_low_point() -> None:
    """All of the subsidy in December: La Halle spreads −250 a month and gets 6 000 in
    December, so November 2027 ends at −11 × 250 = −2 750, its low point (then +5 750:
    3 000 by December, and so on each year)."""
    plan = small_plan()
    moved = set_payment(plan, SUBSIDY, [Payment(month=12)])
    line = moved.activities[0].revenues[1]
    assert line.paid == (Payment(month=12),)
    assert line.amount_eur == 6000  # nothing else changes
    low = evaluate_plan(moved).party("halle").cash_low
    assert (round(low.eur, 2), low.month) == (-2750, "2027-11")
    assert evaluate_plan(plan).party("halle").cash_low.month == "2027-02"


def test_evenly_drops_the_schedule_and_a_money_flow_is_found_by_its_label() -> None:
    plan = small_plan()
    even = set_payment(plan, SUBSIDY, None)
    assert even.activities[0].revenues[1].paid is None
    low = evaluate_plan(even).party("halle").cash_low  # +250 a month from January 2027
    assert (low.eur, low.month) == (pytest.approx(250), "2027-01")
    with_flow = parse_cooperation(
        (
            PLAN_YAML
            + "flows:\n  - {from: boutique, to: halle, kind: money, label: Cotisation,"
            + " amount_eur: 1200}\n"
        ).encode()
    )
    assert timed_lines(with_flow)[-1].ref == "flows.Cotisation"
    paid = set_payment(with_flow, "flows.Cotisation", [Payment(month=1)])
    assert paid.flows[0].paid == (Payment(month=1),)


def test_an_unknown_line_and_a_bad_schedule_are_refused_with_their_path() -> None:
    plan = small_plan()
    with pytest.raises(InvalidModelError) as unknown:
        set_payment(plan, "activities.cafe.revenues.Dons", [Payment(month=3)])
    assert unknown.value.problems[0].path == "activities.cafe.revenues.Dons"
    with pytest.raises(InvalidModelError) as fractions:
        set_payment(plan, SUBSIDY, [{"month": 3, "fraction": 0.5}, {"month": 4, "fraction": 0.2}])
    assert any("sum to 1" in str(p) for p in fractions.value.problems)


def test_the_simple_forms_of_a_schedule() -> None:
    assert schedule_from(None) is None
    assert schedule_from(5) == (Payment(month=5),)
    first, balance = schedule_from(3, 0.8, 15) or ()
    assert (first.month, first.fraction, balance.month) == (3, 0.8, 15)
    assert balance.fraction == pytest.approx(0.2)
    with pytest.raises(InvalidModelError) as missing:
        schedule_from(3, 0.8, None, where="Subvention")
    assert [p.path for p in missing.value.problems] == ["Subvention.balance_month"]
    with pytest.raises(InvalidModelError) as out_of_range:
        schedule_from(25, 1.5)
    assert [p.path for p in out_of_range.value.problems] == ["paid.month", "paid.fraction"]


def test_opening_cash_is_set_per_party_and_a_negative_one_refused() -> None:
    plan = small_plan()
    richer = set_opening_cash(plan, {"halle": 500.0, "atelier": None, "boutique": 0})
    assert richer.opening_cash_eur == {"halle": 500.0}
    assert evaluate_plan(richer).party("halle").cash_low.eur == pytest.approx(0)
    with pytest.raises(InvalidModelError) as refused:
        set_opening_cash(plan, {"halle": -5.0})
    assert refused.value.problems[0].path.startswith("opening_cash_eur")
