"""Export benchmark: each take-home file of the 30-member / 200-activity synthetic cooperation.

Prints median times (and sizes); targets on a 2-core machine: xlsx <= 3 s, html <= 3 s,
pdf <= 10 s, the budget workbook alone (``budget``: every structure's budget with
its formulas, the funders, the lines behind) <= 2 s. The first run of each format
is left out (fonts and Vega warming up); the charts alone are timed too, since they
are most of every file's cost.
Figures, not asserts: run ``make bench``.
"""

from __future__ import annotations

from timing import median_ms  # bench/timing.py

from bm3c.engine import compare_scenarios
from bm3c.export.charts import report_charts
from bm3c.export.formats import export_file
from bm3c.export.images import chart_png, chart_svg
from bm3c.model import Cooperation
from bm3c.synthetic import synthetic_cooperation

TARGETS_S = {"xlsx": 3.0, "html": 3.0, "pdf": 10.0, "budget": 2.0}
REPEAT = 3


def main() -> None:
    coop = Cooperation.model_validate(
        synthetic_cooperation(members=30, activities=200, flows=300, seed=1)
    )
    print("synthetic cooperation: 30 members, 200 activities, 300 flows, 3 scenarios")
    comparison = compare_scenarios(coop)
    charts = report_charts(comparison.base, "fr", comparison)
    built = median_ms(lambda: report_charts(comparison.base, "fr", comparison), REPEAT)
    print(f"  main charts built (Vega-Lite specs):  {built:7.0f} ms")
    for chart in charts:
        chart_svg(chart.spec)  # warm-up
        svg = median_ms(lambda c=chart: chart_svg(c.spec), REPEAT)
        png = median_ms(lambda c=chart: chart_png(c.spec, scale=1), REPEAT)
        print(f"  chart {chart.name:26s} svg {svg:5.0f} ms   png {png:5.0f} ms")
    for fmt, target in TARGETS_S.items():
        size = len(export_file(coop, fmt, "fr"))  # warm-up
        ms = median_ms(lambda f=fmt: export_file(coop, f, "fr"), REPEAT)
        verdict = "ok" if ms <= target * 1000 else "OVER TARGET"
        print(
            f"  {fmt:6s} {ms / 1000:6.2f} s  (target <= {target:.0f} s: {verdict})"
            f"   {size / 1024:7.0f} kB"
        )


if __name__ == "__main__":
    main()
