"""The funders' budgets as ``bm3c budget --format json`` gives them (DOMAIN Part 4).

Each budget: its class totals (class 74 one amount per payer), totals, result,
contributions in kind, its funders' rates, and the lines behind every amount.
The top-level ``funders`` are the action's: what each funder finances of the
whole cooperation, per year. Numbers are plain JSON numbers, unrounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from bm3c.engine.budget import Budget, BudgetLine, FunderShare, YearBudgets
from bm3c.engine.chart_of_accounts import SUBSIDY
from bm3c.model import Cooperation

__all__ = ["budgets_to_json"]


def _funder(share: FunderShare, year: int | None) -> dict[str, Any]:
    return {
        "id": share.id,
        "year": year,
        "amount_eur": share.amount_eur,
        "rate": share.rate,
        "rate_with_volunteering": share.rate_with_volunteering,
        "counts_volunteering": share.counts_volunteering,
        "counted_rate": share.counted_rate,
        "max_rate": share.max_rate,
        "over_max_rate": share.over_max_rate,
    }


def _line(line: BudgetLine, side: str) -> dict[str, Any]:
    return {"side": side, **asdict(line)}


def _budget(budget: Budget) -> dict[str, Any]:
    produits: dict[str, Any] = dict(budget.produits_by_class())
    produits[SUBSIDY] = budget.subsidies()
    return {
        "party": budget.party,
        "year": budget.year,
        "charges": budget.charges_by_class(),
        "produits": produits,
        "charges_total_eur": budget.charges_total_eur,
        "produits_total_eur": budget.produits_total_eur,
        "result_eur": budget.result_eur,
        "contributions": {"86": budget.uses_in_kind_eur, "87": budget.resources_in_kind_eur},
        "funders": [_funder(share, budget.year) for share in budget.funders],
        "lines": [
            *(_line(line, "charges") for line in budget.charges),
            *(_line(line, "produits") for line in budget.produits),
            *(_line(line, "86") for line in budget.uses_in_kind),
            *(_line(line, "87") for line in budget.resources_in_kind),
        ],
    }


def budgets_to_json(
    coop: Cooperation, years: Sequence[YearBudgets], parties: Sequence[str] | None = None
) -> dict[str, Any]:
    """The JSON document of some years' budgets (every party's, or only ``parties``')."""
    return {
        "cooperation": coop.name,
        "scenario": years[0].scenario if years else "base",
        "currency": coop.currency,
        "budgets": [
            _budget(budget)
            for year in years
            for budget in year.all
            if parties is None or budget.party in parties
        ],
        "funders": [_funder(share, year.year) for year in years for share in year.action.funders],
    }
