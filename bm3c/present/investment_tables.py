"""What each investment puts in its carrier's accounts, year by year (DOMAIN Part 3).

An investment adds, each year from its ``year`` for ``lifetime_years`` years
within the plan, its depreciation (price / lifetime) to its carrier's costs and
the grant's share (grant / lifetime) to its revenues. The figures are the
model's (:attr:`~bm3c.model.parts.Investment.depreciation_eur`,
:attr:`~bm3c.model.parts.Investment.grant_share_eur`); here they are laid out
as a table with one column per plan year.
"""

from __future__ import annotations

import pandas as pd

from bm3c.model import Cooperation
from bm3c.model.years import year_label
from bm3c.texts.format import money
from bm3c.texts.i18n import translate

__all__ = ["investment_schedule"]


def investment_schedule(plan: Cooperation, lang: str) -> pd.DataFrame:
    """Each investment's depreciation and grant share per plan year, as money texts.

    Columns: the investment, what the row is (depreciation, grant share), then one
    column per plan year (« 2028 »); a year outside the depreciation years reads « – ».
    No grant: no grant-share row.
    """
    years = [year_label(plan, i) for i in range(plan.years)]
    what = str(translate("plan_editor.schedule_what", lang))
    investment = str(translate("plan_editor.schedule_investment", lang))
    rows = []
    for inv in plan.investments:
        parts = [("plan_editor.depreciation", inv.depreciation_eur)]
        if inv.grant_eur > 0:
            parts.append(("plan_editor.grant_share", inv.grant_share_eur))
        for key, eur in parts:
            row = {investment: inv.label, what: str(translate(key, lang))}
            for i, year in enumerate(years):
                row[year] = money(eur if inv.depreciates_in(i + 1) else None, plan.currency, lang)
            rows.append(row)
    return pd.DataFrame(rows, columns=[investment, what, *years])
