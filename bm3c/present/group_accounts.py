"""Why would a group gain by leaving? Its accounts in a world of its own (DOMAIN Part 2).

The Fairness page and the report say « Le conservatoire du goût et Terre d'Osmose
gagneraient ensemble 3 661 € de plus à travailler sans les autres » (Passerelles, if
an hour bought on the market cost 15 €); opening that sentence shows the group's
accounts, so a facilitator can answer "why?":

- the group's value and how it is made: each member's cash result in the group's
  world (:func:`~bm3c.engine.worlds.reduce_cooperation`, evaluated), beside what
  the current sharing gives it today;
- the activities that go on and those that stop, and why;
- the hours the carriers buy from the market to replace those absent
  (:func:`~bm3c.engine.leaving.members_leave`: a group S is "everyone but N∖S leaves");
- the lines the group keeps with the market, at a price, or drops: the
  cooperation's lines beside the group's model (:func:`lines_apart`).

A group of one member is that member alone: its alone result and the assumptions
behind it (``alone_assumptions``), in the words of :mod:`bm3c.present.alone_words`.
Figures come from the engine; here they are only compared, named and formatted.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from bm3c.engine import Evaluation, evaluate
from bm3c.engine.game import flow_requires, required_members
from bm3c.engine.leaving import ReplacedHours, members_leave
from bm3c.engine.worlds import reduce_cooperation, running_activities
from bm3c.model import Cooperation
from bm3c.model.parts import MARKET, Flow
from bm3c.present.alone_words import assumption_sentence, party_names
from bm3c.present.charts_fairness import join_names
from bm3c.present.charts_scenarios import signed_money
from bm3c.texts.format import hours, money
from bm3c.texts.i18n import translate

__all__ = ["GroupAccounts", "LineApart", "group_accounts", "lines_apart"]

CENT = 0.005
"""Two amounts closer than half a cent are the same amount."""


@dataclass(frozen=True)
class LineApart:
    """A line the group has today with someone absent, and what it becomes in the group.

    Attributes:
        line: ``Activity — label`` for an activity's line, the label for a money flow.
        party: The group's side of it (id): a member of the group or the shared entity.
        other: Who it deals with today (id): an absent member, the carrier of an
            activity that stops, or the outside actor of a flow that needs absent members.
        today_eur: Its amount for ``party`` today: + received, − paid.
        group_eur: Its amount for ``party`` in the group, with the market; None when
            the group does without it.
        needs: The absent members a flow needs, when that is why it is dropped.

    """

    line: str
    party: str
    other: str
    today_eur: float
    group_eur: float | None
    needs: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class GroupAccounts:
    """The accounts of a group working without the others, in words and small tables.

    Tables are texts, in the language asked for; an empty table has no row.

    Attributes:
        members: The group's member ids, in file order.
        title: The line that opens the accounts: « Pourquoi ? A et B sans les autres :
            leurs comptes ».
        value_eur: v(S): the sum of its members' cash results in its world (for a
            single member, its alone result).
        today_eur: What the current sharing gives its members together.
        sentences: The value beside today; for two members or more, the shared
            entity's result, the activities that stop, the hours bought.
        results: Each member: today, in the group (or alone), the difference; then a
            total row for two members or more.
        activities: Each activity: its result today and in the group, or why it stops.
        replaced: The absent members' hours on activities that go on: whose, who
            buys them, hours, price, cost; a total row.
        lines: :attr:`lines_apart` in words.
        assumptions: For a single member, each assumption of its alone result in words.
        stopped: The ids of the activities that stop (file order).
        replaced_hours: The engine's figures behind :attr:`replaced`.
        lines_apart: The figures behind :attr:`lines`.

    """

    members: tuple[str, ...]
    title: str
    value_eur: float
    today_eur: float
    sentences: tuple[str, ...]
    results: pd.DataFrame
    activities: pd.DataFrame
    replaced: pd.DataFrame
    lines: pd.DataFrame
    assumptions: tuple[str, ...] = ()
    stopped: tuple[str, ...] = ()
    replaced_hours: tuple[ReplacedHours, ...] = ()
    lines_apart: tuple[LineApart, ...] = ()

    @property
    def alone(self) -> bool:
        """Whether the group is a single member (then :attr:`assumptions` say why)."""
        return len(self.members) == 1

    @property
    def gain_eur(self) -> float:
        """What the group would gain by leaving: its value minus what it gets today."""
        return self.value_eur - self.today_eur


class _Words:
    """Texts, names and money in one language and currency."""

    def __init__(self, coop: Cooperation, lang: str) -> None:
        self.coop, self.lang, self.currency = coop, lang, coop.currency
        self.names = party_names(coop)

    def __call__(self, key: str, **fields: Any) -> str:
        return str(translate(key, self.lang, **fields))

    def name(self, party: str) -> str:
        return self.names.get(party, party)

    def join(self, ids: Sequence[str]) -> str:
        return join_names([self.name(i) for i in ids], self("fairness.and"))

    def whole(self, value: float) -> str:
        """Money as a sentence says it, in whole units."""
        return money(value, self.currency, self.lang, 0)

    def money(self, value: float | None) -> str:
        return money(value, self.currency, self.lang)

    def signed(self, value: float) -> str:
        return signed_money(value, self.currency, self.lang)


def group_accounts(
    coop: Cooperation, members: Collection[str], lang: str, today: Evaluation | None = None
) -> GroupAccounts:
    """The accounts of the group ``members`` working without the other members.

    Args:
        coop: A validated cooperation.
        members: The group: one member or more (ids, any order).
        lang: ``fr`` or ``en``.
        today: ``evaluate(coop)``, when the caller has it already.

    Raises:
        ValueError: for no member, or an id that is not a member.

    """
    wanted = set(members)
    group = tuple(m for m in coop.member_ids if m in wanted)
    if not group or len(group) != len(wanted):
        raise ValueError(f"not a group of this cooperation's members: {sorted(wanted)}")
    today = today or evaluate(coop)
    words = _Words(coop, lang)
    if len(group) == 1:
        return _alone_accounts(group[0], today, words)
    leaving = [m for m in coop.member_ids if m not in wanted]
    reduced = reduce_cooperation(coop, group)
    world = evaluate(reduced)
    left = members_leave(coop, leaving) if leaving else None
    stopped = left.stopped if left else ()
    replaced = left.replaced if left else ()
    value = sum(world.member(m).cash_result_eur for m in group)
    received = sum(today.member(m).cash_result_eur for m in group)
    apart = lines_apart(coop, reduced, group)
    names = words.join(group)
    sentences = (
        words(
            "fairness.group.value",
            names=names,
            value=words.whole(value),
            today=words.whole(received),
        ),
        words(
            "fairness.group.shared",
            shared=coop.shared_entity.name,
            result=words.whole(world.shared_entity.result_eur),
            today=words.whole(today.shared_entity.result_eur),
        ),
        _stopped_sentence(stopped, words),
        _bought_sentence(replaced, words),
    )
    in_group = words("fairness.group.in_group")
    return GroupAccounts(
        members=group,
        title=words("fairness.group.why", names=names),
        value_eur=value,
        today_eur=received,
        sentences=sentences,
        results=_results_table(group, today, world, in_group, words),
        activities=_activities_table(group, today, world, words),
        replaced=_replaced_table(replaced, words),
        lines=_lines_table(apart, words),
        stopped=stopped,
        replaced_hours=replaced,
        lines_apart=apart,
    )


def _alone_accounts(member: str, today: Evaluation, words: _Words) -> GroupAccounts:
    """A single member: its alone result beside today, and the assumptions behind it."""
    result = today.member(member)
    sentence = words(
        "fairness.group.value_alone",
        names=result.name,
        value=words.whole(result.stand_alone_result_eur),
        today=words.whole(result.cash_result_eur),
    )
    alone = words("fairness.group.alone")
    assumptions = tuple(
        assumption_sentence(a, result.name, words.names, words.currency, words.lang)
        for a in result.alone_assumptions
    )
    empty = pd.DataFrame()
    return GroupAccounts(
        members=(member,),
        title=words("fairness.group.why_alone", names=result.name),
        value_eur=result.stand_alone_result_eur,
        today_eur=result.cash_result_eur,
        sentences=(sentence,),
        results=_results_table((member,), today, today, alone, words),
        activities=empty,
        replaced=empty,
        lines=empty,
        assumptions=assumptions or (words("fairness.group.no_assumptions"),),
    )


def lines_apart(
    coop: Cooperation, reduced: Cooperation, group: Collection[str]
) -> tuple[LineApart, ...]:
    """The group's lines with someone absent: the cooperation's lines beside the group's model.

    In file order: on each activity that goes on, its lines with an absent member
    (the same line in the group's model, with the market, or gone from it); on each
    activity that stops, the lines a present party has with it (the money flow with
    the market the group's model writes for it, or nothing); then each money flow
    the group's model does not keep as it is, seen from its present side(s).

    Args:
        coop: The cooperation.
        reduced: ``reduce_cooperation(coop, group)``.
        group: The group's member ids (two or more).

    """
    present = {*group, coop.shared_entity.id}
    absent = set(coop.member_ids) - present
    runs = set(running_activities(coop, group))
    market = _MarketFlows(coop, reduced)
    found: list[LineApart] = []
    for a in coop.activities:
        if a.id in runs:
            there = next(x for x in reduced.activities if x.id == a.id)
            revenues = {r.label: r.total_eur for r in there.revenues}
            costs = {c.label: -c.total_eur for c in there.costs}
            found += [
                LineApart(
                    f"{a.name} — {r.label}", a.carrier, r.payer, r.total_eur, revenues.get(r.label)
                )
                for r in a.revenues
                if r.payer in absent
            ]
            found += [
                LineApart(
                    f"{a.name} — {c.label}", a.carrier, c.payee, -c.total_eur, costs.get(c.label)
                )
                for c in a.costs
                if c.payee in absent
            ]
            continue
        for r in a.revenues:
            if r.payer in present:
                label = f"{a.name} — {r.label}"
                kept = market.take(label, r.payer, paid=True)
                found.append(LineApart(label, r.payer, a.carrier, -r.total_eur, kept))
        for c in a.costs:
            if c.payee in present:
                label = f"{a.name} — {c.label}"
                kept = market.take(label, c.payee, paid=False)
                found.append(LineApart(label, c.payee, a.carrier, c.total_eur, kept))
    as_is = {(f.label, f.source, f.target) for f in reduced.flows}
    for f in coop.flows:
        if (
            f.kind == "money"
            and f.amount_eur is not None
            and (f.label, f.source, f.target) not in as_is
        ):
            found += _flow_apart(coop, f, present, absent, market)
    return tuple(found)


class _MarketFlows:
    """The money flows with the market that the group's model adds, each taken once."""

    def __init__(self, coop: Cooperation, reduced: Cooperation) -> None:
        before = {(f.label, f.source, f.target) for f in coop.flows}
        self.left = [
            f
            for f in reduced.flows
            if MARKET in (f.source, f.target) and (f.label, f.source, f.target) not in before
        ]

    def take(self, label: str, party: str, *, paid: bool) -> float | None:
        """The signed amount of the flow between ``party`` and the market written for ``label``.

        The group's model may number the label (``label (2)``); None when there is no flow.
        """
        ends = (party, MARKET) if paid else (MARKET, party)
        for f in self.left:
            if (f.source, f.target) == ends and (
                f.label == label or f.label.startswith(f"{label} (")
            ):
                self.left.remove(f)
                amount = f.amount_eur or 0.0
                return -amount if paid else amount
        return None


def _flow_apart(
    coop: Cooperation, f: Flow, present: set[str], absent: set[str], market: _MarketFlows
) -> list[LineApart]:
    """A money flow the group's model does not keep as it is, from each present side."""
    amount = f.amount_eur or 0.0
    required = set(flow_requires(coop, f) or ())
    needs = tuple(m for m in coop.member_ids if m in required and m in absent)
    found = []
    for party, other, paid in ((f.source, f.target, True), (f.target, f.source, False)):
        if party not in present:
            continue
        today = -amount if paid else amount
        if other in absent:
            found.append(
                LineApart(f.label, party, other, today, market.take(f.label, party, paid=paid))
            )
        else:
            found.append(LineApart(f.label, party, other, today, None, needs))
    return found


def _stopped_sentence(stopped: Sequence[str], words: _Words) -> str:
    if not stopped:
        return words("fairness.group.none_stopped")
    names = {a.id: a.name for a in words.coop.activities}
    return words("fairness.group.stopped", activities=", ".join(names[a] for a in stopped))


def _bought_sentence(replaced: Sequence[ReplacedHours], words: _Words) -> str:
    bought = [r for r in replaced if r.hourly_eur > 0]
    if not bought:
        return words("fairness.group.none_bought")
    return words(
        "fairness.group.bought",
        hours=hours(sum(r.hours for r in bought), words.lang),
        cost=words.whole(sum(r.cost_eur for r in bought)),
    )


def _results_table(
    group: Sequence[str], today: Evaluation, there: Evaluation, title: str, words: _Words
) -> pd.DataFrame:
    """Each member's cash result today and in the group (its alone result, for one member)."""
    before = [today.member(m).cash_result_eur for m in group]
    if len(group) == 1:
        after = [there.member(group[0]).stand_alone_result_eur]
    else:
        after = [there.member(m).cash_result_eur for m in group]
    rows = [
        (words.name(m), words.money(b), words.money(a), words.signed(a - b))
        for m, b, a in zip(group, before, after, strict=True)
    ]
    if len(group) > 1:
        total_before, total_after = sum(before), sum(after)
        rows.append(
            (
                words("fairness.group.total"),
                words.money(total_before),
                words.money(total_after),
                words.signed(total_after - total_before),
            )
        )
    columns = [
        words("common.member"),
        words("fairness.group.today"),
        title,
        words("fairness.group.difference"),
    ]
    return pd.DataFrame(rows, columns=columns)


def _activities_table(
    group: Sequence[str], today: Evaluation, world: Evaluation, words: _Words
) -> pd.DataFrame:
    """Each activity (file order): carrier, result today and in the group, or why it stops."""
    coop, present = words.coop, set(group)
    runs = {a.id for a in world.activities}
    rows = []
    for a in coop.activities:
        if a.id in runs:
            after, why = words.money(world.activity(a.id).result_eur), ""
        elif a.carrier in coop.member_ids and a.carrier not in present:
            after, why = (
                words.money(None),
                words("fairness.group.stops_carrier", names=words.name(a.carrier)),
            )
        else:
            missing = [m for m in required_members(coop, a) if m not in present]
            after, why = (
                words.money(None),
                words("fairness.group.stops_needs", names=words.join(missing)),
            )
        rows.append(
            (
                a.name,
                words.name(a.carrier),
                words.money(today.activity(a.id).result_eur),
                after,
                why,
            )
        )
    columns = [
        words("common.activity"),
        words("common.carrier"),
        words("fairness.group.today"),
        words("fairness.group.in_group"),
        words("fairness.group.why_column"),
    ]
    return pd.DataFrame(rows, columns=columns)


def _replaced_table(replaced: Sequence[ReplacedHours], words: _Words) -> pd.DataFrame:
    """The absent members' hours on activities that go on, and what buying them costs."""
    carriers = {a.id: a.carrier for a in words.coop.activities}
    rows = [
        (
            r.activity_name,
            words.name(r.member),
            words.name(carriers[r.activity]),
            hours(r.hours, words.lang),
            words.money(r.hourly_eur) if r.hourly_eur > 0 else words("fairness.group.done_without"),
            words.money(r.cost_eur),
        )
        for r in replaced
    ]
    if rows:
        bought = sum(r.hours for r in replaced if r.hourly_eur > 0)
        cost = sum(r.cost_eur for r in replaced)
        rows.append(
            (
                words("fairness.group.total"),
                "",
                "",
                hours(bought, words.lang),
                "",
                words.money(cost),
            )
        )
    keys = [
        "common.activity",
        "fairness.group.whose_hours",
        "fairness.group.buyer",
        "fairness.group.hours",
        "fairness.group.hourly",
        "fairness.group.cost",
    ]
    return pd.DataFrame(rows, columns=[words(k) for k in keys])


def _lines_table(lines: Sequence[LineApart], words: _Words) -> pd.DataFrame:
    """Each line with someone absent: for whom, with whom today, today, in the group, how."""
    rows = []
    for line in lines:
        if line.group_eur is None:
            how = (
                words("fairness.group.dropped_needs", names=words.join(line.needs))
                if line.needs
                else words("fairness.group.dropped")
            )
        elif abs(line.group_eur - line.today_eur) < CENT:
            how = words("fairness.group.kept")
        else:
            how = words("fairness.group.priced")
        rows.append(
            (
                line.line,
                words.name(line.party),
                words.name(line.other),
                words.signed(line.today_eur),
                words.money(None) if line.group_eur is None else words.signed(line.group_eur),
                how,
            )
        )
    keys = [
        "fairness.group.line",
        "fairness.group.party",
        "fairness.group.other",
        "fairness.group.today",
        "fairness.group.in_group",
        "fairness.group.change",
    ]
    return pd.DataFrame(rows, columns=[words(k) for k in keys])
