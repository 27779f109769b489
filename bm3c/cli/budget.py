"""``bm3c budget FILE``: the budgets a funder asks for (DOMAIN Part 4).

Each member's, the shared entity's and the action's budget by accounts, per plan
year (every year unless ``--year``), in text or as JSON. No arithmetic here.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bm3c.cli.language import add_language_option, chosen_language, helper, say
from bm3c.cli.years import chosen_year
from bm3c.engine.budget import ACTION, cooperation_budgets
from bm3c.engine.budget_tables import budgets_to_json
from bm3c.engine.scenarios import resolve_scenario
from bm3c.errors import Bm3cError
from bm3c.io import load_cooperation
from bm3c.present.budget_text import render_budgets

__all__ = ["add_budget_parser"]


def cmd_budget(args: argparse.Namespace) -> int:
    """Print the budgets of one plan year, or of every year."""
    lang = chosen_language(args)
    coop = load_cooperation(args.file)
    indices = [chosen_year(coop, args.year, lang)] if args.year is not None else range(coop.years)
    parties = None
    if args.party is not None:
        known = [*coop.member_ids, coop.shared_entity.id, ACTION]
        if args.party not in known:
            raise Bm3cError(say("budget.bad_party", lang, party=args.party, known=", ".join(known)))
        parties = [args.party]
    years = [cooperation_budgets(coop, args.scenario, i) for i in indices]
    if parties and years and not any(b.party in parties for b in years[0].all):
        raise Bm3cError(say("budget.party_left", lang, party=args.party))
    if args.format == "json":
        data: Any = budgets_to_json(coop, years, parties)
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    name = resolve_scenario(coop, args.scenario).name if args.scenario else ""
    sys.stdout.write(render_budgets(years, coop, lang, parties, name))
    return 0


def add_budget_parser(sub: Any, lang: str) -> None:
    """Add ``bm3c budget`` to the command's subparsers."""
    h = helper(lang)
    p = sub.add_parser("budget", help=h("budget"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--year", type=int, metavar="YEAR", help=h("budget_year"))
    p.add_argument("--scenario", metavar="ID", help=h("scenario"))
    p.add_argument("--party", metavar="ID", help=h("budget_party"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_language_option(p, lang)
    p.set_defaults(run=cmd_budget)
