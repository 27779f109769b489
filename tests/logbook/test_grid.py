"""The logbook's grid: the shipped grid, located errors for broken grids, editing."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bm3c.errors import Bm3cError
from bm3c.logbook import (
    FACTS,
    LEVELS,
    Grid,
    InvalidGridError,
    default_grid,
    dump_grid,
    free_slug,
    grid_to_data,
    load_grid,
    parse_grid,
    text_of,
    untranslated_texts,
    validate_grid,
    with_axis,
    with_questions,
    without_axis,
)

# The six collective sessions of the accompaniment ("Temps collectifs" in the
# source document), in the document's order.
DOCUMENT_AXES = [
    ("horizon-commun", "Construire et affiner l'horizon coopératif commun"),
    ("engagement-confiance", "Engagement, confiance et animation de projets collectifs"),
    ("partage-experience", "Partage collectif et témoignages de projets de coopération"),
    ("modele-economique", "Les modèles économiques de la coopération"),
    ("gouvernance", "Gouvernance des groupements"),
    ("suivi", "Suivre et partager son processus de coopération"),
]
FRENCH_WORDS = {"le", "la", "les", "de", "des", "du", "et", "est", "un", "une", "à", "chaque"}
ENGLISH_WORDS = {"the", "of", "and", "is", "a", "to", "in", "each", "it", "its", "are"}
NOT_ENGLISH = {"les", "des", "une", "est", "avec", "chaque", "pour", "dans"}
NOT_FRENCH = {"the", "and", "with", "which", "each", "of"}


def texts(fr: str | None = None, en: str | None = None) -> dict[str, str]:
    return {k: v for k, v in (("fr", fr), ("en", en)) if v is not None}


def small_grid() -> dict[str, Any]:
    """Two valid axes, French only for the second, as a collective might write them."""
    levels = {n: texts(f"Niveau {n}", f"Level {n}") for n in LEVELS}
    return {
        "bm3c_grid": 1,
        "name": texts("Notre grille", "Our grid"),
        "axes": [
            {
                "id": "gouvernance",
                "name": texts("Gouvernance", "Governance"),
                "questions": [
                    {"id": "qui-decide", "text": texts("Qui décide ?", "Who decides?")},
                    {"id": "regles", "text": texts("Règles écrites ?", "Written rules?")},
                ],
                "levels": copy.deepcopy(levels),
                "model_links": ["sharing_rule", "reserve"],
            },
            {
                "id": "local",
                "name": texts("Ancrage local"),
                "questions": [{"id": "quartier", "text": texts("Le quartier nous connaît ?")}],
                "levels": {n: texts(f"Niveau {n}") for n in LEVELS},
            },
        ],
    }


def problems_of(text: str | bytes, fmt: str = "yaml") -> list[tuple[str, str]]:
    with pytest.raises(InvalidGridError) as caught:
        parse_grid(text, fmt, source="grille.yaml")
    assert caught.value.source == "grille.yaml"
    return [(p.path, p.message) for p in caught.value.problems]


def dumped(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# --- the shipped grid -----------------------------------------------------------------


def test_the_shipped_grid_has_the_six_axes_of_the_document() -> None:
    grid = default_grid()
    assert [(a.id, a.name.fr) for a in grid.axes] == DOCUMENT_AXES
    assert grid.bm3c_grid == 1
    assert default_grid() is grid  # read once


def test_each_shipped_axis_has_questions_objectives_levels_and_facts() -> None:
    grid = default_grid()
    assert len(grid.question_ids) == len(set(grid.question_ids))
    for axis in grid.axes:
        assert 3 <= len(axis.questions) <= 4, axis.id
        assert axis.description is not None and len(axis.objectives) >= 2, axis.id
        assert sorted(axis.levels) == list(LEVELS), axis.id
        assert len({text_of(t, "fr") for t in axis.levels.values()}) == 5, axis.id
        assert axis.model_links and set(axis.model_links) <= set(FACTS), axis.id
        for q in axis.questions:
            assert q.id.startswith(axis.id.split("-")[0]), q.id
            assert text_of(q.text, "fr").endswith("\u00a0?"), q.id  # French typography
            assert text_of(q.text, "en").endswith("?"), q.id


def test_every_fact_is_linked_by_some_axis_of_the_shipped_grid() -> None:
    linked = {key for axis in default_grid().axes for key in axis.model_links}
    assert linked == set(FACTS)


def all_texts(grid: Grid) -> list[tuple[str, Any]]:
    found = [("name", grid.name), ("description", grid.description)]
    for a in grid.axes:
        found += [(f"{a.id}.name", a.name), (f"{a.id}.description", a.description)]
        found += [(f"{a.id}.objectives[{i}]", o) for i, o in enumerate(a.objectives)]
        found += [(q.id, q.text) for q in a.questions]
        found += [(f"{a.id}.levels[{n}]", t) for n, t in a.levels.items()]
    return found


def test_the_shipped_grid_is_complete_in_french_and_in_english() -> None:
    grid = default_grid()
    assert untranslated_texts(grid) == []
    for where, t in all_texts(grid):
        assert t is not None and t.fr and t.en, where
        assert t.fr.strip() and t.en.strip(), where
        assert t.fr != t.en, where  # no text left in the other language by mistake
        fr_words = set(re.findall(r"[\w']+", t.fr.lower()))
        en_words = set(re.findall(r"[\w']+", t.en.lower()))
        assert not fr_words & NOT_FRENCH, (where, t.fr)
        assert not en_words & NOT_ENGLISH, (where, t.en)
        if len(fr_words) >= 7:  # a sentence, not a title: its small words tell the language
            assert fr_words & FRENCH_WORDS, (where, t.fr)
        if len(en_words) >= 7:
            assert en_words & ENGLISH_WORDS, (where, t.en)
        assert not re.search(r"[éèêàçùœ«»]", t.en), (where, t.en)


def test_the_shipped_grid_round_trips_through_yaml_json_and_plain_data() -> None:
    grid = default_grid()
    assert validate_grid(grid_to_data(grid)) == grid
    for fmt in ("yaml", "json"):
        assert parse_grid(dump_grid(grid, fmt), fmt) == grid
    assert list(grid_to_data(grid)["axes"][0]["levels"]) == [1, 2, 3, 4, 5]


def test_a_grid_in_one_language_round_trips_and_falls_back() -> None:
    grid = validate_grid(small_grid())
    assert parse_grid(dump_grid(grid)) == grid
    assert "en" not in grid_to_data(grid)["axes"][1]["name"]  # nothing invented
    local = grid.axis("local")
    assert text_of(local.name, "en") == "Ancrage local"
    assert text_of(local.name, "fr") == "Ancrage local"
    assert text_of(grid.axis("gouvernance").name, "en") == "Governance"
    assert text_of(None, "fr") == ""
    assert untranslated_texts(grid) == [
        "axes[1].name",
        "axes[1].questions[0].text",
        *[f"axes[1].levels[{n}]" for n in LEVELS],
    ]


def test_a_grid_finds_its_axes_and_questions() -> None:
    grid = validate_grid(small_grid())
    assert grid.axis_ids == ("gouvernance", "local")
    assert grid.question_ids == ("qui-decide", "regles", "quartier")
    assert grid.axis_of("regles").id == "gouvernance"
    assert grid.question("quartier").text.fr == "Le quartier nous connaît ?"
    with pytest.raises(KeyError):
        grid.axis("nope")
    with pytest.raises(KeyError):
        grid.question("nope")


# --- broken grids: every problem, located ----------------------------------------------


def broken(change: Any) -> str:
    data = small_grid()
    change(data)
    return dumped(data)


def _set(path: str, value: Any) -> Any:
    """A change that sets ``path`` (dots; digits are list positions or level numbers)."""

    def change(data: Any) -> None:
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[_key(node, part)]
        node[int(last) if isinstance(node, list) else _key(node, last)] = value

    return change


def _key(node: dict[Any, Any], part: str) -> Any:
    return int(part) if part.isdigit() and int(part) in node else part


def _delete(path: str) -> Any:
    def change(data: Any) -> None:
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[_key(node, part)]
        del node[int(last) if isinstance(node, list) else _key(node, last)]

    return change


BROKEN_GRIDS: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "missing level",
        broken(_delete("axes.1.levels.4")),
        [("axes[1].levels", "give the five levels 1 to 5 (missing 4)")],
    ),
    (
        "level beyond 5",
        broken(_set("axes.0.levels.6", texts("Niveau 6"))),
        [("axes[0].levels", "give the five levels 1 to 5 (6 is not a level)")],
    ),
    (
        "level that is not a number",
        broken(_set("axes.0.levels.trois", texts("Trois"))),
        [("axes[0].levels.trois", "'trois' is not a level: levels are numbered 1 to 5")],
    ),
    (
        "duplicate axis id",
        broken(_set("axes.1.id", "gouvernance")),
        [("axes[1].id", "'gouvernance' is used twice (first at axes[0].id)")],
    ),
    (
        "duplicate question id across axes",
        broken(_set("axes.1.questions.0.id", "regles")),
        [("axes[1].questions[0].id", "'regles' is used twice (first at axes[0].questions[1].id)")],
    ),
    (
        "unknown fact",
        broken(_set("axes.0.model_links.1", "foo")),
        [("axes[0].model_links[1]", "unknown fact 'foo' (known: ")],
    ),
    (
        "empty questions",
        broken(_set("axes.0.questions", [])),
        [("axes[0].questions", "give at least one question")],
    ),
    (
        "no language",
        broken(_set("axes.1.questions.0.text", {})),
        [("axes[1].questions[0].text", "give the text in French (fr) or English (en)")],
    ),
    (
        "blank text",
        broken(_set("axes.0.name.fr", "   ")),
        [("axes[0].name.fr", "the text is empty: write it, or leave this language out")],
    ),
    (
        "unknown language",
        broken(_set("axes.0.name.de", "Regierung")),
        [("axes[0].name.de", "unknown language 'de': give the text as fr and/or en")],
    ),
    (
        "misspelt key",
        broken(_set("axes.0.question", [])),
        [
            ("axes[0].question", "unknown key 'question' (known: "),
            ("axes[0].question", "did you mean 'questions'?"),
        ],
    ),
    (
        "plain text instead of languages",
        broken(_set("axes.0.name", "Gouvernance")),
        [("axes[0].name", "give the text in each language as a mapping, e.g. {fr: ..., en: ...}")],
    ),
    (
        "a number as text",
        broken(_set("axes.0.questions.0.text.fr", 3)),
        [("axes[0].questions[0].text.fr", "expected text, got 3 (put it in quotes)")],
    ),
    (
        "questions not a list",
        broken(_set("axes.0.questions", "Qui décide ?")),
        [("axes[0].questions", "expected a list, got text")],
    ),
    (
        "levels as a list",
        broken(_set("axes.0.levels", ["un", "deux", "trois", "quatre", "cinq"])),
        [("axes[0].levels", "give the levels as a mapping from 1 to 5")],
    ),
    (
        "an axis that is not a mapping",
        broken(_set("axes.1", "local")),
        [("axes[1]", "expected a mapping of keys, got text")],
    ),
    (
        "id with capitals and spaces",
        broken(_set("axes.0.id", "Gouvernance Partagée")),
        [
            (
                "axes[0].id",
                "'Gouvernance Partagée' is not a valid id: use lowercase letters, digits and "
                "dashes, e.g. 'gouvernance-partagee'",
            )
        ],
    ),
    (
        "missing question text",
        broken(_delete("axes.0.questions.0.text")),
        [("axes[0].questions[0].text", "required field is missing")],
    ),
    ("no axes", broken(_set("axes", [])), [("axes", "give at least one axis")]),
    (
        "no format marker",
        broken(_delete("bm3c_grid")),
        [("bm3c_grid", "required: a grid file starts with 'bm3c_grid: 1'")],
    ),
    (
        "another format version",
        broken(_set("bm3c_grid", 2)),
        [("bm3c_grid", "grid format '2' is not supported: this bm3c reads 'bm3c_grid: 1'")],
    ),
    (
        "not a mapping",
        "- gouvernance\n- suivi\n",
        [("", "a grid file holds a mapping of keys (bm3c_grid, name, axes), found list")],
    ),
    ("empty file", "", [("", "found nothing")]),
    ("YAML syntax error", "bm3c_grid: 1\nname: {fr: [unclosed\n", [("", "invalid YAML at line 3")]),
    (
        "repeated key",
        "bm3c_grid: 1\nname: {fr: Grille}\nname: {fr: Autre}\naxes: []\n",
        [("", "line 3, column 1: key 'name' appears twice in one mapping (first at line 2)")],
    ),
    (
        "unsafe tag",
        "bm3c_grid: !!python/object:os.system {}\n",
        [("", "unsafe or unknown YAML tag")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(text, expected, id=name) for name, text, expected in BROKEN_GRIDS],
)
def test_a_broken_grid_is_refused_with_each_problem_located(
    text: str, expected: list[tuple[str, str]]
) -> None:
    found = problems_of(text)
    for path, fragment in expected:
        assert any(p == path and fragment in m for p, m in found), (path, fragment, found)


def test_every_problem_is_reported_at_once() -> None:
    data = small_grid()
    del data["axes"][1]["levels"][4]
    data["axes"][1]["id"] = "gouvernance"
    data["axes"][0]["model_links"] = ["reserve", "foo"]
    data["axes"][0]["questions"][1]["text"] = {}
    data["axes"][0]["questions"][0]["id"] = "Qui"
    found = problems_of(dumped(data))
    assert [p for p, _ in found] == [
        "axes[0].questions[0].id",
        "axes[0].questions[1].text",
        "axes[0].model_links[1]",
        "axes[1].id",
        "axes[1].levels",
    ]
    with pytest.raises(InvalidGridError, match=r"5 problem\(s\)"):
        parse_grid(dumped(data))


def test_problems_across_parts_are_found_when_the_fields_are_well_formed() -> None:
    data = small_grid()
    data["axes"][1]["id"] = "gouvernance"
    del data["axes"][0]["levels"][2]
    del data["axes"][0]["levels"][3]
    assert problems_of(dumped(data)) == [
        ("axes[0].levels", "give the five levels 1 to 5 (missing 2, 3)"),
        ("axes[1].id", "'gouvernance' is used twice (first at axes[0].id)"),
    ]


def test_a_json_grid_reads_level_numbers_given_as_text() -> None:
    data = small_grid()
    text = json.dumps(data)  # JSON writes the level numbers as "1".."5"
    assert '"1":' in text
    assert parse_grid(text, "json") == validate_grid(data)
    assert problems_of('{"bm3c_grid": 1, "bm3c_grid": 1}', "json") == [
        ("", "line 1, column 18: key 'bm3c_grid' appears twice in one JSON object")
    ]


def test_a_missing_grid_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(InvalidGridError, match="cannot read the file") as caught:
        load_grid(tmp_path / "absent.yaml")
    assert isinstance(caught.value, Bm3cError)
    (tmp_path / "grille.json").write_text(json.dumps(small_grid()), encoding="utf-8")
    assert load_grid(tmp_path / "grille.json").axis_ids == ("gouvernance", "local")


# --- editing ---------------------------------------------------------------------------


def new_axis(**changes: Any) -> dict[str, Any]:
    axis = {
        "id": "alimentation",
        "name": texts("Alimentation durable"),
        "questions": [{"id": "circuits-courts", "text": texts("Achète-t-on local ?")}],
        "levels": {n: texts(f"Niveau {n}") for n in LEVELS},
    }
    axis.update(changes)
    return axis


def test_with_axis_adds_a_collectives_own_axis_at_the_end() -> None:
    grid = default_grid()
    edited = with_axis(grid, new_axis())
    assert edited.axis_ids == (*grid.axis_ids, "alimentation")
    assert text_of(edited.axis("alimentation").name, "en") == "Alimentation durable"
    assert default_grid().axis_ids == grid.axis_ids  # the shipped grid is untouched


def test_with_axis_replaces_the_axis_of_the_same_id_in_place() -> None:
    grid = default_grid()
    axis = grid.axis("gouvernance").model_copy(update={"model_links": ("reserve",)})
    edited = with_axis(grid, axis)
    assert edited.axis_ids == grid.axis_ids
    assert edited.axis("gouvernance").model_links == ("reserve",)


def test_with_axis_refuses_a_broken_axis_with_its_path_in_the_grid() -> None:
    levels = {n: texts(f"Niveau {n}") for n in (1, 2, 3, 5)}
    with pytest.raises(InvalidGridError) as caught:
        with_axis(default_grid(), new_axis(levels=levels, model_links=["scenario"]))
    known = ", ".join(sorted(FACTS))
    assert [str(p) for p in caught.value.problems] == [
        f"axes[6].model_links[0]: unknown fact 'scenario' (known: {known}; "
        "did you mean 'scenarios'?)",
        "axes[6].levels: give the five levels 1 to 5 (missing 4)",
    ]


def test_without_axis_removes_an_axis_but_not_the_last_one() -> None:
    grid = validate_grid(small_grid())
    assert without_axis(grid, "local").axis_ids == ("gouvernance",)
    with pytest.raises(InvalidGridError, match=r"unknown axis 'locale'.*did you mean 'local'"):
        without_axis(grid, "locale")
    with pytest.raises(InvalidGridError, match="axes: give at least one axis"):
        without_axis(without_axis(grid, "local"), "gouvernance")


def test_with_questions_keeps_ids_makes_free_ones_and_drops_empty_rows() -> None:
    grid = validate_grid(small_grid())
    rows = [
        {"id": "qui-decide", "fr": "Qui décide, et comment ?", "en": "Who decides, and how?"},
        {"fr": "Règles écrites ?", "en": None},  # 'regles' is kept below: a free id is made
        {"id": None, "fr": "Le quartier nous connaît ?", "en": float("nan")},
        {"id": "", "fr": "  ", "en": None},  # an empty row of the table editor
        {"id": "regles", "fr": None, "en": "Written rules?"},
    ]
    edited = with_questions(grid, "gouvernance", rows)
    questions = edited.axis("gouvernance").questions
    # 'quartier' is taken by the other axis; the made ids come from the French text
    assert [q.id for q in questions] == [
        "qui-decide",
        "regles-ecrites",
        "le-quartier-nous-connait",
        "regles",
    ]
    assert questions[0].text.en == "Who decides, and how?"
    assert questions[1].text.en is None and questions[3].text.fr is None
    assert edited.axis("local") == grid.axis("local")


def test_with_questions_refuses_what_a_grid_file_would() -> None:
    grid = validate_grid(small_grid())
    with pytest.raises(InvalidGridError, match=r"axes\[0\].questions: give at least one question"):
        with_questions(grid, "gouvernance", [{"fr": None, "en": ""}])
    with pytest.raises(InvalidGridError, match=r"axes\[1\].questions\[0\].id: 'quartier' is used"):
        with_questions(grid, "gouvernance", [{"fr": "A ?"}, {"id": "quartier", "fr": "B ?"}])
    with pytest.raises(InvalidGridError, match="unknown axis 'gouv'"):
        with_questions(grid, "gouv", [{"fr": "A ?"}])


def test_free_slug_makes_readable_ids_that_are_not_taken() -> None:
    assert free_slug("Qui décide de quoi ?") == "qui-decide-de-quoi"
    assert free_slug("Qui décide ?", {"qui-decide", "qui-decide-2"}) == "qui-decide-3"
    assert free_slug("?!") == "question"
    long = free_slug("Les règles d'entrée, de sortie et de partage sont-elles écrites ?")
    assert long == "les-regles-d-entree-de-sortie-et-de"
    assert len(long) <= 40
