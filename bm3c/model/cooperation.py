"""The cooperation: the root of a model file."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from bm3c.model.checks import Draft, find_problems
from bm3c.model.parts import (
    Activity,
    Actor,
    Flow,
    Id,
    Indicator,
    Investment,
    Member,
    Part,
    Plan,
    Scenario,
    SharedEntity,
    Sharing,
    WorkLine,
    Yearly,
    _money,
    _yearly,
)

__all__ = ["Cooperation", "ModelProblems"]


class ModelProblems(ValueError):
    """Raised inside validation to carry several located problems at once."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p}: {m}" for p, m in problems))


class Cooperation(Part):
    """A cooperation between members around a shared entity: one model file."""

    bm3c: Literal[1] = Field(description="Format version; 1.")
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)] = Field(
        description="Name of the cooperation."
    )
    description: str | None = Field(None, description="What the cooperation is about.")
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        "EUR", description="ISO 4217 code of the currency every amount is in."
    )
    period: Literal["year", "quarter", "month"] = Field(
        "year", description="Period every amount and hour count refers to."
    )
    volunteer_hour_value_eur: float = Field(
        12.02,
        ge=0,
        strict=True,
        allow_inf_nan=False,
        description="Default value of one volunteer hour.",
        json_schema_extra={"unit": "currency per hour"},
    )
    replacement_hourly_cost_eur: Yearly | None = _yearly(
        "Price of one hour bought from the market to replace an absent "
        "member's hours (default: that member's hourly cost).",
        "currency per hour",
        default=None,
    )
    plan: Plan | None = Field(
        None,
        description="The plan over time (start year, 1 to 10 years); none: a one-year plan.",
    )
    shared_entity: SharedEntity = Field(description="The structure the members share.")
    members: tuple[Member, ...] = Field(description="Member structures (at least 2).")
    actors: tuple[Actor, ...] = Field((), description="External actors.")
    activities: tuple[Activity, ...] = Field((), description="Own and shared activities.")
    flows: tuple[Flow, ...] = Field((), description="Value flows not written as activity lines.")
    sharing: Sharing = Field(
        default_factory=Sharing, description="How the shared entity's result is shared."
    )
    indicators: tuple[Indicator, ...] = Field((), description="Declared impact indicators.")
    scenarios: tuple[Scenario, ...] = Field((), description="What-if scenarios.")
    investments: tuple[Investment, ...] = Field(
        (), description="Equipment bought once, depreciated over its lifetime (plan over time)."
    )
    opening_cash_eur: dict[Id, Annotated[float, _money("Cash at the plan's start.")]] = Field(
        default_factory=dict,
        description="Cash each member and the shared entity hold at the plan's start (default 0).",
        json_schema_extra={"unit": "currency (per member or shared entity)"},
    )

    @model_validator(mode="after")
    def check_references_and_uniqueness(self) -> Cooperation:
        """Ids are unique, references resolve, labels are unique: every problem at once."""
        problems = find_problems(Draft.of(self))
        if problems:
            raise ModelProblems([(p.path, p.message) for p in problems])
        return self

    @property
    def years(self) -> int:
        """Number of plan years (1 without a plan)."""
        return self.plan.years if self.plan is not None else 1

    @property
    def start_year(self) -> int | None:
        """Calendar year of the plan's first year (None without a plan)."""
        return self.plan.start_year if self.plan is not None else None

    @property
    def member_ids(self) -> tuple[str, ...]:
        """Member ids in file order."""
        return tuple(m.id for m in self.members)

    def member(self, member_id: str) -> Member:
        """The member with this id."""
        return next(m for m in self.members if m.id == member_id)

    def volunteer_hour_value(self, member: Member) -> float:
        """Value of one volunteer hour of this member (its own or the cooperation's)."""
        if member.volunteer_hour_value_eur is not None:
            return member.volunteer_hour_value_eur
        return self.volunteer_hour_value_eur

    def replacement_hourly_cost(self, line: WorkLine) -> float:
        """Price of one hour replacing ``line``'s hours where its member is absent.

        The work line's own price, else the cooperation's, else the member's hourly cost.
        """
        if line.replacement_hourly_cost_eur is not None:
            return line.replacement_hourly_cost_eur
        if self.replacement_hourly_cost_eur is not None:
            return self.replacement_hourly_cost_eur
        return self.member(line.member).hourly_cost_eur

    def scenario(self, scenario_id: str) -> Scenario:
        """The scenario with this id (KeyError when unknown)."""
        for s in self.scenarios:
            if s.id == scenario_id:
                return s
        raise KeyError(scenario_id)
