"""A small on-disk cache of validated Code files, so that start-up stays fast.

Parsing an edition with ruamel.yaml's round-trip loader takes ~100 ms, and loading 2024
also loads 2022 and 2020 to check the crosswalk. A validated edition is stored as JSON
keyed by a hash of the file's bytes (and of every shipped edition, whose ids the crosswalk
checks against, and of chc's version), so any change to any of them misses the cache.
Nothing is ever read from a cache entry that does not match; a cache that cannot be
written is simply not used. ``CHC_NO_CACHE=1`` turns it off.

An entry is never trusted: it is read as any input is (a regular file, within a size
limit), parsed as JSON, and handed to the reader's own ``parse`` function, which validates
its shape. An entry that fails any of these (truncated, tampered with, written by another
version, a FIFO, huge) is deleted and treated as a miss, so the caller rebuilds and rewrites
it; a bad entry costs time once, never a run.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, overload

from chc import __version__

T = TypeVar("T")

# Part of every key: bump it when a reader's validation changes, so that entries written
# by code that accepted more than today's code accepts are not served again.
_RULES = b"2"
# The largest entry read: a validated edition is ~300 KB of JSON.
MAX_ENTRY_BYTES = 16 * 1024 * 1024


def cache_dir() -> Path | None:
    if os.environ.get("CHC_NO_CACHE"):
        return None
    base = os.environ.get("CHC_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "chc" if not os.environ.get("CHC_CACHE_DIR") else root


def key(*parts: bytes) -> str:
    digest = hashlib.sha256(__version__.encode() + b"\0" + _RULES)
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()[:32]


@overload
def read(name: str) -> object: ...


@overload
def read(name: str, parse: Callable[[object], T]) -> T | None: ...


def read(name: str, parse: Callable[[object], T] | None = None) -> T | object:
    """The entry ``name`` passed through ``parse``, or None if absent or invalid.

    ``parse`` validates the JSON and returns the value to use; any exception it raises
    marks the entry as bad. A bad entry is removed so that the next write replaces it.
    """
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{name}.json"
    from chc.errors import ChcError
    from chc.inputs import read_bytes

    try:
        raw = read_bytes(path, limit=MAX_ENTRY_BYTES, is_input=False)
    except ChcError:
        if path.is_symlink() or path.exists():
            _discard(path)
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
        return parse(data) if parse is not None else data
    except Exception:
        # Deliberately broad: whatever is wrong with an entry (bad UTF-8, bad JSON, JSON
        # nested too deep, a shape the parser rejects), the cache is only an optimisation.
        _discard(path)
        return None


def _discard(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
        else:
            path.unlink()
    except OSError:
        pass  # a folder with files in it, or a read-only cache: it is simply never used


def write(name: str, data: object) -> None:
    folder = cache_dir()
    if folder is None:
        return
    import tempfile  # here: most runs only read the cache, and start-up time counts

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        Path(tmp).replace(folder / f"{name}.json")
    except OSError:
        pass  # a read-only home or a full disk costs speed, never correctness
