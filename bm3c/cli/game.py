"""``bm3c game FILE``: every allocation of an explicit cooperative game, and its core check.

Reads a game file (see :mod:`bm3c.fairness.game`), calls the fairness functions, prints.
No arithmetic here.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bm3c.fairness.allocations import ALLOCATION_RULES, allocate
from bm3c.fairness.game import Game, coalition_label, load_game
from bm3c.fairness.stability import blocking_sentence, check_stability, least_core

__all__ = ["add_game_parser", "cmd_game", "game_report", "render_game_report"]

RULE_TITLES = {
    "shapley": "Shapley",
    "nucleolus": "nucleolus",
    "scrb": "SCRB",
    "equal_surplus": "equal surplus",
    "proportional": "proportional",
}


def game_report(game: Game, top: int = 3) -> dict[str, Any]:
    """Plain data: stand-alone values, every allocation per player, core and stability."""
    v, players = game.values, game.players
    core = least_core(v)
    allocations: dict[str, dict[str, float]] = {}
    stability: dict[str, dict[str, Any]] = {}
    for rule in ALLOCATION_RULES:
        x = allocate(v, rule)
        allocations[rule] = {p: float(x[i]) for i, p in enumerate(players)}
        report = check_stability(v, x, top)
        stability[rule] = {
            "in_core": report.in_core,
            "individually_rational": report.individually_rational,
            "max_excess": report.max_excess,
            "blocking": [
                {
                    "coalition": coalition_label(b.mask, players),
                    "members": [players[i] for i in b.members],
                    "gain": b.gain,
                    "sentence": blocking_sentence(b, players).english(),
                }
                for b in report.blocking
            ],
        }
    return {
        "name": game.name,
        "players": list(players),
        "grand_coalition_value": float(v[-1]),
        "stand_alone": {p: float(v[1 << i]) for i, p in enumerate(players)},
        "allocations": allocations,
        "core": {"empty": core.core_is_empty, "least_core_epsilon": core.epsilon},
        "stability": stability,
    }


def _number(value: float) -> str:
    return f"{value:,.2f}".replace(",", " ")


def render_game_report(report: dict[str, Any]) -> str:
    """The report as a text table (one row per player) followed by the core check."""
    rules = list(report["allocations"])
    headers = ["player", "alone", *(RULE_TITLES.get(r, r) for r in rules)]
    rows = [
        [p, _number(report["stand_alone"][p])]
        + [_number(report["allocations"][r][p]) for r in rules]
        for p in report["players"]
    ]
    rows.append(["total", ""] + [_number(report["grand_coalition_value"])] * len(rules))
    widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows, strict=True)]
    lines = [report["name"]] if report["name"] else []
    for row in [headers, *rows]:
        cells = [str(row[0]).ljust(widths[0])] + [
            str(c).rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    core = report["core"]
    lines.append("")
    state = "empty" if core["empty"] else "not empty"
    lines.append(f"core: {state} (least-core ε = {_number(core['least_core_epsilon'])})")
    for rule in rules:
        check = report["stability"][rule]
        verdict = "in the core" if check["in_core"] else "not in the core"
        rational = "" if check["individually_rational"] else ", not individually rational"
        lines.append(f"  {RULE_TITLES.get(rule, rule)}: {verdict}{rational}")
        lines.extend(f"    {b['sentence']}" for b in check["blocking"])
    return "\n".join(lines) + "\n"


def cmd_game(args: argparse.Namespace) -> int:
    """Print every allocation of the game file and its core check."""
    report = game_report(load_game(args.file), args.top)
    if args.format == "json":
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_game_report(report))
    return 0


def add_game_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``bm3c game``."""
    p = sub.add_parser(
        "game",
        help="share an explicit cooperative game: Shapley, nucleolus, SCRB, ... and the core",
    )
    p.add_argument("file", metavar="FILE", help="a game file: players and values (YAML or JSON)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--top", type=int, default=3, help="blocking coalitions listed per allocation (default 3)"
    )
    p.set_defaults(run=cmd_game)
