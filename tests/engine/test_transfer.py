"""A transfer of hours between two members: hand-worked cases, then invariants.

Every figure of :func:`what_if_transfer` is the one :func:`evaluate` gives on the
model edited by :func:`apply_transfer`; the activity's total hours never move.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bm3c.edit.transfer import apply_transfer
from bm3c.engine import evaluate
from bm3c.engine.transfer import (
    Transfer,
    TransferError,
    WorkChange,
    can_be_reimbursed,
    default_received,
    default_reimbursed,
    givers,
    hours_available,
    transfer_work,
    what_if_transfer,
)
from bm3c.engine.whatif import WhatIf, prepare_what_if
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.model.years import year_view
from bm3c.synthetic import synthetic_cooperation
from tests.conftest import EXAMPLES, build
from tests.strategies import any_cooperations


def first_year(path: Path) -> Cooperation:
    """An example's first plan year: the game, the network and the what-ifs read one year."""
    return year_view(load_cooperation(path), 0)


HALLE = Path(__file__).parents[2] / "examples" / "halle-des-transitions.yaml"
EQUAL = {"surplus": "equal", "deficit": "equal"}


def shared_cafe(*extra_members: dict[str, Any], **sharing: Any) -> Cooperation:
    """A (20 €/h) 100 paid hours, reimbursed, and B (30 €/h) 50 volunteer hours on the
    shared entity's café, which sells 10 000 €; no reserve, shares equal."""
    return build(
        members=[
            {"id": "a", "name": "A", "hourly_cost_eur": 20.0},
            {"id": "b", "name": "B", "hourly_cost_eur": 30.0},
            *extra_members,
        ],
        activities=[
            {
                "id": "cafe",
                "name": "Café",
                "carrier": "commun",
                "revenues": [{"label": "Ventes", "amount_eur": 10000}],
                "work": [
                    {"member": "a", "paid_hours": 100, "reimbursed": True},
                    {"member": "b", "volunteer_hours": 50},
                ],
            }
        ],
        sharing=sharing or EQUAL,
    )


def assert_matches_evaluate(coop: Cooperation, transfer: Transfer) -> WhatIf:
    """The what-if's figures are evaluate()'s on the model with the transfer applied."""
    result = what_if_transfer(prepare_what_if(coop), transfer)
    before, after = evaluate(coop), evaluate(apply_transfer(coop, transfer))
    for m, b, a in zip(result.members, before.members, after.members, strict=True):
        assert m.id == a.id
        assert m.cash_result_before_eur == pytest.approx(b.cash_result_eur, abs=1e-6)
        assert m.cash_result_after_eur == pytest.approx(a.cash_result_eur, abs=1e-6)
        assert m.gain_after_eur == pytest.approx(a.gain_from_cooperation_eur, abs=1e-6)
        assert m.hours_after == pytest.approx(a.paid_hours + a.volunteer_hours)
    assert result.shared_result_after_eur == pytest.approx(after.shared_entity.result_eur, abs=1e-6)
    assert result.collective_result_after_eur == pytest.approx(
        after.collective.result_eur, abs=1e-6
    )
    assert result.activity_hours_after == pytest.approx(result.activity_hours_before)
    return result


# --- hand-worked cases ---------------------------------------------------------------


def test_paid_hours_given_to_a_volunteer_save_the_shared_entity_their_cost() -> None:
    """A gives 40 of its paid hours to B, who does them as volunteer hours.

    Before: the café pays A back 100 h × 20 = 2 000 €, R = 10 000 − 2 000 = 8 000,
    4 000 each; A: −2 000 (staff) + 2 000 (paid back) + 4 000 = 4 000; B: 4 000.
    After: A 60 h, paid back 1 200 €; B's 90 volunteer hours cost nothing in cash:
    R = 8 800, 4 400 each; A: −1 200 + 1 200 + 4 400 = 4 400; B: 4 400.
    The 800 € moved are 40 h × 20 €/h the shared entity no longer pays.
    """
    coop = shared_cafe()
    assert default_received(coop, "cafe", "b", "paid") == "volunteer"
    transfer = Transfer("cafe", "a", "b", 40, "paid", "volunteer")
    assert transfer_work(coop, transfer) == (
        WorkChange("a", 60, 0, True, True),
        WorkChange("b", 0, 90, False, True),
    )
    result = assert_matches_evaluate(coop, transfer)
    a, b = result.member("a"), result.member("b")
    assert (a.cash_result_before_eur, a.cash_result_after_eur) == (4000, 4400)
    assert (b.cash_result_before_eur, b.cash_result_after_eur) == (4000, 4400)
    assert (result.shared_result_before_eur, result.shared_result_after_eur) == (8000, 8800)
    assert (result.activity_result_before_eur, result.activity_result_after_eur) == (8000, 8800)
    assert (result.activity_hours_before, result.activity_hours_after) == (150, 150)


def test_volunteer_hours_taken_over_as_paid_hours_are_reimbursed_like_the_line() -> None:
    """B gives 20 volunteer hours to A, who does them with its paid staff.

    A's line was reimbursed and stays so: 120 h × 20 = 2 400 € paid back,
    R = 10 000 − 2 400 = 7 600, 3 800 each; A: −2 400 + 2 400 + 3 800 = 3 800.
    """
    coop = shared_cafe()
    assert default_received(coop, "cafe", "a", "volunteer") == "paid"
    transfer = Transfer("cafe", "b", "a", 20, "volunteer", "paid")
    assert transfer_work(coop, transfer) == (
        WorkChange("b", 0, 30, False, True),
        WorkChange("a", 120, 0, True, True),
    )
    result = assert_matches_evaluate(coop, transfer)
    assert result.member("a").cash_result_after_eur == 3800
    assert result.member("b").cash_result_after_eur == 3800
    assert result.shared_result_after_eur == 7600


def test_reimbursed_hours_given_to_a_member_without_a_line_stay_reimbursed() -> None:
    """A gives 40 paid hours to C (25 €/h), who had no line: C's new line is reimbursed.

    After: A 60 h (1 200 € paid back), C 40 h (1 000 € paid back):
    R = 10 000 − 2 200 = 7 800, 2 600 each of three; C: −1 000 + 1 000 + 2 600 = 2 600.
    The café's staff cost rises by 40 h × (25 − 20) = 200 €.
    """
    coop = shared_cafe({"id": "c", "name": "C", "hourly_cost_eur": 25.0})
    assert default_received(coop, "cafe", "c", "paid") == "paid"
    assert default_reimbursed(coop, "cafe", "a", "c", "paid")
    transfer = Transfer("cafe", "a", "c", 40)
    assert transfer_work(coop, transfer) == (
        WorkChange("a", 60, 0, True, True),
        WorkChange("c", 40, 0, True, False),
    )
    result = assert_matches_evaluate(coop, transfer)
    assert result.member("c").cash_result_after_eur == pytest.approx(2600)
    assert result.shared_result_after_eur == 7800
    assert result.activity_result_before_eur - result.activity_result_after_eur == 200
    told = Transfer("cafe", "a", "c", 40, reimbursed=False)
    assert transfer_work(coop, told)[1] == WorkChange("c", 40, 0, False, False)
    result = assert_matches_evaluate(coop, told)
    # C pays its 1 000 € of staff itself; the shared entity keeps them: R = 8 800
    assert result.shared_result_after_eur == 8800
    assert result.member("c").cash_result_after_eur == pytest.approx(8800 / 3 - 1000)


def test_unreimbursed_help_on_a_members_own_activity_goes_back_to_the_carrier() -> None:
    """On B's own activity (5 000 € of sales), B works 100 paid hours and A helps with
    50 unreimbursed paid hours (its contribution in kind). A gives all 50 to B.

    Before: A −1 000 (it pays its staff); B 5 000 − 3 000 = 2 000.
    After: A's line goes, A 0; B 5 000 − 4 500 = 500. Nothing is shared (no shared activity).
    """
    coop = build(
        activities=[
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "b",
                "revenues": [{"label": "Ventes", "amount_eur": 5000}],
                "work": [
                    {"member": "b", "paid_hours": 100},
                    {"member": "a", "paid_hours": 50},
                ],
            }
        ],
        sharing=EQUAL,
    )
    assert not can_be_reimbursed(coop, "atelier", "b")
    transfer = Transfer("atelier", "a", "b", 50)
    giver, receiver = transfer_work(coop, transfer)
    assert giver.removes_line
    assert receiver == WorkChange("b", 150, 0, False, True)
    result = assert_matches_evaluate(coop, transfer)
    assert (
        result.member("a").cash_result_before_eur,
        result.member("a").cash_result_after_eur,
    ) == (
        -1000,
        0,
    )
    assert (
        result.member("b").cash_result_before_eur,
        result.member("b").cash_result_after_eur,
    ) == (
        2000,
        500,
    )
    after = apply_transfer(coop, transfer)
    assert [w.member for w in after.activities[0].work] == ["b"]


def test_giving_every_hour_removes_the_line() -> None:
    """A gives its 100 paid hours to B as volunteer hours: R = 10 000, 5 000 each."""
    coop = shared_cafe()
    transfer = Transfer("cafe", "a", "b", 100, "paid", "volunteer")
    result = assert_matches_evaluate(coop, transfer)
    assert result.member("a").cash_result_after_eur == 5000
    assert [w.member for w in apply_transfer(coop, transfer).activities[0].work] == ["b"]


def test_a_game_rule_follows_the_new_line() -> None:
    """Under Shapley shares the what-if settles the model with the receiver's new line."""
    coop = shared_cafe(
        {"id": "c", "name": "C", "hourly_cost_eur": 25.0}, surplus="shapley", deficit="shapley"
    )
    assert_matches_evaluate(coop, Transfer("cafe", "a", "c", 40))
    assert_matches_evaluate(coop, Transfer("cafe", "a", "b", 30, "paid", "volunteer"))


def test_what_can_be_given() -> None:
    coop = shared_cafe({"id": "c", "name": "C", "hourly_cost_eur": 25.0})
    assert givers(coop, "cafe") == ["a", "b"]
    assert hours_available(coop, "cafe", "a", "paid") == 100
    assert hours_available(coop, "cafe", "a", "volunteer") == 0
    assert hours_available(coop, "cafe", "c", "paid") == 0
    assert default_received(coop, "cafe", "c", "volunteer") == "volunteer"


@pytest.mark.parametrize(
    ("transfer", "message"),
    [
        (Transfer("cafe", "a", "b", 101), "a has 100 paid hours on cafe, it cannot give 101"),
        (Transfer("cafe", "a", "b", 1, "volunteer"), "a has 0 volunteer hours"),
        (Transfer("cafe", "a", "b", -51, "paid", "volunteer"), "b has 50 volunteer hours"),
        (Transfer("cafe", "a", "a", 1), "cannot give hours to itself"),
        (Transfer("four", "a", "b", 1), "unknown activity 'four'"),
        (Transfer("cafe", "a", "z", 1), "unknown member 'z'"),
        (Transfer("cafe", "a", "b", float("nan")), "hours must be a number"),
    ],
)
def test_impossible_transfers_are_refused(transfer: Transfer, message: str) -> None:
    with pytest.raises(TransferError, match=message):
        transfer_work(shared_cafe(), transfer)


def test_two_hundred_hours_on_the_halle_match_evaluate() -> None:
    coop = first_year(HALLE)
    for activity in coop.activities:
        for giver in givers(coop, activity.id):
            for kind in ("paid", "volunteer"):
                have = hours_available(coop, activity.id, giver, kind)
                if have == 0:
                    continue
                for receiver in coop.member_ids:
                    if receiver != giver:
                        hours = min(200.0, have)
                        received = default_received(coop, activity.id, receiver, kind)
                        transfer = Transfer(activity.id, giver, receiver, hours, kind, received)
                        assert_matches_evaluate(coop, transfer)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_matches_evaluate(example: Path) -> None:
    coop = first_year(example)
    for activity in coop.activities:
        giver = next(iter(givers(coop, activity.id)), None)
        if giver is None:
            continue
        kind = "paid" if hours_available(coop, activity.id, giver, "paid") else "volunteer"
        receiver = next(m for m in coop.member_ids if m != giver)
        half = hours_available(coop, activity.id, giver, kind) / 2
        assert_matches_evaluate(coop, Transfer(activity.id, giver, receiver, half, kind, kind))


def test_the_synthetic_cooperation_matches_evaluate() -> None:
    coop = validate_cooperation(synthetic_cooperation(30, 200, 300))
    for activity in coop.activities[:8]:
        giver = givers(coop, activity.id)[0]
        kind = "paid" if hours_available(coop, activity.id, giver, "paid") else "volunteer"
        receiver = next(m for m in reversed(coop.member_ids) if m != giver)
        hours = hours_available(coop, activity.id, giver, kind) / 3
        assert_matches_evaluate(coop, Transfer(activity.id, giver, receiver, hours, kind, "paid"))


# --- invariants ----------------------------------------------------------------------

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
KINDS = st.sampled_from(("paid", "volunteer"))


@st.composite
def transfers(draw: st.DrawFn) -> tuple[Cooperation, Transfer, float]:
    """A cooperation, a possible transfer on it and the hours its giver had of that kind."""
    coop = validate_cooperation(draw(any_cooperations()))
    worked = [a.id for a in coop.activities if a.work]
    assume(worked)
    activity = draw(st.sampled_from(worked))
    giver = draw(st.sampled_from(givers(coop, activity)))
    kinds = [k for k in ("paid", "volunteer") if hours_available(coop, activity, giver, k) > 0]
    given = draw(st.sampled_from(kinds))
    receiver = draw(st.sampled_from([m for m in coop.member_ids if m != giver]))
    have = hours_available(coop, activity, giver, given)
    hours = draw(st.sampled_from((have, 0.0)) | st.floats(0, have))
    return coop, Transfer(activity, giver, receiver, hours, given, draw(KINDS)), have


def activity_lines(coop: Cooperation, activity_id: str) -> dict[str, tuple[float, float]]:
    activity = next(a for a in coop.activities if a.id == activity_id)
    return {w.member: (w.paid_hours, w.volunteer_hours) for w in activity.work}


@PROPERTY
@given(transfers())
def test_the_activitys_total_hours_stay_the_same(
    drawn: tuple[Cooperation, Transfer, float],
) -> None:
    coop, transfer, _ = drawn
    after = apply_transfer(coop, transfer)
    lines_before = activity_lines(coop, transfer.activity_id)
    lines_after = activity_lines(after, transfer.activity_id)
    assert sum(map(sum, lines_after.values())) == pytest.approx(
        sum(map(sum, lines_before.values()))
    )
    for member in set(lines_before) - {transfer.giver_id, transfer.receiver_id}:
        assert lines_after[member] == lines_before[member]
    for a, b in zip(coop.activities, after.activities, strict=True):
        assert a.id == b.id
        if a.id != transfer.activity_id:
            assert a == b
    assert_matches_evaluate(coop, transfer)


@PROPERTY
@given(transfers())
def test_moving_hours_back_gives_the_models_results(
    drawn: tuple[Cooperation, Transfer, float],
) -> None:
    """h then −h restores every line's hours; and every result, unless the giver gave
    all its paid hours (a line without paid hours keeps no reimbursement flag)."""
    coop, transfer, have = drawn
    there = apply_transfer(coop, transfer)
    back = apply_transfer(there, transfer.reversed())
    lines_before = activity_lines(coop, transfer.activity_id)
    lines_back = activity_lines(back, transfer.activity_id)
    assert set(lines_back) == set(lines_before)
    for member, (paid, volunteer) in lines_before.items():
        assert lines_back[member] == pytest.approx((paid, volunteer), abs=1e-9)
    if transfer.given == "paid" and transfer.hours >= have:
        return
    before, after = evaluate(coop), evaluate(back)
    assert [m.cash_result_eur for m in after.members] == pytest.approx(
        [m.cash_result_eur for m in before.members], abs=1e-6
    )
    assert after.shared_entity.result_eur == pytest.approx(
        before.shared_entity.result_eur, abs=1e-6
    )
    round_trip = what_if_transfer(prepare_what_if(there), transfer.reversed())
    assert [m.cash_result_after_eur for m in round_trip.members] == pytest.approx(
        [m.cash_result_eur for m in sorted(before.members, key=lambda m: m.id)], abs=1e-6
    )
