"""Opening the files a user gives chc, safely, and remembering which they were.

Every file chc reads (Code files, policies, answers files, closure files, case files, cache
entries) is opened here, so that the same rules hold everywhere:

- only a regular file is read: a folder, ``/dev/zero``, a FIFO or a socket is refused at
  once, without reading (a FIFO is opened non-blocking, so chc never waits for a writer);
- nothing larger than a documented limit is read (``limit`` bytes; the file is read up to
  one byte past it, so a file that grows while read, or a ``/proc`` file that reports a size
  of 0, is still bounded);
- every failure is one :class:`~chc.errors.ChcError` naming the file.

The (device, inode) of each file read is remembered for the run, so that
:mod:`chc.output` can refuse to replace any of them, whatever name (a symbolic link, a
hard link) the output is given under.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from chc.errors import ChcError, InputError

# Limits, documented in the README ("Limits"). A case file is the largest thing a landlord
# feeds chc (a big association's ten-year export is tens of MB); other documents are
# hand-written YAML or text of a few tens of KB, so 5 MB leaves a wide margin while keeping
# ruamel.yaml's parse (about 1.5 MB/s) under a few seconds.
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024

_read_this_run: set[tuple[int, int]] = set()


def identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file ``path`` names, following links; None if there is none."""
    try:
        st = path.stat()
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def remember(path: Path) -> None:
    """Note ``path`` as an input of this run (for readers that open files themselves)."""
    ident = identity(path)
    if ident is not None:
        _read_this_run.add(ident)


def forget(path: Path) -> None:
    """Stop protecting ``path``: a file the run reads in order to update it in place (as
    ``self-assessment import --into`` does), which is its output, not an input."""
    ident = identity(path)
    if ident is not None:
        _read_this_run.discard(ident)


def read_this_run() -> frozenset[tuple[int, int]]:
    """The (device, inode) of every file read since the last :func:`start_run`."""
    return frozenset(_read_this_run)


def start_run() -> None:
    """Forget the inputs of an earlier run (the CLI calls this once per command)."""
    _read_this_run.clear()


def _size_text(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n} bytes"


def read_bytes(
    path: Path,
    *,
    error: type[ChcError] = InputError,
    limit: int = MAX_FILE_BYTES,
    is_input: bool = True,
) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    ``is_input=False`` (chc's own cache entries) leaves it out of the run's inputs.
    """
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise error("file not found", file=path) from None
    except IsADirectoryError:
        raise error("is a directory, not a file", file=path) from None
    except PermissionError:
        raise error("permission denied", file=path) from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise error(f"cannot be opened: {reason}", file=path) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise error("is a directory, not a file", file=path)
        if not stat.S_ISREG(st.st_mode):
            raise error(
                "is not a regular file (a device, a pipe or a socket); give a file", file=path
            )
        if st.st_size > limit:
            raise error(f"is larger than chc reads ({_size_text(limit)})", file=path)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        # The size fstat gave, in one read (one copy, where reading in pieces and joining
        # them made two: 18 ms for 7.4 MB here, now 7); then on, should the file grow.
        want = st.st_size + 1
        while total <= limit:
            chunk = os.read(fd, min(want, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = 1 << 20
        if total > limit:
            raise error(f"is larger than chc reads ({_size_text(limit)})", file=path)
        if is_input:
            _read_this_run.add((st.st_dev, st.st_ino))
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    except OSError as exc:
        raise error(f"cannot be read: {exc.strerror or exc}", file=path) from None
    finally:
        os.close(fd)


def read_text(
    path: Path, *, error: type[ChcError] = InputError, limit: int = MAX_FILE_BYTES
) -> str:
    """A UTF-8 text file, read as :func:`read_bytes` reads it."""
    data = read_bytes(path, error=error, limit=limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(
            f"not UTF-8 text (byte {exc.start} cannot be decoded); save the file as UTF-8",
            file=path,
        ) from None


def check_readable(path: Path, *, error: type[ChcError] = InputError) -> None:
    """Refuse, without reading it, a path that is not a regular file (for readers such as
    polars or openpyxl that open the file themselves); remembers it as an input."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise error("file not found", file=path) from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise error(f"cannot be opened: {reason}", file=path) from None
    if stat.S_ISDIR(st.st_mode):
        raise error("is a directory, not a file", file=path)
    if not stat.S_ISREG(st.st_mode):
        raise error("is not a regular file (a device, a pipe or a socket); give a file", file=path)
    if st.st_size > MAX_FILE_BYTES:
        raise error(f"is larger than chc reads ({_size_text(MAX_FILE_BYTES)})", file=path)
    _read_this_run.add((st.st_dev, st.st_ino))
