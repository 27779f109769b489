"""Edits of what each member does alone: new valid models, the alone figure moving by hand."""

from __future__ import annotations

import math
from typing import Any

import pytest

from bm3c.edit.apart import (
    with_line_policy,
    with_replacement_hourly_cost,
    with_work_apart,
    with_work_replacement_cost,
)
from bm3c.engine import evaluate
from bm3c.errors import InvalidModelError
from bm3c.model import Cooperation
from tests.conftest import build

LOYER = "activities.atelier.costs.Loyer"
ENTRETIEN = "activities.atelier.costs.Entretien"
COTISATION = "flows.Cotisation"
B_HOURS = "activities.atelier.work.b"


def workshop() -> Cooperation:
    """A (20 €/h) carries Atelier; B (30 €/h) gives it 50 volunteer hours.

    Atelier sells 10 000 € to the market, pays Loyer 3 000 € (rent) to the shared
    entity and Entretien 800 € (service) to B; A pays a 500 € Cotisation to the
    shared entity (a money flow); A's staff works 100 paid hours there.

    A alone: 10 000 − 3 000 (rent, bought: kept) − 800 (service, kept) − 100 × 20
    (its staff) − 50 × 30 (B's hours bought at B's hourly cost) − 0 (the fee, given:
    dropped) = 2 700 €. B alone: it carries nothing, Entretien dropped (the payee
    drops): 0 €.
    """
    return build(
        activities=[
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "a",
                "revenues": [{"label": "Ventes", "amount_eur": 10000.0, "kind": "sales"}],
                "costs": [
                    {"label": "Loyer", "amount_eur": 3000.0, "to": "commun", "kind": "rent"},
                    {"label": "Entretien", "amount_eur": 800.0, "to": "b", "kind": "service"},
                ],
                "work": [
                    {"member": "a", "paid_hours": 100.0},
                    {"member": "b", "volunteer_hours": 50.0},
                ],
            }
        ],
        flows=[
            {
                "from": "a",
                "to": "commun",
                "kind": "money",
                "label": "Cotisation",
                "amount_eur": 500.0,
            }
        ],
    )


def alone(coop: Cooperation, member: str = "a") -> float:
    return evaluate(coop).member(member).stand_alone_result_eur


def gain(coop: Cooperation, member: str = "a") -> float:
    return evaluate(coop).member(member).gain_from_cooperation_eur


def test_the_workshop_alone_by_hand() -> None:
    coop = workshop()
    assert alone(coop, "a") == pytest.approx(2700.0)
    assert alone(coop, "b") == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("path", "side", "policy", "member", "expected"),
    [
        (LOYER, "payer", 4500.0, "a", 2700 - 1500),  # 4 500 at the market instead of 3 000
        (LOYER, "payer", "drop", "a", 2700 + 3000),  # does without the rent
        (LOYER, "payer", 0, "a", 2700 + 3000),  # an int is an amount too
        (COTISATION, "payer", "keep", "a", 2700 - 500),  # still pays the fee, to the market
        (ENTRETIEN, "payee", "keep", "b", 800),  # B still sells its upkeep, to the market
        (ENTRETIEN, "payee", 600.0, "b", 600),  # ... at 600
        (ENTRETIEN, "payer", "drop", "a", 2700 + 800),  # A does without the upkeep
    ],
)
def test_a_line_policy_moves_the_alone_figure_by_hand(
    path: str, side: str, policy: Any, member: str, expected: float
) -> None:
    coop = workshop()
    edited = with_line_policy(coop, path, side, policy)
    assert alone(edited, member) == pytest.approx(expected)
    moved = alone(edited, member) - alone(coop, member)
    assert gain(edited, member) == pytest.approx(gain(coop, member) - moved)
    assert evaluate(edited).member(member).cash_result_eur == pytest.approx(
        evaluate(coop).member(member).cash_result_eur
    )


def test_a_policy_is_written_on_its_side_and_the_other_side_is_kept() -> None:
    coop = with_line_policy(workshop(), ENTRETIEN, "payer", 900.0)
    coop = with_line_policy(coop, ENTRETIEN, "payee", "keep")
    line = coop.activities[0].costs[1]
    assert line.apart is not None
    assert (line.apart.payer, line.apart.payee) == (900.0, "keep")
    back = with_line_policy(coop, ENTRETIEN, "payer", None)
    assert back.activities[0].costs[1].apart is not None
    assert back.activities[0].costs[1].apart.payer is None
    assert with_line_policy(back, ENTRETIEN, "payee", None).activities[0].costs[1].apart is None
    assert with_line_policy(back, ENTRETIEN, "payee", None) == workshop()


def test_a_label_with_dots_is_found() -> None:
    coop = build(
        activities=[
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "a",
                "costs": [{"label": "Loyer v2.1", "amount_eur": 100.0, "to": "commun"}],
            }
        ]
    )
    edited = with_line_policy(coop, "activities.atelier.costs.Loyer v2.1", "payer", "keep")
    assert alone(edited) == pytest.approx(alone(coop) - 100)


def test_hours_done_without_or_bought_at_a_price_of_their_own() -> None:
    """B's 50 hours cost A 50 × 30 = 1 500 € alone: dropped, A saves them; at 40 €/h they
    cost 2 000 € (500 more); without a price of their own, 1 500 € again."""
    coop = workshop()
    dropped = with_work_apart(coop, B_HOURS, "drop")
    assert alone(dropped) == pytest.approx(2700 + 1500)
    assert gain(dropped) == pytest.approx(gain(coop) - 1500)
    priced = with_work_replacement_cost(coop, B_HOURS, 40.0)
    assert alone(priced) == pytest.approx(2700 - 500)
    assert gain(priced) == pytest.approx(gain(coop) + 500)
    assert priced.activities[0].work[1].replacement_hourly_cost_eur == 40.0
    assert with_work_replacement_cost(priced, B_HOURS, None) == coop
    assert (
        with_work_apart(priced, B_HOURS, "replace").activities[0].work[1]
        == (priced.activities[0].work[1])
    )


def test_dropping_hours_keeps_their_price_for_when_they_are_bought_again() -> None:
    coop = with_work_replacement_cost(workshop(), B_HOURS, 40.0)
    dropped = with_work_apart(coop, B_HOURS, "drop")
    assert dropped.activities[0].work[1].replacement_hourly_cost_eur == 40.0
    assert alone(dropped) == pytest.approx(2700 + 1500)
    assert with_work_apart(dropped, B_HOURS, "replace") == coop


def test_the_cooperations_hour_price_applies_where_the_line_gives_none() -> None:
    """At 24 €/h B's 50 hours cost 1 200 € (300 less than at B's 30 €/h); a line's own
    40 €/h still wins (2 000 €); None goes back to B's hourly cost."""
    coop = workshop()
    cheaper = with_replacement_hourly_cost(coop, 24.0)
    assert cheaper.replacement_hourly_cost_eur == 24.0
    assert alone(cheaper) == pytest.approx(2700 + 300)
    assert gain(cheaper) == pytest.approx(gain(coop) - 300)
    assert alone(with_work_replacement_cost(cheaper, B_HOURS, 40.0)) == pytest.approx(2700 - 500)
    assert with_replacement_hourly_cost(cheaper, None) == coop


@pytest.mark.parametrize(
    ("path", "side", "policy", "field"),
    [
        (LOYER, "payer", "sell", f"{LOYER}.apart.payer"),
        (LOYER, "payer", -5.0, f"{LOYER}.apart.payer"),
        (LOYER, "payer", math.inf, f"{LOYER}.apart.payer"),
        (LOYER, "payer", True, f"{LOYER}.apart.payer"),
        (LOYER, "payer", [1], f"{LOYER}.apart.payer"),
        (LOYER, "buyer", "keep", f"{LOYER}.apart"),
        ("activities.atelier.costs.Nope", "payer", "keep", "activities.atelier.costs.Nope"),
        ("activities.nope.costs.Loyer", "payer", "keep", "activities.nope.costs.Loyer"),
        ("flows.Nope", "payer", "keep", "flows.Nope"),
        ("members.a", "payer", "keep", "members.a"),
    ],
)
def test_a_bad_line_policy_is_refused_at_its_field(
    path: str, side: str, policy: Any, field: str
) -> None:
    with pytest.raises(InvalidModelError) as caught:
        with_line_policy(workshop(), path, side, policy)
    assert [p.path for p in caught.value.problems] == [field]


def test_a_policy_on_a_line_with_the_market_is_refused_by_validation() -> None:
    with pytest.raises(InvalidModelError, match="apart"):
        with_line_policy(workshop(), "activities.atelier.revenues.Ventes", "payee", "keep")


@pytest.mark.parametrize(
    ("path", "apart", "field"),
    [
        (B_HOURS, "keep", f"{B_HOURS}.apart"),
        ("activities.atelier.work.c", "drop", "activities.atelier.work.c"),
        ("activities.nope.work.b", "drop", "activities.nope.work.b"),
        ("activities.atelier.costs.Loyer", "drop", "activities.atelier.costs.Loyer"),
    ],
)
def test_a_bad_work_apart_is_refused_at_its_field(path: str, apart: str, field: str) -> None:
    with pytest.raises(InvalidModelError) as caught:
        with_work_apart(workshop(), path, apart)
    assert [p.path for p in caught.value.problems] == [field]


@pytest.mark.parametrize(
    ("path", "price", "field"),
    [
        (B_HOURS, -1.0, f"{B_HOURS}.replacement_hourly_cost_eur"),
        (B_HOURS, "cher", f"{B_HOURS}.replacement_hourly_cost_eur"),
        ("activities.atelier.work.c", 20.0, "activities.atelier.work.c"),
    ],
)
def test_a_bad_hour_price_is_refused_at_its_field(path: str, price: Any, field: str) -> None:
    with pytest.raises(InvalidModelError) as caught:
        with_work_replacement_cost(workshop(), path, price)
    assert [p.path for p in caught.value.problems] == [field]


@pytest.mark.parametrize("price", [-1.0, math.nan, "24"])
def test_a_bad_default_hour_price_is_refused_at_its_field(price: Any) -> None:
    with pytest.raises(InvalidModelError) as caught:
        with_replacement_hourly_cost(workshop(), price)
    assert [p.path for p in caught.value.problems] == ["replacement_hourly_cost_eur"]
