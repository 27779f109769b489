"""The funders' budgets as ``bm3c budget`` prints them: the request form, funders, words.

Each budget reads as the form does (:func:`~bm3c.present.budget_words.form_rows`):
the charges, the produits with one row per funder under class 74, the surplus or
deficit that makes both totals equal, the contributions in kind (86 and 87), then
the funders' table and the sentences of the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from bm3c.engine.budget import Budget, YearBudgets
from bm3c.model import Cooperation
from bm3c.present.budget_tables import balance_words
from bm3c.present.budget_words import form_rows, funder_sentences, party_title
from bm3c.present.text import render_table
from bm3c.texts.format import money, percent
from bm3c.texts.i18n import translate

__all__ = ["render_budget", "render_budgets"]

SIDES = (("charges", "budget.charges"), ("produits", "budget.produits"))


def render_budget(budget: Budget, coop: Cooperation, lang: str, scenario_name: str = "") -> str:
    """One budget: its form, its funders and what they finance, in words."""
    currency = coop.currency
    year = "" if budget.year is None else f" {budget.year}"
    title = translate(
        "budget.text.title", lang, year=year, party=party_title(coop, budget.party, lang)
    )
    if scenario_name:
        title += f" — {scenario_name}"
    parts = [title, "=" * len(title), ""]
    rows = form_rows(budget, coop, lang)
    amount = translate("budget.col.amount", lang)
    for side, key in (*SIDES, ("86", "budget.class.86"), ("87", "budget.class.87")):
        lines = [
            ["  " * (row.level == 1) + row.title, money(row.amount_eur, currency, lang)]
            for row in rows
            if row.side == side
        ]
        parts += [render_table([translate(key, lang), amount], lines), ""]
    parts.append(balance_words(budget, currency, lang))
    if budget.funders:
        names = {a.id: a.name for a in coop.actors}
        headers = [
            translate(f"budget.col.{key}", lang)
            for key in ("funder", "amount", "rate", "rate_with", "max")
        ]
        table = [
            [
                names.get(share.id, share.id),
                money(share.amount_eur, currency, lang),
                percent(share.rate, lang),
                percent(share.rate_with_volunteering, lang),
                percent(share.max_rate, lang) if share.max_rate is not None else "—",
            ]
            for share in budget.funders
        ]
        parts += ["", render_table(headers, table)]
        parts += ["", *funder_sentences(budget, coop, lang)]
    return "\n".join(parts) + "\n"


def render_budgets(
    years: Sequence[YearBudgets],
    coop: Cooperation,
    lang: str,
    parties: Sequence[str] | None = None,
    scenario_name: str = "",
) -> str:
    """Every budget of the years given (or only ``parties``'), one after the other."""
    return "\n".join(
        render_budget(budget, coop, lang, scenario_name)
        for year in years
        for budget in year.all
        if parties is None or budget.party in parties
    )
