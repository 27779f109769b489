"""The plan's investments in a table of their own, and what each puts in the accounts.

Each row is an investment: id, who buys it, what, its price, the calendar year and
month it is bought, its lifetime, its grant, who gives the grant and when it is
received. A refused row stays as typed, with its reason (row and column in words)
above the table. Under it, each investment's depreciation and grant share per
plan year, from the model's figures.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from bm3c.edit.investments import INVESTMENT_FIELDS, investment_rows, set_investments
from bm3c.model import MARKET
from bm3c.present.investment_tables import investment_schedule
from bm3c.present.problems import localize_problem
from bm3c.texts.format import SYMBOLS
from bm3c.ui.activity_editor import party_names
from bm3c.ui.i18n import current_language, t
from bm3c.ui.plan_tables import plan_table_editor
from bm3c.ui.projector import read_only_table
from bm3c.ui.state import workspace

__all__ = ["investments_section"]

NAME = "plan.investments"
OUTSIDE = re.compile(r"(investments\[\d+\]\.year): (\d+) is outside the plan \((\d+)–(\d+)\)")
LOCATED = re.compile(r"investments\[(\d+)\]\.([\w]+)(?:\[\d+\])?(?:\.\w+)?")


def _column_title(field: str) -> str:
    return t(f"plan_editor.inv.{field}", symbol=SYMBOLS.get(workspace().plan.currency, ""))


def _problem_words(text: str, rows: Sequence[Mapping[str, Any]]) -> str:
    """« Investissement 2 (Serres) › Année : 2031 est en dehors du plan (2027–2029) »."""
    lang = current_language()
    outside = OUTSIDE.fullmatch(text)
    if outside:
        message = t(
            "plan_editor.inv_year_outside", year=outside[2], first=outside[3], last=outside[4]
        )
        text = f"{outside[1]}: {message}"
    localized = localize_problem(text, lang) if not outside else text
    path, sep, message = localized.partition(": " if outside or lang != "fr" else " : ")
    located = LOCATED.fullmatch(path) if sep else None
    if located is None:
        return f"- {localized}"
    number, field = int(located[1]), located[2]
    where = t("plan_editor.inv_row", number=number + 1)
    if number < len(rows) and rows[number].get("label"):
        where += f" ({rows[number]['label']})"
    column = _column_title(field) if field in INVESTMENT_FIELDS else field
    colon = " : " if lang == "fr" else ": "
    return f"- **{where} › {column}**{colon}{message}"


def investments_section() -> None:
    """The investments table, then the depreciation and grant share of each, per year."""
    ws = workspace()
    plan, lang = ws.plan, current_language()
    names = party_names()
    carriers = [plan.shared_entity.id, *(m.id for m in plan.members)]
    grantors = [MARKET, *(a.id for a in plan.actors)]  # a grant comes from outside
    st.caption(t("plan_editor.investments_help"))
    first = plan.plan.start_year if plan.plan is not None else None
    years = f"{first}–{first + plan.years - 1}" if first is not None else "1"
    config = {
        "id": st.column_config.TextColumn(_column_title("id"), width=85),
        "carrier": st.column_config.SelectboxColumn(
            _column_title("carrier"),
            options=carriers,
            format_func=lambda ident: names.get(str(ident), str(ident)),
            width=125,
        ),
        "label": st.column_config.TextColumn(_column_title("label"), width=120),
        "amount_eur": st.column_config.NumberColumn(
            _column_title("amount_eur"), format="localized", width=75
        ),
        "year": st.column_config.NumberColumn(
            _column_title("year"),
            help=t("plan_editor.inv_year_help", years=years),
            format="%d",
            width=60,
        ),
        "month": st.column_config.NumberColumn(
            _column_title("month"), help=t("plan_editor.inv_month_help"), format="%d", width=50
        ),
        "lifetime_years": st.column_config.NumberColumn(
            _column_title("lifetime_years"), format="%d", width=60
        ),
        "grant_eur": st.column_config.NumberColumn(
            _column_title("grant_eur"), format="localized", width=80
        ),
        "from": st.column_config.SelectboxColumn(
            _column_title("from"),
            options=grantors,
            format_func=lambda ident: names.get(str(ident), str(ident)),
            width=125,
        ),
        "grant_paid": st.column_config.NumberColumn(
            _column_title("grant_paid"),
            help=t("plan_editor.inv_grant_paid_help"),
            format="%d",
            width=80,
        ),
    }
    plan_table_editor(
        NAME,
        investment_rows(plan),
        INVESTMENT_FIELDS,
        lambda rows: set_investments(plan, rows),
        what=t("plan_editor.what_investments"),
        column_config=config,
        dynamic=True,
        words=_problem_words,
    )
    if plan.investments:
        st.markdown(f"**{t('plan_editor.schedule')}**")
        st.caption(t("plan_editor.schedule_help"))
        read_only_table(investment_schedule(plan, lang), key=f"{NAME}.schedule")
