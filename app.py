"""Streamlit entry point: ``streamlit run app.py`` (``make run`` does it for you)."""

from bm3c.ui.main import run

run()
