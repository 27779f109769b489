"""Hand-checked cases for the plan's years (DOMAIN Part 3): results year by year,
investments in the results, the break-even year, scenarios over the plan.

Every expected figure is worked out by hand in the test's docstring, never read back
from the engine. Base members (tests.conftest.build): a (20 €/h), b (30 €/h), shared
entity ``commun``; equal sharing and no reserve unless said. The cash month by month
is tested in test_cash.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from pytest import approx

from bm3c.engine.evaluate import evaluate
from bm3c.engine.plan import PlanEvaluation, break_even_year, evaluate_plan
from bm3c.errors import ScenarioError
from bm3c.model import Cooperation, Scenario
from tests.conftest import build

ACTORS = [
    {"id": "region", "name": "Région", "kind": "funder"},
    {"id": "atis", "name": "ATIS", "kind": "funder"},
]
THREE = {"start_year": 2027, "years": 3}


def coop3(*activities: dict[str, Any], **top: Any) -> Cooperation:
    """The three-year plan 2027-2029 with these activities and top-level keys."""
    return build(plan=THREE, actors=ACTORS, activities=list(activities), **top)


def act(id_: str, carrier: str, **sides: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": id_, "name": id_, "carrier": carrier} | sides


def results(p: PlanEvaluation, party: str) -> tuple[float, ...]:
    return p.party(party).results


# --- a list per year ---------------------------------------------------------------------


def boxes(**extra: Any) -> dict[str, Any]:
    """a's `boxes`: Abonnements [300, 600, 900] × 30 € = 9,000 / 18,000 / 27,000 €;
    b works on it, not paid back: [100, 200, 300] paid hours."""
    return act(
        "boxes",
        "a",
        revenues=[
            {"label": "Abonnements", "quantity": [300, 600, 900], "unit_price_eur": 30},
            {"label": "Subvention", "amount_eur": 5000, "from": "atis"},
        ],
        work=[{"member": "b", "paid_hours": [100, 200, 300]}],
        **extra,
    )


def test_each_year_is_evaluated_with_its_own_numbers() -> None:
    """`boxes` with a 5,000 € subsidy every year; b costs [30, 35, 40] €/h.

    a: 9,000 + 5,000 = 14,000; 18,000 + 5,000 = 23,000; 27,000 + 5,000 = 32,000.
    b bears its staff: −100 × 30 = −3,000; −200 × 35 = −7,000; −300 × 40 = −12,000.
    Collective: 11,000; 16,000; 20,000. Cumulated for a: 14,000, 37,000, 69,000.
    b's gain from cooperation is negative each year (alone it has nothing): nobody
    else loses, so "everyone gains" is false every year.
    """
    members = [
        {"id": "a", "name": "A", "hourly_cost_eur": 20.0},
        {"id": "b", "name": "B", "hourly_cost_eur": [30, 35, 40]},
    ]
    p = evaluate_plan(coop3(boxes(), members=members))
    assert results(p, "a") == approx((14000, 23000, 32000))
    assert results(p, "b") == approx((-3000, -7000, -12000))
    assert p.collective_results == approx((11000, 16000, 20000))
    assert p.party("a").cumulated == approx((14000, 37000, 69000))
    assert p.calendar_years == (2027, 2028, 2029)
    assert p.everyone_gains == (False, False, False)
    assert p.years[1].member("b").gain_from_cooperation_eur == approx(-7000)


def test_a_year_of_the_plan_is_what_evaluate_gives_for_that_year() -> None:
    coop = coop3(boxes())
    p = evaluate_plan(coop)
    for y in range(3):
        assert p.years[y].members == evaluate(coop, year=y).members


def test_a_one_year_model_gives_the_same_figures_with_or_without_plan() -> None:
    """Without `plan`, with `plan: {years: 1}`, and with lists of one number."""
    plain = build(
        actors=ACTORS, activities=[act("x", "a", revenues=[{"label": "V", "amount_eur": 900}])]
    )
    one = build(
        plan={"start_year": 2030, "years": 1},
        actors=ACTORS,
        activities=[act("x", "a", revenues=[{"label": "V", "amount_eur": [900]}])],
    )
    base = evaluate(plain)
    for coop in (plain, one):
        (year,) = evaluate_plan(coop).years
        assert year.members == base.members
        assert year.shared_entity == base.shared_entity


# --- investments in the results ----------------------------------------------------------


def serres(**extra: Any) -> dict[str, Any]:
    return {
        "id": "serres",
        "carrier": "a",
        "label": "Serres",
        "amount_eur": 30000,
        "year": 1,
        "month": 4,
        "lifetime_years": 10,
        "grant_eur": 12000,
        "from": "region",
    } | extra


def test_depreciation_and_the_grant_share_enter_each_years_result() -> None:
    """`serres`: 30,000 € over 10 years from year 1 (April), 12,000 € grant.

    Depreciation 30,000 / 10 = 3,000 € and grant share 12,000 / 10 = 1,200 € in each
    year, whatever the month: a's result −3,000 + 1,200 = −1,800 each year. The
    depreciation is an external cost, the share an external revenue: the collective
    result is −1,800 too. a's alone result holds them (its own investment): gain 0.
    """
    p = evaluate_plan(coop3(investments=[serres()]))
    assert results(p, "a") == approx((-1800, -1800, -1800))
    for ev in p.years:
        assert ev.collective.external_cost_eur == approx(3000)
        assert ev.collective.external_revenue_eur == approx(1200)
        assert ev.member("a").gain_from_cooperation_eur == approx(0)


def test_an_investment_depreciates_only_within_its_lifetime_and_the_plan() -> None:
    """Four years (2027-2030). b buys 9,000 € in year 2 over 2 years: −4,500 in 2028
    and 2029, nothing in 2027 nor 2030. a buys 20,000 € in year 4 over 10 years with
    a 5,000 € grant: −2,000 + 500 = −1,500 in 2030 only (its later years are after
    the plan)."""
    late = serres(id="four", year=4, amount_eur=20000, grant_eur=5000, lifetime_years=10)
    outil = {"id": "outil", "carrier": "b", "label": "Outil", "amount_eur": 9000, "year": 2}
    coop = build(
        plan={"start_year": 2027, "years": 4},
        actors=ACTORS,
        investments=[outil | {"lifetime_years": 2}, late],
    )
    p = evaluate_plan(coop)
    assert results(p, "b") == approx((0, -4500, -4500, 0))
    assert results(p, "a") == approx((0, 0, 0, -1500))


def test_the_shared_entitys_investment_is_shared_with_its_result() -> None:
    """commun buys 6,000 € over 3 years (no grant) and sells 5,000 € a year: R = 5,000
    − 2,000 = 3,000 each year, 1,500 € to each member (equal, no reserve)."""
    coop = coop3(
        act("cantine", "commun", revenues=[{"label": "Repas", "amount_eur": 5000}]),
        investments=[{"id": "cuisine", "carrier": "commun", "label": "Cuisine",
                      "amount_eur": 6000, "lifetime_years": 3}],
    )  # fmt: skip
    p = evaluate_plan(coop)
    assert results(p, "commun") == approx((3000, 3000, 3000))
    assert results(p, "a") == approx((1500, 1500, 1500))


# --- the break-even year -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "year"),
    [
        ((100.0, 200.0, 300.0), 2027),  # above from the start
        ((-600.0, -100.0, 400.0), 2029),  # from year 3
        ((-1.0, -1.0, -1.0), None),  # never
        ((100.0, 200.0, -1.0), None),  # the last year below: never
        ((100.0, -50.0, 100.0), 2029),  # above, dips below, above again: from the dip's end
        ((0.0, 0.0), 2027),  # zero is not a loss
        ((-0.004, 5.0), 2027),  # −0.004 € is zero to the cent
        ((-0.01, 5.0), 2028),
    ],
)
def test_break_even_year_is_the_first_year_from_which_results_stay_at_or_above_zero(
    values: tuple[float, ...], year: int | None
) -> None:
    assert break_even_year(values, 2027) == year


def test_break_even_of_members_and_of_the_shared_entity_before_its_reserve() -> None:
    """Three years. a: revenue [0, 500, 1,000] − cost 600 = −600, −100, +400: from
    2029. b: revenue [1,000, 0, 1,000] − cost 500 = 500, −500, 500: from 2029 too
    (a year above zero before the dip does not count). commun (reserve 0.5): revenue
    [0, 3,000, 3,000] − 1,000 = R −1,000, 2,000, 2,000: from 2028 (R, before its
    reserve). Members' shares: D = −1,000, 1,000, 1,000 → a and b −500, +500, +500,
    which changes their results: a −1,100, 400, 900 (from 2028); b 0, 0, 1,000
    (from 2027: zero is not a loss).
    """
    coop = coop3(
        act("a-act", "a",
            revenues=[{"label": "V", "amount_eur": [0, 500, 1000]}],
            costs=[{"label": "C", "amount_eur": 600}]),
        act("b-act", "b",
            revenues=[{"label": "V", "amount_eur": [1000, 0, 1000]}],
            costs=[{"label": "C", "amount_eur": 500}]),
        act("c-act", "commun",
            revenues=[{"label": "V", "amount_eur": [0, 3000, 3000]}],
            costs=[{"label": "C", "amount_eur": 1000}]),
        shared_entity={"id": "commun", "name": "Commun", "reserve_fraction": 0.5},
    )  # fmt: skip
    p = evaluate_plan(coop)
    assert results(p, "commun") == approx((-1000, 2000, 2000))
    assert p.party("commun").break_even_year == 2028
    assert results(p, "a") == approx((-1100, 400, 900))
    assert p.party("a").break_even_year == 2028
    assert results(p, "b") == approx((0, 0, 1000))
    assert p.party("b").break_even_year == 2027

    alone = coop3(
        act("a-act", "a",
            revenues=[{"label": "V", "amount_eur": [0, 500, 1000]}],
            costs=[{"label": "C", "amount_eur": 600}]),
        act("b-act", "b",
            revenues=[{"label": "V", "amount_eur": [1000, 0, 1000]}],
            costs=[{"label": "C", "amount_eur": 500}]),
        act("c-act", "commun", costs=[{"label": "C", "amount_eur": [0, 0, 2]}]),
    )  # fmt: skip
    q = evaluate_plan(alone)
    assert results(q, "a") == approx((-600, -100, 399))
    assert q.party("a").break_even_year == 2029
    assert results(q, "b") == approx((500, -500, 499))
    assert q.party("b").break_even_year == 2029
    assert results(q, "commun") == approx((0, 0, -2))
    assert q.party("commun").break_even_year is None


# --- scenarios over the plan --------------------------------------------------------------


def scenario(*changes: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"id": "s", "name": "S", "changes": list(changes)}]


def test_a_scenario_sets_a_value_per_year() -> None:
    """ "Subsidy lost from year 2": Subvention [5,000, 0, 0]; "ramp-up one year late":
    quantity [0, 300, 600]. a: 0 + 5,000 = 5,000; 9,000; 18,000."""
    coop = coop3(
        boxes(),
        scenarios=scenario(
            {"set": "activities.boxes.revenues.Subvention.amount_eur", "value": [5000, 0, 0]},
            {"set": "activities.boxes.revenues.Abonnements.quantity", "value": [0, 300, 600]},
        ),
    )
    assert results(evaluate_plan(coop, "s"), "a") == approx((5000, 9000, 18000))


def test_a_scenario_scales_every_year_of_a_list() -> None:
    """quantity × 2: [600, 1,200, 1,800] × 30 + 5,000 = 23,000; 41,000; 59,000."""
    coop = coop3(
        boxes(), scenarios=scenario({"scale": "activities.*.revenues.*.quantity", "by": 2})
    )
    assert results(evaluate_plan(coop, "s"), "a") == approx((23000, 41000, 59000))


def test_a_scenario_object_may_give_a_value_per_year() -> None:
    """The same change as a Scenario object (as the app builds them): Subvention
    [5,000, 0, 0] → a: 9,000 + 5,000 = 14,000; 18,000; 27,000."""
    change = {"set": "activities.boxes.revenues.Subvention.amount_eur", "value": [5000, 0, 0]}
    what_if = Scenario.model_validate({"id": "w", "name": "W", "changes": [change]})
    assert results(evaluate_plan(coop3(boxes()), what_if), "a") == approx((14000, 18000, 27000))


def test_a_scenario_list_of_the_wrong_length_is_refused_with_its_path() -> None:
    coop = coop3(
        boxes(),
        scenarios=scenario(
            {"set": "activities.boxes.revenues.Subvention.amount_eur", "value": [1, 2]}
        ),
    )
    with pytest.raises(ScenarioError, match=r"revenues\[1\]\.amount_eur: 2 values"):
        evaluate_plan(coop, "s")


def test_a_scenario_may_change_when_shares_are_paid_and_the_opening_cash() -> None:
    """commun earns 1,200 € a year, 600 € to each member; the scenario pays the shares
    in February instead of June and gives a 5,000 € of opening cash instead of 100.
    a: +600 in 2028-02 (index 13); its balance then is 5,000 + 600."""
    coop = build(
        plan={"start_year": 2027, "years": 2},
        activities=[act("x", "commun", revenues=[{"label": "V", "amount_eur": 1200}])],
        opening_cash_eur={"a": 100},
        scenarios=scenario(
            {"set": "sharing.paid_month", "value": 2},
            {"set": "opening_cash_eur.a", "value": 5000},
        ),
    )
    p = evaluate_plan(coop, "s")
    row = p.cash.balances[0]
    assert p.cash.movements[0][13] == approx(600)
    assert row[13] == approx(5600)
    base = evaluate_plan(coop)
    assert base.cash.movements[0][17] == approx(600) and base.cash.balances[0][17] == approx(700)


def test_a_member_leaves_in_a_plan() -> None:
    """Three members (c costs 25 €/h), two years. commun sells [2,000, 4,000] a year
    with a and c working on it (10 volunteer hours each: by_hours = equal halves).
    b carries its own `stand` selling [600, 900] and pays commun 120 € a year.
    Base: R = 2,120 / 4,120, shared by hours (a 10, b 0, c 10): a and c get
    1,060 / 2,060 each; b 600 − 120 = 480 / 900 − 120 = 780.
    b leaves: its alone result drops the line to commun: 600 / 900. commun keeps
    R = 2,000 / 4,000, shared between a and c: 1,000 / 2,000 each.
    """
    members = [
        {"id": "a", "name": "A", "hourly_cost_eur": 20.0},
        {"id": "b", "name": "B", "hourly_cost_eur": 30.0},
        {"id": "c", "name": "C", "hourly_cost_eur": 25.0},
    ]
    coop = build(
        plan={"start_year": 2027, "years": 2},
        members=members,
        activities=[
            act("x", "commun",
                revenues=[{"label": "V", "amount_eur": [2000, 4000]}],
                work=[{"member": "a", "volunteer_hours": 10},
                      {"member": "c", "volunteer_hours": 10}]),
            act("stand", "b",
                revenues=[{"label": "W", "amount_eur": [600, 900]}],
                costs=[{"label": "U", "amount_eur": 120, "to": "commun"}]),
        ],
        sharing={"surplus": "by_hours", "deficit": "equal"},
        scenarios=[{"id": "s", "name": "S", "changes": [{"leave": "b"}]}],
    )  # fmt: skip
    base = evaluate_plan(coop)
    assert results(base, "a") == approx((1060, 2060))
    assert results(base, "b") == approx((480, 780))
    left = evaluate_plan(coop, "s")
    assert results(left, "b") == approx((600, 900))
    assert results(left, "a") == approx((1000, 2000))
    assert results(left, "c") == approx((1000, 2000))
    assert results(left, "commun") == approx((2000, 4000))
    assert [ev.member("b").in_cooperation for ev in left.years] == [False, False]


def test_years_with_the_same_numbers_are_evaluated_once() -> None:
    """Sales [1,000, 1,000, 2,000]: 2027 and 2028 share one evaluation, 2029 has its own."""
    coop = coop3(act("x", "a", revenues=[{"label": "V", "amount_eur": [1000, 1000, 2000]}]))
    p = evaluate_plan(coop)
    assert p.years[0] is p.years[1] and p.years[2] is not p.years[1]
    assert results(p, "a") == approx((1000, 1000, 2000))
