"""Chart type sizes for a projector: scaled, rounded, the rest of the config kept."""

from __future__ import annotations

import pytest

from bm3c.present.chart_fonts import BASE_SIZES, font_size, scaled_config, scaled_spec


def test_font_size_scales_and_rounds_to_half_a_pixel() -> None:
    assert font_size(11, 1.0) == 11
    assert font_size(11, 1.4) == 15.5  # 15.4 -> 15.5
    assert font_size(12, 1.4) == 17  # 16.8 -> 17
    with pytest.raises(ValueError, match="positive"):
        font_size(11, 0)


def test_scaled_config_fills_every_text_size_and_keeps_the_rest() -> None:
    config = {"locale": {"number": {"decimal": ","}}, "axis": {"labelFontSize": 20, "grid": False}}
    scaled = scaled_config(config, 1.5)
    assert scaled["locale"] == {"number": {"decimal": ","}}
    assert scaled["axis"]["labelFontSize"] == 30  # the chart's own size, scaled
    assert scaled["axis"]["titleFontSize"] == 18  # Vega-Lite's 12 px, scaled
    assert scaled["axis"]["grid"] is False
    for part, sizes in BASE_SIZES.items():
        assert set(sizes) <= set(scaled[part])
    assert config["axis"]["labelFontSize"] == 20  # the given config is not changed


def test_a_scale_of_one_changes_nothing() -> None:
    spec = {"mark": "bar", "config": {"axis": {"labelFontSize": 9}}}
    assert scaled_spec(spec, 1.0) == spec
    assert scaled_config(None, 1.0) == {}
    assert scaled_spec(spec, 2.0)["config"]["axis"]["labelFontSize"] == 18
    assert spec["config"]["axis"]["labelFontSize"] == 9
