"""The parts of a cooperation model: the file format of ``docs/model.md``.

Every field carries a description and, for numbers, a unit, so that
``bm3c schema`` documents the format in one place.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from bm3c.rules import RULE_IDS, RULES

__all__ = [
    "ACTOR_KINDS",
    "COST_KINDS",
    "FLOW_KINDS",
    "MARKET",
    "REVENUE_KINDS",
    "Activity",
    "Actor",
    "Change",
    "CostLine",
    "Flow",
    "Id",
    "Indicator",
    "Member",
    "RevenueLine",
    "Scenario",
    "SharedEntity",
    "Sharing",
    "WorkLine",
]

MARKET = "market"
"""Reserved actor id: the anonymous outside world, used when a counterparty is omitted."""

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
ImpactKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]

ActorKind = Literal["customer", "funder", "supplier", "public", "other"]
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
RevenueKind = Literal[
    "sales", "service", "subsidy", "donation", "membership", "rent", "sponsorship", "other"
]
REVENUE_KINDS: tuple[str, ...] = get_args(RevenueKind)
CostKind = Literal[
    "purchase",
    "service",
    "rent",
    "subcontracting",
    "energy",
    "insurance",
    "fee",
    "tax",
    "depreciation",
    "transport",
    "other",
]
COST_KINDS: tuple[str, ...] = get_args(CostKind)
FlowKind = Literal["money", "in_kind", "intangible"]
FLOW_KINDS: tuple[str, ...] = get_args(FlowKind)
#: What a party does with a line whose other party is absent: keep it with the market at
#: the same amount, drop it, or (a number) take it from the market at that amount.
Policy = Literal["keep", "drop"] | Annotated[float, Field(ge=0, strict=True, allow_inf_nan=False)]
#: Kinds of line a payer keeps by default when the other party is absent: what it buys.
BOUGHT_KINDS = frozenset(
    {"sales", "service", "rent", "purchase", "subcontracting", "energy", "insurance", "transport"}
)
WorkApart = Literal["replace", "drop"]
WORK_APARTS: tuple[str, ...] = get_args(WorkApart)
if TYPE_CHECKING:
    SharingRuleId = str
else:  # the ids of the registry, so that a file naming another is refused with the list
    SharingRuleId = Literal[RULE_IDS]


def _money(description: str, **kwargs: Any) -> Any:
    return Field(
        ge=0,
        allow_inf_nan=False,
        strict=True,
        description=description,
        json_schema_extra={"unit": "currency"},
        **kwargs,
    )


def _hours(description: str, **kwargs: Any) -> Any:
    return Field(
        ge=0,
        allow_inf_nan=False,
        strict=True,
        description=description,
        json_schema_extra={"unit": "hours per period"},
        **kwargs,
    )


class Part(BaseModel):
    """Base of every part: immutable, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class SharedEntity(Part):
    """The structure the members set up together (structure commune)."""

    id: Id = Field(description="Unique id (lowercase slug).")
    name: Text = Field(description="Display name.")
    legal_form: str | None = Field(
        None, description="Legal form, free text (SCIC, association...)."
    )
    description: str | None = Field(None, description="What the shared entity is for.")
    reserve_fraction: float = Field(
        0.0,
        ge=0,
        le=1,
        strict=True,
        allow_inf_nan=False,
        description="Share of a positive result kept as (indivisible) reserve, 0 to 1.",
        json_schema_extra={"unit": "fraction"},
    )


class Member(Part):
    """A member structure of the cooperation (structure porteuse)."""

    id: Id = Field(description="Unique id (lowercase slug).")
    name: Text = Field(description="Display name.")
    legal_form: str | None = Field(None, description="Legal form, free text.")
    description: str | None = Field(None, description="What the member does.")
    hourly_cost_eur: float = _money("Loaded cost of one paid hour of its staff.")
    capacity_hours: float | None = _hours(
        "Hours per period it can put into the activities of this model.", default=None
    )
    volunteer_hour_value_eur: float | None = _money(
        "Value of one volunteer hour for this member (overrides the cooperation's).",
        default=None,
    )


class Actor(Part):
    """An external actor: funder, customer, supplier, public body..."""

    id: Id = Field(description="Unique id (lowercase slug); 'market' is reserved.")
    name: Text = Field(description="Display name.")
    kind: ActorKind = Field("other", description="Role towards the cooperation.")
    description: str | None = Field(None, description="Free text.")


class Apart(Part):
    """What each side of a line between two insiders does where the other side is absent.

    None leaves the default: the payee drops the line (that customer was the
    cooperation); the payer keeps what it buys (:data:`BOUGHT_KINDS`) and drops
    what it gives (fees, donations, subsidies, other kinds, money flows).
    """

    payer: Policy | None = Field(
        None,
        description="The payer's policy: keep, drop, or a market amount.",
        json_schema_extra={"unit": "currency (a market amount)"},
    )
    payee: Policy | None = Field(
        None,
        description="The payee's policy: keep, drop, or a market amount.",
        json_schema_extra={"unit": "currency (a market amount)"},
    )


class _Line(Part):
    label: Text = Field(description="Label, unique among the activity's lines of this side.")
    amount_eur: float | None = _money(
        "Amount per period (or give quantity and unit price).", default=None
    )
    quantity: float | None = Field(
        None,
        ge=0,
        strict=True,
        allow_inf_nan=False,
        description="Number of units sold or bought per period.",
        json_schema_extra={"unit": "units per period"},
    )
    unit_price_eur: float | None = _money("Price of one unit.", default=None)
    description: str | None = Field(None, description="Free text.")
    apart: Apart | None = Field(
        None,
        description="Where the other party (a member or the shared entity) is absent: "
        "what each side does with the line.",
    )

    @model_validator(mode="after")
    def check_amount_or_quantity_times_price(self) -> _Line:
        """A line gives either ``amount_eur`` or ``quantity`` × ``unit_price_eur``."""
        has_amount = self.amount_eur is not None
        has_quantity = self.quantity is not None
        has_price = self.unit_price_eur is not None
        if has_amount and (has_quantity or has_price):
            raise ValueError("give either amount_eur or quantity and unit_price_eur, not both")
        if not has_amount and not (has_quantity and has_price):
            if has_quantity or has_price:
                missing = "unit_price_eur" if has_quantity else "quantity"
                raise ValueError(f"quantity and unit_price_eur go together: {missing} is missing")
            raise ValueError("missing amount: give amount_eur, or quantity and unit_price_eur")
        if not math.isfinite(self.total_eur):
            raise ValueError("quantity × unit_price_eur is too large to be an amount")
        return self

    @property
    def total_eur(self) -> float:
        """The line's amount: ``amount_eur`` or ``quantity × unit_price_eur``."""
        if self.amount_eur is not None:
            return self.amount_eur
        assert self.quantity is not None and self.unit_price_eur is not None
        return self.quantity * self.unit_price_eur


class RevenueLine(_Line):
    """Money an activity receives (paid by ``from``, the market when omitted)."""

    payer: Id = Field(
        MARKET,
        alias="from",
        description="Who pays: an actor, member or the shared entity id; 'market' when omitted.",
    )
    kind: RevenueKind = Field("other", description="Nature of the revenue.")


class CostLine(_Line):
    """Money an activity spends (paid to ``to``, the market when omitted)."""

    payee: Id = Field(
        MARKET,
        alias="to",
        description="Who is paid: an actor, member or the shared entity id; 'market' when omitted.",
    )
    kind: CostKind = Field("other", description="Nature of the cost.")


class WorkLine(Part):
    """Hours one member puts into one activity."""

    member: Id = Field(description="The member whose staff or volunteers do the work.")
    paid_hours: float = _hours(
        "Hours of paid staff, paid by the member (its employer).", default=0.0
    )
    volunteer_hours: float = _hours("Volunteer hours (no cash cost, valued apart).", default=0.0)
    reimbursed: bool = Field(
        False,
        strict=True,
        description="True when the carrier pays the member back for these paid hours "
        "(mise à disposition refacturée).",
    )
    apart: WorkApart = Field(
        "replace",
        description="Where the member is absent and the activity runs: replace (the "
        "carrier buys the hours from the market) or drop (it does without).",
    )
    replacement_hourly_cost_eur: float | None = _money(
        "Price of one hour bought from the market to replace these hours "
        "(default: the cooperation's, else the member's hourly cost).",
        default=None,
    )

    @model_validator(mode="after")
    def check_work_line_has_hours(self) -> WorkLine:
        """A work line gives some hours, and only paid hours can be reimbursed."""
        if self.paid_hours == 0 and self.volunteer_hours == 0:
            raise ValueError("a work line needs paid_hours or volunteer_hours above 0")
        if self.reimbursed and self.paid_hours == 0:
            raise ValueError(
                "reimbursed: true needs paid_hours above 0 (only paid hours are paid back)"
            )
        return self

    @property
    def hours(self) -> float:
        """Paid plus volunteer hours."""
        return self.paid_hours + self.volunteer_hours


class Activity(Part):
    """An activity, carried by a member (own activity) or by the shared entity."""

    id: Id = Field(description="Unique id (lowercase slug).")
    name: Text = Field(description="Display name.")
    carrier: Id = Field(description="Who carries it: a member id or the shared entity id.")
    description: str | None = Field(None, description="Free text.")
    revenues: tuple[RevenueLine, ...] = Field((), description="Revenue lines.")
    costs: tuple[CostLine, ...] = Field(
        (), description="Cost lines (staff costs excluded: they come from the work lines)."
    )
    work: tuple[WorkLine, ...] = Field(
        (), description="Hours members put into it, one line per member."
    )
    impacts: dict[ImpactKey, Annotated[float, Field(strict=True, allow_inf_nan=False)]] = Field(
        default_factory=dict, description="Impact indicators of the activity (key: amount)."
    )
    requires: tuple[Id, ...] | None = Field(
        None,
        description="Members without whom it cannot run; default: none (a shared "
        "activity runs in any group of two members or more, missing hours replaced).",
    )


class Flow(Part):
    """A value flow not written as an activity line."""

    source: Id = Field(alias="from", description="Who gives: member, shared entity or actor id.")
    target: Id = Field(alias="to", description="Who receives: member, shared entity or actor id.")
    kind: FlowKind = Field(description="money moves cash; in_kind and intangible move none.")
    label: Text = Field(description="Label, unique among flows.")
    amount_eur: float | None = _money(
        "Value per period (optional for intangible flows).", default=None
    )
    description: str | None = Field(None, description="Free text.")
    apart: Apart | None = Field(
        None,
        description="Between two insiders, where one is absent: what each side does "
        "(default: both drop it).",
    )
    requires: tuple[Id, ...] | None = Field(
        None,
        description="Between an outside actor and the shared entity: the members without "
        "whom it does not exist (default: every member).",
    )

    @model_validator(mode="after")
    def check_amount_for_money_and_in_kind(self) -> Flow:
        """Money and in-kind flows need an amount; intangible ones may go without."""
        if self.kind != "intangible" and self.amount_eur is None:
            raise ValueError(f"a {self.kind} flow needs amount_eur")
        return self


class Sharing(Part):
    """How the shared entity's result is shared among members."""

    surplus: SharingRuleId = Field("equal", description="Rule for a positive distributable result.")
    deficit: SharingRuleId = Field(
        "equal", description="Rule for a negative result (members cover it)."
    )
    weights: dict[Id, Annotated[float, Field(ge=0, strict=True, allow_inf_nan=False)]] | None = (
        Field(
            None,
            description="Weight per member, for by_weights (normalised).",
            json_schema_extra={"unit": "relative weight"},
        )
    )

    @property
    def uses_weights(self) -> bool:
        """Whether either rule reads ``weights`` (one per member)."""
        return any(RULES[rule].needs_weights for rule in (self.surplus, self.deficit))


class Indicator(Part):
    """Declaration of an impact key used in activities."""

    id: ImpactKey = Field(description="The impact key as used in activities' impacts.")
    label_fr: Text = Field(description="Label in French.")
    label_en: Text = Field(description="Label in English.")
    unit: str | None = Field(None, description="Unit of the indicator (t, FTE, people...).")
    description: str | None = Field(None, description="Free text.")


class Change(Part):
    """One change of a scenario: a set, a scale, or members who leave.

    ``{set: PATH, value: X}``, ``{scale: PATH, by: K}``, or ``{leave: MEMBER}`` (or a
    list of members): the cooperation goes on without them.
    """

    set: str | None = Field(None, min_length=1, description="Path whose value is replaced.")
    value: Any = Field(None, description="New value, with set.")
    scale: str | None = Field(None, min_length=1, description="Path of a number to multiply.")
    by: float | None = Field(
        None,
        strict=True,
        allow_inf_nan=False,
        description="Factor, with scale.",
        json_schema_extra={"unit": "factor"},
    )

    leave: tuple[Id, ...] | None = Field(
        None,
        description="Members who leave: the cooperation goes on without them.",
        json_schema_extra={
            "anyOf": [
                {"type": "string", "pattern": ID_PATTERN},
                {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}},
                {"type": "null"},
            ]
        },
    )

    @field_validator("leave", mode="before")
    @classmethod
    def one_member_or_several(cls, value: Any) -> Any:
        """``leave: a`` is ``leave: [a]``."""
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def check_set_or_scale(self) -> Change:
        """A change is one of a set with a value, a scale with a factor, or a leave."""
        kinds = [k for k in (self.set, self.scale, self.leave) if k is not None]
        if len(kinds) != 1:
            raise ValueError(
                "a change has either 'set' (with 'value'), 'scale' (with 'by') or 'leave'"
            )
        if self.leave is not None:  # an empty list: nobody leaves, nothing changes
            if {"value", "by"} & self.model_fields_set:
                raise ValueError("'leave' goes alone, without 'value' or 'by'")
            return self
        if self.set is not None and "value" not in self.model_fields_set:
            raise ValueError("'set' needs a 'value'")
        if self.set is not None and "by" in self.model_fields_set:
            raise ValueError("'by' goes with 'scale', not with 'set'")
        if self.scale is not None and self.by is None:
            raise ValueError("'scale' needs a numeric 'by'")
        if self.scale is not None and "value" in self.model_fields_set:
            raise ValueError("'value' goes with 'set', not with 'scale'")
        return self

    @property
    def path(self) -> str:
        """The path this change addresses (``members`` for a leave)."""
        if self.leave is not None:
            return "members"
        return self.set if self.set is not None else str(self.scale)


class Scenario(Part):
    """A named set of changes applied to the base model."""

    id: Id = Field(description="Unique id among scenarios.")
    name: Text = Field(description="Display name.")
    description: str | None = Field(None, description="What the scenario explores.")
    changes: tuple[Change, ...] = Field((), description="Changes, applied in order.")
