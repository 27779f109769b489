"""The budget sheets of the workbook: the subsidy request form of each structure and of the action.

One sheet per budget (the action first, then each member, then the shared
entity), laid out as the French request form (DOMAIN Part 4): charges by class
(60 to 68…), the forecast surplus and the total; produits by class, class 74 one
row per funder, the forecast deficit and the total; then classes 86 and 87, and
the totals with the contributions in kind. A plan over several years has one
amount column per year (« 2027 », « 2028 »…), a single year one column.

The amounts of classes and funders are numbers; every total is a spreadsheet
formula over them (``=SUM(C5:C14)``, class 74 the sum of its funder rows, the
surplus or deficit the difference), so the workbook adds up by itself and a
treasurer who changes an amount sees the totals follow. The funders sheet
(:mod:`bm3c.export.budget_funders`) refers to the action sheet's cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bm3c.engine.budget import Budget
from bm3c.engine.chart_of_accounts import SUBSIDY
from bm3c.export.cells import put_text
from bm3c.model import Cooperation
from bm3c.present.budget_words import Side, account_title, form_rows
from bm3c.texts.i18n import translate

__all__ = ["FIRST_AMOUNT_COLUMN", "BudgetCells", "FormLine", "form_lines", "write_budget_sheet"]

#: Column of the first year's amounts (A: account, B: heading).
FIRST_AMOUNT_COLUMN = 3
#: The accounts of classes 86 and 87 the form always shows, used or not.
IN_KIND_ACCOUNTS: dict[str, tuple[str, ...]] = {"86": ("861", "864"), "87": ("870", "871")}

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="E8EEF4")
TOTAL_FILL = PatternFill("solid", fgColor="F4F4F4")
INDENT = Alignment(indent=2)


@dataclass(frozen=True)
class FormLine:
    """One row of the form across the years: a class, a funder of class 74, an account of 86/87.

    ``amounts_eur`` has one amount per year (0 in a year where the row is empty).
    """

    side: Side
    code: str
    title: str
    amounts_eur: tuple[float, ...]
    funder: str | None = None


@dataclass
class BudgetCells:
    """Where a budget sheet put its figures, for formulas of other sheets.

    ``charges`` is the range of the charge classes (``C5:C13``) per year column
    letter, ``total_86`` the cell of the total of class 86, ``funders`` the row of
    each funder in class 74.
    """

    sheet: str
    columns: tuple[str, ...]
    charge_rows: tuple[int, int] = (0, 0)
    total_86_row: int = 0
    funders: dict[str, int] = field(default_factory=dict)

    def charges(self, column: str) -> str:
        """The range of the charge classes in one year's column."""
        first, last = self.charge_rows
        return f"{column}{first}:{column}{last}"


def form_lines(budgets: Sequence[Budget], coop: Cooperation, lang: str) -> tuple[FormLine, ...]:
    """The form's rows of one party's budgets, one per year, merged into rows across years.

    Classes keep their order (by code); a funder of class 74 comes right after the
    class, funders by their total over the years, largest first; totals and the
    surplus or deficit are left out (the sheet writes them as formulas). A title
    does not repeat its account (« Achats » in the row of account 60).
    """
    Key = tuple[str, str, str | None]
    titles: dict[Key, str] = {}
    amounts: dict[Key, list[float]] = {}
    years = len(budgets)
    for side in IN_KIND_ACCOUNTS:
        for account in IN_KIND_ACCOUNTS[side]:
            key: Key = (side, account, None)
            titles[key] = account_title(account, lang).removeprefix(f"{account} – ")
            amounts[key] = [0.0] * years
    for i, budget in enumerate(budgets):
        for row in form_rows(budget, coop, lang):
            if row.level == 2 or not row.code:
                continue
            key = (row.side, row.code, row.funder)
            titles.setdefault(key, row.title.removeprefix(f"{row.code} – "))
            amounts.setdefault(key, [0.0] * years)[i] += row.amount_eur
    sides = ("charges", "produits", "86", "87")

    def order(key: tuple[str, str, str | None]) -> tuple[int, str, int, float, str]:
        side, code, funder = key
        return (sides.index(side), code, funder is not None, -sum(amounts[key]), funder or "")

    return tuple(
        FormLine(key[0], key[1], titles[key], tuple(amounts[key]), key[2])  # type: ignore[arg-type]
        for key in sorted(titles, key=order)
    )


def write_budget_sheet(
    ws: Worksheet,
    title: str,
    lines: Sequence[FormLine],
    years: Sequence[str],
    money: str,
    lang: str,
) -> BudgetCells:
    """Write one budget as the request form; return where its figures are.

    Args:
        ws: The empty sheet.
        title: The sheet's heading (« Budget prévisionnel – La Boucle »).
        lines: The form's rows (:func:`form_lines`), their amounts one per year.
        years: The heading of each amount column.
        money: The number format of amounts.
        lang: ``fr`` or ``en``.

    """
    columns = tuple(get_column_letter(FIRST_AMOUNT_COLUMN + i) for i in range(len(years)))
    cells = BudgetCells(ws.title, columns)
    put_text(ws.cell(1, 1), title)
    ws.cell(1, 1).font = TITLE
    put_text(ws.cell(2, 1), translate("workbook.budget.note", lang))
    header = (translate("budget.col.account", lang), translate("budget.col.label", lang), *years)
    for col, text in enumerate(header, start=1):
        put_text(ws.cell(3, col), text)
        ws.cell(3, col).font, ws.cell(3, col).fill = BOLD, HEADER_FILL
    writer = _Writer(ws, columns, money)
    writer.row = 4

    charges = [line for line in lines if line.side == "charges"]
    produits = [line for line in lines if line.side == "produits"]
    writer.heading(translate("budget.charges", lang))
    first = writer.row
    for line in charges:
        writer.amounts(line)
    cells.charge_rows = (first, writer.row - 1)
    charge_sum = f"SUM({{c}}{first}:{{c}}{writer.row - 1})"
    surplus_row = writer.row
    writer.row += 1  # the surplus needs the produits' cells: written below
    total_charges = writer.total(
        translate("budget.total_charges", lang), f"SUM({{c}}{first}:{{c}}{surplus_row})"
    )
    writer.row += 1

    writer.heading(translate("budget.produits", lang))
    first_produit = writer.row
    class_rows: list[int] = []
    funder_rows: list[int] = []
    subsidy_row = 0
    for line in produits:
        if line.funder is not None:
            cells.funders[line.funder] = writer.row
            funder_rows.append(writer.row)
            writer.amounts(line, indent=True)
            continue
        class_rows.append(writer.row)
        if line.code == SUBSIDY:
            subsidy_row = writer.row
            writer.row += 1  # its formula, once its funder rows are written
            continue
        writer.amounts(line)
    if subsidy_row:
        subsidy = next(line for line in produits if line.code == SUBSIDY and line.funder is None)
        formula = f"SUM({{c}}{funder_rows[0]}:{{c}}{funder_rows[-1]})" if funder_rows else ""
        writer.at(subsidy_row).amounts(subsidy, formula=formula)
        writer.row = max(writer.row, subsidy_row + 1 + len(funder_rows))
    produit_sum = f"SUM({','.join(f'{{c}}{r}' for r in class_rows)})" if class_rows else "0"
    deficit_row = writer.row
    writer.line("", translate("budget.deficit", lang), f"MAX(0,{charge_sum}-{produit_sum})")
    refs = ",".join(f"{{c}}{r}" for r in (*class_rows, deficit_row))
    total_produits = writer.total(translate("budget.total_produits", lang), f"SUM({refs})")
    writer.at(surplus_row).line(
        "", translate("budget.surplus", lang), f"MAX(0,{produit_sum}-{charge_sum})"
    )
    writer.row = max(writer.row, first_produit) + 1

    totals: dict[str, int] = {}
    for side in ("86", "87"):
        writer.heading(account_title(side, lang))
        first = writer.row
        for line in lines:
            if line.side == side:
                writer.amounts(line)
        key = "budget.total_86" if side == "86" else "budget.total_87"
        totals[side] = writer.total(
            translate(key, lang), f"SUM({{c}}{first}:{{c}}{writer.row - 1})"
        )
        writer.row += 1
    cells.total_86_row = totals["86"]
    writer.total(
        translate("budget.grand_total_charges", lang), f"{{c}}{total_charges}+{{c}}{totals['86']}"
    )
    writer.total(
        translate("budget.grand_total_produits", lang), f"{{c}}{total_produits}+{{c}}{totals['87']}"
    )
    ws.column_dimensions["A"].width = 9
    ws.column_dimensions["B"].width = 58
    for column in columns:
        ws.column_dimensions[column].width = 16
    ws.freeze_panes = "C4"
    return cells


class _Writer:
    """Rows of a budget sheet, one after the other (or at a row kept for later)."""

    def __init__(self, ws: Worksheet, columns: tuple[str, ...], money: str) -> None:
        self.ws, self.columns, self.money = ws, columns, money
        self.row = 1

    def at(self, row: int) -> _Writer:
        """The same sheet, writing at ``row`` (the row after is not remembered)."""
        other = _Writer(self.ws, self.columns, self.money)
        other.row = row
        return other

    def heading(self, text: str) -> None:
        put_text(self.ws.cell(self.row, 1), text)
        self.ws.cell(self.row, 1).font = BOLD
        self.row += 1

    def amounts(self, line: FormLine, *, indent: bool = False, formula: str = "") -> None:
        """A row of numbers (or of a formula ``{c}``-templated by column)."""
        put_text(self.ws.cell(self.row, 1), "" if indent else line.code)
        put_text(self.ws.cell(self.row, 2), line.title)
        if indent:
            self.ws.cell(self.row, 2).alignment = INDENT
        for i, column in enumerate(self.columns):
            cell = self.ws[f"{column}{self.row}"]
            cell.value = f"={formula.format(c=column)}" if formula else float(line.amounts_eur[i])
            cell.number_format = self.money
        self.row += 1

    def line(self, code: str, title: str, formula: str) -> int:
        """A row whose every amount is ``formula`` (``{c}`` the column); its row number."""
        row = self.row
        put_text(self.ws.cell(row, 1), code)
        put_text(self.ws.cell(row, 2), title)
        for column in self.columns:
            cell = self.ws[f"{column}{row}"]
            cell.value = f"={formula.format(c=column)}"
            cell.number_format = self.money
        self.row += 1
        return row

    def total(self, title: str, formula: str) -> int:
        """A total row in bold; its row number."""
        row = self.line("", title, formula)
        for col in range(1, FIRST_AMOUNT_COLUMN + len(self.columns)):
            self.ws.cell(row, col).font = BOLD
            self.ws.cell(row, col).fill = TOTAL_FILL
        return row
