"""The language of the command line: ``--lang fr|en``, else the environment's locale.

Every command and sub-command takes ``--lang``. Without it the language comes from
the locale, as POSIX programs read it: the first of ``LC_ALL``, ``LC_MESSAGES`` and
``LANG`` that is set and not empty; French when it starts with ``fr``
(``fr_FR.UTF-8``, ``fr_BE``...), English otherwise and when none is set. Texts live
in ``bm3c/texts/locales/cli.yaml``; problems in a file are worded as the app words
them (:func:`~bm3c.present.problems.localize_problem`).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn

from bm3c.errors import ProblemsError
from bm3c.present.game_problems import localize_any_problem
from bm3c.present.problems import localize_problem
from bm3c.present.text import say, say_count
from bm3c.texts.i18n import LANGUAGES

__all__ = [
    "LOCALE_VARIABLES",
    "add_language_option",
    "chosen_language",
    "environment_language",
    "helper",
    "localize_error",
    "parser_class",
    "problem_lines",
    "requested_language",
    "say",
    "say_count",
]

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """``fr`` when the locale that governs messages is French, else ``en``."""
    env = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def add_language_option(parser: argparse.ArgumentParser, lang: str = "en") -> None:
    """``--lang`` on a command (given at any level, the deepest one wins)."""
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=say("help.lang", lang)
    )


def helper(lang: str) -> Callable[..., str]:
    """``h(KEY, **fields)``: the ``--help`` text ``cli.help.KEY`` in ``lang``."""

    def h(key: str, **values: Any) -> str:
        return say(f"help.{key}", lang, **values)

    return h


ARGPARSE_FRENCH: tuple[tuple[str, str], ...] = (
    (
        r"argument (.+?): invalid choice: (.+) \(choose from (.+)\)",
        r"argument \1 : choix invalide : \2 (au choix : \3)",
    ),
    (r"argument (.+?): invalid \w+ value: (.+)", r"argument \1 : valeur invalide : \2"),
    (r"argument (.+?): expected one argument", r"argument \1 : une valeur est attendue"),
    (r"the following arguments are required: (.+)", r"arguments obligatoires manquants : \1"),
    (r"unrecognized arguments: (.+)", r"arguments inconnus : \1"),
)


def _argparse_words(message: str, lang: str) -> str:
    """The parser's refusals (argparse words them in English) in ``lang``."""
    if lang == "fr":
        for pattern, french in ARGPARSE_FRENCH:
            match = re.fullmatch(pattern, message, flags=re.DOTALL)
            if match:
                return match.expand(french)
    return message


def parser_class(lang: str) -> type[argparse.ArgumentParser]:
    """An argument parser whose own words (usage, sections, -h, errors) are in ``lang``.

    Its sub-commands' parsers are of the same class, so the whole help follows.
    """

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any = None) -> None:
            prefix = say("help.usage", lang) if prefix is None else prefix
            super().add_usage(usage, actions, groups, prefix)

    class Parser(argparse.ArgumentParser):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("formatter_class", Formatter)
            kwargs["add_help"] = False
            super().__init__(*args, **kwargs)
            self._positionals.title = say("help.positionals", lang)
            self._optionals.title = say("help.options", lang)
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help=say("help.help", lang),
            )

        def error(self, message: str) -> NoReturn:
            self.print_usage(sys.stderr)
            said = say("error", lang, message=_argparse_words(message, lang))
            self.exit(2, f"{self.prog}: {said}\n")

    return Parser


def requested_language(argv: Sequence[str]) -> str:
    """The language asked on the command line (``--lang X`` or ``--lang=X``), else the locale's.

    Read before parsing, so that ``--help`` and the parser's own refusals follow it.
    """
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGUAGES:
            return value
    return environment_language()


def chosen_language(args: argparse.Namespace | None) -> str:
    """The ``--lang`` given, else the environment's."""
    lang = getattr(args, "lang", None)
    return lang if lang in LANGUAGES else environment_language()


# Errors of the store and the engine, worded in English where they are raised.
KNOWN_ERRORS: tuple[tuple[str, str], ...] = (
    (r"unknown scenario '(?P<id>.+)' \(known: (?P<known>.*)\)", "unknown_scenario"),
    (r"no model '(?P<id>.+)' in the workspace", "no_model"),
    (r"no revision (?P<number>\d+) of model '(?P<id>.+)' in the workspace", "no_revision"),
    (r"'(?P<id>.+)' is in the trash: bring it back first", "in_trash"),
    (
        r"'(?P<id>.+)' was saved by someone else: you started from revision "
        r"(?P<since>\d+), it is now at revision (?P<head>\d+)",
        "conflict",
    ),
    (r"the workspace is busy \(another save held it for 30 s\): try again", "busy"),
    (r"a workspace id is lowercase letters, digits and dashes: (?P<id>.+)", "bad_workspace_id"),
    (r"need members >= 2, activities >= 1, actors >= 1, flows >= 0", "generate_sizes"),
    (r"no workspace '(?P<id>.+)' here", "no_workspace"),
    (r"workspace '(?P<id>.+)' needs its access code", "needs_code"),
    (r"wrong access code for workspace '(?P<id>.+)'", "wrong_code"),
    (r"workspace '(?P<id>.+)' exists already", "workspace_exists"),
    (r"an access code needs at least (?P<count>\d+) characters", "code_too_short"),
)


def localize_error(message: str, lang: str) -> str:
    """An error's message in ``lang``: a known shape translated, the rest as the app words it.

    A message may carry a hint after it (`` (bm3c models ...)``, ``: set ...``); the
    known part is translated and the hint, written by the command line, kept.
    """
    if lang == "en":
        return message
    for pattern, key in KNOWN_ERRORS:
        match = re.match(pattern, message)
        if match:
            fields = dict(match.groupdict())
            if "known" in fields and fields["known"] == "none":
                fields["known"] = say("none", lang)
            return say(f"error.{key}", lang, **fields) + message[match.end() :]
    return localize_problem(message, lang)


def problem_lines(error: ProblemsError, lang: str, source: str | None = None) -> list[str]:
    """``FILE: invalid, N problems`` then each problem, worded as the app words it."""
    where = source or error.source
    count = len(error.problems)
    head = (
        say_count("invalid", count, lang, source=where)
        if where
        else say_count("invalid_bare", count, lang)
    )
    return [head] + [f"  {localize_any_problem(p, lang)}" for p in error.problems]
