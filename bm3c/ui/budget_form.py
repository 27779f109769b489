"""The funders' budget laid out as the subsidy request form: two columns of rows to open.

Charges on the left, produits on the right (the funders' rows indented under
class 74), then the totals side by side, then classes 86 and 87 below in the same
two columns. A row with lines behind it opens (an expander) on a table of those
lines; an empty class is a plain row showing 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from bm3c.engine.budget import Budget
from bm3c.model import Cooperation
from bm3c.present.budget_tables import line_rows
from bm3c.present.budget_words import FormRow, form_rows
from bm3c.texts.format import escape_markdown, money
from bm3c.ui.i18n import current_language, t

__all__ = ["budget_form"]

INDENT = 0.07  # the width of the space before a funder's row, as a share of its column
# the rows' amounts on the right of their column, rows that do not open set level with
# those that do (the expander's padding and arrow), the lines' tables in small type
FORM = ".st-key-budget-form"
STYLE = f"""
{FORM} summary > span {{ width: 100%; }}
{FORM} summary > span > div:last-child,
{FORM} summary [data-testid="stMarkdownContainer"] {{ flex: 1 1 auto; width: 100%; }}
{FORM} summary p, {FORM} [class*="st-key-budget-plain"] p {{
  display: flex; justify-content: space-between; align-items: baseline; gap: 1rem;
}}
{FORM} summary p em, {FORM} [class*="st-key-budget-plain"] p em {{
  font-style: normal; white-space: nowrap;
}}
{FORM} summary p strong:last-child,
{FORM} [class*="st-key-budget-plain"] p strong:last-child {{ white-space: nowrap; }}
{FORM} [class*="st-key-budget-plain"] p {{
  font-size: 0.875rem; margin: 0; padding: 0.25rem 0.8rem 0.25rem 2.3rem;
}}
{FORM} [data-testid="stExpanderDetails"] table {{ font-size: 0.875rem; width: 100%; }}
"""
HEADINGS = {
    "charges": "budget.charges",
    "produits": "budget.produits",
    "86": "budget_page.heading_86",
    "87": "budget_page.heading_87",
}


def _cell(text: str) -> str:
    """A markdown table cell: escaped, its pipes kept as text."""
    return escape_markdown(text).replace("|", "\\|")


def _lines_table(row: FormRow, coop: Cooperation) -> str:
    """The lines behind a row as a markdown table (amounts aligned on the right)."""
    lang = current_language()
    header = (
        f"| {t('budget.col.account')} | {t('budget_page.col.origin')} "
        f"| {t('budget.col.amount')} |\n|:--|:--|--:|\n"
    )
    body = "\n".join(
        f"| {_cell(r.account)} | {_cell(r.words)} | {_cell(r.amount)} |"
        for r in line_rows(row.lines, coop, lang, currency=coop.currency)
    )
    return header + body


def _label(row: FormRow, coop: Cooperation, *, bold: bool = False) -> str:
    """The row's title, then its amount (set apart, so that the style sheet aligns it)."""
    amount = money(row.amount_eur, coop.currency, current_language())
    title = escape_markdown(row.title)
    return f"**{title}** **{amount}**" if bold else f"{title} *{amount}*"


def _row(row: FormRow, coop: Cooperation, key: str) -> None:
    """One row of the form: an expander on its lines, or a plain line for an empty amount."""
    if row.level == 1:  # a funder inside class 74: indented
        _, inside = st.columns([INDENT, 1 - INDENT])
        with inside:
            _row_body(row, coop, key)
        return
    _row_body(row, coop, key)


def _row_body(row: FormRow, coop: Cooperation, key: str) -> None:
    if row.lines and not (row.code == "74" and row.level == 0):
        with st.expander(_label(row, coop)):
            st.markdown(_lines_table(row, coop))
        return
    # class 74 is the sum of the funders' rows below it, each of which opens;
    # the surplus or deficit row (no class) reads in bold, as on the form
    _plain(_label(row, coop, bold=not row.code), key)


def _plain(label: str, key: str) -> None:
    """A row that does not open, drawn level with the rows that do (``key``: unique)."""
    with st.container(key=f"budget-plain-{key}"):
        st.markdown(label)


def budget_form(budget: Budget, coop: Cooperation) -> None:
    """The budget as the request form: charges | produits, totals, then 86 | 87."""
    rows = form_rows(budget, coop, current_language())
    st.html(f"<style>{STYLE}</style>")
    with st.container(key="budget-form"):
        _columns(rows, coop)


def _columns(rows: Sequence[FormRow], coop: Cooperation) -> None:
    for top, bottom in (("charges", "produits"), ("86", "87")):
        if top == "86":
            st.subheader(t("budget_page.in_kind_title"))
            st.caption(t("budget_page.in_kind_help"))
        left, right = st.columns(2, gap="large")
        for column, side in ((left, top), (right, bottom)):
            with column:
                st.markdown(f"#### {escape_markdown(t(HEADINGS[side]))}")
                for index, row in enumerate(rows):
                    if row.side == side and row.level < 2:
                        _row(row, coop, str(index))
        # the totals side by side, level with each other whatever the rows above
        left, right = st.columns(2, gap="large")
        for column, side in ((left, top), (right, bottom)):
            with column:
                for index, row in enumerate(rows):
                    if row.side == side and row.level == 2:
                        _plain(_label(row, coop, bold=True), str(index))
