"""A repairs log's fields: the hazard log's table for chc's one case-file reader.

A log exported from a repairs system has one row per hazard report. Its headers are placed
by :mod:`chc.caseload.columns` exactly as a complaints case file's are (the field's own
name, any case or spacing; the aliases below; a ``--columns`` file), and a header that
resembles a field but matches none stops the run. The event cells are kept as text here
and read by :mod:`chc.hazards.log` as a date or a date and time, UK time, because a 24-hour
clock needs the time and the reader's date columns drop it.
"""

from __future__ import annotations

from chc.caseload.columns import normalise
from chc.caseload.fields import FieldTable
from chc.hazards.regime import HAZARD_EVENTS

MOMENTS: tuple[str, ...] = (*HAZARD_EVENTS, "access_attempts")
"""The cells read as a date or a date and time (``access_attempts``: one or more)."""

# Headers repairs systems use, as people type them; normalised when the table is built.
_ALIASES: dict[str, str] = {
    "reference": "job ref, job reference, job number, job no, work order, works order, "
    "repair ref, repair reference, report ref, report reference, case ref, case reference, "
    "hazard ref, hazard reference, ref",
    "track": "hazard track, awaab track, awaabs track, awaabs law track, clock",
    "hazard": "hazard type, hazard kind, kind of hazard, hhsrs hazard",
    "aware": "date aware, aware date, aware at, became aware, awareness, reported, "
    "date reported, reported date, reported at, report date, date logged, logged, "
    "logged date, logged at, date raised, raised",
    "concluded": "investigation concluded, investigated, date investigated, "
    "investigation date, investigation completed, inspected, date inspected, "
    "inspection date, inspection completed",
    "summary_sent": "summary, written summary, summary date, date summary sent, "
    "summary issued, written summary sent",
    "made_safe": "date made safe, made safe date, make safe date, make safe completed, "
    "made safe at",
    "works_begun": "further works begun, works begun date, date works begun, works ordered, "
    "date works ordered",
    "works_started": "further works started, works start date, date works started, "
    "start on site, started on site",
    "works_completed": "works complete, completion date, date completed, works completed date",
    "decanted": "decant, decant date, date decanted, household decanted",
    "consent_refused": "consent refused date, refused consent, date consent refused",
    "no_hazard": "no hazard found, no hazard date, date no hazard found",
    "access_attempts": "access attempt, access attempted, access attempt dates, no access, "
    "no access dates, failed access, failed access dates",
}
ALIASES: dict[str, str] = {
    normalise(alias): name for name, listed in _ALIASES.items() for alias in listed.split(", ")
}
"""Other headers for each field, normalised (documented in docs/hazards.md)."""

# A word in a header nothing matched that makes it a near miss of one field.
_WORDS: dict[str, str] = {
    "ref": "reference",
    "reference": "reference",
    "track": "track",
    "priority": "track",
    "aware": "aware",
    "awareness": "aware",
    "reported": "aware",
    "logged": "aware",
    "investigation": "concluded",
    "investigated": "concluded",
    "inspection": "concluded",
    "inspected": "concluded",
    "summary": "summary_sent",
    "safe": "made_safe",
    "decant": "decanted",
    "decanted": "decanted",
    "consent": "consent_refused",
    "access": "access_attempts",
}
# A word start naming an event of a hazard report: a column so headed that feeds nothing
# stops the run, with the fields it may be (left out, its dates would read as "not done").
_STEMS: dict[str, tuple[str, ...]] = {
    "inspect": ("concluded",),
    "investig": ("concluded",),
    "summar": ("summary_sent",),
    "safe": ("made_safe",),
    "work": ("works_begun", "works_started", "works_completed"),
    "complet": ("works_completed", "concluded"),
    "decant": ("decanted",),
    "consent": ("consent_refused",),
    "access": ("access_attempts",),
    "aware": ("aware",),
    "report": ("aware",),
    "due": (),
    "target": (),
}

HAZARD_LOG = FieldTable(
    noun="hazard report",
    text=("reference", "track", "hazard"),
    kept=MOMENTS,
    required=("reference", "track", "aware"),
    header_keys=("reference", "aware"),
    aliases=ALIASES,
    field_words=_WORDS,
    event_stems=_STEMS,
    date_like=MOMENTS,
)
"""The fields of a hazard log (``chc hazards --cases``)."""
