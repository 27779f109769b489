"""Why a member's alone figure is what it is: its assumptions in words, each changeable there.

Used under the alone column of the Overview and Sharing pages. A short line says
what *alone* means; "Why this alone figure?" opens one member's figures and every
assumption behind its alone result (:func:`bm3c.present.alone_words.alone_choices`),
each with its control: keep, do without or a market price for a line; bought or
done without, and at what price, for another member's hours. A change is an
undoable edit of the model (:mod:`bm3c.edit.apart`), so the figures move at once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from bm3c.edit.apart import (
    with_line_policy,
    with_replacement_hourly_cost,
    with_work_apart,
    with_work_replacement_cost,
)
from bm3c.engine import Evaluation, MemberResult
from bm3c.model import Cooperation
from bm3c.present.alone_words import AloneChoice, alone_choices
from bm3c.texts.format import SYMBOLS, escape_markdown, money
from bm3c.ui.i18n import current_language, t
from bm3c.ui.state import workspace
from bm3c.ui.widgets import keep_valid, number_field, show_model_value, show_problems, try_edit

__all__ = ["alone_meaning", "alone_section"]


def alone_meaning() -> None:
    """The short line under an alone column: what *alone* means."""
    st.caption(t("alone.meaning"))


def alone_section(ev: Evaluation, where: str) -> None:
    """The "Why this alone figure?" expander: one member's figures and assumptions, editable.

    ``where`` prefixes the widget keys (``overview``, ``sharing``); a refused edit
    shows its problems here.
    """
    with st.expander(t("alone.why"), icon=":material/help:"):
        st.caption(t("alone.why_intro"))
        names = {m.id: m.name for m in ev.members}
        key = f"{where}.alone.member"
        keep_valid(key, list(names))
        chosen = st.selectbox(
            t("common.member"), list(names), format_func=names.__getitem__, key=key
        )
        member = ev.member(str(chosen))
        lang, cur = current_language(), ev.currency
        st.markdown(
            t(
                "alone.figures",
                member=escape_markdown(member.name),
                alone=escape_markdown(money(member.stand_alone_result_eur, cur, lang)),
                within=escape_markdown(money(member.cash_result_eur, cur, lang)),
                gain=escape_markdown(money(member.gain_from_cooperation_eur, cur, lang)),
            )
        )
        model = workspace().model
        choices = alone_choices(model, member.alone_assumptions, member.name, lang)
        if not choices:
            st.info(t("alone.none"), icon=":material/info:")
        for choice in choices:
            _choice_row(model, member, choice, f"{where}.alone")
        _default_hour_price(model, where)
        show_problems(f"{where}.alone")


def _choice_row(model: Cooperation, member: MemberResult, choice: AloneChoice, where: str) -> None:
    """The sentence, the policy and its amount; a change is committed at once."""
    a = choice.assumption
    key = f"{where}.{member.id}.{a.side}.{a.path}"
    symbol = SYMBOLS.get(model.currency, model.currency)
    hours = a.side == "hours"
    text_col, policy_col, amount_col = st.columns([5, 2, 2], vertical_alignment="center")
    text_col.markdown(escape_markdown(choice.sentence))
    show_model_value(f"{key}.policy", a.policy)
    labels = {p: t(f"alone.policy.{p}") for p in choice.options}
    policy = str(
        policy_col.selectbox(
            t("alone.policy_label"),
            choice.options,
            format_func=labels.__getitem__,
            key=f"{key}.policy",
            label_visibility="collapsed",
        )
    )
    show_model_value(f"{key}.amount", float(choice.amount_eur))
    amount, amount_ok = number_field(
        t("alone.hourly_label" if hours else "alone.amount_label", symbol=symbol),
        low=0.0,
        unit=symbol,
        place=amount_col,
        step=1.0 if hours else 100.0,
        key=f"{key}.amount",
        disabled=policy not in ("market", "replace"),
        label_visibility="collapsed",
    )
    if not amount_ok or amount is None:
        return
    make = _edit(model, choice, policy, amount)
    what = t("alone.what", label=a.label, member=member.name)
    if make is not None and try_edit(where, what, make):
        st.rerun()


def _edit(
    model: Cooperation, choice: AloneChoice, policy: str, amount: float
) -> Callable[[], Cooperation] | None:
    """The edit the controls ask for, if they differ from the model (one changes at a time)."""
    a = choice.assumption
    if policy != a.policy:
        if a.side == "hours":
            return partial(with_work_apart, model, a.path, policy)
        chosen = amount if policy == "market" else policy
        return partial(with_line_policy, model, a.path, a.side, chosen)
    if not choice.priced or amount == choice.amount_eur:
        return None
    if a.side == "hours":
        return partial(with_work_replacement_cost, model, a.path, amount)
    return partial(with_line_policy, model, a.path, a.side, amount)


def _default_hour_price(model: Cooperation, where: str) -> None:
    """The cooperation's price of one replaced hour (empty: each absent member's own cost)."""
    key = f"{where}.alone.default_hourly"
    current = model.replacement_hourly_cost_eur
    show_model_value(key, current)
    symbol = SYMBOLS.get(model.currency, model.currency)
    price, price_ok = number_field(
        t("alone.default_hourly", symbol=symbol),
        low=0.0,
        unit=symbol,
        value=None,
        step=1.0,
        key=key,
        help=t("alone.default_hourly_help"),
    )
    if price_ok and price != current:
        what = t("alone.what_default_hourly")
        if try_edit(f"{where}.alone", what, lambda: with_replacement_hourly_cost(model, price)):
            st.rerun()
