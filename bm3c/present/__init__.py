"""Presentation without Streamlit: what the app and the take-home files both show.

Altair chart builders (``charts_*``), the value-flow graph's layout and tables
(:mod:`~bm3c.present.graph`), the work tables, problems in the reader's words,
the logbook's tables and the plain-text rendering of the command line
(:mod:`~bm3c.present.text`). Numbers come from the engine and the fairness
package; here they are only laid out, formatted and labelled.
"""
