"""Hand-checked totals of each side's activities (bm3c.engine.tables.side_totals).

Base members (tests.conftest.build): a (20 €/h), b (30 €/h), shared entity `commun`.
An activity's result is its revenue - its costs - the staff cost of its paid hours
(rule 1 of DOMAIN.md); a side's total is the sum of its activities' results.
"""

from __future__ import annotations

from pytest import approx

from bm3c.engine.evaluate import evaluate
from bm3c.engine.tables import side_totals
from tests.conftest import build
from tests.engine.test_accounting_rules import act, cost, rev, work


def test_each_side_counts_and_sums_its_activities() -> None:
    """One shared activity, two own ones.

    hall   (commun): 1000 - 10 h × 20 (a)          =  800
    shop   (a)     : 3000 - 500                    = 2500
    repair (b)     :  400 - 20 h × 30 (b)          = -200
    shared = (1, 800) ; own = (2, 2500 - 200) = (2, 2300)
    both sides: 800 + 2300 = 3100 = the sum of the three results
    """
    ev = evaluate(
        build(
            activities=[
                act("hall", "commun", rev("Location", 1000), work("a", 10)),
                act("shop", "a", rev("Ventes", 3000), cost("Achats", 500)),
                act("repair", "b", rev("Réparations", 400), work("b", 20)),
            ]
        )
    )
    totals = side_totals(ev)
    assert set(totals) == {"shared", "own"}
    assert totals["shared"] == (1, approx(800))
    assert totals["own"] == (2, approx(2300))
    assert totals["shared"][1] + totals["own"][1] == approx(
        sum(a.result_eur for a in ev.activities)
    )


def test_a_side_without_activity_counts_zero() -> None:
    """Only a's own activity: shop 3000 - 500 = 2500.

    shared = (0, 0.0) ; own = (1, 2500)
    """
    ev = evaluate(build(activities=[act("shop", "a", rev("Ventes", 3000), cost("Achats", 500))]))
    assert side_totals(ev) == {"shared": (0, 0.0), "own": (1, approx(2500))}


def test_a_model_without_activity_has_two_empty_sides() -> None:
    """No activity at all: both sides (0, 0.0)."""
    assert side_totals(evaluate(build())) == {"shared": (0, 0.0), "own": (0, 0.0)}
