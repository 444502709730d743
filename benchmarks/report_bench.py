"""Speed of `chc report`: a 100,000-case caseload to an HTML report (a benchmark, not a test).

    .venv/bin/python benchmarks/report_bench.py [--cases N]

Builds a synthetic caseload (fixed seed; both Code editions, extensions, refusals,
withdrawals, outcomes and categories) in a temporary folder, then runs the report end to
end as a user does, `chc report ... --format html -o report.html` in a subprocess, and
prints the wall time in seconds, best of three. The aim is under 5 seconds.

    .venv/bin/python benchmarks/report_bench.py --memory [--sizes 250000 500000 1000000]

prints instead the report's peak memory (the child's peak resident set) at each size,
beside the peak of `chc deadlines --cases` to CSV on the same file in the same run, and
what each further 100,000 complaints added. The aim is at most 400 MB at 1,000,000
complaints, and a growth that comes from the file's bytes, not from the rows held.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HEADER = (
    "reference", "received", "stage1_acknowledged", "stage1_extension", "stage1_responded",
    "stage2_requested", "stage2_acknowledged", "stage2_responded", "category", "outcome",
    "refused", "refusal_reason", "refusal_within_policy", "remedy_amount",
)  # fmt: skip
CATEGORIES = ("Repairs", "Grounds", "Neighbourhood", "Communication", "Service charges", "Damp")
OUTCOMES = ("upheld", "partly upheld", "not upheld", "not upheld", "withdrawn")


def write_cases(path: Path, n: int) -> None:
    rng = random.Random(7)
    start = date(2023, 10, 1)  # spans the 2022 and 2024 editions
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(HEADER)
        for i in range(n):
            received = start + timedelta(days=rng.randrange(540))
            ack = received + timedelta(days=rng.randrange(6))
            ext = str(rng.choice((10, 15))) if rng.random() < 0.03 else ""
            s1 = ack + timedelta(days=rng.randrange(1, 30))
            refused = rng.random() < 0.03
            row = [f"C{i:06d}", received, ack, ext, s1, "", "", "",
                   rng.choice(CATEGORIES), "" if refused else rng.choice(OUTCOMES),
                   "yes" if refused else "", "Service request" if refused else "",
                   rng.choice(("yes", "no")) if refused else "",
                   f"{rng.randrange(25, 500)}.00" if rng.random() < 0.1 else ""]  # fmt: skip
            if not refused and rng.random() < 0.1:
                asked = s1 + timedelta(days=rng.randrange(1, 20))
                row[5:8] = [asked, asked + timedelta(days=2), asked + timedelta(days=25)]
            w.writerow(row)


def report_cmd(cases: Path, out: Path) -> list[str]:
    chc = Path(sys.executable).with_name("chc")
    return [str(chc), "report", str(cases), "--homes", "60000", "--from", "2024-04-01",
            "--to", "2025-03-31", "--landlord", "Benchmark Homes", "--format", "html",
            "-o", str(out), "--force", "--quiet"]  # fmt: skip


def peak_mb(cmd: list[str]) -> float:
    """The peak resident set of one subprocess, in MB."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(cmd)}")
    return usage.ru_maxrss / 1024


def memory(sizes: list[int]) -> None:
    chc = Path(sys.executable).with_name("chc")
    rows: list[tuple[int, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            cases = Path(tmp) / f"cases-{n}.csv"
            write_cases(cases, n)
            report = peak_mb(report_cmd(cases, Path(tmp) / "report.html"))
            csv_run = peak_mb(
                [str(chc), "deadlines", "--cases", str(cases), "--as-of", "2025-01-31",
                 "--format", "csv", "-o", str(Path(tmp) / "due.csv"), "--force", "--quiet"]
            )  # fmt: skip
            rows.append((n, report, csv_run))
            cases.unlink()
    print(f"  {'complaints':>10}  {'report peak':>11}  {'x csv run':>9}  {'+ per 100k':>10}")
    for i, (n, report, csv_run) in enumerate(rows):
        growth = ""
        if i:
            before_n, before, _ = rows[i - 1]
            growth = f"{(report - before) / (n - before_n) * 100_000:+7.1f} MB"
        print(f"  {n:>10,}  {report:8.0f} MB  {report / csv_run:8.2f}x  {growth:>10}")
    print("  (aim: at most 400 MB at 1,000,000 complaints)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--memory", action="store_true", help="peak memory at --sizes")
    parser.add_argument("--sizes", type=int, nargs="+", default=[250_000, 500_000, 1_000_000])
    args = parser.parse_args()
    if args.memory:
        memory(args.sizes)
        return
    with tempfile.TemporaryDirectory() as tmp:
        cases = Path(tmp) / "cases.csv"
        write_cases(cases, args.cases)
        times = []
        for i in range(3):
            out = Path(tmp) / f"report-{i}.html"
            t0 = time.perf_counter()
            subprocess.run(report_cmd(cases, out), check=True)
            times.append(time.perf_counter() - t0)
            assert out.stat().st_size > 0
    print(f"chc report: {args.cases:,} cases to HTML in {min(times):.2f} s (best of 3; aim < 5 s)")


if __name__ == "__main__":
    main()
