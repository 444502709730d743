"""The report's figures defined once: key, name, definition and meaning, one row per figure.

docs/report.md's "Figures" table is :func:`markdown_table` of these rows (a test holds the
page to it, and ``pytest --update-golden`` rewrites the page's table), and the report's
closing Method explains each figure with its row's ``meaning``. A test also holds the rows
to the keys :func:`chc.report.figures.build` computes: a figure added there needs a row here.

Two texts per row, for two readers: ``definition`` is exact and names the case file's
columns and chc's options, for whoever checks the numbers; ``meaning`` is for a board
paper, which names neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Definition:
    """One row: the figure keys it defines (both stages where the figure has two)."""

    keys: tuple[str, ...]
    figure: str  # a short name (Markdown)
    definition: str  # exact, naming columns and options (Markdown)
    meaning: str  # plain words for a board (plain text)

    def __post_init__(self) -> None:
        if not self.keys:
            raise ValueError(f"a figure definition needs a key: {self.figure!r}")


def _stages(base: str) -> tuple[str, ...]:
    return (f"{base}_stage1", f"{base}_stage2")


DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        _stages("received"),
        "Stage 1 and stage 2 complaints received",
        "stage 1: complaints whose `received` date is in the period; stage 2: complaints "
        "whose `stage2_requested` date is in the period, whenever stage 1 was; whatever "
        "their outcome, refused and withdrawn included",
        "Complaints received at that stage in the period (for stage 2, requests to "
        "escalate), whatever their outcome, including those declined or withdrawn.",
    ),
    Definition(
        _stages("ch01"),
        "**CH01** per 1,000 homes",
        "complaints received at that stage in the period / `--homes` × 1,000, one decimal. "
        "Numerator: complaints; denominator: homes",
        "The Regulator's measure CH01: complaints received at that stage for every "
        "1,000 homes the landlord owns.",
    ),
    Definition(
        _stages("ch02"),
        "**CH02** responded to within the Code's timescale",
        "of the complaints at that stage **responded to in the period** (whenever received), "
        "the share whose response date is on or before the due date; a response inside an "
        "extension the Code permits is on time. Refused and withdrawn complaints as the "
        "rules below say",
        "The Regulator's measure CH02: of the replies given at that stage in the "
        "period, the share given on or before the date the Code sets, counting any extension "
        "the Code allows.",
    ),
    Definition(
        _stages("days_mean"),
        "average working days to respond",
        "working days from receipt (stage 1) or the escalation request (stage 2) to the "
        "response, over the responses counted in CH02 that have a response date, refusals "
        "left out; numerator: total working days, denominator: responses",
        "The average number of working days from the complaint (or the request "
        "to escalate) to the reply.",
    ),
    Definition(
        _stages("days_median"),
        "median working days to respond",
        "the middle value of the same counts (mean of the two middle values when their "
        "number is even)",
        "The middle of the same working-day counts: half the replies took longer, half less.",
    ),
    Definition(
        _stages("extended"),
        "responses given after an extension",
        "of the responses counted in CH02 (refusals left out), those with an extension recorded",
        "Of the replies, those given after the landlord extended the time to reply.",
    ),
    Definition(
        _stages("beyond_limit"),
        "extensions longer than the Code's limit",
        "of those extended responses, those whose extension is longer than the edition's "
        "limit (2022: 10 working days at both stages; 2024: 10 at stage 1, 20 at stage 2); "
        "the definition also says how many were answered inside the extension given but "
        "after the limit",
        "Of the extended replies, those whose extension was longer than the "
        "Code allows without good reason.",
    ),
    Definition(
        _stages("ack_on_time"),
        "acknowledgements on time",
        "of the complaints received at that stage in the period whose acknowledgement was due "
        "by the period's end, those acknowledged on or before the due date; a missing "
        "acknowledgement date counts as not on time. `n/a` where the edition sets no "
        "acknowledgement timescale (the 2022 Code at stage 2)",
        "Of the complaints whose acknowledgement was due in the period, those "
        "acknowledged on time; an acknowledgement with no date recorded counts as late.",
    ),
    Definition(
        ("refused",),
        "complaints refused",
        "`refused = yes`, counted at the last stage asked for, when the refusal's response "
        "date (else its request date) is in the period",
        "Complaints the landlord declined to take on or escalate.",
    ),
    Definition(
        ("refused_counted_late",),
        "refused complaints counted as not on time",
        "of those, the ones counted in CH02 as not on time under `--refused-count-as`",
        "Of the complaints declined, those counted in CH02 as replies not given on time.",
    ),
    Definition(
        ("withdrawn",),
        "withdrawn complaints left out of CH02",
        "`outcome = withdrawn` at a stage asked for or answered in the period, under "
        "`--withdrawn-count-as excluded`",
        "Complaints the resident withdrew.",
    ),
    Definition(
        ("escalation_rate",),
        "stage 2 requests as a share of stage 1 complaints",
        "stage 2 requests in the period / stage 1 complaints received in the period (not the "
        "same complaints; the ratio boards usually see)",
        "Requests to escalate to stage 2 for every 100 stage 1 complaints "
        "received (the two are not the same complaints).",
    ),
    Definition(
        ("upheld_rate",),
        "upheld or partly upheld",
        "of the complaints received in the period with an outcome of upheld, partly upheld or "
        "not upheld, those upheld or partly upheld",
        "Of the complaints with a decision of upheld, partly upheld or not "
        "upheld, those upheld in whole or in part.",
    ),
    Definition(
        ("remedies",),
        "remedy payments",
        "the total of `remedy_amount` over complaints received in the period; denominator: "
        "how many had a payment",
        "The total of payments made to put things right, over the complaints "
        "received in the period.",
    ),
    Definition(
        ("open_at_end",),
        "still open at the period's end",
        "complaints whose latest stage asked for by the period's end had no response by then "
        "(withdrawn and refused left out), whenever received",
        "Complaints still waiting for a reply at the end of the period.",
    ),
    Definition(
        ("overdue_at_end",),
        "of those, past their due date",
        "with the due date including any extension the Code permits",
        "Of those, the ones already past the date the Code sets.",
    ),
)


@cache
def by_key() -> dict[str, Definition]:
    """Each figure key's row; a key in two rows is a mistake in the table."""
    rows: dict[str, Definition] = {}
    for row in DEFINITIONS:
        for key in row.keys:
            if key in rows:
                raise ValueError(f"figure key {key!r} is defined twice")
            rows[key] = row
    return rows


def meaning(key: str) -> str | None:
    """The plain-words meaning of a figure (``ch02_stage1`` -> CH02's), None if unknown."""
    row = by_key().get(key)
    return None if row is None else row.meaning


def _cell(text: str) -> str:
    # The texts are ours, but a pipe or a line break would still split a row of the table.
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table() -> str:
    """docs/report.md's "Figures" table: a header and a row per definition, each line ended."""
    lines = ["| key | figure | definition |", "|---|---|---|"]
    for row in DEFINITIONS:
        keys = ", ".join(f"`{key}`" for key in row.keys)
        lines.append(f"| {keys} | {_cell(row.figure)} | {_cell(row.definition)} |")
    return "\n".join(lines) + "\n"
