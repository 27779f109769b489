"""DOMAIN Part 2, rule by rule: alone, a group, leaving, filters in scenario paths.

Every expected figure is worked out by hand in the test's docstring. Base members
(tests.conftest.build): a (20 €/h), b (30 €/h), shared entity `commun`; no reserve,
equal sharing, unless said.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from bm3c.engine import evaluate
from bm3c.engine.game import coalition_values
from bm3c.engine.worlds import reduce_cooperation
from bm3c.errors import ScenarioError
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from tests.conftest import build
from tests.strategies import any_cooperations

Data = dict[str, Any]
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
C = {"id": "c", "name": "C", "hourly_cost_eur": 10.0}
MEMBERS = [
    {"id": "a", "name": "A", "hourly_cost_eur": 20.0},
    {"id": "b", "name": "B", "hourly_cost_eur": 30.0},
]


def alone(coop: Cooperation) -> dict[str, float]:
    return {m.id: m.stand_alone_result_eur for m in evaluate(coop).members}


def workshop(rent: Data | None = None, work: Data | None = None, **top: Any) -> Cooperation:
    """a's workshop: 5000 of sales; a rent of 1000 paid to b (kind rent); a works 100 h.

    ``rent`` adds to the rent line (an ``apart``), ``work`` adds b's work line.
    """
    lines = [{"member": "a", "paid_hours": 100}]
    if work is not None:
        lines.append({"member": "b"} | work)
    return build(
        activities=[
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "a",
                "revenues": [{"label": "Ventes", "amount_eur": 5000}],
                "costs": [
                    {"label": "Loyer", "amount_eur": 1000, "to": "b", "kind": "rent"} | (rent or {})
                ],
                "work": lines,
            }
        ],
        **top,
    )


def test_the_payer_keeps_what_it_buys_by_default() -> None:
    """Alone, a still rents (kind rent): 5000 − 1000 − 100 h × 20 = 2000.

    b, the payee, drops the rent by default: 0 (b has nothing else).
    """
    assert alone(workshop()) == pytest.approx({"a": 2000, "b": 0})


def test_the_payer_drops_or_pays_a_market_price() -> None:
    """``payer: drop``: 5000 − 2000 = 3000; ``payer: 1300``: 5000 − 1300 − 2000 = 1700."""
    assert alone(workshop({"apart": {"payer": "drop"}}))["a"] == pytest.approx(3000)
    assert alone(workshop({"apart": {"payer": 1300}}))["a"] == pytest.approx(1700)


def test_the_payee_keeps_or_sells_at_a_market_price() -> None:
    """b re-lets alone: ``payee: keep`` +1000; ``payee: 600`` +600; the default drops it."""
    assert alone(workshop({"apart": {"payee": "keep"}}))["b"] == pytest.approx(1000)
    assert alone(workshop({"apart": {"payee": 600}}))["b"] == pytest.approx(600)


def test_a_line_that_gives_is_dropped_by_default() -> None:
    """The same line of kind ``fee`` (a membership fee): a gives it, alone it drops it: 3000."""
    assert alone(workshop({"kind": "fee"}))["a"] == pytest.approx(3000)


@pytest.mark.parametrize(
    ("top", "line", "expected"),
    [
        ({}, {}, 2000 - 15 * 30),  # b's own hourly cost
        ({"replacement_hourly_cost_eur": 25.0}, {}, 2000 - 15 * 25),  # the cooperation's
        ({"replacement_hourly_cost_eur": 25.0}, {"replacement_hourly_cost_eur": 40.0}, 1400),
        ({"replacement_hourly_cost_eur": 25.0}, {"apart": "drop"}, 2000),
    ],
    ids=["member-cost", "cooperation", "work-line", "drop"],
)
def test_an_absent_members_hours_are_bought_at_the_first_price_given(
    top: Data, line: Data, expected: float
) -> None:
    """b works 10 paid + 5 volunteer hours on a's workshop: alone, a buys those 15 h.

    At b's 30 €/h: 2000 − 450 = 1550; at the cooperation's 25 €/h: 2000 − 375 = 1625;
    at the line's 40 €/h (before the cooperation's): 2000 − 600 = 1400; with
    ``apart: drop`` the workshop does without them: 2000.
    """
    coop = workshop(work={"paid_hours": 10, "volunteer_hours": 5} | line, **top)
    assert alone(coop)["a"] == pytest.approx(expected)


def festival(requires: list[str] | None = None, grant: Data | None = None) -> Cooperation:
    """Members a, b, c; a shared fête: 3000 of tickets, 1000 paid to the market.

    A grant of 600 from the Region to the shared entity (``grant`` adds to it).
    """
    fete: Data = {
        "id": "fete",
        "name": "Fête",
        "carrier": "commun",
        "revenues": [{"label": "Billets", "amount_eur": 3000}],
        "costs": [{"label": "Scène", "amount_eur": 1000}],
    }
    if requires is not None:
        fete["requires"] = requires
    return build(
        members=[*MEMBERS, C],
        actors=[{"id": "region", "name": "Région", "kind": "funder"}],
        activities=[fete],
        flows=[
            {"from": "region", "to": "commun", "kind": "money", "label": "Aide", "amount_eur": 600}
            | (grant or {})
        ],
    )


def test_a_shared_activity_runs_in_any_group_unless_it_requires_someone() -> None:
    """Without ``requires`` the fête runs in every group of two: v = 3000 − 1000 = 2000
    (the grant needs every member). Alone, no shared entity: 0.

    ``requires: [b]``: {a, c} has no fête, 0; {a, b} and {b, c} 2000; all three 2600.
    """
    v = coalition_values(festival())
    assert [v[0b011], v[0b101], v[0b110], v[0b111]] == pytest.approx([2000, 2000, 2000, 2600])
    assert [v[0b001], v[0b010], v[0b100]] == pytest.approx([0, 0, 0])
    v = coalition_values(festival(requires=["b"]))
    assert [v[0b011], v[0b101], v[0b110], v[0b111]] == pytest.approx([2000, 0, 2000, 2600])


def test_a_grant_to_the_shared_entity_needs_every_member_unless_it_requires_some() -> None:
    """The Region's 600 comes with everyone by default: in N only (2600, the others 2000).

    ``requires: [a]``: in every group with a: {a, b} 2600, {a, c} 2600, {b, c} 2000.
    """
    v = coalition_values(festival(grant={"requires": ["a"]}))
    assert [v[0b011], v[0b101], v[0b110], v[0b111]] == pytest.approx([2600, 2600, 2000, 2600])


def test_money_flows_between_insiders_are_dropped_alone() -> None:
    """a pays b a fee of 500 (a money flow). Alone, both drop it: a 2000 (not 1500), b 0.

    Together the flow moves cash (R = 0, no share): a 5000 − 1000 (rent to b) − 2000 −
    500 = 1500; b 1000 + 500 = 1500.
    """
    coop = workshop(
        flows=[{"from": "a", "to": "b", "kind": "money", "label": "Fee", "amount_eur": 500}]
    )
    assert alone(coop) == pytest.approx({"a": 2000, "b": 0})
    ev = evaluate(coop)
    assert ev.member("a").cash_result_eur == pytest.approx(5000 - 1000 - 2000 - 500)
    assert ev.member("b").cash_result_eur == pytest.approx(1000 + 500)


def test_a_member_leaves() -> None:
    """:func:`festival` with a grant required by a, and c leaving (``{leave: c}``).

    The group {a, b}: the fête runs, 2000, the grant (needs a) 600: R = 2600, 1300 each.
    c alone has nothing: 0, ``in_cooperation`` false, no share.
    """
    coop = festival(grant={"requires": ["a"]})
    data = coop.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["scenarios"] = [{"id": "sans-c", "name": "Sans C", "changes": [{"leave": "c"}]}]
    ev = evaluate(validate_cooperation(data), "sans-c")
    cash = {m.id: (m.cash_result_eur, m.in_cooperation) for m in ev.members}
    assert cash == {
        "a": pytest.approx((1300, True)),
        "b": pytest.approx((1300, True)),
        "c": (0.0, False),
    }
    assert ev.member("c").shared_share_eur == 0


def scenario(coop: Cooperation, *changes: Data) -> Cooperation:
    data = coop.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["scenarios"] = [{"id": "s", "name": "S", "changes": list(changes)}]
    return validate_cooperation(data)


def test_leaving_refuses_unknown_members_and_a_cooperation_of_one() -> None:
    coop = festival()
    with pytest.raises(ScenarioError, match="'zz' is not a member"):
        evaluate(scenario(coop, {"leave": "zz"}), "s")
    with pytest.raises(ScenarioError, match="at most 1 of the 3 can leave"):
        evaluate(scenario(coop, {"leave": ["a", "b"]}), "s")


def test_a_filter_scales_every_subsidy_line_and_nothing_else() -> None:
    """Two lines on the fête: tickets 3000 (sales) and a subsidy of 800; the subsidy
    halved: R = 3000 + 400 − 1000 = 2400 (and the flow filter halves the Region's 600).
    """
    coop = festival()
    data = coop.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["activities"][0]["revenues"][0]["kind"] = "sales"
    data["activities"][0]["revenues"].append(
        {"label": "Subvention", "amount_eur": 800, "kind": "subsidy", "from": "region"}
    )
    coop = validate_cooperation(data)
    halved = scenario(
        coop,
        {"scale": "activities.*.revenues[kind=subsidy].amount_eur", "by": 0.5},
        {"scale": "flows[from=region].amount_eur", "by": 0.5},
    )
    assert evaluate(halved, "s").shared_entity.result_eur == pytest.approx(2400 + 300)
    with pytest.raises(ScenarioError, match="no item with kind 'donation'"):
        evaluate(
            scenario(
                coop, {"scale": "activities.fete.revenues[kind=donation].amount_eur", "by": 2}
            ),
            "s",
        )


# --- invariants ------------------------------------------------------------------------


@PROPERTY
@given(any_cooperations())
def test_nobody_leaving_changes_nothing(data: Data) -> None:
    coop = validate_cooperation(data)
    ev = evaluate(scenario(coop, {"leave": []}), "s")
    base = evaluate(coop)
    assert [m.cash_result_eur for m in ev.members] == pytest.approx(
        [m.cash_result_eur for m in base.members]
    )


@PROPERTY
@given(any_cooperations())
def test_those_who_stay_share_the_groups_value(data: Data) -> None:
    """Leaving the first member: the others' cash results add up to v(N ∖ {first}) and
    are the group's own evaluation (its sharing rule applied)."""
    coop = validate_cooperation(data)
    if len(coop.members) < 3:
        return
    first = coop.member_ids[0]
    ev = evaluate(scenario(coop, {"leave": first}), "s")
    staying = [m for m in ev.members if m.in_cooperation]
    full = (1 << len(coop.members)) - 1
    tol = 1e-6 * (1 + sum(abs(m.cash_result_eur) for m in staying))
    assert sum(m.cash_result_eur for m in staying) == pytest.approx(
        coalition_values(coop)[full ^ 1], abs=tol
    )
    group = evaluate(reduce_cooperation(coop, coop.member_ids[1:]))
    np.testing.assert_allclose(
        [m.cash_result_eur for m in staying], [m.cash_result_eur for m in group.members], atol=tol
    )


@PROPERTY
@given(any_cooperations())
def test_dropping_everything_apart_gives_back_the_old_stand_alone_rule(data: Data) -> None:
    """Every line and flow ``apart: drop`` on both sides, every work line ``apart: drop``:
    alone = its own activities' outside lines − its own paid hours on them (rule 7 of the
    first version) + its money flows with outside actors (which that rule left out).
    """
    for a in data.get("activities", []):
        for line in [*a.get("revenues", []), *a.get("costs", [])]:
            line["apart"] = {"payer": "drop", "payee": "drop"}
            if line.get("from", line.get("to", "market")) in ("market",):
                line.pop("apart")
        for w in a.get("work", []):
            w["apart"] = "drop"
    inside = {m["id"] for m in data["members"]} | {data["shared_entity"]["id"]}
    for a in data.get("activities", []):
        for side, key in (("revenues", "from"), ("costs", "to")):
            for line in a.get(side, []):
                if line.get(key, "market") not in inside:
                    line.pop("apart", None)
    for f in data.get("flows", []):
        if f["from"] in inside and f["to"] in inside:
            f["apart"] = {"payer": "drop", "payee": "drop"}
    coop = validate_cooperation(data)
    cost = {m.id: m.hourly_cost_eur for m in coop.members}
    old = dict.fromkeys(coop.member_ids, 0.0)
    for a in coop.activities:
        if a.carrier not in old:
            continue
        old[a.carrier] += sum(r.total_eur for r in a.revenues if r.payer not in inside)
        old[a.carrier] -= sum(c.total_eur for c in a.costs if c.payee not in inside)
        old[a.carrier] -= sum(
            w.paid_hours * cost[a.carrier] for w in a.work if w.member == a.carrier
        )
    for f in coop.flows:
        if f.kind == "money" and f.amount_eur is not None:
            if f.target in old and f.source not in inside:
                old[f.target] += f.amount_eur
            if f.source in old and f.target not in inside:
                old[f.source] -= f.amount_eur
    got = alone(coop)
    for m in coop.member_ids:
        assert got[m] == pytest.approx(old[m], abs=1e-6 * (1 + abs(old[m]))), m
