"""Read YAML and JSON safely: plain data, located syntax errors, size limits.

Every file bm3c reads (a model, a cooperative game, a logbook grid) goes through
:func:`read_data_file` or :func:`parse_data`: unsafe YAML tags, repeated keys,
alias bombs and files over :data:`MAX_FILE_BYTES` are refused with a message that
says where.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from bm3c.errors import FileTooLargeError, InvalidModelError, Problem

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_VALUES",
    "SafeDumper",
    "data_format",
    "parse_data",
    "read_data_file",
]

MAX_FILE_BYTES = 5 * 1024 * 1024


_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _UniqueKeyLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """Safe YAML loader (libyaml when available) that refuses a key given twice."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue  # merged keys may be overridden by explicit ones: that is YAML's rule
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "a key must be a plain value, not a list or mapping",
                key_node.start_mark,
            )
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"key '{key}' appears twice in one mapping (first at line {seen[key]}); "
                "the second would silently replace the first",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line + 1
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = loader.construct_mapping(node, deep=True)
    return mapping


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _check_file_size(size: int, source: str | None) -> None:
    """Refuse a model file over :data:`MAX_FILE_BYTES` before reading or parsing it."""
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 2**20
        message = f"file is {size / 1e6:.1f} MB, above the {limit} MB limit"
        raise FileTooLargeError([Problem("", message)], source)


def parse_data(text: str | bytes, fmt: str = "yaml", source: str | None = None) -> Any:
    """Parse YAML or JSON text into plain data, refusing unsafe tags and repeated keys.

    Raises:
        InvalidModelError: with the line and column of a syntax problem.

    """
    _check_file_size(len(text.encode() if isinstance(text, str) else text), source)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InvalidModelError(
                [Problem("", f"not UTF-8 text (byte {error.start})")], source
            ) from None
    try:
        if fmt == "json":
            data = json.loads(text, object_pairs_hook=_unique_json_object)
        else:
            data = yaml.load(text, Loader=_UniqueKeyLoader)
        _check_expanded_size(data)
        return data
    except RecursionError:
        message = "the document is nested too deeply to be a model file"
    except _TooLarge:
        message = (
            f"the document expands to more than {MAX_VALUES:,} values "
            "(YAML aliases repeated inside each other?)"
        )
    except json.JSONDecodeError as error:
        message = f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = error.problem or ""
        if "could not determine a constructor" in problem:
            tag = problem.split("tag ")[-1].replace("tag:yaml.org,2002:", "!!")
            problem = f"unsafe or unknown YAML tag {tag}: a model file holds plain values only"
        message = f"{where}{problem}"
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        message = f"invalid YAML at {where}{getattr(error, 'problem', None) or error}"
    except _RepeatedJsonKey as error:
        message = _locate_repeated_json_key(text, str(error))
    raise InvalidModelError([Problem("", message)], source)


class _RepeatedJsonKey(ValueError):
    pass


def _locate_repeated_json_key(text: str, message: str) -> str:
    """Add the line of a repeated JSON key, found by reading the JSON as YAML."""
    try:
        yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        if mark is not None:
            return f"line {mark.line + 1}, column {mark.column + 1}: {message}"
    except yaml.YAMLError:
        pass
    return message


class _TooLarge(ValueError):
    pass


MAX_VALUES = 1_000_000


def _check_expanded_size(data: Any) -> None:
    """Refuse data whose values, aliases expanded, exceed :data:`MAX_VALUES`.

    A few bytes of YAML aliases can stand for billions of values; validation would
    walk them all. Counting stops as soon as the budget is spent.
    """
    budget = MAX_VALUES
    stack = [data]
    while stack:
        node = stack.pop()
        budget -= 1
        if budget < 0:
            raise _TooLarge
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _unique_json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _RepeatedJsonKey(f"key '{key}' appears twice in one JSON object")
        result[key] = value
    return result


def data_format(path: Path) -> str:
    """``json`` for a ``.json`` file, ``yaml`` for any other."""
    return "json" if path.suffix.lower() == ".json" else "yaml"


def read_data_file(path: str | Path) -> Any:
    """Read and parse a YAML or JSON file (``.json`` as JSON, anything else as YAML).

    Raises:
        InvalidModelError: when the file is missing, unreadable, too large or not
            valid YAML/JSON, with the file as source.

    """
    path = Path(path)
    try:
        _check_file_size(path.stat().st_size, str(path))
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidModelError(
            [Problem("", f"cannot read the file: {error.strerror}")], str(path)
        ) from None
    return parse_data(raw, data_format(path), str(path))
