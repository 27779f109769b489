"""Fairness page under AppTest: the game, fair shares, stability and the three-player workshop."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from bm3c.engine import evaluate
from bm3c.engine.game import coalition_values
from bm3c.engine.leaving import members_leave
from bm3c.fairness import nucleolus, scrb, shapley
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.validation import edit_data, validate_cooperation
from bm3c.model.years import year_view
from bm3c.present.charts_fairness import (
    ALL_COALITIONS_UP_TO,
    WORKSHOP_GAME,
    join_names,
    listed_coalitions,
    polygon_band,
    three_player_game,
    triangle_chart,
)
from bm3c.synthetic import synthetic_cooperation
from bm3c.texts.format import hours, money
from tests.conftest import build
from tests.ui.apptest import EXAMPLES, HALLE, ROOT, open_app, table_with

DEFAULT_NAMES = ("Ressourcerie", "Épicerie solidaire", "Atelier vélo")


def a_pair_better_off_alone() -> Cooperation:
    """Three members; the hall needs only Ludosens and Terre d'Osmose and earns 3 600 €.

    Shared equally, each member gets 1 200 €, so the pair receives 2 400 € of the
    3 600 € it would make without Le Chai: it would gain 1 200 € by leaving.
    """
    return build(
        members=[
            {"id": "a", "name": "Ludosens", "hourly_cost_eur": 20.0},
            {"id": "b", "name": "Terre d'Osmose", "hourly_cost_eur": 20.0},
            {"id": "c", "name": "Le Chai", "hourly_cost_eur": 20.0},
        ],
        activities=[
            {
                "id": "hall",
                "name": "Hall",
                "carrier": "commun",
                "requires": ["a", "b"],
                "revenues": [{"label": "Billets", "amount_eur": 3600.0}],
            }
        ],
        sharing={"surplus": "equal", "deficit": "equal"},
    )


def charts(at: AppTest) -> list[str]:
    """Each chart's spec followed by its data sets (as JSON records): all it draws."""
    out = []
    for chart in at.get("vega_lite_chart"):
        frames = [pa.ipc.open_stream(d.data.data).read_pandas() for d in chart.proto.datasets]
        data = [f.to_json(orient="records", force_ascii=False) for f in frames]
        out.append("\n".join([chart.proto.spec, *data]))
    return out


def triangle_spec(at: AppTest) -> str:
    return next(spec for spec in charts(at) if '"layer"' in spec)


def teaching_table(at: AppTest, column: str = "Nucléole") -> list[str]:
    table = next(
        d.value for d in at.dataframe if column in d.value.columns and len(d.value.columns) == 4
    )
    return list(table[column])


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_page_opens_on_every_example(example: Path, lang: str) -> None:
    at = open_app(example, page="fairness", lang=lang)
    assert not at.exception
    title = {"fr": "Équité : qui devrait recevoir quoi ?", "en": "Fairness: who should get what?"}
    assert at.title[0].value == title[lang]
    assert len(at.get("vega_lite_chart")) == 2  # fair shares, triangle


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_allocation_table_shows_the_library_figures(example: Path) -> None:
    at = open_app(example, page="fairness")
    coop = year_view(load_cooperation(example), 0)  # the page shows the first plan year
    v = coalition_values(coop)
    ev = evaluate(coop)
    table = table_with(at, "Nucléole", read_only=True)
    assert list(table["Structure"]) == [m.name for m in coop.members]
    assert list(table["Shapley"]) == [money(x, "EUR", "fr") for x in shapley(v)]
    assert list(table["Nucléole"]) == [money(x, "EUR", "fr") for x in nucleolus(v)]
    assert list(table["SCRB"]) == [money(x, "EUR", "fr") for x in scrb(v)]
    assert list(table["Partage actuel"]) == [
        money(ev.member(m).cash_result_eur, "EUR", "fr") for m in coop.member_ids
    ]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Toutes ensemble"] == money(v[-1], "EUR", "fr")
    coalitions = table_with(at, "Groupe de structures", read_only=True)
    assert len(coalitions) == 2 ** len(coop.members) - 1
    assert coalitions["Groupe de structures"].iloc[-1] == " + ".join(m.name for m in coop.members)


def test_a_pair_better_off_alone_is_named() -> None:
    at = open_app(a_pair_better_off_alone(), page="fairness")
    assert not at.exception
    assert any("Chaque structure reçoit au moins" in s.value for s in at.success)
    warning = next(w.value for w in at.warning if "gagneraient à partir" in w.value)
    assert (
        "**Ludosens et Terre d'Osmose** gagneraient ensemble 1\u202f200\u00a0€ de plus "
        "à travailler sans les autres." in warning
    )
    assert "Le Chai" not in warning
    # the hall's 3 600 € can go to the pair: a stable split exists
    assert any("le « cœur » n'est pas vide" in i.value for i in at.info)


def passerelles_with_cheap_hours() -> Cooperation:
    """Passerelles where an hour bought on the market costs 15 € (its replacement price).

    Without Ludosens, the Conservatoire and Terre d'Osmose buy its 1 450 h at 15 €/h,
    where the SCIC reimburses Ludosens 26 €/h today: the pair would make 11 920 € on
    its own, 3 661 € more than the current sharing gives it.
    """
    coop = load_cooperation(ROOT / "examples" / "passerelles.yaml")
    return edit_data(coop, lambda d: d.update(replacement_hourly_cost_eur=15.0))


def test_opening_why_a_group_would_leave_shows_the_hours_it_buys() -> None:
    coop = passerelles_with_cheap_hours()
    at = open_app(coop, page="fairness")
    warning = next(w.value for w in at.warning if "gagneraient à partir" in w.value)
    assert "**Le conservatoire du goût et Terre d'Osmose** gagneraient ensemble" in warning
    [why] = [e for e in at.expander if e.label.startswith("Pourquoi ?")]
    assert why.label == (
        "Pourquoi ? Le conservatoire du goût et Terre d'Osmose sans les autres : leurs comptes"
    )
    leaving = members_leave(year_view(coop, 0), ["ludosens"])  # the first plan year
    replaced = next(d.value for d in why.dataframe if "Heures de" in d.value.columns)
    assert list(replaced["Heures de"][:-1]) == ["Ludosens"] * len(leaving.replaced)
    assert list(replaced["Heures"][:-1]) == [hours(r.hours, "fr") for r in leaving.replaced]
    assert list(replaced["Coût"][:-1]) == [money(r.cost_eur, "EUR", "fr") for r in leaving.replaced]
    assert replaced["Coût"].iloc[-1] == money(leaving.replacement_cost_eur, "EUR", "fr")
    results = next(d.value for d in why.dataframe if "Écart" in d.value.columns)
    v = coalition_values(year_view(coop, 0))
    assert results["Dans le groupe"].iloc[-1] == money(v[0b110], "EUR", "fr")
    assert any("S'arrêteraient : Accompagnement des jeunes" in m.value for m in why.markdown)


def test_a_member_that_would_leave_alone_shows_its_assumptions() -> None:
    at = open_app(HALLE, page="fairness", lang="en")
    labels = [e.label for e in at.expander if e.label.startswith("Why?")]
    assert "Why? Ecoagir / Réagir33 alone: its accounts" in labels
    why = next(e for e in at.expander if e.label == "Why? Ecoagir / Réagir33 alone: its accounts")
    assert any("Repas des équipes d'Ecoagir" in m.value for m in why.markdown)


def test_the_stability_texts_in_english() -> None:
    at = open_app(a_pair_better_off_alone(), page="fairness", lang="en")
    warning = next(w.value for w in at.warning if "would gain by leaving" in w.value)
    assert (
        "**Ludosens and Terre d'Osmose** would together make €1,200 more "
        "by working without the others." in warning
    )


def test_an_empty_core_is_explained_with_the_least_core() -> None:
    at = open_app(HALLE, page="fairness")
    warning = next(w.value for w in at.warning if "le « cœur » est vide" in w.value)
    assert "laisse un groupe à" in warning


def test_the_default_workshop_game_shows_the_library_values() -> None:
    at = open_app(HALLE, page="fairness")
    v = three_player_game(
        (WORKSHOP_GAME[1], WORKSHOP_GAME[2], WORKSHOP_GAME[4]),
        (WORKSHOP_GAME[3], WORKSHOP_GAME[5], WORKSHOP_GAME[6]),
        WORKSHOP_GAME[7],
    )
    assert teaching_table(at, "Shapley") == [money(x, "EUR", "fr", 0) for x in shapley(v)]
    assert teaching_table(at, "Nucléole") == [money(x, "EUR", "fr", 0) for x in nucleolus(v)]
    assert any("zone verte est le « cœur »" in s.value for s in at.success)
    spec = triangle_spec(at)
    for name in DEFAULT_NAMES:
        assert f"Tout le surplus à {name}" in spec
    assert '"Shapley"' in spec and '"Nucléole"' in spec
    assert '"Cœur"' in spec and "Chacune ≥ seule" in spec


def test_typing_a_game_with_an_empty_core() -> None:
    """Each pair makes 90 alone, all three 100: any split leaves a pair short."""
    at = open_app(HALLE, page="fairness")
    at.text_input(key="fairness.teach.name.0").set_value("Alpha")
    for mask, value in {1: 0, 2: 0, 4: 0, 3: 90, 5: 90, 6: 90, 7: 100}.items():
        at.number_input(key=f"fairness.teach.v.{mask}").set_value(float(value))
    at.run()
    assert not at.exception
    assert any("Le cœur est vide" in w.value for w in at.warning)
    spec = triangle_spec(at)
    assert "Tout le surplus à Alpha" in spec
    assert '"Cœur"' not in spec
    assert teaching_table(at, "Shapley") == [money(100 / 3, "EUR", "fr", 0)] * 3


def test_a_game_where_cooperating_loses_has_no_triangle() -> None:
    at = open_app(HALLE, page="fairness", lang="en")
    at.number_input(key="fairness.teach.v.7").set_value(0.0).run()
    assert not at.exception
    assert any("there is no triangle" in w.value for w in at.warning)
    assert "Whole surplus to" not in triangle_spec(at)


def test_names_must_differ() -> None:
    at = open_app(HALLE, page="fairness")
    at.text_input(key="fairness.teach.name.1").set_value(DEFAULT_NAMES[0]).run()
    assert not at.exception
    assert any("trois noms différents" in w.value for w in at.warning)
    assert len(at.get("vega_lite_chart")) == 1


def test_a_large_cooperation_skips_the_nucleolus_and_says_so() -> None:
    coop = validate_cooperation(synthetic_cooperation(members=19, activities=30, flows=40))
    at = open_app(coop, page="fairness")
    assert not at.exception
    table = table_with(at, "Shapley", read_only=True)
    assert "Nucléole" not in table.columns
    v = coalition_values(coop)
    assert list(table["Shapley"]) == [money(x, "EUR", "fr") for x in shapley(v)]
    assert any("au-delà de 18" in i.value for i in at.info)
    coalitions = table_with(at, "Groupe de structures", read_only=True)
    assert len(coalitions) == 19 + 19 + 1


def test_a_single_member_gets_a_clear_text() -> None:
    two = build()
    one = two.model_copy(update={"members": two.members[:1]})
    at = open_app(one, page="fairness")
    assert not at.exception
    assert any("n'a qu'une structure" in i.value for i in at.info)


def test_join_names_and_listed_coalitions() -> None:
    assert join_names(["A"], "et") == "A"
    assert join_names(["A", "B", "C"], "and") == "A, B and C"
    assert listed_coalitions(2) == [1, 2, 3]
    n = ALL_COALITIONS_UP_TO + 1
    full = (1 << n) - 1
    listed = listed_coalitions(n)
    assert len(listed) == 2 * n + 1
    assert listed[:2] == [1, 2] and listed[-1] == full


def test_polygon_band_of_a_square() -> None:
    band = polygon_band([(0, 0), (2, 0), (2, 2), (0, 2)])
    assert band.to_dict("records") == [
        {"x": 0, "y_low": 0, "y_high": 2},
        {"x": 2, "y_low": 0, "y_high": 2},
    ]
    assert polygon_band([]).empty


def test_the_triangle_is_drawn_to_scale() -> None:
    """Default game: the corners are 30 000 € apart in each pair of directions."""
    v = np.array([0, 20_000, 10_000, 40_000, 0, 35_000, 25_000, 60_000], dtype=float)
    texts = {"title": "T", "imputations": "I", "core": "C", "point": "P", "all_to": "all {name}"}
    chart = triangle_chart(
        v, ("a", "b", "c"), {"S": shapley(v)}, texts=texts, currency="EUR", lang="fr"
    )
    spec = chart.to_dict()
    x = spec["layer"][0]["encoding"]["x"]["scale"]["domain"]
    y = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert x[1] - x[0] == pytest.approx(y[1] - y[0])
    assert spec["width"] == spec["height"]
    assert "all a" in json.dumps(spec)
