"""The plan over time (DOMAIN Part 3): every year evaluated, break-even, the cash plan.

Each plan year is evaluated by Parts 1 and 2 with that year's numbers
(:func:`bm3c.model.years.year_view`); the cash plan (:mod:`bm3c.engine.cash`)
follows the money month by month. A model without ``plan`` is a one-year plan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from bm3c.engine.cash import CashPlan, LowPoint, cash_plan
from bm3c.engine.evaluate import Evaluation, evaluate, evaluate_ledger
from bm3c.engine.ledger import compile_ledger
from bm3c.engine.scenarios import apply_scenario, resolve_scenario
from bm3c.model import Cooperation, Scenario
from bm3c.model.years import scenario_in_year, year_views

__all__ = ["PartyPlan", "PlanEvaluation", "break_even_year", "evaluate_plan", "evaluate_years"]

TOLERANCE = 0.005  # a result of -0.004 € is 0 to the cent


def break_even_year(results: tuple[float, ...], start_year: int) -> int | None:
    """The first year from which every result to the plan's end is ≥ 0 (None: never)."""
    first: int | None = None
    for i, result in enumerate(results):
        if result < -TOLERANCE:
            first = None
        elif first is None:
            first = start_year + i
    return first


@dataclass(frozen=True)
class PartyPlan:
    """One member's (or the shared entity's) plan: results, break-even, cash."""

    id: str
    name: str
    shared_entity: bool
    results: tuple[float, ...]  # per year: a member's cash result, the entity's result R
    cash_flows: tuple[float, ...]  # per year: net cash movement
    cash_ends: tuple[float, ...]  # per year: balance at the year's end
    break_even_year: int | None
    cash_low: LowPoint
    months_below_zero: tuple[str, ...]
    due_after_eur: float  # still to receive (+) or pay (-) after the plan

    @property
    def cumulated(self) -> tuple[float, ...]:
        """Results cumulated year after year."""
        return tuple(accumulate(self.results))

    @property
    def cash_needed_eur(self) -> float:
        """The cash it must find to stay at zero or above: minus its low point, or 0."""
        return max(0.0, -self.cash_low.eur)


@dataclass(frozen=True)
class PlanEvaluation:
    """A plan (or a scenario of it) evaluated year by year and month by month."""

    start_year: int | None
    years: tuple[Evaluation, ...]
    cash: CashPlan
    parties: tuple[PartyPlan, ...]  # members in file order, the shared entity last

    @property
    def calendar_years(self) -> tuple[int, ...]:
        """The calendar year of each plan year (1, 2, ... without a start year)."""
        first = self.start_year if self.start_year is not None else 1
        return tuple(first + i for i in range(len(self.years)))

    @property
    def everyone_gains(self) -> tuple[bool, ...]:
        """Per year: whether every member gains from cooperation."""
        return tuple(ev.everyone_gains for ev in self.years)

    @property
    def collective_results(self) -> tuple[float, ...]:
        """Per year: the collective result."""
        return tuple(ev.collective.result_eur for ev in self.years)

    @property
    def members(self) -> tuple[PartyPlan, ...]:
        """The members' plans."""
        return tuple(p for p in self.parties if not p.shared_entity)

    @property
    def shared_entity(self) -> PartyPlan:
        """The shared entity's plan."""
        return self.parties[-1]

    def party(self, party_id: str) -> PartyPlan:
        """One party's plan."""
        return next(p for p in self.parties if p.id == party_id)


def _in_year(scenario: str | Scenario | None, y: int, years: int) -> str | Scenario | None:
    """A scenario given as an object, with its values per year read for year ``y``."""
    return scenario_in_year(scenario, y, years) if isinstance(scenario, Scenario) else scenario


def evaluate_years(
    coop: Cooperation, scenario: str | Scenario | None = None
) -> tuple[Evaluation, ...]:
    """Every plan year (or a scenario of it) evaluated by Parts 1 and 2 with its numbers.

    The years' models are built in one pass; a year whose numbers are those of the
    year before is not evaluated again.

    Raises:
        UnknownScenarioError, ScenarioError: for a scenario that cannot be applied.

    """
    if scenario is not None:
        found = resolve_scenario(coop, scenario)
        if not any(change.leave for change in found.changes):
            # the plan as the scenario describes it, validated once, then its years
            world = apply_scenario(coop, found)
            return _each_year(
                year_views(world),
                lambda _, view: evaluate_ledger(view, compile_ledger(view), found.id, found.name),
            )
    scenarios = [_in_year(scenario, y, coop.years) for y in range(coop.years)]
    return _each_year(year_views(coop), lambda y, view: evaluate(view, scenarios[y]), scenarios)


def _each_year(
    views: tuple[Cooperation, ...],
    evaluate_year: Callable[[int, Cooperation], Evaluation],
    scenarios: Sequence[object] = (),
) -> tuple[Evaluation, ...]:
    """Each year's view evaluated; a year like the one before is evaluated once.

    Like: the same model (and the same scenario, when one is given per year).
    """
    years: list[Evaluation] = []
    for y, view in enumerate(views):
        same_scenario = not scenarios or scenarios[y] == scenarios[y - 1]
        if y and view is views[y - 1] and same_scenario:
            years.append(years[-1])  # the same numbers as the year before
        else:
            years.append(evaluate_year(y, view))
    return tuple(years)


def evaluate_plan(coop: Cooperation, scenario: str | Scenario | None = None) -> PlanEvaluation:
    """Evaluate every year of the plan (or of a scenario of it), and its cash plan.

    Raises:
        UnknownScenarioError, ScenarioError: for a scenario that cannot be applied.

    """
    years = evaluate_years(coop, scenario)
    cash = cash_plan(coop, years)
    first = coop.start_year if coop.start_year is not None else 1
    parties = []
    for i, party in enumerate(cash.parties):
        shared = i == len(cash.parties) - 1
        if shared:
            name = coop.shared_entity.name
            results = tuple(ev.shared_entity.result_eur for ev in years)
        else:
            name = coop.member(party).name
            results = tuple(ev.member(party).cash_result_eur for ev in years)
        parties.append(
            PartyPlan(
                id=party,
                name=name,
                shared_entity=shared,
                results=results,
                cash_flows=cash.yearly_flow(party),
                cash_ends=cash.year_end(party),
                break_even_year=break_even_year(results, first),
                cash_low=cash.low_point(party),
                months_below_zero=cash.months_below_zero(party),
                due_after_eur=cash.due_after(party),
            )
        )
    return PlanEvaluation(coop.start_year, years, cash, tuple(parties))
