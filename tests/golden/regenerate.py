"""Regenerate the golden results of the bundled examples (never edit them by hand).

Run ``make golden`` after a deliberate change to the accounting rules or to an
example, then review the diff of ``tests/golden/*.json`` like any other change.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bm3c.engine import evaluate, evaluation_to_json  # noqa: E402
from bm3c.io import load_cooperation  # noqa: E402

GOLDEN = Path(__file__).resolve().parent


def golden_results(example: Path) -> dict[str, Any]:
    """The evaluation of the base and of every scenario of one example, as JSON data."""
    coop = load_cooperation(example)
    runs = [None, *(s.id for s in coop.scenarios)]
    return {str(run or "base"): evaluation_to_json(evaluate(coop, run)) for run in runs}


def main() -> None:
    """Write one golden file per example."""
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        target = GOLDEN / f"{example.stem}.json"
        text = json.dumps(golden_results(example), ensure_ascii=False, indent=1, sort_keys=True)
        target.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
