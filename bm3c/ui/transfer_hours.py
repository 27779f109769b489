"""The hours of the Work page's transfer: one number, shown by a slider and an exact entry.

Why the widgets are redrawn instead of written to: a value a script writes into a
widget's key is sent to the browser and replaces what the widget shows. While a
rerun is on its way, the browser has already sent the next key presses with the
widgets' *old* values; with two widgets that copy each other, the slider's step
pulled the number back, and the number's stale value pulled the slider back, so
quick key presses were lost (five steps landed on one or two). Here the hours live
in one session value, :data:`MOVED`; each widget is drawn from it, and when one
changes the *other* is drawn afresh under a new key (its version in the session).
A widget the user is using is never written to, and what a retired widget still
says in a late request is ignored, so the last position always wins.

The keyed containers :data:`HOURS` and :data:`SLIDER` hold the widgets: pages and
tests find them there whatever their version.
"""

from __future__ import annotations

import streamlit as st

from bm3c.model import Cooperation

__all__ = [
    "HOURS",
    "MOVED",
    "SLIDER",
    "hours_moved",
    "number_typed",
    "set_hours",
    "slider_moved",
    "start_hours",
    "widget_key",
]

HOURS = "work.transfer.hours"  # the exact number entry
SLIDER = "work.transfer.hours_slider"
MOVED = "work.transfer.moved"  # the hours to move (None: the entry is empty)
MODEL_OF = "bm3c.work.transfer_of"  # the model the hours were chosen on


def widget_key(which: str) -> str:
    """The key of the widget drawn now in the container ``which`` (HOURS or SLIDER)."""
    return f"{which}.{st.session_state.get(f'{which}.version', 0)}"


def _redraw(which: str) -> None:
    """Draw the widget of ``which`` afresh, from :data:`MOVED`, at the next run."""
    st.session_state[f"{which}.version"] = st.session_state.get(f"{which}.version", 0) + 1


def _drawn(which: str, key: str) -> bool:
    """True when ``key`` is the widget drawn now in ``which``, not a retired one.

    Streamlit keeps a retired widget's callback: a request sent before the browser
    saw the new widget still carries the old one's value, and must change nothing.
    """
    now = widget_key(which)
    return key == now or key.startswith(f"{now}.")


def hours_moved() -> float | None:
    """The hours to move, as the user last set them (None when the entry is empty)."""
    value = st.session_state.get(MOVED)
    return None if value is None else float(value)


def set_hours(value: float) -> None:
    """Both widgets on ``value`` (from a callback, or before they are drawn)."""
    st.session_state[MOVED] = value
    _redraw(HOURS)
    _redraw(SLIDER)


def slider_moved(key: str) -> None:
    """The slider ``key`` moved: its value is the hours; the exact entry is redrawn.

    ``key`` may add the slider's range to :func:`widget_key` (a new range, a new slider).
    """
    if _drawn(SLIDER, key):
        st.session_state[MOVED] = float(st.session_state[key])
        _redraw(HOURS)


def number_typed(key: str) -> None:
    """A number was typed in the entry ``key``: it is the hours; the slider is redrawn."""
    if _drawn(HOURS, key):
        st.session_state[MOVED] = st.session_state[key]
        _redraw(SLIDER)


def start_hours(coop: Cooperation) -> None:
    """0 h after every model change (an applied transfer, an undo), and the first time."""
    if st.session_state.get(MODEL_OF) is not coop or MOVED not in st.session_state:
        st.session_state[MODEL_OF] = coop
        set_hours(0.0)
