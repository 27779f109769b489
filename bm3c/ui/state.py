"""The session's working model: what is open, every edit, undo, cached evaluations.

Pages never mutate a model: they ask :func:`commit` to replace it with a new,
validated one, so that undo and the "changed since loaded" view always work.

Evaluations and year views are shared by every tab of the server process that
shows the same plan (:mod:`bm3c.ui.process_cache`); each tab keeps its own too.

The working model is a plan (DOMAIN Part 3). Pages show one plan year, chosen in
the sidebar: :attr:`Workspace.model` is that year's model, and :func:`commit`
brings an edit of it back into the plan (:func:`bm3c.edit.years.edit_in_year`).
What is saved, merged and undone is always the whole plan, :attr:`Workspace.plan`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import streamlit as st

from bm3c.edit.years import edit_in_year
from bm3c.engine import Evaluation, evaluate
from bm3c.engine.plan import PlanEvaluation, evaluate_plan
from bm3c.errors import InvalidModelError, Problem
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.years import year_view
from bm3c.ui.process_cache import fingerprint, shared

__all__ = [
    "EXAMPLES",
    "Step",
    "Workspace",
    "commit",
    "commit_plan",
    "current_evaluation",
    "default_model",
    "open_model",
    "refuse",
    "take_problems",
    "undo",
    "workspace",
]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DEFAULT_EXAMPLE = "halle-des-transitions.yaml"
UNDO_DEPTH = 50
KEY = "bm3c.workspace"


class Step(NamedTuple):
    """What undo brings back: the model, and the saved revision it was an edit of."""

    plan: Cooperation
    what: str  # the edit this step undoes, in words
    loaded: Cooperation
    base: int


@dataclass
class Workspace:
    """One browser tab's working state."""

    plan: Cooperation  # the whole model, every plan year
    source: str  # what is open, as shown: a file name or the workspace model's name
    loaded: Cooperation  # the plan as opened or last saved: "unsaved edits" are against it
    undo_stack: list[Step] = field(default_factory=list)
    version: int = 0  # bumps on every commit or refused edit; table editors key on it
    evaluations: dict[tuple[int, int, str | None], Evaluation] = field(default_factory=dict)
    origin: str = ""  # "model:<id>" (workspace), "example:<file>", "file:<file>", "upload:<name>"
    base: int = 0  # the workspace revision ``loaded`` is (0: not saved in the workspace)
    year: int = 0  # the plan year the pages show (0 = the first)
    views: dict[tuple[int, int], Cooperation] = field(default_factory=dict)
    plans: dict[tuple[int, str | None], PlanEvaluation] = field(default_factory=dict)

    @property
    def model(self) -> Cooperation:
        """The model of the plan year the pages show (the plan itself when nothing varies)."""
        self.year = min(self.year, self.plan.years - 1)
        key = (self.version, self.year)
        view = self.views.get(key)
        if view is None:
            plan, year = self.plan, self.year  # shared by the tabs showing the same plan
            view = shared(("year", fingerprint(plan), year), lambda: year_view(plan, year))
            self.views = {key: view}
        return view

    @property
    def model_id(self) -> str | None:
        """The workspace id of the open model, when it is saved in the workspace."""
        return self.origin.removeprefix("model:") if self.origin.startswith("model:") else None

    @property
    def unsaved(self) -> bool:
        """Whether the model differs from what was opened or last saved."""
        return self.plan != self.loaded

    def replace(
        self, model: Cooperation, what: str, *, loaded: Cooperation | None = None, base: int = -1
    ) -> None:
        """Make the plan ``model`` the working model (``loaded``, ``base``: what it edits).

        The state before goes on the undo stack whole: undoing a reload also goes
        back to the revision the earlier edits started from, so a save after it is
        checked against the right revision.
        """
        step = Step(self.plan, what, self.loaded, self.base)
        self.undo_stack = [*self.undo_stack, step][-UNDO_DEPTH:]
        self.plan = model
        self.loaded = self.loaded if loaded is None else loaded
        self.base = self.base if base < 0 else base
        self.version += 1

    def evaluation(self, scenario: str | None = None) -> Evaluation:
        """The evaluation of the chosen plan year (or of one of its scenarios), cached."""
        key = (self.version, self.year, scenario)
        if key not in self.evaluations:
            self.evaluations = {k: v for k, v in self.evaluations.items() if k[0] == self.version}
            plan, model, year = self.plan, self.model, self.year
            self.evaluations[key] = shared(  # once per process for every tab on this plan
                ("evaluation", fingerprint(plan), year, scenario),
                # a scenario applies to the plan, as the CLI does
                lambda: evaluate(model) if scenario is None else evaluate(plan, scenario, year),
            )
        return self.evaluations[key]

    def plan_evaluation(self, scenario: str | None = None) -> PlanEvaluation:
        """Every plan year and the cash plan (of the base or a scenario), cached."""
        key = (self.version, scenario)
        if key not in self.plans:
            self.plans = {k: v for k, v in self.plans.items() if k[0] == self.version}
            plan = self.plan
            self.plans[key] = shared(
                ("plan", fingerprint(plan), scenario), lambda: evaluate_plan(plan, scenario)
            )
        return self.plans[key]


def default_model() -> tuple[Cooperation, str, str]:
    """``BM3C_MODEL`` or the default example: the model, its file name and its origin."""
    given = os.environ.get("BM3C_MODEL")
    path = Path(given) if given else EXAMPLES / DEFAULT_EXAMPLE
    kind = "example" if path.resolve().parent == EXAMPLES else "file"
    return load_cooperation(path), path.name, f"{kind}:{path.name}"


def workspace() -> Workspace:
    """The tab's workspace, opened on ``BM3C_MODEL`` or the default example the first time."""
    ws = st.session_state.get(KEY)
    if ws is None:
        model, source, origin = default_model()
        ws = Workspace(plan=model, source=source, loaded=model, origin=origin)
        st.session_state[KEY] = ws
    return ws


def open_model(
    model: Cooperation,
    source: str,
    *,
    origin: str = "",
    base: int = 0,
    loaded: Cooperation | None = None,
) -> Workspace:
    """Replace the working model by another one (undo history starts afresh).

    ``loaded`` is what the model was opened from when ``model`` already holds
    edits (a restored draft); by default the model itself.
    """
    previous = st.session_state.get(KEY)
    ws = Workspace(
        plan=model,
        source=source,
        loaded=model if loaded is None else loaded,
        version=(previous.version + 1) if previous else 0,
        origin=origin or f"file:{source}",
        base=base,
    )
    st.session_state[KEY] = ws
    st.session_state.pop("bm3c.review", None)  # a pending conflict was about the other model
    return ws


def commit(model: Cooperation, what: str) -> None:
    """Make ``model``, an edit of the chosen year's model, part of the plan (undoable).

    Raises:
        InvalidModelError: when the plan with the edit is not a valid model.

    """
    ws = workspace()
    if model == ws.model:
        return
    ws.replace(edit_in_year(ws.plan, ws.year, ws.model, model), what)


def commit_plan(plan: Cooperation, what: str) -> None:
    """Make ``plan``, an edit of the whole plan (every year), the working model (undoable)."""
    ws = workspace()
    if plan == ws.plan:
        return
    ws.replace(plan, what)


def undo() -> str | None:
    """Go back to the model before the last edit; returns what that edit was."""
    ws = workspace()
    if not ws.undo_stack:
        return None
    step = ws.undo_stack[-1]
    ws.undo_stack = ws.undo_stack[:-1]
    ws.plan, ws.loaded, ws.base = step.plan, step.loaded, step.base
    ws.version += 1
    return step.what


def refuse(where: str, error: InvalidModelError | Problem | str) -> None:
    """Keep the problems of a refused edit, to show next to the field ``where``."""
    if isinstance(error, InvalidModelError):
        problems = [str(p) for p in error.problems]
    else:
        problems = [str(error)]
    st.session_state[f"bm3c.problems.{where}"] = problems
    workspace().version += 1  # resets table editors to the model's values


def take_problems(where: str) -> list[str]:
    """The problems of the last refused edit at ``where`` (shown once)."""
    return list(st.session_state.pop(f"bm3c.problems.{where}", []))


def current_evaluation(scenario: str | None = None) -> Evaluation:
    """Shortcut: the evaluation of the tab's current model."""
    return workspace().evaluation(scenario)
