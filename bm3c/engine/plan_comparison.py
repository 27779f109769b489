"""Compare scenarios over the plan: per year, over the whole plan, break-even and cash low points.

A scenario of a plan over several years is evaluated year by year and month by
month (:func:`~bm3c.engine.plan.evaluate_plan`). Its comparison with the base is
made for one plan year (:meth:`PlanComparison.in_year`) or for the whole plan
(:meth:`PlanComparison.over_plan`: every figure summed over the years), and it
tells, per party, when each scenario breaks even and how low its cash goes
(:meth:`PlanComparison.milestones`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from typing import TypeVar

from bm3c.engine.comparison import Comparison, broken_scenarios, comparison_of
from bm3c.engine.evaluate import (
    ActivityResult,
    Evaluation,
    MemberResult,
)
from bm3c.engine.impacts import ImpactTotals
from bm3c.engine.plan import PartyPlan, PlanEvaluation, evaluate_plan
from bm3c.errors import Problem
from bm3c.model import Cooperation

__all__ = [
    "Milestone",
    "PlanComparison",
    "compare_plans",
    "compare_plans_applicable",
    "plan_totals",
]

T = TypeVar("T")


def _summed(first: T, others: Iterable[T], keep: Callable[[str], bool] = lambda _: False) -> T:
    """``first`` with every float field summed over ``first`` and ``others`` (but ``keep``)."""
    parts = [first, *others]
    update = {
        f.name: sum(getattr(p, f.name) for p in parts)
        for f in fields(first)  # type: ignore[arg-type]
        if isinstance(getattr(first, f.name), float) and not keep(f.name)
    }
    return replace(first, **update)  # type: ignore[type-var]


def _member_totals(years: Sequence[MemberResult]) -> MemberResult:
    """A member's figures summed over the years; its load is its heaviest year's."""
    total = _summed(years[0], years[1:], keep=lambda name: name == "load_ratio")
    capacities = [m.capacity_hours for m in years]
    ratios = [m.load_ratio for m in years if m.load_ratio is not None]
    return replace(
        total,
        capacity_hours=None if None in capacities else sum(c or 0.0 for c in capacities),
        load_ratio=max(ratios) if ratios else None,
        overloaded=any(m.overloaded for m in years),
    )


def _activity_totals(years: Sequence[Evaluation]) -> tuple[ActivityResult, ...]:
    """Each activity's figures summed over the years it appears in (investments: some)."""
    by_id: dict[str, list[ActivityResult]] = {}
    for ev in years:
        for a in ev.activities:
            by_id.setdefault(a.id, []).append(a)
    return tuple(_summed(found[0], found[1:]) for found in by_id.values())


def _impact_totals(years: Sequence[Evaluation]) -> ImpactTotals:
    """Each impact (a yearly figure) summed over the years."""
    collective: dict[str, float] = {}
    by_carrier: dict[str, dict[str, float]] = {}
    for ev in years:
        for key, value in ev.impacts.collective.items():
            collective[key] = collective.get(key, 0.0) + value
        for key, carriers in ev.impacts.by_carrier.items():
            target = by_carrier.setdefault(key, {})
            for carrier, value in carriers.items():
                target[carrier] = target.get(carrier, 0.0) + value
    return ImpactTotals(collective, by_carrier, years[0].impacts.shared_entity_id)


def plan_totals(plan: PlanEvaluation) -> Evaluation:
    """The plan's figures summed over its years, as one evaluation (« sur tout le plan »).

    Every money figure and every hour count is the sum of the plan's years (a
    member's gain over the plan is the sum of its yearly gains, so "everyone gains"
    reads the whole plan); a member's load ratio is its heaviest year's and it is
    overloaded when it is in some year; warnings are every year's, once each. The
    sharing rules and the model are the first year's.
    """
    first, rest = plan.years[0], plan.years[1:]
    members = tuple(
        _member_totals([ev.members[i] for ev in plan.years]) for i in range(len(first.members))
    )
    warnings = tuple(dict.fromkeys(w for ev in plan.years for w in ev.warnings))
    return replace(
        first,
        members=members,
        shared_entity=_summed(first.shared_entity, (ev.shared_entity for ev in rest)),
        collective=_summed(first.collective, (ev.collective for ev in rest)),
        activities=_activity_totals(plan.years),
        impacts=_impact_totals(plan.years),
        warnings=warnings,
        key_fell_back=any(ev.key_fell_back for ev in plan.years),
    )


@dataclass(frozen=True)
class Milestone:
    """One party's break-even year and cash low point in one scenario (or the base)."""

    party: str
    break_even_year: int | None  # None: never within the plan
    cash_low_eur: float
    cash_low_month: str  # "YYYY-MM", the first month the low point is reached
    break_even_delay: float | None  # years later than the base (negative: earlier); inf: lost
    cash_low_difference_eur: float | None  # low point minus the base's (None for the base)


def _delay(year: int | None, base_year: int | None) -> float | None:
    """How many years later than the base a party breaks even (inf: no longer at all)."""
    if year == base_year:
        return 0.0
    if year is None:
        return float("inf")
    if base_year is None:
        return float("-inf")
    return float(year - base_year)


@dataclass(frozen=True)
class PlanComparison:
    """The base plan and scenario plans, evaluated year by year and month by month."""

    base: PlanEvaluation
    scenarios: tuple[PlanEvaluation, ...]

    @property
    def scenario_ids(self) -> tuple[str, ...]:
        """The compared scenario ids, in the order asked."""
        return tuple(p.years[0].scenario for p in self.scenarios)

    @property
    def calendar_years(self) -> tuple[int, ...]:
        """The calendar year of each plan year."""
        return self.base.calendar_years

    def in_year(self, index: int) -> Comparison:
        """The comparison of plan year ``index`` (0 = the first).

        Raises:
            IndexError: for a year outside the plan.

        """
        if not 0 <= index < len(self.base.years):
            raise IndexError(
                f"plan year {index + 1} is outside the plan (1 to {len(self.base.years)})"
            )
        return comparison_of(self.base.years[index], [p.years[index] for p in self.scenarios])

    def over_plan(self) -> Comparison:
        """The comparison of every figure summed over the plan (:func:`plan_totals`)."""
        return comparison_of(plan_totals(self.base), [plan_totals(p) for p in self.scenarios])

    def milestones(self) -> dict[str, tuple[Milestone, ...]]:
        """Per run (``"base"`` then each scenario id): each party's break-even and low point.

        Parties come as in :class:`~bm3c.engine.plan.PlanEvaluation`: members in
        file order, the shared entity last. A party absent from the base has no
        difference.
        """
        base = {p.id: p for p in self.base.parties}
        runs = {"base": self.base} | dict(zip(self.scenario_ids, self.scenarios, strict=True))
        out: dict[str, tuple[Milestone, ...]] = {}
        for run, plan in runs.items():
            out[run] = tuple(
                _milestone(p, None if run == "base" else base.get(p.id)) for p in plan.parties
            )
        return out

    def select(self, scenario_ids: Sequence[str]) -> PlanComparison:
        """The comparison restricted to ``scenario_ids`` (in that order), without re-evaluating.

        Raises:
            KeyError: for an id that is not part of the comparison.

        """
        by_id = dict(zip(self.scenario_ids, self.scenarios, strict=True))
        return PlanComparison(self.base, tuple(by_id[sid] for sid in scenario_ids))


def _milestone(party: PartyPlan, base: PartyPlan | None) -> Milestone:
    return Milestone(
        party=party.id,
        break_even_year=party.break_even_year,
        cash_low_eur=party.cash_low.eur,
        cash_low_month=party.cash_low.month,
        break_even_delay=None
        if base is None
        else _delay(party.break_even_year, base.break_even_year),
        cash_low_difference_eur=None if base is None else party.cash_low.eur - base.cash_low.eur,
    )


def compare_plans(coop: Cooperation, scenario_ids: Sequence[str] | None = None) -> PlanComparison:
    """Evaluate the base plan and each scenario's (all of the model's when None) over time.

    Raises:
        UnknownScenarioError, ScenarioError: as :func:`~bm3c.engine.plan.evaluate_plan`.

    """
    ids = [s.id for s in coop.scenarios] if scenario_ids is None else list(scenario_ids)
    return PlanComparison(evaluate_plan(coop), tuple(evaluate_plan(coop, sid) for sid in ids))


def compare_plans_applicable(
    coop: Cooperation,
) -> tuple[PlanComparison, dict[str, tuple[Problem, ...]]]:
    """The plan comparison of every scenario that applies, and the problems of the others."""
    broken = broken_scenarios(coop)
    return compare_plans(coop, [s.id for s in coop.scenarios if s.id not in broken]), broken
