"""Overview: open a cooperation, then its key figures and every member's result at a glance."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from bm3c.edit.differences import model_names
from bm3c.errors import Bm3cError, InvalidModelError
from bm3c.io import load_cooperation, parse_cooperation
from bm3c.present.problems import problem_list
from bm3c.store import DEFAULT_WORKSPACE
from bm3c.texts.format import money, percent
from bm3c.ui.alone_assumptions import alone_meaning, alone_section
from bm3c.ui.arrival import participant, store
from bm3c.ui.chart_files import vega_lite_chart
from bm3c.ui.i18n import current_language, t
from bm3c.ui.live import MODELS, open_saved, upload_origin
from bm3c.ui.plan_view import has_plan, plan_view_section
from bm3c.ui.plan_year import year_words
from bm3c.ui.projector import graph_scale
from bm3c.ui.remembered import flow_chart_spec
from bm3c.ui.shared_bridge import bridge_section
from bm3c.ui.state import EXAMPLES, open_model, workspace

Choice = tuple[str, str]  # ("model", workspace id) | ("example" | "file", file name)


def model_choices() -> dict[Choice, str]:
    """What can be opened, with labels: workspace models, bundled examples, files of ``models/``.

    The files of ``models/`` belong to the server's own (default) workspace: a hosted
    collective's workspace does not list them.
    """
    choices: dict[Choice, str] = {}
    s = store()
    if s is not None:
        try:
            saved = s.list_models()
        except (Bm3cError, SQLAlchemyError):
            saved = []  # the workspace did not answer: examples and files still open
        choices |= {
            ("model", m.id): t("overview.saved_model", name=m.name, id=m.id, number=m.head)
            for m in saved
        }
    choices |= {
        ("example", p.name): t("overview.example", name=p.stem)
        for p in sorted(EXAMPLES.glob("*.yaml"))
    }
    if s is None or s.workspace == DEFAULT_WORKSPACE:
        for pattern in ("*.yaml", "*.yml", "*.json"):
            choices |= {
                ("file", p.name): t("overview.workspace_file", name=p.name)
                for p in sorted(MODELS.glob(pattern))
            }
    return choices


def open_choice(kind: str, name: str) -> None:
    """Open a workspace model (its latest revision), a bundled example or a file."""
    s = store()
    if kind == "model" and s is not None:
        open_saved(s, name)
    elif kind == "example":
        open_model(load_cooperation(EXAMPLES / name), name, origin=f"example:{name}")
    else:
        open_model(load_cooperation(MODELS / name), name, origin=f"file:{name}")


def open_section() -> None:
    """Choose a saved model, an example or a file, or upload one; problems are listed here."""
    ws = workspace()
    with st.expander(t("overview.open"), expanded=False):
        if ws.unsaved:
            kept = store() is not None and bool(participant())
            st.warning(
                t("live.unsaved_kept", name=ws.model.name, who=participant())
                if kept
                else t("overview.unsaved_warning")
            )
        choices = model_choices()
        left, right = st.columns(2)
        with left:
            # the options are (kind, id): a label that changes (a new revision) keeps the choice
            choice = st.selectbox(
                t("overview.choose"),
                list(choices),
                format_func=lambda option: choices.get(option, ":".join(option)),
                key="overview.choice",
            )
            already = choice is not None and ":".join(choice) == ws.origin
            if already:
                st.caption(t("overview.already_open"))
            if (
                st.button(t("overview.open_button"), key="overview.open_button", disabled=already)
                and choice
            ):
                try:
                    open_choice(*choice)
                    st.rerun()
                except InvalidModelError as error:
                    show_file_problems(error)
                except (Bm3cError, SQLAlchemyError) as error:
                    st.error(t("overview.open_failed", error=str(error).splitlines()[0]))
        with right:
            uploaded = st.file_uploader(
                t("overview.upload"), type=["yaml", "yml", "json"], key="overview.upload"
            )
            if uploaded is not None and st.button(
                t("overview.open_upload"), key="overview.open_upload"
            ):
                fmt = "json" if uploaded.name.lower().endswith(".json") else "yaml"
                try:
                    open_model(
                        parse_cooperation(uploaded.getvalue(), fmt, uploaded.name),
                        uploaded.name,
                        origin=upload_origin(uploaded.name),
                    )
                    st.rerun()
                except InvalidModelError as error:
                    show_file_problems(error)


def show_file_problems(error: InvalidModelError) -> None:
    """List every problem of a refused file."""
    st.error(
        t("overview.invalid_file", count=len(error.problems))
        + "\n\n"
        + problem_list([str(p) for p in error.problems], current_language())
    )


def key_figures() -> None:
    """Collective, shared entity and reserve, then the members' table."""
    ws = workspace()
    ev = ws.evaluation()
    lang = current_language()
    cur = ev.currency
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(
        t("overview.collective_result"),
        money(ev.collective.result_eur, cur, lang),
        help=t("overview.collective_result_help"),
    )
    c2.metric(
        t("overview.shared_result"),
        money(ev.shared_entity.result_eur, cur, lang),
        help=t("overview.shared_result_help"),
    )
    c3.metric(
        t("overview.reserve"),
        money(ev.shared_entity.reserve_eur, cur, lang),
        help=t("overview.reserve_help"),
    )
    c4.metric(
        t("overview.volunteer_value"),
        money(ev.collective.volunteer_value_eur, cur, lang),
        help=t("overview.volunteer_value_help"),
    )
    if ev.everyone_gains:
        st.success(t("common.everyone_gains"), icon=":material/check_circle:")
    else:
        names = [m.name for m in ev.members if m.id in ev.losing_members]
        st.warning(t("common.some_lose", names=names), icon=":material/warning:")
    table = pd.DataFrame(
        {
            t("common.member"): [m.name for m in ev.members],
            t("common.cash_result"): [money(m.cash_result_eur, cur, lang) for m in ev.members],
            t("common.stand_alone"): [
                money(m.stand_alone_result_eur, cur, lang) for m in ev.members
            ],
            t("common.gain"): [money(m.gain_from_cooperation_eur, cur, lang) for m in ev.members],
            t("common.share"): [money(m.shared_share_eur, cur, lang) for m in ev.members],
            t("common.load"): [percent(m.load_ratio, lang) for m in ev.members],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="overview.members")
    st.caption(t("overview.table_help"))
    plan_view_section()
    bridge_section("overview.bridge")
    alone_meaning()
    alone_section(ev, "overview")
    if ev.warnings:
        with st.expander(t("common.warnings") + f" ({len(ev.warnings)})"):
            known = model_names(ws.model, lang=lang)
            st.markdown(problem_list([str(w) for w in ev.warnings], lang, known))
    st.subheader(t("flows.overview_title"))
    vega_lite_chart(
        flow_chart_spec(ws.model, lang, interactive=False, text_scale=graph_scale()),
        # drawn for 1200 px, stretched to the page: wider on a projector, never cut
        width="stretch",
        key="overview.flows",
        title=t("flows.overview_title"),
    )


ws = workspace()
st.title(ws.model.name)
if ws.model.description:
    st.caption(ws.model.description)
open_section()
if has_plan():
    st.caption(t("cash.overview_year", year=year_words()))
key_figures()
