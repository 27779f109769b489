"""The served app's heap: the downloads' libraries stay out, the long-lived objects frozen."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return done.stdout.strip()


def test_the_app_loads_the_downloads_libraries_only_when_a_file_is_asked_for() -> None:
    loaded = _run(
        """
        import pkgutil, importlib, sys
        import bm3c.ui
        for info in pkgutil.iter_modules(bm3c.ui.__path__, "bm3c.ui."):
            if info.name != "bm3c.ui.views":
                importlib.import_module(info.name)
        from bm3c.export.formats import export_file  # the Documents page's import
        from bm3c.export.charts import report_charts
        heavy = ("openpyxl", "weasyprint", "vl_convert", "cairosvg")
        print(" ".join(name for name in heavy if name in sys.modules))
        """
    )
    assert loaded == ""
    # asked for: a chart's SVG loads vl-convert then
    assert (
        _run(
            """
        import sys
        import altair as alt
        import pandas as pd
        from bm3c.export.images import chart_svg
        chart_svg(alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x"))
        print("vl_convert" in sys.modules)
        """
        )
        == "True"
    )


def test_each_page_freezes_the_heap_once_per_process() -> None:
    counts = _run(
        """
        import gc
        from bm3c.ui.heap import settle
        before = gc.get_freeze_count()
        settle("overview")
        first = gc.get_freeze_count()
        kept = [[i] for i in range(1000)]  # made after: not frozen by the same page again
        settle("overview")
        again = gc.get_freeze_count()
        settle("flows")
        print(before, first > before, again == first, gc.get_freeze_count() >= first + 1000)
        """
    )
    assert counts.split()[1:] == ["True", "True", "True"]
