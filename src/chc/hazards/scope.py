"""Which phase of Awaab's Law covers a hazard report, from the regime's dated scope table.

A report before the regime came into force, a hazard kind no track covers, or a planned
phase without a start date the user names is an error that says what to do; a planned phase
with a named start gives deadlines marked provisional (assumption AL-PHASE-TWO).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from chc.errors import InputError
from chc.hazards.regime import Regime, ScopeRow


class Scope(NamedTuple):
    phase: int
    provisional: bool
    row: ScopeRow
    kind: str | None
    """The hazard's kind; on the significant track, damp_and_mould unless another is named."""


def resolve_scope(
    regime: Regime, track: str, kind: str | None, aware: date, phase_start: date | None
) -> Scope:
    if aware < regime.in_force_from:
        raise InputError(
            f"--aware: {aware.isoformat()} is before Awaab's Law came into force "
            f"({regime.in_force_from.isoformat()}); for a hazard reported earlier the duties "
            "start when it is reported again, or changes materially, on or after that day"
        )
    if kind is not None and kind not in regime.kinds():
        raise InputError(
            f"--hazard: unknown kind {kind!r}; the kinds are {', '.join(regime.kinds())}"
        )
    if kind is None and track == "significant":
        kind = "damp_and_mould"
    rows = [r for r in regime.scope if r.track == track and r.covers(kind)]
    for r in rows:
        if r.status == "in_force" and r.in_force_from is not None and r.in_force_from <= aware:
            return Scope(r.phase, False, r, kind)
    planned = [r for r in rows if r.status == "planned"]
    if not planned:
        raise InputError(f"--hazard: {kind} is not covered on the {track} track")
    row = planned[0]
    if phase_start is None:
        raise InputError(
            f"--hazard: {kind} joins the {track} track in phase {row.phase}, planned for "
            f"{row.planned} with no confirmed start date; give --phase-start DATE for "
            "provisional deadlines from the date you take it to apply"
        )
    if aware < phase_start:
        raise InputError(
            f"--aware: {aware.isoformat()} is before the --phase-start date "
            f"{phase_start.isoformat()}, so phase {row.phase} would not yet apply"
        )
    return Scope(row.phase, True, row, kind)
