"""The budget a funder asks for: charges, produits and contributions in kind (DOMAIN Part 4).

One budget per member, one for the shared entity and one for the action (the
cooperation consolidated), for one evaluated year. Every amount is a
:class:`BudgetLine` that says where it comes from, so that a page can open a class
and show the lines behind it. A party's budget adds up to its result in the
evaluation: a member's cash result (its share of the shared result included:
755 received, 655 covered), the shared entity's result before its reserve, the
action's collective result (internal lines, hours paid back, money flows between
insiders and shares cancel). Contributions in kind are counted where the work is
done: volunteer hours and unreimbursed paid hours in the budget of the activity's
carrier, an in-kind flow in its receiver's; 86 = 87 by construction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from bm3c.engine import chart_of_accounts as chart
from bm3c.engine.evaluate import Evaluation, evaluate
from bm3c.model import Cooperation, Scenario
from bm3c.model.parts import FUNDER_KINDS, Flow

__all__ = [
    "ACTION",
    "Budget",
    "BudgetLine",
    "FunderShare",
    "YearBudgets",
    "budgets_of",
    "cooperation_budgets",
    "plan_budgets",
]

#: The ``party`` of the action's budget (the cooperation consolidated).
ACTION = "action"

#: Where an amount comes from: a line of an activity (``line``), the other side of an
#: internal line (``internal``), paid hours (``staff``), hours paid back
#: (``reimbursement``), a flow (``flow``), a share of the shared result (``share``),
#: volunteer hours (``volunteering``), another member's unreimbursed paid hours
#: (``hours_given``).
Origin = Literal[
    "line", "internal", "staff", "reimbursement", "flow", "share", "volunteering", "hours_given"
]


@dataclass(frozen=True)
class BudgetLine:
    """One amount of a budget and what it comes from.

    Attributes:
        account: Its account number (``6132``, ``64``, ``74``).
        amount_eur: The amount, ≥ 0 but for a negative line a file cannot hold.
        origin: What kind of amount it is (see :data:`Origin`).
        label: The label of the line or flow as written; empty for hours and shares.
        activity: The activity it belongs to, if any.
        counterparty: The other party (the funder of a subsidy, the payer, the payee).
        member: The member whose staff or volunteers did the hours.
        hours: The hours behind it (staff, volunteering, hours given or paid back).

    """

    account: str
    amount_eur: float
    origin: Origin
    label: str = ""
    activity: str | None = None
    counterparty: str | None = None
    member: str | None = None
    hours: float | None = None

    @property
    def account_class(self) -> str:
        """Its class on the form (``61`` for ``6132``)."""
        return chart.account_class(self.account)

    def on(self, account: str, counterparty: str | None = None) -> BudgetLine:
        """The same amount on another account (and with another counterparty, if given)."""
        return BudgetLine(
            account,
            self.amount_eur,
            self.origin,
            self.label,
            self.activity,
            self.counterparty if counterparty is None else counterparty,
            self.member,
            self.hours,
        )


@dataclass(frozen=True)
class FunderShare:
    """What one funder finances of one budget.

    ``rate`` is against the budget's charges, ``rate_with_volunteering`` against its
    charges plus its class 86; the funder counts the second when it counts
    volunteering (``counts_volunteering``), and a cap (``max_rate``) applies to the
    rate it counts. Rates are None for a budget without charges.
    """

    id: str
    amount_eur: float
    rate: float | None
    rate_with_volunteering: float | None
    counts_volunteering: bool
    max_rate: float | None

    @property
    def counted_rate(self) -> float | None:
        """The rate the funder itself counts."""
        return self.rate_with_volunteering if self.counts_volunteering else self.rate

    @property
    def over_max_rate(self) -> bool:
        """True when the counted rate goes above the funder's cap."""
        counted = self.counted_rate
        return self.max_rate is not None and counted is not None and counted > self.max_rate + 1e-9


@dataclass(frozen=True)
class Budget:
    """The budget of one party (or of the action) for one year.

    Charges + result = produits, and 86 = 87 (the uses and the resources in kind).
    """

    party: str
    year: int | None
    charges: tuple[BudgetLine, ...]
    produits: tuple[BudgetLine, ...]
    uses_in_kind: tuple[BudgetLine, ...]
    resources_in_kind: tuple[BudgetLine, ...]
    funders: tuple[FunderShare, ...] = field(default=())
    is_action: bool = False

    @property
    def charges_total_eur(self) -> float:
        """Total charges (classes 6)."""
        return sum(line.amount_eur for line in self.charges)

    @property
    def produits_total_eur(self) -> float:
        """Total produits (classes 7)."""
        return sum(line.amount_eur for line in self.produits)

    @property
    def result_eur(self) -> float:
        """Produits − charges: the party's result (the action's: the collective result)."""
        return self.produits_total_eur - self.charges_total_eur

    @property
    def uses_in_kind_eur(self) -> float:
        """Class 86: contributions in kind, as used."""
        return sum(line.amount_eur for line in self.uses_in_kind)

    @property
    def resources_in_kind_eur(self) -> float:
        """Class 87: contributions in kind, as resources (equal to class 86)."""
        return sum(line.amount_eur for line in self.resources_in_kind)

    def charges_by_class(self) -> dict[str, float]:
        """Total per charge class: 60 to 68 always, other classes when used."""
        return _by_class(self.charges, chart.CHARGE_CLASSES)

    def produits_by_class(self) -> dict[str, float]:
        """Total per produit class: 70, 74, 75 and 77 always, other classes when used."""
        return _by_class(self.produits, chart.PRODUIT_CLASSES)

    def subsidies(self) -> dict[str, float]:
        """Class 74, one total per payer, largest first."""
        totals: dict[str, float] = {}
        for line in self.produits:
            if line.account_class == chart.SUBSIDY:
                key = line.counterparty or "market"
                totals[key] = totals.get(key, 0.0) + line.amount_eur
        return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0])))

    def lines_of(
        self, side: Literal["charges", "produits", "86", "87"], cls: str
    ) -> tuple[BudgetLine, ...]:
        """The lines behind one class of one side (``cls`` ``""`` for every line)."""
        lines = {
            "charges": self.charges,
            "produits": self.produits,
            "86": self.uses_in_kind,
            "87": self.resources_in_kind,
        }[side]
        return tuple(line for line in lines if line.account.startswith(cls))


def _by_class(lines: Iterable[BudgetLine], always: Sequence[str]) -> dict[str, float]:
    totals = dict.fromkeys(always, 0.0)
    for line in lines:
        totals[line.account_class] = totals.get(line.account_class, 0.0) + line.amount_eur
    return dict(sorted(totals.items()))


@dataclass(frozen=True)
class YearBudgets:
    """Every budget of one evaluated year: each member's, the shared entity's, the action's."""

    year: int | None
    scenario: str
    members: tuple[Budget, ...]
    shared_entity: Budget
    action: Budget

    @property
    def all(self) -> tuple[Budget, ...]:
        """Members (file order), the shared entity, the action."""
        return (*self.members, self.shared_entity, self.action)

    def of(self, party: str) -> Budget:
        """The budget of a member, of the shared entity, or of the action (:data:`ACTION`)."""
        if party == ACTION:
            return self.action
        return next(b for b in (*self.members, self.shared_entity) if b.party == party)


class _Book:
    """The lines of every party's budget, collected in one walk of the model."""

    def __init__(self, parties: Iterable[str]) -> None:
        self.charges: dict[str, list[BudgetLine]] = {p: [] for p in parties}
        self.produits: dict[str, list[BudgetLine]] = {p: [] for p in self.charges}
        self.uses: dict[str, list[BudgetLine]] = {p: [] for p in self.charges}
        self.resources: dict[str, list[BudgetLine]] = {p: [] for p in self.charges}

    def charge(self, party: str, line: BudgetLine) -> None:
        if line.amount_eur:
            self.charges[party].append(line)

    def produit(self, party: str, line: BudgetLine) -> None:
        if line.amount_eur:
            self.produits[party].append(line)

    def in_kind(self, party: str, use: BudgetLine, resource_account: str) -> None:
        """A contribution in kind: the same amount as used (86) and as a resource (87)."""
        if use.amount_eur:
            self.uses[party].append(use)
            self.resources[party].append(use.on(resource_account))


def budgets_of(ev: Evaluation, year: int | None = None) -> YearBudgets:
    """The budgets of one evaluated year (the model ``ev`` evaluated, scenario applied).

    A member that left in the scenario has no budget here: the budgets are those of
    the group that goes on.
    """
    coop = ev.model
    shared = coop.shared_entity.id
    insiders = (*coop.member_ids, shared)
    book = _Book((*insiders, ACTION))
    _activities(coop, book)
    _flows(coop, book)
    for m in ev.members:
        if not m.in_cooperation:
            continue
        share = m.shared_share_eur
        if share > 0:
            book.produit(
                m.id, BudgetLine(chart.SHARE_RECEIVED, share, "share", counterparty=shared)
            )
        elif share < 0:
            book.charge(m.id, BudgetLine(chart.SHARE_COVERED, -share, "share", counterparty=shared))

    def budget(party: str, *, is_action: bool = False) -> Budget:
        made = Budget(
            party=party,
            year=year,
            charges=tuple(book.charges[party]),
            produits=tuple(book.produits[party]),
            uses_in_kind=tuple(book.uses[party]),
            resources_in_kind=tuple(book.resources[party]),
            is_action=is_action,
        )
        return _with_funders(made, coop)

    return YearBudgets(
        year=year,
        scenario=ev.scenario,
        members=tuple(budget(m) for m in coop.member_ids),
        shared_entity=budget(shared),
        action=budget(ACTION, is_action=True),
    )


def _activities(coop: Cooperation, book: _Book) -> None:
    """Lines, paid hours, hours paid back and hours given of every activity."""
    insiders = {*coop.member_ids, coop.shared_entity.id}
    members = {m.id: m for m in coop.members}
    for a in coop.activities:
        carrier = a.carrier
        for line in a.revenues:
            amount = line.total_eur
            own = BudgetLine(
                chart.revenue_account(line), amount, "line", line.label, a.id, line.payer
            )
            book.produit(carrier, own)
            if line.payer in insiders:
                book.charge(
                    line.payer,
                    BudgetLine(
                        chart.payer_account(line), amount, "internal", line.label, a.id, carrier
                    ),
                )
            else:
                book.produit(ACTION, own)
        for cost in a.costs:
            amount = cost.total_eur
            own = BudgetLine(chart.cost_account(cost), amount, "line", cost.label, a.id, cost.payee)
            book.charge(carrier, own)
            if cost.payee in insiders:
                book.produit(
                    cost.payee,
                    BudgetLine(
                        chart.payee_account(cost), amount, "internal", cost.label, a.id, carrier
                    ),
                )
            else:
                book.charge(ACTION, own)
        for w in a.work:
            member = members[w.member]
            wages = w.paid_hours * member.hourly_cost_eur
            staff = BudgetLine(
                chart.STAFF, wages, "staff", activity=a.id, member=w.member, hours=w.paid_hours
            )
            book.charge(w.member, staff)
            book.charge(ACTION, staff)
            volunteering = BudgetLine(
                chart.VOLUNTEERING_USE,
                w.volunteer_hours * coop.volunteer_hour_value(member),
                "volunteering",
                activity=a.id,
                member=w.member,
                hours=w.volunteer_hours,
            )
            book.in_kind(carrier, volunteering, chart.VOLUNTEERING_RESOURCE)
            book.in_kind(ACTION, volunteering, chart.VOLUNTEERING_RESOURCE)
            if w.member == carrier:
                continue
            if w.reimbursed:
                back = BudgetLine(
                    chart.REIMBURSEMENT_PAID,
                    wages,
                    "reimbursement",
                    activity=a.id,
                    counterparty=w.member,
                    member=w.member,
                    hours=w.paid_hours,
                )
                book.charge(carrier, back)
                book.produit(w.member, back.on(chart.REIMBURSEMENT_RECEIVED, carrier))
            else:
                given = BudgetLine(
                    chart.IN_KIND_USE,
                    wages,
                    "hours_given",
                    activity=a.id,
                    counterparty=w.member,
                    member=w.member,
                    hours=w.paid_hours,
                )
                book.in_kind(carrier, given, chart.IN_KIND_RESOURCE)


def _flows(coop: Cooperation, book: _Book) -> None:
    """Money flows (74 from a funder, 75 otherwise; 65 given) and in-kind flows (861/871)."""
    insiders = {*coop.member_ids, coop.shared_entity.id}
    funders = {a.id for a in coop.actors if a.kind in FUNDER_KINDS}
    for f in coop.flows:
        if f.amount_eur is None or f.kind == "intangible" or not f.amount_eur:
            continue
        if f.kind == "in_kind":
            if f.target in insiders:
                use = BudgetLine(
                    chart.IN_KIND_USE, f.amount_eur, "flow", f.label, counterparty=f.source
                )
                book.in_kind(f.target, use, chart.IN_KIND_RESOURCE)
                if f.source not in insiders:
                    book.in_kind(ACTION, use, chart.IN_KIND_RESOURCE)
            continue
        for party, line, outside in _money_flow_lines(f, insiders, funders):
            add = book.produit if line.account.startswith("7") else book.charge
            add(party, line)
            if outside:
                add(ACTION, line)


def _money_flow_lines(
    f: Flow, insiders: set[str], funders: set[str]
) -> Iterator[tuple[str, BudgetLine, bool]]:
    """Each insider end of a money flow: (party, its line, whether the other end is outside)."""
    assert f.amount_eur is not None
    given = f.account if f.account and f.account.startswith("6") else None
    received = f.account if f.account and f.account.startswith("7") else None
    if f.target in insiders:
        account = received or (chart.SUBSIDY if f.source in funders else chart.FLOW_RECEIVED)
        line = BudgetLine(account, f.amount_eur, "flow", f.label, counterparty=f.source)
        yield f.target, line, f.source not in insiders
    if f.source in insiders:
        account = given or chart.FLOW_GIVEN
        line = BudgetLine(account, f.amount_eur, "flow", f.label, counterparty=f.target)
        yield f.source, line, f.target not in insiders


def _with_funders(budget: Budget, coop: Cooperation) -> Budget:
    """The budget with the share of each funder or public actor that finances it (class 74)."""
    subsidies = budget.subsidies()
    charges = budget.charges_total_eur
    with_volunteering = charges + budget.uses_in_kind_eur
    shares = tuple(
        FunderShare(
            id=actor.id,
            amount_eur=subsidies[actor.id],
            rate=subsidies[actor.id] / charges if charges > 0 else None,
            rate_with_volunteering=(
                subsidies[actor.id] / with_volunteering if with_volunteering > 0 else None
            ),
            counts_volunteering=actor.counts_volunteering,
            max_rate=actor.max_rate,
        )
        for actor in coop.actors
        if actor.kind in FUNDER_KINDS and subsidies.get(actor.id, 0.0) > 0
    )
    return replace(budget, funders=tuple(sorted(shares, key=lambda s: (-s.amount_eur, s.id))))


def cooperation_budgets(
    coop: Cooperation, scenario: str | Scenario | None = None, year: int = 0
) -> YearBudgets:
    """The budgets of plan year ``year`` (0 = first) of the base or of a scenario.

    Raises:
        UnknownScenarioError, ScenarioError: for a scenario that cannot be applied.

    """
    calendar = coop.start_year + year if coop.start_year is not None else None
    return budgets_of(evaluate(coop, scenario, year), calendar)


def plan_budgets(
    coop: Cooperation, scenario: str | Scenario | None = None
) -> tuple[YearBudgets, ...]:
    """The budgets of every plan year (one for a model without a plan)."""
    return tuple(cooperation_budgets(coop, scenario, y) for y in range(coop.years))
