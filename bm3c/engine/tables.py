"""Evaluations as tidy tables (pandas) and as the JSON document of ``docs/model.md``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import pandas as pd

from bm3c.engine.evaluate import Evaluation

__all__ = [
    "activities_table",
    "evaluation_to_json",
    "impacts_table",
    "members_table",
    "workload_table",
]

MEMBER_JSON_KEYS = (
    "id",
    "name",
    "cash_result_eur",
    "stand_alone_result_eur",
    "gain_from_cooperation_eur",
    "economic_result_eur",
    "shared_share_eur",
    "hours_paid",
    "hours_volunteer",
    "volunteer_value_eur",
    "capacity_hours",
    "load_ratio",
    "overloaded",
)
BREAKDOWN_KEYS = (
    "own_activities_eur",
    "staff_cost_eur",
    "reimbursements_received_eur",
    "reimbursements_paid_eur",
    "internal_received_eur",
    "internal_paid_eur",
    "money_flows_in_eur",
    "money_flows_out_eur",
    "shared_share_eur",
)


def evaluation_to_json(ev: Evaluation) -> dict[str, Any]:
    """The evaluation as plain JSON data; lists sorted by id, numbers unrounded."""
    members = []
    for m in ev.members:
        row = asdict(m)
        members.append(
            {k: row[k] for k in MEMBER_JSON_KEYS}
            | {"breakdown": {k: row[k] for k in BREAKDOWN_KEYS}}
        )
    return {
        "cooperation": ev.cooperation,
        "scenario": ev.scenario,
        "scenario_name": ev.scenario_name,
        "currency": ev.currency,
        "period": ev.period,
        "members": members,
        "shared_entity": asdict(ev.shared_entity),
        "collective": asdict(ev.collective),
        "activities": [asdict(a) for a in ev.activities],
        "impacts": {
            key: {
                "collective": total,
                "shared_entity": ev.impacts.shared_entity(key),
                "by_carrier": ev.impacts.by_carrier[key],
            }
            for key, total in ev.impacts.collective.items()
        },
        "checks": {
            "everyone_gains": ev.everyone_gains,
            "losing_members": list(ev.losing_members),
            "warnings": [str(w) for w in ev.warnings],
        },
    }


def members_table(ev: Evaluation) -> pd.DataFrame:
    """One row per member (sorted by id), every figure of :class:`MemberResult`."""
    return pd.DataFrame([asdict(m) for m in ev.members]).set_index("id")


def activities_table(ev: Evaluation) -> pd.DataFrame:
    """One row per activity (sorted by id)."""
    return pd.DataFrame([asdict(a) for a in ev.activities]).set_index("id")


def workload_table(ev: Evaluation) -> pd.DataFrame:
    """One row per work line: member, activity, carrier, hours and their cost and value."""
    coop = ev.model
    rows = [
        {
            "member": w.member,
            "activity": a.id,
            "carrier": a.carrier,
            "paid_hours": w.paid_hours,
            "volunteer_hours": w.volunteer_hours,
            "reimbursed": w.reimbursed,
            "staff_cost_eur": w.paid_hours * coop.member(w.member).hourly_cost_eur,
            "volunteer_value_eur": w.volunteer_hours
            * coop.volunteer_hour_value(coop.member(w.member)),
        }
        for a in coop.activities
        for w in a.work
    ]
    columns = [
        "member",
        "activity",
        "carrier",
        "paid_hours",
        "volunteer_hours",
        "reimbursed",
        "staff_cost_eur",
        "volunteer_value_eur",
    ]
    return pd.DataFrame(rows, columns=columns).sort_values(
        ["member", "activity"], ignore_index=True
    )


def impacts_table(ev: Evaluation) -> pd.DataFrame:
    """One row per impact key and carrier, plus a row per key for the whole collective."""
    rows = [
        {"indicator": key, "level": "carrier", "carrier": carrier, "value": value}
        for key, carriers in ev.impacts.by_carrier.items()
        for carrier, value in carriers.items()
    ]
    rows += [
        {"indicator": key, "level": "collective", "carrier": None, "value": value}
        for key, value in ev.impacts.collective.items()
    ]
    return pd.DataFrame(rows, columns=["indicator", "level", "carrier", "value"])
