"""Every page of the app, in French, on the three examples: no English, no file key.

The test reads every text a user reads (titles, captions, messages, metrics,
widget labels, help, options, placeholders, table headers and cells) and fails
on an English word of Streamlit's own or one the app used to leak, and on a
field path or a snake_case key of the model file. Widget-internal texts
AppTest cannot see (the file picker's button, the hint under a text field) are
checked in a browser by ``tests/e2e/test_every_word_french.py``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from bm3c.ui.main import PAGES
from tests.ui.apptest import EXAMPLES, open_app

#: Streamlit's own English and the English the app used to leak into French pages.
ENGLISH = (
    "Choose an option",
    "Choose options",
    "Press Enter",
    "submit form",
    "Upload",
    "Drag and drop",
    "Browse files",
    "per file",
    "No results",
    "Number is below",
    "Number is above",
    "allowed range",
    "Running...",
    "Add row",
    "Cash result",
    "cash result",
    "shared entity",
    "member '",
    "activity '",
    "work of",
    "revenue line",
    "cost line",
    " set to ",
    " added",
    " removed",
    "problem(s)",
    "(known:",
)
ENGLISH_WORDS = re.compile(
    r"\b(?:the|and|of|with|member|members|activity|activities|result|share|hours|"
    r"revenue|revenues|costs|amount|flow|flows|none|true|false|None|True|False|nan|NaN)\b"
)
#: A key or a path of the model file: ``hourly_cost_eur``, ``activities.cafe.revenues``.
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
PATH = re.compile(r"\b(?:activities|members|actors|flows|sharing|shared_entity|scenarios)\.[\w*-]")
#: Proto fields whose text a user reads.
READ = frozenset({"label", "help", "body", "placeholder", "options", "caption", "title", "delta"})
#: Columns that show an id on purpose: the id field of members, actors and scenarios.
ID_COLUMNS = frozenset({"Identifiant"})
#: Choices that are about ids: the form that renames an id.
ID_CHOICES = frozenset({"structures.rename.choice"})


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _read_texts(node: Any) -> Iterator[tuple[str, str]]:
    """(where, text) for every text the node and its children show."""
    proto = getattr(node, "proto", None)
    kind = type(node).__name__
    if kind == "Dataframe":
        yield from _table_texts(node)
    elif proto is not None and kind not in ("UnknownElement",) and hasattr(proto, "DESCRIPTOR"):
        data = MessageToDict(proto, preserving_proto_field_name=False)
        for key, value in data.items():
            if getattr(node, "key", None) in ID_CHOICES and key == "options":
                continue
            if kind == "Html" and str(value).lstrip().startswith("<style"):
                continue  # a style sheet: nothing a user reads
            if key in READ:
                for text in _strings(value):
                    yield f"{kind}.{key}", text
    for child in getattr(node, "children", {}).values():
        yield from _read_texts(child)


def _table_texts(node: Any) -> Iterator[tuple[str, str]]:
    """A table's headers and cells as shown: the column settings' labels, a select
    box column's option labels, hidden columns left out."""
    frame: pd.DataFrame = node.value
    settings = json.loads(node.proto.columns or "{}")
    for column in frame.columns:
        config = settings.get(str(column), {})
        if config is None or config.get("hidden"):
            continue
        header = str(config.get("label") or column)
        yield "table header", header
        if header in ID_COLUMNS:
            continue
        options = (config.get("type_config") or {}).get("options") or []
        labels = {o["value"]: o.get("label", o["value"]) for o in options}
        for cell in frame[column].tolist():
            if isinstance(cell, str):
                yield f"table cell ({header})", str(labels.get(cell, cell))


def _ids(at: AppTest) -> set[str]:
    """The open model's ids with a dash (slugs), which read as names on every page."""
    model = at.session_state["bm3c.workspace"].model
    ids = {m.id for m in model.members} | {a.id for a in model.actors}
    ids |= {a.id for a in model.activities} | {s.id for s in model.scenarios}
    return {i for i in ids if "-" in i}


def leaked_words(text: str, ids: set[str], names: set[str]) -> list[str]:
    """The English words, file keys, paths and ids in ``text`` (words of a name excepted)."""
    words = [e for e in ENGLISH if e in text]
    words += ENGLISH_WORDS.findall(text)
    words += SNAKE.findall(text) + PATH.findall(text)
    words += [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]
    return [w for w in words if not any(w in n for n in names)]


def leaks(at: AppTest) -> list[str]:
    """Every English word, file key or path the page shows, with where."""
    found = []
    ids = _ids(at)
    model = at.session_state["bm3c.workspace"].model
    names = {p.name for p in (*model.members, *model.actors, *model.activities, *model.scenarios)}
    for where, text in _read_texts(at._tree):
        words = leaked_words(text, ids, names)
        if words:
            found.append(f"{where}: {words} in {text[:160]!r}")
    return found


@pytest.mark.parametrize(
    "text",
    [
        "member 'La Boucle': hourly_cost_eur 38 → 40",
        "activities.coordination.revenues.Subvention tiers-lieu.amount_eur",
        "son poids dans la clé de répartition : la-boucle",
        "Choose an option",
        "Press Enter to submit form",
        "Error: Number is below the allowed range.",
        "Résultat (trésorerie) : Cash result",
        "Type : in_kind",
    ],
)
def test_the_check_sees_what_used_to_leak(text: str) -> None:
    assert leaked_words(text, {"la-boucle"}, {"La Boucle"})


def test_french_words_and_names_pass() -> None:
    text = "Coordination › recettes › Subvention tiers-lieu › montant : 38,00 € → 40,00 €"
    assert leaked_words(text, {"la-boucle"}, {"La Boucle"}) == []
    assert leaked_words("Ecoagir / Réagir33 s'en sort moins bien", set(), set()) == []


@pytest.mark.parametrize("page", [name for name, _ in PAGES])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: Path(p).stem)
def test_every_page_reads_in_french(example: Path, page: str) -> None:
    at = open_app(example, page=page)
    assert not at.exception
    assert leaks(at) == []
