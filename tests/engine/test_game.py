"""The cooperation as a game: reduced cooperations and coalition values v(S)."""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bm3c.edit.cooperation import model_data
from bm3c.engine import evaluate
from bm3c.engine.game import MAX_MEMBERS, coalition_mask, coalition_values, required_members
from bm3c.engine.group_value import coalition_value_brute
from bm3c.engine.worlds import reduce_cooperation
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.synthetic import synthetic_cooperation
from tests.conftest import build
from tests.strategies import any_cooperations

Data = dict[str, Any]
PROPERTY = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- helpers -------------------------------------------------------------------------


def coalition(coop: Cooperation, mask: int) -> list[str]:
    return [m for i, m in enumerate(coop.member_ids) if mask >> i & 1]


def brute_values(coop: Cooperation) -> np.ndarray:
    return np.array(
        [coalition_value_brute(coop, coalition(coop, s)) for s in range(2 ** len(coop.members))]
    )


def tolerance(coop: Cooperation) -> float:
    """1e-9 of the model's gross money: far below a cent, above float noise."""
    cost = {m.id: m.hourly_cost_eur for m in coop.members}
    gross = sum(
        sum(x.total_eur for x in [*a.revenues, *a.costs])
        + sum(w.paid_hours * cost[w.member] for w in a.work)
        for a in coop.activities
    ) + sum(f.amount_eur or 0.0 for f in coop.flows)
    return 1e-9 * (1.0 + gross)


def total_cash(coop: Cooperation) -> float:
    return sum(m.cash_result_eur for m in evaluate(coop).members)


def scaled(data: Data, k: float) -> Data:
    """Every money amount, price and hourly cost times k (scenarios left out)."""
    out = copy.deepcopy(data)
    out.pop("scenarios", None)
    for m in out["members"]:
        m["hourly_cost_eur"] = m["hourly_cost_eur"] * k
    for a in out.get("activities", []):
        for line in [*a.get("revenues", []), *a.get("costs", [])]:
            for key in ("amount_eur", "unit_price_eur"):
                if key in line:
                    line[key] = line[key] * k
    for f in out.get("flows", []):
        if "amount_eur" in f:
            f["amount_eur"] = f["amount_eur"] * k
    return out


def members_permuted(data: Data, order: list[int]) -> Data:
    out = copy.deepcopy(data)
    out["members"] = [data["members"][i] for i in order]
    return out


def remapped(values: np.ndarray, order: list[int]) -> np.ndarray:
    """Values of the same game after reordering members: new bit j is old bit order[j]."""
    out = np.empty_like(values)
    for new_mask in range(values.size):
        old_mask = sum(1 << old for j, old in enumerate(order) if new_mask >> j & 1)
        out[new_mask] = values[old_mask]
    return out


# --- hand-worked cases -----------------------------------------------------------------


def three_members() -> Cooperation:
    """a (20 €/h), b (30 €/h), c (10 €/h); the shared entity keeps half a positive result.

    Items, the members each needs, and what it adds to X (external revenues −
    external costs − staff costs) and to R (the shared entity's result):

    atelier (shared, requires its workers {a, b}):
      Ventes 10000 from market           {a,b}    X +10000  R +10000
      Prestation 1000 from c             {a,b,c}  X 0       R +1000
      Achats 2000 to market              {a,b}    X -2000   R -2000
      a 100 paid h, reimbursed: 2000     {a,b}    X -2000   R -2000
      b 50 volunteer h                   {a,b}    0
    boutique (a's own):
      Ventes 5000 from market            {a}      X +5000
      Loyer 600 to b (internal)          {a,b}    X 0
      a 50 paid h: 1000                  {a}      X -1000
      b 20 paid h, not reimbursed: 600   {a,b}    X -600
    cours (c's own):
      Ventes 3000 from market            {c}      X +3000
      Usage 400 to commun                {c}      X 0       R +400
    flows:
      Assurance 300 commun -> assureur   {a,b,c}  X -300    R -300  (the shared entity's
                                                                  outside flows need all)
      Aide 1000 metropole -> b           {b}      X +1000
    """
    return build(
        shared_entity={"id": "commun", "name": "Commun", "reserve_fraction": 0.5},
        members=[
            {"id": "a", "name": "A", "hourly_cost_eur": 20.0},
            {"id": "b", "name": "B", "hourly_cost_eur": 30.0},
            {"id": "c", "name": "C", "hourly_cost_eur": 10.0},
        ],
        actors=[
            {"id": "assureur", "name": "Assureur", "kind": "supplier"},
            {"id": "metropole", "name": "Métropole", "kind": "funder"},
        ],
        activities=[
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "commun",
                "revenues": [
                    {"label": "Ventes", "amount_eur": 10000.0},
                    {"label": "Prestation", "amount_eur": 1000.0, "from": "c"},
                ],
                "costs": [{"label": "Achats", "amount_eur": 2000.0}],
                "work": [
                    {"member": "a", "paid_hours": 100.0, "reimbursed": True},
                    {"member": "b", "volunteer_hours": 50.0},
                ],
            },
            {
                "id": "boutique",
                "name": "Boutique",
                "carrier": "a",
                "revenues": [{"label": "Ventes", "amount_eur": 5000.0}],
                "costs": [{"label": "Loyer", "amount_eur": 600.0, "to": "b"}],
                "work": [
                    {"member": "a", "paid_hours": 50.0},
                    {"member": "b", "paid_hours": 20.0},
                ],
            },
            {
                "id": "cours",
                "name": "Cours",
                "carrier": "c",
                "revenues": [{"label": "Ventes", "amount_eur": 3000.0}],
                "costs": [{"label": "Usage", "amount_eur": 400.0, "to": "commun"}],
            },
        ],
        flows=[
            {
                "from": "commun",
                "to": "assureur",
                "kind": "money",
                "label": "Assurance",
                "amount_eur": 300.0,
            },
            {
                "from": "metropole",
                "to": "b",
                "kind": "money",
                "label": "Aide",
                "amount_eur": 1000.0,
            },
            {"from": "a", "to": "commun", "kind": "in_kind", "label": "Prêt", "amount_eur": 800.0},
        ],
    )


# v(S) = X(S) - 0.5 * max(R(S), 0), by bitmask (bit 0: a, bit 1: b, bit 2: c)
THREE_MEMBER_VALUES = {
    0b000: 0.0,
    0b001: 4000.0,  # {a}: X = 5000 - 1000 = 4000; R = 0, no reserve
    0b010: 1000.0,  # {b}: X = 1000 (the grant); R = 0
    0b100: 2800.0,  # {c}: X = 3000; R = 400 (Usage), reserve 200
    0b011: 7400.0,  # {a,b}: X = 10000 - 2000 - 2000 + 5000 - 1000 - 600 + 1000 = 10400;
    #                 R = 10000 - 2000 - 2000 = 6000, reserve 3000
    0b101: 6800.0,  # {a,c}: X = 5000 - 1000 + 3000 = 7000; R = 400, reserve 200
    0b110: 3800.0,  # {b,c}: X = 1000 + 3000 = 4000; R = 400, reserve 200
    0b111: 9550.0,  # N: X = 10100 + 3000 = 13100; R = 5700 + 1000 + 400 = 7100, reserve 3550
}


def test_three_member_values_worked_by_hand() -> None:
    coop = three_members()
    fast = coalition_values(coop)
    for mask, expected in THREE_MEMBER_VALUES.items():
        assert fast[mask] == pytest.approx(expected, abs=1e-9), bin(mask)
        assert coalition_value_brute(coop, coalition(coop, mask)) == pytest.approx(
            expected, abs=1e-9
        ), bin(mask)


def test_grand_coalition_is_the_sum_of_cash_results() -> None:
    coop = three_members()
    assert coalition_values(coop)[-1] == pytest.approx(total_cash(coop), abs=1e-9)
    assert total_cash(coop) == pytest.approx(9550.0)


def test_a_singleton_value_against_its_stand_alone_result() -> None:
    """v({m}) - stand-alone_m: m's outside money flows, minus the reserve.

    a: stand-alone 5000 - 1000 = 4000 (Loyer to b dropped); v = 4000.
    b: stand-alone 0; v = 1000: the grant it receives.
    c: stand-alone 3000; v = 2800: -200 reserve on the Usage it pays (cancels in X).
    The shared entity's insurance needs every member: in no singleton.
    """
    coop = three_members()
    stand_alone = {m.id: m.stand_alone_result_eur for m in evaluate(coop).members}
    assert stand_alone == pytest.approx({"a": 4000.0, "b": 0.0, "c": 3000.0})
    v = coalition_values(coop)
    assert v[0b001] - stand_alone["a"] == pytest.approx(0.0)
    assert v[0b010] - stand_alone["b"] == pytest.approx(1000.0)
    assert v[0b100] - stand_alone["c"] == pytest.approx(-200.0)


def festival() -> Cooperation:
    """A shared activity with no work and no ``requires``: it needs every member.

    fete (shared, needs {a,b}): Billets 1000 from market (X +1000, R +1000),
      Cachet 200 to a (X 0, R -200).
    buvette (a's own): Ventes 500 (X +500), Loyer 100 to b ({a,b}, X 0).
    No reserve; by_weights with b's weight only.
    v(∅) = 0, v({a}) = 500, v({b}) = 0, v({a,b}) = 1500.
    """
    return build(
        activities=[
            {
                "id": "fete",
                "name": "Fête",
                "carrier": "commun",
                "revenues": [{"label": "Billets", "amount_eur": 1000.0}],
                "costs": [{"label": "Cachet", "amount_eur": 200.0, "to": "a"}],
            },
            {
                "id": "buvette",
                "name": "Buvette",
                "carrier": "a",
                "revenues": [{"label": "Ventes", "amount_eur": 500.0}],
                "costs": [{"label": "Loyer", "amount_eur": 100.0, "to": "b"}],
            },
        ],
        sharing={"surplus": "by_weights", "deficit": "by_weights", "weights": {"a": 0, "b": 1}},
        scenarios=[
            {
                "id": "cher",
                "name": "Cher",
                "changes": [{"scale": "activities.fete.revenues.Billets.amount_eur", "by": 2}],
            }
        ],
    )


def test_a_shared_activity_without_work_or_requires_needs_everyone() -> None:
    coop = festival()
    assert required_members(coop, coop.activities[0]) == ("a", "b")
    expected = [0.0, 500.0, 0.0, 1500.0]
    assert coalition_values(coop).tolist() == pytest.approx(expected)
    assert brute_values(coop).tolist() == pytest.approx(expected)


# --- the reduced cooperation -----------------------------------------------------------


def test_reduction_drops_what_refers_to_removed_members() -> None:
    reduced = reduce_cooperation(three_members(), ["a", "c"])
    assert reduced.member_ids == ("a", "c")
    # atelier needs b (its worker); boutique stays, without b's hours and rent
    assert [a.id for a in reduced.activities] == ["boutique", "cours"]
    boutique = reduced.activities[0]
    assert [line.label for line in boutique.costs] == []
    assert [w.member for w in boutique.work] == ["a"]
    assert [f.label for f in reduced.flows] == ["Prêt"]  # Assurance needs every member
    assert reduced.shared_entity.reserve_fraction == 0.5


def test_reduction_of_an_activity_carried_by_a_removed_member() -> None:
    reduced = reduce_cooperation(three_members(), ["b"])
    # b worked on boutique (a's): the activity goes, with b's hours on it
    assert reduced.member_ids == ("b",)
    assert reduced.activities == ()
    # the shared entity stays, without its insurance (that needs every member)
    assert [f.label for f in reduced.flows] == ["Aide"]
    evaluation = evaluate(reduced)
    assert evaluation.shared_entity.result_eur == pytest.approx(0.0)
    assert evaluation.member("b").cash_result_eur == pytest.approx(1000.0)


def test_reduction_of_weights_and_scenarios() -> None:
    coop = festival()
    alone = reduce_cooperation(coop, ["a"])
    # a's weight alone is zero: by_weights cannot share, equal does (same v)
    assert alone.sharing.surplus == alone.sharing.deficit == "equal"
    assert alone.sharing.weights == {"a": 0}
    assert alone.scenarios == ()
    assert [a.id for a in alone.activities] == ["buvette"]
    assert alone.activities[0].costs == ()
    b_alone = reduce_cooperation(coop, ["b"])
    assert b_alone.sharing.surplus == "by_weights"
    assert b_alone.sharing.weights == {"b": 1}


def test_own_activity_stays_and_loses_removed_members_in_requires() -> None:
    coop = build(
        activities=[
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "a",
                "revenues": [{"label": "Ventes", "amount_eur": 100.0}],
                "requires": ["a", "b"],
            }
        ]
    )
    reduced = reduce_cooperation(coop, ["a"])
    assert reduced.activities[0].requires == ("a",)
    assert coalition_values(coop).tolist() == pytest.approx([0.0, 100.0, 0.0, 100.0])


def test_reduction_to_every_member_keeps_every_number() -> None:
    coop = three_members()
    full = evaluate(coop)
    reduced = evaluate(reduce_cooperation(coop, coop.member_ids))
    assert [m.cash_result_eur for m in reduced.members] == [m.cash_result_eur for m in full.members]
    assert reduced.shared_entity == full.shared_entity


def test_bad_coalitions_are_refused() -> None:
    coop = three_members()
    with pytest.raises(ValueError, match="empty coalition"):
        reduce_cooperation(coop, [])
    with pytest.raises(ValueError, match="not members of the cooperation: zz"):
        reduce_cooperation(coop, ["a", "zz"])
    with pytest.raises(ValueError, match="not members"):
        coalition_value_brute(coop, ["commun"])
    with pytest.raises(TypeError):
        coalition_mask(coop, "ab")
    assert coalition_value_brute(coop, []) == 0.0
    assert coalition_mask(coop, ["c", "a"]) == 0b101


def test_too_many_members_is_refused() -> None:
    data = synthetic_cooperation(members=MAX_MEMBERS + 1, activities=30, flows=0)
    with pytest.raises(ValueError, match="computed up to"):
        coalition_values(validate_cooperation(data))


# --- fast agrees with brute force ----------------------------------------------------


def test_fast_agrees_with_brute_force_on_examples(example_path: Path) -> None:
    coop = load_cooperation(example_path)
    fast = coalition_values(coop)
    np.testing.assert_allclose(fast, brute_values(coop), rtol=0, atol=tolerance(coop))
    assert fast[0] == 0.0
    assert fast[-1] == pytest.approx(total_cash(coop), abs=tolerance(coop))


@PROPERTY
@given(any_cooperations())
def test_fast_agrees_with_brute_force_on_drawn_cooperations(data: Data) -> None:
    coop = validate_cooperation(data)
    fast = coalition_values(coop)
    assert fast.shape == (2 ** len(coop.members),)
    np.testing.assert_allclose(fast, brute_values(coop), rtol=0, atol=tolerance(coop))
    assert fast[0] == 0.0
    assert fast[-1] == pytest.approx(total_cash(coop), abs=tolerance(coop))


def test_fast_agrees_with_brute_force_on_a_larger_synthetic_cooperation() -> None:
    coop = validate_cooperation(synthetic_cooperation(members=8, activities=40, flows=40, seed=3))
    rnd = random.Random(0)
    fast = coalition_values(coop)
    for mask in [0, 2**8 - 1, *rnd.sample(range(1, 2**8 - 1), 40)]:
        assert fast[mask] == pytest.approx(
            coalition_value_brute(coop, coalition(coop, mask)), abs=tolerance(coop)
        )


# --- invariants ------------------------------------------------------------------------


@PROPERTY
@given(any_cooperations(), st.sampled_from((0.25, 2.0, 3.0, 1000.0)))
def test_scaling_every_amount_scales_every_value(data: Data, k: float) -> None:
    base = coalition_values(validate_cooperation(data))
    after = coalition_values(validate_cooperation(scaled(data, k)))
    atol = tolerance(validate_cooperation(data)) * k
    np.testing.assert_allclose(after, base * k, rtol=0, atol=atol)


@PROPERTY
@given(any_cooperations(), st.randoms(use_true_random=False))
def test_reordering_members_permutes_the_values(data: Data, rnd: random.Random) -> None:
    order = list(range(len(data["members"])))
    rnd.shuffle(order)
    base = coalition_values(validate_cooperation(data))
    after = coalition_values(validate_cooperation(members_permuted(data, order)))
    atol = tolerance(validate_cooperation(data))
    np.testing.assert_allclose(after, remapped(base, order), rtol=0, atol=atol)


def test_reordering_example_members_permutes_the_values(example_path: Path) -> None:
    coop = load_cooperation(example_path)
    data = model_data(coop)
    order = list(reversed(range(len(coop.members))))
    after = coalition_values(validate_cooperation(members_permuted(data, order)))
    assert after[0b1] == pytest.approx(coalition_values(coop)[1 << order[0]])
    np.testing.assert_allclose(
        after, remapped(coalition_values(coop), order), rtol=0, atol=tolerance(coop)
    )
