"""The Excel workbook holds the engine's numbers, in either language, safely.

Cells are found by their column titles (the catalog's texts), never by position
alone. Each workbook is built once per model and language (charts take time).
openpyxl writes numbers with 16 significant digits, so a figure read back is the
engine's to 1e-15 of its size (17 digits would be exact): :func:`same`.
"""

from __future__ import annotations

import re
import zipfile
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from bm3c.engine import compare_scenarios, evaluate, impacts_table, workload_table
from bm3c.engine.tables import BREAKDOWN_KEYS
from bm3c.export.sheets import FIGURE_KEYS
from bm3c.export.workbook import money_format, workbook_bytes
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.years import year_view
from bm3c.present.alone_words import alone_sentences
from bm3c.synthetic import synthetic_cooperation
from bm3c.texts.i18n import translate
from tests.conftest import EXAMPLES, build

SHEETS = (
    "summary",
    "members",
    "activities",
    "lines",
    "work",
    "flows",
    "member_results",
    "alone",
    "shared_entity",
    "scenarios",
    "impacts",
    "charts",
)
MEMBER_COLUMNS = {
    "cash_result_eur": "common.cash_result",
    "stand_alone_result_eur": "common.stand_alone",
    "gain_from_cooperation_eur": "common.gain",
    "economic_result_eur": "common.economic_result",
    **{key: f"sharing.step.{key.removesuffix('_eur')}" for key in BREAKDOWN_KEYS},
    "paid_hours": "common.paid_hours",
    "volunteer_hours": "common.volunteer_hours",
    "volunteer_value_eur": "overview.volunteer_value",
    "capacity_hours": "workbook.capacity_hours",
    "load_ratio": "common.load",
}
FORMULA_TEXTS = (
    '=HYPERLINK("http://x","y")',
    "+33 6 12 34 56 78",
    "-20 % remise",
    "@SUM(A1)",
    "=1+1",
    "\tTabulé",
    "#N/A",
)


def small_cooperation() -> Cooperation:
    """Two members, a shared café and one own activity, a flow, a scenario, impacts.

    By hand (DOMAIN's rules): the café earns 10,000 − 2,000 − 100 h × 20 (A's
    staff) = 6,000, reimbursed to A: its result R = 10,000 − 2,000 − 2,000 − 500
    (money flow to B) = 5,500; reserve 20 % = 1,100, D = 4,400 shared equally:
    2,200 each. A: −2,000 staff + 2,000 reimbursed + 2,200 = 2,200. B: own
    activity 3,000 − 40 h × 30 = 1,800, + 500 flow + 2,200 = 4,500.
    """
    return build(
        shared_entity={"id": "commun", "name": "Commun", "reserve_fraction": 0.2},
        members=[
            {"id": "a", "name": "A", "hourly_cost_eur": 20.0, "capacity_hours": 80.0},
            {"id": "b", "name": "B", "hourly_cost_eur": 30.0},
        ],
        actors=[{"id": "ville", "name": "Ville", "kind": "funder"}],
        activities=[
            {
                "id": "cafe",
                "name": "Café",
                "carrier": "commun",
                "revenues": [
                    {"label": "Repas", "quantity": 1000.0, "unit_price_eur": 8.0},
                    {"label": "Subvention", "amount_eur": 2000.0, "from": "ville"},
                ],
                "costs": [{"label": "Denrées", "amount_eur": 2000.0}],
                "work": [
                    {"member": "a", "paid_hours": 100.0, "reimbursed": True},
                    {"member": "b", "volunteer_hours": 10.0},
                ],
                "impacts": {"repas": 1000.0},
            },
            {
                "id": "ateliers",
                "name": "Ateliers",
                "carrier": "b",
                "revenues": [{"label": "Ventes", "amount_eur": 3000.0}],
                "work": [{"member": "b", "paid_hours": 40.0}],
                "impacts": {"repas": 50.0, "emplois": 0.5},
            },
        ],
        flows=[
            {"from": "commun", "to": "b", "kind": "money", "label": "Aide", "amount_eur": 500.0},
            {"from": "a", "to": "commun", "kind": "intangible", "label": "Réseau"},
        ],
        indicators=[{"id": "repas", "label_fr": "Repas servis", "label_en": "Meals", "unit": "u"}],
        scenarios=[
            {
                "id": "sans-subvention",
                "name": "Sans subvention",
                "changes": [
                    {"set": "activities.cafe.revenues.Subvention.amount_eur", "value": 0.0}
                ],
            },
            {
                "id": "prix",
                "name": "Prix en hausse",
                "changes": [{"scale": "activities.*.revenues.*.unit_price_eur", "by": 1.25}],
            },
        ],
    )


def formula_cooperation() -> Cooperation:
    """Texts typed to look like formulas, in every place a user writes text."""
    hyperlink, phone, discount, at_sum, one_plus_one, tab, error = FORMULA_TEXTS
    return build(
        description=tab,
        members=[
            {"id": "a", "name": hyperlink, "hourly_cost_eur": 20.0, "legal_form": error},
            {"id": "b", "name": phone, "hourly_cost_eur": 30.0},
        ],
        actors=[{"id": "x", "name": one_plus_one}],
        activities=[
            {
                "id": "cafe",
                "name": discount,
                "carrier": "commun",
                "revenues": [{"label": discount, "amount_eur": 100.0, "from": "x"}],
                "costs": [{"label": at_sum, "amount_eur": 5000.0, "description": hyperlink}],
                "work": [{"member": "a", "paid_hours": 10.0}],
            }
        ],
        flows=[{"from": "a", "to": "b", "kind": "money", "label": at_sum, "amount_eur": 1.0}],
        scenarios=[
            {
                "id": "s",
                "name": one_plus_one,
                "changes": [{"set": "activities.cafe.costs.@SUM(A1).amount_eur", "value": 0.0}],
            }
        ],
    )


MODELS: dict[str, Any] = {p.stem: p for p in EXAMPLES} | {
    "small": small_cooperation,
    "formulas": formula_cooperation,
}


@cache
def model(name: str) -> Cooperation:
    source = MODELS[name]
    return load_cooperation(source) if isinstance(source, Path) else source()


@cache
def workbook_data(name: str, lang: str) -> bytes:
    return workbook_bytes(model(name), lang)


def book(name: str, lang: str = "fr") -> Workbook:
    return load_workbook(BytesIO(workbook_data(name, lang)))


def tr(key: str, lang: str = "fr", **values: Any) -> str:
    return str(translate(key, lang, **values))


def budget_sheet_names(names: list[str], lang: str) -> list[str]:
    """The budget sheets among a workbook's sheets (export/budget_workbook.py)."""
    prefix = tr("workbook.budget.sheet", lang, name="")
    own = (tr("workbook.budget.sheet.funders", lang), tr("workbook.budget.sheet.lines", lang))
    return [n for n in names if n.startswith(prefix) or n in own]


def sheet(wb: Workbook, key: str, lang: str = "fr") -> Worksheet:
    ws: Worksheet = wb[tr(f"workbook.sheet.{key}", lang)]
    return ws


def tables(ws: Worksheet) -> list[list[dict[str, Any]]]:
    """Each block of rows (a header, then rows up to a blank row) as dicts by title."""
    blocks: list[list[dict[str, Any]]] = []
    header: list[Any] | None = None
    for row in ws.iter_rows(values_only=True):
        if all(v is None for v in row):
            header = None
            continue
        if header is None:
            header = list(row)
            blocks.append([])
            continue
        blocks[-1].append({h: v for h, v in zip(header, row, strict=True) if h is not None})
    return blocks


def table(ws: Worksheet) -> list[dict[str, Any]]:
    return tables(ws)[0]


def by_item(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {r[tr("workbook.item")]: r[tr("workbook.value")] for r in rows}


ENGINE_MODELS = [p.stem for p in EXAMPLES] + ["small"]


def test_the_small_cooperation_by_hand() -> None:
    results = {r[tr("structures.id")]: r for r in table(sheet(book("small"), "member_results"))}
    assert results["a"][tr("common.cash_result")] == pytest.approx(2200.0)
    assert results["b"][tr("common.cash_result")] == pytest.approx(4500.0)
    shared = by_item(tables(sheet(book("small"), "shared_entity"))[0])
    assert shared[tr("sharing.reserve_amount")] == pytest.approx(1100.0)
    assert shared[tr("sharing.distributed")] == pytest.approx(4400.0)


@pytest.mark.parametrize("name", ENGINE_MODELS)
def test_member_results_are_the_engines(name: str) -> None:
    ev = evaluate(model(name))
    rows = table(sheet(book(name), "member_results"))
    assert [r[tr("structures.id")] for r in rows] == [m.id for m in ev.members]
    for m, row in zip(ev.members, rows, strict=True):
        assert row[tr("common.member")] == m.name
        for field, key in MEMBER_COLUMNS.items():
            assert row[tr(key)] == same(getattr(m, field)), (m.id, field)
        expected = "workbook.yes" if m.overloaded else "workbook.no"
        assert row[tr("workbook.overloaded")] == tr(expected)


def test_the_small_cooperations_alone_assumption_by_hand() -> None:
    """B receives the shared entity's 500 € Aide (a money flow between insiders): alone,
    the payee drops it by default, so it comes to 0 € for B instead of 500 €."""
    for lang in ("fr", "en"):
        [row] = table(sheet(book("small", lang), "alone", lang))
        assert row == {
            tr("common.member", lang): "B",
            tr("alone.sheet_path", lang): "flows.Aide",
            tr("alone.sheet_policy", lang): tr("alone.policy.drop", lang),
            tr("alone.sheet_amount", lang, symbol="€"): 0.0,
            tr("alone.sheet_usual", lang, symbol="€"): 500.0,
            tr("alone.sheet_sentence", lang): {
                "fr": "Seule, B perdrait « Aide » (500\u00a0€ reçus de Commun aujourd'hui)",
                "en": "Alone, B would lose “Aide” (€500 received from Commun today)",
            }[lang],
        }
    assert tr("alone.meaning") in [c.value for c in sheet(book("small"), "alone")["A"]]


@pytest.mark.parametrize("name", ENGINE_MODELS)
def test_alone_assumptions_are_the_engines(name: str) -> None:
    ev = evaluate(model(name))
    sentences = alone_sentences(ev, "fr")
    expected = [
        {
            tr("common.member"): m.name,
            tr("alone.sheet_path"): a.path,
            tr("alone.sheet_policy"): tr(f"alone.policy.{a.policy}"),
            tr("alone.sheet_amount", symbol="€"): same(a.amount_eur),
            tr("alone.sheet_usual", symbol="€"): same(a.usual_eur),
            tr("alone.sheet_sentence"): sentence,
        }
        for m in ev.members
        for a, sentence in zip(m.alone_assumptions, sentences[m.id], strict=True)
    ]
    assert expected
    assert table(sheet(book(name), "alone")) == expected


def test_a_model_without_alone_assumptions_says_so() -> None:
    coop = build(
        activities=[
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "a",
                "revenues": [{"label": "Ventes", "amount_eur": 1000.0}],
            }
        ]
    )
    ws = load_workbook(BytesIO(workbook_bytes(coop, "en")))[tr("workbook.sheet.alone", "en")]
    assert ws["A1"].value == tr("alone.sheet_none", "en")
    assert ws.max_row == 1


@pytest.mark.parametrize("name", ENGINE_MODELS)
def test_shared_entity_figures_and_shares_are_the_engines(name: str) -> None:
    ev = evaluate(model(name))
    se = ev.shared_entity
    figures, shares = tables(sheet(book(name), "shared_entity"))
    items = by_item(figures)
    assert items[tr("sharing.shared_result")] == same(se.result_eur)
    assert items[tr("sharing.reserve_amount")] == same(se.reserve_eur)
    assert items[tr("sharing.distributed")] == same(se.distributed_eur)
    assert items[tr("common.economic_result")] == same(se.economic_result_eur)
    assert items[tr("sharing.reserve")] == same(model(name).shared_entity.reserve_fraction)
    assert items[tr("workbook.rule_used")] == tr(f"sharing.rule.{se.rule_used}")
    assert items[tr("sharing.surplus")] == tr(f"sharing.rule.{se.surplus_rule}")
    assert items[tr("sharing.deficit")] == tr(f"sharing.rule.{se.deficit_rule}")
    got = {r[tr("structures.id")]: r[tr("common.share")] for r in shares}
    assert got == {m.id: same(m.shared_share_eur) for m in ev.members}


@pytest.mark.parametrize("name", ENGINE_MODELS)
def test_work_lines_are_the_engines(name: str) -> None:
    ev = evaluate(model(name))
    expected = workload_table(ev)
    rows = table(sheet(book(name), "work"))
    assert len(rows) == len(expected)
    activities = {a.id: a.name for a in ev.activities}
    for w, row in zip(expected.itertuples(), rows, strict=True):
        assert row[tr("common.member")] == ev.member(str(w.member)).name
        assert row[tr("common.activity")] == activities[str(w.activity)]
        assert row[tr("common.paid_hours")] == same(w.paid_hours)
        assert row[tr("common.volunteer_hours")] == same(w.volunteer_hours)
        assert row[tr("work.reimbursed")] == tr("workbook.yes" if w.reimbursed else "workbook.no")
        assert row[tr("work.staff_cost")] == same(w.staff_cost_eur)
        assert row[tr("overview.volunteer_value")] == same(w.volunteer_value_eur)


@pytest.mark.parametrize("name", ENGINE_MODELS)
def test_activities_and_their_lines_are_the_engines(name: str) -> None:
    coop, ev = model(name), evaluate(model(name))
    rows = {r[tr("structures.id")]: r for r in table(sheet(book(name), "activities"))}
    assert list(rows) == [a.id for a in ev.activities]
    for a in ev.activities:
        row = rows[a.id]
        assert row[tr("activities.revenue")] == same(a.revenue_eur)
        assert row[tr("activities.costs")] == same(a.cost_eur)
        assert row[tr("activities.staff_cost")] == same(a.staff_cost_eur)
        assert row[tr("activities.result")] == same(a.result_eur)
        assert row[tr("workbook.shared_activity")] == tr(
            "workbook.yes" if a.shared else "workbook.no"
        )
    lines = table(sheet(book(name), "lines"))
    amount = tr("activities.amount", symbol="€")
    expected = [
        same(line.total_eur)
        for a in sorted(year_view(coop, 0).activities, key=lambda a: a.id)  # the first year's
        for line in (*a.revenues, *a.costs)
    ]
    assert [r[amount] for r in lines] == expected


@pytest.mark.parametrize("name", ENGINE_MODELS)
def test_scenario_comparison_is_the_engines(name: str) -> None:
    comparison = compare_scenarios(model(name))
    ws = sheet(book(name), "scenarios")
    if not comparison.scenarios:
        assert ws["A1"].value == tr("workbook.no_scenarios")
        return
    rows = table(ws)
    found = {
        (r[tr("workbook.level")], r[tr("structures.id")], r[tr("workbook.figure")]): r for r in rows
    }
    names = {e.scenario: e.scenario_name for e in comparison.scenarios}
    for r in comparison.table.itertuples():
        level = tr(f"workbook.level.{r.scope}")
        entity = None if r.scope == "collective" else r.entity
        row = found[(level, entity, tr(FIGURE_KEYS[(r.scope, r.figure)]))]
        assert row[tr("common.base")] == same(r.base)
        assert row[names[r.scenario]] == same(r.value)
        assert row[tr("scenarios.delta", name=names[r.scenario])] == same(r.difference)


def same(expected: Any) -> Any:
    """The engine's figure as the workbook holds it (None for no value)."""
    if expected is None or expected != expected:
        return None
    if isinstance(expected, bool):
        return expected
    return pytest.approx(float(expected), rel=1e-15, abs=1e-12)


@pytest.mark.parametrize("name", ENGINE_MODELS)
def test_impacts_are_the_engines(name: str) -> None:
    ev = evaluate(model(name))
    expected = impacts_table(ev)
    ws = sheet(book(name), "impacts")
    if expected.empty:
        assert ws["A1"].value == tr("workbook.no_impacts")
        return
    rows = table(ws)
    assert [r[tr("workbook.indicator_key")] for r in rows] == list(expected["indicator"])
    assert [r[tr("impacts.value")] for r in rows] == [same(v) for v in expected["value"]]
    territory = [r for r in rows if r[tr("impacts.level")] == tr("impacts.territory_level")]
    assert {r[tr("workbook.indicator_key")]: r[tr("impacts.value")] for r in territory} == {
        key: same(value) for key, value in ev.impacts.collective.items()
    }


def test_indicators_show_their_declared_label_in_each_language() -> None:
    fr = table(sheet(book("small"), "impacts"))
    en = table(sheet(book("small", "en"), "impacts", "en"))
    assert {r[tr("impacts.indicator")] for r in fr} == {"Repas servis", "emplois"}
    assert {r[tr("impacts.indicator", "en")] for r in en} == {"Meals", "emplois"}


def test_formula_like_text_stays_text_equal_to_what_was_typed() -> None:
    wb = book("formulas")
    seen: dict[str, int] = dict.fromkeys(FORMULA_TEXTS, 0)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in seen:
                    seen[cell.value] += 1
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    assert cell.quotePrefix or cell.value == "#N/A", (ws.title, cell.coordinate)
    assert all(seen.values()), seen
    budget = set(budget_sheet_names(wb.sheetnames, "fr"))
    # the budget sheets' totals are formulas of our own, over cells, never a typed text
    ours = re.compile(r"^=[A-Z0-9(),:+\-/<>=.!$ ]*$")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert ws.title in budget, (ws.title, cell.coordinate)
                    own = str(cell.value).replace("'Budget – L’action'", "A")
                    own = own.replace('"Oui"', "1").replace('"Non"', "0").replace('""', "0")
                    assert ours.match(own), (ws.title, cell.coordinate, cell.value)
    with zipfile.ZipFile(BytesIO(workbook_data("formulas", "fr"))) as archive:
        for i, name in enumerate(wb.sheetnames, start=1):
            if name in budget:
                continue
            part = archive.read(f"xl/worksheets/sheet{i}.xml").decode()
            assert "<f>" not in part and "<f " not in part, name


def test_numbers_are_never_neutralised() -> None:
    ws = sheet(book("formulas"), "member_results")
    column = [c.value for c in ws[1]].index(tr("common.gain")) + 1
    gains = [ws.cell(r, column) for r in range(2, ws.max_row + 1)]
    assert any(g.value < 0 for g in gains)
    assert all(g.data_type == "n" and not g.quotePrefix for g in gains)


def test_characters_xml_cannot_hold_are_shown_escaped() -> None:
    coop = build(description="avant\x01après")
    items = by_item(table(sheet(load_workbook(BytesIO(workbook_bytes(coop))), "summary")))
    assert items[tr("structures.description")] == "avant\\x01après"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sheets_are_named_in_the_language_asked(lang: str) -> None:
    names = book("small", lang).sheetnames
    base = [tr(f"workbook.sheet.{key}", lang) for key in SHEETS]
    budget = budget_sheet_names(names, lang)
    assert [n for n in names if n not in budget] == base
    assert names[-1] == base[-1]  # the charts stay last, after the budget sheets
    action = tr("workbook.budget.sheet", lang, name=tr("budget.action.short", lang))
    assert budget[0] == action.replace("'", "’")
    assert budget[-2:] == [
        tr("workbook.budget.sheet.funders", lang),
        tr("workbook.budget.sheet.lines", lang),
    ]
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)


def test_sheet_names_differ_between_languages() -> None:
    assert book("small", "fr").sheetnames != book("small", "en").sheetnames


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_headers_are_bold_frozen_and_filtered(lang: str) -> None:
    wb = book("small", lang)
    for key in SHEETS[:-1]:
        ws = sheet(wb, key, lang)
        assert ws.freeze_panes in ("A2", "B2"), ws.title
        assert ws["A1"].font.b, ws.title
    for key in ("members", "activities", "lines", "work", "flows", "member_results"):
        ws = sheet(wb, key, lang)
        assert ws.freeze_panes == "B2", ws.title
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"


def test_money_cells_carry_the_currency_format() -> None:
    ws = sheet(book("small"), "member_results")
    column = [c.value for c in ws[1]].index(tr("common.cash_result")) + 1
    formats = {ws.cell(r, column).number_format for r in range(2, ws.max_row + 1)}
    assert formats == {money_format("EUR", "fr")}
    assert "€" in money_format("EUR", "fr")
    assert money_format("EUR", "en").startswith('"€"')
    assert "CHF" in money_format("CHF", "en")
    load = [c.value for c in ws[1]].index(tr("common.load")) + 1
    assert ws.cell(2, load).number_format.endswith("%")


def test_the_value_flow_graph_and_the_charts_are_images() -> None:
    ws = sheet(book("small"), "charts")
    assert len(ws._images) >= 4
    titles = [c.value for c in ws["A"] if c.value]
    assert tr("flows.overview_title") in titles


def test_a_model_without_scenarios_says_so() -> None:
    ws = sheet(load_workbook(BytesIO(workbook_bytes(build()))), "scenarios")
    assert ws["A1"].value == tr("workbook.no_scenarios")


def test_a_scenario_that_no_longer_applies_is_named_and_left_out() -> None:
    data = small_cooperation().model_dump(mode="json", by_alias=True, exclude_none=True)
    data["scenarios"].append(
        {"id": "perdu", "name": "Perdu", "changes": [{"set": "members.zz.name", "value": "Z"}]}
    )
    wb = load_workbook(BytesIO(workbook_bytes(Cooperation.model_validate(data))))
    ws = sheet(wb, "scenarios")
    header = [c.value for c in ws[1]]
    assert "Sans subvention" in header and "Perdu" not in header
    notes = [c.value for c in ws["A"] if c.value and "Perdu" in str(c.value)]
    assert len(notes) == 1


def test_the_thirty_member_synthetic_model_builds() -> None:
    coop = Cooperation.model_validate(synthetic_cooperation())
    wb = load_workbook(BytesIO(workbook_bytes(coop, "en")))
    assert len(table(sheet(wb, "member_results", "en"))) == 30
    assert len(sheet(wb, "charts", "en")._images) == 5
