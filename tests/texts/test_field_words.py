"""The model's fields and paths in words, and texts that agree with their counts."""

from __future__ import annotations

import typing

import pydantic
import pytest

from bm3c.model import Cooperation
from bm3c.texts.field_words import field_label, path_words, value_words
from bm3c.texts.grammar import join_words, plural
from bm3c.texts.i18n import LANGUAGES, catalog, translate

NB, NNB = "\u00a0", "\u202f"


def _model_fields(model: type[pydantic.BaseModel], seen: set[str]) -> set[str]:
    """Every file key of ``model`` and the models inside it (aliases as in the file)."""
    keys: set[str] = set()
    for name, info in model.model_fields.items():
        keys.add(info.alias or name)
        for inner in _models(info.annotation):
            if inner.__name__ not in seen:
                seen.add(inner.__name__)
                keys |= _model_fields(inner, seen)
    return keys


def _models(annotation: object) -> list[type[pydantic.BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


def test_every_field_of_the_model_has_a_label_in_both_languages() -> None:
    fields = _model_fields(Cooperation, set())
    assert {"hourly_cost_eur", "reserve_fraction", "from", "paid_hours", "apart"} <= fields
    missing = sorted(f for f in fields if f"field.{f}" not in catalog())
    assert not missing, missing
    for f in fields:
        for lang in LANGUAGES:
            label = field_label(f, lang)
            assert label and "_" not in label, (f, lang, label)
    assert field_label("hourly_cost_eur", "fr") == "coût horaire"
    assert field_label("hourly_cost_eur", "en") == "hourly cost"


def test_a_path_reads_with_names_and_labels() -> None:
    names = {"coordination": "Coordination", "la-boucle": "La Boucle", "region": "Région"}
    parts = ["activities", "coordination", "revenues", "Subvention tiers-lieu", "amount_eur"]
    assert (
        path_words(parts, "fr", names)
        == "Coordination › recettes › Subvention tiers-lieu › montant"
    )
    assert (
        path_words(parts, "en", names) == "Coordination › revenues › Subvention tiers-lieu › amount"
    )
    every = ["activities", "*", "revenues", "[kind=subsidy]", "amount_eur"]
    assert (
        path_words(every, "fr")
        == "toutes les activités › recettes › de nature Subvention › montant"
    )
    assert path_words(["flows", "[from=region]", "amount_eur"], "fr", names) == (
        "flux › venant de Région › montant"
    )
    assert path_words(["sharing", "weights", "la-boucle"], "fr", names) == (
        "partage du résultat › poids › La Boucle"
    )
    assert path_words(["shared_entity", "reserve_fraction"], "fr") == (
        "structure commune › part mise en réserve"
    )


def test_values_read_as_money_hours_shares_and_names() -> None:
    assert value_words("hourly_cost_eur", 38, "fr") == f"38,00{NB}€"
    assert value_words("hourly_cost_eur", 38, "en") == "€38.00"
    assert value_words("paid_hours", 1200, "fr") == f"1{NNB}200{NB}h"
    assert value_words("reserve_fraction", 0.575, "fr") == f"57,5{NB}%"
    assert value_words("reimbursed", True, "fr") == "oui"
    assert (
        value_words("carrier", "la-boucle", "fr", names={"la-boucle": "La Boucle"}) == "La Boucle"
    )
    assert value_words("requires", ["a", "b", "c"], "fr", names={"a": "A", "b": "B"}) == "A, B et c"
    assert value_words("surplus", "equal", "fr") == "À parts égales"
    assert value_words("kind", "subsidy", "fr") == "Subvention"


@pytest.mark.parametrize(
    ("count", "fr", "en"),
    [
        (0, "structure", "structures"),
        (1, "structure", "structure"),
        (1.5, "structure", "structures"),
        (2, "structures", "structures"),
    ],
)
def test_plural_follows_each_language(count: float, fr: str, en: str) -> None:
    assert plural(count, "structure", "structures", "fr") == fr
    assert plural(count, "structure", "structures", "en") == en


def test_words_join_as_a_sentence() -> None:
    assert join_words([], "fr") == ""
    assert join_words(["A"], "fr") == "A"
    assert join_words(["A", "B"], "fr") == "A et B"
    assert join_words(["A", "B", "C"], "fr") == "A, B et C"
    assert join_words(["A", "B", "C"], "en") == "A, B and C"


def test_texts_agree_with_one_or_many() -> None:
    one = translate("report.some_lose", "fr", names=["Ludosens"])
    assert "Ludosens s'en sort moins bien qu'en menant seule ses propres activités" in one
    many = translate("report.some_lose", "fr", names=["Ludosens", "R3"])
    assert "Ludosens et R3 s'en sortent moins bien qu'en menant seules leurs propres" in many
    assert translate("flows.more", "fr", count=1) == "… et 1 autre"
    assert translate("flows.more", "fr", count=3) == "… et 3 autres"
    assert translate("review.more", "fr", count=1) == "… et 1 autre"
    assert translate("common.some_lose", "fr", names=["A"]) == "Perd à coopérer : A."
    assert translate("common.some_lose", "fr", names=["A", "B"]) == "Perdent à coopérer : A et B."
    assert translate("overview.invalid_file", "en", count=1).endswith("1 problem to fix.")


def test_no_text_guesses_a_plural_with_brackets() -> None:
    """« problème(s) », « quitte(nt) »: the catalogue chooses instead of hedging."""
    hedged = [
        key
        for key, texts in catalog().items()
        for text in texts.values()
        if any(mark in text for mark in ("(s)", "(nt)", "(e)", "(es)"))
    ]
    assert not hedged, hedged
