"""The ``bm3c`` command, one module per command group.

:mod:`~bm3c.cli.main` parses the command line and runs validate, evaluate,
compare, schema, generate and serve; :mod:`~bm3c.cli.export`, :mod:`~bm3c.cli.game`
and :mod:`~bm3c.cli.models` add their groups. No arithmetic here: every figure
comes from the engine, the fairness package or the exports.
"""
