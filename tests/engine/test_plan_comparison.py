"""Scenarios compared over a plan: per year, over the whole plan, break-even and low points.

The plan worked by hand below (two years, 2027 and 2028): the shared entity
``atelier`` sells 12 000 € a year (1 000 € a month), spends 15 000 € (1 250 € a
month) and receives a 6 000 € subsidy in March. Its result R is
12 000 + 6 000 − 15 000 = 3 000 € a year, no reserve, shared equally between
``a`` and ``b`` (1 500 € each; a deficit is covered equally), paid in June of
the next year. Nobody has opening cash.

Base, the entity's cash month by month: −250 € a month, +6 000 € in March, and in
June 2028 the 3 000 € of shares of 2027 go out:
2027-01 −250, 2027-02 **−500** (low point), 2027-03 5 250, …, 2027-12 3 000;
2028-02 2 500, 2028-03 8 250, 2028-06 7 500 − 3 000 = 4 500, 2028-12 3 000.
Break-even: 2027 for every party.

« Subvention perdue à partir de l'année 2 » (``[6000, 0]``): 2028's R = −3 000 €
(members cover −1 500 € each, in June 2029, beyond the plan). Cash in 2028:
2028-05 1 750, 2028-06 1 500 − 3 000 = −1 500, then −250 a month to
2028-12 **−3 000** (low point). Break-even: never (2028 is below zero).

« Subvention d'abord refusée » (``[0, 6000]``): 2027's R = −3 000 €, 2028's
+3 000 €: break-even 2028 for every party. Cash: −250 a month to 2027-12 −3 000,
2028-01 −3 250, 2028-02 **−3 500** (low point), 2028-03 +2 500 …
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from bm3c.engine.plan import evaluate_plan
from bm3c.engine.plan_comparison import compare_plans, compare_plans_applicable, plan_totals
from bm3c.engine.scenarios import check_scenarios
from bm3c.errors import ScenarioError
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation

SUBSIDY = "activities.cafe.revenues.Subvention.amount_eur"


def two_year_plan(**extra: Any) -> Cooperation:
    data: dict[str, Any] = {
        "bm3c": 1,
        "name": "Atelier partagé",
        "plan": {"start_year": 2027, "years": 2},
        "shared_entity": {"id": "atelier", "name": "Atelier"},
        "members": [
            {"id": "a", "name": "A", "hourly_cost_eur": 20.0},
            {"id": "b", "name": "B", "hourly_cost_eur": 20.0},
        ],
        "actors": [{"id": "ville", "name": "Ville", "kind": "funder"}],
        "activities": [
            {
                "id": "cafe",
                "name": "Café",
                "carrier": "atelier",
                "revenues": [
                    {"label": "Ventes", "amount_eur": 12000.0},
                    {
                        "label": "Subvention",
                        "amount_eur": 6000.0,
                        "from": "ville",
                        "kind": "subsidy",
                        "paid": {"month": 3},
                    },
                ],
                "costs": [{"label": "Achats", "amount_eur": 15000.0}],
                "work": [
                    {"member": "a", "volunteer_hours": 100.0},
                    {"member": "b", "volunteer_hours": 100.0},
                ],
            }
        ],
        "sharing": {"surplus": "equal", "deficit": "equal"},
        "scenarios": [
            {
                "id": "perdue-an-2",
                "name": "Subvention perdue à partir de l'année 2",
                "changes": [{"set": SUBSIDY, "value": [6000.0, 0.0]}],
            },
            {
                "id": "refusee-an-1",
                "name": "Subvention d'abord refusée",
                "changes": [{"set": SUBSIDY, "value": [0.0, 6000.0]}],
            },
        ],
    }
    data.update(extra)
    return validate_cooperation(data)


def test_break_even_year_and_cash_low_point_of_each_scenario() -> None:
    milestones = compare_plans(two_year_plan()).milestones()
    assert list(milestones) == ["base", "perdue-an-2", "refusee-an-1"]
    base = {m.party: m for m in milestones["base"]}
    assert [m.party for m in milestones["base"]] == ["a", "b", "atelier"]
    assert {p: m.break_even_year for p, m in base.items()} == {
        "a": 2027,
        "b": 2027,
        "atelier": 2027,
    }
    assert base["atelier"].cash_low_eur == pytest.approx(-500.0)
    assert base["atelier"].cash_low_month == "2027-02"
    assert base["atelier"].break_even_delay is None  # the base is not compared with itself
    assert base["atelier"].cash_low_difference_eur is None

    lost = {m.party: m for m in milestones["perdue-an-2"]}
    assert {p: m.break_even_year for p, m in lost.items()} == {
        "a": None,
        "b": None,
        "atelier": None,
    }
    assert lost["atelier"].cash_low_eur == pytest.approx(-3000.0)
    assert lost["atelier"].cash_low_month == "2028-12"
    assert lost["atelier"].break_even_delay == math.inf
    assert lost["atelier"].cash_low_difference_eur == pytest.approx(-2500.0)
    # the members cover 2028's deficit in June 2029: their cash never moves in the plan
    assert lost["a"].cash_low_eur == pytest.approx(0.0)
    assert lost["a"].cash_low_month == "2027-01"

    late = {m.party: m for m in milestones["refusee-an-1"]}
    assert {p: m.break_even_year for p, m in late.items()} == {
        "a": 2028,
        "b": 2028,
        "atelier": 2028,
    }
    assert late["atelier"].break_even_delay == 1.0
    assert late["atelier"].cash_low_eur == pytest.approx(-3500.0)
    assert late["atelier"].cash_low_month == "2028-02"
    assert late["atelier"].cash_low_difference_eur == pytest.approx(-3000.0)


def test_comparison_of_one_plan_year() -> None:
    comparison = compare_plans(two_year_plan())
    first, second = comparison.in_year(0), comparison.in_year(1)
    shared = second.wide("result_eur", "shared_entity").loc["atelier"]
    assert shared["base"] == pytest.approx(3000.0)
    assert shared["perdue-an-2"] == pytest.approx(-3000.0)
    assert shared["Δ perdue-an-2"] == pytest.approx(-6000.0)
    cash = first.wide("cash_result_eur")
    assert cash.loc["a", "perdue-an-2"] == pytest.approx(1500.0)  # year 1 keeps the subsidy
    assert cash.loc["a", "refusee-an-1"] == pytest.approx(-1500.0)
    assert not second.scenarios[0].everyone_gains
    with pytest.raises(IndexError):
        comparison.in_year(2)


def test_comparison_over_the_whole_plan_sums_the_years() -> None:
    comparison = compare_plans(two_year_plan())
    whole = comparison.over_plan()
    shared = whole.wide("result_eur", "shared_entity").loc["atelier"]
    assert shared["base"] == pytest.approx(6000.0)  # 3 000 + 3 000
    assert shared["perdue-an-2"] == pytest.approx(0.0)  # 3 000 − 3 000
    assert shared["Δ refusee-an-1"] == pytest.approx(-6000.0)  # −3 000 + 3 000 − 6 000
    gains = whole.wide("gain_from_cooperation_eur")
    assert gains.loc["b", "base"] == pytest.approx(3000.0)
    assert gains.loc["b", "perdue-an-2"] == pytest.approx(0.0)
    assert whole.base.everyone_gains
    assert whole.table.loc[whole.table.figure == "hours_volunteer", "base"].iloc[0] == 200.0


def test_plan_totals_sum_every_year_and_keep_the_heaviest_load() -> None:
    coop = two_year_plan(
        members=[
            {"id": "a", "name": "A", "hourly_cost_eur": 20.0, "capacity_hours": [200.0, 50.0]},
            {"id": "b", "name": "B", "hourly_cost_eur": 20.0},
        ]
    )
    plan = evaluate_plan(coop)
    totals = plan_totals(plan)
    a = totals.member("a")
    assert a.cash_result_eur == pytest.approx(3000.0)
    assert a.volunteer_hours == pytest.approx(200.0)
    assert a.capacity_hours == pytest.approx(250.0)
    assert a.load_ratio == pytest.approx(2.0)  # 100 h of 50 h in 2028
    assert a.overloaded
    assert totals.member("b").capacity_hours is None
    assert totals.collective.result_eur == pytest.approx(sum(plan.collective_results))
    assert totals.activity("cafe").revenue_eur == pytest.approx(36000.0)


def test_selecting_scenarios_keeps_their_order_without_reevaluating() -> None:
    comparison = compare_plans(two_year_plan())
    chosen = comparison.select(["refusee-an-1", "perdue-an-2"])
    assert chosen.scenario_ids == ("refusee-an-1", "perdue-an-2")
    assert chosen.scenarios[0] is comparison.scenarios[1]
    with pytest.raises(KeyError):
        comparison.select(["inconnu"])


def test_a_scenario_that_no_longer_applies_is_left_out_with_its_problem() -> None:
    coop = two_year_plan()
    broken = coop.model_copy(
        update={
            "scenarios": (
                *coop.scenarios,
                coop.scenarios[0].model_copy(
                    update={
                        "id": "ancienne",
                        "changes": (
                            coop.scenarios[0]
                            .changes[0]
                            .model_copy(
                                update={"set": "activities.cafe.revenues.Dotation.amount_eur"}
                            ),
                        ),
                    }
                ),
            )
        }
    )
    comparison, problems = compare_plans_applicable(broken)
    assert comparison.scenario_ids == ("perdue-an-2", "refusee-an-1")
    assert list(problems) == ["ancienne"]
    assert "Dotation" in str(problems["ancienne"][0])


def test_a_scenario_list_of_the_wrong_length_is_refused_by_its_path() -> None:
    """Three values for a two-year plan: the scenario is refused, naming it and the line."""
    data = two_year_plan().model_dump(mode="json", by_alias=True, exclude_none=True)
    data["scenarios"][0]["changes"][0]["value"] = [6000.0, 0.0, 0.0]
    (problem,) = check_scenarios(validate_cooperation(data))
    assert problem.path == "scenarios.perdue-an-2"
    assert "activities.cafe.revenues[1].amount_eur: 3 values for the 2-year plan" in str(problem)
    with pytest.raises(ScenarioError):
        compare_plans(validate_cooperation(data), ["perdue-an-2"])
