"""Streamlit's own English words, in the user's language.

Streamlit writes a few words itself, in English, with no option to change them:
the file picker's « Upload » button and its « 200MB per file » hint, the « Press
Enter to apply » (« … to submit form ») hint under a text field, the « Stop »
button of a long run. A style sheet replaces each with the catalogue's words
(the element keeps its place and its behaviour, Enter still sends a form; only
its text changes). Multiselects get a placeholder of ours instead of « Choose
options ».
"""

from __future__ import annotations

import streamlit as st

from bm3c.texts.i18n import translate
from bm3c.ui.i18n import current_language

__all__ = ["streamlit_words", "words_css"]


def _css_text(text: str) -> str:
    """A CSS string: ``"…"`` with quotes and backslashes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def words_css(lang: str) -> str:
    """The style sheet that puts ``lang``'s words in place of Streamlit's own."""

    def say(key: str) -> str:
        return _css_text(str(translate(key, lang)))

    drop = '[data-testid="stFileUploaderDropzone"]'
    hint = '[data-testid="InputInstructions"] > span:first-child'
    return f"""
{drop} button [data-testid="stMarkdownContainer"] p {{ font-size: 0; }}
{drop} button [data-testid="stMarkdownContainer"] p::after {{
  content: {say("streamlit.upload")}; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] * {{ font-size: 0; }}
[data-testid="stFileUploaderDropzoneInstructions"]::after {{
  content: {say("streamlit.drop_here")}; font-size: 0.75rem; }}
{hint} {{ font-size: 0; }}
{hint}::after {{ content: {say("streamlit.enter")}; font-size: 0.75rem; }}
[data-testid="stTextArea"] {hint}::after {{ content: {say("streamlit.ctrl_enter")}; }}
[data-testid="stForm"] {hint}::after {{ content: {say("streamlit.enter_form")}; }}
[data-testid="stForm"] [data-testid="stTextArea"] {hint}::after {{
  content: {say("streamlit.ctrl_enter_form")}; }}
[data-testid="stStatusWidget"] button {{ font-size: 0; }}
[data-testid="stStatusWidget"] button::after {{
  content: {say("streamlit.stop")}; font-size: 0.875rem; }}
"""


def streamlit_words() -> None:
    """Put the style sheet in the page (it takes no room)."""
    st.html(f"<style>{words_css(current_language())}</style>")
