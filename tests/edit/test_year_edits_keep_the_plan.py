"""An edit of one plan year's model keeps every other year of the plan (bm3c.edit.years).

The cases a workshop hits: a work line with hours in some years only, a scenario
whose changes give one value per year, a single value written as a list, an id
renamed while an investment uses it, and a scenario comparison of one year.
"""

from __future__ import annotations

from typing import Any

import pytest

from bm3c.edit.cooperation import rename_id
from bm3c.edit.years import edit_in_year
from bm3c.engine import compare_scenarios, evaluate
from bm3c.model import Cooperation
from bm3c.model.validation import edit_data, validate_cooperation
from bm3c.model.years import year_view

OVEN = {
    "id": "four",
    "carrier": "commun",
    "label": "Four",
    "amount_eur": 5000.0,
    "lifetime_years": 5,
    "grant_eur": 1000.0,
    "from": "region",
}
AID = {
    "id": "aide",
    "name": "Aide",
    "carrier": "commun",
    "revenues": [{"label": "Aide", "amount_eur": 400.0, "from": "region", "kind": "subsidy"}],
}


def three_years(*more_activities: dict[str, Any], **extra: Any) -> Cooperation:
    """Two members; a's hours on the shop start in 2028 (0, 10, 10 paid hours, reimbursed)."""
    data: dict[str, Any] = {
        "bm3c": 1,
        "name": "Trois ans",
        "plan": {"start_year": 2027, "years": 3},
        "shared_entity": {"id": "commun", "name": "Commun"},
        "members": [
            {"id": "a", "name": "Atelier", "hourly_cost_eur": 20.0},
            {"id": "b", "name": "Boutique", "hourly_cost_eur": 30.0},
        ],
        "actors": [{"id": "region", "name": "Région", "kind": "funder"}],
        "activities": [
            {
                "id": "shop",
                "name": "Boutique commune",
                "carrier": "commun",
                "revenues": [{"label": "Ventes", "amount_eur": [100.0, 200.0, 300.0]}],
                "work": [
                    {"member": "a", "paid_hours": [0.0, 10.0, 10.0], "reimbursed": True},
                    {"member": "b", "volunteer_hours": 5.0},
                ],
            },
            *more_activities,
        ],
    }
    return validate_cooperation(data | extra)


def edited(plan: Cooperation, year: int, change: Any) -> Cooperation:
    """The plan after ``change`` (a function of the year view's data) made on ``year``."""
    view = year_view(plan, year)
    return edit_in_year(plan, year, view, edit_data(view, change))


def test_a_year_without_hours_on_a_line_can_be_edited_and_keeps_the_line() -> None:
    """2027 has no hours of a on the shop: its model leaves the line out, so renaming the
    cooperation that year is accepted, and the line keeps 0, 10, 10 hours (reimbursed)."""
    plan = three_years()
    assert [w.member for w in year_view(plan, 0).activities[0].work] == ["b"]
    renamed = edited(plan, 0, lambda d: d.update(name="Trois ans, deux"))
    assert renamed.name == "Trois ans, deux"
    line = next(w for w in renamed.activities[0].work if w.member == "a")
    assert line.paid_hours == (0.0, 10.0, 10.0) and line.reimbursed


def test_hours_typed_again_in_a_year_without_them_go_to_that_year() -> None:
    """a gets 4 paid hours on the shop in 2027: the line becomes 4, 10, 10."""

    def add(data: dict[str, Any]) -> None:
        data["activities"][0]["work"].append({"member": "a", "paid_hours": 4.0})

    plan = edited(three_years(), 0, add)
    line = next(w for w in plan.activities[0].work if w.member == "a")
    assert line.paid_hours == (4.0, 10.0, 10.0)


def test_deleting_a_scenario_change_keeps_the_next_changes_values() -> None:
    """Two changes per year; the first is deleted in 2027: the second keeps 0, 50, 60."""
    changes = [
        {"set": "activities.shop.revenues.Ventes.amount_eur", "value": [10.0, 20.0, 30.0]},
        {"set": "members.a.hourly_cost_eur", "value": [0.0, 50.0, 60.0]},
    ]
    plan = three_years(scenarios=[{"id": "s", "name": "S", "changes": changes}])

    def drop_first(data: dict[str, Any]) -> None:
        data["scenarios"][0]["changes"] = data["scenarios"][0]["changes"][1:]

    (kept,) = edited(plan, 0, drop_first).scenarios[0].changes
    assert kept.set == "members.a.hourly_cost_eur" and kept.value == [0.0, 50.0, 60.0]


def test_a_single_value_list_edited_in_a_later_year_gives_one_value_per_year() -> None:
    """Ventes given as [250] (every year), set to 400 in 2028: 250, 400, 250."""
    plan = three_years()
    data = plan.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["activities"][0]["revenues"][0]["amount_eur"] = [250.0]
    plan = validate_cooperation(data)

    def more(d: dict[str, Any]) -> None:
        d["activities"][0]["revenues"][0]["amount_eur"] = 400.0

    assert edited(plan, 1, more).activities[0].revenues[0].amount_eur == (250.0, 400.0, 250.0)


def test_renaming_an_investments_carrier_on_the_plan_follows_it() -> None:
    """The shared entity, which buys an oven, becomes "halle": the oven follows it."""
    plan = rename_id(three_years(investments=[OVEN]), "commun", "halle")
    assert plan.investments[0].carrier == "halle"
    renamed = rename_id(plan, "region", "nouvelle-aquitaine")
    assert renamed.investments[0].grantor == "nouvelle-aquitaine"


def test_a_years_scenario_comparison_applies_the_scenario_to_the_plan() -> None:
    """Halving every subsidy line leaves the oven's grant share alone (it is no line): the
    comparison of 2028 and the evaluation of that year agree."""
    halve = {"scale": "activities.*.revenues[kind=subsidy].amount_eur", "by": 0.5}
    plan = three_years(
        AID, investments=[OVEN], scenarios=[{"id": "moitie", "name": "Moitié", "changes": [halve]}]
    )
    compared = compare_scenarios(plan, ["moitie"], 1).scenarios[0]
    alone = evaluate(plan, "moitie", 1)
    assert compared.shared_entity.result_eur == pytest.approx(alone.shared_entity.result_eur)
    # 200 sales − 10 h × 20 € reimbursed + 200 (half the aid) − 1,000 + 200 (the oven) = −600
    assert alone.shared_entity.result_eur == pytest.approx(-600.0)
