"""Sharing: how the shared entity's result is shared among members, and who gains.

At the top, the choices: the surplus rule, the deficit rule, the reserve and (for
``by_weights``) the weights; every change is an undoable edit of the model. Below,
for the current model: the shared entity's result, reserve and distributed amount;
what each member brings against what it receives; the path from one member's own
activities to its cash result; each member alone against within the cooperation.
"""

from __future__ import annotations

import streamlit as st

from bm3c.edit.sharing import OFFERED_RULES, with_reserve_fraction, with_rules, with_weights
from bm3c.engine import Evaluation
from bm3c.engine.sharing import weight_fractions
from bm3c.model import Cooperation
from bm3c.rules import rule_help, rule_name
from bm3c.texts.format import money, percent
from bm3c.ui.i18n import current_language, t
from bm3c.ui.sharing_results import (
    contribution_section,
    cooperation_section,
    waterfall_section,
)
from bm3c.ui.state import workspace
from bm3c.ui.widgets import show_model_value, show_problems, table_editor, try_edit

RESERVE_STEPS = tuple(i / 200 for i in range(201))  # 0 %, 0.5 %, ... 100 %


def rules_help() -> str:
    """Every rule with its one-sentence explanation, as a tooltip."""
    lang = current_language()
    return "\n".join(
        t("sharing.rule_line", name=rule_name(r, lang), help=rule_help(r, lang))
        for r in OFFERED_RULES
    )


def rule_select(side: str, current: str) -> str:
    """A select box of the rules for ``side`` (surplus or deficit), with its explanation."""
    options = OFFERED_RULES if current in OFFERED_RULES else (*OFFERED_RULES, current)
    show_model_value(f"sharing.{side}", current)
    chosen = str(
        st.selectbox(
            t(f"sharing.{side}"),
            options,
            format_func=lambda rule: rule_name(rule, current_language()),
            key=f"sharing.{side}",
            help=t(f"sharing.{side}_help") + "\n\n" + rules_help(),
        )
    )
    st.caption(rule_help(chosen, current_language()))
    return chosen


def rules_section(model: Cooperation) -> None:
    """The rules, the reserve and the weights; a change is committed at once."""
    st.subheader(t("sharing.choices"))
    sharing = model.sharing
    lang = current_language()
    surplus_col, deficit_col, reserve_col = st.columns(3)
    with surplus_col:
        surplus = rule_select("surplus", sharing.surplus)
    with deficit_col:
        deficit = rule_select("deficit", sharing.deficit)
    if (surplus, deficit) != (sharing.surplus, sharing.deficit):
        what = t(
            "sharing.what_rules", surplus=rule_name(surplus, lang), deficit=rule_name(deficit, lang)
        )
        if try_edit("sharing.rules", what, lambda: with_rules(model, surplus, deficit)):
            st.rerun()
    show_problems("sharing.rules")
    with reserve_col:
        current = model.shared_entity.reserve_fraction
        show_model_value("sharing.reserve", current)
        reserve = float(
            st.select_slider(
                t("sharing.reserve"),
                options=sorted({*RESERVE_STEPS, current}),
                format_func=lambda fraction: percent(fraction, lang, 1),
                key="sharing.reserve",
                help=t("sharing.reserve_help"),
            )
        )
        if reserve != current:
            what = t("sharing.what_reserve", percent=percent(reserve, lang, 1))
            if try_edit("sharing.reserve", what, lambda: with_reserve_fraction(model, reserve)):
                st.rerun()
        show_problems("sharing.reserve")
    if sharing.uses_weights:
        weights_editor(model)


def weights_editor(model: Cooperation) -> None:
    """One weight per member, with the share of the result it gives."""
    st.markdown(f"**{t('sharing.weights')}**", help=t("sharing.weights_help"))
    weights = model.sharing.weights or {}
    fractions = weight_fractions(weights)
    lang = current_language()
    rows = [
        {
            "member": m.id,
            "name": m.name,
            "weight": weights.get(m.id),
            "fraction": percent(fractions[m.id], lang, 1) if m.id in fractions else "–",
        }
        for m in model.members
    ]
    table_editor(
        "sharing.weights",
        rows,
        ["name", "weight", "fraction"],
        lambda edited: with_weights(model, edited),
        what=t("sharing.what_weights"),
        column_config={
            "name": st.column_config.TextColumn(t("common.member")),
            "weight": st.column_config.NumberColumn(
                t("sharing.weight"), help=t("sharing.weight_help")
            ),
            "fraction": st.column_config.TextColumn(
                t("sharing.weight_fraction"), help=t("sharing.weight_fraction_help")
            ),
        },
        dynamic=False,
        disabled=("name", "fraction"),
    )


def shared_entity_figures(ev: Evaluation) -> None:
    """The shared entity's result, reserve and distributed amount, and the rule used."""
    st.subheader(t("sharing.outcome"))
    lang, cur, se = current_language(), ev.currency, ev.shared_entity
    c1, c2, c3 = st.columns(3)
    c1.metric(
        t("sharing.shared_result"),
        money(se.result_eur, cur, lang),
        help=t("sharing.shared_result_help"),
    )
    c2.metric(
        t("sharing.reserve_amount"),
        money(se.reserve_eur, cur, lang),
        help=t("sharing.reserve_amount_help"),
    )
    c3.metric(
        t("sharing.distributed"),
        money(se.distributed_eur, cur, lang),
        help=t("sharing.distributed_help"),
    )
    rule = rule_name(se.rule_used, current_language())
    applied = (
        t("sharing.surplus_applied", rule=rule)
        if se.result_eur > 0
        else t("sharing.deficit_applied", rule=rule)
    )
    st.markdown(":material/rule: " + applied, help=t("sharing.rule_used_help"))
    if ev.key_fell_back:
        st.warning(t("sharing.fell_back", rule=rule), icon=":material/warning:")
    if se.distributed_eur == 0 and se.result_eur > 0:
        st.info(t("sharing.all_kept"), icon=":material/savings:")


ws = workspace()
st.title(t("sharing.title"))
st.caption(t("sharing.intro"))
rules_section(ws.model)
evaluation = ws.evaluation()
shared_entity_figures(evaluation)
contribution_section(evaluation)
waterfall_section(evaluation)
cooperation_section(evaluation)
