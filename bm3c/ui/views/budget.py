"""Budget for funders: one structure's budget, or the action's, as the subsidy request form asks."""

from __future__ import annotations

from typing import Any

import streamlit as st

from bm3c.edit.differences import model_names
from bm3c.engine.budget import ACTION, Budget, YearBudgets, budgets_of
from bm3c.errors import Bm3cError, ProblemsError
from bm3c.model import Cooperation
from bm3c.present.budget_tables import balance_words, funders_table, party_choices, year_title
from bm3c.present.budget_words import funder_sentences, party_title
from bm3c.present.problems import problem_list
from bm3c.texts.format import escape_markdown
from bm3c.ui.budget_form import budget_form
from bm3c.ui.i18n import current_language, t
from bm3c.ui.plan_year import year_words
from bm3c.ui.remembered import remembered
from bm3c.ui.state import workspace
from bm3c.ui.widgets import keep_valid

SCENARIO = "budget.scenario"
PARTY = "budget.party"
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


def chosen_scenario() -> str | None:
    """The base (``None``) or one of the model's scenarios, whose budget the page shows."""
    ws = workspace()
    # the base is "" in the box: a box holding None shows its placeholder, not the base
    options = [BASE, *(s.id for s in ws.plan.scenarios)]
    if len(options) == 1:
        return None
    labels = {BASE: t("common.base")} | {s.id: s.name for s in ws.plan.scenarios}
    scenario: str = chosen(
        SCENARIO,
        options,
        labels,
        label=t("budget_page.scenario"),
        help=t("budget_page.scenario_help"),
    )
    return scenario or None


def scenario_failed(error: Bm3cError) -> str:
    """Why the scenario's budget cannot be drawn up: each problem, where in words."""
    if not isinstance(error, ProblemsError):
        return t("budget_page.scenario_failed") + "\n\n- " + escape_markdown(str(error))
    lang = current_language()
    names = model_names(workspace().plan, lang=lang)
    return (
        t("budget_page.scenario_failed")
        + "\n\n"
        + problem_list([str(p) for p in error.problems], lang, names)
    )


def year_budgets(scenario: str | None) -> YearBudgets:
    """Every budget of the sidebar's plan year (base or scenario), kept until the model changes."""
    ws = workspace()
    calendar = ws.plan.start_year + ws.year if ws.plan.start_year is not None else None
    return remembered(
        "budget",
        (ws.version, ws.year, scenario),
        lambda: budgets_of(ws.evaluation(scenario), calendar),
    )


def chosen_party(budgets: YearBudgets, coop: Cooperation) -> str:
    """The structure whose budget is shown, or the action (the first choice)."""
    names = party_choices(budgets, coop, current_language())
    party: str | None = chosen(
        PARTY, list(names), names, label=t("budget_page.party"), help=t("budget_page.party_help")
    )
    return party or ACTION


def funders(budget: Budget, coop: Cooperation) -> None:
    """Each funder's amount and rates, in words and as a table; a cap exceeded is a warning."""
    lang = current_language()
    st.subheader(t("budget_page.funders_title"))
    if not budget.funders:
        st.caption(t("budget_page.no_funder"))
        return
    st.caption(t("budget_page.funders_help"))
    over = {share.id for share in budget.funders if share.over_max_rate}
    said = funder_sentences(budget, coop, lang)
    rates, caps = said[: len(budget.funders)], said[len(budget.funders) :]
    for sentence in caps:
        st.warning(escape_markdown(sentence), icon=":material/warning:")
    st.markdown("\n".join(f"- {escape_markdown(s)}" for s in rates))
    # a page table: a few rows whose long headers wrap to fit any screen and the projector
    st.table(funders_table(budget, coop, lang).style.hide(axis="index"))
    if over:
        st.caption(t("budget_page.over_help"))


ws = workspace()
lang = current_language()
st.title(t("nav.budget"))
st.caption(t("budget_page.intro"))
choice, scenario_column = st.columns(2)
with scenario_column:
    scenario = chosen_scenario()
try:
    budgets = year_budgets(scenario)
except Bm3cError as error:
    st.error(scenario_failed(error))
    st.stop()
coop = ws.evaluation(scenario).model
with choice:
    party = chosen_party(budgets, coop)
gone = [m.name for m in ws.plan.members if m.id not in {b.party for b in budgets.members}]
if gone:  # members who leave in the scenario have no budget in it
    st.caption(t("budget_page.gone", names=gone))
budget = budgets.of(party)
st.header(
    t("budget_page.heading", year=year_title(budgets, lang), party=party_title(coop, party, lang))
)
if ws.plan.years > 1:
    st.caption(t("budget_page.year_help", when=year_words()))
st.caption(t("budget_page.action_help" if budget.is_action else "budget_page.party_help_text"))
budget_form(budget, coop)
st.info(escape_markdown(balance_words(budget, coop.currency, lang)), icon=":material/balance:")
funders(budget, coop)
