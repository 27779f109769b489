"""Chart type sizes for a screen: the normal sizes, or larger ones for a projector.

A chart builder that draws its own text (amounts on bars, node labels) takes a
``font_scale`` and multiplies its sizes by it (:func:`font_size`); every other text
(axes, legends, titles) gets its size from the spec's ``config``, which
:func:`scaled_config` fills in. Both are pure: the same spec goes to the app and
to the exported images.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["BASE_SIZES", "font_size", "scaled_config", "scaled_spec"]

# Vega-Lite's own defaults, in px: what a scale of 1 keeps
BASE_SIZES: dict[str, dict[str, float]] = {
    "axis": {"labelFontSize": 11, "titleFontSize": 12},
    "legend": {"labelFontSize": 11, "titleFontSize": 12},
    "header": {"labelFontSize": 11, "titleFontSize": 12},
    "title": {"fontSize": 14, "subtitleFontSize": 12},
    "text": {"fontSize": 11},
}


def font_size(base_px: float, font_scale: float) -> float:
    """``base_px`` at ``font_scale``, rounded to half a pixel (1.0: unchanged).

    Raises:
        ValueError: when the scale is not positive.

    """
    if font_scale <= 0:
        raise ValueError(f"font_scale must be positive, not {font_scale}")
    return round(base_px * font_scale * 2) / 2


def scaled_config(config: Mapping[str, Any] | None, font_scale: float) -> dict[str, Any]:
    """A chart ``config`` whose text sizes are :data:`BASE_SIZES` × ``font_scale``.

    A size the chart sets itself is scaled too, so a builder's choices keep their
    proportions; the rest of the config (locale, view...) is kept as it is. A scale
    of 1 returns the config unchanged (a copy).
    """
    merged: dict[str, Any] = {
        k: dict(v) if isinstance(v, Mapping) else v for k, v in (config or {}).items()
    }
    if font_scale == 1:
        return merged
    for part, sizes in BASE_SIZES.items():
        section = merged.setdefault(part, {})
        if not isinstance(section, dict):
            continue
        for name, base in sizes.items():
            given = section.get(name)
            section[name] = font_size(
                float(given) if isinstance(given, int | float) else base, font_scale
            )
        if part == "axis":
            section.setdefault("labelLimit", 260)
    return merged


def scaled_spec(spec: Mapping[str, Any], font_scale: float) -> dict[str, Any]:
    """A copy of a Vega-Lite ``spec`` with :func:`scaled_config` as its config."""
    copy = dict(spec)
    if font_scale != 1:
        copy["config"] = scaled_config(spec.get("config"), font_scale)
    return copy
