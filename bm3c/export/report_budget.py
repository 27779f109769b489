"""The report's « Budget pour les financeurs » (DOMAIN Part 4): form, funders, structures.

The action's budget laid out as the subsidy request form, a column per plan
year (the rows of :func:`~bm3c.export.budget_sheets.form_lines`, rows empty in
every year left out, each total the engine's); the funders' table (amount, rate
against the charges and with valued volunteering, cap, cap exceeded) and what
each funder finances in words (:func:`~bm3c.present.budget_words.funder_sentences`,
cap warnings apart); then each structure's totals.
"""

from __future__ import annotations

from dataclasses import dataclass

from bm3c.engine.budget import ACTION, Budget, YearBudgets, plan_budgets
from bm3c.export.budget_sheets import FormLine, form_lines
from bm3c.export.budget_workbook import budget_years, year_names
from bm3c.export.report_sections import Cell, Row, Table, Writer
from bm3c.model import Cooperation
from bm3c.present.budget_words import funder_sentences, party_title
from bm3c.texts.format import percent

__all__ = ["BUDGET_SECTION", "BudgetSection", "budget_section"]

#: The budget's section of the report: after the plan (or the sharing of the result).
BUDGET_SECTION = ("budget", "report.section.budget")


@dataclass(frozen=True)
class BudgetSection:
    """What the report shows of the budget: three tables, sentences and cap warnings."""

    form: Table
    funders: Table
    structures: Table
    sentences: list[str]
    warnings: list[str]


def budget_section(coop: Cooperation, w: Writer) -> BudgetSection:
    """The budget section of the report of ``coop`` (a whole plan: every year)."""
    per_year = plan_budgets(coop)
    years = budget_years(coop, w.lang)
    names = year_names(coop)
    sentences: list[str] = []
    warnings: list[str] = []
    for i, year in enumerate(per_year):
        action = year.action
        said = funder_sentences(action, coop, w.lang)
        prefix = f"{names[i]} : " if w.lang == "fr" else f"{names[i]}: "
        prefix = prefix if coop.years > 1 else ""
        sentences += [prefix + s for s in said[: len(action.funders)]]
        warnings += [prefix + s for s in said[len(action.funders) :]]
    return BudgetSection(
        form=_form(coop, per_year, years, w),
        funders=_funders(coop, per_year, w),
        structures=_structures(coop, per_year, w),
        sentences=sentences,
        warnings=warnings,
    )


def _form(
    coop: Cooperation, per_year: tuple[YearBudgets, ...], years: tuple[str, ...], w: Writer
) -> Table:
    """The action's form: classes, funders, surplus or deficit, totals, 86 and 87."""
    budgets = [y.action for y in per_year]
    lines = form_lines(budgets, coop, w.lang)
    rows: list[Row] = []

    def add(
        code: str, title: str, amounts: list[float], style: str = "", skip: bool = True
    ) -> None:
        if skip and not any(abs(a) > 1e-9 for a in amounts):
            return
        cells = (Cell(code), Cell(title), *(Cell(w.money(a, 0)) for a in amounts))
        rows.append(Row(cells, (("code", code or style),), style))

    def side(name: str) -> None:
        for line in (x for x in lines if x.side == name):
            add("" if line.funder else line.code, line.title, list(line.amounts_eur), _style(line))

    balanced = [max(b.charges_total_eur, b.produits_total_eur) for b in budgets]
    side("charges")
    add("", w("budget.surplus"), [max(b.result_eur, 0.0) for b in budgets], "surplus")
    add("", w("budget.total_charges"), balanced, "total", skip=False)
    side("produits")
    add("", w("budget.deficit"), [max(-b.result_eur, 0.0) for b in budgets], "deficit")
    add("", w("budget.total_produits"), balanced, "total", skip=False)
    side("86")
    add("", w("budget.total_86"), [b.uses_in_kind_eur for b in budgets], "total", skip=False)
    side("87")
    add("", w("budget.total_87"), [b.resources_in_kind_eur for b in budgets], "total", skip=False)
    share = 62.0 / len(years)
    return Table(
        "budget-form",
        (w("budget.col.account"), w("budget.col.label"), *years),
        (False, False, *([True] * len(years))),
        tuple(rows),
        (8.0, 30.0, *([share] * len(years))),
    )


def _style(line: FormLine) -> str:
    return "budget-funder" if line.funder else ""


def _funders(coop: Cooperation, per_year: tuple[YearBudgets, ...], w: Writer) -> Table:
    """Each funder that finances the action, each year: amount, rates, cap."""
    names = {a.id: a.name for a in coop.actors}
    years = year_names(coop)
    rows: list[Row] = []
    for i, year in enumerate(per_year):
        for share in year.action.funders:
            cap = percent(share.max_rate, w.lang) if share.max_rate is not None else "—"
            counted = w("workbook.yes") if share.counts_volunteering else w("workbook.no")
            over = w("workbook.yes") if share.over_max_rate else w("workbook.no")
            cells = (
                Cell(names.get(share.id, share.id)),
                Cell(years[i]),
                Cell(w.money(share.amount_eur, 0)),
                Cell(percent(share.rate, w.lang, 1) if share.rate is not None else "—"),
                Cell(
                    percent(share.rate_with_volunteering, w.lang, 1)
                    if share.rate_with_volunteering is not None
                    else "—"
                ),
                Cell(counted),
                Cell(cap),
                Cell(over, tone="loss" if share.over_max_rate else ""),
            )
            rows.append(
                Row(cells, (("funder", share.id),), "flagged" if share.over_max_rate else "")
            )
    return Table(
        "budget-funders",
        (
            w("budget.col.funder"),
            w("workbook.budget.col.year"),
            w("budget.col.amount"),
            w("budget.col.rate"),
            w("budget.col.rate_with"),
            w("budget.col.counts"),
            w("budget.col.max"),
            w("budget.col.over"),
        ),
        (False, False, True, True, True, False, True, False),
        tuple(rows),
        (22.0, 8.0, 14.0, 11.0, 13.0, 11.0, 9.0, 12.0),
    )


def _structures(coop: Cooperation, per_year: tuple[YearBudgets, ...], w: Writer) -> Table:
    """Each structure's (and the action's) totals, each year: charges, produits, result, 86."""
    years = year_names(coop)
    rows: list[Row] = []
    parties = [b.party for b in per_year[0].all]
    for party in parties:
        for i, year in enumerate(per_year):
            budget: Budget = year.of(party)
            cells = (
                Cell(party_title(coop, party, w.lang, short=True) if i == 0 else ""),
                Cell(years[i]),
                Cell(w.money(budget.charges_total_eur, 0)),
                Cell(w.money(budget.produits_total_eur, 0)),
                Cell(w.money(budget.result_eur, 0), tone="loss" if budget.result_eur < 0 else ""),
                Cell(w.money(budget.uses_in_kind_eur, 0)),
            )
            style = " ".join(
                filter(None, ("group-start" if i == 0 else "", "budget-action" * (party == ACTION)))
            )
            rows.append(Row(cells, (("party", party),), style))
    return Table(
        "budget-structures",
        (
            w("workbook.budget.col.budget"),
            w("workbook.budget.col.year"),
            w("report.budget.charges_total"),
            w("report.budget.produits_total"),
            w("report.budget.result"),
            w("report.budget.in_kind"),
        ),
        (False, False, True, True, True, True),
        tuple(rows),
        (30.0, 8.0, 16.0, 16.0, 15.0, 15.0),
    )
