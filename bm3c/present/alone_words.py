"""Each member's result alone in words: one sentence per assumption behind it (DOMAIN Part 2).

The engine lists, for each member, the lines and hours whose ``apart`` decided its
alone result (:func:`bm3c.engine.apart.alone_assumptions`); here each becomes a
sentence a facilitator reads aloud, in French or English, and the choice the app
offers to change it. The Overview and Sharing pages, the report and the workbook
all write them from here, so they say the same thing.

One sentence shape per (side, policy), text keys ``alone.sentence.<side>.<policy>``:
a payer or a payee that keeps the line with the market, does without it, or deals
at a market price; hours of another member bought on the market or done without.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bm3c.engine import Evaluation
from bm3c.engine.apart import Assumption
from bm3c.model import Cooperation
from bm3c.texts.format import hours, money
from bm3c.texts.i18n import translate

__all__ = [
    "HOURS_CHOICES",
    "LINE_CHOICES",
    "AloneChoice",
    "alone_choices",
    "alone_sentences",
    "assumption_sentence",
    "party_names",
    "policy_text",
]

LINE_CHOICES = ("keep", "drop", "market")
"""What the present party of a line may do alone, in the order the app offers them."""

HOURS_CHOICES = ("replace", "drop")
"""What a member alone does with another member's hours on its activities."""


def party_names(coop: Cooperation) -> dict[str, str]:
    """Display name of every member, actor and the shared entity, by id."""
    names = {a.id: a.name for a in coop.actors} | {m.id: m.name for m in coop.members}
    names[coop.shared_entity.id] = coop.shared_entity.name
    return names


def _amount(value: float, currency: str, lang: str) -> str:
    """Money as a sentence says it: whole amounts without cents (``9 000 €``)."""
    decimals = 0 if round(float(value), 2).is_integer() else 2
    return money(value, currency, lang, decimals)


def assumption_sentence(
    assumption: Assumption,
    member_name: str,
    names_by_id: Mapping[str, str],
    currency: str,
    lang: str,
) -> str:
    """One assumption of ``member_name``'s alone result, as a sentence.

    Args:
        assumption: A line, money flow or hours of the member's alone result.
        member_name: The member whose alone result it is.
        names_by_id: Display names of the parties (:func:`party_names`); an id
            without a name is written as it is.
        currency: The model's currency code.
        lang: ``fr`` or ``en``.

    Returns:
        E.g. « Seule, La Boucle perdrait « Loyer » (6 000 € reçus de la Halle
        aujourd'hui) », « Les 200 h de Slow Fest pour « Café » seraient achetées
        24 €/h au marché : 4 800 € ».

    """
    key = f"alone.sentence.{assumption.side}.{assumption.policy}"
    return str(
        translate(
            key,
            lang,
            member=member_name,
            label=assumption.label,
            other=names_by_id.get(assumption.other, assumption.other),
            amount=_amount(assumption.amount_eur, currency, lang),
            usual=_amount(assumption.usual_eur, currency, lang),
            hours=hours(assumption.hours, lang),
            hourly=_amount(assumption.hourly_eur, currency, lang),
        )
    )


def policy_text(policy: str, lang: str) -> str:
    """A policy in words (``keep``, ``drop``, ``market``, ``replace``), as the app offers it."""
    return str(translate(f"alone.policy.{policy}", lang))


def alone_sentences(ev: Evaluation, lang: str) -> dict[str, tuple[str, ...]]:
    """Every member's assumption sentences, by id, in the evaluation's member order."""
    names = party_names(ev.model)
    return {
        m.id: tuple(
            assumption_sentence(a, m.name, names, ev.currency, lang) for a in m.alone_assumptions
        )
        for m in ev.members
    }


@dataclass(frozen=True)
class AloneChoice:
    """One assumption as the app offers to change it.

    Attributes:
        assumption: The engine's assumption.
        sentence: It, in words.
        options: The policies offered (:data:`LINE_CHOICES` or :data:`HOURS_CHOICES`).
        amount_eur: What the amount field shows: for a line, its market amount when
            priced, else its amount in the cooperation (the price a market choice
            starts from); for hours, the price of one replacement hour, done without
            or not.

    """

    assumption: Assumption
    sentence: str
    options: tuple[str, ...]
    amount_eur: float

    @property
    def priced(self) -> bool:
        """Whether the amount field applies: a market price, or hours bought."""
        return self.assumption.policy in ("market", "replace")


def alone_choices(
    coop: Cooperation,
    assumptions: tuple[Assumption, ...],
    member_name: str,
    lang: str,
) -> tuple[AloneChoice, ...]:
    """The choices behind one member's alone result (its ``alone_assumptions``), in order."""
    names = party_names(coop)
    choices = []
    for a in assumptions:
        sentence = assumption_sentence(a, member_name, names, coop.currency, lang)
        if a.side == "hours":
            price = a.hourly_eur if a.policy == "replace" else _dropped_hour_price(coop, a)
            choices.append(AloneChoice(a, sentence, HOURS_CHOICES, price))
        else:
            amount = a.amount_eur if a.policy == "market" else a.usual_eur
            choices.append(AloneChoice(a, sentence, LINE_CHOICES, amount))
    return tuple(choices)


def _dropped_hour_price(coop: Cooperation, assumption: Assumption) -> float:
    """The price of one hour of the dropped hours, were they bought (the path names the line)."""
    activity_id = assumption.path.split(".")[1]  # ids are slugs: no dot in them
    activity = next(a for a in coop.activities if a.id == activity_id)
    line = next(w for w in activity.work if w.member == assumption.other)
    return coop.replacement_hourly_cost(line)
