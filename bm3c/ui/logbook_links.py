"""The logbook's links tab: per axis, the group's answers beside the model's facts.

The facts (:func:`bm3c.logbook.model_facts`) are worked out once per model version
and language: the page reruns whenever someone answers, the facts change only
with the model.
"""

from __future__ import annotations

import streamlit as st

from bm3c.logbook import Answer, Fact, divergences, model_facts, text_of
from bm3c.present.logbook_view import grid_of, mean_text
from bm3c.store import Store
from bm3c.store.logbook import LogbookSession
from bm3c.texts.format import escape_markdown
from bm3c.ui.i18n import t
from bm3c.ui.logbook_grid import current_grid
from bm3c.ui.process_cache import fingerprint
from bm3c.ui.remembered import remembered
from bm3c.ui.state import Workspace, workspace

__all__ = ["links_section"]


def facts_of(ws: Workspace, keys: tuple[str, ...], lang: str) -> list[Fact]:
    """The model's facts ``keys``, worked out once per model version (scenarios are costly).

    The page reruns whenever someone answers: the facts change only with the model.
    """
    return remembered(
        f"logbook.facts.{'.'.join(keys)}",
        (fingerprint(ws.model), lang),
        lambda: model_facts(ws.evaluation(), keys, lang),
    )


def links_section(
    s: Store,
    model_id: str,
    session: LogbookSession | None,
    answers: list[Answer] | None,
    lang: str,
) -> None:
    """Per axis: the group's mean and spread (once revealed) and the model's facts."""
    st.caption(t("logbook.links_intro"))
    grid = grid_of(session) if session else current_grid(s, model_id)
    ranked = {d.axis: d for d in divergences(grid, answers)} if answers else {}
    ws = workspace()
    for axis in grid.axes:
        st.markdown(f"#### {text_of(axis.name, lang)}")
        seen = ranked.get(axis.id)
        if seen is not None:
            st.caption(
                t(
                    "logbook.links_group",
                    mean=mean_text(seen.mean, lang),
                    spread=mean_text(seen.spread, lang),
                )
            )
        facts = facts_of(ws, axis.model_links, lang)
        if not facts:
            st.caption(t("logbook.no_links"))
        for fact in facts:
            lines = "\n".join(f"- {escape_markdown(line)}" for line in fact.lines)
            st.markdown(f"**{escape_markdown(fact.title)}**\n{lines}")
