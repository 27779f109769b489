"""The cooperation as a game (DOMAIN Part 2): groups' models and coalition values v(S)."""

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
from bm3c.model.years import year_view
from bm3c.synthetic import synthetic_cooperation
from tests.conftest import build
from tests.strategies import any_cooperations, scaled


def first_year(path: Path) -> Cooperation:
    """An example's first plan year: the game, the network and the what-ifs read one year."""
    return year_view(load_cooperation(path), 0)


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

    No ``apart`` written: defaults. A group of two or more has the shared entity; a
    member alone does not. What each item adds to X (external revenues − external
    costs − staff costs) and to R (the shared entity's result), by who is there:

    atelier (shared, no ``requires``: runs in every group of two or more):
      Ventes 10000 from market            X +10000  R +10000
      Prestation 1000 from c (other)      c there: X 0, R +1000; c away: the shared
                                          entity (payee) drops it
      Achats 2000 to market               X -2000   R -2000
      a 100 paid h, reimbursed            a there: X -2000, R -2000 (20 €/h);
                                          a away: bought, 100 h × 20 = 2000, same
      b 50 volunteer h                    b there: 0; b away: bought, 50 × 30 = 1500
    boutique (a's own, runs with a):
      Ventes 5000 from market             X +5000
      Loyer 600 to b (other)              both: X 0; one away: dropped
      a 50 paid h                         X -1000
      b 20 paid h, not reimbursed         b there: X -600 (b's wages); away: bought 600
    cours (c's own):
      Ventes 3000 from market             X +3000
      Usage 400 to commun (other)         with the shared entity: X 0, R +400;
                                          c alone drops it
    flows:
      Assurance 300 commun -> assureur    every member (the default): X -300  R -300
      Aide 1000 metropole -> b            b there: X +1000
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


# v(S) = X(S) - 0.5 * max(R(S), 0) for a group, X alone, by bitmask (bit 0: a, 1: b, 2: c)
THREE_MEMBER_VALUES = {
    0b000: 0.0,
    0b001: 3400.0,  # {a} alone: 5000 - 1000 - 600 (b's 20 h bought); Loyer dropped
    0b010: 1000.0,  # {b} alone: the grant; its hours elsewhere are not worked
    0b100: 3000.0,  # {c} alone: 3000; Usage dropped (no shared entity, no reserve)
    0b011: 7400.0,  # {a,b}: X = 10000 - 2000 - 2000 + 3400 + 1000 = 10400;
    #                 R = 6000 (c away: Prestation dropped), reserve 3000
    0b101: 7950.0,  # {a,c}: X = 10000 - 2000 - 2000 - 1500 + 3400 + 3000 = 10900;
    #                 R = 10000 + 1000 - 2000 - 2000 - 1500 + 400 = 5900, reserve 2950
    0b110: 6300.0,  # {b,c}: X = 10000 - 2000 - 2000 (a's 100 h bought) + 3000 + 1000 = 10000;
    #                 R = 10000 + 1000 - 2000 - 2000 + 400 = 7400, reserve 3700;
    #                 boutique does not run: Loyer dropped, b's 20 h not worked
    0b111: 9550.0,  # N: X = 6000 + 3400 + 3000 - 300 + 1000 = 13100;
    #                 R = 7000 + 400 - 300 = 7100, reserve 3550
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


def test_a_one_member_group_is_the_member_alone() -> None:
    """v({m}) is m's alone result, the one the evaluation shows: one "alone" figure.

    a 3400, b 1000, c 3000 (see :func:`three_members`).
    """
    coop = three_members()
    alone = {m.id: m.stand_alone_result_eur for m in evaluate(coop).members}
    assert alone == pytest.approx({"a": 3400.0, "b": 1000.0, "c": 3000.0})
    v = coalition_values(coop)
    assert [v[0b001], v[0b010], v[0b100]] == pytest.approx([alone["a"], alone["b"], alone["c"]])


def festival() -> Cooperation:
    """A shared activity with no work and no ``requires``: it runs in every group of two.

    fete (shared): Billets 1000 from market (X +1000, R +1000), Cachet 200 to a
      (both there: X 0, R -200).
    buvette (a's own): Ventes 500 (X +500), Loyer 100 to b (kind other: a alone drops it).
    No reserve; by_weights with b's weight only.
    v(∅) = 0, v({a}) = 500 (no shared entity, no fête), v({b}) = 0 (a's Cachet: b is
    not its payee), v({a,b}) = 1000 + 500 = 1500.
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


def test_a_shared_activity_without_requires_runs_in_every_group() -> None:
    coop = festival()
    assert required_members(coop, coop.activities[0]) == ()
    assert required_members(coop, coop.activities[1]) == ("a",)
    expected = [0.0, 500.0, 0.0, 1500.0]
    assert coalition_values(coop).tolist() == pytest.approx(expected)
    assert brute_values(coop).tolist() == pytest.approx(expected)


# --- the reduced cooperation -----------------------------------------------------------


def test_a_groups_model_writes_absent_parties_as_their_policies_say() -> None:
    """{a, c} of :func:`three_members`: b is away.

    atelier runs (no ``requires``): b's 50 volunteer hours bought, 50 × 30 = 1500 (a
    cost line "Remplacement b"); boutique (a's) runs: b's 20 paid h bought, 600;
    the Loyer to b dropped (a gives it, kind other); cours runs. Assurance needs
    every member: gone; Aide goes with b; Prêt (a → commun) stays.
    """
    group = reduce_cooperation(three_members(), ["a", "c"])
    assert group.member_ids == ("a", "c")
    assert [a.id for a in group.activities] == ["atelier", "boutique", "cours"]
    atelier, boutique = group.activities[0], group.activities[1]
    assert [(c.label, c.total_eur) for c in atelier.costs] == [
        ("Achats", 2000.0),
        ("Remplacement b", 1500.0),
    ]
    assert [w.member for w in atelier.work] == ["a"]
    assert [(c.label, c.total_eur) for c in boutique.costs] == [("Remplacement b", 600.0)]
    assert [f.label for f in group.flows] == ["Prêt"]
    assert group.shared_entity.reserve_fraction == 0.5
    assert sum(m.cash_result_eur for m in evaluate(group).members) == pytest.approx(7950.0)


def test_a_stopped_activitys_line_with_a_present_party_goes_to_the_market() -> None:
    """{b, c} of :func:`three_members` with the Loyer marked ``apart: {payee: 450}``.

    boutique (a's) does not run; b, the Loyer's payee, re-lets at 450 to the market:
    a money flow market → b of 450. v({b,c}) = 6300 + 450 = 6750.
    """
    data = model_data(three_members())
    data["activities"][1]["costs"][0]["apart"] = {"payee": 450}
    coop = validate_cooperation(data)
    group = reduce_cooperation(coop, ["b", "c"])
    assert [a.id for a in group.activities] == ["atelier", "cours"]
    market = [(f.source, f.target, f.amount_eur) for f in group.flows if f.label.startswith("B")]
    assert market == [("market", "b", 450.0)]
    assert coalition_values(coop)[0b110] == pytest.approx(6750.0)
    assert coalition_value_brute(coop, ["b", "c"]) == pytest.approx(6750.0)


def test_a_groups_weights_and_scenarios() -> None:
    coop = festival()
    group = reduce_cooperation(coop, ["a", "b"], for_game=True)
    assert group.sharing.surplus == "by_weights"
    assert group.scenarios == ()


def test_requires_keeps_a_shared_activity_out_of_groups_without_them() -> None:
    """fete requires b: in {a, b} only; a group without b would have no fête."""
    data = model_data(festival())
    data["activities"][0]["requires"] = ["b"]
    data["members"].append({"id": "c", "name": "C", "hourly_cost_eur": 10.0})
    data["sharing"] = {"surplus": "equal", "deficit": "equal"}
    data["scenarios"] = []
    coop = validate_cooperation(data)
    assert [a.id for a in reduce_cooperation(coop, ["a", "c"]).activities] == ["buvette"]
    assert [a.id for a in reduce_cooperation(coop, ["b", "c"]).activities] == ["fete"]


def test_reduction_to_every_member_keeps_every_number() -> None:
    coop = three_members()
    full = evaluate(coop)
    reduced = evaluate(reduce_cooperation(coop, coop.member_ids))
    assert [m.cash_result_eur for m in reduced.members] == [m.cash_result_eur for m in full.members]
    assert reduced.shared_entity == full.shared_entity


def test_bad_coalitions_are_refused() -> None:
    coop = three_members()
    with pytest.raises(ValueError, match="two members or more"):
        reduce_cooperation(coop, [])
    with pytest.raises(ValueError, match="one member is alone"):
        reduce_cooperation(coop, ["a"])
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
    coop = first_year(example_path)
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
    coop = first_year(example_path)
    data = model_data(coop)
    order = list(reversed(range(len(coop.members))))
    after = coalition_values(validate_cooperation(members_permuted(data, order)))
    assert after[0b1] == pytest.approx(coalition_values(coop)[1 << order[0]])
    np.testing.assert_allclose(
        after, remapped(coalition_values(coop), order), rtol=0, atol=tolerance(coop)
    )


def test_every_group_of_six_members_equals_its_own_evaluation() -> None:
    """All 64 groups of a 6-member synthetic cooperation: the game's v(S) is each group's
    own model evaluated (its members' cash results added), or each member alone."""
    coop = validate_cooperation(synthetic_cooperation(members=6, activities=24, flows=20, seed=5))
    np.testing.assert_allclose(
        coalition_values(coop), brute_values(coop), rtol=0, atol=tolerance(coop)
    )
