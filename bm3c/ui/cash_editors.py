"""The cash plan page's editors: when the money arrives or leaves, and the opening cash.

Both edit the whole plan (``paid`` and ``opening_cash_eur`` are not yearly
numbers): pending edits of a table go through the pure functions of
:mod:`bm3c.edit.timing` and are committed with :func:`~bm3c.ui.state.commit_plan`;
a refused edit leaves the plan as it was and says why above its table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from bm3c.edit.timing import TimedLine, schedule_from, set_opening_cash, set_payment, timed_lines
from bm3c.errors import InvalidModelError, Problem
from bm3c.model import Cooperation
from bm3c.model.years import year_label
from bm3c.present.plan_words import schedule_words
from bm3c.texts.format import money
from bm3c.ui.i18n import current_language, t
from bm3c.ui.plan_tables import plan_table_editor
from bm3c.ui.state import workspace

__all__ = ["opening_cash_editor", "timing_editor", "timing_rows"]

TIMING = "cash.timing"
OPENING = "cash.opening"
COLUMNS = (
    "activity",
    "label",
    "amount",
    "month",
    "share",
    "balance",
    "when",
    "side",
    "payer",
    "payee",
)


def _names(coop: Cooperation) -> dict[str, str]:
    names = {a.id: a.name for a in coop.actors} | {m.id: m.name for m in coop.members}
    names[coop.shared_entity.id] = coop.shared_entity.name
    names["market"] = t("cash.timing.market")
    return names


def timing_rows(lines: Sequence[TimedLine], coop: Cooperation, lang: str) -> list[dict[str, Any]]:
    """One editor row per line: who pays whom, the year's amount, the schedule's simple form.

    ``month`` empty: spread over the year; ``share`` (%) paid in ``month``, the
    balance in ``balance``. ``when`` says the whole schedule in words.
    """
    names = _names(coop)
    rows = []
    for line in lines:
        paid = line.paid or ()
        first = paid[0] if paid else None
        second = paid[1] if len(paid) > 1 else None
        rows.append(
            {
                "ref": line.ref,
                "activity": line.activity or t("cash.timing.flow"),
                "label": line.label,
                "side": t(f"cash.timing.side.{line.side}"),
                "payer": names.get(line.payer, line.payer),
                "payee": names.get(line.payee, line.payee),
                "amount": money(line.amount_eur, coop.currency, lang, 0),
                "month": first.month if first else None,
                "share": round(first.fraction * 100, 4) if first else None,
                "balance": second.month if second else None,
                "when": schedule_words(line.paid, lang),
            }
        )
    return rows


def _timing_plan(plan: Cooperation, before: Sequence[Mapping[str, Any]]) -> Callable[..., Any]:
    def to_plan(after: list[dict[str, Any]]) -> Cooperation:
        new = plan
        for old, row in zip(before, after, strict=True):
            fields = ("month", "share", "balance")
            if all(_same(old.get(f), row.get(f)) for f in fields):
                continue
            share = row.get("share")
            spread = _empty(row.get("month")) and _empty(old.get("month"))
            if spread and not (_empty(share) and _empty(row.get("balance"))):
                # a share or balance typed on a line spread over the year: it needs a month
                raise InvalidModelError([Problem(str(row["ref"]), t("cash.problem.month_missing"))])
            try:
                schedule = schedule_from(
                    row.get("month"),
                    None if share is None else float(share) / 100,
                    row.get("balance"),
                )
            except InvalidModelError as error:
                raise InvalidModelError(
                    [Problem(str(row["ref"]), _in_words(p, row)) for p in error.problems]
                ) from None
            new = set_payment(new, str(row["ref"]), schedule)
        return new

    return to_plan


def _in_words(problem: Problem, row: Mapping[str, Any]) -> str:
    """A refused schedule cell in the reader's words (the line is named by the problem's path)."""
    field = problem.path.rpartition(".")[2]
    if field == "month":
        return t("cash.problem.month", value=row.get("month"))
    if field == "fraction":
        return t("cash.problem.share", value=row.get("share"))
    if row.get("balance") in (None, ""):
        return t("cash.problem.balance_missing", share=row.get("share"))
    if _same(row.get("balance"), row.get("month")):
        return t("cash.problem.balance_same")
    return t("cash.problem.balance_month", value=row.get("balance"))


def _empty(value: Any) -> bool:
    return value is None or value == ""


def _same(a: Any, b: Any) -> bool:
    missing = (None, "")
    if a in missing or b in missing:
        return a in missing and b in missing
    return bool(float(a) == float(b))


def timing_editor() -> None:
    """« Quand l'argent arrive / part »: each line's month(s), for every year of the line."""
    ws = workspace()
    lang = current_language()
    lines = timed_lines(ws.plan, ws.model)
    st.subheader(t("cash.timing.title"))
    year = year_label(ws.plan, ws.year) if ws.plan.plan is not None else None
    several = ws.plan.years > 1
    st.caption(t("cash.timing.help", year=year) if several else t("cash.timing.help_one"))
    if not lines:
        st.info(t("cash.timing.none"))
        return
    rows = timing_rows(lines, ws.model, lang)
    config = {
        "activity": st.column_config.TextColumn(t("cash.timing.col.activity")),
        "label": st.column_config.TextColumn(t("cash.timing.col.label")),
        "side": st.column_config.TextColumn(t("cash.timing.col.side")),
        "payer": st.column_config.TextColumn(t("cash.timing.col.payer")),
        "payee": st.column_config.TextColumn(t("cash.timing.col.payee")),
        "amount": st.column_config.TextColumn(
            t("cash.timing.col.amount", year=year) if year else t("cash.timing.col.amount_one")
        ),
        "month": st.column_config.NumberColumn(
            t("cash.timing.col.month"),
            help=t("cash.timing.col.month_help"),
            step=1,
            format="%d",
            width="small",
        ),
        "share": st.column_config.NumberColumn(
            t("cash.timing.col.share"),
            help=t("cash.timing.col.share_help"),
            format="%g %%",
        ),
        "balance": st.column_config.NumberColumn(
            t("cash.timing.col.balance"),
            help=t("cash.timing.col.balance_help"),
            step=1,
            format="%d",
        ),
        "when": st.column_config.TextColumn(t("cash.timing.col.when")),
    }
    plan_table_editor(
        TIMING,
        rows,
        COLUMNS,
        _timing_plan(ws.plan, rows),
        what=t("cash.timing.what"),
        column_config=config,
        disabled=("activity", "label", "side", "payer", "payee", "amount", "when"),
    )


def opening_cash_editor() -> None:
    """Each party's cash at the plan's start (a member, the shared entity)."""
    ws = workspace()
    plan = ws.plan
    parties = [(m.id, m.name) for m in plan.members]
    parties.append((plan.shared_entity.id, plan.shared_entity.name))
    rows = [
        {"party": pid, "name": name, "opening": plan.opening_cash_eur.get(pid, 0.0)}
        for pid, name in parties
    ]

    def to_plan(after: list[dict[str, Any]]) -> Cooperation:
        amounts: dict[str, float | None] = {}
        for row in after:
            value = row.get("opening")
            amounts[str(row["party"])] = None if value in (None, "") else float(value)
        return set_opening_cash(plan, amounts)

    symbol = "€" if plan.currency == "EUR" else plan.currency
    plan_table_editor(
        OPENING,
        rows,
        ("name", "opening"),
        to_plan,
        what=t("cash.opening.what"),
        column_config={
            "name": st.column_config.TextColumn(t("cash.col.party")),
            "opening": st.column_config.NumberColumn(
                t("cash.opening.col", symbol=symbol), format="%.0f", step=100.0
            ),
        },
        disabled=("name",),
    )
