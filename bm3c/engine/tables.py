"""Evaluations as tidy tables (pandas) and as the JSON document of ``docs/model.md``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import pandas as pd

from bm3c.engine.apart import Assumption
from bm3c.engine.evaluate import Evaluation
from bm3c.engine.work_lines import staff_cost_eur, volunteer_value_eur

__all__ = [
    "FIGURE_ATTRIBUTES",
    "OUTPUT_NAMES",
    "activities_table",
    "assumption_to_json",
    "evaluation_to_json",
    "impacts_table",
    "members_table",
    "side_totals",
    "workload_table",
]

#: The names an evaluation's figures take in the JSON output and the comparison tables where
#: they differ from the engine's (kept from the first version of the output format).
OUTPUT_NAMES = {"paid_hours": "hours_paid", "volunteer_hours": "hours_volunteer"}
#: The engine's name of each figure named in the output.
FIGURE_ATTRIBUTES = {name: attribute for attribute, name in OUTPUT_NAMES.items()}

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
    "in_cooperation",
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


def assumption_to_json(assumption: Assumption) -> dict[str, Any]:
    """One assumption of an alone result: ``path``, ``policy``, ``amount_eur`` and its details."""
    row = asdict(assumption)
    return {key: row[key] for key in ("path", "policy", "amount_eur")} | {
        key: row[key] for key in ("usual_eur", "side", "label", "other", "hours", "hourly_eur")
    }


def _output_names(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with its keys named as the output names them, in the same order."""
    return {OUTPUT_NAMES.get(key, key): value for key, value in row.items()}


def evaluation_to_json(ev: Evaluation) -> dict[str, Any]:
    """The evaluation as plain JSON data; lists sorted by id, numbers unrounded."""
    members = []
    for m in ev.members:
        row = asdict(m)
        members.append(
            {k: row[FIGURE_ATTRIBUTES.get(k, k)] for k in MEMBER_JSON_KEYS}
            | {"breakdown": {k: row[k] for k in BREAKDOWN_KEYS}}
            | {"alone_assumptions": [assumption_to_json(a) for a in m.alone_assumptions]}
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
        "activities": [_output_names(asdict(a)) for a in ev.activities],
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
    rows = [_output_names(asdict(m)) for m in ev.members]
    for row in rows:
        del row["alone_assumptions"]  # a list per member: see evaluation_to_json
    return pd.DataFrame(rows).set_index("id")


def activities_table(ev: Evaluation) -> pd.DataFrame:
    """One row per activity (sorted by id)."""
    return pd.DataFrame([_output_names(asdict(a)) for a in ev.activities]).set_index("id")


def side_totals(ev: Evaluation) -> dict[str, tuple[int, float]]:
    """Number of activities and their summed result, for the ``shared`` and ``own`` sides.

    The ``shared`` side holds the activities the shared entity carries, the ``own``
    side every member's own ones: ``(count, Σ result_eur)`` each, ``(0, 0.0)`` for a
    side without activity. The two sums add up to the sum of all activities' results.
    """
    shared_id = ev.model.shared_entity.id
    totals = {"shared": (0, 0.0), "own": (0, 0.0)}
    for a in ev.activities:
        side = "shared" if a.carrier == shared_id else "own"
        count, total = totals[side]
        totals[side] = (count + 1, total + a.result_eur)
    return totals


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
            "staff_cost_eur": staff_cost_eur(coop, w),
            "volunteer_value_eur": volunteer_value_eur(coop, w),
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
