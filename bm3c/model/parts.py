"""The parts of a cooperation model: the file format of ``docs/model.md``.

Every field carries a description and, for numbers, a unit, so that
``bm3c schema`` documents the format in one place.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from bm3c.rules import RULE_IDS, RULES

__all__ = [
    "ACTOR_KINDS",
    "COST_KINDS",
    "FLOW_KINDS",
    "FUNDER_KINDS",
    "MARKET",
    "REVENUE_KINDS",
    "Activity",
    "Actor",
    "Change",
    "CostLine",
    "Flow",
    "Id",
    "Indicator",
    "Investment",
    "Member",
    "Payment",
    "Plan",
    "RevenueLine",
    "Scenario",
    "SharedEntity",
    "Sharing",
    "WorkLine",
    "Yearly",
]

MARKET = "market"
"""Reserved actor id: the anonymous outside world, used when a counterparty is omitted."""

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
ImpactKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]

ActorKind = Literal["customer", "funder", "supplier", "public", "other"]
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
#: Actor kinds whose money is a subsidy in a funder's budget (class 74, one row each).
FUNDER_KINDS = frozenset({"funder", "public"})
#: An account of the associations' chart, a charge (6...) or a produit (7...): 2 to 8 digits.
Account = Annotated[
    str,
    BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v),
    StringConstraints(pattern=r"^[67][0-9]{1,7}$"),
]
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
    "staff",
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


MAX_PLAN_YEARS = 10


def _yearly_number(value: Any) -> float | tuple[float, ...]:
    """A number ≥ 0, or a list of one per plan year (DOMAIN Part 3); lists become tuples."""
    if isinstance(value, list | tuple):
        if not 1 <= len(value) <= MAX_PLAN_YEARS:
            raise ValueError(
                f"a list gives one number per plan year (1 to {MAX_PLAN_YEARS}), "
                f"found {len(value)} values"
            )
        return tuple(_one_number(v, f"year {i + 1}: ") for i, v in enumerate(value))
    return _one_number(value, "")


def _one_number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        shown = "nothing" if value is None else repr(value)
        raise ValueError(f"{where}expected a number, got {shown}")
    if not math.isfinite(value):
        raise ValueError(f"{where}must be a finite number")
    if value < 0:
        raise ValueError(f"{where}must be at least 0, got {value}")
    return float(value)


if TYPE_CHECKING:  # code reads the numbers of one year (see bm3c.model.years)
    Yearly = float
else:  # a file may give one number per plan year: a tuple of floats in a plan model
    Yearly = Annotated[
        float | tuple[float, ...],
        BeforeValidator(_yearly_number),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "number", "minimum": 0},
                    {
                        "type": "array",
                        "items": {"type": "number", "minimum": 0},
                        "minItems": 1,
                        "maxItems": MAX_PLAN_YEARS,
                    },
                ]
            }
        ),
    ]


def _yearly(description: str, unit: str, **kwargs: Any) -> Any:
    return Field(
        description=description + " A list gives one value per plan year.",
        json_schema_extra={"unit": unit},
        **kwargs,
    )


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


class Payment(Part):
    """One payment of a line: its month and the fraction of the year's amount paid then."""

    month: int = Field(
        ge=1,
        le=12 * (MAX_PLAN_YEARS + 2),
        strict=True,
        description="Month counted from January of the line's year: 1-12 that year, "
        "13 the next January, and so on.",
        json_schema_extra={"unit": "month"},
    )
    fraction: float = Field(
        1.0,
        gt=0,
        le=1,
        strict=True,
        allow_inf_nan=False,
        description="Share of the year's amount paid that month (the fractions sum to 1).",
        json_schema_extra={"unit": "fraction"},
    )


def _payment_schema(unit: str) -> Callable[[dict[str, Any]], None]:
    """The schema of a payment timing: one payment, or a list of them."""

    def one_or_several(schema: dict[str, Any]) -> None:
        schema["unit"] = unit
        options = schema.get("anyOf", [])
        for i, option in enumerate(list(options)):
            if option.get("type") == "array":
                options.insert(i, option["items"])
                break

    return one_or_several


def _one_or_several_payments(value: Any) -> Any:
    return value if isinstance(value, list | tuple) else [value]


if TYPE_CHECKING:
    Schedule = tuple[Payment, ...]
else:  # {month: M} is [{month: M, fraction: 1}]
    Schedule = Annotated[
        tuple[Payment, ...],
        BeforeValidator(_one_or_several_payments),  # {month: M} is a list of one
        AfterValidator(lambda schedule: check_fractions(schedule)),
    ]


def check_fractions(schedule: tuple[Payment, ...]) -> tuple[Payment, ...]:
    """A payment schedule has one to 144 payments, whose fractions sum to 1."""
    if not 1 <= len(schedule) <= 12 * (MAX_PLAN_YEARS + 2):
        raise ValueError(f"a payment timing has 1 to {12 * (MAX_PLAN_YEARS + 2)} payments")
    if abs(sum(p.fraction for p in schedule) - 1) > 1e-6:
        shown = " + ".join(f"{p.fraction:g}" for p in schedule)
        raise ValueError(f"the fractions of a payment timing sum to 1, here {shown}")
    return schedule


def as_years(value: float | tuple[float, ...] | None) -> tuple[float, ...]:
    """A yearly number as a tuple (one value when the file gives a single number)."""
    if value is None:
        return (0.0,)
    if isinstance(value, tuple):
        return value
    return (value,)


class Plan(Part):
    """The plan over time: its first calendar year and its length (DOMAIN Part 3)."""

    start_year: int = Field(
        ge=1900, le=2200, strict=True, description="Calendar year of the plan's first year."
    )
    years: int = Field(
        1, ge=1, le=MAX_PLAN_YEARS, strict=True, description="Number of years, 1 to 10."
    )


class Investment(Part):
    """Equipment bought once and depreciated straight-line, with an investment grant."""

    id: Id = Field(description="Unique id (lowercase slug).")
    carrier: Id = Field(description="Who buys it: a member id or the shared entity id.")
    label: Text = Field(description="What is bought.")
    amount_eur: float = _money("Price paid for it.")
    year: int = Field(
        1, ge=1, le=MAX_PLAN_YEARS, strict=True, description="Plan year it is bought (1 = first)."
    )
    month: int = Field(1, ge=1, le=12, strict=True, description="Month it is paid, 1-12.")
    lifetime_years: int = Field(
        ge=1, le=100, strict=True, description="Years over which it is depreciated."
    )
    grant_eur: float = _money("Investment grant received for it.", default=0.0)
    grantor: Id = Field(
        MARKET, alias="from", description="Who gives the grant: an actor id (default 'market')."
    )
    grant_paid: Schedule | None = Field(
        None,
        description="When the grant is received, months counted from January of the "
        "investment's year; default: with the purchase.",
        json_schema_extra=_payment_schema("month and fraction of the grant"),
    )
    description: str | None = Field(None, description="Free text.")

    @property
    def depreciation_eur(self) -> float:
        """Yearly depreciation: the price over the lifetime."""
        return self.amount_eur / self.lifetime_years

    @property
    def grant_share_eur(self) -> float:
        """The grant's yearly share taken into the result (quote-part virée au résultat)."""
        return self.grant_eur / self.lifetime_years

    def depreciates_in(self, year: int) -> bool:
        """Whether plan year ``year`` (1 = first) is one of its depreciation years."""
        return self.year <= year < self.year + self.lifetime_years


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
    hourly_cost_eur: Yearly = _yearly("Loaded cost of one paid hour of its staff.", "currency")
    capacity_hours: Yearly | None = _yearly(
        "Hours per period it can put into the activities of this model.",
        "hours per period",
        default=None,
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
    max_rate: float | None = Field(
        None,
        gt=0,
        le=1,
        strict=True,
        allow_inf_nan=False,
        description="A funder's cap: the largest share of a budget's charges it may "
        "finance (0.8: at most 80 %); above it the budget warns.",
        json_schema_extra={"unit": "fraction"},
    )
    counts_volunteering: bool = Field(
        False,
        strict=True,
        description="True when the funder counts valued volunteering (classes 86/87) as "
        "co-financing: its rate is then taken against the charges plus class 86.",
    )

    @field_validator("max_rate", "counts_volunteering")
    @classmethod
    def check_funder_terms(cls, value: Any, info: ValidationInfo) -> Any:
        """Only funders and public actors have a cap or count volunteering."""
        kind = info.data.get("kind", "other")
        if kind not in FUNDER_KINDS and value not in (None, False):
            raise ValueError(
                f"{info.field_name} is a funder's term: give the actor kind funder or public "
                f"(here {kind})"
            )
        return value


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
    account: Account | None = Field(
        None,
        description="Account of the associations' chart (6132, 706...) in the funders' "
        "budget; default: the line's kind decides.",
    )
    amount_eur: Yearly | None = _yearly(
        "Amount per period (or give quantity and unit price).", "currency", default=None
    )
    quantity: Yearly | None = _yearly(
        "Number of units sold or bought per period.", "units per period", default=None
    )
    unit_price_eur: Yearly | None = _yearly("Price of one unit.", "currency", default=None)
    description: str | None = Field(None, description="Free text.")
    paid: Schedule | None = Field(
        None,
        description="When the money moves (cash plan): {month: M} or a list of "
        "{month, fraction}; a month above 12 falls in a later year. Default: evenly "
        "over the 12 months.",
        json_schema_extra=_payment_schema("month and fraction of the year's amount"),
    )
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
        if not all(math.isfinite(total) for total in self.totals_eur):
            raise ValueError("quantity × unit_price_eur is too large to be an amount")
        return self

    @property
    def total_eur(self) -> float:
        """The line's amount: ``amount_eur`` or ``quantity × unit_price_eur`` (one year's)."""
        if self.amount_eur is not None:
            return self.amount_eur
        assert self.quantity is not None and self.unit_price_eur is not None
        return self.quantity * self.unit_price_eur

    @property
    def totals_eur(self) -> tuple[float, ...]:
        """The line's amount in each year its numbers give (one value without lists)."""
        if self.amount_eur is not None:
            return as_years(self.amount_eur)
        quantity, price = as_years(self.quantity), as_years(self.unit_price_eur)
        count = max(len(quantity), len(price))
        return tuple(
            quantity[i if len(quantity) > 1 else 0] * price[i if len(price) > 1 else 0]
            for i in range(count)
        )


class RevenueLine(_Line):
    """Money an activity receives (paid by ``from``, the market when omitted)."""

    payer: Id = Field(
        MARKET,
        alias="from",
        description="Who pays: an actor, member or the shared entity id; 'market' when omitted.",
    )
    kind: RevenueKind = Field("other", description="Nature of the revenue.")

    @field_validator("account")
    @classmethod
    def check_produit_account(cls, account: str | None) -> str | None:
        """A revenue line's account is a produit account (class 7)."""
        if account is not None and not account.startswith("7"):
            raise ValueError(
                f"a revenue line's account is a produit account (70 to 79), got '{account}'"
            )
        return account


class CostLine(_Line):
    """Money an activity spends (paid to ``to``, the market when omitted)."""

    payee: Id = Field(
        MARKET,
        alias="to",
        description="Who is paid: an actor, member or the shared entity id; 'market' when omitted.",
    )
    kind: CostKind = Field("other", description="Nature of the cost.")

    @field_validator("account")
    @classmethod
    def check_charge_account(cls, account: str | None) -> str | None:
        """A cost line's account is a charge account (class 6)."""
        if account is not None and not account.startswith("6"):
            raise ValueError(
                f"a cost line's account is a charge account (60 to 69), got '{account}'"
            )
        return account


class WorkLine(Part):
    """Hours one member puts into one activity."""

    member: Id = Field(description="The member whose staff or volunteers do the work.")
    paid_hours: Yearly = _yearly(
        "Hours of paid staff, paid by the member (its employer).",
        "hours per period",
        default=0.0,
    )
    volunteer_hours: Yearly = _yearly(
        "Volunteer hours (no cash cost, valued apart).", "hours per period", default=0.0
    )
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
    replacement_hourly_cost_eur: Yearly | None = _yearly(
        "Price of one hour bought from the market to replace these hours "
        "(default: the cooperation's, else the member's hourly cost).",
        "currency",
        default=None,
    )

    @model_validator(mode="after")
    def check_work_line_has_hours(self) -> WorkLine:
        """A work line gives some hours, and only paid hours can be reimbursed."""
        paid, volunteer = as_years(self.paid_hours), as_years(self.volunteer_hours)
        if not any(paid) and not any(volunteer):
            raise ValueError("a work line needs paid_hours or volunteer_hours above 0")
        if self.reimbursed and not any(paid):
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
    amount_eur: Yearly | None = _yearly(
        "Value per period (optional for intangible flows).", "currency", default=None
    )
    account: Account | None = Field(
        None,
        description="A money flow's account in the funders' budget: a produit account (7...) "
        "for the member or shared entity that receives it, a charge account (6...) for the "
        "one that gives it; default: 74 from a funder or public actor, 75 otherwise, 65 given.",
    )
    description: str | None = Field(None, description="Free text.")
    paid: Schedule | None = Field(
        None,
        description="When a money flow moves (cash plan), as for lines; default: evenly "
        "over the 12 months.",
        json_schema_extra=_payment_schema("month and fraction of the year's amount"),
    )
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
    paid_month: int = Field(
        6,
        ge=1,
        le=12,
        strict=True,
        description="Month of the following year in which each member's share of a "
        "year's result is paid (cash plan).",
        json_schema_extra={"unit": "month (1-12)"},
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
