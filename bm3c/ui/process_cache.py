"""What every tab of a server process shares: saved models, their evaluations, chart specs.

In a workshop thirty tabs often show the same revision of the same model. When
someone saves, every tab takes the new revision within a second, and each would
read it from the workspace, parse it, evaluate it and build its charts again, all
at the same moment. Here each of those is computed once per process and shared:

- a key names the *content* it was computed from (:func:`fingerprint` of a model:
  a hash of its canonical JSON, worked out once per model object), never a tab's
  own counters, so two tabs with equal models share, and an edited model never
  meets a stale result;
- each cache is bounded (least recently used first out), so a long workshop's
  revisions do not pile up in memory;
- when several tabs ask for the same missing entry together, one computes it and
  the others wait for it (no thirty evaluations of the same revision).

Everything cached is immutable (frozen models, evaluations, JSON specs that
Streamlit copies before drawing): sharing between threads is safe.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from bm3c.model import Cooperation
from bm3c.store import Revision, Store, canonical_json

__all__ = [
    "SharedCache",
    "chart_spec",
    "content_key",
    "fingerprint",
    "saved_model",
    "saved_revision",
    "shared",
]

T = TypeVar("T")


class SharedCache(Generic[T]):
    """A bounded, thread-safe cache whose missing entries are computed once.

    ``get(key, make)``: the value for ``key``, calling ``make()`` only when it is
    missing; others asking for the same key meanwhile wait for that one call.
    ``make()`` may ask for other keys (an evaluation for a chart), never, directly or
    not, for the key it is making: that would wait for itself, and is refused.
    """

    def __init__(self, size: int, on_evict: Callable[[T], None] | None = None) -> None:
        self.size = size
        self._on_evict = on_evict
        self._values: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()
        self._making: dict[Hashable, threading.Lock] = {}
        self._mine = threading.local()  # the keys this thread is making
        self.made = 0  # how many values were computed (for tests and benchmarks)

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value of ``key``, made by ``make()`` when it is not cached yet."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            making = self._making.setdefault(key, threading.Lock())
        mine: set[Hashable] = self._mine.__dict__.setdefault("keys", set())
        if key in mine:
            raise RuntimeError(f"making {key!r} asks for itself")
        with making:  # one tab makes it; the others asking meanwhile wait here
            with self._lock:
                if key in self._values:
                    return self._values[key]
            mine.add(key)
            try:
                value = make()
            except BaseException:
                with self._lock:  # nothing kept: the next one asking tries again
                    self._making.pop(key, None)
                raise
            finally:
                mine.discard(key)
            evicted = []
            with self._lock:
                self.made += 1
                self._values[key] = value
                self._values.move_to_end(key)
                while len(self._values) > self.size:
                    evicted.append(self._values.popitem(last=False)[1])
                self._making.pop(key, None)
            if self._on_evict is not None:
                for old in evicted:
                    self._on_evict(old)
        return value

    def items(self) -> list[tuple[Hashable, T]]:
        """What is cached now, least recently used first."""
        with self._lock:
            return list(self._values.items())

    def clear(self) -> None:
        """Forget every value."""
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


# objects met lately -> (the object, the key naming its content); the object is held
# so that its id is not reused while it is listed
_KEYS: OrderedDict[int, tuple[object, Hashable]] = OrderedDict()
_KEYS_SIZE = 512
_KEYS_LOCK = threading.Lock()


def _remember(thing: object, key: Hashable) -> None:
    with _KEYS_LOCK:
        _KEYS[id(thing)] = (thing, key)
        _KEYS.move_to_end(id(thing))
        while len(_KEYS) > _KEYS_SIZE:
            _KEYS.popitem(last=False)


def _forget(thing: object) -> None:
    """``thing`` left its cache: it no longer needs its key (nor to be kept alive for it)."""
    with _KEYS_LOCK:
        known = _KEYS.get(id(thing))
        if known is not None and known[0] is thing:
            del _KEYS[id(thing)]


def content_key(thing: object) -> Hashable | None:
    """The key naming what ``thing`` was computed from, if this process knows it.

    Models get theirs from :func:`fingerprint`; what :func:`shared` computed (an
    evaluation, say) gets the key it was computed under. Anything else: None.
    """
    with _KEYS_LOCK:
        known = _KEYS.get(id(thing))
    return known[1] if known is not None and known[0] is thing else None


def fingerprint(coop: Cooperation) -> str:
    """A hash of the model's content: equal models, equal fingerprints (once per object)."""
    known = content_key(coop)
    if isinstance(known, str):
        return known
    print_ = hashlib.blake2b(canonical_json(coop).encode(), digest_size=16).hexdigest()
    _remember(coop, print_)
    return print_


REVISIONS: SharedCache[Revision] = SharedCache(64)
MODELS: SharedCache[Cooperation] = SharedCache(32)
#: Evaluations, year views, plan evaluations, words: anything computed from a model. A
#: plan evaluation of 30 members over five years weighs about 4 MB: 128 entries stay near
#: half a gigabyte even if every entry were one (most are far smaller).
RESULTS: SharedCache[Any] = SharedCache(128, on_evict=_forget)
#: Chart specifications (JSON dicts), by what they were drawn from.
CHARTS: SharedCache[dict[str, Any]] = SharedCache(256)


def saved_revision(store: Store, model_id: str, number: int) -> Revision:
    """Revision ``number`` of a workspace model, read once per process."""
    key = (store.url, store.workspace, model_id, number)
    return REVISIONS.get(key, lambda: store.revision(model_id, number))


def saved_model(store: Store, revision: Revision) -> Cooperation:
    """The model a revision holds, parsed once per process: every tab shares one object."""
    key = (store.url, store.workspace, revision.model_id, revision.number)
    return MODELS.get(key, revision.cooperation)


def shared(key: Hashable, make: Callable[[], T]) -> T:
    """``make()``, computed once per process for ``key`` (a key naming a model's content).

    The value remembers its key (:func:`content_key`): what is drawn from it can be
    cached in turn.
    """
    value: T = RESULTS.get(key, make)
    if content_key(value) is None:
        _remember(value, key)
    return value


def chart_spec(key: Hashable, make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """A chart's specification, built once per process for ``key``."""
    return CHARTS.get(key, make)
