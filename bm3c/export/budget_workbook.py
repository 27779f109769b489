"""The budget a funder asks for, as a workbook: alone (``--to budget``) or in the full workbook.

:func:`add_budget_sheets` adds to a workbook the action's budget sheet, each
member's, the shared entity's (:mod:`bm3c.export.budget_sheets`), then the funders
sheet and the lines behind each amount (:mod:`bm3c.export.budget_funders`), every
plan year side by side. :func:`budget_workbook_bytes` is that workbook alone.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from bm3c.engine.budget import ACTION, Budget, plan_budgets
from bm3c.export.budget_funders import write_funders_sheet, write_lines_sheet
from bm3c.export.budget_sheets import BudgetCells, form_lines, write_budget_sheet
from bm3c.export.cells import money_format, sheet_title
from bm3c.model import Cooperation, Scenario
from bm3c.model.years import year_label
from bm3c.present.budget_words import party_title
from bm3c.texts.i18n import translate

__all__ = ["add_budget_sheets", "budget_workbook_bytes", "budget_years", "year_names"]


def budget_years(coop: Cooperation, lang: str) -> tuple[str, ...]:
    """The heading of each amount column: each plan year (« 2027 »…), or « Montant »."""
    if coop.years > 1:
        return tuple(year_label(coop, i) for i in range(coop.years))
    return (translate("budget.col.amount", lang),)


def year_names(coop: Cooperation) -> tuple[str, ...]:
    """Each plan year as a row names it (« 2027 »); empty for a model without a plan."""
    if coop.plan is None:
        return ("",) * coop.years
    return tuple(year_label(coop, i) for i in range(coop.years))


def add_budget_sheets(
    book: Workbook,
    coop: Cooperation,
    lang: str,
    scenario: str | Scenario | None = None,
    *,
    before: int | None = None,
) -> tuple[str, ...]:
    """Add the budget sheets to ``book`` (at index ``before``, else at the end); their names.

    Raises:
        UnknownScenarioError, ScenarioError: for a scenario that cannot be applied.

    """
    per_year = plan_budgets(coop, scenario)
    parties = [ACTION, *(b.party for b in per_year[0].all if not b.is_action)]
    budgets: list[tuple[str, tuple[Budget, ...]]] = [
        (party_title(coop, party, lang, short=True), tuple(y.of(party) for y in per_year))
        for party in parties
    ]
    years = budget_years(coop, lang)
    money = money_format(coop.currency, lang)
    taken = set(book.sheetnames)
    index = len(book.sheetnames) if before is None else before
    names: list[str] = []

    def sheet(wanted: str) -> Worksheet:
        nonlocal index
        name = sheet_title(wanted, taken)
        taken.add(name)
        names.append(name)
        ws = book.create_sheet(name, index)
        index += 1
        return ws

    action: BudgetCells | None = None
    for (name, party_budgets), party in zip(budgets, parties, strict=True):
        ws = sheet(str(translate("workbook.budget.sheet", lang, name=name)))
        title = str(translate("workbook.budget.title", lang, name=name))
        if party == ACTION:
            title = str(
                translate("workbook.budget.title", lang, name=party_title(coop, party, lang))
            )
        lines = form_lines(party_budgets, coop, lang)
        cells = write_budget_sheet(ws, title, lines, years, money, lang)
        if party == ACTION:
            action = cells
    assert action is not None  # the action comes first
    funders = sheet(str(translate("workbook.budget.sheet.funders", lang)))
    write_funders_sheet(funders, coop, action, year_names(coop), money, lang)
    behind = sheet(str(translate("workbook.budget.sheet.lines", lang)))
    write_lines_sheet(behind, coop, budgets, year_names(coop), money, lang)
    return tuple(names)


def budget_workbook_bytes(
    coop: Cooperation, lang: str = "fr", scenario: str | Scenario | None = None
) -> bytes:
    """The budget workbook (.xlsx) alone: the budget sheets, the funders, the lines behind.

    Args:
        coop: A validated cooperation (a plan: one amount column per year).
        lang: ``fr`` or ``en``.
        scenario: A scenario's budgets instead of the base's.

    """
    book = Workbook()
    book.remove(book.active)
    book.properties.title = str(translate("workbook.budget.file_title", lang, name=coop.name))
    book.properties.creator = "bm3c"
    add_budget_sheets(book, coop, lang, scenario)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
