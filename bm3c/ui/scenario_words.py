"""Scenario changes in words, for the Scenarios page: paths, filters, leaves, and what they touch.

A path reads with names for ids and translated field names (« toutes les activités ›
recettes › de nature Subvention › montant », :mod:`bm3c.texts.field_words`); a leave
reads « Slow Fest part ».
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from bm3c.edit.scenarios import path_parts, value_text
from bm3c.model import Cooperation
from bm3c.present.charts_fairness import join_names
from bm3c.present.charts_impacts import quantity
from bm3c.texts.field_words import path_words as field_path_words
from bm3c.ui.i18n import current_language, t

__all__ = ["SHOW_PATHS", "change_words", "path_words", "targets_frame"]

SHOW_PATHS = "scenarios.show_paths"  # the file's paths shown beside the words


def path_words(model: Cooperation, path: str) -> str:
    """A change's path in words: names for ids, translated field names and filters."""
    return field_path_words(path_parts(model, path), current_language(), indicator_names(model))


def indicator_names(model: Cooperation) -> dict[str, str]:
    """Each declared impact indicator's label in the current language, by its key."""
    lang = current_language()
    return {i.id: i.label_fr if lang == "fr" else i.label_en for i in model.indicators}


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
    """What a change touches: each value in words, its current value (and its path if asked).

    ``targets`` as :func:`~bm3c.engine.scenarios.change_targets` gives them; the
    file's paths are a column only when the editor shows paths (:data:`SHOW_PATHS`).
    """
    columns = {
        t("scenarios.target_what"): [path_words(model, p) for p, _ in targets],
        t("scenarios.target_value"): [_value(v) for _, v in targets],
    }
    if st.session_state.get(SHOW_PATHS):
        columns[t("scenarios.target_path")] = [p for p, _ in targets]
    return pd.DataFrame(columns)
