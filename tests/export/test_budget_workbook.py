"""The budget workbook: the request form per structure and for the action, real formulas.

Every total is a spreadsheet formula; the `formulas` engine computes them and
they must give the engine's own totals, for the three examples (every plan year)
and for a small hand-worked model.

The hand-worked model (« Petit »): member A carries the workshop: sales 1,000 €
(70), the Région's grant 600 € (74), rent 400 € (61), materials 200 € (60), and 10
volunteer hours of A valued at 15 € (150 € in 864 and 870). The shared entity
runs a stand: the ESF (FSE) pays 300 € (74), the animation costs 300 € (62).
The action: charges 200 + 400 + 300 = 900 €, produits 1,000 + 900 = 1,900 €,
a surplus of 1,000 €, both totals 1,900 €, 86 = 87 = 150 €; with the in-kind
contributions, 2,050 €. The Région: 600 / 900 = 66.7 % of the charges, 600 / 1,050 =
57.1 % with volunteering; it does not count volunteering and caps at 50 %:
exceeded. The ESF: 300 / 900 = 33.3 %, 300 / 1,050 = 28.6 %, which it counts
(counts_volunteering) against its 20 % cap: exceeded too.
"""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bm3c.engine.budget import ACTION, Budget, plan_budgets
from bm3c.export.budget_workbook import budget_workbook_bytes
from bm3c.export.workbook import workbook_bytes
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.present.budget_words import party_title
from bm3c.texts.i18n import translate
from tests.conftest import ROOT, build

EXAMPLE_NAMES = ("halle-des-transitions", "passerelles", "jardins-de-la-faiencerie")
CELL = re.compile(r"^'?\[[^\]]*\](?P<sheet>.+?)'?!(?P<cell>[A-Z]+[0-9]+)$")


def small() -> Cooperation:
    """The hand-worked model of the module's docstring."""
    return build(
        name="Petit",
        volunteer_hour_value_eur=15.0,
        actors=[
            {"id": "region", "name": "Région", "kind": "funder", "max_rate": 0.5},
            {
                "id": "fse",
                "name": "FSE",
                "kind": "public",
                "counts_volunteering": True,
                "max_rate": 0.2,
            },
            {"id": "ville", "name": "Ville", "kind": "public"},
        ],
        activities=[
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "a",
                "revenues": [
                    {"label": "Ventes", "amount_eur": 1000, "kind": "sales"},
                    {"label": "Aide", "amount_eur": 600, "kind": "subsidy", "from": "region"},
                ],
                "costs": [
                    {"label": "Loyer", "amount_eur": 400, "kind": "rent"},
                    {"label": "Matières", "amount_eur": 200, "kind": "purchase"},
                ],
                "work": [{"member": "a", "volunteer_hours": 10}],
            },
            {
                "id": "stand",
                "name": "Stand",
                "carrier": "commun",
                "revenues": [{"label": "FSE", "amount_eur": 300, "kind": "subsidy", "from": "fse"}],
                "costs": [{"label": "Animation", "amount_eur": 300, "kind": "service"}],
            },
        ],
    )


def computed(path: Path) -> dict[tuple[str, str], Any]:
    """Every cell's value as the `formulas` engine computes the workbook (upper-case sheets)."""
    import formulas

    with (
        warnings.catch_warnings(),
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(io.StringIO()),
    ):
        warnings.simplefilter("ignore")
        solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    values: dict[tuple[str, str], Any] = {}
    for key, ranges in solution.items():
        match = CELL.match(str(key))
        if match:
            value = ranges.value[0][0]
            values[(match["sheet"].upper(), match["cell"])] = value
    return values


@cache
def saved(name: str, lang: str = "fr") -> tuple[Path, Cooperation]:
    """The budget workbook of an example (or of « small ») written to a file."""
    coop = small() if name == "small" else load_cooperation(ROOT / "examples" / f"{name}.yaml")
    folder = Path(tempfile.gettempdir()) / "bm3c-budget-workbooks"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{lang}.xlsx"
    path.write_bytes(budget_workbook_bytes(coop, lang))
    return path, coop


@cache
def values_of(name: str, lang: str = "fr") -> dict[tuple[str, str], Any]:
    return computed(saved(name, lang)[0])


def rows(ws: Worksheet) -> dict[tuple[str, str], int]:
    """Each row of a budget sheet by (account column, heading column), first of each."""
    found: dict[tuple[str, str], int] = {}
    for row in range(1, ws.max_row + 1):
        key = (str(ws.cell(row, 1).value or ""), str(ws.cell(row, 2).value or ""))
        found.setdefault(key, row)
    return found


def number(value: Any) -> float:
    return float(value)


def check_sheet(
    ws: Worksheet, values: dict[tuple[str, str], Any], budgets: tuple[Budget, ...], lang: str
) -> None:
    """Every figure and total of one budget sheet against the engine's, every year."""
    at = rows(ws)
    sheet = ws.title.upper()

    def tr(key: str) -> str:
        return str(translate(key, lang))

    for i, budget in enumerate(budgets):
        column = chr(ord("C") + i)

        def value(key: tuple[str, str], column: str = column) -> float:
            return number(values[(sheet, f"{column}{at[key]}")])

        def formula(key: tuple[str, str], column: str = column) -> bool:
            return ws[f"{column}{at[key]}"].data_type == "f"

        balanced = max(budget.charges_total_eur, budget.produits_total_eur)
        for key in (("", tr("budget.total_charges")), ("", tr("budget.total_produits"))):
            assert formula(key)
            assert value(key) == pytest.approx(balanced, abs=1e-6)
        surplus, deficit = ("", tr("budget.surplus")), ("", tr("budget.deficit"))
        assert formula(surplus) and formula(deficit)
        assert value(surplus) == pytest.approx(max(budget.result_eur, 0.0), abs=1e-6)
        assert value(deficit) == pytest.approx(max(-budget.result_eur, 0.0), abs=1e-6)
        for by_class in (budget.charges_by_class(), budget.produits_by_class()):
            for code, amount in by_class.items():
                key = next(k for k in at if k[0] == code)
                assert value(key) == pytest.approx(amount, abs=1e-6), (ws.title, code)
        subsidy = next(k for k in at if k[0] == "74")
        assert formula(subsidy) == bool(budget.subsidies())
        for total, amount in (
            (tr("budget.total_86"), budget.uses_in_kind_eur),
            (tr("budget.total_87"), budget.resources_in_kind_eur),
            (tr("budget.grand_total_charges"), balanced + budget.uses_in_kind_eur),
            (tr("budget.grand_total_produits"), balanced + budget.resources_in_kind_eur),
        ):
            assert formula(("", total))
            assert value(("", total)) == pytest.approx(amount, abs=1e-6), (ws.title, total)


def check_funder_rows(
    book: Any, values: dict[tuple[str, str], Any], coop: Cooperation, lang: str
) -> int:
    """The funders sheet's amounts, rates and caps against the action's; the rows checked."""
    per_year = plan_budgets(coop)
    ws = book[str(translate("workbook.budget.sheet.funders", lang))]
    sheet = ws.title.upper()
    yes = str(translate("workbook.yes", lang))
    names = {a.name: a for a in coop.actors}
    checked = 0
    for row in range(4, ws.max_row + 1):
        actor = names[ws.cell(row, 1).value]
        year = checked % coop.years
        action = per_year[year].action
        share = next((f for f in action.funders if f.id == actor.id), None)
        amount = number(values[(sheet, f"C{row}")])
        assert amount == pytest.approx(share.amount_eur if share else 0.0, abs=1e-6)
        for col in "DE":
            assert ws[f"{col}{row}"].data_type == "f"
        if share is not None and share.rate is not None:
            assert number(values[(sheet, f"D{row}")]) == pytest.approx(share.rate)
            assert number(values[(sheet, f"E{row}")]) == pytest.approx(share.rate_with_volunteering)
        over = share.over_max_rate if share else False
        assert (values.get((sheet, f"H{row}")) or ws[f"H{row}"].value) == (
            yes if over else str(translate("workbook.no", lang))
        )
        checked += 1
    return checked


@pytest.mark.parametrize("name", [*EXAMPLE_NAMES, "small"])
def test_every_total_computes_to_the_engines(name: str) -> None:
    path, coop = saved(name)
    values = values_of(name)
    book = load_workbook(path)
    per_year = plan_budgets(coop)
    parties = [ACTION, *(b.party for b in per_year[0].all if not b.is_action)]
    for party, ws in zip(parties, book.worksheets, strict=False):
        assert ws.title.startswith("Budget – ")
        assert ws["A1"].value.endswith(party_title(coop, party, "fr"))
        check_sheet(ws, values, tuple(y.of(party) for y in per_year), "fr")
    funders = [a for a in coop.actors if a.kind in ("funder", "public")]
    assert check_funder_rows(book, values, coop, "fr") == len(funders) * coop.years


def test_the_hand_worked_action() -> None:
    """The action of « Petit »: the figures of the module's docstring."""
    path, _ = saved("small")
    values = values_of("small")
    book = load_workbook(path)
    ws = book["Budget – L’action"]
    at = rows(ws)
    sheet = ws.title.upper()

    def amount(code: str, title: str = "") -> float:
        key = next(k for k in at if k[0] == code and (not title or k[1] == title))
        return number(values[(sheet, f"C{at[key]}")])

    assert amount("60") == 200 and amount("61") == 400 and amount("62") == 300
    assert amount("", "Excédent prévisionnel") == 1000
    assert amount("", "Déficit prévisionnel") == 0
    assert (
        amount("", "Total des charges et de l'excédent")
        == amount("", "Total des produits et du déficit")
        == 1900
    )
    assert amount("74") == 900
    assert amount("", "Région") == 600 and amount("", "FSE") == 300
    assert amount("864") == amount("870") == 150
    assert amount("", "Total des emplois en nature (86)") == 150
    assert amount("", "Total des charges, contributions en nature comprises") == 2050
    subsidy = next(row for key, row in at.items() if key[0] == "74")
    assert ws[f"C{subsidy}"].value == (f"=SUM(C{at[('', 'Région')]}:C{at[('', 'FSE')]})")
    funders = book["Financeurs du budget"]
    got = {
        funders[f"A{r}"].value: (
            number(values[("FINANCEURS DU BUDGET", f"D{r}")]),
            number(values[("FINANCEURS DU BUDGET", f"E{r}")]),
            values[("FINANCEURS DU BUDGET", f"H{r}")]
            if ("FINANCEURS DU BUDGET", f"H{r}") in values
            else funders[f"H{r}"].value,
        )
        for r in range(4, 7)
    }
    assert got["Région"] == (pytest.approx(600 / 900), pytest.approx(600 / 1050), "Oui")
    assert got["FSE"] == (pytest.approx(300 / 900), pytest.approx(300 / 1050), "Oui")
    assert got["Ville"][:2] == (0, 0) and got["Ville"][2] == "Non"


def test_a_plan_has_a_column_per_year() -> None:
    path, coop = saved("passerelles")
    assert coop.years == 3
    ws = load_workbook(path)["Budget – L’action"]
    assert [ws.cell(3, c).value for c in range(3, 6)] == ["2027", "2028", "2029"]
    assert ws.cell(3, 6).value is None


def test_data_are_numbers_and_texts_are_neutralised(tmp_path: Path) -> None:
    """Class amounts are numeric cells in the currency format; a name « =1+1 » stays text."""
    coop = small().model_copy(deep=True)
    data = coop.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["members"][0]["name"] = "=1+1"
    path = tmp_path / "budget-injection.xlsx"
    path.write_bytes(budget_workbook_bytes(validate_cooperation(data), "fr"))
    book = load_workbook(path)
    ws = book["Budget – =1+1"]
    assert ws["A1"].data_type == "s" and ws["A1"].value == "Budget prévisionnel – =1+1"
    at = rows(ws)
    cell = ws[f"C{at[('61', 'Services extérieurs')]}"]
    assert cell.data_type == "n" and cell.value == 400
    assert cell.number_format.startswith('#,##0.00" €"')
    lines = book["Budget – lignes"]
    assert any(
        lines.cell(r, 1).value == "=1+1" and lines.cell(r, 1).data_type == "s"
        for r in range(4, lines.max_row + 1)
    )


def test_the_lines_behind_add_up_to_each_class() -> None:
    """On the lines sheet, each budget's lines of a class add up to the class on its sheet."""
    path, coop = saved("halle-des-transitions")
    book = load_workbook(path)
    lines = book["Budget – lignes"]
    budget = plan_budgets(coop)[0].action
    action = party_title(coop, ACTION, "fr", short=True)
    totals: dict[str, float] = {}
    for r in range(4, lines.max_row + 1):
        if lines.cell(r, 1).value == action:
            code = str(lines.cell(r, 4).value)[:2]
            totals[code] = totals.get(code, 0.0) + float(lines.cell(r, 6).value)
    for code, amount in {**budget.charges_by_class(), **budget.produits_by_class()}.items():
        assert totals.get(code, 0.0) == pytest.approx(amount, abs=1e-6)
    assert totals.get("86", 0.0) == pytest.approx(budget.uses_in_kind_eur, abs=1e-6)


def test_english_sheets_and_sheet_names_are_unique_and_short() -> None:
    path, coop = saved("halle-des-transitions", "en")
    book = load_workbook(path)
    assert book.sheetnames[0] == "Budget – The action"
    assert "Budget funders" in book.sheetnames and "Budget – lines" in book.sheetnames
    assert len(book.sheetnames) == len(coop.members) + 4
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert len({n.lower() for n in book.sheetnames}) == len(book.sheetnames)
    check_funder_rows(book, values_of("halle-des-transitions", "en"), coop, "en")


def test_the_full_workbook_has_the_budget_sheets() -> None:
    coop = load_cooperation(ROOT / "examples" / "passerelles.yaml")
    book = load_workbook(io.BytesIO(workbook_bytes(coop, "fr")))
    names = book.sheetnames
    assert "Budget – L’action" in names and "Financeurs du budget" in names
    assert names.index("Budget – lignes") < len(names) - 1  # the charts stay last


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_models_add_up_in_the_spreadsheet(seed: int, tmp_path: Path) -> None:
    """Generated cooperations (deficits, shares, flows of every kind) add up as the engine's."""
    from bm3c import synthetic

    coop = Cooperation.model_validate(
        synthetic.synthetic_cooperation(members=4, activities=8, flows=12, seed=seed)
    )
    path = tmp_path / "generated.xlsx"
    path.write_bytes(budget_workbook_bytes(coop, "en"))
    values = computed(path)
    book = load_workbook(path)
    per_year = plan_budgets(coop)
    parties = [ACTION, *(b.party for b in per_year[0].all if not b.is_action)]
    for party, ws in zip(parties, book.worksheets, strict=False):
        check_sheet(ws, values, tuple(y.of(party) for y in per_year), "en")
    check_funder_rows(book, values, coop, "en")
