"""Yearly numbers as in a spreadsheet: one row per number, one column per plan year.

An activity's revenue lines, cost lines and work lines, and the members' hourly
cost and capacity, each in a table whose every edit changes the whole plan
(:func:`bm3c.edit.years.set_yearly`); under each table, the shortcuts people use
in a spreadsheet, with a preview of the values they give.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from bm3c.edit.yearly_rows import YearlyRow, line_totals
from bm3c.edit.years import SHORTCUTS, set_shortcut, set_yearly, shortcut_values
from bm3c.errors import InvalidModelError
from bm3c.model import Cooperation
from bm3c.model.years import year_label
from bm3c.texts.field_words import field_label, value_words
from bm3c.texts.format import money
from bm3c.ui.i18n import current_language, t
from bm3c.ui.plan_tables import plan_table_editor, show_plan_problems
from bm3c.ui.projector import read_only_table
from bm3c.ui.state import commit_plan, workspace

__all__ = ["shortcuts", "totals_table", "yearly_editor"]

WHO, NUMBER = "who", "number"


def _years(plan: Cooperation) -> list[str]:
    return [year_label(plan, i) for i in range(plan.years)]


def _title(plan: Cooperation, index: int) -> str:
    """A year column's title: the calendar year, or « Année 1 » in a model without a plan."""
    if plan.plan is None:
        return t("plan_editor.year_n", number=index + 1)
    return year_label(plan, index)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _same(a: Sequence[Any], b: Sequence[Any]) -> bool:
    return all((_blank(x) and _blank(y)) or x == y for x, y in zip(a, b, strict=True))


def _edited(
    plan: Cooperation, rows: Sequence[YearlyRow], table: list[dict[str, Any]]
) -> Cooperation:
    """The plan with every row whose values changed set year by year."""
    years = _years(plan)
    for row, new in zip(rows, table, strict=True):
        values = [new.get(year) for year in years]
        if not _same(values, row.values):
            plan = set_yearly(plan, row.path, values)
    return plan


def yearly_editor(
    name: str, rows: Sequence[YearlyRow], who: Callable[[YearlyRow], str], what: str
) -> None:
    """A table of ``rows``: who (``who(row)``), which number, then one column per plan year."""
    plan, lang = workspace().plan, current_language()
    years = _years(plan)
    shown = [
        {WHO: who(row), NUMBER: field_label(row.field, lang)}
        | {year: math.nan if _blank(v) else v for year, v in zip(years, row.values, strict=True)}
        for row in rows
    ]
    config: dict[str, Any] = {
        WHO: st.column_config.TextColumn(t("plan_editor.col_who"), width=190),
        NUMBER: st.column_config.TextColumn(t("plan_editor.col_number"), width=130),
    } | {year: st.column_config.NumberColumn(year, format="localized", width=95) for year in years}
    plan_table_editor(
        name,
        shown,
        [WHO, NUMBER, *years],
        lambda table: _edited(plan, rows, table),
        what=what,
        column_config=config,
        disabled=(WHO, NUMBER),
    )


def totals_table(name: str, activity_id: str, side: str) -> None:
    """Each line's yearly amount (quantity × unit price where the line has them), to read."""
    plan, lang = workspace().plan, current_language()
    totals = line_totals(plan, activity_id, side)
    if not totals:
        return
    frame = pd.DataFrame(
        [
            {t("plan_editor.col_who"): label}
            | {_title(plan, i): money(v, plan.currency, lang) for i, v in enumerate(values)}
            for label, values in totals
        ]
    )
    st.caption(t("plan_editor.totals"))
    read_only_table(frame, key=f"{name}.totals")


def _row_name(row: YearlyRow, who: Callable[[YearlyRow], str]) -> str:
    return f"{who(row)} — {field_label(row.field, current_language())}"


def shortcuts(
    name: str, rows: Sequence[YearlyRow], who: Callable[[YearlyRow], str], what: str
) -> None:
    """Fill one row at once: the same every year, grow by x % a year, only in year n."""
    ws = workspace()
    plan, lang = ws.plan, current_language()
    if not rows or plan.years == 1:
        return
    with st.expander(t("plan_editor.shortcuts"), icon=":material/bolt:"):
        # plain dicts as format_func: they read no session (AppTest calls them outside it)
        row_names = {i: _row_name(row, who) for i, row in enumerate(rows)}
        index = st.selectbox(
            t("plan_editor.shortcut_row"),
            range(len(rows)),
            format_func=row_names.__getitem__,
            key=f"{name}.shortcut.row",
        )
        row = rows[int(index or 0)]
        shortcut_names = {s: t(f"plan_editor.shortcut.{s}") for s in SHORTCUTS}
        shortcut = st.radio(
            t("plan_editor.shortcut"),
            SHORTCUTS,
            format_func=shortcut_names.__getitem__,
            horizontal=True,
            key=f"{name}.shortcut.kind",
        )
        left, right = st.columns(2)
        first = next((v for v in row.values if not _blank(v)), 0.0)
        value = left.number_input(
            t("plan_editor.shortcut_value", number=field_label(row.field, lang)),
            value=float(first or 0.0),
            key=f"{name}.shortcut.value.{index}@{ws.version}",
        )
        percent, year = 0.0, 1
        if shortcut == "grow":
            percent = right.number_input(
                t("plan_editor.shortcut_percent"),
                value=5.0,
                step=1.0,
                key=f"{name}.shortcut.percent",
            )
        elif shortcut == "only":
            year = 1 + int(
                right.selectbox(
                    t("plan_editor.shortcut_year"),
                    range(plan.years),
                    format_func=dict(enumerate(_years(plan))).__getitem__,
                    key=f"{name}.shortcut.year",
                )
                or 0
            )
        values = shortcut_values(shortcut, float(value), plan.years, percent=percent, year=year)
        colon = " : " if lang == "fr" else ": "
        preview = " · ".join(
            f"{year_label(plan, i)}{colon}{value_words(row.field, v, lang, plan.currency)}"
            for i, v in enumerate(values)
        )
        st.caption(t("plan_editor.preview", values=preview))
        where = f"{name}.shortcut.problems"
        if st.button(t("plan_editor.apply"), key=f"{name}.shortcut.apply", icon=":material/check:"):
            try:
                new = set_shortcut(
                    plan, row.path, shortcut, float(value), percent=percent, year=year
                )
            except InvalidModelError as error:
                st.session_state[where] = [str(p) for p in error.problems]
            else:
                commit_plan(new, what)
                st.rerun()
        show_plan_problems(st.session_state.pop(where, []))
