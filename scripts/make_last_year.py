"""Build examples/cases-2022-23.csv, "last year's" caseload for the README's
`chc report ... --previous` example, from examples/cases-2023-24.csv.

    .venv/bin/python scripts/make_last_year.py [--out examples/cases-2022-23.csv]

Every date moves back 52 weeks (364 days, so each keeps its weekday) and every reference
becomes PRV-nnnn; every fifth complaint is dropped, so that the two years differ. It is
synthetic: no landlord published these figures. Complaints now received before April 2022
fall under the 2020 Code, as a real 2022-23 caseload's would.
"""

from __future__ import annotations

import argparse
import csv
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIFT = timedelta(days=364)


def earlier(cell: str) -> str:
    try:
        return (date.fromisoformat(cell) - SHIFT).isoformat()
    except ValueError:
        return cell


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "examples" / "cases-2023-24.csv")
    parser.add_argument("--out", type=Path, default=ROOT / "examples" / "cases-2022-23.csv")
    args = parser.parse_args()
    with args.source.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    kept = [row for n, row in enumerate(rows, 1) if n % 5]
    with args.out.open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, fields, lineterminator="\n")
        out.writeheader()
        for row in kept:
            moved = {k: earlier(v) for k, v in row.items()}
            moved["reference"] = row["reference"].replace("CMP-", "PRV-")
            out.writerow(moved)


if __name__ == "__main__":
    main()
