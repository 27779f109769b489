"""Budget for funders: one structure's budget, or the action's, as the subsidy request form asks."""

from __future__ import annotations

import streamlit as st

from bm3c.engine.budget import ACTION, Budget, YearBudgets, budgets_of
from bm3c.errors import Bm3cError
from bm3c.model import Cooperation
from bm3c.present.budget_tables import balance_words, funders_table, party_choices, year_title
from bm3c.present.budget_words import funder_sentences, party_title
from bm3c.texts.format import escape_markdown
from bm3c.ui.budget_form import budget_form
from bm3c.ui.i18n import current_language, t
from bm3c.ui.plan_year import year_words
from bm3c.ui.process_cache import fingerprint
from bm3c.ui.remembered import remembered
from bm3c.ui.scenario_choice import chosen, chosen_scenario, scenario_failed
from bm3c.ui.state import workspace

SCENARIO = "budget.scenario"
PARTY = "budget.party"


def year_budgets(scenario: str | None) -> YearBudgets:
    """Every budget of the sidebar's plan year (base or scenario), kept until the model changes."""
    ws = workspace()
    calendar = ws.plan.start_year + ws.year if ws.plan.start_year is not None else None
    return remembered(
        "budget",
        (fingerprint(ws.plan), ws.year, scenario),
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
    scenario = chosen_scenario(SCENARIO, t("budget_page.scenario"), t("budget_page.scenario_help"))
try:
    budgets = year_budgets(scenario)
except Bm3cError as error:
    st.error(scenario_failed(error, t("budget_page.scenario_failed")))
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
