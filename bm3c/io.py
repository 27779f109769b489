"""Read and write model files (YAML or JSON): a cooperation, validated whole."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from bm3c.engine.scenarios import check_scenarios
from bm3c.errors import InvalidModelError
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.parsing import SafeDumper, parse_data, read_data_file

__all__ = [
    "cooperation_to_data",
    "dump_cooperation",
    "load_cooperation",
    "parse_cooperation",
]


def _checked(coop: Cooperation, source: str | None) -> Cooperation:
    """The cooperation, once every scenario of it applies."""
    problems = check_scenarios(coop)
    if problems:
        raise InvalidModelError(problems, source)
    return coop


def parse_cooperation(
    text: str | bytes, fmt: str = "yaml", source: str | None = None
) -> Cooperation:
    """Parse and validate a model, its scenarios included.

    Raises:
        InvalidModelError: every problem at once, each as ``path: message``.

    """
    return _checked(validate_cooperation(parse_data(text, fmt, source), source), source)


def load_cooperation(path: str | Path) -> Cooperation:
    """Load a model file; ``.json`` files are read as JSON, others as YAML.

    Raises:
        InvalidModelError: when the file is missing, unreadable, too large or invalid.

    """
    source = str(path)
    return _checked(validate_cooperation(read_data_file(path), source), source)


def cooperation_to_data(coop: Cooperation, *, full: bool = False) -> dict[str, Any]:
    """Plain data of a cooperation, with file keys (``from``, ``to``).

    Args:
        coop: The cooperation.
        full: Keep fields equal to their default (for scenario paths); otherwise only
            what differs from defaults, as a person would write the file.

    """
    return coop.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=not full)


def dump_cooperation(coop: Cooperation, fmt: str = "yaml") -> str:
    """A model file's text for a cooperation, in YAML or JSON."""
    data = cooperation_to_data(coop)
    data = {"bm3c": 1, **data}
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(data, Dumper=SafeDumper, allow_unicode=True, sort_keys=False, width=100)
