"""Tables of the work page: the editable hours table, members' load, what-if before/after.

Pure functions: texts (column titles, flags) come in as arguments, numbers go out
formatted for the language; :func:`with_work_rows` turns edited rows back into a model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from bm3c.engine import Evaluation
from bm3c.engine.whatif import MemberWhatIf, WhatIf
from bm3c.engine.work_lines import staff_cost_eur
from bm3c.model import Cooperation
from bm3c.model.validation import edit_data
from bm3c.texts.format import MINUS, hours, money, number, percent

__all__ = [
    "WORK_COLUMNS",
    "hours_change",
    "hours_matrix",
    "load_change",
    "members_table",
    "metric_delta",
    "party_names",
    "signed_money",
    "transfer_table",
    "what_if_table",
    "with_work_rows",
    "work_rows",
]

WORK_COLUMNS = (
    "member_name",
    "activity_name",
    "carrier_name",
    "paid_hours",
    "volunteer_hours",
    "reimbursed",
    "staff_cost",
)


def party_names(coop: Cooperation) -> dict[str, str]:
    """Display name of every member and of the shared entity, by id."""
    return {m.id: m.name for m in coop.members} | {coop.shared_entity.id: coop.shared_entity.name}


def work_rows(
    coop: Cooperation,
    lang: str,
    *,
    member: str | None = None,
    activity: str | None = None,
) -> list[dict[str, Any]]:
    """One row per work line (activities in model order), optionally of one member or activity.

    Each row holds the ids (``member``, ``activity``) that :func:`with_work_rows` needs,
    and the :data:`WORK_COLUMNS` shown: names, hours, the reimbursed flag and the staff
    cost (paid hours × the member's hourly cost, formatted).
    """
    names = party_names(coop)
    return [
        {
            "member": w.member,
            "activity": a.id,
            "member_name": names[w.member],
            "activity_name": a.name,
            "carrier_name": names[a.carrier],
            "paid_hours": w.paid_hours,
            "volunteer_hours": w.volunteer_hours,
            "reimbursed": w.reimbursed,
            "staff_cost": money(staff_cost_eur(coop, w), coop.currency, lang),
        }
        for a in coop.activities
        if activity is None or a.id == activity
        for w in a.work
        if member is None or w.member == member
    ]


def with_work_rows(coop: Cooperation, rows: Sequence[Mapping[str, Any]]) -> Cooperation:
    """The model with the hours and reimbursed flags of ``rows`` (from :func:`work_rows`).

    Work lines not in ``rows`` stay as they are. A row left with no hours removes its
    line; a line without paid hours cannot stay reimbursed. An empty cell counts as 0.

    Raises:
        InvalidModelError: when the edited model is invalid (negative hours, say).

    """
    edited = {(str(r["activity"]), str(r["member"])): r for r in rows}

    def mutate(data: dict[str, Any]) -> None:
        for a in data["activities"]:
            kept = []
            for line in a.get("work", []):
                row = edited.get((a["id"], line["member"]))
                if row is not None:
                    paid, volunteer = _hours(row, "paid_hours"), _hours(row, "volunteer_hours")
                    if paid == 0 and volunteer == 0:
                        continue
                    line["paid_hours"], line["volunteer_hours"] = paid, volunteer
                    line["reimbursed"] = bool(row.get("reimbursed", False)) and paid > 0
                kept.append(line)
            a["work"] = kept

    return edit_data(coop, mutate)


def _hours(row: Mapping[str, Any], column: str) -> float:
    value = row.get(column)
    return 0.0 if value is None else float(value)


def members_table(
    ev: Evaluation, lang: str, labels: Mapping[str, str], overloaded: str
) -> pd.DataFrame:
    """Each member's hours, capacity, load and results, sorted by id like the evaluation.

    ``labels`` maps ``member``, ``paid_hours``, ``volunteer_hours``, ``capacity``,
    ``load``, ``cash_result`` and ``gain`` to column titles; ``overloaded`` is the flag
    appended to the load of an overloaded member.
    """
    cur = ev.currency
    rows = [
        {
            labels["member"]: m.name,
            labels["paid_hours"]: hours(m.paid_hours, lang),
            labels["volunteer_hours"]: hours(m.volunteer_hours, lang),
            labels["capacity"]: "–" if m.capacity_hours is None else hours(m.capacity_hours, lang),
            labels["load"]: percent(m.load_ratio, lang)
            + (f" {overloaded}" if m.overloaded else ""),
            labels["cash_result"]: money(m.cash_result_eur, cur, lang),
            labels["gain"]: money(m.gain_from_cooperation_eur, cur, lang),
        }
        for m in ev.members
    ]
    columns = ["member", "paid_hours", "volunteer_hours", "capacity", "load", "cash_result", "gain"]
    return pd.DataFrame(rows, columns=[labels[c] for c in columns])


def signed_money(delta: float, currency: str, lang: str, decimals: int = 2) -> str:
    """A change of money with its sign: ``+1 234,50 €``, ``−80,00 €``, ``0,00 €``."""
    text = money(delta, currency, lang, decimals)
    if text.startswith(MINUS) or round(delta, decimals) == 0:
        return text
    return "+" + text


def hours_change(before: float, after: float, lang: str) -> str:
    """``350 h`` when unchanged, else ``350 h → 400 h``."""
    if before == after:
        return hours(before, lang)
    return f"{hours(before, lang)} → {hours(after, lang)}"


def load_change(member: MemberWhatIf, lang: str, overloaded: str) -> str:
    """``85 % → 92 %``, with the overload flag when overloaded after the what-if."""
    before = percent(member.load_ratio_before, lang)
    after = percent(member.load_ratio_after, lang)
    text = before if before == after else f"{before} → {after}"
    return text + (f" {overloaded}" if member.overloaded_after else "")


def what_if_table(
    result: WhatIf, currency: str, lang: str, labels: Mapping[str, str], overloaded: str
) -> pd.DataFrame:
    """Before, after and change of every member's cash result and gain, hours and load.

    ``labels`` maps ``member``, ``hours``, ``cash_before``, ``cash_after``, ``cash_delta``,
    ``gain_after``, ``gain_delta`` and ``load`` to column titles. Hours are the paid
    (+ volunteer) hours on the activity.
    """
    rows = [
        {
            labels["member"]: m.name,
            labels["hours"]: hours_change(m.activity_hours_before, m.activity_hours_after, lang),
            labels["cash_before"]: money(m.cash_result_before_eur, currency, lang),
            labels["cash_after"]: money(m.cash_result_after_eur, currency, lang),
            labels["cash_delta"]: signed_money(m.cash_result_delta_eur, currency, lang),
            labels["gain_after"]: money(m.gain_after_eur, currency, lang),
            labels["gain_delta"]: signed_money(m.gain_delta_eur, currency, lang),
            labels["load"]: load_change(m, lang, overloaded),
        }
        for m in result.members
    ]
    columns = [
        "member",
        "hours",
        "cash_before",
        "cash_after",
        "cash_delta",
        "gain_after",
        "gain_delta",
        "load",
    ]
    return pd.DataFrame(rows, columns=[labels[c] for c in columns])


def transfer_table(
    result: WhatIf,
    first: Sequence[str],
    shared_name: str,
    currency: str,
    lang: str,
    labels: Mapping[str, str],
) -> pd.DataFrame:
    """Every member's result before and after a transfer, and the shared entity's.

    Rows: the members in ``first`` (the giver, the receiver), the shared entity
    (named ``shared_name``, no hours), then the other members. ``labels`` maps
    ``member``, ``hours``, ``before``, ``after`` and ``delta`` to column titles.
    Money in whole units, so that the table fits beside the control on a laptop.
    """

    def row(name: str, hours_text: str, before: float, after: float) -> dict[str, str]:
        return {
            labels["member"]: name,
            labels["hours"]: hours_text,
            labels["before"]: money(before, currency, lang, 0),
            labels["after"]: money(after, currency, lang, 0),
            labels["delta"]: signed_money(after - before, currency, lang, 0),
        }

    def member_row(m: MemberWhatIf) -> dict[str, str]:
        hours_text = hours_change(m.activity_hours_before, m.activity_hours_after, lang)
        return row(m.name, hours_text, m.cash_result_before_eur, m.cash_result_after_eur)

    by_id = {m.id: m for m in result.members}
    rows = [member_row(by_id[m]) for m in first]
    rows.append(
        row(shared_name, "–", result.shared_result_before_eur, result.shared_result_after_eur)
    )
    rows += [member_row(m) for m in result.members if m.id not in first]
    columns = ["member", "hours", "before", "after", "delta"]
    return pd.DataFrame(rows, columns=[labels[c] for c in columns])


def metric_delta(delta: float, currency: str, lang: str) -> str | None:
    """A change for ``st.metric``: None when under a cent, else signed with an ASCII minus.

    Streamlit colours a metric's delta red only when its text starts with ``-``.
    """
    if round(delta, 2) == 0:
        return None
    text = signed_money(delta, currency, lang)
    return "-" + text[1:] if text.startswith(MINUS) else text


def hours_matrix(coop: Cooperation, lang: str, which: str = "total") -> pd.DataFrame:
    """Members × activities: hours each member gives each activity (blank where none).

    Rows and columns follow the model's order and are labelled by name; a name that
    two members (or two activities) share gets its id in brackets.

    Args:
        coop: The cooperation.
        lang: Language of the number format.
        which: "paid", "volunteer" or "total" (paid + volunteer).

    """
    member_labels = _unique_labels([(m.id, m.name) for m in coop.members])
    activity_labels = _unique_labels([(a.id, a.name) for a in coop.activities])
    cells = {
        (w.member, a.id): {"paid": w.paid_hours, "volunteer": w.volunteer_hours}.get(which, w.hours)
        for a in coop.activities
        for w in a.work
    }
    table = {
        activity_labels[a.id]: [
            number(cells[(m, a.id)], lang) if cells.get((m, a.id)) else "" for m in coop.member_ids
        ]
        for a in coop.activities
    }
    return pd.DataFrame(table, index=[member_labels[m] for m in coop.member_ids])


def _unique_labels(items: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Id → display name, with the id added where a name is not unique."""
    counts: dict[str, int] = {}
    for _, name in items:
        counts[name] = counts.get(name, 0) + 1
    return {i: name if counts[name] == 1 else f"{name} ({i})" for i, name in items}
