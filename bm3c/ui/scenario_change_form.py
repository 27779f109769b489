"""The Scenarios page's form to add one change to many lines, with a preview of what it touches.

Two filters come ready-made (every subsidy line, every line from an actor:
:data:`~bm3c.edit.scenarios.READY_MADE`), or a path is written by hand. Before the
change is added, the values it touches are listed with their current value
(:func:`~bm3c.engine.scenarios.change_targets`).
"""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from bm3c.edit.scenarios import add_scenario_changes, parse_value, ready_made_paths
from bm3c.engine.scenarios import change_targets
from bm3c.errors import InvalidModelError
from bm3c.model import Cooperation, Scenario
from bm3c.present.problems import problem_list
from bm3c.ui.i18n import current_language, t
from bm3c.ui.scenario_comparison import cached
from bm3c.ui.scenario_words import SHOW_PATHS, targets_frame
from bm3c.ui.state import workspace
from bm3c.ui.widgets import number_field, show_problems, try_edit

__all__ = ["add_change_form", "show_targets", "targets_of"]

WHERE = "scenarios.add"
CHOICES = ("subsidies", "actor", "path")


Targets = list[tuple[str, object]]


def targets_of(paths: tuple[str, ...]) -> tuple[Targets, list[str]]:
    """The values ``paths`` touch in the working model, and why some touch nothing.

    Computed once per model version.
    """
    return cached(("targets", paths), partial(_targets_of, workspace().model, paths))


def _targets_of(model: Cooperation, paths: tuple[str, ...]) -> tuple[Targets, list[str]]:
    targets: Targets = []
    problems: list[str] = []
    for path in paths:
        try:
            targets += change_targets(model, path)
        except InvalidModelError as error:
            problems += [str(p) for p in error.problems]
    return targets, problems


def show_targets(paths: tuple[str, ...], key: str) -> None:
    """List the values the paths touch, and why a path touches nothing."""
    lang = current_language()
    targets, problems = targets_of(paths)
    if problems:
        st.warning(t("scenarios.target_none") + "\n\n" + problem_list(problems, lang))
    if targets:
        model = workspace().model
        frame = cached(
            ("targets_frame", paths, lang, bool(st.session_state.get(SHOW_PATHS))),
            partial(targets_frame, model, targets),
        )
        st.dataframe(frame, hide_index=True, width="stretch", key=key)


def _chosen_changes(model: Cooperation) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    """The changes the form describes and the paths to preview (no change when incomplete)."""
    labels = {
        "subsidies": t("scenarios.add_subsidies"),
        "actor": t("scenarios.add_actor"),
        "path": t("scenarios.add_path"),
    }
    what = st.radio(
        t("scenarios.add_what"),
        CHOICES,
        format_func=labels.__getitem__,
        horizontal=True,
        key=f"{WHERE}.what",
    )
    if what == "path":
        path = st.text_input(
            t("scenarios.add_path_input"), key=f"{WHERE}.path", help=t("scenarios.add_path_help")
        ).strip()
        actions = {"set": t("scenarios.action_set"), "scale": t("scenarios.action_scale")}
        left, right = st.columns(2)
        action = left.selectbox(
            t("scenarios.add_action"),
            list(actions),
            format_func=actions.__getitem__,
            key=f"{WHERE}.action",
        )
        raw = right.text_input(t("scenarios.add_value"), key=f"{WHERE}.value")
        if not path:
            return [], ()
        value = parse_value(raw, current_language())
        if action == "set":
            return [{"set": path, "value": value}], (path,)
        if isinstance(value, bool) or not isinstance(value, int | float):
            st.caption(t("scenarios.add_number_needed"))
            return [], (path,)
        return [{"scale": path, "by": float(value)}], (path,)
    actor = ""
    if what == "actor":
        actors = {a.id: a.name for a in model.actors}
        actor = (
            st.selectbox(
                t("scenarios.add_actor_pick"),
                list(actors),
                format_func=actors.__getitem__,
                key=f"{WHERE}.actor",
            )
            or ""
        )
    by, by_ok = number_field(
        t("scenarios.add_by"),
        low=0.0,
        value=0.5,
        step=0.1,
        key=f"{WHERE}.by",
        help=t("scenarios.add_by_help"),
    )
    paths = cached(("ready_made", what, actor), lambda: ready_made_paths(model, str(what), actor))
    if not paths:
        st.info(t("scenarios.add_nothing"))
    if not by_ok or by is None:
        return [], paths
    return [{"scale": p, "by": by} for p in paths], paths


def add_change_form(scenario: Scenario) -> None:
    """Choose lines, see what they are now, add the change to ``scenario`` (undoable)."""
    model = workspace().model
    with st.expander(t("scenarios.add_title"), icon=":material/filter_alt:"):
        st.caption(t("scenarios.add_help"))
        changes, paths = _chosen_changes(model)
        targets, problems = targets_of(paths)
        if targets:
            st.markdown(t("scenarios.add_count", count=len(targets)))
        show_targets(paths, f"{WHERE}.targets")
        show_problems(WHERE)
        if st.button(
            t("scenarios.add_button"),
            key=f"{WHERE}.button",
            icon=":material/add:",
            disabled=not changes or not targets or bool(problems),
        ):
            try_edit(
                WHERE,
                t("scenarios.what_changes", name=scenario.name),
                lambda: add_scenario_changes(model, scenario.id, changes),
            )
            st.rerun()
