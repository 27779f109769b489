"""The economic facts shown beside each axis quote the engine's numbers as the app does."""

from __future__ import annotations

import pytest

import bm3c
from bm3c.engine import Evaluation
from bm3c.logbook import FACTS, Fact, default_grid, model_facts
from bm3c.texts.format import hours, money, percent
from tests.conftest import ROOT, build

HALLE = ROOT / "examples" / "halle-des-transitions.yaml"
NB = "\u00a0"
LANGS = ("fr", "en")


@pytest.fixture(scope="module")
def halle() -> Evaluation:
    return bm3c.evaluate(bm3c.load_cooperation(HALLE))


def facts(ev: Evaluation, key: str, lang: str) -> tuple[str, ...]:
    (fact,) = model_facts(ev, [key], lang)
    assert fact.key == key and fact.title
    return fact.lines


def eur(value: float, lang: str) -> str:
    return money(value, "EUR", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_gains_quote_each_members_results(halle: Evaluation, lang: str) -> None:
    lines = facts(halle, "gain_from_cooperation", lang)
    assert len(lines) == len(halle.members) + 1
    colon = f"{NB}:" if lang == "fr" else ":"
    for m, line in zip(halle.members, lines, strict=False):
        assert line.startswith(f"{m.name}{colon} {eur(m.cash_result_eur, lang)}"), line
        assert eur(m.stand_alone_result_eur, lang) in line
        assert eur(abs(m.gain_from_cooperation_eur), lang) in line
        losing = m.id in halle.losing_members
        assert ("perte" if lang == "fr" else "loss") in line if losing else "gain" in line
    # Ecoagir loses in the base case: alone it keeps the État's aid to its posts (the
    # example's golden results say so)
    assert lines[-1] == (
        f"N'y gagne pas{NB}: Ecoagir / Réagir33."
        if lang == "fr"
        else "Not gaining: Ecoagir / Réagir33."
    )


def test_gains_in_words_fr_and_en(halle: Evaluation) -> None:
    m = halle.member("la-boucle")
    cash, alone = m.cash_result_eur, m.stand_alone_result_eur
    gain = m.gain_from_cooperation_eur
    assert facts(halle, "gain_from_cooperation", "fr")[1] == (
        f"La Boucle{NB}: {eur(cash, 'fr')} avec la coopération, {eur(alone, 'fr')} sans elle, "
        f"soit un gain de {eur(gain, 'fr')}."
    )
    assert facts(halle, "gain_from_cooperation", "en")[1] == (
        f"La Boucle: {eur(cash, 'en')} with the cooperation, {eur(alone, 'en')} without it, "
        f"a gain of {eur(gain, 'en')}."
    )
    assert "€" in eur(cash, "en") and eur(cash, "en").startswith("€")


@pytest.mark.parametrize("lang", LANGS)
def test_sharing_rule_and_reserve_quote_the_shared_entity(halle: Evaluation, lang: str) -> None:
    se = halle.shared_entity
    assert se.result_eur > 0 and se.surplus_rule == "by_usage"
    sharing = facts(halle, "sharing_rule", lang)
    assert eur(se.distributed_eur, lang) in sharing[1]
    assert ("Au prorata de l'usage" if lang == "fr" else "By usage") in sharing[0]
    assert "La Boucle 3" in sharing[2] and "Slow Fest 1" in sharing[2]  # agreed weights
    for m in halle.members:
        assert any(line.startswith(m.name) and eur(m.shared_share_eur, lang) in line
                   for line in sharing[3:])  # fmt: skip
    reserve = facts(halle, "reserve", lang)
    assert percent(0.575, lang, 1) in reserve[0]
    assert eur(se.reserve_eur, lang) in reserve[1] and eur(se.result_eur, lang) in reserve[1]
    assert eur(se.distributed_eur, lang) in reserve[1]


def test_a_deficit_is_covered_by_the_members(halle: Evaluation) -> None:
    ev = bm3c.evaluate(halle.model, "subvention-perdue")
    se = ev.shared_entity
    assert se.result_eur < 0
    sharing = facts(ev, "sharing_rule", "fr")
    assert sharing[1] == (
        f"Le résultat n'est pas positif{NB}: les membres comblent "
        f"{eur(-se.distributed_eur, 'fr')}, selon «{NB}Selon des poids convenus{NB}»."
    )
    la_boucle = ev.member("la-boucle").shared_share_eur
    assert f"La Boucle comble {eur(-la_boucle, 'fr')}." in sharing
    assert (
        facts(ev, "reserve", "en")[1]
        == f"The result is {eur(se.result_eur, 'en')}: nothing goes into the reserve."
    )


@pytest.mark.parametrize("lang", LANGS)
def test_hours_against_capacity(halle: Evaluation, lang: str) -> None:
    lines = facts(halle, "hours_vs_capacity", lang)
    for m, line in zip(halle.members, lines, strict=False):
        assert m.capacity_hours is not None
        assert hours(m.paid_hours + m.volunteer_hours, lang) in line
        assert hours(m.capacity_hours, lang) in line and percent(m.load_ratio, lang) in line
    assert lines[-1] == (
        "Aucun membre ne dépasse sa capacité."
        if lang == "fr"
        else "No member goes beyond its capacity."
    )


def test_an_overloaded_member_and_an_unknown_capacity_are_named() -> None:
    coop = build(
        members=[
            {"id": "a", "name": "A", "hourly_cost_eur": 20.0, "capacity_hours": 100},
            {"id": "b", "name": "B", "hourly_cost_eur": 30.0},
        ],
        activities=[
            {
                "id": "x",
                "name": "X",
                "carrier": "a",
                "work": [{"member": "a", "paid_hours": 150}, {"member": "b", "paid_hours": 10}],
            }
        ],
    )
    lines = facts(bm3c.evaluate(coop), "hours_vs_capacity", "fr")
    assert lines == (
        f"A{NB}: 150{NB}h pour une capacité de 100{NB}h (150{NB}%), "
        "au-delà de ce qu'elle peut donner.",
        f"B{NB}: 10{NB}h (capacité non renseignée).",
        f"Au-delà de sa capacité{NB}: A.",
    )


@pytest.mark.parametrize("lang", LANGS)
def test_shared_activities_results_and_volunteer_work(halle: Evaluation, lang: str) -> None:
    shared = [a for a in halle.activities if a.shared]
    total = sum(a.revenue_eur for a in halle.activities)
    revenue = sum(a.revenue_eur for a in shared)
    carried = facts(halle, "shared_activities", lang)
    assert carried[0].startswith(halle.shared_entity.name)
    assert f"{len(shared)} activit" in carried[0] and eur(revenue, lang) in carried[0]
    assert percent(revenue / total, lang) in carried[0]
    assert hours(sum(a.paid_hours + a.volunteer_hours for a in shared), lang) in carried[0]
    assert len(carried) == 1 + len(halle.members)
    results = facts(halle, "shared_result", lang)
    assert eur(halle.shared_entity.result_eur, lang) in results[0]
    assert eur(halle.shared_entity.economic_result_eur, lang) in results[0]
    assert eur(halle.collective.result_eur, lang) in results[1]
    volunteer = facts(halle, "volunteer_work", lang)
    assert eur(halle.collective.volunteer_value_eur, lang) in volunteer[0]
    slow_fest = halle.member("slow-fest")
    assert any(
        hours(slow_fest.volunteer_hours, lang) in line
        and eur(slow_fest.volunteer_value_eur, lang) in line
        for line in volunteer
    )


@pytest.mark.parametrize("lang", LANGS)
def test_value_flows_by_kind_with_intangible_ones_named(halle: Evaluation, lang: str) -> None:
    money_line, in_kind, intangible = facts(halle, "value_flows", lang)
    assert eur(20000, lang) in money_line and "Dotation ATIS" in money_line
    assert eur(4000, lang) in in_kind and "Prêt du camion de collecte" in in_kind
    assert intangible.startswith("Immatériels (3)" if lang == "fr" else "Intangible (3)")
    assert (
        "Réseau des bailleurs sociaux (R3 Bordeaux → SCIC La Halle des transitions)" in intangible
    )


def test_scenarios_each_with_the_shared_result_and_who_does_not_gain(halle: Evaluation) -> None:
    lines = facts(halle, "scenarios", "en")
    assert len(lines) == 1 + len(halle.model.scenarios)
    assert lines[0] == (
        f"Base case: the shared entity ends at {eur(halle.shared_entity.result_eur, 'en')}; "
        "not gaining: Ecoagir / Réagir33."
    )
    lost = bm3c.evaluate(halle.model, "subvention-perdue")
    ends = eur(lost.shared_entity.result_eur, "en")
    assert lines[1].startswith(
        f"“Perte de la subvention tiers-lieu”: the shared entity ends at {ends}"
    )
    viewing = facts(lost, "scenarios", "fr")
    assert viewing == (
        f"Ces chiffres sont ceux du scénario «{NB}Perte de la subvention tiers-lieu{NB}»{NB}; "
        "les autres scénarios se comparent depuis la situation de base.",
    )


def test_a_model_without_flows_volunteers_or_scenarios_says_so() -> None:
    coop = build(
        activities=[
            {
                "id": "x",
                "name": "X",
                "carrier": "commun",
                "work": [{"member": "a", "paid_hours": 10}],
            }
        ],
        scenarios=[
            {
                "id": "casse",
                "name": "Cassé",
                "changes": [{"set": "activities.nope.name", "value": "Y"}],
            }
        ],
    )
    ev = bm3c.evaluate(coop)
    assert facts(ev, "value_flows", "fr") == (
        "Aucun flux déclaré en dehors des lignes des activités.",
    )
    assert facts(ev, "volunteer_work", "en") == ("No volunteer hours in the model.",)
    assert facts(ev, "shared_activities", "fr")[1:] == (
        "A ne porte aucune activité dans le modèle.",
        "B ne porte aucune activité dans le modèle.",
    )
    assert (
        facts(ev, "reserve", "fr")[0]
        == f"Commun ne met rien en réserve{NB}: tout l'excédent est partagé."
    )
    broken = facts(ev, "scenarios", "en")[1]
    assert broken.startswith("“Cassé” does not apply to the model: scenarios.casse.changes[0]: ")
    no_scenario = bm3c.evaluate(build())
    assert facts(no_scenario, "scenarios", "fr") == ("Aucun scénario n'est encore étudié.",)


def test_facts_come_in_the_order_asked_once_each(halle: Evaluation) -> None:
    found = model_facts(halle, ["reserve", "sharing_rule", "reserve"], "fr")
    assert [f.key for f in found] == ["reserve", "sharing_rule"]
    assert isinstance(found[0], Fact) and found[0].title == "Mise en réserve"
    with pytest.raises(KeyError, match="unknown fact 'foo'"):
        model_facts(halle, ["foo"], "fr")


def test_every_fact_of_the_shipped_grid_exists_and_reads_in_both_languages(
    halle: Evaluation,
) -> None:
    used = {key for axis in default_grid().axes for key in axis.model_links}
    assert used <= set(FACTS)
    evaluations = [halle, *(bm3c.evaluate(halle.model, s.id) for s in halle.model.scenarios)]
    for ev in evaluations:
        for lang in LANGS:
            for fact in model_facts(ev, FACTS, lang):
                for text in (fact.title, *fact.lines):
                    assert "logbook_core." not in text and "sharing.rule." not in text, text
                    assert "{" not in text, text
