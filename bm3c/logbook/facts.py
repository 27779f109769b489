"""The economic facts of a model that bear on an axis of the logbook.

When a structure feels the work or the money is badly shared, the group can put
that feeling next to the numbers: each axis of a grid names the facts that bear
on it (``model_links``), and :func:`model_facts` states them in plain words, with
numbers formatted as the app shows them (``1 234,50 €`` in French, ``€1,234.50``
in English). The texts are the catalog's ``logbook_core.fact.*`` keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bm3c.engine.evaluate import Evaluation, evaluate
from bm3c.errors import Bm3cError
from bm3c.logbook.wording import listing, say
from bm3c.rules import rule_name
from bm3c.texts.format import hours, money, percent

__all__ = ["FACTS", "Fact", "model_facts"]

FACTS: dict[str, str] = {
    "sharing_rule": "the surplus and deficit rules, the rule used and each member's share",
    "reserve": "the reserve fraction and the amount kept as reserve",
    "hours_vs_capacity": "each member's hours against its capacity, and who is overloaded",
    "gain_from_cooperation": "each member's result with and without the cooperation",
    "shared_result": "the shared entity's result and the whole cooperation's",
    "shared_activities": "activities, revenue and hours the shared entity carries vs each member",
    "volunteer_work": "volunteer hours and their value, in all and per member",
    "value_flows": "flows that are not activity lines, by kind; intangible ones named",
    "scenarios": "the scenarios of the model, each with its shared result and who loses",
}
"""Every fact a grid may link to: key → what the fact states."""

_CENT = 0.005  # the engine's "to the cent" tolerance for a gain or a loss


@dataclass(frozen=True)
class Fact:
    """One fact of the model, in words.

    Attributes:
        key: One of :data:`FACTS`.
        title: A short heading.
        lines: Sentences, each with its numbers formatted for the language.

    """

    key: str
    title: str
    lines: tuple[str, ...]


def model_facts(ev: Evaluation, keys: Iterable[str], lang: str = "fr") -> list[Fact]:
    """The facts ``keys`` of an evaluated model, in the order asked (repeats dropped).

    Args:
        ev: The evaluation of the base or of a scenario.
        keys: Fact keys, e.g. an axis's ``model_links``.
        lang: ``fr`` or ``en``.

    Raises:
        KeyError: for a key that is not one of :data:`FACTS`.

    """
    facts: list[Fact] = []
    for key in dict.fromkeys(keys):
        if key not in FACTS:
            raise KeyError(f"unknown fact '{key}' (known: {', '.join(FACTS)})")
        title = say(f"logbook_core.fact.{key}.title", lang)
        facts.append(Fact(key, title, tuple(_BUILDERS[key](ev, lang))))
    return facts


def _money(ev: Evaluation, value: float, lang: str) -> str:
    return money(value, ev.currency, lang)


def _rule(rule: str, lang: str) -> str:
    return rule_name(rule, lang)


def _sharing_rule(ev: Evaluation, lang: str) -> list[str]:
    se = ev.shared_entity
    k = "logbook_core.fact.sharing_rule"
    surplus, deficit = _rule(se.surplus_rule, lang), _rule(se.deficit_rule, lang)
    lines = [say(f"{k}.rules", lang, entity=se.name, surplus=surplus, deficit=deficit)]
    used = _rule(se.rule_used, lang)
    if se.result_eur > 0:
        amount = _money(ev, se.distributed_eur, lang)
        lines.append(say(f"{k}.surplus", lang, distributed=amount, rule=used))
    else:
        amount = _money(ev, -se.distributed_eur, lang)
        lines.append(say(f"{k}.deficit", lang, deficit=amount, rule=used))
    weights = ev.model.sharing.weights
    if weights and ev.model.sharing.uses_weights:
        listed = [f"{m.name} {weights.get(m.id, 0):g}" for m in ev.model.members]
        lines.append(say(f"{k}.weights", lang, weights=listing(listed, lang)))
    for m in ev.members:
        if m.shared_share_eur >= 0:
            lines.append(
                say(f"{k}.receives", lang, name=m.name, share=_money(ev, m.shared_share_eur, lang))
            )
        else:
            lines.append(
                say(f"{k}.covers", lang, name=m.name, share=_money(ev, -m.shared_share_eur, lang))
            )
    return lines


def _reserve(ev: Evaluation, lang: str) -> list[str]:
    se = ev.shared_entity
    fraction = ev.model.shared_entity.reserve_fraction
    k = "logbook_core.fact.reserve"
    if fraction == 0:
        lines = [say(f"{k}.none", lang, entity=se.name)]
    else:
        decimals = 0 if abs(fraction * 100 - round(fraction * 100)) < 1e-9 else 1
        shown = percent(fraction, lang, decimals)
        lines = [say(f"{k}.rule", lang, entity=se.name, fraction=shown)]
    result = _money(ev, se.result_eur, lang)
    if se.result_eur > 0:
        lines.append(
            say(
                f"{k}.amount",
                lang,
                result=result,
                reserve=_money(ev, se.reserve_eur, lang),
                distributed=_money(ev, se.distributed_eur, lang),
            )
        )
    else:
        lines.append(say(f"{k}.no_surplus", lang, result=result))
    return lines


def _hours_vs_capacity(ev: Evaluation, lang: str) -> list[str]:
    k = "logbook_core.fact.hours_vs_capacity"
    lines = []
    for m in ev.members:
        worked = hours(m.hours, lang)
        if m.capacity_hours is None:
            lines.append(say(f"{k}.unknown", lang, name=m.name, hours=worked))
            continue
        lines.append(
            say(
                f"{k}.over" if m.overloaded else f"{k}.member",
                lang,
                name=m.name,
                hours=worked,
                capacity=hours(m.capacity_hours, lang),
                load=percent(m.load_ratio, lang),
            )
        )
    over = [m.name for m in ev.members if m.overloaded]
    if over:
        lines.append(say(f"{k}.some_over", lang, names=over))
    else:
        lines.append(say(f"{k}.none_over", lang))
    return lines


def _gain_from_cooperation(ev: Evaluation, lang: str) -> list[str]:
    k = "logbook_core.fact.gain_from_cooperation"
    lines = []
    for m in ev.members:
        common = {
            "name": m.name,
            "cash": _money(ev, m.cash_result_eur, lang),
            "alone": _money(ev, m.stand_alone_result_eur, lang),
        }
        gain = m.gain_from_cooperation_eur
        if gain < -_CENT:
            lines.append(say(f"{k}.loss", lang, loss=_money(ev, -gain, lang), **common))
        else:
            lines.append(say(f"{k}.gain", lang, gain=_money(ev, gain, lang), **common))
    losing = [m.name for m in ev.members if m.id in ev.losing_members]
    if losing:
        lines.append(say(f"{k}.not_everyone", lang, names=losing))
    else:
        lines.append(say(f"{k}.everyone", lang))
    return lines


def _shared_result(ev: Evaluation, lang: str) -> list[str]:
    se, co = ev.shared_entity, ev.collective
    k = "logbook_core.fact.shared_result"
    return [
        say(
            f"{k}.shared",
            lang,
            entity=se.name,
            result=_money(ev, se.result_eur, lang),
            economic=_money(ev, se.economic_result_eur, lang),
        ),
        say(
            f"{k}.collective",
            lang,
            result=_money(ev, co.result_eur, lang),
            revenue=_money(ev, co.external_revenue_eur, lang),
        ),
    ]


def _count_activities(count: int, lang: str) -> str:
    k = "logbook_core.fact.shared_activities"
    return say(f"{k}.one_activity" if count == 1 else f"{k}.activities", lang, count=count)


def _shared_activities(ev: Evaluation, lang: str) -> list[str]:
    k = "logbook_core.fact.shared_activities"
    total_revenue = sum(a.revenue_eur for a in ev.activities)
    carriers = [(ev.shared_entity.id, ev.shared_entity.name)] + [(m.id, m.name) for m in ev.members]
    lines = []
    for carrier, name in carriers:
        carried = [a for a in ev.activities if a.carrier == carrier]
        if not carried:
            lines.append(say(f"{k}.none", lang, name=name))
            continue
        revenue = sum(a.revenue_eur for a in carried)
        lines.append(
            say(
                f"{k}.carrier",
                lang,
                name=name,
                activities=_count_activities(len(carried), lang),
                revenue=_money(ev, revenue, lang),
                share=percent(revenue / total_revenue if total_revenue else None, lang),
                hours=hours(sum(a.hours for a in carried), lang),
            )
        )
    return lines


def _volunteer_work(ev: Evaluation, lang: str) -> list[str]:
    k = "logbook_core.fact.volunteer_work"
    total = sum(m.volunteer_hours for m in ev.members)
    if total == 0:
        return [say(f"{k}.none", lang)]
    lines = [
        say(
            f"{k}.total",
            lang,
            hours=hours(total, lang),
            value=_money(ev, ev.collective.volunteer_value_eur, lang),
        )
    ]
    for m in ev.members:
        if m.volunteer_hours == 0:
            lines.append(say(f"{k}.member_none", lang, name=m.name))
            continue
        lines.append(
            say(
                f"{k}.member",
                lang,
                name=m.name,
                hours=hours(m.volunteer_hours, lang),
                value=_money(ev, m.volunteer_value_eur, lang),
                share=percent(m.volunteer_hours / m.hours, lang),
            )
        )
    return lines


def _value_flows(ev: Evaluation, lang: str) -> list[str]:
    k = "logbook_core.fact.value_flows"
    model = ev.model
    party = {model.shared_entity.id: model.shared_entity.name}
    party |= {m.id: m.name for m in model.members}
    party |= {a.id: a.name for a in model.actors}
    flows = model.flows
    if not flows:
        return [say(f"{k}.none", lang)]
    lines = []
    for kind in ("money", "in_kind", "intangible"):
        of_kind = [f for f in flows if f.kind == kind]
        if not of_kind:
            continue
        items = []
        for f in of_kind:
            ends = f"{party.get(f.source, f.source)} → {party.get(f.target, f.target)}"
            if f.amount_eur is not None:
                ends += f", {_money(ev, f.amount_eur, lang)}"
            items.append(f"{f.label} ({ends})")
        amount = sum(f.amount_eur or 0.0 for f in of_kind)
        lines.append(
            say(
                f"{k}.{kind}",
                lang,
                count=len(of_kind),
                amount=_money(ev, amount, lang),
                flows=listing(items, lang),
            )
        )
    return lines


def _scenario_line(ev: Evaluation, lang: str, name: str | None = None) -> str:
    """How a scenario (or the base, when ``name`` is None) ends for the shared entity."""
    k = "logbook_core.fact.scenarios." + ("base_" if name is None else "")
    result = _money(ev, ev.shared_entity.result_eur, lang)
    if ev.everyone_gains:
        return say(f"{k}everyone", lang, name=name, result=result)
    losing = [m.name for m in ev.members if m.id in ev.losing_members]
    return say(f"{k}not_everyone", lang, name=name, result=result, names=losing)


def _scenarios(ev: Evaluation, lang: str) -> list[str]:
    k = "logbook_core.fact.scenarios"
    if ev.scenario != "base":
        return [say(f"{k}.viewing", lang, name=ev.scenario_name)]
    if not ev.model.scenarios:
        return [say(f"{k}.none", lang)]
    lines = [_scenario_line(ev, lang)]
    for scenario in ev.model.scenarios:
        try:
            lines.append(_scenario_line(evaluate(ev.model, scenario), lang, scenario.name))
        except Bm3cError as error:
            found = "; ".join(str(p) for p in getattr(error, "problems", ())) or str(error)
            lines.append(say(f"{k}.broken", lang, name=scenario.name, problem=found))
    return lines


_BUILDERS: dict[str, Callable[[Evaluation, str], list[str]]] = {
    "sharing_rule": _sharing_rule,
    "reserve": _reserve,
    "hours_vs_capacity": _hours_vs_capacity,
    "gain_from_cooperation": _gain_from_cooperation,
    "shared_result": _shared_result,
    "shared_activities": _shared_activities,
    "volunteer_work": _volunteer_work,
    "value_flows": _value_flows,
    "scenarios": _scenarios,
}
