"""Hand-checked cases for the sharing rules of DOMAIN.md (rule 5 and the sharing table).

The main case (`coop`): members a (20 €/h), b (30 €/h), c (10 €/h), volunteer hour 10 €,
shared entity `commun` with reserve_fraction 0.2.

    hall (commun):  Billets 10000 market, Location 600 from a ; Fournitures S market,
                    Entretien 400 to b ; a 100 h reimbursed, b 50 h + 50 vol h, c 150 vol h
    cafe (commun):  Repas 300 from b ; b 50 h
    shop (a):       Ventes 5000 market ; Loyer 900 to commun ; a 100 h, c 200 h
    print (c):      Impressions 1000 market, Affiches 400 from b ; Salle 200 to commun ; c 50 h
    flows:          money c→commun 500, in_kind a→commun 4500,
                    intangible b→commun 1000, money b→a 700

    R = 10000 + 600 + 300 - S - 400 - 100 × 20 (reimbursed to a) + 900 + 200 + 500
      = 10100 - S
    surplus case S = 2600:  R = 7500, reserve 0.2 × 7500 = 1500, D = 6000
    deficit case S = 13100: R = -3000, reserve 0, D = -3000

Keys (only shared-entity activities count for hours; a's and c's hours on shop and
print do not):
    by_hours:        a 100 ; b 50 + 50 + 50 = 150 ; c 150          → total 400
    by_paid_hours:   a 100 ; b 50 + 50 = 100 ; c 0                 → total 200
    by_contribution: a 100 × 20 (reimbursed, still counted) + 4500 in kind = 6500
                     b 100 × 30 + 50 × 10 = 3500 (intangible and money to a not counted)
                     c 150 × 10 + 500 money = 2000                  → total 12000
    by_usage:        a 600 (Location) + 900 (Loyer) = 1500 ; b 300 (Repas ; the 400
                     Entretien is paid TO b, the 400 Affiches go to c, not to commun) ;
                     c 200 (Salle ; the money flow is no line)
                                                                    → total 2000
    by_weights:      a 1, b 2, c 3                                  → total 6
"""

from __future__ import annotations

from typing import Any

import pytest
from pytest import approx

from bm3c.engine.evaluate import Evaluation, evaluate
from tests.conftest import build

RULES = ("equal", "by_hours", "by_paid_hours", "by_contribution", "by_usage", "by_weights")
WEIGHTS = {"a": 1, "b": 2, "c": 3}
Item = tuple[str, dict[str, Any]]


def rev(label: str, amount: float, frm: str | None = None) -> Item:
    return "revenues", {"label": label, "amount_eur": amount} | ({"from": frm} if frm else {})


def cost(label: str, amount: float, to: str | None = None) -> Item:
    return "costs", {"label": label, "amount_eur": amount} | ({"to": to} if to else {})


def work(member: str, paid: float = 0, vol: float = 0, reimbursed: bool = False) -> Item:
    line = {"member": member, "paid_hours": paid, "volunteer_hours": vol}
    return "work", line | {"reimbursed": reimbursed}


def act(id_: str, carrier: str, *items: Item) -> dict[str, Any]:
    """An activity from its revenue, cost and work lines, in any order."""
    data: dict[str, Any] = {"id": id_, "name": id_, "carrier": carrier}
    return data | {key: [x for k, x in items if k == key] for key in ("revenues", "costs", "work")}


def flow(label: str, frm: str, to: str, kind: str, amount: float) -> dict[str, Any]:
    return {"label": label, "from": frm, "to": to, "kind": kind, "amount_eur": amount}


def coop(surplus: str, deficit: str, supplies: float, weights: Any = None) -> Evaluation:
    """The main case of the module docstring (S = `supplies`)."""
    sharing: dict[str, Any] = {"surplus": surplus, "deficit": deficit}
    if "by_weights" in (surplus, deficit):
        sharing["weights"] = weights or WEIGHTS
    hall = [rev("Billets", 10000), rev("Location", 600, "a"), cost("Fournitures", supplies)]
    hall += [cost("Entretien", 400, "b"), work("a", 100, reimbursed=True), work("b", 50, 50)]
    prints = [rev("V", 1000), rev("Affiches", 400, "b"), cost("Salle", 200, "commun")]
    return evaluate(
        build(
            volunteer_hour_value_eur=10,
            shared_entity={"id": "commun", "name": "Commun", "reserve_fraction": 0.2},
            members=[
                {"id": m, "name": m, "hourly_cost_eur": c}
                for m, c in {"a": 20, "b": 30, "c": 10}.items()
            ],
            activities=[
                act("hall", "commun", *hall, work("c", vol=150)),
                act("cafe", "commun", rev("Repas", 300, "b"), work("b", 50)),
                act(
                    "shop",
                    "a",
                    rev("V", 5000),
                    cost("Loyer", 900, "commun"),
                    work("a", 100),
                    work("c", 200),
                ),
                act("print", "c", *prints, work("c", 50)),
            ],
            flows=[
                flow("Cotisation", "c", "commun", "money", 500),
                flow("Materiel", "a", "commun", "in_kind", 4500),
                flow("Visibilite", "b", "commun", "intangible", 1000),
                flow("Pret", "b", "a", "money", 700),
            ],
            sharing=sharing,
        )
    )


def surplus_case(rule: str) -> Evaluation:
    """S = 2600: R = 7500, D = 6000 ; the deficit rule is another one (never used)."""
    return coop(rule, "by_weights" if rule == "equal" else "equal", supplies=2600)


def deficit_case(rule: str) -> Evaluation:
    """S = 13100: R = D = -3000 ; the surplus rule is another one (never used)."""
    return coop("by_weights" if rule == "equal" else "equal", rule, supplies=13100)


def shares(ev: Evaluation) -> list[float]:
    return [ev.member(m).shared_share_eur for m in ("a", "b", "c")]


def sharing_warnings(ev: Evaluation) -> list[str]:
    return [w.path for w in ev.warnings if w.path.startswith("sharing.")]


def assert_consolidates(ev: Evaluation) -> None:
    """Σ shares = D and collective = ext. revenue - ext. cost - staff = Σ cash + reserve."""
    c, se = ev.collective, ev.shared_entity
    assert sum(m.shared_share_eur for m in ev.members) == approx(se.distributed_eur)
    assert c.result_eur == approx(c.external_revenue_eur - c.external_cost_eur - c.staff_cost_eur)
    assert c.result_eur == approx(sum(m.cash_result_eur for m in ev.members) + se.reserve_eur)


def check_rule(rule: str, surplus: list[float], deficit: list[float]) -> None:
    """Shares of the main case under `rule`, for the surplus and for the deficit."""
    for ev, expected, d in (
        (surplus_case(rule), surplus, 6000),
        (deficit_case(rule), deficit, -3000),
    ):
        assert ev.shared_entity.rule_used == rule
        assert ev.shared_entity.distributed_eur == approx(d)
        assert shares(ev) == approx(expected)
        assert sharing_warnings(ev) == []
        assert_consolidates(ev)


def test_main_case_surplus_reserve_and_cash_results() -> None:
    """S = 2600, surplus shared `equal`.

    R = 10000 + 600 + 300 - 2600 - 400 - 2000 + 900 + 200 + 500 = 7500 > 0
    reserve = 0.2 × 7500 = 1500 ; D = 7500 - 1500 = 6000 ; equal: 2000 each
    cash a = (5000 - 900) - (100 + 100) × 20 + 2000 - 600 + 700 + 2000 = 4200
    cash b = -(50 + 50) × 30 + 400 - (300 + 400) - 700 + 2000 = -2000
    cash c = (1400 - 200) - (200 + 50) × 10 - 500 + 2000 = 200
    collective = (10000 + 5000 + 1000) - 2600 - (4000 + 3000 + 2500) = 3900
               = 4200 - 2000 + 200 + 1500
    """
    ev = surplus_case("equal")
    se = ev.shared_entity
    assert (se.result_eur, se.reserve_eur, se.distributed_eur) == approx((7500, 1500, 6000))
    assert [ev.member(m).cash_result_eur for m in "abc"] == approx([4200, -2000, 200])
    assert ev.collective.result_eur == approx(3900)
    assert_consolidates(ev)


def test_main_case_deficit_has_no_reserve() -> None:
    """S = 13100, deficit shared `equal` (the surplus rule by_weights is not used).

    R = 10100 - 13100 = -3000 ≤ 0 → reserve 0, D = -3000 ; equal: -1000 each
    cash = surplus-case cash - 2000 (share lost) - 1000 (deficit covered):
    a 4200 - 3000 = 1200 ; b -2000 - 3000 = -5000 ; c 200 - 3000 = -2800
    collective = 3900 - 10500 = -6600 = 1200 - 5000 - 2800 + 0
    """
    ev = deficit_case("equal")
    se = ev.shared_entity
    assert (se.result_eur, se.reserve_eur, se.distributed_eur) == approx((-3000, 0, -3000))
    assert se.rule_used == "equal"
    assert [ev.member(m).cash_result_eur for m in "abc"] == approx([1200, -5000, -2800])
    assert_consolidates(ev)


def test_equal() -> None:
    """Key 1 each, total 3. surplus 6000 / 3 = 2000 ; deficit -3000 / 3 = -1000."""
    check_rule("equal", [2000, 2000, 2000], [-1000, -1000, -1000])


def test_by_hours() -> None:
    """Key a 100, b 150, c 150 h (total 400).

    surplus: 6000 × 100 / 400 = 1500 ; 6000 × 150 / 400 = 2250 ; 2250
    deficit: -3000 × 100 / 400 = -750 ; -3000 × 150 / 400 = -1125 ; -1125
    """
    check_rule("by_hours", [1500, 2250, 2250], [-750, -1125, -1125])


def test_by_paid_hours() -> None:
    """Key a 100, b 100, c 0 paid h (total 200; c's volunteer hours do not count).

    surplus: 6000 × 100 / 200 = 3000 ; 3000 ; 0
    deficit: -3000 × 100 / 200 = -1500 ; -1500 ; 0
    """
    check_rule("by_paid_hours", [3000, 3000, 0], [-1500, -1500, 0])


def test_by_contribution() -> None:
    """Key a 6500, b 3500, c 2000 (total 12000; see the module docstring).

    surplus: 6000 × 6500 / 12000 = 3250 ; 6000 × 3500 / 12000 = 1750 ; 6000 × 2000 / 12000 = 1000
    deficit: -3000 × 6500 / 12000 = -1625 ; -875 ; -500
    """
    check_rule("by_contribution", [3250, 1750, 1000], [-1625, -875, -500])


def test_by_usage() -> None:
    """Key a 1500, b 300, c 200 (total 2000).

    surplus: 6000 × 1500 / 2000 = 4500 ; 6000 × 300 / 2000 = 900 ; 6000 × 200 / 2000 = 600
    deficit: -3000 × 1500 / 2000 = -2250 ; -450 ; -300
    """
    check_rule("by_usage", [4500, 900, 600], [-2250, -450, -300])


def test_by_weights() -> None:
    """Weights a 1, b 2, c 3 (total 6).

    surplus: 6000 × 1/6 = 1000 ; 2000 ; 3000 ; deficit: -3000 × 1/6 = -500 ; -1000 ; -1500
    """
    check_rule("by_weights", [1000, 2000, 3000], [-500, -1000, -1500])


def test_by_weights_are_normalised_and_may_be_zero() -> None:
    """Weights 10, 20, 30 share like 1, 2, 3: 1000, 2000, 3000.
    Weights 0, 1, 1 (total 2): 0 ; 6000 × 1/2 = 3000 ; 3000.
    """
    scaled = coop("by_weights", "equal", 2600, weights={"a": 10, "b": 20, "c": 30})
    assert shares(scaled) == approx([1000, 2000, 3000])
    zero = coop("by_weights", "equal", 2600, weights={"a": 0, "b": 1, "c": 1})
    assert shares(zero) == approx([0, 3000, 3000])
    assert_consolidates(zero)


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("case", [surplus_case, deficit_case], ids=["surplus", "deficit"])
def test_shares_sum_to_the_distributable_result(rule: str, case: Any) -> None:
    """Σ shares = D: 6000 in the surplus case, -3000 in the deficit case."""
    ev = case(rule)
    assert sum(shares(ev)) == approx(6000 if case is surplus_case else -3000)
    assert_consolidates(ev)


def small(hall: list[Item], **top: Any) -> Evaluation:
    """Base members a (20 €/h) and b (30 €/h) and one shared activity `hall`."""
    return evaluate(build(activities=[act("hall", "commun", *hall)], **top))


def test_zero_surplus_key_falls_back_to_equal_with_a_warning() -> None:
    """hall: 1000 market ; a 10 vol h, b 30 vol h ; surplus by_paid_hours.

    R = 1000 ; key a 0, b 0 paid h → sums to 0 → equal: 500, 500, with a warning
    """
    hall = [rev("V", 1000), work("a", vol=10), work("b", vol=30)]
    ev = small(hall, sharing={"surplus": "by_paid_hours", "deficit": "by_paid_hours"})
    assert [m.shared_share_eur for m in ev.members] == approx([500, 500])
    assert sharing_warnings(ev) == ["sharing.surplus"]
    assert_consolidates(ev)


def test_zero_deficit_key_falls_back_to_equal_with_a_warning() -> None:
    """hall: 1000 market, cost 1600 ; deficit by_usage, with no internal line.

    R = -600 ; key a 0, b 0 → equal: -300, -300, with a warning
    """
    ev = small([rev("V", 1000), cost("C", 1600)], sharing={"deficit": "by_usage"})
    assert [m.shared_share_eur for m in ev.members] == approx([-300, -300])
    assert sharing_warnings(ev) == ["sharing.deficit"]
    assert_consolidates(ev)


def test_result_of_exactly_zero() -> None:
    """hall: 1000 market, cost 1000 ; a 10 h ; reserve_fraction 0.5 ;
    surplus by_hours, deficit by_weights (a 1, b 3).

    R = 1000 - 1000 = 0 ≤ 0 → deficit rule by_weights, reserve 0, D = 0, shares 0 and 0
    cash a = -10 × 20 = -200 ; cash b = 0 ; collective = -200
    """
    ev = small(
        [rev("V", 1000), cost("C", 1000), work("a", 10)],
        shared_entity={"id": "commun", "name": "Commun", "reserve_fraction": 0.5},
        sharing={"surplus": "by_hours", "deficit": "by_weights", "weights": {"a": 1, "b": 3}},
    )
    se = ev.shared_entity
    assert (se.result_eur, se.reserve_eur, se.distributed_eur) == approx((0, 0, 0))
    assert se.rule_used == "by_weights"
    assert [m.shared_share_eur for m in ev.members] == approx([0, 0])
    assert [m.cash_result_eur for m in ev.members] == approx([-200, 0])
    assert sharing_warnings(ev) == []
    assert_consolidates(ev)
