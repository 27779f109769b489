"""Compare scenarios with the base: each figure's value per scenario and its difference."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from bm3c.engine.evaluate import Evaluation, evaluate
from bm3c.engine.scenarios import scenario_problems
from bm3c.engine.tables import FIGURE_ATTRIBUTES
from bm3c.errors import Problem, ScenarioError
from bm3c.model import Cooperation

__all__ = [
    "MEMBER_FIGURES",
    "SHARED_FIGURES",
    "Comparison",
    "broken_scenarios",
    "compare_applicable",
    "compare_scenarios",
    "comparison_of",
    "select_scenarios",
]

MEMBER_FIGURES = (
    "cash_result_eur",
    "stand_alone_result_eur",
    "gain_from_cooperation_eur",
    "economic_result_eur",
    "shared_share_eur",
    "hours_paid",
    "hours_volunteer",
    "load_ratio",
)
SHARED_FIGURES = ("result_eur", "reserve_eur", "distributed_eur")
COLLECTIVE_FIGURES = ("external_revenue_eur", "external_cost_eur", "staff_cost_eur", "result_eur")


@dataclass(frozen=True)
class Comparison:
    """Evaluations of the base and of scenarios, and their tidy comparison table.

    ``table`` has one row per (scope, entity, figure, scenario): ``scope`` is member,
    shared_entity or collective; ``value``, ``base`` and ``difference`` (value - base).
    """

    base: Evaluation
    scenarios: tuple[Evaluation, ...]
    table: pd.DataFrame

    @property
    def scenario_ids(self) -> tuple[str, ...]:
        """The compared scenario ids, in the order asked."""
        return tuple(e.scenario for e in self.scenarios)

    def wide(self, figure: str, scope: str = "member") -> pd.DataFrame:
        """Entities × (base, each scenario, each difference) for one figure."""
        rows = self.table[(self.table.scope == scope) & (self.table.figure == figure)]
        values = rows.pivot(index="entity", columns="scenario", values="value")
        diffs = rows.pivot(index="entity", columns="scenario", values="difference")
        out = pd.DataFrame({"base": rows.groupby("entity")["base"].first()})
        for sid in self.scenario_ids:
            out[sid] = values[sid]
            out[f"Δ {sid}"] = diffs[sid]
        return out

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data: every figure of every entity, per scenario, with differences."""
        entities: list[dict[str, Any]] = []
        for (scope, entity), rows in self.table.groupby(["scope", "entity"], sort=True):
            figures: dict[str, Any] = {}
            for figure, frows in rows.groupby("figure", sort=False):
                figures[str(figure)] = {
                    "base": _plain(frows["base"].iloc[0]),
                    "values": {r.scenario: _plain(r.value) for r in frows.itertuples()},
                    "differences": {r.scenario: _plain(r.difference) for r in frows.itertuples()},
                }
            entities.append({"scope": scope, "id": entity, "figures": figures})
        return {
            "cooperation": self.base.cooperation,
            "currency": self.base.currency,
            "scenarios": [
                {"id": e.scenario, "name": e.scenario_name, "everyone_gains": e.everyone_gains}
                for e in self.scenarios
            ],
            "base": {"everyone_gains": self.base.everyone_gains},
            "entities": entities,
        }


def _plain(value: Any) -> float | None:
    return None if pd.isna(value) else float(value)


def _figures(ev: Evaluation) -> list[tuple[str, str, str, float | None]]:
    rows: list[tuple[str, str, str, float | None]] = []
    for m in ev.members:
        rows += [
            ("member", m.id, f, getattr(m, FIGURE_ATTRIBUTES.get(f, f))) for f in MEMBER_FIGURES
        ]
    se = ev.shared_entity
    rows += [("shared_entity", se.id, f, getattr(se, f)) for f in SHARED_FIGURES]
    rows += [("collective", "collective", f, getattr(ev.collective, f)) for f in COLLECTIVE_FIGURES]
    return rows


def compare_scenarios(
    coop: Cooperation, scenario_ids: Sequence[str] | None = None, year: int = 0
) -> Comparison:
    """Evaluate the base and each scenario (all of the model's when None) side by side.

    A member missing from a scenario (removed by it) gets no value there. Of a plan,
    plan year ``year`` (0 = the first), each scenario applied to the plan.

    Raises:
        UnknownScenarioError, ScenarioError: as :func:`~bm3c.engine.evaluate.evaluate`.

    """
    ids = [s.id for s in coop.scenarios] if scenario_ids is None else list(scenario_ids)
    return comparison_of(evaluate(coop, None, year), [evaluate(coop, sid, year) for sid in ids])


def comparison_of(base: Evaluation, scenarios: Sequence[Evaluation]) -> Comparison:
    """The comparison of evaluations already made: the base and each scenario's.

    A member missing from a scenario (removed by it) gets no value there.
    """
    evaluations = tuple(scenarios)
    base_values = {(scope, ent, fig): val for scope, ent, fig, val in _figures(base)}
    rows = []
    for ev in evaluations:
        values = {(scope, ent, fig): val for scope, ent, fig, val in _figures(ev)}
        for key in sorted(base_values.keys() | values.keys()):
            value, before = values.get(key), base_values.get(key)
            diff = value - before if value is not None and before is not None else None
            rows.append((*key, ev.scenario, value, before, diff))
    table = pd.DataFrame(
        rows, columns=["scope", "entity", "figure", "scenario", "value", "base", "difference"]
    )
    return Comparison(base=base, scenarios=evaluations, table=table)


def broken_scenarios(coop: Cooperation) -> dict[str, tuple[Problem, ...]]:
    """The scenarios that no longer apply to the model (after edits of the base), with why."""
    problems = {s.id: scenario_problems(coop, s) for s in coop.scenarios}
    return {sid: found for sid, found in problems.items() if found}


def compare_applicable(
    coop: Cooperation, year: int = 0
) -> tuple[Comparison, dict[str, tuple[Problem, ...]]]:
    """The comparison of every scenario that applies, and the problems of those that do not.

    Every scenario is applied once when all apply (the usual case); otherwise the
    broken ones are found first (:func:`broken_scenarios`) and left out. Of a plan,
    plan year ``year``.
    """
    try:
        return compare_scenarios(coop, None, year), {}
    except ScenarioError:
        broken = broken_scenarios(coop)
    applicable = [s.id for s in coop.scenarios if s.id not in broken]
    return compare_scenarios(coop, applicable, year), broken


def select_scenarios(comparison: Comparison, scenario_ids: Sequence[str]) -> Comparison:
    """The comparison restricted to ``scenario_ids`` (in that order), without re-evaluating.

    Raises:
        KeyError: for an id that is not part of ``comparison``.

    """
    by_id = {e.scenario: e for e in comparison.scenarios}
    chosen = tuple(by_id[sid] for sid in scenario_ids)
    order = {sid: i for i, sid in enumerate(scenario_ids)}
    table = comparison.table[comparison.table["scenario"].isin(order)]
    table = table.sort_values("scenario", key=lambda c: c.map(order), kind="stable")
    return Comparison(base=comparison.base, scenarios=chosen, table=table.reset_index(drop=True))
