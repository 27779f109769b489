"""Scenarios page of a plan over several years: the chosen year, the whole plan, and each
scenario's break-even year and cash low point, as the engine computes them."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bm3c.engine import evaluate
from bm3c.engine.plan_comparison import PlanComparison, compare_plans
from bm3c.io import load_cooperation
from bm3c.texts.format import money
from bm3c.ui.scenario_comparison import WHOLE_PLAN
from tests.ui.apptest import ROOT, open_app

PASSERELLES = ROOT / "examples" / "passerelles.yaml"
SCENARIO = "Scénario"


def tables(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe if SCENARIO in d.value.columns]


def row(table: pd.DataFrame, title: str) -> dict[str, str]:
    found = table[table[SCENARIO] == title]
    assert len(found) == 1, title
    return {str(k): str(v) for k, v in found.iloc[0].items()}


def whole(value: float) -> str:
    return money(value, "EUR", "fr", 0)


@pytest.fixture(scope="module")
def plans() -> PlanComparison:
    return compare_plans(load_cooperation(PASSERELLES))


def test_break_even_years_and_cash_low_points_of_every_scenario(plans: PlanComparison) -> None:
    at = open_app(PASSERELLES, page="scenarios")
    coop = load_cooperation(PASSERELLES)
    scic = coop.shared_entity.name
    shown = [t for t in tables(at) if scic in t.columns]  # the tables of every party
    break_even = next(t for t in shown if set(t[scic]) <= {"2027", "2028", "2029", "jamais"})
    milestones = plans.milestones()
    lost = coop.scenario("subvention-ateliers-perdue-2028").name
    assert row(break_even, "Situation de base")[scic] == "2027"
    # without the workshops' subsidy from 2028 the SCIC is in deficit in 2028, back in 2029
    assert row(break_even, lost)[scic] == "2029"
    halved = coop.scenario("subventions-divisees-par-deux").name
    assert row(break_even, halved)["Ludosens"] == "jamais"
    by_party = {m.party: m for m in milestones["base"]}
    assert by_party["passerelles"].break_even_year == 2027

    cash_low = next(t for t in shown if t[scic].str.contains(" en ").all())
    base_low = by_party["passerelles"]
    assert base_low.cash_low_month == "2028-12"  # the greenhouses bought, half the grant due
    assert row(cash_low, "Situation de base")[scic] == (
        f"{whole(base_low.cash_low_eur)} en décembre 2028"
    )
    lost_low = {m.party: m for m in milestones["subvention-ateliers-perdue-2028"]}["passerelles"]
    assert row(cash_low, lost)[scic].startswith(whole(lost_low.cash_low_eur))
    assert f"({whole(lost_low.cash_low_eur - base_low.cash_low_eur)})" in row(cash_low, lost)[scic]


def test_the_comparison_follows_the_chosen_year_and_the_whole_plan(plans: PlanComparison) -> None:
    at = open_app(PASSERELLES, page="scenarios")
    coop = load_cooperation(PASSERELLES)
    lost = coop.scenario("subvention-ateliers-perdue-2028").name

    def shown_result() -> str:
        shared = next(t for t in tables(at) if any("Résultat" in str(c) for c in t.columns))
        column = next(c for c in shared.columns if "Résultat" in str(c))
        return row(shared, lost)[column]

    first_year = evaluate(coop, "subvention-ateliers-perdue-2028", 0).shared_entity.result_eur
    assert shown_result().startswith(whole(first_year))
    at.selectbox(key="sidebar.plan_year").set_value(1).run()
    assert not at.exception, at.exception
    second = evaluate(coop, "subvention-ateliers-perdue-2028", 1).shared_entity.result_eur
    assert shown_result().startswith(whole(second))
    assert any("Résultats de l'année 2028" in c.value for c in at.caption)

    at.toggle(key=WHOLE_PLAN).set_value(True).run()
    assert not at.exception, at.exception
    over_plan = sum(
        plans.scenarios[i].years[y].shared_entity.result_eur
        for i, sid in enumerate(plans.scenario_ids)
        if sid == "subvention-ateliers-perdue-2028"
        for y in range(3)
    )
    assert shown_result().startswith(whole(over_plan))
    assert any("cumulés de 2027 à 2029" in c.value for c in at.caption)


def test_a_one_year_model_shows_no_plan_tables() -> None:
    at = open_app(ROOT / "examples" / "jardins-de-la-faiencerie.yaml", page="scenarios")
    assert WHOLE_PLAN not in [w.key for w in at.toggle]
    assert not any("Année d'équilibre" in s.value for s in at.subheader)
