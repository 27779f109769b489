"""Hand-checked cases for the accounting rules 1-10 of DOMAIN.md.

Every expected figure is worked out by hand in the test's docstring from DOMAIN.md,
never read back from the engine. Base members (tests.conftest.build): a (c = 20 €/h),
b (c = 30 €/h), shared entity `commun`; equal sharing and no reserve unless said.
Each case also checks the consolidation identity: collective = Σ cash results + reserve.
"""

from __future__ import annotations

from typing import Any

from pytest import approx

from bm3c.engine.evaluate import Evaluation, evaluate
from tests.conftest import build

Item = tuple[str, dict[str, Any]]

# --- small builders in the file format of DOMAIN.md ---------------------------------


def rev(label: str, amount: float, frm: str | None = None) -> Item:
    return "revenues", {"label": label, "amount_eur": amount} | ({"from": frm} if frm else {})


def cost(label: str, amount: float, to: str | None = None) -> Item:
    return "costs", {"label": label, "amount_eur": amount} | ({"to": to} if to else {})


def work(member: str, paid: float = 0, vol: float = 0, reimbursed: bool = False) -> Item:
    line = {"member": member, "paid_hours": paid, "volunteer_hours": vol}
    return "work", line | {"reimbursed": reimbursed}


def reimbursed(member: str, paid: float, vol: float = 0) -> Item:
    """A work line whose paid hours the carrier pays back (`reimbursed: true`)."""
    return work(member, paid, vol, reimbursed=True)


def act(id_: str, carrier: str, *items: Item, **impacts: float) -> dict[str, Any]:
    """An activity from its revenue, cost and work lines (in any order) and its impacts."""
    data: dict[str, Any] = {"id": id_, "name": id_, "carrier": carrier, "impacts": impacts}
    for key in ("revenues", "costs", "work"):
        data[key] = [line for k, line in items if k == key]
    return data


def flow(label: str, frm: str, to: str, kind: str, amount: float | None = None) -> dict[str, Any]:
    data = {"label": label, "from": frm, "to": to, "kind": kind}
    return data | ({"amount_eur": amount} if amount is not None else {})


def member(id_: str, hourly: float, **extra: Any) -> dict[str, Any]:
    return {"id": id_, "name": id_.upper(), "hourly_cost_eur": hourly} | extra


REGION = [{"id": "region", "name": "Région", "kind": "funder"}]


def run(*activities: dict[str, Any], **top: Any) -> Evaluation:
    """Evaluate the base cooperation with these activities and top-level keys."""
    return evaluate(build(activities=list(activities), **top))


def cash(ev: Evaluation) -> dict[str, float]:
    return {m.id: m.cash_result_eur for m in ev.members}


def assert_consolidates(ev: Evaluation) -> None:
    """Internal moves cancel: collective = ext. revenue - ext. cost - staff = Σ cash + reserve."""
    c = ev.collective
    assert c.result_eur == approx(c.external_revenue_eur - c.external_cost_eur - c.staff_cost_eur)
    assert c.result_eur == approx(sum(cash(ev).values()) + ev.shared_entity.reserve_eur)


def test_rule1_activity_result_and_volunteer_value_beside_it() -> None:
    """`atelier` (a); volunteer hour 10 €, b's own value 15 €.

    revenue = 5000 + 100 × 20 (quantity × unit price) = 7000 ; cost = 1500
    staff   = 100 h × 20 (a) + 50 h × 30 (b) = 2000 + 1500 = 3500
    result  = 7000 - 1500 - 3500 = 2000          (volunteer hours cost nothing)
    volunteer value = 40 h × 10 (a) + 20 h × 15 (b) = 400 + 300 = 700, shown apart
    cash a = 7000 - 1500 - 2000 = 3500 ; cash b = -1500 (its unreimbursed staff)
    collective = 7000 - 1500 - 3500 = 2000 = 3500 - 1500
    """
    sold = ("revenues", {"label": "Repas", "quantity": 100, "unit_price_eur": 20})
    lines = [rev("V", 5000), sold, cost("C", 1500), work("a", 100, 40), work("b", 50, 20)]
    ev = run(
        act("atelier", "a", *lines),
        volunteer_hour_value_eur=10,
        members=[member("a", 20), member("b", 30, volunteer_hour_value_eur=15)],
    )
    x = ev.activity("atelier")
    assert (x.revenue_eur, x.cost_eur, x.staff_cost_eur) == approx((7000, 1500, 3500))
    assert x.result_eur == approx(2000)
    assert (x.paid_hours, x.volunteer_hours, x.volunteer_value_eur) == approx((150, 60, 700))
    assert ev.member("a").volunteer_value_eur == approx(400)
    assert ev.member("b").volunteer_value_eur == approx(300)
    assert ev.collective.volunteer_value_eur == approx(700)
    assert cash(ev) == approx({"a": 3500, "b": -1500})
    assert ev.collective.result_eur == approx(2000)
    assert_consolidates(ev)


def test_rule2_staff_cost_is_borne_by_the_employer_on_every_activity() -> None:
    """a works on its own, on b's and on the shared entity's activity, never reimbursed.

    staff a = 50 × 20 (own-a) + 10 × 20 (own-b) + 5 × 20 (hall) = 1000 + 200 + 100 = 1300
    staff b = 20 × 30 (own-b) + 10 × 30 (hall) = 600 + 300 = 900
    R = 1000 (hall revenue, no reimbursement) ; equal: 500 each
    cash a = 3000 - 1300 + 500 = 2200 ; cash b = 2000 - 900 + 500 = 1600
    activity staff: own-a 1000 ; own-b 200 + 600 = 800 ; hall 100 + 300 = 400
    collective = 6000 - 2200 = 3800 = 2200 + 1600
    """
    ev = run(
        act("own-a", "a", rev("V", 3000), work("a", 50)),
        act("own-b", "b", rev("V", 2000), work("a", 10), work("b", 20)),
        act("hall", "commun", rev("V", 1000), work("a", 5), work("b", 10)),
    )
    assert ev.member("a").staff_cost_eur == approx(1300)
    assert ev.member("b").staff_cost_eur == approx(900)
    assert ev.collective.staff_cost_eur == approx(2200)
    staff = [ev.activity(i).staff_cost_eur for i in ("own-a", "own-b", "hall")]
    assert staff == approx([1000, 800, 400])
    assert ev.shared_entity.result_eur == approx(1000)
    assert cash(ev) == approx({"a": 2200, "b": 1600})
    assert_consolidates(ev)


def test_rule3_reimbursed_work_moves_paid_hours_cost_from_carrier_to_member() -> None:
    """a: 40 paid + 10 volunteer h on b's `repair`, reimbursed; b: 20 h on `hall`, reimbursed.

    a: staff 40 × 20 = 800 ; reimbursed 800 (paid hours only, not the 10 volunteer h)
    b: staff 30 × 30 + 20 × 30 = 900 + 600 = 1500 ; receives 600 ; pays a 800
    R = 3000 - 600 = 2400 ; equal: 1200 each
    cash a = -800 + 800 + 1200 = 1200
    cash b = 4000 - 1500 + 600 - 800 + 1200 = 3500
    collective = 7000 - 2300 = 4700 = 1200 + 3500
    """
    ev = run(
        act("repair", "b", rev("V", 4000), reimbursed("a", 40, 10), work("b", 30)),
        act("hall", "commun", rev("V", 3000), reimbursed("b", 20)),
    )
    a, b = ev.member("a"), ev.member("b")
    assert (a.reimbursements_received_eur, a.reimbursements_paid_eur) == approx((800, 0))
    assert (b.reimbursements_received_eur, b.reimbursements_paid_eur) == approx((600, 800))
    assert ev.shared_entity.result_eur == approx(2400)
    assert cash(ev) == approx({"a": 1200, "b": 3500})
    assert_consolidates(ev)


def test_rule3_reimbursed_line_on_own_activity_moves_nothing() -> None:
    """a flags its own 50 paid hours on its own `shop` as reimbursed: no move.

    staff a = 50 × 20 = 1000 ; reimbursements received = paid = 0
    cash a = 2000 - 1000 = 1000 (same as with reimbursed: false) ; cash b = 0
    stand-alone a = 2000 - 1000 = 1000 → gain 0 ; b gains 0 → everyone gains (gain ≥ 0)
    """
    ev = run(act("shop", "a", rev("V", 2000), reimbursed("a", 50)))
    a = ev.member("a")
    assert (a.reimbursements_received_eur, a.reimbursements_paid_eur) == approx((0, 0))
    assert cash(ev) == approx({"a": 1000, "b": 0})
    assert cash(ev) == approx(cash(run(act("shop", "a", rev("V", 2000), work("a", 50)))))
    assert a.gain_from_cooperation_eur == approx(0)
    assert ev.everyone_gains is True
    assert_consolidates(ev)


def test_rule3_unreimbursed_paid_hours_are_a_contribution_in_kind() -> None:
    """b puts 40 paid hours, not reimbursed, into a's `shop` (revenue 5000, cost 1000).

    b bears them: cash b = -40 × 30 = -1200, nothing paid back
    cash a = 5000 - 1000 - 50 × 20 = 3000
    economic a = 3000 + 1200 (b's hours valued at b's cost, rule 8) = 4200 ; economic b = -1200
    activity: staff 1000 + 1200 = 2200, result 5000 - 1000 - 2200 = 1800
    collective = 5000 - 1000 - 2200 = 1800 = 3000 - 1200
    """
    ev = run(act("shop", "a", rev("V", 5000), cost("C", 1000), work("a", 50), work("b", 40)))
    assert ev.member("b").reimbursements_received_eur == approx(0)
    assert ev.member("a").reimbursements_paid_eur == approx(0)
    assert cash(ev) == approx({"a": 3000, "b": -1200})
    assert ev.member("a").economic_result_eur == approx(4200)
    assert ev.member("b").economic_result_eur == approx(-1200)
    assert ev.activity("shop").result_eur == approx(1800)
    assert_consolidates(ev)


def test_rule4_internal_lines_are_a_cost_for_the_payer_and_revenue_for_the_payee() -> None:
    """`bakery` (a): 3000 market + 1000 from b + 400 from commun ; costs 200 market + 500 to b.
    `hall` (commun): 1000 from a ; cost 300 to b.

    R = 1000 - 300 - 400 = 300 ; equal: 150 each
    a: own lines 4400 - 700 = 3700 ; internal paid 1000 ; cash = 3700 - 1000 + 150 = 2850
    b: internal received 500 + 300 = 800 ; paid 1000 ; cash = 800 - 1000 + 150 = -50
    collective = 3000 - 200 = 2800 = 2850 - 50
    """
    bakery = [rev("V", 3000), rev("Pain", 1000, "b"), rev("Commande", 400, "commun")]
    ev = run(
        act("bakery", "a", *bakery, cost("C", 200), cost("Loyer", 500, "b")),
        act("hall", "commun", rev("Adhesion", 1000, "a"), cost("Service", 300, "b")),
    )
    a, b = ev.member("a"), ev.member("b")
    assert a.own_activities_eur == approx(3700)
    assert (a.internal_received_eur, a.internal_paid_eur) == approx((0, 1000))
    assert (b.internal_received_eur, b.internal_paid_eur) == approx((800, 1000))
    assert ev.shared_entity.result_eur == approx(300)
    assert cash(ev) == approx({"a": 2850, "b": -50})
    c = ev.collective
    assert (c.external_revenue_eur, c.external_cost_eur) == approx((3000, 200))
    assert_consolidates(ev)


def test_rule4_money_flows_move_cash_in_kind_and_intangible_do_not() -> None:
    """a's `shop` earns 2000. Flows: money a→b 500, money a→commun 400,
    in_kind b→a 800, intangible a→b (no amount), intangible b→a 300.

    R = 400 (money in) ; equal: 200 each
    cash a = 2000 - 500 - 400 + 200 = 1300 ; cash b = 500 + 200 = 700
    collective = 2000 = 1300 + 700 (the 800 in kind and the intangibles move no cash)
    """
    flows = [
        flow("Cotisation", "a", "b", "money", 500),
        flow("Adhesion", "a", "commun", "money", 400),
        flow("Pret", "b", "a", "in_kind", 800),
        flow("Visibilite", "a", "b", "intangible"),
        flow("Conseil", "b", "a", "intangible", 300),
    ]
    ev = run(act("shop", "a", rev("V", 2000)), flows=flows)
    a, b = ev.member("a"), ev.member("b")
    assert (a.money_flows_in_eur, a.money_flows_out_eur) == approx((0, 900))
    assert (b.money_flows_in_eur, b.money_flows_out_eur) == approx((500, 0))
    assert ev.shared_entity.result_eur == approx(400)
    assert cash(ev) == approx({"a": 1300, "b": 700})
    assert ev.collective.result_eur == approx(2000)
    assert_consolidates(ev)


def test_rule4_money_flow_from_an_outside_actor_is_external_revenue() -> None:
    """Grant region→a money 5000 ; b gives region 100 (money). a's `shop`: 1000, 10 h paid.

    cash a = 1000 - 10 × 20 + 5000 = 5800 ; cash b = -100
    external revenue = 1000 + 5000 = 6000 ; external cost = 100
    collective = 6000 - 100 - 200 = 5700 = 5800 - 100
    """
    flows = [
        flow("Subvention", "region", "a", "money", 5000),
        flow("Don", "b", "region", "money", 100),
    ]
    ev = run(act("shop", "a", rev("V", 1000), work("a", 10)), actors=REGION, flows=flows)
    assert ev.member("a").money_flows_in_eur == approx(5000)
    assert cash(ev) == approx({"a": 5800, "b": -100})
    c = ev.collective
    assert (c.external_revenue_eur, c.external_cost_eur, c.result_eur) == approx((6000, 100, 5700))
    assert_consolidates(ev)


def test_rule5_positive_result_keeps_a_reserve_and_shares_the_rest() -> None:
    """reserve_fraction 0.25. `hall` (commun): 10000 market + 500 from b ; costs 2000 market
    + 1000 to a ; a 50 h reimbursed (1000), b 20 h unreimbursed (600). Money b→commun 500,
    in_kind a→commun 700 (no cash).

    R = 10000 + 500 - 2000 - 1000 - 1000 + 500 = 7000
    reserve = 0.25 × 7000 = 1750 ; D = 7000 - 1750 = 5250 ; equal: 2625 each
    cash a = -1000 + 1000 + 1000 + 2625 = 3625
    cash b = -600 - 500 - 500 + 2625 = 1025
    collective = 10000 - 2000 - 1600 = 6400 = 3625 + 1025 + 1750
    """
    hall = [rev("V", 10000), rev("Adh", 500, "b"), cost("C", 2000), cost("Loyer", 1000, "a")]
    ev = run(
        act("hall", "commun", *hall, reimbursed("a", 50), work("b", 20)),
        shared_entity={"id": "commun", "name": "Commun", "reserve_fraction": 0.25},
        flows=[
            flow("Cotis", "b", "commun", "money", 500),
            flow("Mat", "a", "commun", "in_kind", 700),
        ],
    )
    se = ev.shared_entity
    assert (se.result_eur, se.reserve_eur, se.distributed_eur) == approx((7000, 1750, 5250))
    assert [m.shared_share_eur for m in ev.members] == approx([2625, 2625])
    assert cash(ev) == approx({"a": 3625, "b": 1025})
    assert ev.collective.result_eur == approx(6400)
    assert_consolidates(ev)


def test_rule5_deficit_has_no_reserve_and_is_covered_by_members() -> None:
    """reserve_fraction 0.5 ; `hall`: revenue 1000, cost 4000 ; surplus by_hours, deficit equal.

    R = 1000 - 4000 = -3000 ≤ 0 → reserve 0 ; D = -3000 shared by `equal`: -1500 each
    cash a = cash b = -1500 ; collective = -3000 = -1500 - 1500 + 0
    """
    ev = run(
        act("hall", "commun", rev("V", 1000), cost("C", 4000)),
        shared_entity={"id": "commun", "name": "Commun", "reserve_fraction": 0.5},
        sharing={"surplus": "by_hours", "deficit": "equal"},
    )
    se = ev.shared_entity
    assert (se.result_eur, se.reserve_eur, se.distributed_eur) == approx((-3000, 0, -3000))
    assert se.rule_used == "equal"
    assert [m.shared_share_eur for m in ev.members] == approx([-1500, -1500])
    assert cash(ev) == approx({"a": -1500, "b": -1500})
    assert_consolidates(ev)


def test_rule6_member_cash_result_is_assembled_from_every_part() -> None:
    """Three members a (20), b (30), c (25).

    `cafe` (a): 20000 market + 2000 from b ; costs 6000 market + 1200 to c ;
                a 300 h, c 40 h reimbursed, b 10 h unreimbursed.
    `garden` (b): 3000 market ; a 50 h reimbursed, b 40 h.
    `hall` (commun): 6000 market, cost 1000 market ; a 20 h reimbursed, c 30 volunteer h.
    `print` (c): 800 from a, cost 100 market ; c 10 h.
    Flows: money region→a 1500, money a→commun 500.
    R = 6000 - 1000 - 20 × 20 + 500 = 5100 ; equal: 1700 each
    a: lines 22000 - 7200 = 14800 ; staff (300 + 50 + 20) × 20 = 7400 ;
       reimb. received 1000 + 400 = 1400 ; paid 40 × 25 = 1000 ; internal paid 800 ;
       money in 1500, out 500 ; share 1700
       cash a = 14800 - 7400 + 1400 - 1000 + 0 - 800 + 1500 - 500 + 1700 = 9700
    b: 3000 - (10 + 40) × 30 - 1000 - 2000 + 1700 = 3000 - 1500 - 3000 + 1700 = 200
    c: (800 - 100) - (40 + 10) × 25 + 1000 + 1200 + 1700 = 700 - 1250 + 3900 = 3350
    collective = (20000 + 3000 + 6000 + 1500) - (6000 + 1000 + 100) - (7400 + 1500 + 1250)
               = 30500 - 7100 - 10150 = 13250 = 9700 + 200 + 3350
    """
    cafe = [rev("V", 20000), rev("Traiteur", 2000, "b"), cost("C", 6000), cost("Loyer", 1200, "c")]
    ev = run(
        act("cafe", "a", *cafe, work("a", 300), reimbursed("c", 40), work("b", 10)),
        act("garden", "b", rev("V", 3000), reimbursed("a", 50), work("b", 40)),
        act(
            "hall", "commun", rev("V", 6000), cost("C", 1000), reimbursed("a", 20), work("c", 0, 30)
        ),
        act("print", "c", rev("Impressions", 800, "a"), cost("C", 100), work("c", 10)),
        members=[member("a", 20), member("b", 30), member("c", 25)],
        actors=REGION,
        flows=[
            flow("Grant", "region", "a", "money", 1500),
            flow("Adh", "a", "commun", "money", 500),
        ],
    )
    a = ev.member("a")
    own, staff, share = a.own_activities_eur, a.staff_cost_eur, a.shared_share_eur
    assert (own, staff, share) == approx((14800, 7400, 1700))
    assert (a.reimbursements_received_eur, a.reimbursements_paid_eur) == approx((1400, 1000))
    assert (a.internal_received_eur, a.internal_paid_eur) == approx((0, 800))
    assert (a.money_flows_in_eur, a.money_flows_out_eur) == approx((1500, 500))
    assert ev.shared_entity.result_eur == approx(5100)
    assert cash(ev) == approx({"a": 9700, "b": 200, "c": 3350})
    assert ev.collective.result_eur == approx(13250)
    assert_consolidates(ev)


def _stand_alone_case(b_pays_a: float) -> Evaluation:
    cafe = [rev("V", 10000), rev("Traiteur", b_pays_a, "b"), cost("C", 3000)]
    return run(
        act(
            "cafe",
            "a",
            *cafe,
            cost("Salle", 500, "commun"),
            work("a", 200),
            reimbursed("b", 20, 10),
        ),
        act("garden", "b", rev("V", 2000), cost("Outils", 500, "a"), work("b", 100)),
        act("hall", "commun", rev("V", 2000), work("a", 10)),
    )


def test_alone_result_and_a_member_that_loses() -> None:
    """`cafe` (a): 10000 market + 1000 from b ; costs 3000 market + 500 to commun ;
    a 200 h, b 20 h reimbursed + 10 volunteer h. `garden` (b): 2000 market, cost 500 to a,
    b 100 h. `hall` (commun): 2000 market, a 10 h unreimbursed.

    R = 2000 + 500 = 2500 ; 1250 each
    cash a = (11000 - 3500) - (200 + 10) × 20 - 20 × 30 + 500 + 1250
           = 7500 - 4200 - 600 + 500 + 1250 = 4450
    cash b = (2000 - 500) - (20 + 100) × 30 + 600 - 1000 + 1250 = 1500 - 3600 - 400 + 1250 = -1250
    alone a (DOMAIN Part 2, no `apart` written): 10000 market - 3000 market ;
      Traiteur from b: a is the payee, it drops the line ; Salle to commun (kind
      other): a gives it, it drops it ; Outils from b's garden (not running): dropped ;
      its own 200 h × 20 = 4000 ; b's 20 + 10 h on the cafe bought from the market
      at b's hourly cost, 30 × 30 = 900 ; its 10 h at the hall are not worked
      → 10000 - 3000 - 4000 - 900 = 2100
    alone b = 2000 market ; Outils to a (kind other): dropped ; Traiteur it bought
      from a (kind other): dropped ; 100 h × 30 = 3000 → -1000
    gain a = 4450 - 2100 = 2350 ; gain b = -1250 + 1000 = -250 → everyone_gains False
    collective = 14000 - 3000 - 7800 = 3200 = 4450 - 1250
    """
    ev = _stand_alone_case(b_pays_a=1000)
    assert cash(ev) == approx({"a": 4450, "b": -1250})
    a, b = ev.member("a"), ev.member("b")
    assert (a.stand_alone_result_eur, b.stand_alone_result_eur) == approx((2100, -1000))
    assert (a.gain_from_cooperation_eur, b.gain_from_cooperation_eur) == approx((2350, -250))
    assert ev.everyone_gains is False
    assert ev.losing_members == ("b",)
    assert_consolidates(ev)


def test_alone_everyone_gains() -> None:
    """Same case, b pays a 200 instead of 1000 for the catering.

    cash a = 4450 - 800 = 3650 ; cash b = -1250 + 800 = -450 ; alone unchanged (the
    catering line is dropped alone whatever its amount)
    gain a = 3650 - 2100 = 1550 ≥ 0 ; gain b = -450 + 1000 = 550 ≥ 0 → everyone_gains True
    """
    ev = _stand_alone_case(b_pays_a=200)
    assert cash(ev) == approx({"a": 3650, "b": -450})
    a, b = ev.member("a"), ev.member("b")
    assert (a.gain_from_cooperation_eur, b.gain_from_cooperation_eur) == approx((1550, 550))
    assert ev.everyone_gains is True
    assert ev.losing_members == ()
    assert_consolidates(ev)


def test_rule8_economic_result() -> None:
    """Volunteer hour 10 €. `shop` (a): 4000 ; a 50 h + 20 vol h, b 30 h unreimbursed + 10 vol h.
    `garden` (b): 1000 ; a 10 h reimbursed. Flows: in_kind b→a 600, in_kind a→commun 300,
    in_kind region→b 400, intangible a→b 250.

    R = 0 → shares 0
    cash a = 4000 - (50 + 10) × 20 + 200 = 3000 ; cash b = 1000 - 30 × 30 - 200 = -100
    economic a = 3000 + 600 - 300 + 30 × 30 (b's unreimbursed hours on shop) = 4200
    economic b = -100 + 400 - 600 = -300 (a's hours on garden are reimbursed: nothing added)
    volunteer value a = 20 × 10 = 200, b = 10 × 10 = 100: not added ; intangible: nothing
    collective = 5000 - 2100 = 2900 = 3000 - 100
    """
    ev = run(
        act("shop", "a", rev("V", 4000), work("a", 50, 20), work("b", 30, 10)),
        act("garden", "b", rev("V", 1000), reimbursed("a", 10)),
        volunteer_hour_value_eur=10,
        actors=REGION,
        flows=[
            flow("Pret", "b", "a", "in_kind", 600),
            flow("Materiel", "a", "commun", "in_kind", 300),
            flow("Don", "region", "b", "in_kind", 400),
            flow("Visibilite", "a", "b", "intangible", 250),
        ],
    )
    a, b = ev.member("a"), ev.member("b")
    assert cash(ev) == approx({"a": 3000, "b": -100})
    assert (a.economic_result_eur, b.economic_result_eur) == approx((4200, -300))
    assert (a.volunteer_value_eur, b.volunteer_value_eur) == approx((200, 100))
    assert_consolidates(ev)


def test_rule9_workload_load_ratio_and_overload() -> None:
    """a (capacity 100), b (capacity 200), c (25 €/h, no capacity).

    `x` (a): a 60 h + 30 vol h, b 50 h ; `y` (commun): a 20 vol h, b 150 vol h, c 40 h.
    a: 60 + 30 + 20 = 110 h → 110 / 100 = 1.1 → overloaded
    b: 50 + 150 = 200 h → 200 / 200 = 1.0 → not overloaded (needs > 1)
    c: 40 h, no capacity → no ratio, not overloaded
    x: paid 110, volunteer 30 ; y: paid 40, volunteer 170
    cash: a -60 × 20 = -1200, b -50 × 30 = -1500, c -40 × 25 = -1000 ; collective -3700
    """
    ev = run(
        act("x", "a", work("a", 60, 30), work("b", 50)),
        act("y", "commun", work("a", vol=20), work("b", vol=150), work("c", 40)),
        members=[
            member("a", 20, capacity_hours=100),
            member("b", 30, capacity_hours=200),
            member("c", 25),
        ],
    )
    a, b, c = ev.member("a"), ev.member("b"), ev.member("c")
    assert (a.paid_hours, a.volunteer_hours, a.load_ratio) == approx((60, 50, 1.1))
    assert (b.paid_hours, b.volunteer_hours, b.load_ratio) == approx((50, 150, 1.0))
    assert (a.overloaded, b.overloaded, c.overloaded) == (True, False, False)
    assert (c.capacity_hours, c.load_ratio) == (None, None)
    x, y = ev.activity("x"), ev.activity("y")
    assert (x.paid_hours, x.volunteer_hours, y.paid_hours, y.volunteer_hours) == approx(
        (110, 30, 40, 170)
    )
    assert cash(ev) == approx({"a": -1200, "b": -1500, "c": -1000})
    assert_consolidates(ev)


def test_rule10_impacts_per_carrier_shared_entity_and_collective() -> None:
    """x (a): jobs 1.5, tonnes 10 ; y (a): tonnes 5 ; z (b): jobs 0.5 ;
    hall (commun): tonnes 2, visitors 1000.

    tonnes: a 10 + 5 = 15, commun 2 → collective 17
    jobs_fte: a 1.5, b 0.5 → collective 2.0 ; shared entity 0
    visitors: commun 1000 → collective 1000
    """
    ev = run(
        act("x", "a", jobs_fte=1.5, tonnes=10),
        act("y", "a", tonnes=5),
        act("z", "b", jobs_fte=0.5),
        act("hall", "commun", tonnes=2, visitors=1000),
    )
    imp = ev.impacts
    assert imp.by_carrier["tonnes"] == approx({"a": 15, "commun": 2})
    assert imp.by_carrier["jobs_fte"] == approx({"a": 1.5, "b": 0.5})
    assert imp.by_carrier["visitors"] == approx({"commun": 1000})
    assert imp.collective == approx({"jobs_fte": 2.0, "tonnes": 17, "visitors": 1000})
    assert (imp.shared_entity("tonnes"), imp.shared_entity("jobs_fte")) == approx((2, 0))
    assert_consolidates(ev)
