"""What the browser remembers between visits: the participant's name and its secret.

Streamlit's session state dies with the tab (a reload starts a new session), and
``st.context.cookies`` is read-only: it holds the cookies the browser sent when the
tab connected. So a value to remember is written by a tiny script in the page
(``st.html`` with JavaScript runs in the app's own document, not in an iframe),
as a first-party cookie on the app's origin, and read back from
``st.context.cookies`` by the next session of the same browser (a reload, a new tab).

Two values live there:

- ``bm3c_name``: the name the participant joined under; a reload never asks again.
- ``bm3c_secret``: a random token, the same for every tab of the browser. The logbook
  keeps only its hash next to each answer: before the reveal, answers are readable
  only from the browser that holds the token (typing a name is not enough).

When the browser keeps no cookie (blocked, or a test without a browser), the values
last for the tab's session only.
"""

from __future__ import annotations

import json
import secrets
from urllib.parse import quote, unquote

import streamlit as st

__all__ = [
    "NAME_COOKIE",
    "SECRET_COOKIE",
    "browser_secret",
    "cookie_script",
    "recall",
    "remember",
    "write_pending",
]

NAME_COOKIE = "bm3c_name"
SECRET_COOKIE = "bm3c_secret"
KEEP_DAYS = 365
PENDING = "bm3c.browser_memory.pending"  # cookies to write at the end of this run
WRITTEN = "bm3c.browser_memory.written"  # what this session already wrote


def recall(name: str) -> str:
    """The value the browser sent for ``name`` when the tab connected, or written since ("")."""
    written = st.session_state.get(WRITTEN, {})
    if name in written:
        return str(written[name])
    try:
        value = st.context.cookies.get(name)
    except Exception:  # no browser context (a bare script run): nothing kept
        value = None
    # AppTest hands a mock, not text: nothing kept, as in a browser without cookies
    return unquote(value) if isinstance(value, str) and value else ""


def remember(name: str, value: str) -> None:
    """Have the browser keep ``value`` under ``name`` (written at the end of the run)."""
    if recall(name) == value:
        return
    st.session_state[WRITTEN] = {**st.session_state.get(WRITTEN, {}), name: value}
    st.session_state[PENDING] = {**st.session_state.get(PENDING, {}), name: value}


def browser_secret() -> str:
    """The browser's secret token (made and remembered on its first visit)."""
    secret = recall(SECRET_COOKIE)
    if len(secret) < 32:  # none yet, or not one of ours
        secret = secrets.token_hex(16)
        remember(SECRET_COOKIE, secret)
    return secret


def cookie_script(values: dict[str, str], days: int = KEEP_DAYS) -> str:
    """The ``<script>`` that writes ``values`` as cookies of the page's origin."""
    lines = [
        f"{name}={quote(value, safe='')}; path=/; max-age={days * 86400}; SameSite=Lax"
        for name, value in sorted(values.items())
    ]
    # json.dumps quotes each line as a JavaScript string; "</" cannot close the script
    body = ";".join(f"document.cookie={json.dumps(line)}" for line in lines)
    safe = body.replace("</", "<\\/")
    return f"<script>{safe}</script>"


def write_pending() -> None:
    """Write the cookies asked for during this run (call once, at the end of the run)."""
    pending = st.session_state.pop(PENDING, None)
    if pending:
        st.sidebar.html(cookie_script(pending), unsafe_allow_javascript=True, width="content")
