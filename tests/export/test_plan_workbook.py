"""The workbook of a plan over time: a sheet per year, the plan, the monthly cash plan.

The plan here (three years from 2027): Atelier sells 300, 900 and 1,500 € and pays
600 € rent a year; Boutique starts with 1,000 € and pays a 120 € stand a year, a
grant of 240 € a year coming to it in month 15 (March of the next year); Commun
buys a 1,200 € oven in April 2027 (over 4 years, a 400 € grant) and sells 500 € a
year at the market. Commun's result: 500 − 300 + 100 = 300 € a year.
"""

from __future__ import annotations

import re
from functools import cache
from io import BytesIO
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bm3c.engine.plan import PlanEvaluation, evaluate_plan
from bm3c.export.workbook import money_format, workbook_bytes
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.texts.i18n import translate
from tests.conftest import build

PLAN: dict[str, Any] = {
    "bm3c": 1,
    "name": "Trois ans",
    "plan": {"start_year": 2027, "years": 3},
    "shared_entity": {"id": "commun", "name": "Commun"},
    "members": [
        {"id": "a", "name": "Atelier", "hourly_cost_eur": 20.0},
        {"id": "b", "name": "Boutique", "hourly_cost_eur": 30.0},
    ],
    "activities": [
        {
            "id": "ventes",
            "name": "Ventes",
            "carrier": "a",
            "revenues": [{"label": "Ventes", "amount_eur": [300, 900, 1500]}],
            "costs": [{"label": "Loyer", "amount_eur": 600}],
        },
        {
            "id": "stand",
            "name": "Stand",
            "carrier": "b",
            "revenues": [
                {"label": "Aide", "amount_eur": 240, "kind": "subsidy", "paid": {"month": 15}}
            ],
            "costs": [{"label": "Stand", "amount_eur": 120}],
        },
        {
            "id": "marche",
            "name": "Marché",
            "carrier": "commun",
            "revenues": [{"label": "Marché", "amount_eur": 500}],
        },
    ],
    "investments": [
        {
            "id": "four",
            "carrier": "commun",
            "label": "Four",
            "amount_eur": 1200,
            "year": 1,
            "month": 4,
            "lifetime_years": 4,
            "grant_eur": 400,
        }
    ],
    "opening_cash_eur": {"b": 1000},
}
YEARS = (2027, 2028, 2029)


def plan_model(years: int = 3) -> Cooperation:
    """The plan above, or its first ``years`` years."""
    ventes = PLAN["activities"][0]
    sales = {**ventes["revenues"][0], "amount_eur": ventes["revenues"][0]["amount_eur"][:years]}
    activities = [{**ventes, "revenues": [sales]}, *PLAN["activities"][1:]]
    plan = {"start_year": 2027, "years": years}
    return validate_cooperation(PLAN | {"plan": plan, "activities": activities})


@cache
def book(lang: str = "fr", years: int = 3) -> Workbook:
    return load_workbook(BytesIO(workbook_bytes(plan_model(years), lang)))


@cache
def evaluated(years: int = 3) -> PlanEvaluation:
    return evaluate_plan(plan_model(years))


def tr(key: str, lang: str = "fr", **values: Any) -> str:
    return str(translate(key, lang, **values))


def blocks(ws: Worksheet) -> list[list[dict[str, Any]]]:
    """Each block of rows (a header, then rows up to a blank row) as dicts by title."""
    found: list[list[dict[str, Any]]] = []
    header: list[Any] | None = None
    for row in ws.iter_rows(values_only=True):
        if all(v is None for v in row):
            header = None
            continue
        if header is None:
            header = list(row)
            found.append([])
            continue
        found[-1].append({h: v for h, v in zip(header, row, strict=True) if h is not None})
    return found


def by_id(rows: list[dict[str, Any]], lang: str = "fr") -> dict[str, dict[str, Any]]:
    return {r[tr("structures.id", lang)]: r for r in rows if r.get(tr("structures.id", lang))}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_sheet_per_year_after_the_plan_and_the_cash_plan(lang: str) -> None:
    names = book(lang).sheetnames
    plan_sheets = [
        tr("workbook.plan.sheet.plan", lang, first=2027, last=2029),
        tr("workbook.plan.sheet.cash", lang),
        *(tr("workbook.plan.sheet.year", lang, year=y) for y in YEARS),
    ]
    assert names[: 1 + len(plan_sheets)] == [tr("workbook.sheet.summary", lang), *plan_sheets]
    assert tr("workbook.sheet.member_results", lang) in names  # the usual sheets stay
    assert len(set(names)) == len(names)
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)
    assert "Résultats 2028" in book("fr").sheetnames
    assert "Trésorerie" in book("fr").sheetnames


def test_the_cash_sheet_has_months_as_columns_and_the_engines_balances() -> None:
    ws = book()["Trésorerie"]
    header = [c.value for c in ws[1]]
    months = [f"{y}-{m:02d}" for y in YEARS for m in range(1, 13)]
    assert header[3:] == months
    cash = evaluated().cash
    rows = by_id(blocks(ws)[0])
    assert list(rows) == list(cash.parties)
    for i, party in enumerate(cash.parties):
        assert rows[party][header[2]] == pytest.approx(float(cash.opening[i]))
        assert [rows[party][m] for m in months] == pytest.approx(list(cash.balances[i]))
    assert rows["b"]["2027-01"] == pytest.approx(1000 + (240 - 120 - 240) / 12)
    formats = {ws.cell(r, c).number_format for r in range(2, 5) for c in range(3, 40)}
    assert formats == {money_format("EUR", "fr")}
    assert all(
        isinstance(ws.cell(r, c).value, float | int) for r in range(2, 5) for c in range(3, 40)
    )


def test_each_year_sheet_holds_that_years_figures() -> None:
    plan = evaluated()
    for i, year in enumerate(YEARS):
        ws = book()[f"Résultats {year}"]
        members, whole, activities = blocks(ws)
        ev = plan.years[i]
        rows = by_id(members)
        for m in ev.members:
            assert rows[m.id][tr("common.cash_result")] == pytest.approx(m.cash_result_eur)
            party = plan.party(m.id)
            assert rows[m.id][tr("workbook.plan.cash_flow")] == pytest.approx(party.cash_flows[i])
            assert rows[m.id][tr("workbook.plan.cash_end")] == pytest.approx(party.cash_ends[i])
        items = {r[tr("workbook.item")]: r[tr("workbook.value")] for r in whole}
        assert items[tr("sharing.shared_result")] == pytest.approx(ev.shared_entity.result_eur)
        assert items[tr("overview.collective_result")] == pytest.approx(ev.collective.result_eur)
        results = {r[tr("common.activity")]: r[tr("activities.result")] for r in activities}
        assert results == pytest.approx({a.name: a.result_eur for a in ev.activities})
    atelier = by_id(blocks(book()["Résultats 2028"])[0])["a"][tr("common.cash_result")]
    assert atelier == pytest.approx(300 + 150)  # its own 300 €, half of Commun's 300 €


def test_the_shared_entitys_year_holds_its_oven() -> None:
    """Depreciation 1,200 / 4 = 300 € a year, the grant's share 400 / 4 = 100 €."""
    whole = blocks(book()["Résultats 2027"])[1]
    items = {r[tr("workbook.item")]: r[tr("workbook.value")] for r in whole}
    assert items[tr("sharing.shared_result")] == pytest.approx(500 - 300 + 100)


def test_the_plan_sheet_gives_results_break_even_and_cash_low_points() -> None:
    plan = evaluated()
    results, cash, due = blocks(book()["Plan 2027–2029"])[:3]
    rows = by_id(results)
    for party in plan.parties:
        assert [rows[party.id][str(y)] for y in YEARS] == pytest.approx(list(party.results))
        assert rows[party.id][tr("workbook.plan.cumulated")] == pytest.approx(party.cumulated[-1])
        expected = party.break_even_year or tr("workbook.plan.never")
        assert rows[party.id][tr("workbook.plan.break_even")] == expected
    assert rows["a"][tr("workbook.plan.break_even")] == 2028  # −150, 450, 1,050
    lows = by_id(cash)
    for party in plan.parties:
        low = lows[party.id]
        assert low[tr("workbook.plan.low", symbol="€")] == pytest.approx(party.cash_low.eur)
        assert low[tr("workbook.plan.low_month")] == party.cash_low.month
        assert low[tr("workbook.plan.needed")] == pytest.approx(party.cash_needed_eur)
        assert low[tr("workbook.plan.due_after")] == pytest.approx(party.due_after_eur)
    late = [(r[tr("workbook.plan.due_what")], r[tr("workbook.plan.month")]) for r in due]
    assert ("Aide", "2030-03") in late  # Boutique's 2029 grant comes after the plan


def test_the_summary_says_the_other_sheets_are_the_first_years() -> None:
    ws = book()[tr("workbook.sheet.summary")]
    texts = [c.value for c in ws["A"] if isinstance(c.value, str)]
    assert tr("workbook.plan.first_year", year="2027") in texts


def test_a_one_year_plan_has_its_cash_plan_but_no_year_sheets() -> None:
    names = book("fr", 1).sheetnames
    assert "Trésorerie" in names
    assert not any(n.startswith("Résultats 20") for n in names)
    assert [c.value for c in book("fr", 1)["Trésorerie"][1]][3:] == [
        f"2027-{m:02d}" for m in range(1, 13)
    ]


def test_a_model_without_plan_has_no_plan_sheets() -> None:
    names = load_workbook(BytesIO(workbook_bytes(build()))).sheetnames
    assert "Trésorerie" not in names
    assert not any(n.startswith(("Plan ", "Résultats 20")) for n in names)
