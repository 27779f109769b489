"""The workshop report: one self-contained HTML page, and the same page as an A4 PDF.

The page opens offline: its stylesheet is inline, its charts are inline SVG drawn
by vl-convert (no browser, no network), and it has no script, no font, no image
and no link to anything outside itself. WeasyPrint prints the same HTML to PDF
(A4, page numbers in the margin, table rows never split, charts at page width),
and is given no way to fetch anything.

The content follows the app's pages, with their words and numbers: the
cooperation, value flows, activities, work allocation, members' accounts (with the
assumptions behind each member's result alone, in words), the sharing rule,
fairness (within the Fairness page's limits) and scenarios. A plan over several
years shows its first year there (as the JSON's top-level figures do), and adds
the plan's own section: each year's results, break-even and the cash plan.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import weasyprint
from altair.utils.schemapi import debug_mode
from markupsafe import Markup

from bm3c.engine.comparison import compare_applicable
from bm3c.engine.game import MAX_MEMBERS, NUCLEOLUS_UP_TO
from bm3c.engine.network import flow_network
from bm3c.engine.tables import side_totals
from bm3c.engine.waterfall import contribution_and_benefit, member_waterfall
from bm3c.export import report_sections as sections
from bm3c.export.charts import MAX_BARS, report_charts
from bm3c.export.images import chart_svg
from bm3c.export.report_budget import BUDGET_SECTION, budget_section
from bm3c.export.report_fairness import fairness
from bm3c.export.report_plan import PLAN_SECTION, plan_section
from bm3c.fairness import MAX_EXACT_PLAYERS
from bm3c.fairness.summary import SAMPLED_PAIRS
from bm3c.model import Cooperation
from bm3c.model.years import year_view
from bm3c.present.alone_words import alone_sentences
from bm3c.present.colours import party_colours
from bm3c.present.graph import value_flow_chart
from bm3c.present.problems import localize_problem
from bm3c.texts.format import SYMBOLS, hours, number, percent
from bm3c.texts.i18n import LANGUAGES

if TYPE_CHECKING:
    from bm3c.export.logbook_summary import LogbookSummary

__all__ = ["SECTIONS", "report_html", "report_pdf"]

TEMPLATES = Path(__file__).parent / "templates"

#: The report's sections, in reading order: (anchor id, title text key).
SECTIONS = (
    ("cooperation", "report.section.cooperation"),
    ("value-flows", "report.section.flows"),
    ("activities", "report.section.activities"),
    ("work", "report.section.work"),
    ("accounts", "report.section.accounts"),
    ("sharing", "report.section.sharing"),
    ("fairness", "report.section.fairness"),
    ("scenarios", "report.section.scenarios"),
)
#: The logbook's section, after the others when the report is given a logbook.
LOGBOOK_SECTION = ("logbook", "report.section.logbook")


def report_html(coop: Cooperation, lang: str = "fr", logbook: LogbookSummary | None = None) -> str:
    """The workshop report of ``coop`` as one self-contained HTML page.

    Args:
        coop: A validated cooperation (a plan: its first year, and the plan's
            section); its scenarios that no longer apply are listed with their
            problems, not compared.
        lang: "fr" or "en".
        logbook: The latest revealed session of the model's logbook, for a last
            section with its radar and ranked divergences (none: no such section).

    Raises:
        ValueError: for another language.

    """
    if lang not in LANGUAGES:
        raise ValueError(f"no report in {lang!r}: choose one of {', '.join(LANGUAGES)}")
    plan = coop
    coop = year_view(plan, 0)
    comparison, broken = compare_applicable(plan)  # the first year, scenarios on the plan
    ev = comparison.base
    w = sections.Writer(lang, ev.currency)
    over_time = plan_section(plan, w)
    budget = budget_section(plan, w)
    fair = fairness(coop, ev, w)
    charts = report_charts(ev, lang, comparison)
    specs = {c.name: c.spec for c in charts}
    titles = {c.name: c.title for c in charts}
    if fair is not None:
        specs["fairness"], titles["fairness"] = fair.chart, w("fairness.chart_title")
    if over_time is not None:
        specs |= over_time.charts
        titles |= over_time.chart_titles
    shown = list(SECTIONS)
    if over_time is not None:  # after the sharing of the result
        shown.insert(shown.index(("sharing", "report.section.sharing")) + 1, PLAN_SECTION)
    shown.insert(shown.index(("fairness", "report.section.fairness")), BUDGET_SECTION)
    if logbook:
        shown.append(LOGBOOK_SECTION)
    network, left_out = sections.largest_flows(flow_network(coop, w("flows.market")), w)
    if left_out:  # the graph shows the flows the table lists
        with debug_mode(False):
            specs["value-flows"] = value_flow_chart(
                network, lang, colours=party_colours(coop)
            ).to_dict(validate=False)
    activities_cut = ""
    bars = next((c.whole for c in charts if c.name == "activities"), 0)
    if bars:
        activities_cut = w("report.activities_cut", half=MAX_BARS // 2, count=bars)
    shared_activities, own_activities = sections.activity_tables(ev, w)
    over = [m for m in ev.members if m.overloaded]
    context: dict[str, Any] = {
        "lang": lang,
        "css": Markup(_stylesheet()),
        "today": date.today().strftime("%d/%m/%Y" if lang == "fr" else "%Y-%m-%d"),
        "currency": f"{ev.currency} ({SYMBOLS.get(ev.currency, ev.currency)})",
        "symbol": SYMBOLS.get(ev.currency, ev.currency),
        "sections": [(anchor, w(key)) for anchor, key in shown],
        "plan": over_time,
        "budget": budget,
        "logbook": logbook,
        "logbook_radar": _inline_svg(logbook.radar_svg) if logbook else None,
        "coop": coop,
        "ev": ev,
        "charts": {name: _drawn(spec) for name, spec in specs.items()},
        "activities_cut": activities_cut,
        "chart_titles": titles,
        "summary": sections.summary(ev, w),
        "verdict": sections.verdict(ev, w),
        "warnings": [localize_problem(str(p), lang) for p in ev.warnings],
        "flows": sections.flow_table(network, w),
        "flows_left_out": left_out,
        "flow_kinds": [
            w.rich(
                "report.definition", term=w(f"flows.kind.{k}"), meaning=w(f"flows.kind_help.{k}")
            )
            for k in ("money", "in_kind", "intangible", "work_hours")
        ],
        "shared_activities": shared_activities,
        "own_activities": own_activities,
        "activity_totals": side_totals(ev),
        "load": sections.load_table(ev, w),
        "over_names": ", ".join(f"{m.name} ({percent(m.load_ratio, lang)})" for m in over),
        "work_lines": sections.work_table(coop, w),
        "max_breakdown_cards": sections.MAX_BREAKDOWN_CARDS,
        "waterfall": member_waterfall,
        "alone": alone_sentences(ev, lang),
        "fell_back": ev.key_fell_back,
        "weights": coop.sharing.weights if coop.sharing.uses_weights else None,
        "contributions": contribution_and_benefit(ev),
        "fair": fair,
        "max_members": MAX_MEMBERS,
        "max_exact": MAX_EXACT_PLAYERS,
        "nucleolus_up_to": NUCLEOLUS_UP_TO,
        "sampled_orders": 2 * SAMPLED_PAIRS,
        "coalition_count": number((1 << len(coop.members)) - 1, lang),
        "broken": sections.broken_scenarios(coop, broken, w),
        "scenarios": [sections.scenario(comparison, s.scenario, w) for s in comparison.scenarios],
        # texts and numbers as the app writes them
        "t": w,
        "rich": w.rich,
        "money": w.money,
        "rule": w.rule,
        "rule_help": w.rule_help,
        "hours": lambda value: hours(value, lang),
        "percent": lambda ratio, decimals=0: percent(ratio, lang, decimals),
        "number": lambda value, decimals=0: number(value, lang, decimals),
    }
    return _template().render(context)


def report_pdf(coop: Cooperation, lang: str = "fr", logbook: LogbookSummary | None = None) -> bytes:
    """The workshop report as an A4 PDF: :func:`report_html` printed by WeasyPrint."""
    page = report_html(coop, lang, logbook)
    html = weasyprint.HTML(string=page, url_fetcher=_fetch_nothing)
    pdf: bytes = html.write_pdf()
    return pdf


def _fetch_nothing(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint's fetcher for a page that must need nothing from outside."""
    raise ValueError(f"the report refers to {url}; it must be self-contained")


@cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # names, labels and descriptions are typed by users
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("report.html.j2")


@cache
def _stylesheet() -> str:
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


def _drawn(spec: dict[str, Any]) -> Markup:
    """The chart as inline SVG, without Vega's ARIA attributes.

    Those give every mark a label repeating its tooltip: on paper they are noise,
    and they double the size of a large chart. The figure is labelled by its
    title instead.
    """
    quiet = {**spec, "config": {**spec.get("config", {}), "aria": False}}
    return _inline_svg(chart_svg(quiet))


def _inline_svg(svg: str) -> Markup:
    """vl-convert's SVG document as an element of the page: no XML prolog nor doctype.

    Its ``xmlns`` declarations stay: they name XML namespaces, nothing is fetched.
    """
    start = svg.find("<svg")
    if start < 0:
        raise ValueError("vl-convert returned no SVG element")
    return Markup(svg[start:])
