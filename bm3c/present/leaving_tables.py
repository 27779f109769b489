"""If members leave: the main answer in one sentence, and the tables that back it.

Built from a :class:`~bm3c.engine.leaving.Leaving` (the cooperation today and
without the leaving members): each staying member's result and gain, the shared
entity and the collective result, the activities that stop, the hours bought to
replace the leaving members', the impacts lost and what each leaving member has
alone. Texts come from the catalogue (``leaving.*``) in the language asked for;
figures are formatted here, never computed.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from bm3c.engine.leaving import Leaving
from bm3c.present.alone_words import assumption_sentence, party_names
from bm3c.present.charts_fairness import join_names
from bm3c.present.charts_impacts import indicator_label, indicator_unit, quantity
from bm3c.present.charts_scenarios import ComparisonTable, signed_money
from bm3c.texts.format import hours, money
from bm3c.texts.i18n import translate

__all__ = [
    "alone_sentences",
    "alone_table",
    "bought_hours",
    "impacts_table",
    "leaving_names",
    "leaving_sentence",
    "members_table",
    "overall_table",
    "replaced_table",
    "stopped_table",
]


def leaving_names(leaving: Leaving, lang: str) -> str:
    """The leaving members' names as a sentence joins them: ``Slow Fest et R3 Bordeaux``."""
    coop = leaving.today.model
    return join_names(
        [coop.member(m).name for m in leaving.leaving], translate("leaving.and", lang)
    )


def bought_hours(leaving: Leaving) -> float:
    """The hours the carriers buy: the replaced hours but those done without."""
    return sum(r.hours for r in leaving.replaced if r.hourly_eur > 0)


def leaving_sentence(leaving: Leaving, lang: str) -> str:
    """The main answer: what the cooperation loses and buys, and who stays at a loss.

    « Sans Slow Fest, La Halle des transitions perd 2 activités et doit acheter 280 h
    (8 400 €) ; La Boucle y perd 1 671 €, R3 Bordeaux 4 244 € et Ecoagir 5 994 €. Le
    résultat collectif passe de 50 990 € à 20 190 €. » A member "loses in it" when
    its gain from cooperation without the leaving members is negative (by that gain).
    """
    coop = leaving.today.model
    currency = coop.currency

    def amount(value: float) -> str:
        return money(value, currency, lang, decimals=0)

    count = len(leaving.stopped)
    stops = translate(
        "leaving.sentence."
        + ("stops_none" if not count else "stops_one" if count == 1 else "stops_many"),
        lang,
        count=count,
    )
    bought = bought_hours(leaving)
    buys = (
        translate(
            "leaving.sentence.buys",
            lang,
            hours=hours(bought, lang),
            cost=amount(leaving.replacement_cost_eur),
        )
        if bought > 0
        else translate("leaving.sentence.buys_none", lang)
    )
    start = translate(
        "leaving.sentence.start", lang, names=leaving_names(leaving, lang), coop=coop.name
    )
    without = {m.id: m for m in leaving.without.members}
    losing = set(leaving.without.losing_members)
    losers = [without[m] for m in _staying(leaving) if m in losing]
    if losers:
        said = [
            translate(
                "leaving.sentence.loser_first" if i == 0 else "leaving.sentence.loser_next",
                lang,
                name=m.name,
                amount=amount(-m.gain_from_cooperation_eur),
            )
            for i, m in enumerate(losers)
        ]
        tail = translate(
            "leaving.sentence.losers", lang, losers=join_names(said, translate("leaving.and", lang))
        )
    else:
        tail = translate("leaving.sentence.all_gain", lang)
    collective = translate(
        "leaving.sentence.collective",
        lang,
        today=amount(leaving.today.collective.result_eur),
        without=amount(leaving.without.collective.result_eur),
    )
    joined = translate("leaving.sentence.joined", lang, stops=stops, buys=buys)
    return f"{start} {joined}{tail}. {collective}"


def _staying(leaving: Leaving) -> list[str]:
    """The members who stay, in the model's order."""
    staying = set(leaving.staying)
    return [m for m in leaving.today.model.member_ids if m in staying]


def _compared(
    first: pd.DataFrame,
    columns: Sequence[tuple[str, Sequence[float]]],
    deltas: Sequence[str],
    currency: str,
    lang: str,
) -> ComparisonTable:
    """``first`` (names) then money columns; those titled in ``deltas`` signed and tinted."""
    text, delta = first.copy(), pd.DataFrame(index=first.index)
    for title in first.columns:
        delta[title] = float("nan")
    for title, values in columns:
        signed = title in deltas
        text[title] = [
            signed_money(v, currency, lang) if signed else money(v, currency, lang) for v in values
        ]
        delta[title] = list(values) if signed else float("nan")
    return ComparisonTable(text, delta)


def members_table(leaving: Leaving, lang: str) -> ComparisonTable:
    """Each staying member (model order): cash result and gain, today, without, difference."""
    coop = leaving.today.model
    today = {m.id: m for m in leaving.today.members}
    without = {m.id: m for m in leaving.without.members}
    ids = _staying(leaving)
    names = leaving_names(leaving, lang)
    columns: list[tuple[str, Sequence[float]]] = []
    deltas = []
    for figure, field in (("cash", "cash_result_eur"), ("gain", "gain_from_cooperation_eur")):
        before = [float(getattr(today[m], field)) for m in ids]
        after = [float(getattr(without[m], field)) for m in ids]
        difference = translate(f"leaving.{figure}_difference", lang)
        columns += [
            (translate(f"leaving.{figure}_today", lang), before),
            (translate(f"leaving.{figure}_without", lang, names=names), after),
            (difference, [a - b for a, b in zip(after, before, strict=True)]),
        ]
        deltas.append(difference)
    first = pd.DataFrame({translate("common.member", lang): [today[m].name for m in ids]})
    return _compared(first, columns, deltas, coop.currency, lang)


def overall_table(leaving: Leaving, lang: str) -> ComparisonTable:
    """The shared entity's result, the collective result, and that plus the leaving alone.

    Each today, without the leaving members, and the difference. The last row adds
    the leaving members' results alone to the collective result without them.
    """
    coop = leaving.today.model
    today, without = leaving.today, leaving.without
    alone = sum(m.cash_result_eur for m in without.members if not m.in_cooperation)
    names = leaving_names(leaving, lang)
    rows = [
        (
            translate("leaving.shared_result", lang, name=coop.shared_entity.name),
            today.shared_entity.result_eur,
            without.shared_entity.result_eur,
        ),
        (
            translate("leaving.collective_result", lang),
            today.collective.result_eur,
            without.collective.result_eur,
        ),
        (
            translate("leaving.territory_result", lang),
            today.collective.result_eur,
            without.collective.result_eur + alone,
        ),
    ]
    difference = translate("leaving.difference", lang)
    first = pd.DataFrame({translate("leaving.figure", lang): [r[0] for r in rows]})
    columns = [
        (translate("leaving.today", lang), [r[1] for r in rows]),
        (translate("leaving.without", lang, names=names), [r[2] for r in rows]),
        (difference, [r[2] - r[1] for r in rows]),
    ]
    return _compared(first, columns, [difference], coop.currency, lang)


def stopped_table(leaving: Leaving, lang: str) -> pd.DataFrame:
    """The activities that stop (file order): name and carrier."""
    coop = leaving.today.model
    names = party_names(coop)
    activities = {a.id: a for a in coop.activities}
    stopped = [activities[a] for a in leaving.stopped]
    return pd.DataFrame(
        {
            translate("common.activity", lang): [a.name for a in stopped],
            translate("common.carrier", lang): [names.get(a.carrier, a.carrier) for a in stopped],
        }
    )


def replaced_table(leaving: Leaving, lang: str) -> pd.DataFrame:
    """The hours to replace: activity, whose hours, who buys them, hours, price, cost.

    Hours done without (``apart: drop``) say so instead of a price; the last row
    totals the hours bought and what they cost.
    """
    coop = leaving.today.model
    names = party_names(coop)
    carriers = {a.id: a.carrier for a in coop.activities}
    currency = coop.currency
    rows = [
        (
            r.activity_name,
            names.get(r.member, r.member),
            names.get(carriers[r.activity], carriers[r.activity]),
            hours(r.hours, lang),
            money(r.hourly_eur, currency, lang)
            if r.hourly_eur > 0
            else translate("leaving.done_without", lang),
            money(r.cost_eur, currency, lang),
        )
        for r in leaving.replaced
    ]
    rows.append(
        (
            translate("leaving.total", lang),
            "",
            "",
            hours(bought_hours(leaving), lang),
            "",
            money(leaving.replacement_cost_eur, currency, lang),
        )
    )
    keys = ("common.activity", "leaving.who", "leaving.buyer", "leaving.hours")
    titles = [translate(k, lang) for k in (*keys, "leaving.hourly", "leaving.cost")]
    return pd.DataFrame(rows, columns=titles)


def impacts_table(leaving: Leaving, lang: str) -> pd.DataFrame:
    """Each impact that changes: its label (and unit), total today, without them, and lost."""
    coop = leaving.today.model
    today = leaving.today.impacts.collective
    keys = list(leaving.impacts_lost)

    def label(key: str) -> str:
        name, unit = indicator_label(coop, key, lang), indicator_unit(coop, key)
        return translate("impacts.with_unit", lang, label=name, unit=unit) if unit else name

    return pd.DataFrame(
        {
            translate("leaving.indicator", lang): [label(k) for k in keys],
            translate("leaving.today", lang): [quantity(today.get(k, 0.0), lang) for k in keys],
            translate("leaving.without", lang, names=leaving_names(leaving, lang)): [
                quantity(today.get(k, 0.0) - leaving.impacts_lost[k], lang) for k in keys
            ],
            translate("leaving.lost", lang): [
                quantity(leaving.impacts_lost[k], lang) for k in keys
            ],
        }
    )


def alone_table(leaving: Leaving, lang: str) -> ComparisonTable:
    """Each leaving member: its result alone, within the cooperation today, and the difference.

    The difference is what leaving makes to it: alone minus today.
    """
    coop = leaving.today.model
    today = {m.id: m for m in leaving.today.members}
    without = {m.id: m for m in leaving.without.members}
    ids = leaving.leaving
    alone = [without[m].cash_result_eur for m in ids]
    within = [today[m].cash_result_eur for m in ids]
    difference = translate("leaving.alone_difference", lang)
    first = pd.DataFrame({translate("common.member", lang): [today[m].name for m in ids]})
    columns = [
        (translate("leaving.alone_result", lang), alone),
        (translate("leaving.within_today", lang), within),
        (difference, [a - w for a, w in zip(alone, within, strict=True)]),
    ]
    return _compared(first, columns, [difference], coop.currency, lang)


def alone_sentences(leaving: Leaving, lang: str) -> dict[str, tuple[str, ...]]:
    """Each leaving member's alone assumptions in words, by id (empty when it has none)."""
    coop = leaving.today.model
    names = party_names(coop)
    without = {m.id: m for m in leaving.without.members}
    return {
        m: tuple(
            assumption_sentence(a, without[m].name, names, coop.currency, lang)
            for a in without[m].alone_assumptions
        )
        for m in leaving.leaving
    }
