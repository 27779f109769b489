"""Problems of a game file, and of reading any file, in the reader's language.

The fairness package and the file reader word their problems in English; this
gives each known shape its French version, as :mod:`bm3c.present.problems` does
for the problems of a model (which it still words: one wording for the app and
the command line). Paths and names are never translated.
"""

from __future__ import annotations

import re

from bm3c.errors import Problem
from bm3c.present.problems import localize_problem

__all__ = ["localize_any_problem"]

FRENCH: tuple[tuple[str, str], ...] = (
    (r"cannot read the file: (.+)", r"impossible de lire le fichier : \1"),
    (
        r"file is (.+) MB, above the (\d+) MB limit",
        r"le fichier fait \1 Mo, au-delà de la limite de \2 Mo",
    ),
    (r"not UTF-8 text \(byte (\d+)\)", r"ce n'est pas du texte UTF-8 (octet \1)"),
    (
        r"a game file is a mapping with 'players' and 'values'",
        "un fichier de jeu contient les clés « players » et « values »",
    ),
    (r"unknown field \(known: (.*)\)", r"champ inconnu (connus : \1)"),
    (r"must be text", "doit être un texte"),
    (r"must be 'value' or 'cost', not (.+)", r"doit valoir « value » ou « cost », pas \1"),
    (
        r"missing: list the player names, e\.g\. \[A, B, C\]",
        "manquant : donnez la liste des joueurs, par exemple [A, B, C]",
    ),
    (r"must be a non-empty list of names", "doit être une liste de noms, non vide"),
    (r"must be a name \(text\)", "doit être un nom (un texte)"),
    (r"'(.*)' cannot be a name \(no '\+'\)", r"« \1 » ne peut pas être un nom (pas de « + »)"),
    (r"'(.+)' is listed twice", r"« \1 » figure deux fois"),
    (
        r"(\d+) players: exact methods handle at most (\d+)",
        r"\1 joueurs : les méthodes exactes en traitent au plus \2",
    ),
    (r"unknown player '(.*)' \(players: (.*)\)", r"joueur inconnu « \1 » (joueurs : \2)"),
    (r"'(.+)' appears twice in the coalition", r"« \1 » figure deux fois dans le groupe"),
    (r"must be a number, not (.+)", r"doit être un nombre, pas \1"),
    (r"must be a finite number, not (.+)", r"doit être un nombre fini, pas \1"),
    (
        r"missing: give v for coalitions, e\.g\. 'A\+B: 90'",
        "manquant : donnez la valeur des groupes, par exemple « A+B: 90 »",
    ),
    (r"must map coalitions \(A\+B\) to numbers", "doit associer des groupes (A+B) à des nombres"),
    (r"same coalition as '(.+)', given twice", r"même groupe que « \1 », donné deux fois"),
    (r"v\(∅\) must be 0, not (.+)", r"v(∅) doit valoir 0, pas \1"),
    (
        r"a cost game gives the cost of every coalition; missing: (.+) and (\d+) more",
        r"un jeu de coûts donne le coût de chaque groupe ; il manque : \1 et \2 autres",
    ),
    (
        r"a cost game gives the cost of every coalition; missing: (.+)",
        r"un jeu de coûts donne le coût de chaque groupe ; il manque : \1",
    ),
)


def _french(message: str) -> str | None:
    for pattern, replacement in FRENCH:
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            return match.expand(replacement)
    return None


def localize_any_problem(problem: Problem, lang: str) -> str:
    """A problem of a game file, a model file or of reading either, as ``path: message``.

    A model's problems are worded by :func:`~bm3c.present.problems.localize_problem`,
    as the app shows them.
    """
    if lang != "fr":
        return str(problem)
    french = _french(problem.message)
    if french is None:
        return localize_problem(str(problem), lang)
    return f"{problem.path} : {french}" if problem.path else french
