"""Edits over the plan years: yearly values in one row, shortcuts, the plan's length,
investments, and an edit of one year brought back into the plan (bm3c.edit.years)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from bm3c.edit.investments import investment_rows, set_investments
from bm3c.edit.parts import line_rows, replace_lines
from bm3c.edit.yearly_rows import activity_rows, line_totals, member_rows
from bm3c.edit.years import (
    edit_in_year,
    flow_path,
    line_path,
    member_path,
    set_plan,
    set_shortcut,
    set_yearly,
    shortcut_values,
    values_lost,
    work_path,
)
from bm3c.engine import evaluate
from bm3c.errors import InvalidModelError
from bm3c.model import Cooperation
from bm3c.model.validation import model_data, validate_cooperation
from bm3c.model.years import investment_activity_ids, year_view
from bm3c.present.investment_tables import investment_schedule
from tests.conftest import build

SUBSIDY = line_path("cafe", "revenues", "Subvention", "amount_eur")
FOOD = line_path("cafe", "costs", "Denrées", "amount_eur")
SALES_QUANTITY = line_path("atelier", "revenues", "Ventes", "quantity")


def small(**overrides: Any) -> Cooperation:
    """Members a (20 €/h) and b (30 €/h), shared entity "commun", the funder "region".

    "cafe" (shared): 10 000 € from the region, 2 000 € of food, 100 paid hours of a.
    "atelier" (b's own): 50 × 40 € of sales. A flow "Prêt de salle" of 1 200 € from a
    to commun. A scenario sets the subsidy to 0.
    """
    data: dict[str, Any] = {
        "actors": [{"id": "region", "name": "Région", "kind": "funder"}],
        "activities": [
            {
                "id": "cafe",
                "name": "Café",
                "carrier": "commun",
                "revenues": [{"label": "Subvention", "amount_eur": 10000.0, "from": "region"}],
                "costs": [{"label": "Denrées", "amount_eur": 2000.0}],
                "work": [{"member": "a", "paid_hours": 100.0}],
            },
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "b",
                "revenues": [{"label": "Ventes", "quantity": 50.0, "unit_price_eur": 40.0}],
            },
        ],
        "flows": [
            {
                "from": "a",
                "to": "commun",
                "kind": "in_kind",
                "label": "Prêt de salle",
                "amount_eur": 1200.0,
            }
        ],
        "scenarios": [
            {
                "id": "sans-subvention",
                "name": "Sans subvention",
                "changes": [{"set": "activities.cafe.revenues.Subvention.amount_eur", "value": 0}],
            }
        ],
    }
    data.update(overrides)
    return build(**data)


def three_years(**overrides: Any) -> Cooperation:
    """:func:`small` as a plan of 2027–2029, nothing varying yet."""
    return set_plan(small(**overrides), 2027, 3)


def line(coop: Cooperation, activity: str, side: str, label: str) -> Any:
    found = next(a for a in coop.activities if a.id == activity)
    return next(x for x in getattr(found, side) if x.label == label)


def problems(error: pytest.ExceptionInfo[InvalidModelError]) -> list[str]:
    return [str(p) for p in error.value.problems]


# --- the plan's length ---------------------------------------------------------------


def test_a_one_year_model_becomes_a_plan_with_every_number_the_same_each_year() -> None:
    plan = set_plan(small(), 2027, 3)
    assert (plan.start_year, plan.years) == (2027, 3)
    assert line(plan, "cafe", "revenues", "Subvention").amount_eur == 10000.0
    # each year is the one-year model: same results
    for i in range(3):
        assert evaluate(plan, year=i).shared_entity.result_eur == pytest.approx(
            evaluate(small()).shared_entity.result_eur
        )


def test_a_longer_plan_repeats_the_last_value_and_a_shorter_one_cuts() -> None:
    plan = set_yearly(three_years(), SUBSIDY, [10000, 8000, 6000])
    longer = set_plan(plan, 2027, 5)
    assert line(longer, "cafe", "revenues", "Subvention").amount_eur == (
        10000.0,
        8000.0,
        6000.0,
        6000.0,
        6000.0,
    )
    shorter = set_plan(plan, 2027, 2)
    assert line(shorter, "cafe", "revenues", "Subvention").amount_eur == (10000.0, 8000.0)
    one = set_plan(plan, 2027, 1)
    assert line(one, "cafe", "revenues", "Subvention").amount_eur == 10000.0
    moved = set_plan(plan, 2030, 3)  # a new start year keeps every value
    assert line(moved, "cafe", "revenues", "Subvention").amount_eur == (10000.0, 8000.0, 6000.0)
    assert moved.start_year == 2030


def test_a_shorter_plan_names_every_value_it_drops() -> None:
    plan = set_yearly(three_years(), SUBSIDY, [10000, 8000, 6000])
    plan = set_yearly(plan, member_path("b", "hourly_cost_eur"), [30, 31, 32])
    assert values_lost(plan, 3) == []
    assert values_lost(plan, 5) == []
    assert values_lost(plan, 2) == [
        ("members.b.hourly_cost_eur", (32.0,)),
        ("activities.cafe.revenues[0].amount_eur", (6000.0,)),
    ]
    assert values_lost(plan, 1) == [
        ("members.b.hourly_cost_eur", (31.0, 32.0)),
        ("activities.cafe.revenues[0].amount_eur", (8000.0, 6000.0)),
    ]


def test_scenario_values_given_per_year_follow_the_plan_length() -> None:
    scenarios = [
        {
            "id": "baisse",
            "name": "Baisse",
            "changes": [
                {"set": "activities.cafe.revenues.Subvention.amount_eur", "value": [9, 8, 7]},
                {"set": "activities.cafe.requires", "value": ["a"]},
            ],
        }
    ]
    plan = three_years(scenarios=scenarios)
    shorter = set_plan(plan, 2027, 2)
    changes = shorter.scenarios[0].changes
    assert list(changes[0].value) == [9, 8]
    assert list(changes[1].value) == ["a"]  # a list of ids is not a yearly number
    assert values_lost(plan, 2) == [("scenarios.baisse.changes[0].value", (7,))]


def test_a_plan_length_out_of_range_or_an_investment_after_the_end_is_refused() -> None:
    with pytest.raises(InvalidModelError) as error:
        set_plan(small(), 2027, 11)
    assert problems(error) == ["plan.years: must be at most 10, got 11"]
    with pytest.raises(InvalidModelError) as error:
        set_plan(small(), 1800, 3)
    assert problems(error) == ["plan.start_year: must be at least 1900, got 1800"]
    rows = [{"label": "Four", "carrier": "commun", "amount_eur": 9000, "year": 2029}]
    plan = set_investments(three_years(), [r | {"lifetime_years": 5} for r in rows])
    with pytest.raises(InvalidModelError) as error:
        set_plan(plan, 2027, 2)
    assert problems(error) == [
        "investments[0].year: year 3 is after the plan's last year (2)",
    ]


# --- yearly values in one row ------------------------------------------------------------


def test_yearly_values_set_a_line_a_work_line_a_member_and_a_flow() -> None:
    plan = set_yearly(three_years(), SUBSIDY, [10000, 8000, 8000])
    assert line(plan, "cafe", "revenues", "Subvention").amount_eur == (10000.0, 8000.0, 8000.0)
    plan = set_yearly(plan, SALES_QUANTITY, [50, 100, 150])
    sales = line(plan, "atelier", "revenues", "Ventes")
    assert sales.quantity == (50.0, 100.0, 150.0)
    assert sales.totals_eur == (2000.0, 4000.0, 6000.0)
    plan = set_yearly(plan, work_path("cafe", "a", "paid_hours"), [100, 120, 140])
    assert plan.activities[0].work[0].paid_hours == (100.0, 120.0, 140.0)
    plan = set_yearly(plan, member_path("a", "hourly_cost_eur"), [20, 21, 22])
    assert plan.members[0].hourly_cost_eur == (20.0, 21.0, 22.0)
    plan = set_yearly(plan, member_path("a", "capacity_hours"), [1600, 1600, 1400])
    plan = set_yearly(plan, flow_path("Prêt de salle"), [1200, 0, 0])
    assert plan.flows[0].amount_eur == (1200.0, 0.0, 0.0)
    # year 2 of the plan: 8 000 € of subsidy, 100 sales of 40 €, 120 h at 21 €/h
    ev = evaluate(plan, year=1)
    assert ev.activity("cafe").revenue_eur == 8000.0
    assert ev.activity("atelier").revenue_eur == 4000.0
    assert ev.activity("cafe").staff_cost_eur == 120 * 21


def test_the_same_value_every_year_is_one_number() -> None:
    plan = set_yearly(three_years(), SUBSIDY, [10000, 8000, 8000])
    plan = set_yearly(plan, SUBSIDY, [9000, 9000, 9000])
    assert line(plan, "cafe", "revenues", "Subvention").amount_eur == 9000.0
    assert "amount_eur: 9000" not in str(model_data(plan))  # plain number, not a list
    assert model_data(plan)["activities"][0]["revenues"][0]["amount_eur"] == 9000.0


def test_an_optional_number_left_empty_every_year_is_removed() -> None:
    plan = set_yearly(three_years(), member_path("a", "capacity_hours"), [1600, 1500, 1400])
    assert plan.members[0].capacity_hours == (1600.0, 1500.0, 1400.0)
    plan = set_yearly(plan, member_path("a", "capacity_hours"), [None, math.nan, None])
    assert plan.members[0].capacity_hours is None


def test_bad_yearly_values_are_refused_by_year() -> None:
    plan = three_years()
    with pytest.raises(InvalidModelError) as error:
        set_yearly(plan, SUBSIDY, [10000, -5, None])
    assert problems(error) == [
        "activities.cafe.revenues[0].amount_eur.2028: must be at least 0, got -5",
        "activities.cafe.revenues[0].amount_eur.2029: required field is missing",
    ]
    with pytest.raises(InvalidModelError) as error:
        set_yearly(plan, SUBSIDY, [1, 2])
    assert problems(error) == [
        "activities.cafe.revenues[0].amount_eur: 2 values for a 3-year plan: give one per year"
    ]
    with pytest.raises(InvalidModelError) as error:
        set_yearly(plan, line_path("cafe", "revenues", "Inconnue", "amount_eur"), [1, 2, 3])
    assert problems(error) == ["activities.cafe.revenues.Inconnue: not found in the model"]
    with pytest.raises(InvalidModelError) as error:  # a work line needs some hours
        set_yearly(plan, work_path("cafe", "a", "paid_hours"), [0, 0, 0])
    assert problems(error) == [
        "activities.cafe.work[0]: a work line needs paid_hours or volunteer_hours above 0"
    ]


# --- shortcuts ---------------------------------------------------------------------------


def test_shortcut_values_worked_by_hand() -> None:
    assert shortcut_values("same", 800, 3) == [800, 800, 800]
    assert shortcut_values("grow", 1000, 4, percent=10) == [1000.0, 1100.0, 1210.0, 1331.0]
    assert shortcut_values("grow", 300, 3, percent=-50) == [300.0, 150.0, 75.0]
    assert shortcut_values("only", 5000, 3, year=1) == [5000, 0.0, 0.0]
    assert shortcut_values("only", 5000, 3, year=3) == [0.0, 0.0, 5000]


def test_shortcuts_fill_a_row() -> None:
    plan = set_shortcut(three_years(), SUBSIDY, "only", 5000, year=1)
    assert line(plan, "cafe", "revenues", "Subvention").amount_eur == (5000.0, 0.0, 0.0)
    plan = set_shortcut(plan, SALES_QUANTITY, "grow", 300, percent=100)
    assert line(plan, "atelier", "revenues", "Ventes").quantity == (300.0, 600.0, 1200.0)
    plan = set_shortcut(plan, SUBSIDY, "same", 7000)
    assert line(plan, "cafe", "revenues", "Subvention").amount_eur == 7000.0
    with pytest.raises(InvalidModelError) as error:
        set_shortcut(plan, SUBSIDY, "only", 7000, year=4)
    assert problems(error) == [
        "activities.cafe.revenues.Subvention.amount_eur: must be at most 3, got 4"
    ]


# --- the rows of the yearly tables -------------------------------------------------------


def test_rows_one_per_number_two_for_quantity_times_price() -> None:
    plan = set_yearly(three_years(), SALES_QUANTITY, [50, 100, 150])
    rows = activity_rows(plan, "atelier", "revenues")
    assert [(r.label, r.field, r.values) for r in rows] == [
        ("Ventes", "quantity", (50.0, 100.0, 150.0)),
        ("Ventes", "unit_price_eur", (40.0, 40.0, 40.0)),
    ]
    assert line_totals(plan, "atelier", "revenues") == [("Ventes", (2000.0, 4000.0, 6000.0))]
    work = activity_rows(plan, "cafe", "work")
    assert [(r.label, r.field, r.values) for r in work] == [
        ("a", "paid_hours", (100.0, 100.0, 100.0)),
        ("a", "volunteer_hours", (0.0, 0.0, 0.0)),
    ]
    members = member_rows(plan)
    assert [(r.label, r.field, r.values) for r in members] == [
        ("a", "hourly_cost_eur", (20.0, 20.0, 20.0)),
        ("a", "capacity_hours", (None, None, None)),
        ("b", "hourly_cost_eur", (30.0, 30.0, 30.0)),
        ("b", "capacity_hours", (None, None, None)),
    ]
    assert set_yearly(plan, rows[1].path, [40, 42, 44]) is not None


# --- investments -------------------------------------------------------------------------

OVEN = {
    "label": "Four",
    "carrier": "commun",
    "amount_eur": 10000.0,
    "year": 2028.0,  # a table editor gives whole numbers as floats
    "month": 4.0,
    "lifetime_years": 5.0,
    "grant_eur": 4000.0,
    "from": "region",
    "grant_paid": math.nan,
}


def test_an_investment_added_in_calendar_years_depreciates_from_its_year() -> None:
    plan = set_investments(three_years(), [OVEN])
    (oven,) = plan.investments
    assert (oven.id, oven.year, oven.month, oven.lifetime_years) == ("four", 2, 4, 5)
    assert oven.grant_paid is None
    assert investment_rows(plan)[0]["year"] == 2028
    # 10 000 € over 5 years: 2 000 € a year from 2028; grant 4 000 / 5 = 800 € a year
    activity = investment_activity_ids(plan)["commun"]
    assert activity not in [a.id for a in year_view(plan, 0).activities]
    year_2 = next(a for a in year_view(plan, 1).activities if a.id == activity)
    assert [c.amount_eur for c in year_2.costs] == [2000.0]
    assert [r.amount_eur for r in year_2.revenues] == [800.0]
    table = investment_schedule(plan, "en")
    assert list(table.columns) == ["Investment", "Line", "2027", "2028", "2029"]
    assert table.values.tolist() == [
        ["Four", "Depreciation", "–", "€2,000.00", "€2,000.00"],
        ["Four", "Grant share", "–", "€800.00", "€800.00"],
    ]


def test_an_investment_changed_keeps_a_grant_paid_in_several_parts() -> None:
    schedule = [{"month": 4, "fraction": 0.8}, {"month": 16, "fraction": 0.2}]
    data = model_data(three_years())
    data["investments"] = [
        {
            "id": "four",
            "carrier": "commun",
            "label": "Four",
            "amount_eur": 10000.0,
            "year": 2,
            "lifetime_years": 5,
            "grant_eur": 4000.0,
            "from": "region",
            "grant_paid": schedule,
        }
    ]
    plan = validate_cooperation(data)
    rows = investment_rows(plan)
    assert rows[0]["grant_paid"] == 4
    rows[0]["label"] = "Four à pain"
    kept = set_investments(plan, rows)
    assert [(p.month, p.fraction) for p in kept.investments[0].grant_paid or ()] == [
        (4, 0.8),
        (16, 0.2),
    ]
    rows[0]["grant_paid"] = 13.0
    moved = set_investments(plan, rows)
    assert [(p.month, p.fraction) for p in moved.investments[0].grant_paid or ()] == [(13, 1.0)]
    assert set_investments(plan, []).investments == ()


def test_a_bad_investment_row_is_refused_with_located_problems() -> None:
    with pytest.raises(InvalidModelError) as error:
        set_investments(three_years(), [OVEN | {"year": 2031.0, "lifetime_years": math.nan}])
    assert problems(error) == [
        "investments[0].year: 2031 is outside the plan (2027–2029)",
        "investments[0].lifetime_years: required field is missing",
    ]
    with pytest.raises(InvalidModelError) as error:
        set_investments(three_years(), [OVEN | {"carrier": "region"}])
    assert problems(error)[0].startswith("investments[0].carrier: unknown carrier 'region'")
    with pytest.raises(InvalidModelError) as error:
        set_investments(three_years(), [OVEN | {"year": 2026.0}])
    assert problems(error) == ["investments[0].year: 2026 is outside the plan (2027–2029)"]


# --- an edit of one year brought back into the plan ---------------------------------------


def edited_view(
    plan: Cooperation, index: int, activity: str, side: str, change: Any
) -> Cooperation:
    """Year ``index``'s view with the lines of ``side`` edited as in the Activities table."""
    view = year_view(plan, index)
    rows = line_rows(view, activity, side)
    return replace_lines(view, activity, side, change(rows))


def test_a_number_that_varies_changes_in_the_chosen_year_only() -> None:
    plan = set_yearly(three_years(), SUBSIDY, [10000, 8000, 8000])
    after = edited_view(
        plan, 1, "cafe", "revenues", lambda rows: [rows[0] | {"amount_eur": 9000.0}]
    )
    merged = edit_in_year(plan, 1, year_view(plan, 1), after)
    assert line(merged, "cafe", "revenues", "Subvention").amount_eur == (10000.0, 9000.0, 8000.0)


def test_a_single_number_changes_every_year() -> None:
    plan = set_yearly(three_years(), SUBSIDY, [10000, 8000, 8000])
    after = edited_view(plan, 2, "cafe", "costs", lambda rows: [rows[0] | {"amount_eur": 2500.0}])
    merged = edit_in_year(plan, 2, year_view(plan, 2), after)
    assert line(merged, "cafe", "costs", "Denrées").amount_eur == 2500.0
    assert line(merged, "cafe", "revenues", "Subvention").amount_eur == (10000.0, 8000.0, 8000.0)


def test_a_renamed_line_keeps_its_yearly_values() -> None:
    plan = set_yearly(three_years(), SUBSIDY, [10000, 8000, 8000])
    after = edited_view(
        plan, 0, "cafe", "revenues", lambda rows: [rows[0] | {"label": "Subvention Région"}]
    )
    merged = edit_in_year(plan, 0, year_view(plan, 0), after)
    assert line(merged, "cafe", "revenues", "Subvention Région").amount_eur == (
        10000.0,
        8000.0,
        8000.0,
    )
    # the scenario follows the new label
    assert merged.scenarios[0].changes[0].set == (
        "activities.cafe.revenues.Subvention Région.amount_eur"
    )


def test_a_deleted_line_goes_and_an_added_line_is_one_number() -> None:
    """Food varies; a rent of 500 € is added first; then, in year 2, food is deleted and
    energy (900 €) added after the rent: energy is 900 € every year, food is gone."""
    plan = set_yearly(three_years(), FOOD, [2000, 2200, 2400])
    rent = {"label": "Loyer", "amount_eur": 500.0, "kind": "other", "to": "market"}
    plan = edit_in_year(
        plan, 0, year_view(plan, 0), edited_view(plan, 0, "cafe", "costs", lambda r: [*r, rent])
    )
    energy = {"label": "Énergie", "amount_eur": 900.0, "kind": "other", "to": "market"}
    after = edited_view(plan, 1, "cafe", "costs", lambda rows: [rows[1], energy])
    merged = edit_in_year(plan, 1, year_view(plan, 1), after)
    costs = next(a for a in merged.activities if a.id == "cafe").costs
    assert [(c.label, c.amount_eur) for c in costs] == [("Loyer", 500.0), ("Énergie", 900.0)]


def test_investments_and_their_computed_activity_survive_an_edit_of_a_year() -> None:
    plan = set_investments(set_yearly(three_years(), SUBSIDY, [10000, 8000, 8000]), [OVEN])
    computed = investment_activity_ids(plan)["commun"]
    before = year_view(plan, 1)
    assert computed in [a.id for a in before.activities]
    after = edited_view(
        plan, 1, "cafe", "revenues", lambda rows: [rows[0] | {"amount_eur": 7000.0}]
    )
    merged = edit_in_year(plan, 1, before, after)
    assert merged.investments == plan.investments
    assert computed not in [a.id for a in merged.activities]  # computed, never stored
    assert line(merged, "cafe", "revenues", "Subvention").amount_eur == (10000.0, 7000.0, 8000.0)
    assert validate_cooperation(model_data(merged)) == merged
    # the computed activity is back in every view, unchanged
    assert year_view(merged, 2).activities[-1] == year_view(plan, 2).activities[-1]
