"""Checks across parts of a model: ids, references, labels, sharing weights.

Each check is named after the problem it finds and returns located
:class:`~bm3c.errors.Problem` s. They run on a :class:`Draft`, so that they can
also look at the well-formed parts of a file whose other parts are broken and
report every problem at once.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from bm3c.errors import Problem
from bm3c.model.parts import (
    MARKET,
    Activity,
    Actor,
    CostLine,
    Flow,
    Id,
    Indicator,
    Investment,
    Member,
    Plan,
    RevenueLine,
    Scenario,
    SharedEntity,
    Sharing,
    WorkLine,
)
from bm3c.rules import RULES

if TYPE_CHECKING:
    from bm3c.model.cooperation import Cooperation

__all__ = ["Draft", "find_problems", "find_warnings", "suggest"]

P = TypeVar("P", bound=BaseModel)
_ID: TypeAdapter[str] = TypeAdapter(Id)


@dataclass(frozen=True)
class ActivityDraft:
    """The well-formed parts of one activity, lines and work lines with their positions."""

    id: str
    carrier: str | None
    revenues: tuple[tuple[int, RevenueLine], ...]
    costs: tuple[tuple[int, CostLine], ...]
    work: tuple[tuple[int, WorkLine], ...]
    requires: tuple[str, ...] | None

    @classmethod
    def of(cls, a: Activity) -> ActivityDraft:
        """The draft of a validated activity."""
        return cls(
            a.id,
            a.carrier,
            tuple(enumerate(a.revenues)),
            tuple(enumerate(a.costs)),
            tuple(enumerate(a.work)),
            a.requires,
        )

    @classmethod
    def salvage(cls, raw: Any) -> ActivityDraft | None:
        """The parts of a raw activity that validate on their own."""
        if not isinstance(raw, Mapping):
            return None
        try:
            return cls.of(Activity.model_validate(raw))
        except ValidationError:
            pass
        ident = _valid_id(raw.get("id"))
        if ident is None:
            return None
        requires = raw.get("requires")
        return cls(
            id=ident,
            carrier=_valid_id(raw.get("carrier")),
            revenues=_valid_items(RevenueLine, raw.get("revenues")),
            costs=_valid_items(CostLine, raw.get("costs")),
            work=_valid_items(WorkLine, raw.get("work")),
            requires=tuple(requires)
            if isinstance(requires, list) and all(_valid_id(r) for r in requires)
            else None,
        )


def _valid_id(value: Any) -> str | None:
    try:
        return _ID.validate_python(value)
    except ValidationError:
        return None


def _valid_one(model: type[P], raw: Any) -> P | None:
    try:
        return model.model_validate(raw)
    except ValidationError:
        return None


def _valid_items(model: type[P], raw: Any) -> tuple[tuple[int, P], ...]:
    if not isinstance(raw, list):
        return ()
    items = ((i, _valid_one(model, item)) for i, item in enumerate(raw))
    return tuple((i, item) for i, item in items if item is not None)


@dataclass(frozen=True)
class Draft:
    """The parts of a model that are well-formed on their own, with their positions."""

    shared_entity: SharedEntity | None
    members: tuple[tuple[int, Member], ...]
    actors: tuple[tuple[int, Actor], ...]
    activities: tuple[ActivityDraft, ...]
    flows: tuple[tuple[int, Flow], ...]
    sharing: Sharing | None
    indicators: tuple[tuple[int, Indicator], ...]
    scenarios: tuple[tuple[int, Scenario], ...]
    member_ids: tuple[str, ...]
    shared_entity_id: str | None
    plan: Plan | None = None
    investments: tuple[tuple[int, Investment], ...] = ()
    opening_cash: tuple[str, ...] = ()  # the parties given an opening cash
    replacement_years: int = 1  # values of the cooperation's replacement_hourly_cost_eur

    @classmethod
    def of(cls, coop: Cooperation) -> Draft:
        """The draft of a fully validated cooperation."""
        return cls(
            shared_entity=coop.shared_entity,
            members=tuple(enumerate(coop.members)),
            actors=tuple(enumerate(coop.actors)),
            activities=tuple(ActivityDraft.of(a) for a in coop.activities),
            flows=tuple(enumerate(coop.flows)),
            sharing=coop.sharing,
            indicators=tuple(enumerate(coop.indicators)),
            scenarios=tuple(enumerate(coop.scenarios)),
            member_ids=tuple(m.id for m in coop.members),
            shared_entity_id=coop.shared_entity.id,
            plan=coop.plan,
            investments=tuple(enumerate(coop.investments)),
            opening_cash=tuple(coop.opening_cash_eur),
            replacement_years=_count(coop.replacement_hourly_cost_eur),
        )

    @classmethod
    def salvage(cls, data: Mapping[str, Any]) -> Draft:
        """The parts of raw file data that validate one by one (for a broken file)."""
        raw_members = data.get("members")
        raw_activities = data.get("activities")
        activities = (
            (ActivityDraft.salvage(a) for a in raw_activities)
            if isinstance(raw_activities, list)
            else iter(())
        )
        return cls(
            shared_entity=_valid_one(SharedEntity, data.get("shared_entity")),
            members=_valid_items(Member, raw_members),
            actors=_valid_items(Actor, data.get("actors")),
            activities=tuple(a for a in activities if a is not None),
            flows=_valid_items(Flow, data.get("flows")),
            sharing=_valid_one(Sharing, data.get("sharing", {})),
            indicators=_valid_items(Indicator, data.get("indicators")),
            scenarios=_valid_items(Scenario, data.get("scenarios")),
            member_ids=tuple(_raw_ids(raw_members)) if isinstance(raw_members, list) else (),
            shared_entity_id=_valid_id(_get(data.get("shared_entity"), "id")),
            plan=_valid_one(Plan, data.get("plan")),
            investments=_valid_items(Investment, data.get("investments")),
            opening_cash=tuple(str(k) for k in opening)
            if isinstance(opening := data.get("opening_cash_eur"), Mapping)
            else (),
            replacement_years=_count(data.get("replacement_hourly_cost_eur")),
        )

    @property
    def carrier_ids(self) -> list[str]:
        """Ids that may carry an activity: members and the shared entity."""
        shared = [self.shared_entity_id] if self.shared_entity_id else []
        return [*self.member_ids, *shared]

    @property
    def party_ids(self) -> list[str]:
        """Ids that may stand on either side of a line or flow."""
        return [*self.carrier_ids, *(a.id for _, a in self.actors), MARKET]


def _count(value: Any) -> int:
    """How many yearly values a number gives (1 for a single number)."""
    return len(value) if isinstance(value, list | tuple) else 1


def _get(raw: Any, key: str) -> Any:
    return raw.get(key) if isinstance(raw, Mapping) else None


def _raw_ids(items: list[Any]) -> Iterator[str]:
    for item in items:
        ident = _valid_id(_get(item, "id"))
        if ident is not None:
            yield ident


def suggest(name: str, known: Iterable[str]) -> str:
    """A hint listing the known names, the closest first, for an unknown ``name``."""
    known = sorted(set(known))
    close = difflib.get_close_matches(name, known, n=1)
    listed = ", ".join(known) if len(known) <= 12 else ", ".join(known[:12]) + ", ..."
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"(known: {listed or 'none'}{hint})"


def _duplicates(values: Iterable[str]) -> set[str]:
    return {v for v, n in Counter(values).items() if n > 1}


def check_for_too_few_members(d: Draft) -> Iterator[Problem]:
    """A cooperation needs at least two members."""
    count = len(d.member_ids)
    if count < 2:
        yield Problem("members", f"a cooperation needs at least 2 members, found {count}")


def check_for_duplicate_ids(d: Draft) -> Iterator[Problem]:
    """Ids are unique across members, shared entity, actors and activities; 'market' is reserved."""
    located: list[tuple[str, str]] = [(f"members.{m}", m) for m in d.member_ids]
    if d.shared_entity_id:
        located.append(("shared_entity.id", d.shared_entity_id))
    located += [(f"actors.{a.id}", a.id) for _, a in d.actors]
    located += [(f"activities.{a.id}", a.id) for a in d.activities]
    seen: dict[str, str] = {}
    for path, ident in located:
        if ident == MARKET:
            yield Problem(
                path, "'market' is reserved for the anonymous outside world; choose another id"
            )
        elif ident in seen:
            other = "another item there" if seen[ident] == path else seen[ident]
            yield Problem(
                path,
                f"duplicate id '{ident}' (also used by {other}): ids are unique "
                "across members, shared entity, actors and activities",
            )
        else:
            seen[ident] = path
    for position, ids in (
        ("indicators", [i.id for _, i in d.indicators]),
        ("scenarios", [s.id for _, s in d.scenarios]),
    ):
        for dup in sorted(_duplicates(ids)):
            yield Problem(f"{position}.{dup}", f"duplicate id '{dup}'")


def check_for_unknown_carriers(d: Draft) -> Iterator[Problem]:
    """Every activity is carried by a member or by the shared entity."""
    carriers = d.carrier_ids
    for a in d.activities:
        if a.carrier is not None and a.carrier not in carriers:
            yield Problem(
                f"activities.{a.id}.carrier",
                f"unknown carrier '{a.carrier}', neither a member nor the shared "
                "entity " + suggest(a.carrier, carriers),
            )


def check_for_bad_line_counterparties(d: Draft) -> Iterator[Problem]:
    """Lines name known counterparties, never their own carrier; labels are unique per side."""
    parties = d.party_ids
    for a in d.activities:
        sides: list[tuple[str, Sequence[tuple[int, Any]], str]] = [
            ("revenues", a.revenues, "from"),
            ("costs", a.costs, "to"),
        ]
        for side, lines, key in sides:
            for i, line in lines:
                other = line.payer if side == "revenues" else line.payee
                path = f"activities.{a.id}.{side}[{i}].{key}"
                if other not in parties:
                    yield Problem(
                        path,
                        f"unknown {'payer' if key == 'from' else 'payee'} "
                        f"'{other}' " + suggest(other, parties),
                    )
                elif other == a.carrier:
                    yield Problem(
                        path,
                        f"'{other}' carries this activity: a line cannot be "
                        "paid by or to its own carrier",
                    )
            for dup in sorted(_duplicates(line.label for _, line in lines)):
                yield Problem(
                    f"activities.{a.id}.{side}",
                    f"two lines with the label '{dup}': labels must be unique",
                )


def check_for_bad_work_lines(d: Draft) -> Iterator[Problem]:
    """Work lines name known members, one line per member and activity."""
    members = list(d.member_ids)
    for a in d.activities:
        seen: set[str] = set()
        for i, w in a.work:
            path = f"activities.{a.id}.work[{i}].member"
            if w.member not in members:
                yield Problem(path, f"unknown member '{w.member}' " + suggest(w.member, members))
            elif w.member in seen:
                yield Problem(
                    path,
                    f"second work line for '{w.member}': put all its hours on "
                    "this activity in one line",
                )
            seen.add(w.member)


def check_for_bad_requires(d: Draft) -> Iterator[Problem]:
    """``requires`` lists known members, each once, and is not empty."""
    members = list(d.member_ids)
    for a in d.activities:
        if a.requires is not None:
            yield from _requires_problems(f"activities.{a.id}.requires", a.requires, members)


def _requires_problems(
    where: str, requires: tuple[str, ...], members: list[str]
) -> Iterator[Problem]:
    """A ``requires`` list that is empty, names an unknown member or one member twice."""
    if not requires:
        yield Problem(where, "empty list: name at least one member, or leave requires out")
    for i, m in enumerate(requires):
        if m not in members:
            yield Problem(f"{where}[{i}]", f"unknown member '{m}' " + suggest(m, members))
    for dup in sorted(_duplicates(requires)):
        yield Problem(where, f"'{dup}' is listed twice")


def check_for_bad_apart(d: Draft) -> Iterator[Problem]:
    """``apart`` stands on lines and flows between two insiders only.

    A line with an outside actor or the market already has its counterparty in every
    world; a policy on it would say nothing.
    """
    inside = set(d.carrier_ids)
    message = (
        "'apart' is for a line between two insiders (members, shared entity): "
        "'{end}' is outside the cooperation"
    )
    for a in d.activities:
        revenues = [(f"revenues[{i}]", line.payer, line.apart) for i, line in a.revenues]
        costs = [(f"costs[{i}]", line.payee, line.apart) for i, line in a.costs]
        for where, other, apart in revenues + costs:
            if apart is not None and other not in inside:
                yield Problem(f"activities.{a.id}.{where}.apart", message.format(end=other))
    for i, f in d.flows:
        if f.apart is None:
            continue
        outside = [end for end in (f.source, f.target) if end not in inside]
        if outside:
            yield Problem(f"flows[{i}].apart", message.format(end=outside[0]))


def check_for_bad_flow_requires(d: Draft) -> Iterator[Problem]:
    """A flow's ``requires`` joins an outside actor and the shared entity, names known members."""
    members = list(d.member_ids)
    inside = set(d.carrier_ids)
    for i, f in d.flows:
        if f.requires is None:
            continue
        ends = {f.source, f.target}
        if d.shared_entity_id not in ends or not (ends - inside):
            yield Problem(
                f"flows[{i}].requires",
                "'requires' is for a flow between an outside actor and the shared entity "
                "(a flow with a member lasts as long as that member is there)",
            )
        yield from _requires_problems(f"flows[{i}].requires", f.requires, members)


def check_for_bad_flows(d: Draft) -> Iterator[Problem]:
    """Flows join known parties, at least one inside the cooperation; labels are unique."""
    parties = d.party_ids
    inside = set(d.carrier_ids)
    for i, f in d.flows:
        bad_end = False
        for key, end in (("from", f.source), ("to", f.target)):
            if end not in parties:
                bad_end = True
                yield Problem(
                    f"flows[{i}].{key}", f"unknown party '{end}' " + suggest(end, parties)
                )
        if bad_end:
            continue
        if f.source == f.target:
            yield Problem(f"flows[{i}]", f"'from' and 'to' are both '{f.source}'")
        elif f.source not in inside and f.target not in inside:
            yield Problem(
                f"flows[{i}]",
                "both ends are outside the cooperation: a flow goes to "
                "or from a member or the shared entity",
            )
    for dup in sorted(_duplicates(f.label for _, f in d.flows)):
        yield Problem("flows", f"two flows with the label '{dup}': labels must be unique")


def _reads_weights(rule: str) -> bool:
    return rule in RULES and RULES[rule].needs_weights


def check_for_bad_sharing(d: Draft) -> Iterator[Problem]:
    """Sharing rules are available; weights cover every member when a rule reads them."""
    s = d.sharing
    if s is None:
        return
    for side in ("surplus", "deficit"):
        rule = getattr(s, side)
        limit = RULES[rule].max_members if rule in RULES else None
        if limit is not None and len(d.member_ids) > limit:
            yield Problem(
                f"sharing.{side}",
                f"'{rule}' is computed for up to {limit} members, this model has "
                f"{len(d.member_ids)}; choose another rule (the Fairness page and "
                "bm3c game compare the allocations for larger cooperations)",
            )
    members = list(d.member_ids)
    weights = s.weights or {}
    for key in sorted(weights):
        if key not in members:
            yield Problem(
                f"sharing.weights.{key}", f"unknown member '{key}' " + suggest(key, members)
            )
    weighted = [rule for rule in (s.surplus, s.deficit) if _reads_weights(rule)]
    if weighted:
        if s.weights is None:
            yield Problem("sharing.weights", f"{weighted[0]} needs a weight for every member")
            return
        missing = [m for m in members if m not in weights]
        if missing:
            yield Problem(
                "sharing.weights",
                "no weight for " + ", ".join(missing) + ": give every member a weight (0 allowed)",
            )
        elif not any(weights.values()):
            yield Problem(
                "sharing.weights",
                "all weights are zero: give at least one member a positive weight",
            )


YEARLY_FIELDS = (
    "amount_eur",
    "quantity",
    "unit_price_eur",
    "paid_hours",
    "volunteer_hours",
    "hourly_cost_eur",
    "capacity_hours",
    "replacement_hourly_cost_eur",
)
"""The numbers that may vary year by year (DOMAIN Part 3): a list gives one per year."""


def _yearly_values(d: Draft) -> Iterator[tuple[str, Any]]:
    """(path, item) of every part holding yearly numbers."""
    for _, m in d.members:
        yield f"members.{m.id}", m
    for a in d.activities:
        for side, lines in (("revenues", a.revenues), ("costs", a.costs)):
            for i, line in lines:
                yield f"activities.{a.id}.{side}[{i}]", line
        for i, w in a.work:
            yield f"activities.{a.id}.work[{i}]", w
    for i, f in d.flows:
        yield f"flows[{i}]", f


def check_for_bad_yearly_lists(d: Draft) -> Iterator[Problem]:
    """A list of yearly numbers has exactly one number per plan year."""
    years = d.plan.years if d.plan is not None else 1
    span = (
        f"the {years}-year plan ({d.plan.start_year}–{d.plan.start_year + years - 1})"
        if d.plan is not None and years > 1
        else "a one-year plan (add plan: {start_year, years} for several years)"
    )

    def wrong(path: str, count: int) -> Problem:
        return Problem(
            path,
            f"{count} values for {span}: give one value per year, or a single number "
            "for every year",
        )

    for where, part in _yearly_values(d):
        for name, value in vars(part).items():  # its fields (getattr of a missing one is slow)
            if type(value) is tuple and name in YEARLY_FIELDS and len(value) not in (1, years):
                yield wrong(f"{where}.{name}", len(value))
    if d.replacement_years not in (1, years):
        yield wrong("replacement_hourly_cost_eur", d.replacement_years)


def check_for_bad_investments(d: Draft) -> Iterator[Problem]:
    """Investments are bought within the plan by a member or the shared entity."""
    years = d.plan.years if d.plan is not None else 1
    carriers = d.carrier_ids
    for i, inv in d.investments:
        where = f"investments[{i}]"
        if inv.carrier not in carriers:
            yield Problem(
                f"{where}.carrier",
                f"unknown carrier '{inv.carrier}', neither a member nor the shared "
                "entity " + suggest(inv.carrier, carriers),
            )
        if inv.year > years:
            yield Problem(
                f"{where}.year",
                f"year {inv.year} is after the plan's last year ({years})",
            )
        grantors = [*(a.id for _, a in d.actors), MARKET]
        if inv.grantor not in grantors:
            yield Problem(
                f"{where}.from",
                f"unknown grantor '{inv.grantor}': an investment grant comes from an outside "
                "actor " + suggest(inv.grantor, grantors),
            )
    taken = {*d.carrier_ids, *(a.id for _, a in d.actors), *(a.id for a in d.activities)}
    for i, inv in d.investments:
        if inv.id in taken:
            yield Problem(
                f"investments[{i}].id",
                f"duplicate id '{inv.id}': ids are unique across members, shared entity, "
                "actors, activities and investments",
            )
    for dup in sorted(_duplicates(inv.id for _, inv in d.investments)):
        yield Problem("investments", f"two investments with the id '{dup}'")


def check_for_bad_opening_cash(d: Draft) -> Iterator[Problem]:
    """Opening cash is given to members and the shared entity."""
    carriers = d.carrier_ids
    for party in d.opening_cash:
        if party not in carriers:
            yield Problem(
                f"opening_cash_eur.{party}",
                f"unknown party '{party}': opening cash is for members and the shared "
                "entity " + suggest(party, carriers),
            )


CHECKS: tuple[Callable[[Draft], Iterator[Problem]], ...] = (
    check_for_too_few_members,
    check_for_duplicate_ids,
    check_for_unknown_carriers,
    check_for_bad_line_counterparties,
    check_for_bad_work_lines,
    check_for_bad_requires,
    check_for_bad_flows,
    check_for_bad_apart,
    check_for_bad_flow_requires,
    check_for_bad_sharing,
    check_for_bad_yearly_lists,
    check_for_bad_investments,
    check_for_bad_opening_cash,
)


def find_problems(draft: Draft) -> list[Problem]:
    """Every cross-part problem of a draft, in check order."""
    return [p for check in CHECKS for p in check(draft)]


def find_warnings(coop: Cooperation) -> list[Problem]:
    """Things worth a look that do not make the model invalid."""
    warnings: list[Problem] = []
    carriers = {a.carrier for a in coop.activities}
    workers = {w.member for a in coop.activities for w in a.work}
    givers = {f.source for f in coop.flows}
    payers = {line.payer for a in coop.activities for line in a.revenues}
    for m in coop.members:
        if m.id not in carriers | workers | givers | payers:
            warnings.append(
                Problem(
                    f"members.{m.id}",
                    "carries no activity and contributes nothing (no work, flow or payment)",
                )
            )
    declared = {i.id for i in coop.indicators}
    if declared:
        for a in coop.activities:
            for key in sorted(set(a.impacts) - declared):
                warnings.append(
                    Problem(
                        f"activities.{a.id}.impacts.{key}", "impact key not declared in indicators"
                    )
                )
    s = coop.sharing
    if s.weights is not None and not any(_reads_weights(r) for r in (s.surplus, s.deficit)):
        warnings.append(
            Problem(
                "sharing.weights",
                "weights are given but neither rule is by_weights, so they are not used",
            )
        )
    return warnings
