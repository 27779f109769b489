"""The logbook in the workshop report: the latest revealed session's radar and divergences.

Only a revealed session goes into a report: answers still hidden stay hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

from bm3c.export.images import chart_svg
from bm3c.logbook import axis_scores, describe_divergence, divergences
from bm3c.model import Cooperation
from bm3c.present.charts_logbook import radar_chart
from bm3c.present.logbook_view import answers_of, axis_frame, grid_of, session_label
from bm3c.store import Store
from bm3c.store import logbook as book
from bm3c.texts.i18n import translate

__all__ = ["LogbookSummary", "logbook_summary"]


@dataclass(frozen=True)
class LogbookSummary:
    """What the report shows of the logbook: a session, its radar and its ranked divergences."""

    session: str
    respondents: tuple[str, ...]
    radar_svg: str
    divergences: tuple[str, ...]


def logbook_summary(
    store: Store, model_id: str, coop: Cooperation, lang: str
) -> LogbookSummary | None:
    """The latest revealed session of the model's logbook (None when none is revealed yet)."""
    revealed = [x for x in book.sessions(store, model_id) if x.revealed]
    if not revealed:
        return None
    session = revealed[-1]
    names = {m.id: m.name for m in coop.members}
    answers = answers_of(book.latest_answers(store, model_id, session.number), names)
    if not answers:
        return None
    grid = grid_of(session)
    texts = {
        "respondent": translate("logbook.respondent", lang),
        "spoke": translate("logbook.axis", lang),
        "score": translate("logbook.score", lang),
    }
    title = translate("logbook.radar_title", lang)
    scores = axis_frame(grid, axis_scores(grid, answers), lang)
    radar = radar_chart(scores, title=title, texts=texts)
    return LogbookSummary(
        session=session_label(session, lang),
        respondents=tuple(a.respondent for a in answers),
        radar_svg=chart_svg(radar),
        divergences=tuple(describe_divergence(d, grid, lang) for d in divergences(grid, answers)),
    )
