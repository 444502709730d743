"""Loading edition files: the shipped ones, a user's own, validated once and cached."""

from __future__ import annotations

import functools
from pathlib import Path

from chc.codes.model import BUILTIN_EDITIONS, Edition
from chc.errors import CodeFileError
from chc.resources import package_data


def data_dir() -> Path:
    """Where the shipped edition files are: inside the wheel, or the checkout's top level."""
    return package_data("code_versions")


def builtin_path(name: str) -> Path:
    return data_dir() / f"{name}.yaml"


def parse_edition(data: object, *, source: str | Path) -> Edition:
    """Validate parsed YAML as an edition; every error names the file, line and column."""
    from pydantic import ValidationError

    from chc.yamlio import located_error, validation_error

    if data is None:
        raise CodeFileError("the file is empty", file=source)
    if not isinstance(data, dict):
        raise CodeFileError("a Code file must be a YAML mapping (key: value lines)", file=source)
    try:
        edition = Edition.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, data, source=source, error=CodeFileError) from None
    problems = edition.problems()
    if problems:
        first = problems[0]
        raise located_error(
            first.message, data, list(first.loc), source=source, error=CodeFileError
        )
    return edition


def _check_crosswalk(edition: Edition, data: object, source: str | Path) -> None:
    """Every ``previously:`` must name a real provision of the previous edition."""
    from chc.yamlio import located_error

    if edition.previous_edition is None:
        for i, p in enumerate(edition.provisions):
            if p.previously:
                raise located_error(
                    "previously: needs previous_edition: at the top of the file",
                    data,
                    ["provisions", i, "previously"],
                    source=source,
                    error=CodeFileError,
                )
        return
    if edition.previous_edition not in BUILTIN_EDITIONS:
        raise located_error(
            f"previous_edition {edition.previous_edition!r} is not one of "
            f"{', '.join(BUILTIN_EDITIONS)}",
            data,
            ["previous_edition"],
            source=source,
            error=CodeFileError,
        )
    previous = load_builtin(edition.previous_edition)
    for i, p in enumerate(edition.provisions):
        for j, old in enumerate(p.previously):
            if previous.provision(old) is None:
                raise located_error(
                    f"provision {p.id} says previously {old!r}, but the "
                    f"{previous.edition} edition has no provision {old}",
                    data,
                    ["provisions", i, "previously", j],
                    source=source,
                    error=CodeFileError,
                )


def _check_checks(edition: Edition, data: object, source: str | Path) -> None:
    """Every check names a timescale this edition has, of the kind it works on.

    The parameters' types were checked by pydantic as the file was read; what is left is
    what depends on the rest of the edition.
    """
    from chc.codes.check_params import MaxDuration, MinTimeLimit
    from chc.yamlio import located_error

    for i, p in enumerate(edition.provisions):
        for j, spec in enumerate(p.checks):
            if not isinstance(spec, MaxDuration | MinTimeLimit):
                continue
            if edition.timescale(spec.timescale) is None:
                raise located_error(
                    f"provision {p.id}: {spec.kind} names timescale {spec.timescale!r}, "
                    "which the edition lacks",
                    data,
                    ["provisions", i, "checks", j, "timescale"],
                    source=source,
                    error=CodeFileError,
                )


def load_code_file(path: Path) -> Edition:
    """Load and fully validate one Code file (a shipped edition or a user's own)."""
    from chc import cache
    from chc.yamlio import parse_yaml, read_text

    text = read_text(path, error=CodeFileError)
    shipped = [builtin_path(name) for name in BUILTIN_EDITIONS]
    try:
        entry = "edition-" + cache.key(text.encode(), *(p.read_bytes() for p in shipped))
    except OSError:
        entry = None
    if entry is not None:
        cached = cache.read(entry)
        if cached is not None:
            try:
                return Edition.model_validate(cached)
            except ValueError:
                pass  # written by another version of the models: fall through and rebuild
    data = parse_yaml(text, source=path, error=CodeFileError)
    edition = parse_edition(data, source=path)
    _check_crosswalk(edition, data, path)
    _check_checks(edition, data, path)
    if entry is not None:
        cache.write(entry, edition.model_dump(mode="json", by_alias=True))
    return edition


# The shipped editions as loaded (each is loaded once and kept): a user's Code file may
# take a shipped edition's name, but not the assumptions table's readings of its text.
_SHIPPED: set[int] = set()


@functools.cache
def load_builtin(name: str) -> Edition:
    if name not in BUILTIN_EDITIONS:
        raise CodeFileError(
            f"unknown Code edition {name!r}; the editions are {', '.join(BUILTIN_EDITIONS)}, "
            "or give the path of a Code file (ending .yaml)"
        )
    edition = load_code_file(builtin_path(name))
    _SHIPPED.add(id(edition))
    return edition


def is_shipped(edition: Edition) -> bool:
    """Whether ``edition`` is one of chc's own, as :func:`load_builtin` loaded it."""
    return id(edition) in _SHIPPED


def load_edition(name_or_path: str | Path) -> Edition:
    """An edition by name ("2024") or a Code file by path ("my-code.yaml")."""
    text = str(name_or_path)
    if text in BUILTIN_EDITIONS:
        return load_builtin(text)
    if isinstance(name_or_path, Path) or text.endswith((".yaml", ".yml")) or "/" in text:
        return load_code_file(Path(text))
    return load_builtin(text)  # raises the "unknown edition" error


def builtin_editions() -> list[Edition]:
    return [load_builtin(name) for name in BUILTIN_EDITIONS]
