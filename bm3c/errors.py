"""Errors raised by bm3c, named after the problem they report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "Bm3cError",
    "FileTooLargeError",
    "InvalidModelError",
    "Problem",
    "ProblemsError",
    "ScenarioError",
    "UnknownScenarioError",
]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a model, located by a dotted path.

    Attributes:
        path: Where the problem is, e.g. ``activities.cafe-cantine.work[1].member``.
        message: What is wrong and, where possible, how to fix it.

    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class Bm3cError(Exception):
    """Base class of every error bm3c raises on purpose."""


class ProblemsError(Bm3cError, ValueError):
    """Something a user wrote is invalid: every problem found at once, to fix in one go."""

    def __init__(self, problems: Sequence[Problem], source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        where = f"{source}: " if source else ""
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{where}{len(self.problems)} problem(s)\n{lines}")


class InvalidModelError(ProblemsError):
    """A model file or a model built from a scenario is invalid."""


class FileTooLargeError(InvalidModelError):
    """A model file is larger than bm3c accepts."""


class ScenarioError(InvalidModelError):
    """A scenario's changes cannot be applied, or produce an invalid model."""


class UnknownScenarioError(Bm3cError, KeyError):
    """A scenario id that the model does not define was asked for."""

    def __init__(self, scenario_id: str, known: Sequence[str]) -> None:
        self.scenario_id = scenario_id
        self.known = tuple(known)
        listed = ", ".join(known) if known else "none"
        super().__init__(f"unknown scenario '{scenario_id}' (known: {listed})")

    def __str__(self) -> str:
        return str(self.args[0])
