"""Speed figures for chc (a benchmark, not a test: it prints numbers, it asserts nothing).

    python benchmarks/run.py

The caseload's figures, against a bare copy of the same file: benchmarks/caseload.py.

1. Working-day addition: calls per second of chc's calendar against a day-by-day loop
   over the `holidays` package, in the same run, on the same random inputs.
2. Start-up: `chc deadlines --received ...` for one complaint, wall time, best of 7.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path


def naive_add(start: date, n: int, off: set[date]) -> date:
    day = start
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in off:
            n -= 1
    return day


def bench_addition(rounds: int = 200_000) -> None:
    import holidays

    from chc.workdays import calendar_for

    rng = random.Random(20241)
    starts = [date(2000, 1, 1) + timedelta(days=rng.randrange(365 * 100)) for _ in range(rounds)]
    counts = [rng.randrange(1, 41) for _ in range(rounds)]
    cal = calendar_for()
    for year in range(2000, 2101):  # build the tables first: we time queries, not set-up
        cal.add(date(year, 6, 1), 1)
    t0 = time.perf_counter()
    ours = [cal.add(d, n) for d, n in zip(starts, counts, strict=True)]
    ours_s = time.perf_counter() - t0

    off = set(holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2101)))
    sample = rounds // 10
    t0 = time.perf_counter()
    naive = [naive_add(d, n, off) for d, n in zip(starts[:sample], counts[:sample], strict=True)]
    naive_s = time.perf_counter() - t0
    assert naive == ours[:sample], "the two methods disagree"
    print(
        f"working-day addition: chc {rounds / ours_s:,.0f}/s; "
        f"day-by-day loop {sample / naive_s:,.0f}/s "
        f"({(rounds / ours_s) / (sample / naive_s):.0f}x faster; answers identical)"
    )


def chc_command() -> list[str]:
    exe = shutil.which("chc", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "chc"]


def bench_startup() -> None:
    cmd = [*chc_command(), "deadlines", "--received", "2024-05-01", "--as-of", "2024-06-03"]
    times = []
    for _ in range(7):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    print(
        f"start-up: one complaint in {min(times):.3f} s best, "
        f"{statistics.median(times):.3f} s median of 7"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    bench_addition()
    bench_startup()


if __name__ == "__main__":
    main()
