"""What-if on one activity's hours: exactly the numbers of evaluate() on the edited model."""

from __future__ import annotations

from functools import reduce
from pathlib import Path

import pytest

from bm3c.edit.cooperation import set_work
from bm3c.engine import evaluate
from bm3c.engine.whatif import (
    activity_hours,
    changed_hours,
    default_activity,
    hours_range,
    prepare_what_if,
    what_if,
)
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.model.years import year_view
from bm3c.synthetic import synthetic_cooperation
from tests.conftest import build


def first_year(path: Path) -> Cooperation:
    """An example's first plan year: the game, the network and the what-ifs read one year."""
    return year_view(load_cooperation(path), 0)


def edited(
    coop: Cooperation, activity: str, changes: list[tuple[str, float, float]]
) -> Cooperation:
    return reduce(lambda c, ch: set_work(c, activity, ch[0], ch[1], ch[2]), changes, coop)


def assert_matches_evaluate(
    coop: Cooperation,
    activity: str,
    paid: dict[str, float],
    volunteer: dict[str, float] | None = None,
) -> None:
    base = prepare_what_if(coop)
    result = what_if(base, activity, paid, volunteer)
    before = evaluate(coop)
    after = evaluate(edited(coop, activity, changed_hours(base, activity, paid, volunteer)))
    assert [m.id for m in result.members] == [m.id for m in after.members]
    for m, b, a in zip(result.members, before.members, after.members, strict=True):
        assert m.cash_result_before_eur == b.cash_result_eur
        assert m.cash_result_after_eur == a.cash_result_eur
        assert m.gain_before_eur == b.gain_from_cooperation_eur
        assert m.gain_after_eur == a.gain_from_cooperation_eur
        assert m.hours_after == a.paid_hours + a.volunteer_hours
        assert m.load_ratio_after == a.load_ratio
        assert m.overloaded_after == a.overloaded
    assert result.shared_result_after_eur == after.shared_entity.result_eur
    assert result.collective_result_after_eur == after.collective.result_eur
    assert result.activity_result_after_eur == after.activity(activity).result_eur
    assert result.everyone_gains_after == after.everyone_gains


def test_moving_hours_between_members_matches_evaluate_on_every_example(
    example_path: Path,
) -> None:
    coop = first_year(example_path)
    for activity in coop.activities:
        hours = activity_hours(prepare_what_if(coop), activity.id)
        workers = [m for m, (p, _) in hours.items() if p > 0]
        idle = [m for m, (p, v) in hours.items() if p == 0 and v == 0]
        paid = {workers[0]: hours[workers[0]][0] / 2} if workers else {}
        if idle:
            paid[idle[0]] = 35.0  # a member new on the activity: not reimbursed
        assert_matches_evaluate(coop, activity.id, paid)


def test_removing_a_line_and_changing_volunteer_hours_matches_evaluate(
    example_path: Path,
) -> None:
    coop = first_year(example_path)
    activity = next(a for a in coop.activities if a.work)
    line = activity.work[0]
    assert_matches_evaluate(coop, activity.id, {line.member: 0}, {line.member: 0})
    assert_matches_evaluate(coop, activity.id, {}, {line.member: line.volunteer_hours + 120})


def test_the_synthetic_cooperation_matches_evaluate() -> None:
    coop = validate_cooperation(synthetic_cooperation(30, 200, 300))
    for activity in coop.activities[:6]:
        first = activity.work[0].member
        assert_matches_evaluate(coop, activity.id, {first: 0, "m00": 250.0}, {"m01": 40.0})


def test_hand_worked_move_on_a_shared_activity() -> None:
    """A (20 €/h) and B (30 €/h) work on the shared entity's café, reimbursed.

    Café: 10 000 € of sales, no cost; A 100 h, B 100 h, both reimbursed.
    Before: R = 10 000 − 2 000 − 3 000 = 5 000, shared equally (no reserve): 2 500 each;
    A: −2 000 + 2 000 + 2 500 = 2 500; B likewise 2 500.
    After moving B's 100 h to A (A 200 h, B 0 h): R = 10 000 − 4 000 = 6 000, 3 000 each;
    A: −4 000 + 4 000 + 3 000 = 3 000; B: 3 000.
    """
    coop = build(
        activities=[
            {
                "id": "cafe",
                "name": "Café",
                "carrier": "commun",
                "revenues": [{"label": "Ventes", "amount_eur": 10000}],
                "work": [
                    {"member": "a", "paid_hours": 100, "reimbursed": True},
                    {"member": "b", "paid_hours": 100, "reimbursed": True},
                ],
            }
        ],
        sharing={"surplus": "equal", "deficit": "equal"},
    )
    result = what_if(prepare_what_if(coop), "cafe", {"a": 200, "b": 0})
    a, b = result.member("a"), result.member("b")
    assert (a.cash_result_before_eur, a.cash_result_after_eur) == (2500, 3000)
    assert (b.cash_result_before_eur, b.cash_result_after_eur) == (2500, 3000)
    assert result.shared_result_before_eur == 5000
    assert result.shared_result_after_eur == 6000
    assert a.cash_result_delta_eur == 500
    assert result.changed
    assert changed_hours(prepare_what_if(coop), "cafe", {"a": 200, "b": 0}) == [
        ("a", 200.0, 0.0),
        ("b", 0.0, 0.0),
    ]
    assert_matches_evaluate(coop, "cafe", {"a": 200, "b": 0})


def test_unchanged_hours_change_nothing() -> None:
    coop = first_year(Path(__file__).parents[2] / "examples" / "passerelles.yaml")
    base = prepare_what_if(coop)
    activity = default_activity(coop)
    assert activity is not None
    current = {m: p for m, (p, _) in activity_hours(base, activity).items()}
    result = what_if(base, activity, current)
    assert not result.changed
    assert changed_hours(base, activity, current) == []
    assert all(m.cash_result_delta_eur == 0 for m in result.members)


def test_overload_after_the_move_is_reported() -> None:
    coop = build(
        members=[
            {"id": "a", "name": "A", "hourly_cost_eur": 20.0, "capacity_hours": 150},
            {"id": "b", "name": "B", "hourly_cost_eur": 30.0},
        ],
        activities=[
            {
                "id": "x",
                "name": "X",
                "carrier": "a",
                "work": [{"member": "a", "paid_hours": 100}, {"member": "b", "paid_hours": 100}],
            }
        ],
    )
    result = what_if(prepare_what_if(coop), "x", {"a": 200, "b": 0})
    a = result.member("a")
    assert not a.overloaded_before
    assert a.overloaded_after
    assert a.load_ratio_after == pytest.approx(200 / 150)
    assert result.member("b").load_ratio_after is None


def test_bad_inputs_are_refused() -> None:
    base = prepare_what_if(build(activities=[{"id": "x", "name": "X", "carrier": "a"}]))
    with pytest.raises(KeyError):
        what_if(base, "nope", {})
    with pytest.raises(KeyError):
        what_if(base, "x", {"zz": 1})
    with pytest.raises(ValueError):
        what_if(base, "x", {"a": -1})


def test_slider_range_and_default_activity() -> None:
    coop = build(
        activities=[
            {"id": "x", "name": "X", "carrier": "a", "work": [{"member": "a", "paid_hours": 40}]},
            {
                "id": "y",
                "name": "Y",
                "carrier": "commun",
                "work": [
                    {"member": "a", "paid_hours": 300, "volunteer_hours": 5},
                    {"member": "b", "paid_hours": 1001},
                ],
            },
        ]
    )
    base = prepare_what_if(coop)
    assert default_activity(coop) == "y"
    assert hours_range(base, "x", "a") == 100  # at least 100 h
    assert hours_range(base, "y", "a") == 1310  # the activity's 1 301 h, rounded up
    assert hours_range(base, "y", "b", volunteer=True) == 100
    assert default_activity(build()) is None
