"""``--year``: the plan year a command reads, as a calendar year or its number."""

from __future__ import annotations

from bm3c.cli.language import say
from bm3c.engine.plan_tables import plan_year_index
from bm3c.errors import Bm3cError
from bm3c.model import Cooperation
from bm3c.model.years import year_label

__all__ = ["chosen_year"]


def chosen_year(coop: Cooperation, year: int | None, lang: str) -> int:
    """The plan year (0 = first) that ``--year`` names; the first without it.

    Raises:
        Bm3cError: naming the plan's years, when ``year`` is none of them.

    """
    if year is None:
        return 0
    index = plan_year_index(coop, year)
    if index is not None:
        return index
    if coop.plan is None:
        raise Bm3cError(say("plan.bad_year_single", lang, year=year))
    years = ", ".join(year_label(coop, i) for i in range(coop.years))
    raise Bm3cError(say("plan.bad_year", lang, year=year, years=years, count=coop.years))
