"""YAML reading that remembers where everything came from.

Every YAML file chc reads (Code editions, policies, self-assessment answers) goes through
:func:`load_yaml`, which uses ruamel.yaml's round-trip loader so that each mapping and
sequence keeps the line and column of its keys and items. :func:`validate` then runs a
pydantic model over the data and turns the first validation error into a
:class:`~chc.errors.ChcError` that names the file, line and column.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from chc.errors import ChcError, InputError

M = TypeVar("M", bound=BaseModel)

Loc = Sequence[str | int]


def read_text(path: Path, *, error: type[ChcError] = InputError) -> str:
    """Read a UTF-8 text file, turning every OS-level failure into a clear ChcError."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error("file not found", file=path) from None
    except IsADirectoryError:
        raise error("is a directory, not a file", file=path) from None
    except PermissionError:
        raise error("permission denied", file=path) from None
    except UnicodeDecodeError as exc:
        raise error(
            f"not UTF-8 text (byte {exc.start} cannot be decoded); save the file as UTF-8",
            file=path,
        ) from None
    except OSError as exc:
        raise error(f"cannot be read: {exc.strerror}", file=path) from None


def parse_yaml(text: str, *, source: str | Path, error: type[ChcError] = InputError) -> Any:
    """Parse YAML text with positions kept; duplicate keys are an error, as is a syntax error."""
    # Imported here: ruamel.yaml costs ~40 ms to import and `chc deadlines` never needs it.
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    yaml.Constructor = _constructor()
    yaml.allow_duplicate_keys = False
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if problem.startswith("found duplicate key"):
            # ruamel says 'found duplicate key "a" with value "2" (original value: "1")'.
            problem = problem.replace("found duplicate key", "duplicate key", 1)
        elif exc.context and exc.context != problem:
            problem = f"{problem} ({exc.context})"
        raise error(
            f"invalid YAML: {problem}",
            file=source,
            line=mark.line + 1 if mark is not None else None,
            column=mark.column + 1 if mark is not None else None,
        ) from None
    except YAMLError as exc:
        # A ReaderError (a control character, say) has no mark; keep its first line only.
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "unreadable"
        position = getattr(exc, "position", None)
        where = f" (character {position + 1})" if isinstance(position, int) else ""
        raise error(f"invalid YAML: {first}{where}", file=source) from None


@functools.cache
def _constructor() -> type:
    """A round-trip constructor that leaves dates as text.

    ruamel.yaml turns ``2024-02-30`` into a ValueError with no position; kept as text, the
    date is parsed by pydantic, whose error we can place at its line and column.
    """
    from ruamel.yaml.constructor import RoundTripConstructor

    class DatesAsText(RoundTripConstructor):
        pass

    DatesAsText.add_constructor(
        "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
    )
    return DatesAsText


def load_yaml(path: Path, *, error: type[ChcError] = InputError) -> Any:
    """Read and parse a YAML file; see :func:`parse_yaml`."""
    return parse_yaml(read_text(path, error=error), source=path, error=error)


def position(data: Any, loc: Loc) -> tuple[int | None, int | None]:
    """The 1-based (line, column) of the deepest node of ``loc`` found in ``data``.

    A mapping key points at the key itself (so an unknown or misspelt key is found at
    once); a sequence item points at the item. Where the path leaves the data (a missing
    key), the position is that of the deepest node that exists.
    """
    line: int | None = None
    column: int | None = None
    node = data
    lc = getattr(node, "lc", None)
    if lc is not None:
        line, column = lc.line + 1, lc.col + 1
    for part in loc:
        lc = getattr(node, "lc", None)
        if isinstance(node, dict) and part in node:
            if lc is not None:
                pos = lc.key(part)
                line, column = pos[0] + 1, pos[1] + 1
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            if lc is not None:
                pos = lc.item(part)
                line, column = pos[0] + 1, pos[1] + 1
            node = node[part]
        else:
            # pydantic adds union member names ('str', 'list[str]') to locations: skip them.
            continue
    return line, column


def format_loc(loc: Loc) -> str:
    """``('provisions', 3, 'id')`` -> ``provisions[3].id`` (0-based, as in the data)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif out:
            out += f".{part}"
        else:
            out = str(part)
    return out


def _data_loc(data: Any, loc: Loc) -> list[str | int]:
    """Drop the parts pydantic adds that are not keys or indexes of the data."""
    kept: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]  # type: ignore[index]
            kept.append(part)
        elif isinstance(part, str) and (
            part in {"str", "int", "list[str]", "float", "date", "bool"}
            or "[" in part
            or part.startswith("function-")
        ):
            continue
        else:
            kept.append(part)
            node = None
    return kept


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _explain(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    value = err.get("input")
    msg = str(err.get("msg", "invalid value"))
    if kind == "extra_forbidden":
        return "unknown field (check its spelling against the documented format)"
    if kind == "missing":
        return "required field is missing"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "should be a mapping (key: value lines), not " + _shown(value)
    if kind == "list_type":
        return "should be a list (lines starting with '- ', or [a, b]), not " + _shown(value)
    if kind == "string_type" and isinstance(value, float):
        return (
            f'{msg}; write it in quotes, for example "{value}" '
            "(unquoted, 6.10 is read as the number 6.1)"
        )
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    elif msg.startswith("Assertion failed, "):
        msg = msg[len("Assertion failed, ") :]
    return msg


def validation_error(
    exc: ValidationError,
    data: Any,
    *,
    source: str | Path,
    error: type[ChcError] = InputError,
) -> ChcError:
    """Turn the first pydantic error into one ChcError with file, line and column."""
    first = exc.errors()[0]
    loc = _data_loc(data, tuple(first.get("loc", ())))
    line, column = position(data, loc)
    where = format_loc(loc)
    message = _explain(dict(first))
    if where:
        message = f"{where}: {message}"
    more = len(exc.errors()) - 1
    if more:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return error(message, file=source, line=line, column=column)


def validate(
    model: type[M],
    data: Any,
    *,
    source: str | Path,
    error: type[ChcError] = InputError,
    context: dict[str, Any] | None = None,
) -> M:
    """Validate parsed YAML against ``model``; errors name the file, line and column."""
    if data is None:
        raise error("the file is empty", file=source)
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise validation_error(exc, data, source=source, error=error) from None


def located_error(
    message: str,
    data: Any,
    loc: Loc,
    *,
    source: str | Path,
    error: type[ChcError] = InputError,
) -> ChcError:
    """A ChcError for a problem found after validation, at the position of ``loc``."""
    line, column = position(data, loc)
    where = format_loc(loc)
    return error(f"{where}: {message}" if where else message, file=source, line=line, column=column)
