"""The bridge from the pooled activities' result to the shared entity's result, as a table.

The steps are :func:`bm3c.engine.bridge.shared_result_bridge`'s; each reads in
words with its sign (« + cotisations et versements des membres »), its amount
unsigned beside it; the first (the activities' result) and the last (the
shared entity's result) keep their sign. Steps worth zero are left out.
"""

from __future__ import annotations

import pandas as pd

from bm3c.engine.bridge import shared_result_bridge
from bm3c.model import Cooperation
from bm3c.texts.format import money
from bm3c.texts.i18n import translate

__all__ = ["CENT", "bridge_frame"]

CENT = 0.005  # a step below half a cent rounds to zero: left out


def bridge_frame(coop: Cooperation, lang: str) -> pd.DataFrame:
    """One row per step that is not zero, the activities' result first, the entity's last."""
    rows: list[tuple[str, str]] = []
    for step in shared_result_bridge(coop):
        signed = step.total or step.step == "shared_activities"
        if not signed and abs(step.amount_eur) < CENT:
            continue
        amount = step.amount_eur if signed else abs(step.amount_eur)
        rows.append(
            (
                str(translate(f"bridge.step.{step.step}", lang)),
                money(amount, coop.currency, lang),
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            str(translate("bridge.col_step", lang)),
            str(translate("bridge.col_amount", lang)),
        ],
    )
