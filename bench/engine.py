"""Engine benchmark: load and evaluate the 30-member / 200-activity synthetic cooperation.

Prints median times; targets on a 2-core machine: evaluate <= 20 ms, 1,000 workload
variants <= 2 s, what the cooperation becomes if a member leaves <= 200 ms. Figures,
not asserts: run ``make bench``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from timing import median_ms  # bench/timing.py

from bm3c.engine import compile_ledger, evaluate, evaluate_work_variants, random_work_splits
from bm3c.engine.leaving import members_leave
from bm3c.io import load_cooperation
from bm3c.synthetic import synthetic_cooperation


def main() -> None:
    data = synthetic_cooperation(members=30, activities=200, flows=300, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        size_kb = path.stat().st_size / 1024
        load = median_ms(lambda: load_cooperation(path), 15)
        coop = load_cooperation(path)
    ev = median_ms(lambda: evaluate(coop), 51)
    scenario = median_ms(lambda: evaluate(coop, coop.scenarios[1].id), 21)
    ledger = compile_ledger(coop)
    paid, volunteer = random_work_splits(ledger, 1000, seed=1)
    variants = median_ms(lambda: evaluate_work_variants(coop, paid, volunteer, ledger), 11)
    one_by_one = median_ms(
        lambda: [
            evaluate_work_variants(coop, paid[i : i + 1], volunteer[i : i + 1], ledger)
            for i in range(1000)
        ],
        3,
    )
    print(f"synthetic cooperation: 30 members, 200 activities, 300 flows ({size_kb:.0f} kB YAML)")
    print(f"load + validate (incl. 3 scenarios)   {load:8.1f} ms")
    print(f"evaluate (base)                       {ev:8.1f} ms   target <= 20 ms")
    print(f"evaluate one scenario                 {scenario:8.1f} ms")
    print(f"1,000 workload variants, batched      {variants:8.1f} ms   target <= 2000 ms")
    print(f"1,000 workload variants, one by one   {one_by_one:8.1f} ms")
    leave = median_ms(lambda: members_leave(coop, [coop.member_ids[0]]), 11)
    print(f"a member leaves (the leave view)      {leave:8.1f} ms   target <= 200 ms")


if __name__ == "__main__":
    main()
