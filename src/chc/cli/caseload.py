"""`chc deadlines --cases`: the caseload half of the deadlines command."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from chc.caseload.frame import BadRow
from chc.cli.app import emit, show
from chc.errors import InputError
from chc.workdays import WorkingCalendar

if TYPE_CHECKING:
    from chc.caseload.cases import CaseResult

FORMATS = ("csv", "jsonl", "json", "text", "ics")


def run_caseload(
    cases: Path,
    calendar: WorkingCalendar,
    as_of: date,
    code: str | None,
    fmt: str | None,
    summary: bool,
    skip_bad_rows: bool,
    output: Path | None,
    force: bool,
    remind: int | None = None,
) -> None:
    from chc.caseload import cases as caseload
    from chc.output import dumps_json

    fmt = fmt or ("text" if summary else "csv")
    if fmt not in FORMATS:
        raise InputError(
            f"--format {fmt} does not go with --cases; use one of {', '.join(FORMATS)}"
        )
    if fmt == "ics" and summary:
        raise InputError(
            "--summary does not go with --format ics: the calendar holds every open event"
        )
    if fmt == "csv" and not summary:
        # The bulk path: both cores, and no timelines kept in memory.
        text, bad = caseload.process_to_csv(
            cases, calendar, as_of, code=code, skip_bad_rows=skip_bad_rows
        )
        emit(text, output, force, (cases,))
        _report_bad(bad, cases)
        return
    results, bad = caseload.process(cases, calendar, as_of, code=code, skip_bad_rows=skip_bad_rows)
    inputs = (cases,)
    if fmt == "ics":
        _write_ics(results, calendar, as_of, remind, output, force, cases)
        _report_bad(bad, cases)
        return
    head = {
        "as_of": as_of.isoformat(),
        "region": calendar.region,
        "closed": [d.isoformat() for d in sorted(calendar.closed)],
    }
    if summary:
        items = caseload.summary(results, calendar, as_of)
        if fmt == "csv":
            rows = (tuple(caseload.attention_json(a).values()) for a in items)
            text = caseload.to_csv(rows, caseload.SUMMARY_COLUMNS)
        elif fmt == "jsonl":
            import json

            text = "".join(json.dumps(caseload.attention_json(a)) + "\n" for a in items)
        elif fmt == "json":
            text = dumps_json(
                {
                    **head,
                    "cases": len(results),
                    "attention": [caseload.attention_json(a) for a in items],
                    "bad_rows": [b.as_json() for b in bad],
                }
            )
        else:
            from chc.terminal.caseload import summary_view

            show(summary_view(items, len(results), bad, as_of, cases), output, force, inputs)
            return
        emit(text, output, force, inputs)
    elif fmt == "jsonl":
        import json

        emit(
            "".join(json.dumps(caseload.case_json(r), ensure_ascii=False) + "\n" for r in results),
            output,
            force,
            inputs,
        )
    elif fmt == "json":
        emit(
            dumps_json(
                {
                    **head,
                    "cases": [caseload.case_json(r) for r in results],
                    "bad_rows": [b.as_json() for b in bad],
                }
            ),
            output,
            force,
            inputs,
        )
    else:
        from chc.terminal.caseload import cases_view

        show(cases_view(results, bad, as_of, cases), output, force, inputs)
    _report_bad(bad, cases)


def _write_ics(
    results: list[CaseResult],
    calendar: WorkingCalendar,
    as_of: date,
    remind: int | None,
    output: Path | None,
    force: bool,
    cases: Path,
) -> None:
    """Every open due date of every complaint, one calendar (done events left out)."""
    from chc.ics import to_ics

    timelines = (r.timeline for r in results)
    emit(
        to_ics(timelines, as_of=as_of, open_only=True, remind=remind, calendar=calendar),
        output,
        force,
        (cases,),
    )


def _report_bad(bad: list[BadRow], cases: Path) -> None:
    if not bad:
        return
    from chc.terminal.console import console

    err = console(stderr=True)
    err.print(f"chc: skipped {len(bad)} bad row(s) in {cases}:", markup=False)
    for b in bad:
        where = f"{cases}:{b.line}" + (f":{b.column}" if b.column else "")
        err.print(f"  {where}: {b.message}", markup=False)
