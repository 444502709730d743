"""Speed of `chc hazards --cases`: a repairs log beside `chc deadlines --cases` on a case
file of the same size, and the bare copy, measured in the same run (a benchmark, not a
test: it prints figures and asserts nothing).

    .venv/bin/python benchmarks/hazards_bench.py [--cases 100000] [--rounds 3]

The log is synthetic (fixed seed): emergency and significant reports over 2026 (both clock
changes, Christmas and Easter inside), with investigations, summaries, make-safe and works
dates, decants and access attempts, in ISO and UK day-first cells. Each command runs as a
user runs it (a subprocess, chc byte-compiled); the commands take turns, round after round.
The figure that matters is the log's time over the caseload's (target at most 1.2x); both
are also given over the bare copy (benchmarks/caseload.py's yardstick).
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).parent))
from caseload import BARE_COPY, byte_compile, chc, run
from report_bench import write_cases

LONDON = ZoneInfo("Europe/London")
HEADER = (
    "Job Ref", "Track", "Date Reported", "Investigation Concluded", "Summary Sent",
    "Made Safe", "Works Begun", "Works Started", "Decanted", "Access Attempts",
)  # fmt: skip


def _cell(rng: random.Random, moment: datetime, timed: bool) -> str:
    """``moment`` (UTC) as a repairs system writes it in UK time; the hour the autumn
    change repeats is written with its offset, as chc requires."""
    local = moment.replace(tzinfo=timezone.utc).astimezone(LONDON)
    if not timed:
        return local.strftime("%Y-%m-%d" if rng.random() < 0.5 else "%d/%m/%Y")
    naive = local.replace(tzinfo=None)
    other = naive.replace(tzinfo=LONDON, fold=1 - local.fold)
    if other.utcoffset() != local.utcoffset():
        return local.isoformat(timespec="minutes")
    return local.strftime("%Y-%m-%dT%H:%M" if rng.random() < 0.5 else "%d/%m/%Y %H:%M")


def write_log(path: Path, n: int) -> None:
    rng = random.Random(27)
    start = datetime(2026, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(HEADER)
        for i in range(n):
            aware = start + timedelta(minutes=rng.randrange(360 * 24 * 60))
            emergency = rng.random() < 0.4
            hours = timedelta(hours=1)
            row = [f"HR-{i:06d}", "emergency" if emergency else "significant"]
            row.append(_cell(rng, aware, emergency))
            span = 30 * hours if emergency else timedelta(days=16)
            concluded = aware + rng.random() * span if rng.random() < 0.9 else None
            row.append(_cell(rng, concluded, emergency) if concluded else "")
            summary = concluded + timedelta(days=rng.randrange(6)) if concluded else None
            row.append(_cell(rng, summary, False) if summary and rng.random() < 0.7 else "")
            made_safe = (aware if emergency else concluded or aware) + rng.random() * span
            row.append(_cell(rng, made_safe, emergency) if rng.random() < 0.8 else "")
            later = (concluded or aware) + timedelta(days=rng.randrange(1, 9))
            row.append(_cell(rng, later, False) if not emergency and rng.random() < 0.6 else "")
            row.append("")
            decant = aware + rng.random() * 20 * hours
            row.append(_cell(rng, decant, True) if emergency and rng.random() < 0.05 else "")
            tries = [aware + rng.random() * 30 * hours for _ in range(rng.randrange(3))]
            row.append("; ".join(_cell(rng, t, True) for t in sorted(tries)))
            w.writerow(row)


OTHER_FORMATS: dict[str, list[str]] = {
    "summary": ["--summary", "--format", "json"],
    "jsonl": ["--format", "jsonl"],
    "json": ["--format", "json"],
    "text": ["--format", "text"],
    "ics": ["--format", "ics"],
}
"""The log's other outputs, each timed beside the two above when named in --formats."""
SAME_FORMAT = ("jsonl", "json")
"""Formats ``chc deadlines --cases`` also writes: timed beside the log's, for a ratio of like
with like (a report's JSON is about 2.3 times a complaint's)."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--formats",
        default="summary",
        help="other outputs to time, comma-separated: " + ", ".join(OTHER_FORMATS),
    )
    args = parser.parse_args()
    byte_compile()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        log, cases = tmp / "log.csv", tmp / "cases.csv"
        write_log(log, args.cases)
        write_cases(cases, args.cases)
        py = sys.executable
        commands = {
            "bare copy": [py, "-c", BARE_COPY, str(log), str(tmp / "copy.jsonl")],
            "deadlines --cases to csv": [
                chc(), "deadlines", "--cases", str(cases), "--as-of", "2025-01-31",
                "--format", "csv", "-o", str(tmp / "due.csv"), "--force", "--quiet",
            ],
            "hazards --cases to csv": [
                chc(), "hazards", "--cases", str(log), "--as-of", "2027-01-31",
                "--format", "csv", "-o", str(tmp / "hz.csv"),
                "--force", "--quiet",
            ],
        }  # fmt: skip
        for label, extra in OTHER_FORMATS.items():
            if label in args.formats.split(","):
                out = tmp / f"hz-{label.replace(' ', '-')}.out"
                commands[f"hazards {label}"] = [
                    chc(), "hazards", "--cases", str(log), "--as-of", "2027-01-31", *extra,
                    "-o", str(out), "--force", "--quiet",
                ]  # fmt: skip
                if label in SAME_FORMAT:  # the caseload in the same format, beside it
                    commands[f"deadlines {label}"] = [
                        chc(), "deadlines", "--cases", str(cases), "--as-of", "2025-01-31",
                        *extra, "-o", str(tmp / f"due-{label}.out"), "--force", "--quiet",
                    ]  # fmt: skip
        runs: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
        for _ in range(args.rounds):
            for label, cmd in commands.items():
                runs[label].append(run(cmd))
        best = {label: min(r[0] for r in results) for label, results in runs.items()}
        print(f"{args.cases:,} rows each, best of {args.rounds}:")
        for label, seconds in best.items():
            peak = max(r[1] for r in runs[label])
            over = seconds / best["deadlines --cases to csv"]
            fmt = label.removeprefix("hazards ")
            same = best.get(f"deadlines {fmt}") if fmt in SAME_FORMAT else None
            print(
                f"  {label:<26} {seconds:6.2f} s  {seconds / best['bare copy']:6.2f}x copy"
                f"  {over:6.2f}x deadlines csv  {peak:4.0f} MB"
                + (f"  {seconds / same:5.2f}x deadlines {fmt}" if same else "")
            )
        paired = statistics.median(
            h[0] / d[0]
            for h, d in zip(
                runs["hazards --cases to csv"], runs["deadlines --cases to csv"], strict=True
            )
        )
        ratio = best["hazards --cases to csv"] / best["deadlines --cases to csv"]
        print(f"  hazards / deadlines: {ratio:.2f}x best, {paired:.2f}x median of rounds"
              " (target at most 1.2x)")  # fmt: skip


if __name__ == "__main__":
    main()
