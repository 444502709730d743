"""Snapshot every complaint's events and assumptions, to hold a change of output shape to them.

    .venv/bin/python scripts/snapshot_caseload_events.py [--out tests/golden/caseload-events.json]

Made once, on the code before assumptions became ids (issue 24), and kept: the test
``tests/test_caseload_snapshot.py`` runs the same corpora through today's chc and asks for
the same events (key, due, done, status, working days late), the same problems and the
same assumption ids (today's lines carry the ids; the order is now the table's).

The old JSON lines carried each assumption as a text, "assumption: KEY (PROVISION): the
note". This script turns each text into the ids it meant, by rules that name every form
the old texts took (and stops on any other):

- a timescale's note, ``KEY (PROVISION): ...``: the ids ``code_versions/assumptions.yaml``
  gives that edition's timescale in ``applies_to``;
- "stageN.respond counts from logging; ...": ``logged-when-acknowledged``;
- "stage N acknowledgement date not given: ... (DATE)": ``ack-date-assumed`` with its
  stage and date;
- "closure days are treated as non-working days ...": ``closure-days-not-working``.

The corpora are the example case files and a synthetic one (a fixed seed) spanning the
three editions, extensions, stage 3 and missing acknowledgements, each run as given and
with closure days in Scotland.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = [
    "reference", "received", "stage1_acknowledged", "stage1_extension", "stage1_responded",
    "stage2_requested", "stage2_acknowledged", "stage2_extension", "stage2_responded",
    "stage3_requested", "stage3_responded", "code",
]  # fmt: skip


def write_synthetic(path: Path, n: int = 600) -> None:
    """Complaints from mid-2020 to 2025: every edition, with the awkward cases in each."""
    rng = random.Random(24)
    start = date(2020, 6, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(HEADER)
        for i in range(n):
            received = start + timedelta(days=int(rng.random() * 1800))
            ack = received + timedelta(days=int(rng.random() * 8)) if rng.random() < 0.8 else None
            ext = str(rng.choice((5, 10, 15, 25))) if rng.random() < 0.15 else ""
            s1 = (ack or received) + timedelta(days=1 + int(rng.random() * 35))
            s1_given = rng.random() < 0.8
            row: list[object] = [f"S{i:05d}", received, ack or "", ext, s1 if s1_given else ""]
            row += ["", "", "", "", "", "", ""]
            if s1_given and rng.random() < 0.3:
                asked = s1 + timedelta(days=1 + int(rng.random() * 20))
                ack2 = asked + timedelta(days=int(rng.random() * 7)) if rng.random() < 0.7 else ""
                ext2 = str(rng.choice((10, 20, 30))) if rng.random() < 0.2 else ""
                done2 = asked + timedelta(days=10 + int(rng.random() * 30))
                row[5:9] = [asked, ack2, ext2, done2 if rng.random() < 0.8 else ""]
                if received < date(2024, 4, 1) and rng.random() < 0.3:
                    asked3 = done2 + timedelta(days=1 + int(rng.random() * 10))
                    row[9:11] = [asked3, asked3 + timedelta(days=int(rng.random() * 40))]
            if rng.random() < 0.05 and received >= date(2022, 4, 1):
                row[11] = "2022" if received < date(2024, 4, 1) else "2024"
            w.writerow(row)


def corpora(tmp: Path) -> list[tuple[str, list[str]]]:
    """(name, the arguments of `chc deadlines`) for each run snapshotted."""
    synthetic = tmp / "synthetic.csv"
    write_synthetic(synthetic)
    ex = ROOT / "examples"
    closed = ["--region", "scotland", "--closed", "2023-01-03", "--closed", "2024-05-07"]
    runs = [
        ("cases.csv", [str(ex / "cases.csv"), "--as-of", "2024-06-03"]),
        ("cases-2022-23.csv", [str(ex / "cases-2022-23.csv"), "--as-of", "2023-06-30"]),
        ("cases-2023-24.csv", [str(ex / "cases-2023-24.csv"), "--as-of", "2024-06-30"]),
        (
            "case-system-export.csv",
            [
                str(ex / "case-system-export.csv"),
                "--columns",
                str(ex / "case-system-columns.yaml"),
                "--as-of",
                "2024-06-03",
            ],
        ),
        ("synthetic", [str(synthetic), "--as-of", "2025-06-30"]),
        ("synthetic, Scotland, closure days", [str(synthetic), "--as-of", "2025-06-30", *closed]),
    ]
    return [(name, ["--cases", *args]) for name, args in runs]


_NOTE = re.compile(r"^(stage\d\.[a-z_]+|complaint_time_limit) \([^)]*\): ")
_LOGGED = re.compile(r"^stage\d\.respond counts from logging; ")
_ACK = re.compile(
    r"^stage (\d) acknowledgement date not given: the response is counted from the "
    r"acknowledgement due date \((\d{4}-\d\d-\d\d)\)$"
)
_CLOSURE = "closure days are treated as non-working days"


def ids_of(code: str, texts: list[str]) -> list[dict[str, object]]:
    """The assumption ids the old texts meant, each once, in the order first meant."""
    sys.path.insert(0, str(ROOT / "src"))
    from chc.codes.assumptions import load_builtin_assumptions

    table = load_builtin_assumptions()
    out: list[dict[str, object]] = []

    def add(item: dict[str, object]) -> None:
        if item not in out:
            out.append(item)

    for text in texts:
        if (m := _NOTE.match(text)) is not None:
            for a in table.for_timescale(code, m.group(1)):
                add({"id": a.id})
        elif _LOGGED.match(text):
            add({"id": "logged-when-acknowledged"})
        elif (m := _ACK.match(text)) is not None:
            add({"id": "ack-date-assumed", "stage": int(m.group(1)), "date": m.group(2)})
        elif text.startswith(_CLOSURE):
            add({"id": "closure-days-not-working"})
        else:
            raise SystemExit(f"an assumption text no rule places: {text!r}")
    return out


def snapshot(args: list[str]) -> list[list[object]]:
    chc = Path(sys.executable).with_name("chc")
    done = subprocess.run(
        [str(chc), "deadlines", *args, "--format", "jsonl", "--quiet", "--skip-bad-rows"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows: list[list[object]] = []
    for line in done.stdout.splitlines():
        case = json.loads(line)
        events = [
            [e["key"], e["due"], e["done"], e["status"], e["working_days_late"]]
            for e in case["events"]
        ]
        if "assumptions" in case:  # today's shape: the ids themselves
            problems, ids = case["warnings"], case["assumptions"]
        else:  # the shape before issue 24, the ids read from the texts
            texts = [w.removeprefix("assumption: ") for w in case["warnings"]]
            assumed = [t for w, t in zip(case["warnings"], texts, strict=True) if w != t]
            problems = [w for w in case["warnings"] if not w.startswith("assumption: ")]
            ids = ids_of(case["code"], assumed)
        rows.append([case["line"], case["code"], events, problems, ids])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "tests/golden/caseload-events.json")
    out = parser.parse_args().out
    with tempfile.TemporaryDirectory() as tmp:
        runs = corpora(Path(tmp))
        doc = {name: snapshot(args) for name, args in runs}
    lines = [f"{json.dumps(name)}: {json.dumps(rows)}" for name, rows in doc.items()]
    out.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
