"""Streamlit entry point: ``streamlit run app.py`` (``make run`` does it for you)."""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).parent / "bm3c" / "ui" / "main.py"), run_name="__main__")
