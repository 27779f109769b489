"""Scenario changes in words, for the Scenarios page: paths, filters, leaves, and what they touch.

A path reads with names for ids and translated field names (« activités › tous ›
recettes › de nature Subvention › montant »); a leave reads « Slow Fest part ».
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from bm3c.edit.scenarios import path_parts, value_text
from bm3c.model import Cooperation
from bm3c.present.charts_fairness import join_names
from bm3c.present.charts_impacts import quantity
from bm3c.texts.i18n import catalog
from bm3c.ui.i18n import current_language, t

__all__ = ["change_words", "path_words", "targets_frame"]

PARTS = (
    "members",
    "actors",
    "activities",
    "revenues",
    "costs",
    "work",
    "flows",
    "sharing",
    "surplus",
    "deficit",
    "weights",
    "shared_entity",
    "reserve_fraction",
    "amount_eur",
    "quantity",
    "unit_price_eur",
    "paid_hours",
    "volunteer_hours",
    "reimbursed",
    "hourly_cost_eur",
    "capacity_hours",
    "volunteer_hour_value_eur",
    "carrier",
)


def _filter_words(part: str) -> str:
    """``[kind=subsidy]`` → « de nature Subvention », ``[from=Région]`` → « venant de Région »."""
    field, _, value = part[1:-1].partition("=")
    field, value = field.strip(), value.strip()
    if field == "kind":
        kind = f"activities.kind.{value}"
        return t("scenarios.part.where_kind", value=t(kind) if kind in catalog() else value)
    if field in ("from", "to"):
        return t(f"scenarios.part.where_{field}", value=value)
    return t("scenarios.part.where", field=field, value=value)


def path_words(model: Cooperation, path: str) -> str:
    """A change's path in words: names for ids, translated field names and filters."""
    words = {part: t(f"scenarios.part.{part}") for part in PARTS} | {"*": t("scenarios.part.all")}
    return " › ".join(
        _filter_words(part)
        if part.startswith("[") and part.endswith("]")
        else words.get(part, part)
        for part in path_parts(model, path)
    )


def change_words(model: Cooperation, row: Mapping[str, Any]) -> str:
    """A change's table row in words: its path, or for a leave « Slow Fest part »."""
    if row.get("action") != "leave":
        return path_words(model, str(row.get("path") or ""))
    names = {m.id: m.name for m in model.members}
    ids = [i.strip() for i in str(row.get("value") or "").split(",") if i.strip()]
    who = [names.get(i, i) for i in ids]
    if len(who) == 1:
        return t("scenarios.leaves_one", name=who[0])
    return t("scenarios.leaves_many", names=join_names(who, t("scenarios.and")))


def _value(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "–" if value is None else value_text(value)
    return quantity(float(value), current_language())


def targets_frame(model: Cooperation, targets: Sequence[tuple[str, object]]) -> pd.DataFrame:
    """What a change touches: each value in words, its current value and its path.

    ``targets`` as :func:`~bm3c.engine.scenarios.change_targets` gives them.
    """
    return pd.DataFrame(
        {
            t("scenarios.target_what"): [path_words(model, p) for p, _ in targets],
            t("scenarios.target_value"): [_value(v) for _, v in targets],
            t("scenarios.target_path"): [p for p, _ in targets],
        }
    )
