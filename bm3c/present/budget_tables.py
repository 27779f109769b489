"""The funders' budget page's choices, tables and balance in words (no Streamlit).

The page shows one budget of one plan year: :func:`party_choices` lists the
budgets to choose from (the action first: most funders ask for it),
:func:`line_rows` the lines behind one amount of the form, :func:`funders_table`
each funder's amount and rates, and :func:`balance_words` the budget's balance
(« Charges + résultat = produits … »). The form's rows themselves are
:func:`bm3c.present.budget_words.form_rows`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from bm3c.engine.budget import ACTION, Budget, BudgetLine, YearBudgets
from bm3c.model import Cooperation
from bm3c.present.budget_words import line_words, party_title
from bm3c.texts.format import money, percent
from bm3c.texts.i18n import translate

__all__ = [
    "LineRow",
    "balance_words",
    "funders_table",
    "line_rows",
    "party_choices",
    "year_title",
]


def party_choices(budgets: YearBudgets, coop: Cooperation, lang: str) -> dict[str, str]:
    """Every budget of the year, id → name: the action, then each member, then the shared entity."""
    parties = (ACTION, *(b.party for b in budgets.members), budgets.shared_entity.party)
    return {party: party_title(coop, party, lang) for party in parties}


def year_title(budgets: YearBudgets, lang: str) -> str:
    """« Budget 2028 », or « Budget annuel » for a model without a plan."""
    if budgets.year is None:
        return translate("budget_page.year_none", lang)
    return translate("budget_page.year", lang, year=budgets.year)


@dataclass(frozen=True)
class LineRow:
    """One line behind an amount of the form, as shown: its account, its words, its amount."""

    account: str
    words: str
    amount: str


def line_rows(
    lines: Iterable[BudgetLine], coop: Cooperation, lang: str, *, currency: str = "EUR"
) -> tuple[LineRow, ...]:
    """The lines behind one amount, largest first (then in the order of the budget)."""
    ordered = sorted(enumerate(lines), key=lambda item: (-item[1].amount_eur, item[0]))
    return tuple(
        LineRow(line.account, line_words(line, coop, lang), money(line.amount_eur, currency, lang))
        for _, line in ordered
    )


def funders_table(budget: Budget, coop: Cooperation, lang: str) -> pd.DataFrame:
    """One row per funder of the budget: amount, both rates, what it counts, its cap.

    Rates have one decimal (the sentences round them to the percent); a funder
    without a cap shows « – »; « Plafond dépassé » is « Oui » when the rate the
    funder counts goes above its cap.
    """
    currency = coop.currency

    def yes_no(value: bool) -> str:
        return translate("budget_page.yes" if value else "budget_page.no", lang)

    names = {funder: party_title(coop, funder, lang) for funder in (f.id for f in budget.funders)}
    rows = [
        {
            translate("budget.col.funder", lang): names[share.id],
            translate("budget.col.amount", lang): money(share.amount_eur, currency, lang),
            translate("budget.col.rate", lang): percent(share.rate, lang, 1),
            translate("budget.col.rate_with", lang): percent(share.rate_with_volunteering, lang, 1),
            translate("budget.col.counts", lang): yes_no(share.counts_volunteering),
            translate("budget.col.max", lang): percent(share.max_rate, lang, 0),
            translate("budget.col.over", lang): yes_no(share.over_max_rate),
        }
        for share in budget.funders
    ]
    columns = [
        translate(f"budget.col.{key}", lang)
        for key in ("funder", "amount", "rate", "rate_with", "counts", "max", "over")
    ]
    return pd.DataFrame(rows, columns=columns)


def balance_words(budget: Budget, currency: str, lang: str) -> str:
    """The balance in words: « Charges + résultat = produits : 427 010 € + 50 990 € = … »."""
    return translate(
        "budget.balance",
        lang,
        charges=money(budget.charges_total_eur, currency, lang),
        result=money(budget.result_eur, currency, lang),
        produits=money(budget.produits_total_eur, currency, lang),
        in_kind=money(budget.uses_in_kind_eur, currency, lang),
    )
