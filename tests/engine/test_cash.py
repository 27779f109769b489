"""Hand-checked cases for the monthly cash plan (DOMAIN Part 3, "Cash").

Every expected figure is worked out by hand in the test's docstring, never read back
from the engine. Base members (tests.conftest.build): a (20 €/h), b (30 €/h), shared
entity ``commun``; equal sharing and no reserve unless said. Months are "YYYY-MM";
balances are month-end balances. Each case also checks that the cash adds up:
Σ monthly movements + what falls after the plan = Σ yearly results + depreciation −
grant shares − investments + grants (see the docstring of bm3c.engine.cash).
"""

from __future__ import annotations

from typing import Any

import pytest
from pytest import approx

from bm3c.engine.cash import StillDue
from bm3c.engine.plan import PlanEvaluation, evaluate_plan
from tests.conftest import build

ACTORS = [
    {"id": "region", "name": "Région", "kind": "funder"},
    {"id": "atis", "name": "ATIS", "kind": "funder"},
    {"id": "metropole", "name": "Métropole", "kind": "funder"},
]


def plan(years: int, *activities: dict[str, Any], **top: Any) -> PlanEvaluation:
    """The plan from 2027 over ``years`` years with these activities and top-level keys."""
    coop = build(
        plan={"start_year": 2027, "years": years},
        actors=ACTORS,
        activities=list(activities),
        **top,
    )
    return evaluate_plan(coop)


def act(id_: str, carrier: str, **sides: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": id_, "name": id_, "carrier": carrier} | sides


def row(p: PlanEvaluation, party: str) -> list[float]:
    """A party's month-end balances."""
    return [float(v) for v in p.cash.balances[p.cash.parties.index(party)]]


def moves(p: PlanEvaluation, party: str) -> dict[str, float]:
    """A party's non-zero monthly movements, by month."""
    values = p.cash.movements[p.cash.parties.index(party)]
    return {m: float(v) for m, v in zip(p.cash.months, values, strict=True) if abs(v) > 1e-9}


def assert_adds_up(p: PlanEvaluation, noncash: dict[str, float] | None = None) -> None:
    """Σ movements + due after = Σ results(*) + (depreciation − grant shares − investments
    + grants) per party, with (*) a member's cash result and the entity's reserve."""
    noncash = noncash or {}
    for party in p.parties:
        if party.shared_entity:
            results = sum(ev.shared_entity.reserve_eur for ev in p.years)
        else:
            results = sum(party.results)
        total = sum(party.cash_flows) + party.due_after_eur
        assert total == approx(results + noncash.get(party.id, 0.0)), party.id


# --- even spread, opening cash -------------------------------------------------------------


def test_amounts_move_evenly_over_the_months_from_the_opening_cash() -> None:
    """One year (2027). a sells 24,000 € and pays 600 h × 20 € = 12,000 € of staff.

    a's result 12,000 € moves 1,000 € a month from its opening 2,000 €: balances
    3,000 (Jan) ... 14,000 (Dec); its low point is 3,000 € in 2027-01.
    b pays a 6,000 € rent to the market: −500 € a month from its opening 2,000 €:
    1,500, 1,000, 500, 0 (April: zero is not below), −500 (May) ... −4,000 (Dec).
    Low point −4,000 € in 2027-12; below zero May to December; it needs 4,000 €.
    commun: nothing, 0 € all year; its low point is the first month (tied).
    """
    p = plan(
        1,
        act(
            "atelier",
            "a",
            revenues=[{"label": "Ventes", "amount_eur": 24000}],
            work=[{"member": "a", "paid_hours": 600}],
        ),
        act("local", "b", costs=[{"label": "Loyer", "amount_eur": 6000}]),
        opening_cash_eur={"a": 2000, "b": 2000},
    )
    assert p.cash.months[0] == "2027-01" and p.cash.months[-1] == "2027-12"
    assert row(p, "a") == approx([2000 + 1000 * k for k in range(1, 13)])
    assert row(p, "b") == approx([2000 - 500 * k for k in range(1, 13)])
    a, b, commun = p.parties
    assert (a.cash_low.eur, a.cash_low.month) == (approx(3000), "2027-01")
    assert (b.cash_low.eur, b.cash_low.month) == (approx(-4000), "2027-12")
    assert b.months_below_zero == tuple(f"2027-{m:02d}" for m in range(5, 13))
    assert b.cash_needed_eur == approx(4000)
    assert a.cash_needed_eur == 0
    assert (commun.cash_low.eur, commun.cash_low.month) == (0, "2027-01")
    assert a.cash_ends == approx((14000,)) and b.cash_ends == approx((-4000,))
    assert_adds_up(p)


# --- payment timing: fractions, later years, beyond the plan --------------------------------


def test_payment_fractions_spill_into_the_next_year_and_beyond_the_plan() -> None:
    """Three years, 2027-2029, a's activity `boxes`:

    - Abonnements [300, 600, 900] × 30 € = 9,000 / 18,000 / 27,000, evenly:
      750, 1,500, 2,250 € a month.
    - Dotation ATIS [5,000, 0, 0] paid 0.8 in month 3, 0.2 in month 15:
      +4,000 in 2027-03, +1,000 in 2028-03.
    - Solde Métropole [0, 0, 3,000] paid 0.5 in month 6, 0.5 in month 18:
      +1,500 in 2029-06; +1,500 in 2030-06, after the plan: still to be received.
    - Facture [0, 0, 1,200] (a cost) paid in month 14: 2030-02, after the plan: −1,200
      still to be paid.
    Results: 2027 9,000 + 5,000 = 14,000; 2028 18,000; 2029 27,000 + 3,000 − 1,200
    = 28,800. Cash flows: 2027 9,000 + 4,000 = 13,000; 2028 18,000 + 1,000 = 19,000;
    2029 27,000 + 1,500 = 28,500. Due after the plan: 1,500 − 1,200 = 300, and
    13,000 + 19,000 + 28,500 + 300 = 60,800 = 14,000 + 18,000 + 28,800.
    """
    p = plan(
        3,
        act(
            "boxes",
            "a",
            revenues=[
                {"label": "Abonnements", "quantity": [300, 600, 900], "unit_price_eur": 30},
                {
                    "label": "Dotation ATIS",
                    "amount_eur": [5000, 0, 0],
                    "from": "atis",
                    "paid": [{"month": 3, "fraction": 0.8}, {"month": 15, "fraction": 0.2}],
                },
                {
                    "label": "Solde Métropole",
                    "amount_eur": [0, 0, 3000],
                    "from": "metropole",
                    "paid": [{"month": 6, "fraction": 0.5}, {"month": 18, "fraction": 0.5}],
                },
            ],
            costs=[{"label": "Facture", "amount_eur": [0, 0, 1200], "paid": {"month": 14}}],
        ),
    )
    a = p.party("a")
    assert a.results == approx((14000, 18000, 28800))
    assert a.cash_flows == approx((13000, 19000, 28500))
    assert a.cash_ends == approx((13000, 32000, 60500))
    got = moves(p, "a")
    assert got["2027-02"] == approx(750)
    assert got["2027-03"] == approx(750 + 4000)
    assert got["2028-03"] == approx(1500 + 1000)
    assert got["2029-06"] == approx(2250 + 1500)
    assert got["2029-07"] == approx(2250)
    assert sorted(p.cash.still_due, key=lambda d: d.eur) == [
        StillDue("a", "line", "Facture", "2030-02", approx(-1200)),
        StillDue("a", "line", "Solde Métropole", "2030-06", approx(1500)),
    ]
    assert a.due_after_eur == approx(300)
    assert_adds_up(p)


def test_an_internal_line_and_a_money_flow_move_on_both_sides_in_their_month() -> None:
    """One year. commun rents its room to b: 1,200 € `from: b`, paid in September.
    a gives commun 600 € (a money flow) in February. Reserve fraction 1: commun keeps
    its whole result R = 1,800 €, no share is paid.

    b: −1,200 in 2027-09 (low point −1,200 € in 2027-09); a: −600 in 2027-02 (low
    point −600 from February, first month of the tie); commun: +600 in February,
    +1,200 in September, nothing else.
    """
    p = plan(
        1,
        act(
            "salle",
            "commun",
            revenues=[{"label": "Location", "amount_eur": 1200, "from": "b", "paid": {"month": 9}}],
        ),
        flows=[
            {
                "from": "a",
                "to": "commun",
                "kind": "money",
                "label": "Apport",
                "amount_eur": 600,
                "paid": {"month": 2},
            }
        ],
        shared_entity={"id": "commun", "name": "Commun", "reserve_fraction": 1},
    )
    assert moves(p, "b") == {"2027-09": approx(-1200)}
    assert moves(p, "a") == {"2027-02": approx(-600)}
    assert moves(p, "commun") == {"2027-02": approx(600), "2027-09": approx(1200)}
    b, a = p.party("b"), p.party("a")
    assert (b.cash_low.eur, b.cash_low.month) == (approx(-1200), "2027-09")
    assert (a.cash_low.eur, a.cash_low.month) == (approx(-600), "2027-02")
    assert p.cash.still_due == ()
    assert_adds_up(p)


# --- shares of the shared entity's result ------------------------------------------------


def cantine(**sharing: Any) -> PlanEvaluation:
    """Three years. commun sells 12,000 € of meals a year, evenly (1,000 € a month);
    reserve 0.5: R = 12,000, reserve 6,000, D = 6,000, 3,000 € to each of a and b."""
    return plan(
        3,
        act("cantine", "commun", revenues=[{"label": "Repas", "amount_eur": 12000}]),
        shared_entity={"id": "commun", "name": "Commun", "reserve_fraction": 0.5},
        **({"sharing": sharing} if sharing else {}),
    )


def test_shares_are_paid_in_june_of_the_next_year_and_the_last_ones_after_the_plan() -> None:
    """`cantine`. Each year's 3,000 € share moves in June of the next year:
    a (and b): +3,000 in 2028-06 and 2029-06; 2029's shares fall in 2030-06, after the
    plan. a's results (its share): 3,000 a year; cash flows 0, 3,000, 3,000; still due
    +3,000. commun: +1,000 a month, −6,000 in 2028-06 and 2029-06; cash flows 12,000,
    6,000, 6,000; year ends 12,000, 18,000, 24,000; still to pay 2 × 3,000. Its
    break-even (R ≥ 0 every year) is 2027; its lowest month-end is 1,000 € in 2027-01.
    """
    p = cantine()
    a, b, commun = p.parties
    assert a.results == approx((3000, 3000, 3000))
    assert moves(p, "a") == {"2028-06": approx(3000), "2029-06": approx(3000)}
    assert a.cash_flows == approx((0, 3000, 3000))
    assert a.due_after_eur == approx(3000) and b.due_after_eur == approx(3000)
    assert commun.results == approx((12000, 12000, 12000))
    assert commun.cash_flows == approx((12000, 6000, 6000))
    assert commun.cash_ends == approx((12000, 18000, 24000))
    assert moves(p, "commun")["2028-06"] == approx(1000 - 6000)
    assert commun.due_after_eur == approx(-6000)
    assert (commun.cash_low.eur, commun.cash_low.month) == (approx(1000), "2027-01")
    assert commun.break_even_year == 2027
    shares = sorted((d.party, d.kind, d.label, d.month, d.eur) for d in p.cash.still_due)
    assert shares == [
        ("a", "share", "2029", "2030-06", approx(3000)),
        ("b", "share", "2029", "2030-06", approx(3000)),
        ("commun", "share", "2029", "2030-06", approx(-3000)),
        ("commun", "share", "2029", "2030-06", approx(-3000)),
    ]
    assert_adds_up(p)


def test_sharing_paid_month_moves_the_shares() -> None:
    """`cantine` with `sharing.paid_month: 3`: a's shares move in 2028-03 and 2029-03."""
    p = cantine(paid_month=3)
    assert moves(p, "a") == {"2028-03": approx(3000), "2029-03": approx(3000)}
    assert {d.month for d in p.cash.still_due} == {"2030-03"}


def test_a_deficit_is_covered_by_the_members_the_next_year() -> None:
    """Two years. commun pays 2,400 € a year to the market (−200 € a month): R = −2,400,
    D = −2,400, −1,200 € for each member, paid to commun in June of the next year.

    a: −1,200 in 2028-06; −1,200 still to pay for 2028. commun: −200 a month,
    +2,400 in 2028-06: balances 2027-12 −2,400; 2028-05 −3,400 (low point);
    2028-06 −3,400 − 200 + 2,400 = −1,200; 2028-12 −2,400. Still to receive 2,400.
    """
    p = plan(2, act("frais", "commun", costs=[{"label": "Assurance", "amount_eur": 2400}]))
    a, commun = p.party("a"), p.party("commun")
    assert a.results == approx((-1200, -1200))
    assert moves(p, "a") == {"2028-06": approx(-1200)}
    assert a.due_after_eur == approx(-1200)
    assert row(p, "commun")[11] == approx(-2400)
    assert (commun.cash_low.eur, commun.cash_low.month) == (approx(-3400), "2028-05")
    assert row(p, "commun")[17] == approx(-1200)
    assert commun.cash_ends == approx((-2400, -2400))
    assert commun.due_after_eur == approx(2400)
    assert commun.break_even_year is None
    assert_adds_up(p)


# --- investments ---------------------------------------------------------------------------


def serres(**extra: Any) -> dict[str, Any]:
    """30,000 € of greenhouses for a, year 1, April, 10 years, 12,000 € from the region."""
    return {
        "id": "serres",
        "carrier": "a",
        "label": "Serres",
        "amount_eur": 30000,
        "year": 1,
        "month": 4,
        "lifetime_years": 10,
        "grant_eur": 12000,
        "from": "region",
    } | extra


def test_an_investment_is_paid_in_its_month_with_its_grant() -> None:
    """Three years, a holds only `serres`. Result each year: −3,000 + 1,200 = −1,800.
    Cash: −30,000 + 12,000 = −18,000 in 2027-04, nothing else (depreciation and the
    grant's share move no cash). Low point −18,000 € in 2027-04; break-even never.
    Adds up: −18,000 = 3 × −1,800 + 3 × 3,000 − 3 × 1,200 − 30,000 + 12,000.
    """
    p = plan(3, investments=[serres()])
    a = p.party("a")
    assert a.results == approx((-1800, -1800, -1800))
    assert moves(p, "a") == {"2027-04": approx(-18000)}
    assert (a.cash_low.eur, a.cash_low.month) == (approx(-18000), "2027-04")
    assert a.break_even_year is None
    assert_adds_up(p, {"a": 3 * 3000 - 3 * 1200 - 30000 + 12000})


def test_grant_paid_says_when_the_grant_comes() -> None:
    """`grant_paid`: half in month 10, half in month 15 (months from January 2027):
    −30,000 in 2027-04, +6,000 in 2027-10, +6,000 in 2028-03. Low −30,000 in 2027-04."""
    paid = [{"month": 10, "fraction": 0.5}, {"month": 15, "fraction": 0.5}]
    p = plan(3, investments=[serres(grant_paid=paid)])
    assert moves(p, "a") == {
        "2027-04": approx(-30000),
        "2027-10": approx(6000),
        "2028-03": approx(6000),
    }
    assert p.party("a").cash_low.eur == approx(-30000)


def test_a_grant_paid_after_the_plan_is_still_to_be_received() -> None:
    """Two years; `serres` bought in year 2 (2028) in January (month by default),
    grant paid in month 16 of 2028, i.e. 2029-04, after the plan: +12,000 still due.
    Results: 2027 nothing; 2028 −1,800. Cash: −30,000 in 2028-01."""
    investment = serres(year=2, grant_paid={"month": 16})
    del investment["month"]
    p = plan(2, investments=[investment])
    a = p.party("a")
    assert a.results == approx((0, -1800))
    assert moves(p, "a") == {"2028-01": approx(-30000)}
    assert p.cash.still_due == (StillDue("a", "grant", "Serres", "2029-04", approx(12000)),)
    assert_adds_up(p, {"a": 3000 - 1200 - 30000 + 12000})


# --- the low point -------------------------------------------------------------------------


@pytest.mark.parametrize("cents", [0.1, 0.3, 0.7, 12.34])
def test_the_low_point_is_the_first_month_of_a_tie_to_the_cent(cents: float) -> None:
    """One year, a: −1,000 in February, +1,000 in May, −1,000 in August (timed lines),
    and untimed lines that cancel out (cents + 3 × cents − 4 × cents = 0).

    Balances: Jan 0, Feb–Apr −1,000, May–Jul 0, Aug–Dec −1,000: the lowest is
    −1,000 €, first reached in 2027-02 (August ties it, whatever float noise says).
    """
    p = plan(
        1,
        act(
            "x",
            "a",
            revenues=[
                {"label": "R1", "amount_eur": 1000, "paid": {"month": 5}},
                {"label": "R2", "amount_eur": cents},
                {"label": "R3", "amount_eur": 3 * cents},
            ],
            costs=[
                {"label": "C1", "amount_eur": 1000, "paid": {"month": 2}},
                {"label": "C2", "amount_eur": 1000, "paid": {"month": 8}},
                {"label": "C3", "amount_eur": 4 * cents},
            ],
        ),
    )
    low = p.party("a").cash_low
    assert (low.eur, low.month, low.index) == (approx(-1000), "2027-02", 1)


def test_a_plan_without_start_year_counts_months_from_one() -> None:
    """No `plan`: one year, months M01..M12; a's share of 1,200 € for year 1 falls in
    month 18 (June of year 2), after the plan; it is labelled with its result's year,
    given by its first month, M01."""
    coop = build(
        activities=[act("x", "commun", revenues=[{"label": "V", "amount_eur": 2400}])],
    )
    p = evaluate_plan(coop)
    assert p.cash.months == tuple(f"M{m:02d}" for m in range(1, 13))
    assert {(d.party, d.label, d.month) for d in p.cash.still_due} == {
        ("a", "M01", "M18"),
        ("b", "M01", "M18"),
        ("commun", "M01", "M18"),
    }
    assert isinstance(p.party("a").due_after_eur, float)


def test_a_member_who_leaves_moves_its_result_alone_evenly() -> None:
    """Three members (c costs 25 €/h), one year. b sells 600 € in May (`paid`) and pays
    commun 120 € in July; commun sells 1,200 € in March, a and c work on it (equal
    volunteer hours, by_hours). b leaves: its result alone is 600 € (the line to
    commun dropped), moved evenly, 50 € a month (its timings belong to the
    cooperation it left). commun: R = 1,200 in March; a and c get 600 each, paid in
    June of the next year, after the plan."""
    members = [
        {"id": "a", "name": "A", "hourly_cost_eur": 20.0},
        {"id": "b", "name": "B", "hourly_cost_eur": 30.0},
        {"id": "c", "name": "C", "hourly_cost_eur": 25.0},
    ]
    coop = build(
        plan={"start_year": 2027, "years": 1},
        members=members,
        activities=[
            act("x", "commun",
                revenues=[{"label": "V", "amount_eur": 1200, "paid": {"month": 3}}],
                work=[{"member": "a", "volunteer_hours": 10},
                      {"member": "c", "volunteer_hours": 10}]),
            act("stand", "b",
                revenues=[{"label": "W", "amount_eur": 600, "paid": {"month": 5}}],
                costs=[{"label": "U", "amount_eur": 120, "to": "commun",
                        "paid": {"month": 7}}]),
        ],
        sharing={"surplus": "by_hours", "deficit": "equal"},
        scenarios=[{"id": "sans-b", "name": "Sans B", "changes": [{"leave": "b"}]}],
    )  # fmt: skip
    p = evaluate_plan(coop, "sans-b")
    assert list(p.cash.movements[1]) == approx([50.0] * 12)
    assert moves(p, "commun") == {"2027-03": approx(1200)}
    assert sorted((d.party, d.eur) for d in p.cash.still_due) == [
        ("a", approx(600)),
        ("c", approx(600)),
        ("commun", approx(-600)),
        ("commun", approx(-600)),
    ]
    base = evaluate_plan(coop)
    assert moves(base, "b") == {"2027-05": approx(600), "2027-07": approx(-120)}
