"""Charts as images: the full spec, PNG and SVG drawn offline, file names."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import altair as alt
import pandas as pd
import pytest
from PIL import Image

from bm3c.engine import compare_scenarios
from bm3c.export.charts import report_charts
from bm3c.export.images import chart_png, chart_svg, full_spec
from bm3c.io import load_cooperation
from bm3c.ui.chart_files import file_stem
from tests.conftest import EXAMPLES

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ROWS = pd.DataFrame({"member": ["A", "B"], "value": [3.0, -1.5]})
SPEC = {
    "mark": "bar",
    "autosize": {"type": "fit-x", "contains": "padding"},
    "encoding": {
        "y": {"field": "member", "type": "nominal"},
        "x": {"field": "value", "type": "quantitative"},
    },
}


def test_full_spec_inlines_rows_given_apart_and_fixes_a_width() -> None:
    spec = full_spec(SPEC, ROWS)
    assert spec["data"] == {
        "values": [{"member": "A", "value": 3.0}, {"member": "B", "value": -1.5}]
    }
    assert spec["width"] == 720  # a chart fitted to its container gets a width of its own
    assert spec["background"] == "white"
    assert "data" not in SPEC and "width" not in SPEC  # the caller's spec is left alone


def test_full_spec_keeps_a_chart_s_own_width() -> None:
    chart = alt.Chart(ROWS).mark_bar().encode(x="value:Q", y="member:N").properties(width=300)
    assert full_spec(chart)["width"] == 300


def test_png_is_an_image_of_the_chart_at_twice_its_size() -> None:
    png = chart_png(SPEC, ROWS)
    assert png.startswith(PNG_MAGIC)
    image = Image.open(io.BytesIO(png))
    assert image.width >= 2 * 720  # drawn at scale 2: sharp on a projector
    once = Image.open(io.BytesIO(chart_png(SPEC, ROWS, scale=1)))
    assert abs(image.width - 2 * once.width) <= 2


def test_svg_is_a_drawing_with_the_chart_s_texts() -> None:
    svg = chart_svg(SPEC, ROWS)
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    texts = {t.text for t in root.iter() if t.tag.endswith("text")}
    assert {"A", "B", "member", "value"} <= texts


@pytest.mark.parametrize("example", EXAMPLES[:1], ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_main_charts_draw_in_both_languages(example, lang: str) -> None:  # type: ignore[no-untyped-def]
    coop = load_cooperation(example)
    comparison = compare_scenarios(coop)
    charts = report_charts(comparison.base, lang, comparison)
    names = [c.name for c in charts]
    assert names[:4] == ["value-flows", "members-alone-and-within", "activities", "work-load"]
    assert ("scenarios" in names) == bool(coop.scenarios)
    member_names = {m.name for m in coop.members}
    for chart in charts:
        texts = {t.text for t in ET.fromstring(chart_svg(chart.spec)).iter() if t.text}
        assert chart.title in " ".join(texts) or chart.name == "value-flows", chart.name
        if chart.name in ("value-flows", "members-alone-and-within", "work-load"):
            assert member_names <= texts, chart.name
    flows = next(c for c in charts if c.name == "value-flows")
    market = "Marché" if lang == "fr" else "Market"
    assert market in chart_svg(flows.spec)


def test_file_stem_is_plain_ascii() -> None:
    assert file_stem("Halle des transitions", "Résultat seule et dans la coopération") == (
        "halle-des-transitions-resultat-seule-et-dans-la-cooperation"
    )
    assert file_stem("«  »", "") == "chart"
    assert len(file_stem("x" * 200)) == 80


def test_a_long_activities_chart_keeps_its_best_and_worst_bars() -> None:
    from bm3c.engine import evaluate
    from bm3c.export.charts import MAX_BARS
    from bm3c.model import Cooperation
    from bm3c.synthetic import synthetic_cooperation

    coop = Cooperation.model_validate(synthetic_cooperation(activities=120, flows=20))
    ev = evaluate(coop)
    (chart,) = [c for c in report_charts(ev, "fr") if c.name == "activities"]
    assert chart.whole == 120
    kept = [row["result"] for row in chart.spec["data"]["values"]]
    results = sorted((a.result_eur for a in ev.activities), reverse=True)
    half = MAX_BARS // 2
    assert sorted(kept, reverse=True) == results[:half] + results[-half:]
    small = report_charts(evaluate(load_cooperation(EXAMPLES[0])), "fr")
    assert all(c.whole == 0 for c in small)  # a few activities: the whole chart
