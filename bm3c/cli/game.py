"""``bm3c game FILE``: every allocation of a cooperative game, and its core check.

``FILE`` is a game file (see :mod:`bm3c.fairness.game`): a game of values, or with
``kind: cost`` a game of costs (see :mod:`bm3c.fairness.costs`: the methods are
computed on the savings game and turned back into cost shares, the core is
x(S) ≤ c(S) with x(N) = c(N), the savings are shown too). Or ``FILE`` is a
cooperation model: its game is v(S) = what the group S would make without the
others (:mod:`bm3c.engine.game`), and the current sharing is checked beside the
methods. Which one it is comes from the file's keys. No arithmetic here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from bm3c.cli.language import add_language_option, chosen_language, helper, say
from bm3c.engine import evaluate
from bm3c.engine.game import MAX_MEMBERS, NUCLEOLUS_UP_TO, coalition_values
from bm3c.engine.scenarios import check_scenarios
from bm3c.errors import InvalidModelError, Problem
from bm3c.fairness.costs import cost_allocations, savings_game
from bm3c.fairness.game import MAX_EXACT_PLAYERS, Game, coalition_label, parse_game
from bm3c.fairness.stability import blocking_sentence, check_stability, least_core
from bm3c.fairness.summary import compare_allocations
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.model.years import year_view
from bm3c.parsing import read_data_file
from bm3c.present.charts_fairness import join_names
from bm3c.present.text import render_table
from bm3c.texts.format import money, number

__all__ = ["add_game_parser", "cmd_game", "game_report", "model_game_report", "render_game_report"]

Array = npt.NDArray[np.float64]

GAME_KEYS = frozenset({"players", "values", "kind"})
MODEL_KEYS = frozenset({"bm3c", "members", "shared_entity", "activities"})
LISTED_UP_TO = 6
"""Players up to which the text lists every coalition of a cost game (63 rows)."""
JSON_COALITIONS_UP_TO = 12
"""Players up to which the JSON gives every coalition's cost and savings (4 095)."""


def _by_player(x: Array, players: Sequence[str]) -> dict[str, float]:
    return {p: float(x[i]) for i, p in enumerate(players)}


@dataclass(frozen=True)
class _Words:
    """How a report writes: its language, the players' names, an amount."""

    lang: str
    names: Sequence[str]
    amount: Callable[[float], str]
    members: bool = False  # the players are a cooperation's members (structures)


def _stability(
    v: Array, x: Array, players: Sequence[str], top: int, kind: str, words: _Words
) -> dict[str, Any]:
    """Core check of the split ``x`` of ``v`` (for a cost game, of the savings)."""
    lang = words.lang
    report = check_stability(v, x, top)
    verb = "save" if kind == "cost" else "gain_member" if words.members else "gain"
    blocking = []
    for b in report.blocking:
        sentence = blocking_sentence(b, words.names)
        key = "alone_would" if sentence.key == "alone_would_gain" else "together_would"
        blocking.append(
            {
                "coalition": coalition_label(b.mask, tuple(players)),
                "members": [players[i] for i in b.members],
                "gain": b.gain,
                "sentence": say(
                    f"game.{key}_{verb}",
                    lang,
                    names=join_names(sentence.names, say("and", lang)),
                    amount=words.amount(b.gain),
                ),
            }
        )
    return {
        "in_core": report.in_core,
        "individually_rational": report.individually_rational,
        "max_excess": report.max_excess,
        "blocking": blocking,
    }


def _report(
    game: Game,
    top: int,
    words: _Words,
    *,
    nucleolus_up_to: int,
    current: Array | None = None,
) -> dict[str, Any]:
    """Plain data of a game (of values or of costs) and its core check."""
    players, values = game.players, game.values
    n = len(players)
    if game.kind == "cost":
        v = savings_game(values)
        shares, saved = cost_allocations(values, nucleolus_up_to=nucleolus_up_to)
    else:
        v = values
        shares = compare_allocations(values, nucleolus_up_to=nucleolus_up_to)
        saved = shares
    core = least_core(v) if n <= nucleolus_up_to else None
    stability = {
        method: _stability(v, saved[method], players, top, game.kind, words) for method in saved
    }
    report: dict[str, Any] = {
        "name": game.name,
        "kind": game.kind,
        "players": list(players),
        "grand_coalition_value": float(values[-1]),
        "stand_alone": _by_player(values[1 << np.arange(n)], players),
        "allocations": {m: _by_player(x, players) for m, x in shares.items()},
        "core": (
            {"empty": core.core_is_empty, "least_core_epsilon": core.epsilon}
            if core is not None
            else None
        ),
        "stability": stability,
    }
    if shares.shapley_margin is not None:
        report["shapley_margin"] = _by_player(shares.shapley_margin, players)
    if current is not None:
        report["current_sharing"] = _by_player(current, players)
        report["stability"] = {
            "current": _stability(v, current, players, top, game.kind, words)
        } | stability
    if game.kind == "cost":
        savings: dict[str, Any] = {
            "grand_coalition": float(v[-1]),
            "allocations": {m: _by_player(x, players) for m, x in saved.items()},
        }
        if n <= JSON_COALITIONS_UP_TO:
            savings["coalitions"] = {
                coalition_label(mask, players): {
                    "cost": float(values[mask]),
                    "savings": float(v[mask]),
                }
                for mask in range(1, 1 << n)
            }
        report["savings"] = savings
    return report


def game_report(game: Game, top: int = 3, lang: str = "en") -> dict[str, Any]:
    """Plain data of a game file: stand-alone values, every allocation, core and stability."""
    words = _Words(lang, game.players, lambda x: number(x, lang, 2))
    return _report(game, top, words, nucleolus_up_to=MAX_EXACT_PLAYERS)


def model_game_report(
    coop: Cooperation, top: int = 3, lang: str = "en", source: str | None = None
) -> dict[str, Any]:
    """Plain data of a cooperation's game, with the current sharing checked first.

    Players are the members' ids (their names in ``player_names``); values are in
    the model's currency, per its period: of a plan, its first year.
    """
    coop = year_view(coop, 0)
    n = len(coop.members)
    if n > MAX_MEMBERS:
        message = say("game.too_many", lang, count=n, limit=MAX_MEMBERS)
        raise InvalidModelError([Problem("members", message)], source)
    ev = evaluate(coop)
    current = np.array([ev.member(m).cash_result_eur for m in coop.member_ids])
    game = Game(tuple(coop.member_ids), coalition_values(coop), coop.name)
    names = tuple(m.name for m in coop.members)
    words = _Words(lang, names, lambda x: money(x, coop.currency, lang), members=True)
    report = _report(game, top, words, nucleolus_up_to=NUCLEOLUS_UP_TO, current=current)
    report["model"] = {
        "currency": coop.currency,
        "period": coop.period,
        "player_names": {m.id: m.name for m in coop.members},
    }
    return report


def _renderer(report: dict[str, Any], lang: str) -> tuple[Any, Any]:
    """How to write an amount, and how to name a player, for this report."""
    model = report.get("model")
    if model is None:
        return (lambda x: number(x, lang, 2)), (lambda p: p)
    names = model["player_names"]
    return (lambda x: money(x, model["currency"], lang)), (lambda p: names.get(p, p))


def _method_title(method: str, lang: str) -> str:
    return say("game.current", lang) if method == "current" else say(f"game.method.{method}", lang)


def _table(
    report: dict[str, Any],
    columns: dict[str, dict[str, float]],
    first: tuple[str, dict[str, float]] | None,
    total: float,
    lang: str,
) -> str:
    """One row per player: the ``first`` column (alone), then each column, then the total."""
    amount, name = _renderer(report, lang)
    who = "game.member" if "model" in report else "game.player"
    headers = [say(who, lang)]
    headers += [first[0]] if first else []
    headers += [_method_title(m, lang) for m in columns]
    rows = []
    for p in report["players"]:
        row = [name(p)] + ([amount(first[1][p])] if first else [])
        rows.append(row + [amount(columns[m][p]) for m in columns])
    totals = [say("game.total", lang)]
    totals += [amount(sum(first[1].values()))] if first else []
    rows.append(totals + [amount(total)] * len(columns))
    return render_table(headers, rows)


def render_game_report(report: dict[str, Any], lang: str = "en") -> str:
    """The report as text: the shares per player, the savings of a cost game, the core."""
    amount, _ = _renderer(report, lang)
    cost = report["kind"] == "cost"
    lines = [report["name"], ""] if report["name"] else []
    if "model" in report:
        period = say(f"period.{report['model']['period']}", lang)
        currency = report["model"]["currency"]
        lines += [say("game.from_model", lang, currency=currency, period=period), ""]
    if cost:
        lines += [say("game.cost_method", lang), ""]
    columns = dict(report["allocations"])
    if "current_sharing" in report:
        columns = {"current": report["current_sharing"]} | columns
    alone = say("game.alone_cost" if cost else "game.alone", lang)
    if "model" in report:
        alone = say("game.alone_member", lang)
    lines += [
        say("game.cost_title" if cost else "game.values_title", lang),
        _table(
            report, columns, (alone, report["stand_alone"]), report["grand_coalition_value"], lang
        ),
        "",
    ]
    if "shapley_margin" in report:
        margin = max(report["shapley_margin"].values())
        lines += [
            say("game.shapley_estimated", lang, limit=MAX_EXACT_PLAYERS, margin=amount(margin)),
            "",
        ]
    if cost:
        savings = report["savings"]
        lines += [
            say("game.savings_title", lang),
            _table(report, savings["allocations"], None, savings["grand_coalition"], lang),
            "",
        ]
        n = len(report["players"])
        if n <= LISTED_UP_TO:
            rows = [
                [label, amount(c["cost"]), amount(c["savings"])]
                for label, c in savings["coalitions"].items()
            ]
            headers = [say(f"game.{k}", lang) for k in ("coalition", "cost", "saving")]
            lines += [say("game.coalitions_title", lang), render_table(headers, rows), ""]
        else:
            lines += [
                say(
                    "game.coalitions_not_listed",
                    lang,
                    count=2**n - 1,
                    limit=JSON_COALITIONS_UP_TO,
                    total=amount(savings["grand_coalition"]),
                ),
                "",
            ]
    core = report["core"]
    if cost:
        lines.append(say("game.core_cost", lang))
    if core is None:
        lines.append(say("game.core_unknown", lang, limit=NUCLEOLUS_UP_TO))
    else:
        state = "game.core_empty" if core["empty"] else "game.core_not_empty"
        lines.append(say(state, lang, epsilon=amount(core["least_core_epsilon"])))
    for method, check in report["stability"].items():
        verdict = "game.in_core" if check["in_core"] else "game.not_in_core"
        rational = "" if check["individually_rational"] else say("game.not_rational", lang)
        lines.append("  " + say(verdict, lang, method=_method_title(method, lang)) + rational)
        lines.extend(f"    {b['sentence']}" for b in check["blocking"])
    return "\n".join(lines) + "\n"


def _model(data: dict[str, Any], source: str) -> Cooperation:
    """The cooperation of a model file's data, validated as ``bm3c validate`` does."""
    coop = validate_cooperation(data, source)
    problems = check_scenarios(coop)
    if problems:
        raise InvalidModelError(problems, source)
    return coop


def read_game_or_model(path: str, top: int, lang: str) -> dict[str, Any]:
    """The report of a game file or of a model file, told apart by their keys."""
    data = read_data_file(path)
    keys = set(data) if isinstance(data, dict) else set()
    if keys & GAME_KEYS:
        return game_report(parse_game(data, path), top, lang)
    if keys & MODEL_KEYS:
        return model_game_report(_model(data, path), top, lang, path)
    raise InvalidModelError([Problem("", say("game.neither", lang))], path)


def cmd_game(args: argparse.Namespace) -> int:
    """Print every allocation of the game (or the model's game) and its core check."""
    lang = chosen_language(args)
    report = read_game_or_model(args.file, args.top, lang)
    if args.format == "json":
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_game_report(report, lang))
    return 0


def add_game_parser(sub: argparse._SubParsersAction, lang: str = "en") -> None:  # type: ignore[type-arg]
    """Register ``bm3c game``, its help in ``lang``."""
    h = helper(lang)
    p = sub.add_parser(
        "game",
        help=h("game"),
        description=h("game_more"),
    )
    p.add_argument("file", metavar="FILE", help=h("game_file"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--top", type=int, default=3, help=h("top"))
    add_language_option(p, lang)
    p.set_defaults(run=cmd_game)
