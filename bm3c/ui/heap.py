"""Keep the server's long-lived objects out of Python's garbage collection.

The app's heap holds some 200,000 objects that live as long as the server
(Streamlit, pandas, Altair, SQLAlchemy, networkx, the catalogues, the pages' own
modules). A full collection walks them all (about 120 ms here); with thirty tabs
each rerunning once a second, collections triggered by the tabs' allocations would
keep a core busy walking objects that are never garbage. :func:`settle` moves them
to the interpreter's permanent generation (:func:`gc.freeze`) once each page has run
for the first time in the process, so later collections walk only what the tabs
create. What is alive at those moments (the tabs then open, their caches) is frozen
with the rest: still freed when nothing refers to it, but a reference cycle among it is
never collected; a few snapshots per process, a small price.
Streamlit's own collection after every run is off (``runner.postScriptGC``,
:mod:`bm3c.cli.serve`); Python's generational collector still runs as usual.
"""

from __future__ import annotations

import gc
import threading

__all__ = ["settle"]

_SETTLED: set[str] = set()
_LOCK = threading.Lock()


def settle(page: str) -> None:
    """After ``page`` has run: the first time in this process, collect, then freeze the heap."""
    with _LOCK:
        if page in _SETTLED:
            return
        _SETTLED.add(page)
        gc.collect()  # what is garbage now goes, rather than being kept for good
        gc.freeze()
