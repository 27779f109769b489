"""Saves revisions of a large model in a loop; test_crash.py kills it mid-way.

Usage: ``python crash_writer.py URL MODEL_ID``. Prints ``saving N`` before each save
and ``saved N`` once it returned (flushed): that is the acknowledgement the store
must keep. The description of revision N is ``revision N``, so its content can be
checked later.
"""

from __future__ import annotations

import sys

from bm3c.model.validation import validate_cooperation
from bm3c.store import Store
from bm3c.synthetic import synthetic_cooperation


def main(url: str, model_id: str) -> None:
    store = Store(url)
    base = validate_cooperation(synthetic_cooperation(seed=1))  # 30 members, ~165 kB of JSON
    while True:
        head = store.head(model_id)
        number = head + 1
        coop = base.model_copy(update={"description": f"revision {number}"})
        print(f"saving {number}", flush=True)
        saved = store.save(
            model_id, coop, author="writer", message=f"save {number}", parent=head or None
        )
        print(f"saved {saved.number}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
