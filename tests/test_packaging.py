"""The wheel carries the Code data and templates, and works from a fresh environment."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("chc-*.whl")
    return built


@pytest.mark.slow
def test_wheel_ships_code_versions_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for edition in ("2020", "2022", "2024"):
        assert f"chc/code_versions/{edition}.yaml" in names
    assert "chc/templates/policy-report.html.j2" in names
    assert "chc/templates/_report.css" in names
    assert "chc/py.typed" in names
    assert not any(n.startswith(("tests/", "examples/")) for n in names)


@pytest.mark.slow
def test_installed_wheel_runs_chc_codes_in_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bindir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run(
        [str(bindir / "python"), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
    )
    # Dependencies come from the test environment (a plain path, so its editable chc is not
    # picked up); chc itself must come from the wheel.
    site = subprocess.run(
        [str(bindir / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "test-deps.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    env = {"PATH": str(bindir), "CHC_NO_CACHE": "1", "HOME": str(tmp_path)}
    where = subprocess.run(
        [str(bindir / "python"), "-c", "from chc.codes.loading import data_dir; print(data_dir())"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.strip()
    assert where.startswith(str(venv)), where
    result = subprocess.run(
        [str(bindir / "chc"), "codes", "--format", "json"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    editions = {e["edition"]: e for e in json.loads(result.stdout)["editions"]}
    assert set(editions) == {"2020", "2022", "2024"}
    assert editions["2024"]["provisions"] == 73
    assert editions["2022"]["must"] == 45
    report = subprocess.run(
        [
            str(bindir / "chc"),
            "check-policy",
            str(ROOT / "examples" / "policy-2024-seed004.yaml"),
            "--format",
            "html",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert report.returncode == 1, report.stderr
    assert report.stdout.startswith("<!DOCTYPE html>")
