"""The session's working model: what is open, every edit, undo, cached evaluations.

Pages never mutate a model: they ask :func:`commit` to replace it with a new,
validated one, so that undo and the "changed since loaded" view always work.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import streamlit as st

from bm3c.engine import Evaluation, evaluate
from bm3c.errors import InvalidModelError, Problem
from bm3c.io import load_cooperation
from bm3c.model import Cooperation

__all__ = [
    "EXAMPLES",
    "Step",
    "Workspace",
    "commit",
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

    model: Cooperation
    what: str  # the edit this step undoes, in words
    loaded: Cooperation
    base: int


@dataclass
class Workspace:
    """One browser tab's working state."""

    model: Cooperation
    source: str  # what is open, as shown: a file name or the workspace model's name
    loaded: Cooperation  # the model as opened or last saved: "unsaved edits" are against it
    undo_stack: list[Step] = field(default_factory=list)
    version: int = 0  # bumps on every commit or refused edit; table editors key on it
    evaluations: dict[tuple[int, str | None], Evaluation] = field(default_factory=dict)
    origin: str = ""  # "model:<id>" (workspace), "example:<file>", "file:<file>", "upload:<name>"
    base: int = 0  # the workspace revision ``loaded`` is (0: not saved in the workspace)

    @property
    def model_id(self) -> str | None:
        """The workspace id of the open model, when it is saved in the workspace."""
        return self.origin.removeprefix("model:") if self.origin.startswith("model:") else None

    @property
    def unsaved(self) -> bool:
        """Whether the model differs from what was opened or last saved."""
        return self.model != self.loaded

    def replace(
        self, model: Cooperation, what: str, *, loaded: Cooperation | None = None, base: int = -1
    ) -> None:
        """Make ``model`` the working model (and ``loaded``/``base`` what it is an edit of).

        The state before goes on the undo stack whole: undoing a reload also goes
        back to the revision the earlier edits started from, so a save after it is
        checked against the right revision.
        """
        step = Step(self.model, what, self.loaded, self.base)
        self.undo_stack = [*self.undo_stack, step][-UNDO_DEPTH:]
        self.model = model
        self.loaded = self.loaded if loaded is None else loaded
        self.base = self.base if base < 0 else base
        self.version += 1

    def evaluation(self, scenario: str | None = None) -> Evaluation:
        """The evaluation of the current model (or one of its scenarios), cached."""
        key = (self.version, scenario)
        if key not in self.evaluations:
            self.evaluations = {k: v for k, v in self.evaluations.items() if k[0] == self.version}
            self.evaluations[key] = evaluate(self.model, scenario)
        return self.evaluations[key]


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
        ws = Workspace(model=model, source=source, loaded=model, origin=origin)
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
        model=model,
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
    """Make ``model`` the working model; the previous one goes on the undo stack."""
    ws = workspace()
    if model == ws.model:
        return
    ws.replace(model, what)


def undo() -> str | None:
    """Go back to the model before the last edit; returns what that edit was."""
    ws = workspace()
    if not ws.undo_stack:
        return None
    step = ws.undo_stack[-1]
    ws.undo_stack = ws.undo_stack[:-1]
    ws.model, ws.loaded, ws.base = step.model, step.loaded, step.base
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
