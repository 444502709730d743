"""Build examples/cases-2023-24.csv: a synthetic caseload that reproduces seed 001's figures.

    .venv/bin/python scripts/make_example_caseload.py [--out examples/cases-2023-24.csv]

Seed 001 is a real landlord's 2023-24 annual complaints report (April 2023 to March 2024,
so every complaint falls under the 2022 Code). Its published figures, and what they imply:

- 393 complaints received in the year: 393 stage 1 complaints.
- 68.2 stage 1 complaints per 1,000 homes. The report does not state its number of homes;
  393 / h x 1,000 rounds to 68.2 for h from 5,759 to 5,766 (393 / 0.06825 = 5,758.2 and
  393 / 0.06815 = 5,766.7). We take h = 5,762, the whole number nearest 393 / 0.0682.
- "10% of complaints escalate to stage 2", and stage 2 on time 62.5% = 5/8. The only
  multiple of 8 near 10% of 393 is 40 (40 / 393 = 10.2%), so 40 stage 2 requests, and 25 of
  40 stage 2 responses on time.
- Stage 1 on time 82.1%. The denominator is the stage 1 responses given in the year. We
  build it as: 393 received, less 3 refused within policy (left out of CH02), less 7
  withdrawn (left out), less 7 received in March 2024 and answered in April 2024 (next
  year's CH02), plus 4 received in March 2023 and answered in April 2023 = 380 responses,
  10 of them the refusals that fell outside policy (counted as not on time, as seed 001
  did). 312 / 380 = 82.105% -> 82.1%. (No denominator from 381 to 384 gives 82.1% exactly,
  which is why the in-and-out counts are as they are.)
- 13 refusals: 10 outside policy (reasons "initial service request" and "already
  investigated and not upheld"), 3 within policy (older than six months, investigated
  twice before, the local authority's service).
- 7 complaints extended: 5 at stage 1 (one beyond the Code's 10-working-day limit and
  answered after it, so late) and 2 at stage 2.
- 73% upheld or partly upheld: 272 of the 373 complaints with a decision.
- A spike in May 2023 (grass cutting). One provisional maladministration determination.

Everything else (dates within a month, categories, remedy amounts) is drawn from a fixed
seed, using only ``Random.random()`` so the file is the same on every Python version.
Due dates come from chc's own calendar and the 2022 Code's timescales, so a case built
"on time" is on time by the same rules the report applies.
"""

from __future__ import annotations

import argparse
import csv
import random
from datetime import date, timedelta
from pathlib import Path

from chc.workdays import calendar_for

ROOT = Path(__file__).resolve().parents[1]
START, END = date(2023, 4, 1), date(2024, 3, 31)
HOMES = 5762
COLUMNS = (
    "reference",
    "received",
    "stage1_acknowledged",
    "stage1_extension",
    "stage1_responded",
    "stage2_requested",
    "stage2_acknowledged",
    "stage2_extension",
    "stage2_responded",
    "category",
    "outcome",
    "refused",
    "refusal_reason",
    "refusal_within_policy",
    "remedy_amount",
    "ombudsman_determination",
)
# Stage 1 complaints received per month, April 2023 to March 2024 (sum 393; May's spike).
PER_MONTH = (30, 52, 41, 38, 33, 30, 31, 29, 22, 30, 28, 29)
CATEGORIES = (
    ("Grounds and estate maintenance", 6),
    ("Repairs", 6),
    ("Neighbourhood and tenancy", 4),
    ("Communication", 3),
    ("Service charges", 2),
    ("Independent living", 2),
    ("Heating", 1),
    ("Parking", 1),
    ("New build defects", 1),
)
REMEDIES = ("25.00", "50.00", "50.00", "75.00", "100.00", "150.00", "250.00")
OUTSIDE_POLICY = (
    ("The complaint is an initial service request", 6),
    ("The issue has been investigated and the complaint was not upheld", 4),
)
WITHIN_POLICY = (
    "The incident happened more than six months before it was reported",
    "The complaint has been investigated twice before",
    "The service is the local authority's, not the landlord's",
)

CAL = calendar_for()


class Draw:
    """Deterministic draws built on Random.random() alone (stable across Python versions)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def below(self, n: int) -> int:
        return min(int(self.rng.random() * n), n - 1)

    def between(self, lo: int, hi: int) -> int:
        return lo + self.below(hi - lo + 1)

    def weighted(self, items: tuple[tuple[str, int], ...]) -> str:
        total = sum(w for _, w in items)
        x = self.below(total)
        for name, w in items:
            if x < w:
                return name
            x -= w
        raise AssertionError("unreachable")

    def sample(self, population: list[int], k: int) -> list[int]:
        pool = list(population)
        for i in range(k):
            j = i + self.below(len(pool) - i)
            pool[i], pool[j] = pool[j], pool[i]
        return sorted(pool[:k])


def day_in(draw: Draw, year: int, month: int, first: int = 1, last: int | None = None) -> date:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    end = (nxt - timedelta(days=1)).day if last is None else last
    return date(year, month, draw.between(first, end))


def stage1(
    draw: Draw, received: date, *, on_time: bool, ext: int | None = None, late_ack: bool = False
) -> dict[str, str]:
    """Acknowledgement and response dates; 2022 Code: 10 working days from logging."""
    ack = received + timedelta(days=draw.between(6, 9) if late_ack else draw.between(0, 3))
    due = CAL.add(ack, 10)
    row = {"received": received.isoformat(), "stage1_acknowledged": ack.isoformat()}
    if ext is not None:
        row["stage1_extension"] = str(ext)
        if ext <= 10:  # inside a permitted extension: on time
            responded = CAL.add(due, draw.between(1, ext))
        else:  # past the Code's 10-day limit but inside the 15 given: late under "capped"
            responded = CAL.add(due, draw.between(11, ext))
    elif on_time:
        responded = CAL.add(ack, draw.between(1, 10))
    else:
        responded = CAL.add(due, draw.between(1, 12))
    row["stage1_responded"] = responded.isoformat()
    return row


def stage2(draw: Draw, requested: date, *, on_time: bool, ext: int | None = None) -> dict[str, str]:
    """2022 Code: 20 working days from the escalation request; no acknowledgement timescale."""
    due = CAL.add(requested, 20)
    row = {
        "stage2_requested": requested.isoformat(),
        "stage2_acknowledged": (requested + timedelta(days=draw.between(0, 4))).isoformat(),
    }
    if ext is not None:
        row["stage2_extension"] = str(ext)
        responded = CAL.add(due, draw.between(1, ext))
    elif on_time:
        responded = CAL.add(requested, draw.between(8, 20))
    else:
        responded = CAL.add(due, draw.between(1, 15))
    row["stage2_responded"] = responded.isoformat()
    return row


def build() -> list[dict[str, str]]:
    draw = Draw(20230401)
    rows: list[dict[str, str]] = []
    received: list[date] = []
    for i, n in enumerate(PER_MONTH):
        year, month = (2023, 4 + i) if i < 9 else (2024, i - 8)
        for _ in range(n):
            # Normal March 2024 cases come early in the month, so that only the ones chosen
            # below are answered after the year end.
            received.append(
                day_in(draw, year, month, last=8 if (year, month) == (2024, 3) else None)
            )
    received.sort()
    idx = list(range(len(received)))
    march = [i for i in idx if received[i] >= date(2024, 3, 1)]
    crossing = march[-7:]  # received in March 2024, answered in April 2024
    for i in crossing:
        received[i] = date(2024, 3, 20 + crossing.index(i))
    rest = [i for i in idx if i not in crossing]
    special = draw.sample(rest, 20)
    refused_out, refused_in, withdrawn = special[:10], special[10:13], special[13:20]
    normal = [i for i in rest if i not in special]  # 366 in-year responses
    plans: dict[int, dict[str, object]] = {i: {} for i in idx}
    # 312 on time in all among the 370 normal responses (366 here + 4 from March 2023).
    # Late and extended responses come from complaints received early enough to be answered
    # within the year, so that the seven chosen above are the only ones that cross it.
    extended = draw.sample([i for i in normal if received[i] < date(2024, 2, 1)], 5)
    for k, i in enumerate(extended):
        plans[i]["ext"] = 15 if k == 0 else 10
    others = [i for i in normal if i not in extended]
    late = draw.sample([i for i in others if received[i] < date(2024, 2, 15)], 57)
    # 57 + the over-limit extension = 58 late; 366 - 58 + 4 from March 2023 = 312 on time.
    late_ack = draw.sample(idx, 14)

    for i in idx:
        r = received[i]
        plan = plans[i]
        ext = plan.get("ext")
        row: dict[str, str] = {}
        if i in crossing:
            ack = r + timedelta(days=1)
            row = {
                "received": r.isoformat(),
                "stage1_acknowledged": ack.isoformat(),
                "stage1_responded": CAL.add(date(2024, 3, 31), draw.between(1, 5)).isoformat(),
            }
        elif i in refused_out or i in refused_in:
            ack = r + timedelta(days=draw.between(0, 3))
            row = {
                "received": r.isoformat(),
                "stage1_acknowledged": ack.isoformat(),
                "stage1_responded": CAL.add(ack, draw.between(1, 5)).isoformat(),
                "refused": "yes",
            }
            if i in refused_out:
                row["refusal_reason"] = draw.weighted(OUTSIDE_POLICY)
                row["refusal_within_policy"] = "no"
            else:
                row["refusal_reason"] = WITHIN_POLICY[refused_in.index(i)]
                row["refusal_within_policy"] = "yes"
        elif i in withdrawn:
            row = {
                "received": r.isoformat(),
                "stage1_acknowledged": (r + timedelta(days=draw.between(0, 3))).isoformat(),
                "outcome": "withdrawn",
            }
        else:
            row = stage1(
                draw,
                r,
                on_time=i not in late,
                ext=ext if isinstance(ext, int) else None,
                late_ack=i in late_ack,
            )
        row["category"] = _category(draw, r)
        rows.append(row)

    # Stage 2: 37 answered within the year, 2 asked for in March 2024 and answered in April.
    candidates = [
        i
        for i in normal
        if i not in extended and date.fromisoformat(rows[i]["stage1_responded"]) < date(2024, 1, 15)
    ]
    escalated = draw.sample(candidates, 37)
    # 15 late: 22 of these 37 on time, + 3 from the previous year's requests = 25 of 40.
    s2_late = set(draw.sample(escalated, 15))
    s2_ext = draw.sample([i for i in escalated if i not in s2_late], 2)
    for i in escalated:
        done = date.fromisoformat(rows[i]["stage1_responded"])
        asked = done + timedelta(days=draw.between(3, 20))
        rows[i].update(
            stage2(draw, asked, on_time=i not in s2_late, ext=10 if i in s2_ext else None)
        )
    in_march = set(march)
    march_s2 = [i for i in normal if i in in_march and i not in late and i not in extended]
    for n, i in enumerate(march_s2[:2]):
        asked = date(2024, 3, 26 + n)
        rows[i].update(
            {
                "stage2_requested": asked.isoformat(),
                "stage2_acknowledged": (asked + timedelta(days=1)).isoformat(),
                "stage2_responded": CAL.add(asked, 12).isoformat(),
            }
        )
    # Outcomes: 272 of the 373 decided complaints upheld or partly upheld.
    decided = [i for i in idx if i not in refused_out + refused_in + withdrawn]
    upheld = draw.sample(decided, 272)
    partly = set(draw.sample(upheld, 122))
    for i in decided:
        if i in upheld:
            rows[i]["outcome"] = "partly upheld" if i in partly else "upheld"
            if draw.below(4) == 0:
                rows[i]["remedy_amount"] = REMEDIES[draw.below(len(REMEDIES))]
        else:
            rows[i]["outcome"] = "not upheld"
    rows[escalated[0]]["ombudsman_determination"] = "maladministration (provisional; appealed)"

    # From the previous year: 4 stage 1 complaints received in March 2023 and answered in
    # April 2023 (on time: they are part of the 312), 2 stage 2 requests made in March 2023
    # and answered in April 2023 (on time), and one stage 2 request made in April 2023 for a
    # complaint whose stage 1 dates are not in the file ("stage 2 without stage 1 data").
    for n in range(4):
        r = date(2023, 3, 27 + n)
        ack = r + timedelta(days=1)
        answered = CAL.add(ack, 8)
        assert answered >= START, "must be answered in the report's year"
        row = {
            "received": r.isoformat(),
            "stage1_acknowledged": ack.isoformat(),
            "stage1_responded": answered.isoformat(),
            "category": _category(draw, r),
            "outcome": "not upheld" if n % 2 else "upheld",
        }
        rows.append(row)
    for n in range(2):
        r = date(2023, 1, 9 + n)
        ack = r + timedelta(days=1)
        s1 = CAL.add(ack, 9)
        row = {
            "received": r.isoformat(),
            "stage1_acknowledged": ack.isoformat(),
            "stage1_responded": s1.isoformat(),
            "category": "Repairs",
            "outcome": "partly upheld",
        }
        row.update(stage2(draw, date(2023, 3, 27 + n), on_time=True))
        rows.append(row)
    row = {"received": "2023-02-14", "category": "Neighbourhood and tenancy", "outcome": "upheld"}
    row.update(stage2(draw, date(2023, 4, 17), on_time=True))
    rows.append(row)

    rows.sort(key=lambda row: (row["received"], row.get("stage1_acknowledged", "")))
    for n, row in enumerate(rows, 1):
        row["reference"] = f"CMP-{n:04d}"
    return rows


def _category(draw: Draw, received: date) -> str:
    # The grass-cutting season: most of the May to July complaints are about grounds.
    if date(2023, 5, 1) <= received <= date(2023, 7, 31) and draw.below(2) == 0:
        return "Grounds and estate maintenance"
    return draw.weighted(CATEGORIES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "examples" / "cases-2023-24.csv")
    args = parser.parse_args()
    rows = build()
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in COLUMNS})
    print(f"wrote {len(rows)} complaints to {args.out}")


if __name__ == "__main__":
    main()
