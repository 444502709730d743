"""The README's tour and examples/README.md run as written (issue 26, points 1 and 6).

Every ``$ ...`` line of their console blocks (a line ending in ``\\`` continues on the
next) is run exactly as written, in order, by one shell per file, from a temporary folder
holding a copy of ``examples/``, so that what the commands write lands there. Each must end
with status 0, or with the status its own comment names (``# exits 1``). The README's
tour starts by activating the environment (``. .venv/bin/activate``), so it is run with
``chc`` off the shell's search path: if the tour did not say how to find ``chc``, the test
would fail as a new user's first try did.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

EXPECTED = re.compile(r"#\s*exits (\d+)")
MARK = "chc-readme-status"


def commands(markdown: Path) -> list[str]:
    """The ``$`` lines of the file's console blocks, continuation lines joined."""
    out: list[str] = []
    text = markdown.read_text(encoding="utf-8")
    for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL):
        pending = ""
        for line in block.splitlines():
            if pending:
                pending += "\n" + line
            elif line.startswith("$ "):
                pending = line[2:]
            else:
                continue
            if not pending.endswith("\\"):
                out.append(pending)
                pending = ""
    return out


def expected_status(command: str) -> int:
    found = EXPECTED.search(command)
    return int(found.group(1)) if found else 0


def _path_without_chc() -> str:
    """The search path less the folder this environment's ``chc`` is in."""
    here = os.path.realpath(Path(sys.executable).parent)
    keep = [p for p in os.environ.get("PATH", "").split(os.pathsep) if p]
    keep = [p for p in keep if os.path.realpath(p) != here]
    return os.pathsep.join(keep) or "/usr/bin:/bin"


def run_all(cmds: list[str], cwd: Path, path: str) -> list[tuple[str, int]]:
    """Each command in one shell, as a person pasting them would; the statuses back."""
    status = cwd / ".statuses"
    script = [f"exec 9> {status}"]
    for n, cmd in enumerate(cmds):
        script.append(cmd)
        script.append(f'echo "{MARK} {n} $?" >&9')
    env = {**os.environ, "PATH": path, "NO_COLOR": "1", "COLUMNS": "80"}
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    found = re.findall(rf"^{MARK} (\d+) (\d+)$", status.read_text(), re.MULTILINE)
    got = {int(n): int(rc) for n, rc in found}
    assert len(got) == len(cmds), done.stderr[-2000:]
    return [(cmd, got[n]) for n, cmd in enumerate(cmds)]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    # The tour's `. .venv/bin/activate` finds this environment where the set-up puts it.
    (tmp_path / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    return tmp_path


README_COMMANDS = commands(ROOT / "README.md")
EXAMPLE_COMMANDS = commands(EXAMPLES / "README.md")


def test_the_files_hold_the_commands_they_should() -> None:
    assert README_COMMANDS[0] == ". .venv/bin/activate"
    assert any(c.startswith("chc report") for c in EXAMPLE_COMMANDS)
    for name in ("codes", "deadlines", "hazards", "check-policy", "extract-policy", "report"):
        assert any(c.startswith(f"chc {name} ") for c in README_COMMANDS), name
    assert any(c.startswith("chc self-assessment import") for c in README_COMMANDS)


def test_every_readme_command_runs_as_written(workdir: Path) -> None:
    ran = run_all(README_COMMANDS, workdir, _path_without_chc())
    wrong = [(cmd, rc) for cmd, rc in ran if rc != expected_status(cmd)]
    assert not wrong, wrong
    # What the tour wrote is there.
    for name in ("due.csv", "due.ics", "policy.yaml", "answers.yaml", "answers.xlsx",
                 "self-assessment.html", "report.html", "policy-check.html"):  # fmt: skip
        assert (workdir / name).is_file(), name


def test_without_activating_chc_is_not_found(workdir: Path) -> None:
    # The reason point 1 exists: the check above is not passing for want of a test.
    ((_, rc),) = run_all(["chc codes"], workdir, _path_without_chc())
    assert rc == 127


def test_every_example_command_runs_as_written(workdir: Path) -> None:
    path = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    ran = run_all(EXAMPLE_COMMANDS, workdir, path)
    wrong = [(cmd, rc) for cmd, rc in ran if rc != expected_status(cmd)]
    assert not wrong, wrong
