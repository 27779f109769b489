"""The plan itself: its first calendar year and its length (1 to 10 years).

A one-year model gets « Faire un plan sur plusieurs années »; a plan gets its
length changed. Numbers given year by year are extended by repeating their last
year's value; a shorter plan names, before anything changes, every value it drops.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from bm3c.edit.differences import model_names
from bm3c.edit.years import set_plan, values_lost
from bm3c.errors import InvalidModelError
from bm3c.model.parts import MAX_PLAN_YEARS
from bm3c.present.problems import path_in_words
from bm3c.texts.field_words import value_words
from bm3c.ui.i18n import current_language, t
from bm3c.ui.plan_tables import show_plan_problems
from bm3c.ui.state import commit_plan, workspace
from bm3c.ui.widgets import number_field, show_model_value

__all__ = ["plan_length"]

WHERE = "plan.length"


def _field(path: str) -> str:
    """The number's field of a file path: ``activities.cafe.costs[0].amount_eur`` → amount_eur."""
    return path.rsplit(".", 1)[-1]


def plan_length() -> None:
    """Start year and number of years, and the button that makes or changes the plan."""
    ws = workspace()
    plan, lang = ws.plan, current_language()
    one_year = plan.years == 1
    start_key, years_key = f"{WHERE}.start_year", f"{WHERE}.years"
    show_model_value(start_key, plan.start_year or date.today().year + 1)
    show_model_value(years_key, 3 if one_year else plan.years)
    if one_year:
        st.info(t("plan_editor.one_year"), icon=":material/info:")
    left, right = st.columns(2)
    start, start_ok = number_field(
        t("plan_editor.start_year"), key=start_key, low=1900, high=2200, step=1, place=left
    )
    years, years_ok = number_field(
        t("plan_editor.years"), key=years_key, low=1, high=MAX_PLAN_YEARS, step=1, place=right
    )
    st.caption(t("plan_editor.extend_help"))
    if start is None or years is None or not (start_ok and years_ok):
        return
    start_year, count = int(start), int(years)
    lost = values_lost(plan, count) if count < plan.years else []
    if lost:
        names = model_names(ws.model, lang=lang)
        colon = " : " if lang == "fr" else ": "
        listed = "\n".join(
            f"- {path_in_words(path, lang, names)}{colon}"
            + ", ".join(value_words(_field(path), v, lang, plan.currency) for v in values)
            for path, values in lost
        )
        st.warning(t("plan_editor.values_lost", years=count) + "\n\n" + listed)
    label = "plan_editor.make_plan" if one_year else "plan_editor.change_plan"
    if (start_year, count) == (plan.start_year, plan.years):
        return
    if st.button(t(label), key=f"{WHERE}.apply", type="primary", icon=":material/date_range:"):
        try:
            new = set_plan(plan, start_year, count)
        except InvalidModelError as error:
            st.session_state[f"{WHERE}.problems"] = [str(p) for p in error.problems]
        else:
            commit_plan(new, t("plan_editor.what_plan", years=count, start=start_year))
            st.rerun()
    show_plan_problems(st.session_state.pop(f"{WHERE}.problems", []))
