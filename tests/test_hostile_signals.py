"""Ctrl-C, SIGTERM and a closed pipe, with real signals on a real `chc` process (issue 16).

A signal ends chc with one line on stderr and status 130 (SIGINT) or 143 (SIGTERM): no
traceback (a caseload is computed in one process, by polars' threads), and no temporary
output file left behind. Output into a pipe whose reader has gone ends silently.
"""

from __future__ import annotations

import csv
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

CHC = [sys.executable, "-m", "chc"]  # runs chc.launch, as the console script does
# Large enough that the run is still reading and computing when the signal comes.
ROWS = 100_000


@pytest.fixture(scope="module")
def big_caseload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with (EXAMPLES / "cases-2023-24.csv").open(encoding="utf-8", newline="") as handle:
        header, *body = list(csv.reader(handle))
    ref = header.index("reference")
    path = tmp_path_factory.mktemp("big") / "cases.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        for i in range(ROWS):
            row = list(body[i % len(body)])
            row[ref] = f"R{i}"
            out.writerow(row)
    return path


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def start(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_COLOR": "1", "CHC_NO_CACHE": "1"}
    # A session of its own, so that a signal to its process group reaches the workers
    # too, as Ctrl-C at a terminal does.
    return subprocess.Popen(
        [*CHC, *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def caseload_args(cases: Path, out: Path) -> list[str]:
    # --quiet: the note on the columns read is said once reading ends, and the signal can
    # come on either side of it; the one line chc says for the signal is what is checked.
    return ["deadlines", "--cases", str(cases), "--as-of", "2024-06-03", "--format", "csv",
            "-o", str(out), "--quiet"]  # fmt: skip


@pytest.mark.parametrize(
    ("signum", "status", "words"),
    [
        (signal.SIGINT, 130, "chc: interrupted"),
        (signal.SIGTERM, 143, "chc: terminated"),
        # A closed terminal (issue 23): its default left the temporary output behind.
        (signal.SIGHUP, 129, "chc: hung up"),
    ],
)
def test_a_signal_while_reading(
    big_caseload: Path, tmp_path: Path, signum: int, status: int, words: str
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = start(caseload_args(big_caseload, out_dir / "due.csv"), tmp_path)
    # The temporary output exists from before the case file is read until the end, and
    # reading, computing and writing ROWS complaints takes most of a second: signalled as
    # soon as it appears, chc is busy. (A fixed delay raced the run as chc got faster.)
    deadline = time.monotonic() + 60
    while not any(out_dir.iterdir()) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "chc ended before it could be signalled"
    os.killpg(proc.pid, signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err.decode()
    assert err.decode() == words + "\n"
    assert list(out_dir.iterdir()) == []


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # `| head -1` that has already gone
    try:
        proc = subprocess.run(
            [*CHC, "codes", "2024"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env={**os.environ, "NO_COLOR": "1"},
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert proc.stderr.decode() == ""
    # Ended by SIGPIPE, as `yes | head -1` is: the shell reports 141.
    assert proc.returncode == -signal.SIGPIPE


def test_head_takes_the_first_line_and_nothing_else_is_said(tmp_path: Path) -> None:
    shell = f"{' '.join(CHC)} codes 2024 --format json | head -1"
    proc = subprocess.run(
        ["sh", "-c", shell], capture_output=True, timeout=60, check=False, cwd=tmp_path
    )
    assert proc.stdout == b"{\n"
    assert proc.stderr == b""
    assert proc.returncode == 0


_BEFORE = ("chc/__init__.py", "chc/__main__.py", "chc/launch.py")


def late_frames(text: str) -> list[str]:
    """The frames of a traceback that chc should have caught.

    Before chc.launch has run its first line (the interpreter starting, site.py running the
    `.pth` hooks of site-packages such as setuptools' `_distutils_hack`, runpy finding
    chc/__main__.py) no program can catch a signal; from then on chc does. So a frame in
    chc past its launcher, or a library's frame once chc is on the stack (typer, rich), is
    one too late. (The standard library's modules that the launcher itself imports, such
    as ``signal``, come before its handlers and are not.)
    """
    files = re.findall(r'File "([^"]+)"', text)
    in_chc = [i for i, f in enumerate(files) if "/chc/" in f]
    if not in_chc:
        return []
    return [
        f
        for f in files[in_chc[0] :]
        if (not f.endswith(_BEFORE) if "/chc/" in f else "site-packages" in f)
    ]


def test_late_frames_tells_start_up_from_the_command_line() -> None:
    # The traceback CI once saw: a signal while site.py ran a .pth hook, before runpy.
    early = (
        "Could not import runpy module\nTraceback (most recent call last):\n"
        '  File "<frozen importlib._bootstrap>", line 1176, in _find_and_load\n'
        '  File "/v/lib/python3.11/site-packages/_distutils_hack/__init__.py", line 89\n'
        "KeyboardInterrupt\n"
    )
    assert late_frames(early) == []
    during_runpy = (
        'Traceback (most recent call last):\n  File "<frozen runpy>", line 198\n'
        '  File "/v/site-packages/chc/__main__.py", line 3\nKeyboardInterrupt\n'
    )
    assert late_frames(during_runpy) == []
    typer = (
        'Traceback (most recent call last):\n  File "<frozen runpy>", line 198\n'
        '  File "/v/site-packages/chc/launch.py", line 35, in main\n'
        '  File "<frozen importlib._bootstrap>", line 1176, in _find_and_load\n'
        '  File "/v/site-packages/typer/main.py", line 5\nKeyboardInterrupt\n'
    )
    assert late_frames(typer) == ["/v/site-packages/typer/main.py"]
    command = (
        'Traceback (most recent call last):\n  File "/src/chc/cli/app.py", line 9\n'
        "KeyboardInterrupt\n"
    )
    assert late_frames(command) == ["/src/chc/cli/app.py"]
    launcher_imports = (
        'Traceback (most recent call last):\n  File "<frozen runpy>", line 198\n'
        '  File "/v/site-packages/chc/launch.py", line 13, in <module>\n'
        '  File "/usr/lib/python3.11/signal.py", line 4, in <module>\nKeyboardInterrupt\n'
    )
    assert late_frames(launcher_imports) == []


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_during_start_up_is_one_line(tmp_path: Path, signum: int, status: int) -> None:
    # Sent within the first few milliseconds, while Python imports the command line: no
    # traceback, whatever moment it lands in. Several delays, so that some land in start-up.
    stopped = 0
    for delay in (0.0, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.15):
        proc = start(["codes", "2024", "--format", "json"], tmp_path)
        time.sleep(delay)
        os.killpg(proc.pid, signum)
        _, err = proc.communicate(timeout=60)
        text = err.decode()
        if "Traceback" in text or "Fatal Python error" in text:
            assert late_frames(text) == [], (delay, text)
            continue
        # -signum: killed before Python itself had started, as any program is; no output.
        assert proc.returncode in (0, status, -signum), (delay, proc.returncode, text)
        if proc.returncode == status:
            stopped += 1
            assert text.count("\n") == 1, (delay, text)
    assert stopped, "no signal landed before the command finished"


def test_a_signal_while_python_shuts_down_is_one_line(tmp_path: Path) -> None:
    # The command has finished and Python is shutting down (atexit runs then): a signal
    # in that moment is still one line and the signal's status, never a traceback.
    code = (
        "import atexit, os, signal, sys\n"
        "atexit.register(lambda: os.kill(os.getpid(), signal.SIGTERM))\n"
        "sys.argv = ['chc', 'codes', '2024', '--format', 'json']\n"
        "from chc.launch import main\n"
        "main()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
        check=False,
    )
    assert proc.stderr.decode() == "chc: terminated\n"
    assert proc.returncode == 128 + signal.SIGTERM
    assert proc.stdout.startswith(b"{")  # the command's own output was all written
