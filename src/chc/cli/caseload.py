"""`chc deadlines --cases`: the caseload half of the deadlines command."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from chc.caseload.frame import BadRow
from chc.caseload.reading import ReadOptions
from chc.cli.app import emit, show
from chc.errors import CaseError, InputError
from chc.workdays import WorkingCalendar

if TYPE_CHECKING:
    from chc.caseload.cases import CaseResult

FORMATS = ("csv", "jsonl", "json", "text")


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
    read: ReadOptions | None = None,
    quiet: bool = False,
) -> None:
    from chc.caseload import cases as caseload
    from chc.output import dumps_json

    fmt = fmt or ("text" if summary else "csv")
    if fmt not in FORMATS:
        raise InputError(
            f"--format {fmt} does not go with --cases; use one of {', '.join(FORMATS)}"
        )
    results, bad = _read_and_process(cases, calendar, as_of, code, skip_bad_rows, read, quiet)
    if fmt == "csv" and not summary:
        emit(caseload.events_csv(results), output, force, (cases,))
        _report_bad(bad, cases, skip_bad_rows)
        return
    inputs = (cases,)
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
    _report_bad(bad, cases, skip_bad_rows)


def _read_and_process(
    cases: Path,
    calendar: WorkingCalendar,
    as_of: date,
    code: str | None,
    skip_bad_rows: bool,
    read: ReadOptions | None,
    quiet: bool,
) -> tuple[list[CaseResult], list[BadRow]]:
    """Read the case file (saying how, unless quiet) and compute every timeline.

    Through the bridge to the scalar path until the columnar engine replaces it.
    """
    import dataclasses

    from chc.caseload import bridge
    from chc.caseload.reading import describe, read_case_file

    options = dataclasses.replace(read or ReadOptions(), skip_bad_rows=skip_bad_rows)
    frame = read_case_file(cases, options)
    results, bad = bridge.process(frame, calendar, as_of, code=code, skip_bad_rows=skip_bad_rows)
    # Said once the file is read and checked, so that a stop stays the one line on stderr.
    if not quiet:
        say(describe(frame))
    if skip_bad_rows and not results:
        _report_bad(bad, cases, skip_bad_rows)
        raise CaseError(
            f"no row could be used: all {len(bad)} row(s) are bad (listed above)", file=cases
        )
    return results, bad


def say(text: str) -> None:
    """One line on stderr, for a person (never part of the output)."""
    from chc.terminal.console import console

    console(stderr=True).print(f"chc: {text}", markup=False, highlight=False, soft_wrap=True)


def _report_bad(bad: list[BadRow], cases: Path, skipping: bool = True) -> None:
    if not bad:
        if skipping:
            say(f"skipped 0 bad rows in {cases}")
        return
    from chc.terminal.console import console

    err = console(stderr=True)
    err.print(f"chc: skipped {len(bad)} bad row(s) in {cases}:", markup=False)
    for b in bad:
        where = f"{cases}:{b.line}" + (f":{b.column}" if b.column else "")
        err.print(f"  {where}: {b.message}", markup=False)
