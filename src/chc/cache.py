"""A small on-disk cache of validated Code files, so that start-up stays fast.

Parsing an edition with ruamel.yaml's round-trip loader takes ~100 ms, and loading 2024
also loads 2022 and 2020 to check the crosswalk. A validated edition is stored as JSON
keyed by a hash of the file's bytes (and of every shipped edition, whose ids the crosswalk
checks against, and of chc's version), so any change to any of them misses the cache.
Nothing is ever read from a cache entry that does not match; a cache that cannot be
written is simply not used. ``CHC_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from chc import __version__


def cache_dir() -> Path | None:
    if os.environ.get("CHC_NO_CACHE"):
        return None
    base = os.environ.get("CHC_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "chc" if not os.environ.get("CHC_CACHE_DIR") else root


def key(*parts: bytes) -> str:
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()[:32]


def read(name: str) -> Any | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with (folder / f"{name}.json").open(encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def write(name: str, data: Any) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        Path(tmp).replace(folder / f"{name}.json")
    except OSError:
        pass  # a read-only home or a full disk costs speed, never correctness
