"""Properties of the plan over time (DOMAIN Part 3), held on every drawn plan (hypothesis).

Plans are drawn by :func:`tests.strategies.plans`: a drawn cooperation made a plan of
1 to 4 years, with numbers given per year, payment timings (some after the plan),
investments with grants (from actors or the market),
opening cash and the month shares are paid. Money is compared with an absolute
tolerance proportional to the plan's gross money, far below a cent.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pytest import approx

from bm3c.engine.evaluate import Evaluation, evaluate
from bm3c.engine.plan import PlanEvaluation, evaluate_plan
from bm3c.errors import ScenarioError
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from tests.engine.test_invariants import PROPERTY as INVARIANTS
from tests.strategies import any_cooperations, plan_of, plans

# the settings of the invariants, fewer examples: a plan evaluates up to 4 years
PROPERTY = settings(INVARIANTS, max_examples=100)
Data = dict[str, Any]


def figures(ev: Evaluation) -> tuple[Any, ...]:
    """Every figure of an evaluation (all but the model it was computed on)."""
    return (
        ev.members,
        ev.shared_entity,
        ev.collective,
        ev.activities,
        ev.impacts,
        ev.warnings,
        ev.key_fell_back,
    )


def gross(plan: PlanEvaluation, coop: Cooperation) -> float:
    """A scale of the plan's money: its results, shares and investments, absolute."""
    total = sum(abs(v) for ev in plan.years for m in ev.members for v in (m.cash_result_eur,))
    total += sum(abs(ev.shared_entity.result_eur) for ev in plan.years)
    total += sum(abs(ev.collective.external_revenue_eur) for ev in plan.years)
    total += sum(abs(ev.collective.external_cost_eur) for ev in plan.years)
    total += sum(abs(ev.collective.staff_cost_eur) for ev in plan.years)
    total += sum(inv.amount_eur + inv.grant_eur for inv in coop.investments)
    return total + 1.0


# --- a one-year plan is today's evaluation ---------------------------------------------------


def _as_lists_of_one(data: Data) -> Data:
    """Every yearly number written as a list of one number."""
    out = copy.deepcopy(data)
    parts: list[tuple[dict[str, Any], tuple[str, ...]]] = [
        (m, ("hourly_cost_eur", "capacity_hours")) for m in out["members"]
    ]
    for a in out.get("activities", []):
        for line in [*a.get("revenues", []), *a.get("costs", [])]:
            parts.append((line, ("amount_eur", "quantity", "unit_price_eur")))
        for w in a.get("work", []):
            parts.append((w, ("paid_hours", "volunteer_hours", "replacement_hourly_cost_eur")))
    parts += [(f, ("amount_eur",)) for f in out.get("flows", [])]
    parts.append((out, ("replacement_hourly_cost_eur",)))
    for part, names in parts:
        for name in names:
            if part.get(name) is not None:
                part[name] = [part[name]]
    return out


@settings(PROPERTY)
@given(any_cooperations(), st.integers(1990, 2100))
def test_a_one_year_plan_is_todays_evaluation(data: Data, start: int) -> None:
    """Without `plan`, with `plan: {years: 1}`, and with every number a list of one:
    the same figures as `evaluate` of the model without plan, base and scenarios."""
    today = validate_cooperation(data)
    one_year = validate_cooperation(data | {"plan": {"start_year": start, "years": 1}})
    lists = validate_cooperation(_as_lists_of_one(data))
    for scenario in (None, *(s.id for s in today.scenarios)):
        expected = figures(evaluate(today, scenario))
        for coop in (today, one_year, lists):
            (year,) = evaluate_plan(coop, scenario).years
            assert figures(year) == expected


# --- constant lists give identical years -----------------------------------------------------


@settings(PROPERTY)
@given(any_cooperations(), st.integers(2, 4), st.data())
def test_constant_lists_give_identical_years(data: Data, years: int, draw: st.DataObject) -> None:
    """Every list the same each year (timings drawn, no investments): every year has
    the figures of the first, and those of the model with single numbers; only the
    cash differs from year to year (timings, shares paid the next year)."""
    plan_data = draw.draw(plan_of(data, years, constant=True, investments=False))
    coop = validate_cooperation(plan_data)
    plan = evaluate_plan(coop)
    single = evaluate(validate_cooperation(data))
    for ev in plan.years:
        assert figures(ev) == figures(plan.years[0])
        assert figures(ev) == figures(single)


# --- the cash adds up ---------------------------------------------------------------------


def _noncash(coop: Cooperation) -> dict[str, float]:
    """Per carrier over the plan: depreciation − grant shares − investments + grants
    (received within or after the plan)."""
    out: dict[str, float] = {}

    def add(party: str, eur: float) -> None:
        out[party] = out.get(party, 0.0) + eur

    for inv in coop.investments:
        years_in = sum(inv.depreciates_in(y) for y in range(1, coop.years + 1))
        add(inv.carrier, years_in * (inv.depreciation_eur - inv.grant_share_eur))
        add(inv.carrier, inv.grant_eur - inv.amount_eur)
    return out


@settings(PROPERTY)
@given(plans())
def test_the_monthly_cash_adds_up_to_the_yearly_results(data: Data) -> None:
    """Over the whole plan, for each party and in total:

    Σ monthly movements = Σ yearly results + depreciation − grant shares − investments
    + grants received − what falls after the plan (`still_due`, signed),

    read precisely: a member's yearly result is its cash result, its share of the
    shared entity's result included (the share of year n moves in year n + 1, that of
    the last year after the plan). The shared entity's is what it keeps of its result:
    R − Σ shares = its reserve (the shares it pays are movements of its cash). The
    investment grants come from outside actors. In total, internal moves cancel:
    Σ members' results + reserves is the collective result. Held for the base and for
    each scenario that applies.
    """
    coop = validate_cooperation(data)
    for scenario in (None, *(s.id for s in coop.scenarios)):
        try:
            plan = evaluate_plan(coop, scenario)
        except ScenarioError:
            continue
        _assert_cash_adds_up(coop, plan)


def _assert_cash_adds_up(coop: Cooperation, plan: PlanEvaluation) -> None:
    tolerance = 1e-9 * gross(plan, coop)
    noncash = _noncash(coop)
    total_moved = total_expected = 0.0
    for party in plan.parties:
        if party.shared_entity:
            results = sum(ev.shared_entity.reserve_eur for ev in plan.years)
        else:
            results = sum(party.results)
        moved = float(plan.cash.movements[plan.cash.parties.index(party.id)].sum())
        expected = results + noncash.get(party.id, 0.0) - party.due_after_eur
        assert moved == approx(expected, abs=tolerance), party.id
        assert sum(party.cash_flows) == approx(moved, abs=tolerance)
        total_moved += moved
        total_expected += expected
    collective = sum(plan.collective_results)
    inside = sum(noncash.values())
    due = sum(d.eur for d in plan.cash.still_due)
    assert total_moved == approx(collective + inside - due, abs=tolerance)
    assert total_moved == approx(total_expected, abs=tolerance)


@settings(PROPERTY)
@given(plans())
def test_balances_start_from_the_opening_cash_and_the_low_point_is_the_lowest(data: Data) -> None:
    """Each balance is the opening cash plus the movements so far; the low point is the
    lowest month-end balance, first reached in its month; break-even years lie in the
    plan, and from them on every result is ≥ 0 (to the cent)."""
    coop = validate_cooperation(data)
    plan = evaluate_plan(coop)
    tolerance = 1e-9 * gross(plan, coop) + 0.005
    first = coop.start_year or 1
    for i, party in enumerate(plan.parties):
        row = plan.cash.balances[i]
        opening = coop.opening_cash_eur.get(party.id, 0.0)
        assert row[0] == approx(opening + plan.cash.movements[i][0], abs=tolerance)
        low = party.cash_low
        assert low.eur == approx(float(row.min()), abs=tolerance)
        assert all(v > row.min() + 0.005 for v in row[: low.index])  # ties to the cent: first
        assert plan.cash.months[low.index] == low.month
        assert party.cash_ends == approx(tuple(row[11::12]), abs=tolerance)
        if party.break_even_year is not None:
            since = party.break_even_year - first
            assert 0 <= since < coop.years
            assert all(r >= -0.005 for r in party.results[since:])
            assert since == 0 or party.results[since - 1] < -0.005
        else:
            assert party.results[-1] < -0.005


@settings(PROPERTY)
@given(plans())
def test_each_plan_year_is_the_evaluation_of_that_year(data: Data) -> None:
    """evaluate_plan (views built in one pass, equal years evaluated once) gives for
    each year what evaluate(coop, year=y) gives, base and scenarios."""
    coop = validate_cooperation(data)
    for scenario in (None, *(s.id for s in coop.scenarios)):
        plan = evaluate_plan(coop, scenario)
        for y, ev in enumerate(plan.years):
            assert figures(ev) == figures(evaluate(coop, scenario, y))
