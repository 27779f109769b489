"""Each assumption of a member's alone result as a sentence, in French and English."""

from __future__ import annotations

import re

import pytest

from bm3c.engine import evaluate
from bm3c.engine.apart import Assumption
from bm3c.io import load_cooperation
from bm3c.present.alone_words import (
    HOURS_CHOICES,
    LINE_CHOICES,
    alone_choices,
    alone_sentences,
    assumption_sentence,
    party_names,
    policy_text,
)
from bm3c.texts.i18n import LANGUAGES, catalog
from tests.conftest import ROOT, build

S, N = "\u202f", "\u00a0"  # French thousands separator, space before € and h
NAMES = {"halle": "la Halle", "slow-fest": "Slow Fest", "boucle": "La Boucle"}
HALLE = ROOT / "examples" / "halle-des-transitions.yaml"


def line(policy: str, side: str, amount: float, usual: float, label: str = "Loyer") -> Assumption:
    return Assumption(f"activities.x.costs.{label}", policy, amount, usual, side, label, "halle")


SENTENCES = [
    (
        line("market", "payer", 9000, 7000, "Location d'une salle"),
        "Slow Fest",
        f"Seule, Slow Fest paierait « Location d'une salle » 9{S}000{N}€ au marché "
        f"(au lieu de 7{S}000{N}€ à la Halle)",
        "Alone, Slow Fest would pay €9,000 on the market for “Location d'une salle” "
        "(instead of €7,000 to la Halle)",
    ),
    (
        line("keep", "payer", 4000, 4000),
        "Slow Fest",
        f"Seule, Slow Fest paierait toujours « Loyer » 4{S}000{N}€, au marché "
        "(à la Halle aujourd'hui)",
        "Alone, Slow Fest would still pay €4,000 for “Loyer”, to the market (to la Halle today)",
    ),
    (
        line("drop", "payer", 0, 1500, "Formation"),
        "L'Orée",
        f"Seule, L'Orée se passerait de « Formation » (1{S}500{N}€ payés à la Halle aujourd'hui)",
        "Alone, L'Orée would do without “Formation” (€1,500 paid to la Halle today)",
    ),
    (
        line("drop", "payee", 0, 6000),
        "La Boucle",
        f"Seule, La Boucle perdrait « Loyer » (6{S}000{N}€ reçus de la Halle aujourd'hui)",
        "Alone, La Boucle would lose “Loyer” (€6,000 received from la Halle today)",
    ),
    (
        line("keep", "payee", 6000, 6000),
        "La Boucle",
        f"Seule, La Boucle recevrait toujours 6{S}000{N}€ pour « Loyer », du marché "
        "(de la Halle aujourd'hui)",
        "Alone, La Boucle would still receive €6,000 for “Loyer”, from the market "
        "(from la Halle today)",
    ),
    (
        line("market", "payee", 4000.5, 6000),
        "La Boucle",
        f"Seule, La Boucle recevrait 4{S}000,50{N}€ du marché pour « Loyer » "
        f"(au lieu de 6{S}000{N}€ de la Halle)",
        "Alone, La Boucle would receive €4,000.50 from the market for “Loyer” "
        "(instead of €6,000 from la Halle)",
    ),
    (
        Assumption(
            "activities.cafe.work.slow-fest",
            "replace",
            4800,
            0,
            "hours",
            "Café-cantine",
            "slow-fest",
            200,
            24,
        ),
        "La Boucle",
        f"Les 200{N}h de Slow Fest pour « Café-cantine » seraient achetées 24{N}€/h au marché : "
        f"4{S}800{N}€",
        "The 200\u00a0h of Slow Fest on “Café-cantine” would be bought on the market at €24/h: "
        "€4,800",
    ),
    (
        Assumption(
            "activities.cafe.work.slow-fest",
            "drop",
            0,
            0,
            "hours",
            "Café-cantine",
            "slow-fest",
            200,
        ),
        "La Boucle",
        f"Sans Slow Fest, « Café-cantine » se passerait de ses 200{N}h",
        "Without Slow Fest, “Café-cantine” would do without its 200\u00a0h",
    ),
]


@pytest.mark.parametrize(("assumption", "member", "fr", "en"), SENTENCES)
def test_each_side_and_policy_has_its_sentence(
    assumption: Assumption, member: str, fr: str, en: str
) -> None:
    assert assumption_sentence(assumption, member, NAMES, "EUR", "fr") == fr
    assert assumption_sentence(assumption, member, NAMES, "EUR", "en") == en


def test_every_side_and_policy_is_written_in_both_languages() -> None:
    shapes = {(a.side, a.policy) for a, *_ in SENTENCES}
    assert shapes == {(s, p) for s in ("payer", "payee") for p in LINE_CHOICES} | {
        ("hours", p) for p in HOURS_CHOICES
    }
    texts = catalog()
    for side, policy in shapes:
        key = f"alone.sentence.{side}.{policy}"
        assert set(texts[key]) == set(LANGUAGES), key
    for policy in (*LINE_CHOICES, *HOURS_CHOICES):
        assert policy_text(policy, "fr") != policy_text(policy, "en")


def test_an_unknown_party_is_written_by_its_id_and_another_currency_by_its_code() -> None:
    a = Assumption("flows.Cotisation", "drop", 0, 150, "payer", "Cotisation", "commun")
    assert assumption_sentence(a, "A", {}, "CHF", "en") == (
        "Alone, A would do without “Cotisation” (150 CHF paid to commun today)"
    )


def test_the_sentences_of_a_model_follow_its_members() -> None:
    """A pays Loyer 3 000 € (rent, kept) to the shared entity « Commun »; B gives A's
    Atelier 50 volunteer hours, bought at B's 30 €/h: 1 500 €."""
    coop = build(
        activities=[
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "a",
                "costs": [{"label": "Loyer", "amount_eur": 3000.0, "to": "commun", "kind": "rent"}],
                "work": [{"member": "b", "volunteer_hours": 50.0}],
            }
        ]
    )
    ev = evaluate(coop)
    assert party_names(coop) == {"a": "A", "b": "B", "commun": "Commun"}
    assert alone_sentences(ev, "fr") == {
        "a": (
            f"Seule, A paierait toujours « Loyer » 3{S}000{N}€, au marché (à Commun aujourd'hui)",
            f"Les 50{N}h de B pour « Atelier » seraient achetées 30{N}€/h au marché : 1{S}500{N}€",
        ),
        "b": (),
    }
    keep, hours = alone_choices(coop, ev.member("a").alone_assumptions, "A", "en")
    assert (keep.options, keep.amount_eur, keep.priced) == (LINE_CHOICES, 3000.0, False)
    assert keep.sentence == alone_sentences(ev, "en")["a"][0]
    assert (hours.options, hours.amount_eur, hours.priced) == (HOURS_CHOICES, 30.0, True)


def test_hours_done_without_still_offer_their_price() -> None:
    """Dropped hours cost nothing alone; the price field shows what replacing them would
    cost an hour: the line's 35 €/h here."""
    coop = build(
        activities=[
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "a",
                "work": [
                    {
                        "member": "b",
                        "volunteer_hours": 50.0,
                        "apart": "drop",
                        "replacement_hourly_cost_eur": 35.0,
                    }
                ],
            }
        ]
    )
    [dropped] = alone_choices(coop, evaluate(coop).member("a").alone_assumptions, "A", "fr")
    assert (dropped.assumption.policy, dropped.amount_eur, dropped.priced) == ("drop", 35.0, False)
    assert dropped.sentence == f"Sans B, « Atelier » se passerait de ses 50{N}h"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_halle_assumption_is_a_full_sentence(lang: str) -> None:
    ev = evaluate(load_cooperation(HALLE))
    sentences = alone_sentences(ev, lang)
    assert list(sentences) == [m.id for m in ev.members]
    for m in ev.members:
        assert len(sentences[m.id]) == len(m.alone_assumptions)
        for a, text in zip(m.alone_assumptions, sentences[m.id], strict=True):
            assert a.label in text
            assert not re.search(r"[{}]", text)
