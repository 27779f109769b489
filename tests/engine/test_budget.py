"""The funders' budget (DOMAIN Part 4) on a small cooperation worked out by hand.

Members A (20 €/h), B (30 €/h) and C (25 €/h), the shared entity S (no reserve,
surplus shared by weights 1, 1, 0), a volunteer hour worth 10 €. Funders: the
Region (cap 30 %, counts volunteering), the Metropole (public, cap 50 %); a customer.

Activity a1 (carrier A): sales 10 000, a Region subsidy 4 000; material 1 000
(purchase), rent 2 000 paid to S, fees 500 on account 6226; A works 100 paid hours
(2 000 €) and 50 volunteer hours (500 €).
Activity s1 (carrier S): services to the customer 6 000, a Metropole subsidy 5 000;
its coordinator's salary 3 000 (kind staff), depreciation 1 000; A works 100 paid
hours paid back (2 000 €), B 50 paid hours not paid back (1 500 €) and 20 volunteer
hours (200 €), C 30 volunteer hours (300 €).
Flows: the Region gives B 1 000 in money; the customer lends S a room worth 800
(in kind); A pays S a 300 membership fee (money).

S: produits 6 000 (70) + 5 000 (74) + 2 000 rent + 300 fee (75) = 13 300; charges
3 000 (64) + 1 000 (68) + 2 000 hours paid back (62) = 6 000; result 7 300, shared
3 650 to A and to B, 0 to C. 86 = 1 500 (B's hours) + 200 + 300 (volunteers) + 800
(the room) = 2 800.
A: produits 10 000 (70) + 4 000 (74) + 2 000 hours paid back (70) + 3 650 share (75)
= 19 650; charges 1 000 (60) + 2 000 (61) + 500 (62) + 200 h × 20 = 4 000 (64) +
300 fee (65) = 7 800; result 11 850. 86 = 500 (its volunteers on a1).
B: produits 1 000 (74) + 3 650 (75) = 4 650; charges 1 500 (64); result 3 150.
C: nothing but its volunteers, counted at S: an empty budget.
The action: charges 1 000 (60) + 500 (62) + 3 000 + 4 000 + 1 500 = 8 500 (64) +
1 000 (68) = 11 000; produits 16 000 (70) + 10 000 (74: Region 5 000, Metropole
5 000) = 26 000; result 15 000 = 11 850 + 3 150 + 0 + reserve 0. 86 = 500 + 200 +
300 volunteers + 800 the room = 1 800 (B's hours given to S cancel: B pays them, 64).
"""

from __future__ import annotations

from typing import Any

import pytest

from bm3c.engine.budget import ACTION, Budget, cooperation_budgets, plan_budgets
from bm3c.engine.chart_of_accounts import account_class, cost_account, revenue_account
from bm3c.engine.evaluate import evaluate
from bm3c.errors import InvalidModelError
from bm3c.model.parts import COST_KINDS, REVENUE_KINDS, CostLine, RevenueLine
from bm3c.model.validation import validate_cooperation

CENT = 0.005


def model(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "bm3c": 1,
        "name": "Budget",
        "volunteer_hour_value_eur": 10,
        "shared_entity": {"id": "s", "name": "S"},
        "members": [
            {"id": "a", "name": "A", "hourly_cost_eur": 20},
            {"id": "b", "name": "B", "hourly_cost_eur": 30},
            {"id": "c", "name": "C", "hourly_cost_eur": 25},
        ],
        "actors": [
            {
                "id": "region",
                "name": "Région",
                "kind": "funder",
                "max_rate": 0.3,
                "counts_volunteering": True,
            },
            {"id": "metropole", "name": "Métropole", "kind": "public", "max_rate": 0.5},
            {"id": "client", "name": "Client", "kind": "customer"},
        ],
        "activities": [
            {
                "id": "a1",
                "name": "A1",
                "carrier": "a",
                "revenues": [
                    {"label": "Ventes", "amount_eur": 10000, "kind": "sales"},
                    {
                        "label": "Subvention",
                        "amount_eur": 4000,
                        "from": "region",
                        "kind": "subsidy",
                    },
                ],
                "costs": [
                    {"label": "Matériel", "amount_eur": 1000, "kind": "purchase"},
                    {"label": "Loyer", "amount_eur": 2000, "to": "s", "kind": "rent"},
                    {"label": "Honoraires", "amount_eur": 500, "kind": "fee", "account": "6226"},
                ],
                "work": [{"member": "a", "paid_hours": 100, "volunteer_hours": 50}],
            },
            {
                "id": "s1",
                "name": "S1",
                "carrier": "s",
                "revenues": [
                    {
                        "label": "Prestations",
                        "amount_eur": 6000,
                        "from": "client",
                        "kind": "service",
                    },
                    {
                        "label": "Subvention Métropole",
                        "amount_eur": 5000,
                        "from": "metropole",
                        "kind": "subsidy",
                    },
                ],
                "costs": [
                    {"label": "Coordinatrice", "amount_eur": 3000, "kind": "staff"},
                    {"label": "Amortissement", "amount_eur": 1000, "kind": "depreciation"},
                ],
                "work": [
                    {"member": "a", "paid_hours": 100, "reimbursed": True},
                    {"member": "b", "paid_hours": 50, "volunteer_hours": 20},
                    {"member": "c", "volunteer_hours": 30},
                ],
            },
        ],
        "flows": [
            {"from": "region", "to": "b", "kind": "money", "label": "Aide", "amount_eur": 1000},
            {"from": "client", "to": "s", "kind": "in_kind", "label": "Salle", "amount_eur": 800},
            {"from": "a", "to": "s", "kind": "money", "label": "Cotisation", "amount_eur": 300},
        ],
        "sharing": {"surplus": "by_weights", "weights": {"a": 1, "b": 1, "c": 0}},
        "scenarios": [{"id": "sans-b", "name": "Sans B", "changes": [{"leave": "b"}]}],
    }
    data.update(changes)
    return data


def classes(budget: Budget) -> tuple[dict[str, float], dict[str, float]]:
    """Non-zero class totals of both sides, class 74 per funder as ``74 <id>``."""
    charges = {k: v for k, v in budget.charges_by_class().items() if v}
    produits = {k: v for k, v in budget.produits_by_class().items() if v and k != "74"}
    produits |= {f"74 {k}": v for k, v in budget.subsidies().items()}
    return charges, produits


@pytest.fixture(scope="module")
def budgets():  # type: ignore[no-untyped-def]
    return cooperation_budgets(validate_cooperation(model()))


def test_the_shared_entity_budget_by_hand(budgets) -> None:  # type: ignore[no-untyped-def]
    s = budgets.of("s")
    assert classes(s) == (
        {"62": 2000, "64": 3000, "68": 1000},
        {"70": 6000, "74 metropole": 5000, "75": 2300},
    )
    assert s.result_eur == pytest.approx(7300)
    assert s.uses_in_kind_eur == pytest.approx(2800)
    assert {line.account for line in s.uses_in_kind} == {"861", "864"}
    assert sum(x.amount_eur for x in s.lines_of("86", "861")) == pytest.approx(1500 + 800)
    assert sum(x.amount_eur for x in s.lines_of("87", "870")) == pytest.approx(200 + 300)


def test_member_budgets_by_hand(budgets) -> None:  # type: ignore[no-untyped-def]
    a, b, c = budgets.of("a"), budgets.of("b"), budgets.of("c")
    assert classes(a) == (
        {"60": 1000, "61": 2000, "62": 500, "64": 4000, "65": 300},
        {"70": 12000, "74 region": 4000, "75": 3650},
    )
    assert a.result_eur == pytest.approx(11850)
    assert a.uses_in_kind_eur == pytest.approx(500)
    assert [line.account for line in a.charges if line.label == "Honoraires"] == ["6226"]
    assert {line.account for line in a.produits if line.origin == "reimbursement"} == {"708"}
    assert {line.account for line in a.produits if line.origin == "share"} == {"755"}
    assert classes(b) == ({"64": 1500}, {"74 region": 1000, "75": 3650})
    assert b.result_eur == pytest.approx(3150)
    assert b.uses_in_kind_eur == 0
    assert c.charges == c.produits == c.uses_in_kind == ()


def test_the_action_consolidates_and_balances(budgets) -> None:  # type: ignore[no-untyped-def]
    action = budgets.action
    assert action.party == ACTION
    assert classes(action) == (
        {"60": 1000, "62": 500, "64": 8500, "68": 1000},
        {"70": 16000, "74 metropole": 5000, "74 region": 5000},
    )
    assert action.charges_total_eur == pytest.approx(11000)
    assert action.produits_total_eur == pytest.approx(26000)
    assert action.result_eur == pytest.approx(15000)
    assert action.uses_in_kind_eur == action.resources_in_kind_eur == pytest.approx(1800)
    labels = {line.label for line in [*action.charges, *action.produits]}
    assert not labels & {"Loyer", "Cotisation"}  # internal lines cancel
    assert not [line for line in action.produits if line.origin in ("share", "reimbursement")]


def test_every_budget_equals_the_evaluation(budgets) -> None:  # type: ignore[no-untyped-def]
    ev = evaluate(validate_cooperation(model()))
    for m in ev.members:
        assert budgets.of(m.id).result_eur == pytest.approx(m.cash_result_eur)
    assert budgets.shared_entity.result_eur == pytest.approx(ev.shared_entity.result_eur)
    assert budgets.action.result_eur == pytest.approx(ev.collective.result_eur)
    for b in budgets.all:
        assert b.charges_total_eur + b.result_eur == pytest.approx(b.produits_total_eur)
        assert b.uses_in_kind_eur == pytest.approx(b.resources_in_kind_eur)


def test_funder_rates_with_and_without_volunteering(budgets) -> None:  # type: ignore[no-untyped-def]
    action = {f.id: f for f in budgets.action.funders}
    region, metropole = action["region"], action["metropole"]
    assert region.amount_eur == 5000
    assert region.rate == pytest.approx(5000 / 11000)  # 45 %
    assert region.rate_with_volunteering == pytest.approx(5000 / 12800)  # 39 %
    assert region.counted_rate == pytest.approx(5000 / 12800)  # it counts volunteering
    assert region.over_max_rate  # 39 % > 30 %
    assert metropole.counted_rate == pytest.approx(5000 / 11000)  # 45 % ≤ 50 %
    assert not metropole.over_max_rate
    s = {f.id: f for f in budgets.of("s").funders}
    assert s["metropole"].rate == pytest.approx(5000 / 6000)  # 83 % of S's own charges
    assert s["metropole"].over_max_rate
    assert [f.id for f in budgets.of("c").funders] == []


def test_replaced_hours_land_in_62_when_a_member_leaves() -> None:
    coop = validate_cooperation(model())
    s = cooperation_budgets(coop, "sans-b").of("s")
    replaced = [line for line in s.charges if line.account == "621" and line.origin == "line"]
    # B's 50 paid and 20 volunteer hours bought at B's hourly cost: 70 × 30
    assert [line.amount_eur for line in replaced] == [2100]
    assert s.charges_by_class()["62"] == pytest.approx(2000 + 2100)
    assert s.result_eur == pytest.approx(evaluate(coop, "sans-b").shared_entity.result_eur)
    assert [b.party for b in cooperation_budgets(coop, "sans-b").members] == ["a", "c"]


def test_an_investment_depreciates_in_68_and_its_grant_share_is_777() -> None:
    investment = {
        "id": "four",
        "carrier": "a",
        "label": "Four",
        "amount_eur": 10000,
        "year": 2,
        "lifetime_years": 5,
        "grant_eur": 5000,
        "from": "region",
    }
    coop = validate_cooperation(
        model(plan={"start_year": 2027, "years": 2}, investments=[investment])
    )
    first, second = (years.of("a") for years in plan_budgets(coop))
    assert (first.year, second.year) == (2027, 2028)
    assert second.charges_by_class()["68"] - first.charges_by_class()["68"] == 2000
    assert first.produits_by_class()["77"] == 0
    assert second.produits_by_class()["77"] == 1000
    assert [line.account for line in second.produits if line.account_class == "77"] == ["777"]
    assert second.subsidies() == first.subsidies()  # the grant share is not a subsidy (74)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("purchase", "60"),
        ("energy", "60"),
        ("rent", "61"),
        ("insurance", "61"),
        ("subcontracting", "61"),
        ("service", "62"),
        ("fee", "62"),
        ("transport", "62"),
        ("tax", "63"),
        ("staff", "64"),
        ("other", "65"),
        ("depreciation", "68"),
    ],
)
def test_each_cost_kind_lands_in_its_class(kind: str, expected: str) -> None:
    line = CostLine.model_validate({"label": "x", "amount_eur": 1, "kind": kind})
    assert account_class(cost_account(line)) == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("sales", "707"),
        ("service", "706"),
        ("subsidy", "74"),
        ("membership", "75"),
        ("donation", "75"),
        ("sponsorship", "75"),
        ("rent", "75"),
        ("other", "75"),
    ],
)
def test_each_revenue_kind_lands_in_its_account(kind: str, expected: str) -> None:
    line = RevenueLine.model_validate({"label": "x", "amount_eur": 1, "kind": kind})
    assert revenue_account(line) == expected


def test_every_kind_has_an_account() -> None:
    assert len(COST_KINDS) == 12 and len(REVENUE_KINDS) == 8  # the two tables above


def test_an_account_overrides_the_kind_and_may_be_written_as_a_number() -> None:
    line = RevenueLine.model_validate(
        {"label": "x", "amount_eur": 1, "kind": "sales", "account": 7088}
    )
    assert revenue_account(line) == "7088"


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        ("revenue", "6132", "a revenue line's account is a produit account (70 to 79), got '6132'"),
        ("cost", "706", "a cost line's account is a charge account (60 to 69), got '706'"),
        ("cost", "61a", "'61a' is not an account number"),
        ("cost", "6", "'6' is not an account number"),
    ],
)
def test_a_wrong_account_is_refused_at_its_path(where: str, value: str, message: str) -> None:
    data = model()
    side = "revenues" if where == "revenue" else "costs"
    data["activities"][0][side][0]["account"] = value
    with pytest.raises(InvalidModelError) as error:
        validate_cooperation(data)
    [problem] = error.value.problems
    assert problem.path == f"activities.a1.{side}[0].account"
    assert problem.message.startswith(message)


def test_funder_terms_belong_to_funders() -> None:
    data = model()
    data["actors"][2]["max_rate"] = 0.5
    with pytest.raises(InvalidModelError) as error:
        validate_cooperation(data)
    [problem] = [p for p in error.value.problems if p.path == "actors.client.max_rate"]
    assert problem.message == (
        "max_rate is a funder's term: give the actor kind funder or public (here customer)"
    )
    data = model()
    data["actors"][0]["max_rate"] = 1.5
    with pytest.raises(InvalidModelError) as error:
        validate_cooperation(data)
    assert error.value.problems[0].path == "actors.region.max_rate"


def test_a_line_kept_with_the_market_when_its_carrier_leaves_keeps_its_class() -> None:
    """B sells A meals (500, sales): A buys them (60). Without B, A keeps buying them
    from the market (a payer keeps what it buys): still 60, not a money flow's 65."""
    data = model()
    data["activities"].append(
        {
            "id": "b1",
            "name": "Cantine de B",
            "carrier": "b",
            "revenues": [{"label": "Repas", "amount_eur": 500, "from": "a", "kind": "sales"}],
        }
    )
    coop = validate_cooperation(data)
    before = cooperation_budgets(coop).of("a")
    after = cooperation_budgets(coop, "sans-b").of("a")
    assert before.charges_by_class()["60"] == after.charges_by_class()["60"] == 1000 + 500
    assert after.charges_by_class()["65"] == 300  # only its membership fee to S
    assert after.result_eur == pytest.approx(evaluate(coop, "sans-b").member("a").cash_result_eur)
