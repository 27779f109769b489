"""The plan over time in the model (DOMAIN Part 3): per-year lists and one year's view.

A number that may vary is a single number or a list of exactly ``years`` numbers; a
list of the wrong length is refused with the path of its field. :func:`year_view`
gives the model of one plan year with plain numbers, the investments turned into the
lines they put in that year's accounts. Base members (tests.conftest.build): a
(20 €/h), b (30 €/h), shared entity ``commun``.
"""

from __future__ import annotations

from typing import Any

import pytest

from bm3c.engine.evaluate import evaluate
from bm3c.errors import InvalidModelError, Problem
from bm3c.model import Cooperation
from bm3c.model.years import investment_activity_ids, is_plan_model, year_view, year_views
from tests.conftest import build

PLAN = {"start_year": 2027, "years": 3}
REGION = [{"id": "region", "name": "Région", "kind": "funder"}]


def problems(**top: Any) -> tuple[Problem, ...]:
    """The problems of a model refused at validation."""
    with pytest.raises(InvalidModelError) as refused:
        build(**top)
    return tuple(refused.value.problems)


def paths(found: tuple[Problem, ...]) -> set[str]:
    return {p.path for p in found}


def boxes(**line: Any) -> list[dict[str, Any]]:
    """One activity of a whose single revenue line is ``line``."""
    return [{"id": "boxes", "name": "Boxes", "carrier": "a", "revenues": [{"label": "Abo"} | line]}]


# --- a list per year ----------------------------------------------------------------


def test_a_list_gives_one_number_per_year_and_each_view_holds_plain_numbers() -> None:
    """Abonnements: quantity [300, 600, 900] × 30 € → 9,000 / 18,000 / 27,000 €.

    The plan model keeps the list (as a tuple); the view of year index 1 (2028) holds
    quantity 600, and evaluating that year gives a's line 600 × 30 = 18,000.
    """
    coop = build(plan=PLAN, activities=boxes(quantity=[300, 600, 900], unit_price_eur=30))
    line = coop.activities[0].revenues[0]
    assert line.quantity == (300.0, 600.0, 900.0)
    assert line.totals_eur == (9000.0, 18000.0, 27000.0)
    assert is_plan_model(coop)
    view = year_view(coop, 1)
    assert view.activities[0].revenues[0].quantity == 600.0
    assert not is_plan_model(view)
    assert [evaluate(coop, year=y).member("a").cash_result_eur for y in range(3)] == [
        9000.0,
        18000.0,
        27000.0,
    ]


def test_every_yearly_number_is_read_in_its_year() -> None:
    """Year index 2 (2029) of lists on members, work lines, flows and the cooperation.

    b: hourly cost [30, 35, 40], capacity [1000, 1000, 500]; b's work on a's activity:
    paid [100, 200, 300], volunteer [0, 10, 20], replacement price [25, 26, 27];
    flow a → b money [1, 2, 3]; cooperation's replacement price [40, 41, 42].
    In 2029: b costs 40 €/h, capacity 500, 300 paid + 20 volunteer hours, flow 3 €.
    b's cash result = −300 × 40 + 3 (flow in) = −11,997; a's = −3 (flow out);
    b's load = (300 + 20) / 500.
    """
    members = [
        {"id": "a", "name": "A", "hourly_cost_eur": 20.0},
        {
            "id": "b",
            "name": "B",
            "hourly_cost_eur": [30, 35, 40],
            "capacity_hours": [1000, 1000, 500],
        },
    ]
    work = {
        "member": "b",
        "paid_hours": [100, 200, 300],
        "volunteer_hours": [0, 10, 20],
        "replacement_hourly_cost_eur": [25, 26, 27],
    }
    coop = build(
        plan=PLAN,
        members=members,
        replacement_hourly_cost_eur=[40, 41, 42],
        activities=[{"id": "atelier", "name": "Atelier", "carrier": "a", "work": [work]}],
        flows=[{"from": "a", "to": "b", "kind": "money", "label": "Don", "amount_eur": [1, 2, 3]}],
    )
    view = year_view(coop, 2)
    assert view.member("b").hourly_cost_eur == 40.0
    assert view.member("b").capacity_hours == 500.0
    line = view.activities[0].work[0]
    assert (line.paid_hours, line.volunteer_hours, line.replacement_hourly_cost_eur) == (
        300.0,
        20.0,
        27.0,
    )
    assert view.flows[0].amount_eur == 3.0
    assert view.replacement_hourly_cost_eur == 42.0
    ev = evaluate(coop, year=2)
    assert ev.member("b").cash_result_eur == pytest.approx(-300 * 40 + 3)
    assert ev.member("a").cash_result_eur == pytest.approx(-3)
    assert ev.member("b").load_ratio == pytest.approx(320 / 500)


def test_a_list_of_one_number_is_that_number_every_year() -> None:
    """amount [1200] in a 3-year plan: 1,200 € each year, like amount 1200."""
    coop = build(plan=PLAN, activities=boxes(amount_eur=[1200]))
    assert [evaluate(coop, year=y).member("a").cash_result_eur for y in range(3)] == [1200.0] * 3


def test_a_model_without_lists_or_investments_is_its_own_view() -> None:
    coop = build(plan=PLAN, activities=boxes(amount_eur=1200))
    assert year_view(coop, 2) is coop
    assert year_view(build(activities=boxes(amount_eur=5)), 0).activities[0].revenues[0].amount_eur


def test_a_year_outside_the_plan_has_no_view() -> None:
    coop = build(plan=PLAN, activities=boxes(amount_eur=[1, 2, 3]))
    with pytest.raises(IndexError, match="plan year 4 is outside the plan"):
        year_view(coop, 3)


# --- wrong lists refused by path -------------------------------------------------------


def test_wrong_list_lengths_are_refused_each_with_its_path_and_all_at_once() -> None:
    """Every yearly field of a 3-year plan given 2 or 4 values, each one named by path."""
    members = [
        {"id": "a", "name": "A", "hourly_cost_eur": [20, 21], "capacity_hours": [1, 2, 3, 4]},
        {"id": "b", "name": "B", "hourly_cost_eur": 30.0},
    ]
    activity = {
        "id": "x",
        "name": "X",
        "carrier": "a",
        "revenues": [{"label": "V", "amount_eur": [1, 2]}],
        "costs": [{"label": "C", "quantity": [1], "unit_price_eur": [1, 2, 3, 4]}],
        "work": [
            {
                "member": "b",
                "paid_hours": [1, 2],
                "volunteer_hours": [1, 2, 3, 4],
                "replacement_hourly_cost_eur": [3, 3],
            }
        ],
    }
    found = problems(
        plan=PLAN,
        members=members,
        replacement_hourly_cost_eur=[1, 2],
        activities=[activity],
        flows=[{"from": "a", "to": "b", "kind": "money", "label": "F", "amount_eur": [1, 2]}],
    )
    assert paths(found) == {
        "members.a.hourly_cost_eur",
        "members.a.capacity_hours",
        "activities.x.revenues[0].amount_eur",
        "activities.x.costs[0].unit_price_eur",
        "activities.x.work[0].paid_hours",
        "activities.x.work[0].volunteer_hours",
        "activities.x.work[0].replacement_hourly_cost_eur",
        "flows[0].amount_eur",
        "replacement_hourly_cost_eur",
    }
    message = next(p.message for p in found if p.path == "members.a.hourly_cost_eur")
    assert "2 values for the 3-year plan (2027–2029)" in message


def test_a_list_without_a_plan_is_refused_as_a_one_year_plan() -> None:
    (problem,) = problems(activities=boxes(amount_eur=[1, 2]))
    assert problem.path == "activities.boxes.revenues[0].amount_eur"
    assert "2 values for a one-year plan" in problem.message


@pytest.mark.parametrize(
    ("line", "path", "fragment"),
    [
        ({"amount_eur": [1, -2, 3]}, "activities.boxes.revenues[0].amount_eur", "year 2: must"),
        ({"amount_eur": list(range(11))}, "activities.boxes.revenues[0].amount_eur", "found 11"),
        ({"amount_eur": [1, "x", 3]}, "activities.boxes.revenues[0].amount_eur", "year 2:"),
        (
            {"amount_eur": 9, "paid": {"month": 0}},
            "activities.boxes.revenues[0].paid[0].month",
            "at least 1",
        ),
        (
            {
                "amount_eur": 9,
                "paid": [{"month": 3, "fraction": 0.5}, {"month": 4, "fraction": 0.4}],
            },
            "activities.boxes.revenues[0].paid",
            "0.5 + 0.4",
        ),
    ],
)
def test_a_bad_yearly_number_or_payment_names_its_field(
    line: dict[str, Any], path: str, fragment: str
) -> None:
    (problem,) = problems(plan=PLAN, activities=boxes(**line))
    assert problem.path == path
    assert fragment in problem.message


def test_plan_investments_and_opening_cash_are_checked() -> None:
    """An investment after the plan, by an unknown carrier; opening cash of a stranger."""
    investment = {
        "id": "serres",
        "carrier": "zz",
        "label": "Serres",
        "amount_eur": 100,
        "year": 4,
        "lifetime_years": 2,
    }
    found = problems(plan=PLAN, investments=[investment], opening_cash_eur={"q": 3})
    assert paths(found) == {"investments[0].carrier", "investments[0].year", "opening_cash_eur.q"}
    assert paths(problems(plan={"start_year": 2027, "years": 11})) == {"plan.years"}
    assert paths(problems(sharing={"paid_month": 13})) == {"sharing.paid_month"}


# --- investments in a year's view ---------------------------------------------------------


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


def test_an_investment_becomes_depreciation_and_grant_share_lines_in_each_view() -> None:
    """30,000 € over 10 years with a 12,000 € grant: 3,000 € depreciation, 1,200 € share.

    In every year's view, a's investment activity holds a 3,000 € cost (to the market)
    and a 1,200 € revenue from the region; the view has no investments of its own.
    """
    coop = build(plan=PLAN, actors=REGION, investments=[serres()])
    ident = investment_activity_ids(coop)["a"]
    for y in range(3):
        view = year_view(coop, y)
        assert view.investments == ()
        (activity,) = (a for a in view.activities if a.id == ident)
        assert activity.carrier == "a"
        assert [c.total_eur for c in activity.costs] == [3000.0]
        assert [(r.total_eur, r.payer) for r in activity.revenues] == [(1200.0, "region")]


def test_investment_activity_ids_avoid_ids_in_use() -> None:
    taken = [{"id": "investissements-a", "name": "Déjà", "carrier": "b"}]
    coop = build(plan=PLAN, actors=REGION, activities=taken, investments=[serres()])
    assert investment_activity_ids(coop) == {"a": "investissements-a-2"}


def test_scenario_lists_of_other_things_than_numbers_are_not_read_per_year() -> None:
    """`set: activities.x.requires, value: [a, b]` is one list for every year.

    Only a list of numbers gives a value per year; a list of ids is the value itself.
    """
    coop = build(
        plan={"start_year": 2027, "years": 2},
        activities=[
            {
                "id": "x",
                "name": "X",
                "carrier": "commun",
                "revenues": [{"label": "V", "amount_eur": [1000, 2000]}],
                "work": [{"member": "a", "volunteer_hours": 10}],
            }
        ],
        scenarios=[
            {
                "id": "both",
                "name": "Both",
                "changes": [{"set": "activities.x.requires", "value": ["a", "b"]}],
            }
        ],
    )
    for y in range(2):
        world = evaluate(coop, "both", y).model
        assert world.activities[0].requires == ("a", "b")


def _plain(coop: Cooperation) -> dict[str, Any]:
    return coop.model_dump(by_alias=True, exclude_none=True)


def test_a_view_keeps_the_plan_timings_and_opening_cash() -> None:
    paid = [{"month": 3, "fraction": 0.8}, {"month": 15, "fraction": 0.2}]
    coop = build(
        plan=PLAN,
        activities=boxes(amount_eur=[5000, 0, 0], paid=paid),
        opening_cash_eur={"a": 2000},
        sharing={"paid_month": 9},
    )
    view = year_view(coop, 0)
    assert _plain(view)["plan"] == PLAN
    assert view.opening_cash_eur == {"a": 2000.0}
    assert view.sharing.paid_month == 9
    assert [(p.month, p.fraction) for p in view.activities[0].revenues[0].paid or ()] == [
        (3, 0.8),
        (15, 0.2),
    ]


def test_year_views_are_the_views_of_each_year_and_equal_years_share_one() -> None:
    """Three years: Abo [100, 100, 300]; an investment depreciating from year 1 over 10
    years. Years 1 and 2 have the same numbers and investment lines: one view object;
    year 3 differs. Each view holds what year_view gives for that year."""
    coop = build(
        plan=PLAN,
        actors=REGION,
        activities=boxes(amount_eur=[100, 100, 300]),
        investments=[serres()],
    )
    views = year_views(coop)
    assert views[0] is views[1] and views[2] is not views[1]
    for y, view in enumerate(views):
        assert _plain(view) == _plain(year_view(coop, y))
        assert not is_plan_model(view)
        assert year_view(view, 0) is view
    assert year_views(build(activities=boxes(amount_eur=5)))[0].activities[0].id == "boxes"
