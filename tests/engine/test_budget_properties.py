"""Properties of the funders' budget (DOMAIN Part 4) on every drawn model (hypothesis).

Drawn cooperations and plans get accounts on some lines and funder terms on some
actors (kinds funder or public, caps, volunteering counted). On each, for every
plan year and every party: charges + result = produits, 86 = 87, the result is
the evaluation's (a member's cash result, the shared entity's before its reserve,
the action's the collective result), and the action consolidates the parties'
budgets: what they pay each other cancels.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from pytest import approx

from bm3c.engine.budget import ACTION, plan_budgets
from bm3c.engine.evaluate import evaluate
from bm3c.model import Scenario
from bm3c.model.validation import validate_cooperation
from tests.engine.test_plan_properties import PROPERTY
from tests.strategies import any_cooperations, chance, plans

Data = dict[str, Any]

CHARGE_ACCOUNTS = ("6061", "6132", "6226", "6411", "658", "6811", "66", "671")
PRODUIT_ACCOUNTS = ("706", "7088", "74", "741", "756", "758", "76", "771", "79")


@st.composite
def with_budget_terms(draw: st.DrawFn, data: Data) -> Data:
    """``data`` with accounts on some lines and funder terms on some actors."""
    for a in data.get("activities", []):
        for side, accounts in (("revenues", PRODUIT_ACCOUNTS), ("costs", CHARGE_ACCOUNTS)):
            for line in a.get(side, []):
                if draw(chance(1, 3)):
                    line["account"] = draw(st.sampled_from(accounts))
    for actor in data.get("actors", []):
        if draw(chance(1, 2)):
            actor["kind"] = draw(st.sampled_from(("funder", "public")))
            if draw(st.booleans()):
                actor["max_rate"] = draw(st.sampled_from((0.1, 0.5, 0.8, 1.0)))
            if draw(st.booleans()):
                actor["counts_volunteering"] = True
    return data


models = st.one_of(any_cooperations(), plans()).flatmap(with_budget_terms)


def tolerance(values: list[float]) -> float:
    return 1e-9 * (sum(abs(v) for v in values) + 1.0)


@PROPERTY
@given(models)
def test_every_budget_balances_and_equals_the_evaluation(data: Data) -> None:
    coop = validate_cooperation(data)
    for y, year in enumerate(plan_budgets(coop)):
        ev = evaluate(coop, None, y)
        results = {m.id: m.cash_result_eur for m in ev.members}
        results |= {coop.shared_entity.id: ev.shared_entity.result_eur}
        for budget in year.all:
            lines = [*budget.charges, *budget.produits, *budget.uses_in_kind]
            tol = tolerance([line.amount_eur for line in lines])
            assert budget.charges_total_eur + budget.result_eur == approx(
                budget.produits_total_eur, abs=tol
            )
            assert budget.uses_in_kind_eur == approx(budget.resources_in_kind_eur, abs=tol)
            assert sum(budget.charges_by_class().values()) == approx(
                budget.charges_total_eur, abs=tol
            )
            assert sum(budget.produits_by_class().values()) == approx(
                budget.produits_total_eur, abs=tol
            )
            expected = ev.collective.result_eur if budget.is_action else results[budget.party]
            assert budget.result_eur == approx(expected, abs=tol + 1e-6)
            for share in budget.funders:
                assert share.amount_eur > 0
                assert share.over_max_rate == (
                    share.max_rate is not None
                    and share.counted_rate is not None
                    and share.counted_rate > share.max_rate + 1e-9
                )


@PROPERTY
@given(models)
def test_the_action_is_the_parties_without_what_they_pay_each_other(data: Data) -> None:
    """Σ parties' results = the action's result + what the shared entity distributes.

    The parties' budgets hold the shares twice (the shared entity's result, and each
    member's share of it): Σ members + R = collective result + D, since the collective
    result is Σ members' results + the reserve and R = reserve + D.
    """
    coop = validate_cooperation(data)
    for y, year in enumerate(plan_budgets(coop)):
        ev = evaluate(coop, None, y)
        parties = sum(b.result_eur for b in (*year.members, year.shared_entity))
        tol = tolerance([abs(b.produits_total_eur) + abs(b.charges_total_eur) for b in year.all])
        assert parties == approx(
            year.action.result_eur + ev.shared_entity.distributed_eur, abs=tol + 1e-6
        )
        # subsidies from outside actors are nobody else's: the action holds all of them
        outside = {a.id for a in coop.actors} | {"market"}
        by_party: dict[str, float] = {}
        for b in (*year.members, year.shared_entity):
            for payer, amount in b.subsidies().items():
                if payer in outside:
                    by_party[payer] = by_party.get(payer, 0.0) + amount
        action = {k: v for k, v in year.action.subsidies().items() if k in outside}
        assert action.keys() == by_party.keys()
        for payer, amount in action.items():
            assert amount == approx(by_party[payer], abs=tol)
        assert year.of(ACTION) is year.action


@PROPERTY
@given(models)
def test_a_budget_where_a_member_leaves_equals_the_evaluation(data: Data) -> None:
    """The group without the first member: its budgets add up to its evaluation."""
    coop = validate_cooperation(data)
    if len(coop.members) < 3:
        return
    leaving = Scenario(id="depart", name="Départ", changes=[{"leave": coop.member_ids[0]}])
    for y, year in enumerate(plan_budgets(coop, leaving)):
        ev = evaluate(coop, leaving, y)
        results = {m.id: m.cash_result_eur for m in ev.members if m.in_cooperation}
        results |= {coop.shared_entity.id: ev.shared_entity.result_eur}
        assert [b.party for b in year.members] == list(coop.member_ids[1:])
        for budget in year.all:
            lines = [*budget.charges, *budget.produits, *budget.uses_in_kind]
            tol = tolerance([line.amount_eur for line in lines]) + 1e-6
            expected = ev.collective.result_eur if budget.is_action else results[budget.party]
            assert budget.result_eur == approx(expected, abs=tol)
            assert budget.uses_in_kind_eur == approx(budget.resources_in_kind_eur, abs=tol)
