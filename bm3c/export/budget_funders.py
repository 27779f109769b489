"""The funders sheet and the sheet of the lines behind each budget amount.

The funders sheet has a row per funder (each actor of kind ``funder`` or
``public``) and year: its amount in the action's budget (a formula pointing to
its row of class 74 on the action sheet), its rate against the action's charges
and against charges + class 86 (formulas over the action sheet's cells), its cap,
whether it counts valued volunteering, and whether the rate it counts goes above
its cap (a formula too). The lines sheet lists, for every budget and year, each
amount behind a class: its account, where it comes from in words, its amount.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.worksheet.worksheet import Worksheet

from bm3c.engine.budget import Budget
from bm3c.export.budget_sheets import BOLD, HEADER_FILL, TITLE, BudgetCells
from bm3c.export.cells import put_text
from bm3c.model import Cooperation
from bm3c.model.parts import FUNDER_KINDS
from bm3c.present.budget_words import account_title, form_rows, line_words
from bm3c.texts.i18n import translate

__all__ = ["write_funders_sheet", "write_lines_sheet"]

RATE_FORMAT = "0.0%"
#: A rate above its cap by less than this is not over it (as the engine counts).
CAP_TOLERANCE = "1E-9"


def _header(ws: Worksheet, row: int, titles: Sequence[str]) -> None:
    for col, text in enumerate(titles, start=1):
        put_text(ws.cell(row, col), text)
        ws.cell(row, col).font, ws.cell(row, col).fill = BOLD, HEADER_FILL


def _quoted(text: str) -> str:
    """Text as a string inside a formula (its double quotes doubled)."""
    return '"' + text.replace('"', '""') + '"'


def write_funders_sheet(
    ws: Worksheet,
    coop: Cooperation,
    action: BudgetCells,
    years: Sequence[str],
    money: str,
    lang: str,
) -> None:
    """Each funder × year: amount, rates, cap, volunteering counted, cap exceeded.

    Args:
        ws: The empty sheet.
        coop: The cooperation (its funder and public actors, their caps).
        action: Where the action sheet put its figures.
        years: The heading of each year (as on the budget sheets).
        money: The number format of amounts.
        lang: ``fr`` or ``en``.

    """
    put_text(ws.cell(1, 1), translate("workbook.budget.funders_title", lang))
    ws.cell(1, 1).font = TITLE
    put_text(ws.cell(2, 1), translate("workbook.budget.funders_note", lang))
    _header(
        ws,
        3,
        [
            translate("budget.col.funder", lang),
            translate("workbook.budget.col.year", lang),
            translate("budget.col.amount", lang),
            translate("budget.col.rate", lang),
            translate("budget.col.rate_with", lang),
            translate("budget.col.counts", lang),
            translate("budget.col.max", lang),
            translate("budget.col.over", lang),
        ],
    )
    yes, no = translate("workbook.yes", lang), translate("workbook.no", lang)
    sheet = "'" + action.sheet + "'"
    row = 4
    for actor in coop.actors:
        if actor.kind not in FUNDER_KINDS:
            continue
        for column, year in zip(action.columns, years, strict=True):
            put_text(ws.cell(row, 1), actor.name)
            put_text(ws.cell(row, 2), year)
            amount = ws.cell(row, 3)
            funder_row = action.funders.get(actor.id)
            amount.value = f"={sheet}!{column}{funder_row}" if funder_row else 0.0
            amount.number_format = money
            charges = f"SUM({sheet}!{action.charges(column)})"
            with_kind = f"({charges}+{sheet}!{column}{action.total_86_row})"
            ws.cell(row, 4).value = f'=IF({charges}=0,"",C{row}/{charges})'
            ws.cell(row, 5).value = f'=IF({with_kind}=0,"",C{row}/{with_kind})'
            put_text(ws.cell(row, 6), yes if actor.counts_volunteering else no)
            counted = f"E{row}" if actor.counts_volunteering else f"D{row}"
            if actor.max_rate is not None:
                ws.cell(row, 7).value = float(actor.max_rate)
                ws.cell(row, 7).number_format = RATE_FORMAT
                over = f"IF({counted}>G{row}+{CAP_TOLERANCE},{_quoted(yes)},{_quoted(no)})"
                ws.cell(row, 8).value = f"=IF(ISNUMBER({counted}),{over},{_quoted(no)})"
            else:
                put_text(ws.cell(row, 8), no)
            for col in (4, 5):
                ws.cell(row, col).number_format = RATE_FORMAT
            row += 1
    for letter, width in zip("ABCDEFGH", (36, 10, 16, 16, 22, 18, 10, 16), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A4"


def write_lines_sheet(
    ws: Worksheet,
    coop: Cooperation,
    budgets: Sequence[tuple[str, Sequence[Budget]]],
    years: Sequence[str],
    money: str,
    lang: str,
) -> None:
    """Every amount behind each class of each budget: budget, year, side, class, account, words.

    Args:
        ws: The empty sheet.
        coop: The cooperation (names of parties, activities, funders).
        budgets: Each party's budgets, one per year, with the party's name.
        years: The heading of each year.
        money: The number format of amounts.
        lang: ``fr`` or ``en``.

    """
    put_text(ws.cell(1, 1), translate("workbook.budget.lines_title", lang))
    ws.cell(1, 1).font = TITLE
    titles = [
        translate("workbook.budget.col.budget", lang),
        translate("workbook.budget.col.year", lang),
        translate("workbook.budget.col.class", lang),
        translate("budget.col.account", lang),
        translate("budget.col.label", lang),
        translate("budget.col.amount", lang),
    ]
    _header(ws, 3, titles)
    row = 4
    for name, party_budgets in budgets:
        for year, budget in zip(years, party_budgets, strict=True):
            for form_row in form_rows(budget, coop, lang):
                if form_row.level != 0:
                    continue
                for line in form_row.lines:
                    put_text(ws.cell(row, 1), name)
                    put_text(ws.cell(row, 2), year)
                    put_text(ws.cell(row, 3), account_title(line.account_class, lang))
                    put_text(ws.cell(row, 4), line.account)
                    put_text(ws.cell(row, 5), line_words(line, coop, lang))
                    ws.cell(row, 6).value = float(line.amount_eur)
                    ws.cell(row, 6).number_format = money
                    row += 1
    ws.auto_filter.ref = f"A3:F{max(row - 1, 3)}"
    for letter, width in zip("ABCDEF", (30, 8, 40, 9, 70, 16), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A4"
