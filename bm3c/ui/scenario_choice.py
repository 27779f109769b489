"""The scenario a page shows (base or one of the model's), and why one cannot be shown.

Pages that draw one scenario's figures (the cash plan, the budget for funders) share
the choice: a select box whose choice outlives a change of language, and, for a
scenario that no longer applies, each problem where it is, in the session's words.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from bm3c.edit.differences import model_names
from bm3c.errors import Bm3cError, ProblemsError
from bm3c.present.problems import problem_list
from bm3c.texts.format import escape_markdown
from bm3c.ui.i18n import current_language, t
from bm3c.ui.state import workspace
from bm3c.ui.widgets import keep_valid

__all__ = ["BASE", "chosen", "chosen_scenario", "scenario_failed"]

#: The base in a scenario box: a box holding None shows its placeholder, not the base.
BASE = ""


def chosen(slot: str, options: list[Any], labels: dict[Any, str], **widget: Any) -> Any:
    """A select box whose choice outlives a change of language.

    Its labels are in the session's language, so the box has a key per language
    (else the browser keeps showing the previous language's label after a
    switch); the choice itself is kept under ``slot`` and given to the new box.
    """
    key = f"{slot}.{current_language()}"
    keep_valid(slot, options)
    keep_valid(key, options)
    if key not in st.session_state and slot in st.session_state:
        st.session_state[key] = st.session_state[slot]
    value = st.selectbox(
        options=options, format_func=lambda o: labels.get(o, str(o)), key=key, **widget
    )
    st.session_state[slot] = value
    return value


def chosen_scenario(slot: str, label: str, help_text: str) -> str | None:
    """The base (``None``) or one of the model's scenarios; no box without scenarios."""
    ws = workspace()
    options = [BASE, *(s.id for s in ws.plan.scenarios)]
    if len(options) == 1:
        return None
    labels = {BASE: t("common.base")} | {s.id: s.name for s in ws.plan.scenarios}
    scenario: str = chosen(slot, options, labels, label=label, help=help_text)
    return scenario or None


def scenario_failed(error: Bm3cError, lead: str) -> str:
    """``lead``, then why the scenario cannot be applied: each problem, where in words."""
    if not isinstance(error, ProblemsError):
        return lead + "\n\n- " + escape_markdown(str(error))
    lang = current_language()
    names = model_names(workspace().plan, lang=lang)
    return lead + "\n\n" + problem_list([str(p) for p in error.problems], lang, names)
