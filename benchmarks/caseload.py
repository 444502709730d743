"""The caseload engine's speed and memory, beside yardsticks measured in the same run.

    .venv/bin/python benchmarks/caseload.py [--cases 100000] [--million] [--rounds 3]

A benchmark, not a test: it prints figures and asserts nothing. The machine is shared and
noisy, so every figure is a ratio to a yardstick run in the same process moments apart:

- the bare copy: a Python script reading the same CSV with ``csv.DictReader`` and writing
  each row with ``json.dumps`` (what merely copying the file costs);
- the polars job: a minimal polars script on the same file (read it, six working-day due
  dates with England's bank holidays, six working-day counts, write CSV), what a
  landlord's analyst could write by hand; chc's CSV is reported over it as well;
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

# The second yardstick: what a minimal polars job costs on the same file. Six due dates
# (each stage's acknowledgement, response and extended response) counted in working days
# with the bank holidays, six counts of working days late (to the response or the status
# date), and the file written out as CSV with them.
POLARS_JOB = """
import sys
from datetime import date
import holidays
import polars as pl
off = sorted(holidays.UK(subdiv="ENG", years=range(2019, 2031)))
as_of = date(2025, 1, 31)
def add(start, n):
    return start.dt.add_business_days(n, holidays=off, roll="backward")
def late(due, done):
    days = pl.business_day_count(due, pl.coalesce(done, pl.lit(as_of)), holidays=off)
    return days.clip(lower_bound=0)
df = pl.read_csv(sys.argv[1], try_parse_dates=True, infer_schema_length=10000)
s1, s2 = pl.col("received"), pl.col("stage2_requested")
df = df.with_columns(
    s1_ack_due=add(s1, 5),
    s1_due=add(s1, 10),
    s1_ext_due=add(s1, 10 + pl.col("stage1_extension").fill_null(0)),
    s2_ack_due=add(s2, 5),
    s2_due=add(s2, 20),
    s2_ext_due=add(s2, 30),
)
df = df.with_columns(
    s1_ack_late=late(pl.col("s1_ack_due"), pl.col("stage1_acknowledged")),
    s1_late=late(pl.col("s1_due"), pl.col("stage1_responded")),
    s1_ext_late=late(pl.col("s1_ext_due"), pl.col("stage1_responded")),
    s2_ack_late=late(pl.col("s2_ack_due"), pl.col("stage2_acknowledged")),
    s2_late=late(pl.col("s2_due"), pl.col("stage2_responded")),
    s2_ext_late=late(pl.col("s2_ext_due"), pl.col("stage2_responded")),
)
df.write_csv(sys.argv[2])
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
        "polars job": [py, "-c", POLARS_JOB, str(cases), str(tmp / "polars.csv")],
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
    return {
        label: (
            min(r[0] for r in results),
            max(r[1] for r in results),
            paired(results, runs["bare copy"]),
            paired(results, runs["polars job"]),
        )
        for label, results in runs.items()
    }


def paired(results: list[tuple[float, float]], yardstick: list[tuple[float, float]]) -> float:
    """The median of each round's time over the yardstick's in the same round."""
    return statistics.median(r[0] / y[0] for r, y in zip(results, yardstick, strict=True))


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
        bare, job = figures["bare copy"][0], figures["polars job"][0]
        print(f"{args.cases:,} complaints ({cases.stat().st_size / 1e6:.1f} MB of CSV):")
        print(
            f"  {'':<26} {'best':>8}  {'x best copy':>11}  {'median x':>8}"
            f"  {'x best polars':>13}  {'median x':>8}  {'peak':>6}"
        )
        for label, (seconds, mb, by_copy, by_job) in figures.items():
            print(
                f"  {label:<26} {seconds:6.2f} s  {seconds / bare:10.2f}x  {by_copy:7.2f}x"
                f"  {seconds / job:12.2f}x  {by_job:7.2f}x  {mb:3.0f} MB"
            )
        print("  (target: deadlines --cases to csv at most 1.25x the polars job)")
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
