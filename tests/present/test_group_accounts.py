"""Why would a group gain by leaving: its accounts without the others, from the engine."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bm3c.engine import evaluate
from bm3c.engine.game import coalition_values
from bm3c.engine.leaving import members_leave
from bm3c.engine.worlds import REPLACEMENT, reduce_cooperation
from bm3c.fairness.game import coalition_members
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.parts import MARKET
from bm3c.model.validation import edit_data
from bm3c.model.years import year_view
from bm3c.present.alone_words import alone_sentences
from bm3c.present.group_accounts import LineApart, group_accounts
from tests.conftest import ROOT, build


def first_year(path: Path) -> Cooperation:
    """An example's first plan year: the graph and the game read one year at a time."""
    return year_view(load_cooperation(path), 0)


S, N = "\u202f", "\u00a0"  # French thousands separator, space before € and h
HALLE = ROOT / "examples" / "halle-des-transitions.yaml"
PASSERELLES = ROOT / "examples" / "passerelles.yaml"


def three_with_a_cafe() -> Cooperation:
    """A, B and C (20, 30 and 25 €/h), the shared entity Commun; all the surplus to C.

    - Café (Commun): sales 10 000 €; rent 2 000 € to C (alone, Commun would rent at
      2 500 € on the market); A works 100 paid hours, reimbursed (2 000 €); C gives
      40 volunteer hours.
    - Atelier (Commun, needs C): courses 3 000 €, and 500 € A pays for a course (a service).
    - Jardin (C's own): vegetables 4 000 €.
    - The Région gives Commun 1 000 € (needs every member); C pays a 200 € fee.

    Today Commun makes 6 000 (café) + 3 500 (atelier) + 1 000 + 200 = 10 700 €, all to
    C: A makes 2 000 − 2 000 (its staff cost) − 500 = −500 €, B 0 €.

    A and B without C: the café goes on, the atelier (needs C) and the jardin (C's)
    stop. Commun rents at 2 500 €, buys C's 40 h at 25 €/h = 1 000 € and loses the
    Région's 1 000 € and C's fee: 10 000 − 2 500 − 2 000 − 1 000 = 4 500 €, shared
    equally (the weights of the group's members are all zero). A still pays the 500 €
    course, to the market: A = −500 + 2 250 = 1 750 €, B = 2 250 €; the group makes
    4 000 €, 4 500 € more than the −500 € the sharing gives it today.
    """
    return build(
        members=[
            {"id": "a", "name": "A", "hourly_cost_eur": 20.0},
            {"id": "b", "name": "B", "hourly_cost_eur": 30.0},
            {"id": "c", "name": "C", "hourly_cost_eur": 25.0},
        ],
        actors=[{"id": "region", "name": "Région", "kind": "funder"}],
        activities=[
            {
                "id": "cafe",
                "name": "Café",
                "carrier": "commun",
                "revenues": [{"label": "Ventes", "amount_eur": 10000.0}],
                "costs": [
                    {
                        "label": "Loyer",
                        "amount_eur": 2000.0,
                        "to": "c",
                        "kind": "rent",
                        "apart": {"payer": 2500.0},
                    }
                ],
                "work": [
                    {"member": "a", "paid_hours": 100, "reimbursed": True},
                    {"member": "c", "volunteer_hours": 40},
                ],
            },
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "commun",
                "requires": ["c"],
                "revenues": [
                    {"label": "Stages", "amount_eur": 3000.0},
                    {"label": "Stage de A", "amount_eur": 500.0, "from": "a", "kind": "service"},
                ],
            },
            {
                "id": "jardin",
                "name": "Jardin",
                "carrier": "c",
                "revenues": [{"label": "Légumes", "amount_eur": 4000.0}],
            },
        ],
        flows=[
            {
                "from": "region",
                "to": "commun",
                "kind": "money",
                "label": "Aide de la Région",
                "amount_eur": 1000.0,
            },
            {
                "from": "c",
                "to": "commun",
                "kind": "money",
                "label": "Cotisation C",
                "amount_eur": 200,
            },
        ],
        sharing={
            "surplus": "by_weights",
            "deficit": "by_weights",
            "weights": {"a": 0, "b": 0, "c": 1},
        },
    )


def cheap_hours(path: Path) -> Cooperation:
    """An example where an hour bought on the market costs 15 € (its replacement price)."""
    return edit_data(first_year(path), lambda d: d.update(replacement_hourly_cost_eur=15.0))


def table(frame: pd.DataFrame) -> list[list[str]]:
    """A table of texts as rows, its titles first."""
    return [list(frame.columns), *(list(row) for row in frame.itertuples(index=False))]


def test_a_group_of_two_worked_by_hand() -> None:
    coop = three_with_a_cafe()
    accounts = group_accounts(coop, ["b", "a"], "fr")
    assert accounts.members == ("a", "b")
    assert (accounts.value_eur, accounts.today_eur, accounts.gain_eur) == (4000, -500, 4500)
    assert accounts.title == "Pourquoi ? A et B sans les autres : leurs comptes"
    assert accounts.sentences == (
        f"Sans les autres, A et B feraient ensemble 4{S}000{N}€ ; le partage actuel leur "
        f"donne −500{N}€.",
        f"Dans ce groupe, Commun aurait un résultat de 4{S}500{N}€ (aujourd'hui 10{S}700{N}€).",
        "S'arrêteraient : Atelier, Jardin.",
        f"Elles achèteraient 40{N}h au marché pour remplacer les heures des absentes : "
        f"1{S}000{N}€.",
    )
    assert table(accounts.results) == [
        ["Structure", "Aujourd'hui", "Dans le groupe", "Écart"],
        ["A", f"−500,00{N}€", f"1{S}750,00{N}€", f"+2{S}250,00{N}€"],
        ["B", f"0,00{N}€", f"2{S}250,00{N}€", f"+2{S}250,00{N}€"],
        ["Total", f"−500,00{N}€", f"4{S}000,00{N}€", f"+4{S}500,00{N}€"],
    ]
    assert table(accounts.activities) == [
        ["Activité", "Porteur", "Aujourd'hui", "Dans le groupe", "Pourquoi elle s'arrête"],
        ["Café", "Commun", f"6{S}000,00{N}€", f"4{S}500,00{N}€", ""],
        ["Atelier", "Commun", f"3{S}500,00{N}€", "–", "il y faut C"],
        ["Jardin", "C", f"4{S}000,00{N}€", "–", "portée par C, absente"],
    ]
    assert table(accounts.replaced)[1:] == [
        ["Café", "C", "Commun", f"40{N}h", f"25,00{N}€", f"1{S}000,00{N}€"],
        ["Total", "", "", f"40{N}h", "", f"1{S}000,00{N}€"],
    ]
    assert accounts.lines_apart == (
        LineApart("Café — Loyer", "commun", "c", -2000, -2500),
        LineApart("Atelier — Stage de A", "a", "commun", -500, -500),
        LineApart("Aide de la Région", "commun", "region", 1000, None, ("c",)),
        LineApart("Cotisation C", "commun", "c", 200, None),
    )
    assert [row[-1] for row in table(accounts.lines)[1:]] == [
        "au marché, à son prix",
        "au marché, même montant",
        "abandonnée : il y faut C",
        "abandonnée",
    ]


def test_the_same_group_in_english() -> None:
    accounts = group_accounts(three_with_a_cafe(), ["a", "b"], "en")
    assert accounts.title == "Why? A and B without the others: their accounts"
    assert accounts.sentences[0] == (
        "Without the others, A and B would make €4,000 together; the current sharing gives "
        "them −€500."
    )
    assert list(accounts.lines.columns) == [
        "Line",
        "For",
        "Today with",
        "Today",
        "In the group",
        "What changes",
    ]


@pytest.mark.parametrize("path", [PASSERELLES, HALLE], ids=["passerelles", "halle"])
def test_every_groups_value_is_its_value_in_the_game(path: Path) -> None:
    """v(S) of every group, from the group's own world, and what the sharing gives it today."""
    coop = first_year(path)
    v, today = coalition_values(coop), evaluate(coop)
    ids = coop.member_ids
    for mask in range(1, len(v)):
        group = [ids[i] for i in coalition_members(mask)]
        accounts = group_accounts(coop, group, "fr", today)
        assert accounts.value_eur == pytest.approx(v[mask], abs=1e-6), group
        received = sum(today.member(m).cash_result_eur for m in group)
        assert accounts.today_eur == pytest.approx(received), group


def test_the_hours_bought_are_the_replacement_lines_of_the_groups_model() -> None:
    """Passerelles at 15 € an hour: the Conservatoire and Terre d'Osmose buy Ludosens's hours."""
    coop = cheap_hours(PASSERELLES)
    group = ["conservatoire-du-gout", "terre-d-osmose"]
    accounts = group_accounts(coop, group, "fr")
    leaving = members_leave(coop, ["ludosens"])
    assert accounts.replaced_hours == leaving.replaced
    assert accounts.stopped == leaving.stopped == ("accompagnement-jeunes",)
    reduced = reduce_cooperation(coop, group)
    bought = [
        c.total_eur
        for a in reduced.activities
        for c in a.costs
        if c.label.startswith(f"{REPLACEMENT} ludosens")
    ]
    assert sum(bought) == pytest.approx(leaving.replacement_cost_eur) == 21_750
    rows = table(accounts.replaced)
    assert rows[0] == ["Activité", "Heures de", "Achetées par", "Heures", "Prix de l'heure", "Coût"]
    assert [r[1] for r in rows[1:-1]] == ["Ludosens"] * 4
    assert rows[-1] == ["Total", "", "", f"1{S}450{N}h", "", f"21{S}750,00{N}€"]
    assert accounts.sentences[3] == (
        f"Elles achèteraient 1{S}450{N}h au marché pour remplacer les heures des absentes : "
        f"21{S}750{N}€."
    )


def test_halle_without_r3_keeps_its_lots_with_the_market_and_loses_the_atis_grant() -> None:
    coop = first_year(HALLE)
    group = ["la-boucle", "slow-fest", "ecoagir"]
    accounts = group_accounts(coop, group, "en")
    lots = next(
        c
        for a in coop.activities
        if a.id == "recyclerie"
        for c in a.costs
        if c.payee == "r3-bordeaux"
    )
    grant = next(f for f in coop.flows if f.source == "atis")
    assert accounts.lines_apart == (
        LineApart(f"Recyclerie — {lots.label}", "halle", "r3-bordeaux", -6000, -6000),
        LineApart(grant.label, "halle", "atis", 5000, None, ("r3-bordeaux",)),
    )
    reduced = reduce_cooperation(coop, group)
    kept = next(
        c
        for a in reduced.activities
        if a.id == "recyclerie"
        for c in a.costs
        if c.label == lots.label
    )
    assert (kept.payee, kept.total_eur) == (MARKET, lots.total_eur)
    assert grant.label not in {f.label for f in reduced.flows}
    assert accounts.stopped == ("massification-encombrants", "tri-encombrants")
    why = dict(
        zip(accounts.activities["Activity"], accounts.activities["Why it stops"], strict=True)
    )
    stopped = {a.id: a.name for a in coop.activities if a.id in accounts.stopped}
    assert why[stopped["massification-encombrants"]] == "carried by R3 Bordeaux, who is absent"
    assert why[stopped["tri-encombrants"]] == "it needs R3 Bordeaux"


def test_a_member_alone_shows_its_alone_result_and_its_assumptions() -> None:
    coop = first_year(HALLE)
    today = evaluate(coop)
    ecoagir = today.member("ecoagir")
    accounts = group_accounts(coop, ["ecoagir"], "fr", today)
    assert accounts.alone
    assert accounts.value_eur == ecoagir.stand_alone_result_eur
    assert accounts.today_eur == ecoagir.cash_result_eur
    assert accounts.assumptions == alone_sentences(today, "fr")["ecoagir"]
    assert accounts.assumptions  # its team's meals at the café: still paid, to the market
    assert accounts.title == "Pourquoi ? Ecoagir / Réagir33 seule : ses comptes"
    assert list(accounts.results.columns) == ["Structure", "Aujourd'hui", "Seule", "Écart"]
    assert accounts.activities.empty and accounts.replaced.empty and accounts.lines.empty


def test_a_member_with_nothing_to_assume_says_so() -> None:
    accounts = group_accounts(build(), ["a"], "en")
    assert accounts.assumptions == (
        "No line with another member or the shared entity, no other member's hours on its "
        "activities: alone, it keeps its activities as written.",
    )


def test_a_group_of_strangers_is_refused() -> None:
    with pytest.raises(ValueError, match="not a group"):
        group_accounts(build(), ["a", "z"], "fr")
    with pytest.raises(ValueError, match="not a group"):
        group_accounts(build(), [], "fr")


def test_a_flow_between_members_goes_to_the_market_as_its_apart_says() -> None:
    """A pays B 300 €, C pays B 100 € and gives A 50 €; the group is A and B, without C.

    A's 300 € to B stays as it is (both are there). B gets its 100 € from the market
    instead (``apart: {payee: 100}``, a price); A does without C's 50 € (a money flow's
    payee drops it by default). The market flow the group's model writes keeps the
    label « Achat »: it must not be taken for the flow kept as it is.
    """
    coop = build(
        members=[
            {"id": "a", "name": "A", "hourly_cost_eur": 20.0},
            {"id": "b", "name": "B", "hourly_cost_eur": 30.0},
            {"id": "c", "name": "C", "hourly_cost_eur": 25.0},
        ],
        flows=[
            {"from": "a", "to": "b", "kind": "money", "label": "Prêt", "amount_eur": 300},
            {
                "from": "c",
                "to": "b",
                "kind": "money",
                "label": "Achat",
                "amount_eur": 100,
                "apart": {"payee": 100},
            },
            {"from": "c", "to": "a", "kind": "money", "label": "Don", "amount_eur": 50},
        ],
    )
    accounts = group_accounts(coop, ["a", "b"], "fr")
    assert accounts.lines_apart == (
        LineApart("Achat", "b", "c", 100, 100),
        LineApart("Don", "a", "c", 50, None),
    )
    assert accounts.value_eur == pytest.approx(coalition_values(coop)[0b011])
