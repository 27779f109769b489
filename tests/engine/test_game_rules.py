"""The cooperative-game sharing rules in the model: shapley, nucleolus, scrb."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bm3c.edit.cooperation import edit_data
from bm3c.engine import evaluate
from bm3c.engine.game import coalition_values
from bm3c.engine.ledger import compile_ledger
from bm3c.engine.variants import evaluate_work_variants, random_work_splits
from bm3c.engine.whatif import activity_hours, prepare_what_if
from bm3c.errors import InvalidModelError
from bm3c.fairness.allocations import allocate
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.model.years import year_view
from bm3c.synthetic import synthetic_cooperation
from tests.engine.test_game import three_members
from tests.engine.test_invariants import with_hours
from tests.engine.test_whatif import assert_matches_evaluate


def first_year(path: Path) -> Cooperation:
    """An example's first plan year: the game, the network and the what-ifs read one year."""
    return year_view(load_cooperation(path), 0)


EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


def under(coop: Cooperation, rule: str) -> Cooperation:
    return edit_data(coop, lambda d: d["sharing"].update(surplus=rule, deficit=rule))


def test_shapley_sharing_worked_by_hand() -> None:
    """The three-member cooperation of test_game: v(a) 3400, v(b) 1000, v(c) 3000,
    v(ab) 7400, v(ac) 7950, v(bc) 6300, v(abc) 9550.

    φ_a = 3400/3 + (7400 − 1000)/6 + (7950 − 3000)/6 + (9550 − 6300)/3
        = 1133.33 + 1066.67 + 825 + 1083.33 = 4108.33
    φ_b = 1000/3 + (7400 − 3400)/6 + (6300 − 3000)/6 + (9550 − 7950)/3
        = 333.33 + 666.67 + 550 + 533.33 = 2083.33
    φ_c = 3000/3 + (7950 − 3400)/6 + (6300 − 1000)/6 + (9550 − 7400)/3
        = 1000 + 758.33 + 883.33 + 716.67 = 3358.33
    Each member ends with its Shapley value; the shares still add up to D.
    """
    coop = under(three_members(), "shapley")
    ev = evaluate(coop)
    cash = {m.id: m.cash_result_eur for m in ev.members}
    assert cash == pytest.approx({"a": 4108.3333, "b": 2083.3333, "c": 3358.3333}, abs=1e-3)
    assert sum(m.shared_share_eur for m in ev.members) == pytest.approx(
        ev.shared_entity.distributed_eur
    )
    assert ev.shared_entity.distributed_eur == pytest.approx(3550.0)  # 7100 − 50 % reserve


@pytest.mark.parametrize("rule", ["shapley", "nucleolus", "scrb"])
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_each_member_ends_with_its_allocation(path: Path, rule: str) -> None:
    coop = under(first_year(path), rule)
    ev = evaluate(coop)
    expected = allocate(coalition_values(coop), rule)
    got = [ev.member(m).cash_result_eur for m in coop.member_ids]
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-6)
    assert sum(m.shared_share_eur for m in ev.members) == pytest.approx(
        ev.shared_entity.distributed_eur, abs=1e-6
    )
    assert ev.shared_entity.rule_used == rule


def test_a_share_against_the_shared_result_is_said() -> None:
    ev = evaluate(under(first_year(EXAMPLES[0]), "shapley"))  # halle: members lose
    shares = [m.shared_share_eur for m in ev.members]
    opposite = [s for s in shares if s * ev.shared_entity.distributed_eur < 0]
    said = [w for w in ev.warnings if "goes the other way" in w.message]
    assert bool(opposite) == bool(said)


@pytest.mark.parametrize("rule", ["shapley", "nucleolus"])
def test_work_variants_match_evaluate_under_a_game_rule(rule: str) -> None:
    coop = under(first_year(EXAMPLES[2]), rule)  # passerelles
    ledger = compile_ledger(coop)
    paid, volunteer = random_work_splits(ledger, 3, seed=7)
    variants = evaluate_work_variants(coop, paid, volunteer, ledger)
    for k in range(3):
        rebuilt = validate_cooperation(with_hours(coop, paid[k], volunteer[k]))
        ev = evaluate(rebuilt)
        np.testing.assert_allclose(
            variants.settlement.cash_result[k],
            [ev.member(m).cash_result_eur for m in coop.member_ids],
            rtol=0,
            atol=1e-6,
        )


def test_what_if_matches_evaluate_under_a_game_rule() -> None:
    coop = under(first_year(EXAMPLES[2]), "shapley")
    for activity in coop.activities:
        hours = activity_hours(prepare_what_if(coop), activity.id)
        workers = [m for m, (p, _) in hours.items() if p > 0]
        if workers:
            assert_matches_evaluate(coop, activity.id, {workers[0]: hours[workers[0]][0] / 2})


def test_game_rules_are_refused_beyond_their_size() -> None:
    data = synthetic_cooperation(members=19, activities=20, flows=10)
    data["sharing"] = {"surplus": "nucleolus", "deficit": "shapley"}
    with pytest.raises(InvalidModelError) as caught:
        validate_cooperation(data)
    (problem,) = caught.value.problems
    assert problem.path == "sharing.surplus"
    assert "up to 18 members" in problem.message
