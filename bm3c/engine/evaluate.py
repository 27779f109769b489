"""Evaluate a cooperation: every figure of DOMAIN's accounting rules, per scenario."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from bm3c.engine.accounts import Settlement, settle
from bm3c.engine.apart import Assumption, alone_assumptions
from bm3c.engine.impacts import ImpactTotals, total_impacts
from bm3c.engine.ledger import Ledger, compile_ledger
from bm3c.engine.scenarios import Departure, apply_scenario, resolve_scenario, scenario_world
from bm3c.engine.sharing import game_allocation, sharing_weights
from bm3c.errors import Problem
from bm3c.model import Cooperation, Scenario, find_warnings
from bm3c.model.years import is_plan_model, scenario_in_year, year_view
from bm3c.rules import GAME_RULES

__all__ = [
    "ActivityResult",
    "CollectiveResult",
    "Evaluation",
    "MemberResult",
    "SharedEntityResult",
    "evaluate",
    "evaluate_ledger",
]


@dataclass(frozen=True)
class MemberResult:
    """One member's figures, in the cooperation's currency per period."""

    id: str
    name: str
    cash_result_eur: float
    stand_alone_result_eur: float
    gain_from_cooperation_eur: float
    economic_result_eur: float
    shared_share_eur: float
    own_activities_eur: float  # revenues - costs of the lines of its own activities
    staff_cost_eur: float
    reimbursements_received_eur: float
    reimbursements_paid_eur: float
    internal_received_eur: float
    internal_paid_eur: float
    money_flows_in_eur: float
    money_flows_out_eur: float
    paid_hours: float
    volunteer_hours: float
    volunteer_value_eur: float
    capacity_hours: float | None
    load_ratio: float | None
    overloaded: bool
    in_cooperation: bool = True  # False for a member that leaves in the scenario
    alone_assumptions: tuple[Assumption, ...] = ()  # what decided its alone result

    @property
    def hours(self) -> float:
        """Its hours, paid and volunteer, on every activity."""
        return self.paid_hours + self.volunteer_hours

    @property
    def money_balance_eur(self) -> float:
        """Every money line and flow in and out, before its staff wages and its share.

        cash result = money balance − staff cost + share of the shared result (rule 6).
        """
        return self.cash_result_eur + self.staff_cost_eur - self.shared_share_eur


@dataclass(frozen=True)
class SharedEntityResult:
    """The shared entity's result, reserve and what it distributes (rule 5)."""

    id: str
    name: str
    result_eur: float
    reserve_eur: float
    distributed_eur: float
    economic_result_eur: float
    surplus_rule: str
    deficit_rule: str
    rule_used: str


@dataclass(frozen=True)
class CollectiveResult:
    """The consolidated cooperation: internal moves cancel out."""

    external_revenue_eur: float
    external_cost_eur: float
    staff_cost_eur: float
    result_eur: float
    volunteer_value_eur: float


@dataclass(frozen=True)
class ActivityResult:
    """One activity's figures (rule 1)."""

    id: str
    name: str
    carrier: str
    shared: bool
    revenue_eur: float
    cost_eur: float
    staff_cost_eur: float
    result_eur: float
    paid_hours: float
    volunteer_hours: float
    volunteer_value_eur: float

    @property
    def hours(self) -> float:
        """Every member's hours on it, paid and volunteer."""
        return self.paid_hours + self.volunteer_hours


@dataclass(frozen=True)
class Evaluation:
    """Everything ``evaluate`` computes for one scenario (or the base)."""

    cooperation: str
    scenario: str
    scenario_name: str
    currency: str
    period: str
    members: tuple[MemberResult, ...]
    shared_entity: SharedEntityResult
    collective: CollectiveResult
    activities: tuple[ActivityResult, ...]
    impacts: ImpactTotals
    warnings: tuple[Problem, ...]
    model: Cooperation = field(repr=False, compare=False)
    key_fell_back: bool = False  # the sharing key used summed to zero: shared equally

    @property
    def everyone_gains(self) -> bool:
        """True when no member's gain from cooperation is negative (to the cent)."""
        return all(m.gain_from_cooperation_eur >= -0.005 for m in self.members)

    @property
    def losing_members(self) -> tuple[str, ...]:
        """Ids of members whose gain from cooperation is negative."""
        return tuple(m.id for m in self.members if m.gain_from_cooperation_eur < -0.005)

    def member(self, member_id: str) -> MemberResult:
        """The result of one member."""
        return next(m for m in self.members if m.id == member_id)

    def activity(self, activity_id: str) -> ActivityResult:
        """The result of one activity."""
        return next(a for a in self.activities if a.id == activity_id)


def evaluate(
    coop: Cooperation, scenario: str | Scenario | None = None, year: int = 0
) -> Evaluation:
    """Evaluate the base model, or a scenario of it, by DOMAIN's accounting rules.

    Args:
        coop: A validated cooperation.
        scenario: A scenario id or object; None for the base.
        year: The plan year (0 = first) whose numbers are used (DOMAIN Part 3).

    Raises:
        UnknownScenarioError, ScenarioError: for a scenario that cannot be applied.

    """
    if scenario is not None and is_plan_model(coop):
        found = resolve_scenario(coop, scenario)
        if not any(change.leave for change in found.changes):
            # the plan as the scenario describes it (every year at once), then the year
            view = year_view(apply_scenario(coop, found), year)
            return evaluate_ledger(view, compile_ledger(view), found.id, found.name)
        scenario = scenario_in_year(found, year, coop.years)  # members leave: year by year
    coop = year_view(coop, year)
    if scenario is None:
        return evaluate_ledger(coop, compile_ledger(coop), "base", "Base")
    found = resolve_scenario(coop, scenario)
    world = scenario_world(coop, found)
    evaluation = evaluate_ledger(world.model, compile_ledger(world.model), found.id, found.name)
    if not world.departures:
        return evaluation
    left = [_departed(d) for d in world.departures]
    return replace(
        evaluation, members=tuple(sorted([*evaluation.members, *left], key=lambda r: r.id))
    )


def _departed(departure: Departure) -> MemberResult:
    """A member that left: its result is its result alone, in one step, no share."""
    m = departure.member
    return MemberResult(
        id=m.id,
        name=m.name,
        cash_result_eur=departure.alone_eur,
        stand_alone_result_eur=departure.alone_eur,
        gain_from_cooperation_eur=0.0,
        economic_result_eur=departure.alone_eur,
        shared_share_eur=0.0,
        own_activities_eur=departure.alone_eur,
        staff_cost_eur=0.0,
        reimbursements_received_eur=0.0,
        reimbursements_paid_eur=0.0,
        internal_received_eur=0.0,
        internal_paid_eur=0.0,
        money_flows_in_eur=0.0,
        money_flows_out_eur=0.0,
        paid_hours=0.0,
        volunteer_hours=0.0,
        volunteer_value_eur=0.0,
        capacity_hours=m.capacity_hours,
        load_ratio=None,
        overloaded=False,
        in_cooperation=False,
        alone_assumptions=departure.assumptions,
    )


def _optional(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def evaluate_ledger(
    coop: Cooperation, ledger: Ledger, scenario_id: str, scenario_name: str
) -> Evaluation:
    """Evaluate a compiled cooperation at its own hours (see :func:`evaluate`)."""
    s: Settlement = settle(
        ledger,
        ledger.paid_hours,
        ledger.volunteer_hours,
        coop.sharing.surplus,
        coop.sharing.deficit,
        sharing_weights(coop),
        game_allocation(coop),
    )
    n = ledger.n_members
    warnings = list(find_warnings(coop))
    rule_used = str(s.rule_used)
    if bool(s.key_fell_back):
        warnings.append(
            Problem(
                f"sharing.{'surplus' if s.shared_result > 0 else 'deficit'}",
                f"the {rule_used} key sums to zero for every member: shared equally instead",
            )
        )
    if rule_used in GAME_RULES:
        side = "surplus" if s.shared_result > 0 else "deficit"
        against = [
            m.name
            for i, m in enumerate(coop.members)
            if s.shares[i] * s.distributable < 0 or (s.distributable == 0 and s.shares[i] != 0)
        ]
        if against:
            warnings.append(
                Problem(
                    f"sharing.{side}",
                    f"under {rule_used}, the share of {', '.join(against)} goes the other way "
                    f"than the shared result ({float(s.distributable):,.2f} to share): the game "
                    "moves money between members to reach each one's allocation",
                )
            )
    assumptions = alone_assumptions(coop)
    members = []
    for i, m in enumerate(coop.members):
        hours = float(s.paid_hours[i] + s.volunteer_hours[i])
        capacity = m.capacity_hours
        overloaded = capacity is not None and hours > capacity
        if overloaded:
            warnings.append(
                Problem(
                    f"members.{m.id}.capacity_hours",
                    f"overloaded: {hours:,.0f} h for a capacity of {capacity:,.0f} h",
                )
            )
        members.append(
            MemberResult(
                id=m.id,
                name=m.name,
                cash_result_eur=float(s.cash_result[i]),
                stand_alone_result_eur=float(s.stand_alone_result[i]),
                gain_from_cooperation_eur=float(s.gain_from_cooperation[i]),
                economic_result_eur=float(s.economic_result[i]),
                shared_share_eur=float(s.shares[i]),
                own_activities_eur=float(ledger.own_revenue[i] - ledger.own_cost[i]),
                staff_cost_eur=float(s.staff_cost[i]),
                reimbursements_received_eur=float(s.reimbursements_received[i]),
                reimbursements_paid_eur=float(s.reimbursements_paid[i]),
                internal_received_eur=float(ledger.internal_received[i]),
                internal_paid_eur=float(ledger.internal_paid[i]),
                money_flows_in_eur=float(ledger.money_in[i]),
                money_flows_out_eur=float(ledger.money_out[i]),
                paid_hours=float(s.paid_hours[i]),
                volunteer_hours=float(s.volunteer_hours[i]),
                volunteer_value_eur=float(s.volunteer_value[i]),
                capacity_hours=capacity,
                load_ratio=_optional(float(s.load_ratio[i])),
                overloaded=overloaded,
                alone_assumptions=assumptions[m.id],
            )
        )
    se = coop.shared_entity
    shared = SharedEntityResult(
        id=se.id,
        name=se.name,
        result_eur=float(s.shared_result),
        reserve_eur=float(s.reserve),
        distributed_eur=float(s.distributable),
        economic_result_eur=float(s.shared_economic_result),
        surplus_rule=coop.sharing.surplus,
        deficit_rule=coop.sharing.deficit,
        rule_used=rule_used,
    )
    collective = CollectiveResult(
        external_revenue_eur=ledger.external_revenue,
        external_cost_eur=ledger.external_cost,
        staff_cost_eur=float(s.staff_cost.sum()),
        result_eur=float(s.collective_result),
        volunteer_value_eur=float(s.volunteer_value.sum()),
    )
    activities = tuple(
        ActivityResult(
            id=a.id,
            name=a.name,
            carrier=a.carrier,
            shared=bool(ledger.carrier[j] == n),
            revenue_eur=float(ledger.activity_revenue[j]),
            cost_eur=float(ledger.activity_cost[j]),
            staff_cost_eur=float(s.activity_staff_cost[j]),
            result_eur=float(s.activity_result[j]),
            paid_hours=float(ledger.paid_hours[:, j].sum()),
            volunteer_hours=float(ledger.volunteer_hours[:, j].sum()),
            volunteer_value_eur=float(s.activity_volunteer_value[j]),
        )
        for j, a in enumerate(coop.activities)
    )
    return Evaluation(
        cooperation=coop.name,
        scenario=scenario_id,
        scenario_name=scenario_name,
        currency=coop.currency,
        period=coop.period,
        members=tuple(sorted(members, key=lambda r: r.id)),
        shared_entity=shared,
        collective=collective,
        activities=tuple(sorted(activities, key=lambda r: r.id)),
        impacts=total_impacts(coop),
        warnings=tuple(warnings),
        model=coop,
        key_fell_back=bool(s.key_fell_back),
    )
