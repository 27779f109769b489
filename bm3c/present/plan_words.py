"""The plan over time in words and tables (DOMAIN Part 3): needs, break-even, late money.

A treasurer's first question is "how much cash do we need, and when?": each
party's need is minus its cash low point when that is below zero, in the low
point's month (« La Halle des transitions a besoin de 20 700 € d'avance en mai
2027 »). Then the break-even year, the months below zero as ranges (« de mars à
juillet 2027 »), and what is still to be received or paid after the plan's last
month (late subsidy balances, the last year's shares). The Overview's plan view,
the cash plan page and the report all write them from here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from bm3c.engine.plan import PartyPlan, PlanEvaluation
from bm3c.model import MARKET, Cooperation
from bm3c.model.parts import Payment
from bm3c.texts.format import money, month_name, month_words, month_year, percent
from bm3c.texts.i18n import translate

__all__ = [
    "PlanSentences",
    "balances_table",
    "below_zero_ranges",
    "below_zero_sentence",
    "break_even_sentence",
    "by_urgency",
    "everyone_gains_cells",
    "month_range_words",
    "need_sentence",
    "plan_sentences",
    "plan_table",
    "schedule_words",
    "still_due_sentences",
]

CENT = 0.005
VOWELS = "aeiouyàâéèêëîïôûüœAEIOUYÉÈÊÎÔÛ"  # a French word starting so takes « d' »


def _amount(value: float, currency: str, lang: str) -> str:
    """Money as a sentence says it: whole amounts (``20 700 €``)."""
    return money(value, currency, lang, 0)


def need_sentence(party: PartyPlan, currency: str, lang: str) -> str:
    """How much cash the party needs in advance and when, or that it never goes below zero."""
    if party.cash_low.eur < -CENT:
        return translate(
            "cash.need",
            lang,
            name=party.name,
            # rounded up to the euro: the advance must cover the whole need
            amount=_amount(math.ceil(party.cash_needed_eur - CENT), currency, lang),
            month=month_words(party.cash_low.month, lang),
        )
    return translate(
        "cash.never_below",
        lang,
        name=party.name,
        amount=_amount(party.cash_low.eur, currency, lang),
        month=month_words(party.cash_low.month, lang),
    )


def break_even_sentence(party: PartyPlan, plan: PlanEvaluation, lang: str) -> str:
    """From which year the party's result stays at zero or above to the plan's end."""
    year = party.break_even_year
    if year is None:
        return translate("cash.break_even.never", lang, name=party.name)
    if year == plan.calendar_years[0]:
        return translate("cash.break_even.first", lang, name=party.name)
    if plan.start_year is None:
        return translate("cash.break_even.from_number", lang, name=party.name, number=year)
    return translate("cash.break_even.from", lang, name=party.name, year=year)


def below_zero_ranges(months: Sequence[str], all_months: Sequence[str]) -> list[tuple[str, str]]:
    """Runs of consecutive plan months, as (first, last) labels.

    ``months`` are some of ``all_months`` (the plan's months, in order).
    """
    place = {m: i for i, m in enumerate(all_months)}
    runs: list[tuple[str, str]] = []
    previous = -2
    for month in months:
        index = place[month]
        if runs and index == previous + 1:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
        previous = index
    return runs


def month_range_words(first: str, last: str, lang: str) -> str:
    """« en mars 2027 », « de mars à juillet 2027 », « de novembre 2027 à février 2028 »."""
    if first == last:
        return translate("cash.range.one", lang, month=month_words(first, lang))
    same_year = month_year(first)[1] == month_year(last)[1]
    start = month_words(first, lang, with_year=not same_year)
    key = "cash.range.many_elided" if lang == "fr" and start[0] in VOWELS else "cash.range.many"
    return translate(key, lang, first=start, last=month_words(last, lang))


def below_zero_sentence(party: PartyPlan, plan: PlanEvaluation, lang: str) -> str | None:
    """The months the party's balance ends below zero, as ranges (None: never)."""
    if not party.months_below_zero:
        return None
    runs = below_zero_ranges(party.months_below_zero, plan.cash.months)
    ranges = [month_range_words(first, last, lang) for first, last in runs]
    return translate(
        "cash.below_zero", lang, name=party.name, ranges=ranges, count=len(party.months_below_zero)
    )


def _counterparties(coop: Cooperation) -> dict[tuple[str, str], str]:
    """(party, line label) → the other side's id, for the lines and money flows with ``paid``."""
    other: dict[tuple[str, str], str] = {}
    for a in coop.activities:
        for r in a.revenues:
            if r.paid is not None:
                other[(a.carrier, r.label)] = r.payer
                other[(r.payer, r.label)] = a.carrier
        for c in a.costs:
            if c.paid is not None:
                other[(a.carrier, c.label)] = c.payee
                other[(c.payee, c.label)] = a.carrier
    for f in coop.flows:
        if f.paid is not None:
            other[(f.source, f.label)] = f.target
            other[(f.target, f.label)] = f.source
    return other


def _names(coop: Cooperation) -> dict[str, str]:
    names = {a.id: a.name for a in coop.actors} | {m.id: m.name for m in coop.members}
    names[coop.shared_entity.id] = coop.shared_entity.name
    return names


def still_due_sentences(plan: PlanEvaluation, coop: Cooperation, lang: str) -> dict[str, list[str]]:
    """Per party id (in the plan's order), what it still receives or pays after the plan.

    Movements of one kind, label and month are added up (the shared entity pays
    each member's share of the last year in one month: one sentence); the earliest
    comes first.
    """
    currency = coop.currency
    names = _names(coop)
    other = _counterparties(coop)
    grouped: dict[tuple[str, str, str, str], float] = {}
    for due in plan.cash.still_due:
        key = (due.party, due.kind, due.label, due.month)
        grouped[key] = grouped.get(key, 0.0) + due.eur
    sentences: dict[str, list[str]] = {}
    for party in plan.parties:
        said = []
        for (who, kind, label, month), eur in sorted(grouped.items(), key=_by_month):
            if who != party.id or abs(eur) < CENT:
                continue
            direction = "in" if eur > 0 else "out"
            values = {
                "amount": _amount(abs(eur), currency, lang),
                "month": month_words(month, lang),
                "label": label,
                "entity": coop.shared_entity.name,
                "year": _result_year(label, lang),
            }
            entity = kind == "share" and who == coop.shared_entity.id
            text = f"cash.due.{kind}{'_entity' if entity else ''}_{direction}"
            counterparty = other.get((who, label))
            if kind == "line" and counterparty is not None and counterparty != MARKET:
                text += "_from" if direction == "in" else "_to"
                values["other"] = names.get(counterparty, counterparty)
            said.append(translate(text, lang, **values))
        if said:
            sentences[party.id] = said
    return sentences


def _result_year(label: str, lang: str) -> str:
    """The year of a result whose shares are paid after the plan: "2029", or "year 1"."""
    if label.startswith("M") and label[1:].isdigit():  # a plan without a start year
        return translate("cash.result_year", lang, number=month_year(label)[1])
    return label


def _by_month(item: tuple[tuple[str, str, str, str], float]) -> str:
    return item[0][3]


def by_urgency(plan: PlanEvaluation) -> tuple[PartyPlan, ...]:
    """The parties whose cash goes below zero first (earliest low point, then largest need).

    Then the others, in the plan's order.
    """
    short = [p for p in plan.parties if p.cash_low.eur < -CENT]
    short.sort(key=lambda p: (p.cash_low.index, p.cash_low.eur))
    return (*short, *(p for p in plan.parties if p.cash_low.eur >= -CENT))


@dataclass(frozen=True)
class PlanSentences:
    """One party's plan in words."""

    party: str
    name: str
    need: str
    break_even: str
    below_zero: str | None


def plan_sentences(plan: PlanEvaluation, currency: str, lang: str) -> tuple[PlanSentences, ...]:
    """Each party's need, break-even and months below zero in words, most urgent first."""
    return tuple(
        PlanSentences(
            party=p.id,
            name=p.name,
            need=need_sentence(p, currency, lang),
            break_even=break_even_sentence(p, plan, lang),
            below_zero=below_zero_sentence(p, plan, lang),
        )
        for p in by_urgency(plan)
    )


def _year_names(plan: PlanEvaluation, lang: str) -> list[str]:
    if plan.start_year is None:
        return [translate("cash.year_number", lang, number=y) for y in plan.calendar_years]
    return [str(y) for y in plan.calendar_years]


def everyone_gains_cells(plan: PlanEvaluation, lang: str) -> list[str]:
    """Per year: ✓ when every member gains from cooperation, else ✗ and who loses."""
    cells = []
    for ev in plan.years:
        if ev.everyone_gains:
            cells.append("✓")
        else:
            losing = [m.name for m in ev.members if m.id in ev.losing_members]
            cells.append(translate("cash.some_lose", lang, names=losing))
    return cells


def plan_table(plan: PlanEvaluation, currency: str, lang: str) -> pd.DataFrame:
    """The plan view: one row per party, then the « everyone gains » row.

    Columns: the party, each year's result, the results cumulated over the plan,
    the break-even year, the cash low point (amount and month). A member's result
    is its cash result, the shared entity's its result before the reserve. A plan of
    one year has its result and cash low point only (the rest would repeat it).
    """
    years = _year_names(plan, lang)
    party_col = translate("cash.col.party", lang)
    total_col = translate("cash.col.cumulated", lang)
    even_col = translate("cash.col.break_even", lang)
    low_col = translate("cash.col.cash_low", lang)
    rows = []
    for p in plan.parties:
        row = {party_col: p.name}
        row |= {y: money(r, currency, lang, 0) for y, r in zip(years, p.results, strict=True)}
        row[total_col] = money(p.cumulated[-1], currency, lang, 0)
        row[even_col] = (
            translate("cash.never", lang)
            if p.break_even_year is None
            else (
                str(p.break_even_year)
                if plan.start_year is not None
                else translate("cash.year_number", lang, number=p.break_even_year)
            )
        )
        row[low_col] = translate(
            "cash.low_cell",
            lang,
            amount=money(p.cash_low.eur, currency, lang, 0),
            month=month_words(p.cash_low.month, lang),
        )
        rows.append(row)
    if len(plan.years) == 1:
        return pd.DataFrame(rows, columns=[party_col, *years, low_col])
    gains = {party_col: translate("cash.everyone_gains_row", lang)}
    gains |= dict(zip(years, everyone_gains_cells(plan, lang), strict=True))
    gains |= {total_col: "", even_col: "", low_col: ""}
    rows.append(gains)
    return pd.DataFrame(rows, columns=[party_col, *years, total_col, even_col, low_col])


def balances_table(plan: PlanEvaluation, currency: str, lang: str) -> pd.DataFrame:
    """Month-end balances: one row per month (« mai 2027 »), one column per party."""
    month_col = translate("cash.chart.month", lang)
    frame = pd.DataFrame(
        {
            p.name: [money(float(v), currency, lang, 0) for v in row]
            for p, row in zip(plan.parties, plan.cash.balances, strict=True)
        }
    )
    frame.insert(0, month_col, [month_words(m, lang) for m in plan.cash.months])
    return frame


def schedule_words(paid: Sequence[Payment] | None, lang: str) -> str:
    """A payment schedule in words: « réparti sur l'année », « 80 % en mars, 20 % en mars n+1 »."""
    if paid is None:
        return translate("cash.evenly", lang)
    parts = []
    for p in paid:
        later, month = divmod(p.month - 1, 12)
        name = month_name(month + 1, lang)
        when = translate("cash.month_later", lang, month=name, years=later) if later else name
        if p.fraction >= 1:
            parts.append(translate("cash.all_in", lang, month=when))
        else:
            parts.append(
                translate("cash.part_in", lang, share=percent(p.fraction, lang), month=when)
            )
    return ", ".join(parts)
