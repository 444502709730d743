"""The caseload engine's speed and memory, beside yardsticks measured in the same run.

    .venv/bin/python benchmarks/caseload.py [--cases 100000] [--million] [--rounds 3]

A benchmark, not a test: it prints figures and asserts nothing. The machine is shared and
noisy, so every figure is a ratio to a yardstick run in the same process moments apart:

- the bare copy: a Python script reading the same CSV with ``csv.DictReader`` and writing
  each row with ``json.dumps`` (what merely copying the file costs);
- ``python -c "import holidays"`` for the start-up of one complaint.

Each command runs as a user runs it (a subprocess), with chc byte-compiled as an install
leaves it; the commands take turns, round after round; the time is the best of
``--rounds`` and the memory the child's peak resident set (``ru_maxrss``). Start-up is
measured first, before the caseloads' output is being written back to disk. Beside the
best time over the copy's best, each caseload figure has the median of its rounds' own
ratios (each run over the copy's run in the same round), which follows the machine's load
as it changes from round to round.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from report_bench import write_cases  # the same synthetic caseload

BARE_COPY = """
import csv, json, sys
with open(sys.argv[1], encoding="utf-8", newline="") as src, \\
        open(sys.argv[2], "w", encoding="utf-8") as dst:
    for row in csv.DictReader(src):
        dst.write(json.dumps(row) + "\\n")
"""


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one subprocess."""
    seconds, mb, _ = run_cpu(cmd)
    return seconds, mb


def run_cpu(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak memory (MB) and CPU seconds (user + system) of one subprocess.

    CPU time moves less than wall time when the machine is busy with other work."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(cmd)}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def chc() -> str:
    return str(Path(sys.executable).with_name("chc"))


def caseload_figures(cases: Path, tmp: Path, rounds: int) -> dict[str, tuple[float, float, float]]:
    """Best time, peak memory and the median of each round's own ratio to that round's bare
    copy, for each command. The commands take turns, round after round, so that a spell of
    load from the machine's other users falls on all of them rather than on whichever ran
    during it; the per-round ratio also follows the load as it changes between rounds."""
    py = sys.executable
    commands: dict[str, list[str]] = {
        "bare copy": [py, "-c", BARE_COPY, str(cases), str(tmp / "copy.jsonl")],
    }
    for fmt in ("csv", "jsonl", "json"):
        target = tmp / f"due.{fmt}"
        commands[f"deadlines --cases to {fmt}"] = [
            chc(), "deadlines", "--cases", str(cases), "--as-of", "2025-01-31",
            "--format", fmt, "-o", str(target), "--force", "--quiet",
        ]  # fmt: skip
    commands["report to html"] = [
        chc(), "report", str(cases), "--homes", "60000", "--from", "2024-04-01",
        "--to", "2025-03-31", "--format", "html", "-o", str(tmp / "report.html"),
        "--force", "--landlord", "Example Homes", "--quiet",
    ]  # fmt: skip
    runs: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
    for _ in range(rounds):
        for label, cmd in commands.items():
            runs[label].append(run(cmd))
    copies = [r[0] for r in runs["bare copy"]]
    return {
        label: (
            min(r[0] for r in results),
            max(r[1] for r in results),
            statistics.median(r[0] / c for r, c in zip(results, copies, strict=True)),
        )
        for label, results in runs.items()
    }


def byte_compile() -> None:
    """Byte-compile chc, as ``pip install .`` does. An editable install run with
    PYTHONDONTWRITEBYTECODE=1 (as on the machine these figures come from) compiles
    chc's modules from source on every run, about 25 ms that no installed copy pays;
    the yardstick's package is byte-compiled by pip."""
    import compileall

    import chc

    compileall.compile_dir(Path(chc.__file__).parent, quiet=1)


def startup(rounds: int) -> None:
    py = sys.executable
    yardstick = [py, "-c", "import holidays"]
    one = [chc(), "deadlines", "--received", "2024-05-01", "--format", "json"]
    run(one)  # warm the cache
    pairs = [(run_cpu(yardstick), run_cpu(one)) for _ in range(rounds * 3)]  # interleaved
    holidays_s = min(h[0] for h, _ in pairs)
    one_s = min(o[0] for _, o in pairs)
    holidays_cpu = min(h[2] for h, _ in pairs)
    one_cpu = min(o[2] for _, o in pairs)
    one_mb = max(o[1] for _, o in pairs)
    print(
        f"one complaint: {one_s:.3f} s, {one_mb:.0f} MB; import holidays {holidays_s:.3f} s; "
        f"ratio {one_s / holidays_s:.2f}x wall, {one_cpu / holidays_cpu:.2f}x CPU "
        "(target at most 1.5x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--million", action="store_true", help="also 10x the cases")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip", nargs="*", default=[], help="figures to leave out")
    args = parser.parse_args()
    byte_compile()
    # Start-up first: the caseload runs leave hundreds of MB being written back to disk,
    # which disturbs a 0.1 s measurement more than the seconds-long ones.
    startup(args.rounds)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        cases = tmp / "cases.csv"
        write_cases(cases, args.cases)
        figures = caseload_figures(cases, tmp, args.rounds)
        bare = figures["bare copy"][0]
        print(f"{args.cases:,} complaints ({cases.stat().st_size / 1e6:.1f} MB of CSV):")
        print(f"  {'':<26} {'best':>8}  {'x best copy':>11}  {'median x':>8}  {'peak':>6}")
        for label, (seconds, mb, paired) in figures.items():
            print(
                f"  {label:<26} {seconds:6.2f} s  {seconds / bare:10.2f}x  {paired:7.2f}x"
                f"  {mb:3.0f} MB"
            )
        if args.million:
            big = tmp / "big.csv"
            write_cases(big, args.cases * 10)
            cmd = [chc(), "deadlines", "--cases", str(big), "--as-of", "2025-01-31",
                   "--format", "csv", "-o", str(tmp / "big-due.csv"), "--quiet"]  # fmt: skip
            seconds, mb = run(cmd)
            small = figures["deadlines --cases to csv"][0]
            print(
                f"  {args.cases * 10:,} complaints to csv: {seconds:.2f} s "
                f"({seconds / small:.1f}x the {args.cases:,} figure), {mb:.0f} MB"
            )


if __name__ == "__main__":
    main()
