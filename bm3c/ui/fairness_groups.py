"""Why would a group gain by leaving? Under the groups the Fairness page names, their accounts.

One expander per group that would gain by leaving, in the order of the sentences
above it: the group's value beside what the current sharing gives it, each
member's result, the activities that go on or stop, the hours bought from the
market and the exchanges with the absent members (for a single member: its alone
result and the assumptions behind it). The accounts come from
:func:`bm3c.present.group_accounts.group_accounts`, once per model version and language.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from bm3c.present.group_accounts import GroupAccounts, group_accounts
from bm3c.texts.format import escape_markdown
from bm3c.ui.i18n import current_language, t
from bm3c.ui.state import Workspace

__all__ = ["why_sections"]

CACHE = "fairness.group_accounts"


def why_sections(ws: Workspace, groups: Sequence[Sequence[int]]) -> None:
    """An expander per group (players' indexes in file order) with its accounts."""
    if not groups:
        return
    for k, accounts in enumerate(_accounts(ws, groups)):
        with st.expander(escape_markdown(accounts.title), icon=":material/manage_search:"):
            _show(accounts, f"fairness.group.{k}")


def _accounts(ws: Workspace, groups: Sequence[Sequence[int]]) -> list[GroupAccounts]:
    """The groups' accounts, computed once per model version, language and groups."""
    lang = current_language()
    key = (ws.version, lang, tuple(tuple(g) for g in groups))
    cached = st.session_state.get(CACHE)
    if cached is not None and cached[0] == key:
        kept: list[GroupAccounts] = cached[1]
        return kept
    model, today = ws.model, ws.evaluation()
    ids = model.member_ids
    made = [group_accounts(model, [ids[i] for i in g], lang, today) for g in groups]
    st.session_state[CACHE] = (key, made)
    return made


def _bullets(sentences: Sequence[str]) -> str:
    return "\n".join(f"- {escape_markdown(s)}" for s in sentences)


def _show(accounts: GroupAccounts, key: str) -> None:
    """The accounts: sentences, then each table under its title."""
    if not accounts.alone:
        st.caption(t("fairness.group.intro"))
    st.markdown(_bullets(accounts.sentences))
    st.markdown(f"**{t('fairness.group.results_title')}**")
    st.dataframe(accounts.results, hide_index=True, width="stretch", key=f"{key}.results")
    if accounts.alone:
        st.markdown(f"**{t('fairness.group.assumptions_title')}**")
        st.markdown(_bullets(accounts.assumptions))
        return
    st.markdown(f"**{t('fairness.group.activities_title')}**")
    st.dataframe(accounts.activities, hide_index=True, width="stretch", key=f"{key}.activities")
    if not accounts.replaced.empty:
        st.markdown(f"**{t('fairness.group.replaced_title')}**")
        st.dataframe(accounts.replaced, hide_index=True, width="stretch", key=f"{key}.replaced")
    st.markdown(f"**{t('fairness.group.lines_title')}**")
    if accounts.lines.empty:
        st.caption(t("fairness.group.no_lines"))
        return
    st.caption(t("fairness.group.lines_intro"))
    st.dataframe(accounts.lines, hide_index=True, width="stretch", key=f"{key}.lines")
