"""If a member leaves: the cooperation today and without the members chosen, side by side.

The main answer in one sentence, then the members who stay, the shared entity and
the collective result, the activities that stop, the hours to replace, the impacts
lost and what each leaving member has alone; a button saves the departure as a
scenario. Figures come from :func:`~bm3c.engine.leaving.members_leave`, tables and
the sentence from :mod:`bm3c.present.leaving_tables`.
"""

from __future__ import annotations

import streamlit as st

from bm3c.edit.scenarios import add_scenario, scenario_with
from bm3c.engine.leaving import Leaving, members_leave
from bm3c.errors import InvalidModelError
from bm3c.model import Change
from bm3c.present import leaving_tables as tables
from bm3c.present.charts_scenarios import styled
from bm3c.present.problems import problem_list
from bm3c.texts.format import escape_markdown
from bm3c.ui.i18n import current_language, t
from bm3c.ui.scenario_comparison import cached
from bm3c.ui.state import workspace
from bm3c.ui.widgets import show_problems, try_edit

CHOSEN = "leaving.members"
FLASH = "leaving.flash"


def choose() -> tuple[str, ...]:
    """The members who leave, picked by name (model order)."""
    model = workspace().model
    names = {m.id: m.name for m in model.members}
    if CHOSEN in st.session_state:
        st.session_state[CHOSEN] = [m for m in st.session_state[CHOSEN] if m in names]
    chosen = st.multiselect(
        t("leaving.choose"),
        list(names),
        format_func=names.__getitem__,
        key=CHOSEN,
        placeholder=t("leaving.choose_help"),
    )
    return tuple(m for m in names if m in chosen)


def answer(leaving: Leaving) -> None:
    """The main answer, in words."""
    lang = current_language()
    st.info(escape_markdown(tables.leaving_sentence(leaving, lang)), icon=":material/logout:")
    if leaving.without.losing_members:
        st.caption(t("leaving.sentence.meaning"))


def who_stays(leaving: Leaving) -> None:
    """Each staying member, then the shared entity and the collective result."""
    lang = current_language()
    st.subheader(t("leaving.members_title"))
    st.caption(t("leaving.members_help"))
    st.dataframe(styled(tables.members_table(leaving, lang)), hide_index=True, width="stretch")
    st.subheader(t("leaving.overall_title"))
    st.caption(t("leaving.overall_help"))
    st.dataframe(styled(tables.overall_table(leaving, lang)), hide_index=True, width="stretch")


def what_changes(leaving: Leaving) -> None:
    """The activities that stop, the impacts lost, the hours to replace."""
    lang = current_language()
    left, right = st.columns(2)
    with left:
        st.subheader(t("leaving.stopped_title"))
        st.caption(t("leaving.stopped_help"))
        if leaving.stopped:
            st.dataframe(tables.stopped_table(leaving, lang), hide_index=True, width="stretch")
        else:
            st.success(t("leaving.stopped_none"))
    with right:
        st.subheader(t("leaving.impacts_title"))
        if leaving.impacts_lost:
            st.dataframe(tables.impacts_table(leaving, lang), hide_index=True, width="stretch")
        else:
            st.success(t("leaving.impacts_none"))
    st.subheader(t("leaving.hours_title"))
    st.caption(t("leaving.hours_help"))
    if leaving.replaced:
        st.dataframe(tables.replaced_table(leaving, lang), hide_index=True, width="stretch")
    else:
        st.success(t("leaving.hours_none"))


def who_leaves(leaving: Leaving) -> None:
    """Each leaving member's result alone, and the assumptions behind it."""
    lang = current_language()
    st.subheader(t("leaving.alone_title"))
    st.caption(t("leaving.alone_help"))
    st.dataframe(styled(tables.alone_table(leaving, lang)), hide_index=True, width="stretch")
    model = workspace().model
    for member, sentences in tables.alone_sentences(leaving, lang).items():
        if sentences:
            with st.expander(t("leaving.assumptions", name=model.member(member).name)):
                st.markdown("\n".join(f"- {escape_markdown(s)}" for s in sentences))


def save_button(leaving: Leaving) -> None:
    """Add the departure to the model as a scenario (undoable), unless it is one already."""
    model = workspace().model
    change = Change(leave=leaving.leaving)
    existing = scenario_with(model, [change])
    names = tables.leaving_names(leaving, current_language())
    name = t("leaving.scenario_name", names=names)
    if existing is not None:
        st.caption(t("leaving.already_saved", name=existing.name))
    show_problems("leaving.save")
    if st.button(
        t("leaving.save"),
        key="leaving.save",
        icon=":material/save:",
        help=t("leaving.save_help"),
        disabled=existing is not None,
    ):
        description = t(
            "leaving.scenario_description",
            names=[model.member(m).name for m in leaving.leaving],
        )
        changes = [{"leave": list(leaving.leaving)}]
        if try_edit(
            "leaving.save",
            t("leaving.what_saved", name=name),
            lambda: add_scenario(model, name, description, changes)[0],
        ):
            st.session_state[FLASH] = t("leaving.saved", name=name)
        st.rerun()


def page() -> None:
    """The page: the choice, then the answer or why there is none."""
    model = workspace().model
    st.title(t("nav.leaving"))
    st.caption(t("leaving.intro"))
    if FLASH in st.session_state:
        st.success(st.session_state.pop(FLASH), icon=":material/check_circle:")
    leaving_ids = choose()
    if not leaving_ids:
        st.info(t("leaving.choose_help"))
        return
    count = len(model.members)
    if count - len(leaving_ids) < 2:
        st.error(t("leaving.too_many", count=count, most=max(count - 2, 0)))
        return
    try:
        leaving = cached(("leaving", leaving_ids), lambda: members_leave(model, leaving_ids))
    except InvalidModelError as error:
        st.error(
            t("leaving.refused")
            + "\n\n"
            + problem_list([str(p) for p in error.problems], current_language())
        )
        return
    answer(leaving)
    who_stays(leaving)
    what_changes(leaving)
    who_leaves(leaving)
    save_button(leaving)


page()
