"""Writing results without ever losing a user's file.

Output goes to a temporary file in the destination folder and is renamed into place, so a
reader sees the old file or the whole new one, never half of either. An existing file is
replaced only with ``force``; an input file is never replaced, even with ``force``.

A new output is created exclusively: the finished temporary file is hard-linked to its
name, which fails if the name exists, so two runs writing the same new file without
``force`` cannot both succeed (the second stops with exit 2, the first's file intact).
A special file is never replaced: a character device or a FIFO (``-o /dev/null``, a named
pipe) is written into, as the shell's ``>`` would, and a block device or a socket is
refused, since writing a report onto a disk destroys its file system.

"Input" is judged by what a file is, not by its name: the (device, inode) of the
destination is compared with those of the inputs given and of every file chc has read in
this run (:mod:`chc.inputs`), so a symbolic link or a hard link to an input is caught too.
A new file gets the permissions any newly created file gets (``0666`` less the umask); a
replaced file keeps its own.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from chc.errors import InputError


def dumps_json(data: object) -> str:
    from chc.inert import json_text

    return json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def _is_input(path: Path, inputs: Iterable[Path]) -> bool:
    from chc.inputs import identity, read_this_run

    target = identity(path)
    if target is None:
        return False
    if target in read_this_run():
        return True
    return any(identity(source) == target for source in inputs)


def check_writable(path: Path, *, force: bool, inputs: Iterable[Path] = ()) -> None:
    """Refuse before any work is done, so a refusal never costs the user a long run."""
    if _is_input(path, inputs):
        raise InputError(
            "will not overwrite an input file (the same file, or a link to it), even with "
            "--force; choose another --output",
            file=path,
        )
    if path.is_dir():
        raise InputError("is a directory; give a file name for --output", file=path)
    kind = special_kind(path)
    if kind is not None:
        if kind in _REFUSED_SPECIAL:
            raise InputError(
                f"is a {kind}; chc writes only into a file, a character device or a FIFO", file=path
            )
        return  # written into, never replaced: no --force needed, as with `>`
    if path.exists() and not force:
        raise InputError("already exists; use --force to replace it", file=path)
    if not path.parent.exists():
        raise InputError(f"folder {path.parent} does not exist", file=path)
    if not path.parent.is_dir():
        raise InputError(f"{path.parent} is not a folder", file=path)


_REFUSED_SPECIAL = ("block device", "socket")


def special_kind(path: Path) -> str | None:
    """What ``path`` (followed through links) is when it is not a regular file or a
    folder: "character device", "FIFO", "block device" or "socket"; None otherwise."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    kinds = (
        (stat.S_ISCHR, "character device"),
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
    )
    return next((name for test, name in kinds if test(mode)), None)


def _new_file_mode(path: Path) -> int:
    """The mode ``open(path, "w")`` would leave: the file's own, or 0666 less the umask."""
    try:
        st = path.stat()
    except OSError:
        st = None
    if st is not None and stat.S_ISREG(st.st_mode):
        return stat.S_IMODE(st.st_mode)
    # The umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _unwritable(path: Path, exc: OSError) -> InputError:
    reasons = {
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return InputError(f"cannot be written: {reason}", file=path)


WRITEBACK_BYTES = 32 << 20
"""How much a large output grows between the writebacks :func:`written_back` starts."""


@contextlib.contextmanager
def written_back(handle: BinaryIO, every: float = 0.05) -> Iterator[None]:
    """While the block runs, have the disk take what ``handle``'s file has received so far,
    every ``WRITEBACK_BYTES``, on a thread of its own.

    :func:`atomic_output` syncs the file before renaming it into place, so that a crash
    never leaves an empty file where the user's was. For an output of many megabytes that
    sync waited for all of it at the end (0.08 s of a 1.2 s run for 157 MB here); started
    while the output is still being computed, the writing overlaps the computing and the
    last sync has little left to do. Nothing here can fail the output: the final sync does.
    """
    import threading

    stop = threading.Event()
    fd = handle.fileno()

    def sync() -> None:
        synced = 0
        while not stop.wait(every):
            with contextlib.suppress(OSError):
                size = os.fstat(fd).st_size
                if size - synced >= WRITEBACK_BYTES:
                    os.fdatasync(fd)
                    synced = size

    thread = threading.Thread(target=sync, name="chc-writeback", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def write_atomic(
    path: Path, data: str | bytes, *, force: bool, inputs: Iterable[Path] = ()
) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_output(path, force=force, inputs=inputs) as handle:
        handle.write(payload)


@contextlib.contextmanager
def atomic_output(path: Path, *, force: bool, inputs: Iterable[Path] = ()) -> Iterator[BinaryIO]:
    """A binary handle on a temporary file beside ``path``, put in place when the block
    ends without an error (and removed when it does not), so output can be streamed.

    Without ``force`` the file is put in place only if ``path`` still does not exist; a
    character device or FIFO at ``path`` is written into directly (see the module's
    docstring)."""
    inputs = tuple(inputs)
    check_writable(path, force=force, inputs=inputs)
    if special_kind(path) is not None:
        with _special_output(path) as handle:
            yield handle
        return
    mode = _new_file_mode(path)
    # A signal between the temporary file's creation and the block that removes it would
    # leave it behind (seen once in a hundred runs of tests/test_hostile_signals.py):
    # the stop signals wait until that block has begun.
    held = _hold_stop_signals()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        _release(held)
        raise _unwritable(path, exc) from None
    try:
        _release(held)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            # mkstemp creates the file 0600; give it the mode a plain open() would.
            Path(tmp).chmod(mode)
            os.fsync(handle.fileno())
        _put_in_place(Path(tmp), path, force=force)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _unwritable(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _hold_stop_signals() -> set[int] | None:
    """Block SIGINT, SIGTERM and SIGHUP; the mask before, to restore (None where the
    platform has no signal masks, as on Windows)."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        return None
    stops = {signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, stops))


def _release(held: set[int] | None) -> None:
    """Restore the mask: a stop signal that came meanwhile is handled now."""
    import signal

    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextlib.contextmanager
def _special_output(path: Path) -> Iterator[BinaryIO]:
    """A character device or a FIFO, opened for writing as ``>`` opens it (no sync: a
    device or a pipe has no disk copy to make durable)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY)
    except OSError as exc:
        raise _unwritable(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
    except OSError as exc:
        raise _unwritable(path, exc) from None


# Where a file system has no hard links, the exclusive step is an O_EXCL placeholder.
_NO_LINKS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK, errno.EXDEV})


def _put_in_place(tmp: Path, path: Path, *, force: bool) -> None:
    """Rename ``tmp`` to ``path``; without ``force``, only if ``path`` does not exist.

    A hard link fails with EEXIST if the name was taken meanwhile (by another run, or
    another program), so that the file there is never silently replaced."""
    if force:
        tmp.replace(path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise _taken(path) from None
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise _taken(path) from None
        tmp.replace(path)
        return
    tmp.unlink()


def _taken(path: Path) -> InputError:
    return InputError(
        "was created by another program while chc was writing it; it was left as it is "
        "and nothing was written; use --force to replace it",
        file=path,
    )
