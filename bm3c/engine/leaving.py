"""If members leave: what the cooperation becomes without them, beside today.

The answer to "what if Slow Fest leaves?" (DOMAIN Part 2, the ``leave`` change): the
group of the members who stay, evaluated as its own cooperation, each leaving
member alone, and what changes: the activities that stop, the hours the carriers
buy from the market to replace the leaving members', and the impacts lost.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from bm3c.engine.apart import work_replacement
from bm3c.engine.evaluate import Evaluation, evaluate
from bm3c.engine.worlds import running_activities
from bm3c.model import Change, Cooperation, Scenario

__all__ = ["Leaving", "ReplacedHours", "leave_scenario", "members_leave"]


@dataclass(frozen=True)
class ReplacedHours:
    """A leaving member's hours on an activity that goes on, and what replacing them costs.

    ``hourly_eur`` 0 and ``cost_eur`` 0 when the activity does without them
    (``apart: drop``).
    """

    activity: str
    activity_name: str
    member: str
    hours: float
    hourly_eur: float
    cost_eur: float


@dataclass(frozen=True)
class Leaving:
    """The cooperation today and without the leaving members.

    Attributes:
        leaving: The leaving members' ids (file order).
        today: The base evaluation.
        without: The evaluation of the scenario: the members who stay, then each
            leaving member alone (``in_cooperation`` False).
        stopped: The activities that no longer run (ids, file order): the leaving
            members' own, and the shared ones that require a leaving member.
        replaced: The leaving members' hours on activities that go on.
        impacts_lost: Per impact key, today's total minus the total without them
            (the stopped activities' impacts), keys with a change only.

    """

    leaving: tuple[str, ...]
    today: Evaluation
    without: Evaluation
    stopped: tuple[str, ...]
    replaced: tuple[ReplacedHours, ...]
    impacts_lost: dict[str, float]

    @property
    def replacement_cost_eur(self) -> float:
        """What buying every replaced hour costs the carriers."""
        return sum(r.cost_eur for r in self.replaced)

    @property
    def staying(self) -> tuple[str, ...]:
        """The members who stay, by id."""
        return tuple(m.id for m in self.without.members if m.in_cooperation)


def leave_scenario(coop: Cooperation, leaving: Collection[str], name: str = "") -> Scenario:
    """A scenario in which ``leaving`` members leave (not yet part of the model)."""
    ids = [m for m in coop.member_ids if m in set(leaving)]
    names = ", ".join(coop.member(m).name for m in ids)
    return Scenario(
        id="sans-" + "-".join(ids),
        name=name or f"Sans {names}",
        changes=(Change(leave=tuple(ids)),),
    )


def members_leave(coop: Cooperation, leaving: Collection[str]) -> Leaving:
    """What the cooperation becomes if ``leaving`` members leave.

    Raises:
        ScenarioError: for an id that is not a member, or when fewer than two would stay.

    """
    scenario = leave_scenario(coop, leaving)
    ids = tuple(m for m in coop.member_ids if m in set(leaving))
    staying = [m for m in coop.member_ids if m not in ids]
    without = evaluate(coop, scenario)
    runs = set(running_activities(coop, staying)) if len(staying) >= 2 else set()
    stopped = tuple(a.id for a in coop.activities if a.id not in runs)
    replaced = tuple(
        ReplacedHours(a.id, a.name, w.member, w.hours, price, w.hours * price)
        for a in coop.activities
        if a.id in runs
        for w in a.work
        if w.member in ids
        for price in [work_replacement(coop, w)]
    )
    today = evaluate(coop)
    lost = {
        key: total - without.impacts.collective.get(key, 0.0)
        for key, total in today.impacts.collective.items()
        if total != without.impacts.collective.get(key, 0.0)
    }
    return Leaving(ids, today, without, stopped, replaced, lost)
