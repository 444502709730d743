"""Writing results without ever losing a user's file.

Output goes to a temporary file in the destination folder and is renamed into place, so a
reader sees the old file or the whole new one, never half of either. An existing file is
replaced only with ``force``; an input file is never replaced.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from chc.errors import InputError


def dumps_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def check_writable(path: Path, *, force: bool, inputs: Iterable[Path] = ()) -> None:
    """Refuse before any work is done, so a refusal never costs the user a long run."""
    target = path.resolve()
    for source in inputs:
        if source.exists() and source.resolve() == target:
            raise InputError("will not overwrite an input file; choose another --output", file=path)
    if path.is_dir():
        raise InputError("is a directory; give a file name for --output", file=path)
    if path.exists() and not force:
        raise InputError("already exists; use --force to replace it", file=path)
    if not path.parent.exists():
        raise InputError(f"folder {path.parent} does not exist", file=path)


def write_atomic(
    path: Path, data: str | bytes, *, force: bool, inputs: Iterable[Path] = ()
) -> None:
    check_writable(path, force=force, inputs=inputs)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_output(path: Path, *, force: bool, inputs: Iterable[Path] = ()) -> Iterator[BinaryIO]:
    """A binary handle on a temporary file beside ``path``, renamed into place when the block
    ends without an error (and removed when it does not), so output can be streamed."""
    check_writable(path, force=force, inputs=inputs)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); an output gets a new file's usual mode.
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
