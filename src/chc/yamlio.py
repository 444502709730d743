"""YAML reading that remembers where everything came from.

Every YAML file chc reads (Code editions, policies, self-assessment answers) goes through
:func:`load_yaml`, which uses ruamel.yaml's round-trip loader so that each mapping and
sequence keeps the line and column of its keys and items. :func:`validate` then runs a
pydantic model over the data and turns the first validation error into a
:class:`~chc.errors.ChcError` that names the file, line and column.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel, ValidationError

from chc.errors import ChcError, InputError

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.nodes import Node, ScalarNode

M = TypeVar("M", bound=BaseModel)

# A path into the data: keys and indexes (a YAML key may be a number, or null).
Loc = Sequence[object]

# Bounds on what a YAML file may hold, documented in the README ("Limits"). chc's YAML is
# hand-written and shallow (a Code file nests 6 deep and holds a few thousand values), so
# these refuse only what is broken or hostile: nesting that would exhaust Python's stack,
# aliases that expand a small file into billions of values, and numbers no timescale,
# duration or count comes near (10^8 months; 1e999999, which is infinity). Eight digits
# are allowed so that a date typed as 20250101 reaches the format's own clearer message.
MAX_YAML_DEPTH = 64
MAX_YAML_VALUES = 200_000
MAX_YAML_NUMBER = 99_999_999


def read_text(path: Path, *, error: type[ChcError] = InputError) -> str:
    """Read a UTF-8 text file (a regular file within chc's size limit); see chc.inputs."""
    from chc.inputs import read_text as _read_text

    return _read_text(path, error=error)


def parse_yaml(text: str, *, source: str | Path, error: type[ChcError] = InputError) -> object:
    """Parse YAML text with positions kept; duplicate keys are an error, as is a syntax error.

    Also refused, with the position where there is one: a text longer than
    ``chc.inputs.MAX_DOCUMENT_BYTES``, nesting deeper than :data:`MAX_YAML_DEPTH`, aliases
    expanding to more than :data:`MAX_YAML_VALUES` values, and a number beyond
    :data:`MAX_YAML_NUMBER` either way (or not finite).
    """
    # Imported here: ruamel.yaml costs ~40 ms to import and `chc deadlines` never needs it.
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from chc.inputs import MAX_DOCUMENT_BYTES

    if len(text) > MAX_DOCUMENT_BYTES:
        raise error(
            f"is larger than chc reads as YAML ({MAX_DOCUMENT_BYTES // (1024 * 1024)} MB)",
            file=source,
        )
    yaml = YAML(typ="rt")
    yaml.Composer = _composer()
    yaml.Constructor = _constructor()
    yaml.allow_duplicate_keys = False
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        raise _marked(exc, source, error) from None
    except YAMLError as exc:
        # A ReaderError (a control character, say) has no mark; keep its first line only.
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "unreadable"
        position = getattr(exc, "position", None)
        where = f" (character {position + 1})" if isinstance(position, int) else ""
        raise error(f"invalid YAML: {first}{where}", file=source) from None
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:
        # ruamel raises these without a mark for a few malformed scalars (a tag applied to
        # the wrong kind of node, say); the bounds above keep RecursionError out of reach.
        first = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
        raise error(f"invalid YAML: {first}", file=source) from None


def _marked(exc: MarkedYAMLError, source: str | Path, error: type[ChcError]) -> ChcError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    if problem.startswith("found duplicate key"):
        # ruamel says 'found duplicate key "a" with value "2" (original value: "1")'.
        problem = problem.replace("found duplicate key", "duplicate key", 1)
    elif exc.context and exc.context != problem:
        problem = f"{problem} ({exc.context})"
    return error(
        f"invalid YAML: {problem}",
        file=source,
        line=mark.line + 1 if mark is not None else None,
        column=mark.column + 1 if mark is not None else None,
    )


@functools.cache
def _composer() -> type[Composer]:
    """A composer that refuses nesting deeper than MAX_YAML_DEPTH.

    ruamel composes nodes recursively (three frames a level), so 50,000 nested brackets end
    in a RecursionError with no position; counting levels turns that into a located error.
    """
    from ruamel.yaml.composer import Composer, ComposerError

    class Bounded(Composer):
        level = 0

        def compose_node(self, parent: Node | None, index: object) -> Node:
            self.level += 1
            try:
                if self.level > MAX_YAML_DEPTH:
                    mark = self.parser.peek_event().start_mark
                    raise ComposerError(
                        None, None, f"nested more than {MAX_YAML_DEPTH} levels deep", mark
                    )
                node: Node = super().compose_node(parent, index)
                return node
            finally:
                self.level -= 1

    return Bounded


def _alias_problem(root: Node) -> str | None:
    """Why the node graph cannot be expanded into plain data, or None if it can.

    Aliases share nodes, so this sizes each node once from the sizes of its children
    (memoised by identity), without recursion and without expanding anything: a graph whose
    expansion passes MAX_YAML_VALUES, or where an alias points back into its own anchor
    (a structure that contains itself), is refused.
    """
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # expanded, children not yet sized: the current node's ancestors
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        else:
            sizes[id(node)] = 1
            continue
        if done:
            open_nodes.discard(id(node))
            total = 1 + sum(sizes[id(c)] for c in children)
            if total > MAX_YAML_VALUES:
                return (
                    f"aliases (*name) expand the document to more than {MAX_YAML_VALUES:,} values"
                )
            sizes[id(node)] = total
            continue
        if id(node) in open_nodes:
            return "an alias (*name) refers to a value that contains it"
        open_nodes.add(id(node))
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return None


@functools.cache
def _constructor() -> type:
    """A round-trip constructor that leaves dates as text and bounds numbers and aliases.

    ruamel.yaml turns ``2024-02-30`` into a ValueError with no position; kept as text, the
    date is parsed by pydantic, whose error we can place at its line and column.
    """
    from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor

    def too_big(node: ScalarNode) -> ConstructorError:
        text = str(node.value)
        shown = text if len(text) <= 20 else text[:20] + "..."
        return ConstructorError(
            None,
            None,
            f"the number {shown} is out of range; numbers in chc's YAML files lie "
            f"between -{MAX_YAML_NUMBER:,} and {MAX_YAML_NUMBER:,}",
            node.start_mark,
        )

    class DatesAsText(RoundTripConstructor):
        def construct_document(self, node: Node | None) -> object:
            if node is not None:
                problem = _alias_problem(node)
                if problem is not None:
                    raise ConstructorError(None, None, problem, node.start_mark)
            return super().construct_document(node)

        def bounded_int(self, node: ScalarNode) -> int:
            # int() of a 5,000-digit string is itself an error (and slow): judge by length.
            if len(str(node.value).lstrip("+-0_")) > 12:
                raise too_big(node)
            value: int = RoundTripConstructor.construct_yaml_int(self, node)
            if abs(value) > MAX_YAML_NUMBER:
                raise too_big(node)
            return value

        def bounded_float(self, node: ScalarNode) -> float:
            value: float = RoundTripConstructor.construct_yaml_float(self, node)
            if not math.isfinite(value) or abs(value) > MAX_YAML_NUMBER:
                raise too_big(node)
            return value

    DatesAsText.add_constructor(
        "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
    )
    DatesAsText.add_constructor("tag:yaml.org,2002:int", DatesAsText.bounded_int)
    DatesAsText.add_constructor("tag:yaml.org,2002:float", DatesAsText.bounded_float)
    return DatesAsText


def load_yaml(path: Path, *, error: type[ChcError] = InputError) -> object:
    """Read and parse a YAML file (at most ``chc.inputs.MAX_DOCUMENT_BYTES``)."""
    from chc.inputs import MAX_DOCUMENT_BYTES
    from chc.inputs import read_text as _read_text

    text = _read_text(path, error=error, limit=MAX_DOCUMENT_BYTES)
    return parse_yaml(text, source=path, error=error)


def position(data: object, loc: Loc) -> tuple[int | None, int | None]:
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
    """Where in the file, in the words of a person reading it: ``('stages', 0, 'respond')``
    -> ``stage 1, respond``. Items are counted from 1, as people count them (the data's own
    index, counted from 0, is for programs); the keys are the ones the file itself uses."""
    out: list[str] = []
    for part in loc:
        if not isinstance(part, int):
            out.append(str(part))
        elif out:
            out[-1] = f"{_one_of(out[-1])} {part + 1}"
        else:
            out.append(f"item {part + 1}")
    return ", ".join(out)


def _one_of(key: str) -> str:
    """``stages`` -> ``stage``: the name of one item of a list the file calls ``key``."""
    if key.endswith("s") and len(key) > 1:
        return key[:-1]
    return f"{key} item"


def _child(node: object, part: object) -> tuple[bool, object]:
    """Whether ``part`` is a key or an index of ``node``, and what it holds there."""
    if isinstance(node, dict):
        return (True, node[part]) if part in node else (False, None)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return True, node[part]
    return False, None


def _data_loc(data: object, loc: Loc) -> list[object]:
    """Drop the parts pydantic adds that are not keys or indexes of the data."""
    kept: list[object] = []
    node = data
    for part in loc:
        found, child = _child(node, part)
        if found:
            node = child
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


def _shown(value: object) -> str:
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _explain(err: ErrorDetails) -> str:
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
    data: object,
    *,
    source: str | Path,
    error: type[ChcError] = InputError,
) -> ChcError:
    """Turn the first pydantic error into one ChcError with file, line and column."""
    first = exc.errors()[0]
    loc = _data_loc(data, tuple(first.get("loc", ())))
    line, column = position(data, loc)
    where = format_loc(loc)
    message = _explain(first)
    if where:
        message = f"{where}: {message}"
    more = len(exc.errors()) - 1
    if more:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return error(message, file=source, line=line, column=column)


def validate(
    model: type[M],
    data: object,
    *,
    source: str | Path,
    error: type[ChcError] = InputError,
    context: dict[str, object] | None = None,
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
    data: object,
    loc: Loc,
    *,
    source: str | Path,
    error: type[ChcError] = InputError,
) -> ChcError:
    """A ChcError for a problem found after validation, at the position of ``loc``."""
    line, column = position(data, loc)
    where = format_loc(loc)
    return error(f"{where}: {message}" if where else message, file=source, line=line, column=column)
