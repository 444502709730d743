"""A log's calendar laid out from polars columns: the fast path of
``chc hazards --cases --format ics``.

The bytes are exactly what :func:`chc.hazards.ics.log_ics` writes through icalendar for the
one-report path's results: the same events (a step that no longer needs doing left out),
properties in icalendar's order, TEXT escaped and lines folded as icalendar does. What a
step's rule fixes (its summary words, its description's rule) and what is the same for
every event (the calendar around them, DTSTAMP) are made once; each event's text is then
one ``concat_str`` of columns, a block of steps at a time, so memory stays bounded.
icalendar itself is not imported (0.15 s of start-up, a fifth of the whole budget): user
text that is not printable ASCII is made inert and escaped by the one-report path's own
functions, and a long line of it folded by icalendar, row by row (rare). An agreement test
holds the calendar equal to the one-report path's, byte for byte.
"""

from __future__ import annotations

from datetime import timezone
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    import polars as pl

    from chc.hazards.columns import ColumnLog
    from chc.hazards.regime import Regime
    from chc.hazards.report import Settings

_BLOCK = 50_000
"""Steps per block of text (about 15 MB of calendar)."""
_FOLD = 74
"""icalendar's longest content line, in octets (it folds before the 75th)."""
_SAFE_ASCII = r"^[A-Za-z0-9_.~-]*$"
"""A reference that its UID keeps as it is and TEXT needs no escape for."""
_PRINTABLE = r"^[\x20-\x7e]*$"
_UID_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~-")
_ASCII_QUOTED = [chr(c) for c in range(0x20, 0x7F) if chr(c) not in _UID_SAFE]


def calendar_parts() -> tuple[bytes, bytes]:
    """The calendar's opening and closing lines, as icalendar writes them around events
    (its order: VERSION before PRODID)."""
    from chc.hazards.ics import PRODID

    head = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{PRODID}\r\nCALSCALE:GREGORIAN\r\n"
    return head.encode("utf-8"), b"END:VCALENDAR\r\n"


def _escape(value: str) -> str:
    """TEXT as icalendar escapes it (:func:`icalendar.parser.escape_char`'s steps)."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _escape_column(col: pl.Expr) -> pl.Expr:
    """:func:`_escape` as one expression (in the same order, so nothing is escaped twice)."""
    for old, new in (("\\N", "\n"), ("\\", "\\\\"), (";", "\\;"), (",", "\\,")):
        col = col.str.replace_all(old, new, literal=True)
    for old in ("\r\n", "\n", "\r"):
        col = col.str.replace_all(old, "\\n", literal=True)
    return col


def _fold(line: str) -> str:
    """One content line folded by icalendar itself."""
    from icalendar.parser import Contentline

    # Contentline is icalendar's own folding (what Component.to_ical calls); it has no types.
    folded: bytes = Contentline(line).to_ical()  # type: ignore[no-untyped-call]
    return folded.decode("utf-8")


def _fold_column(lines: pl.Series) -> pl.Series:
    """Each content line folded as icalendar 7 folds it: a line of ASCII a column at a time,
    cut every 74 characters, or 73 where the 74th is a backslash or a caret (kept with the
    character it escapes, on the next line: a calendar such as Google's drops an event
    whose escape is split); a line of other characters by icalendar itself (:func:`_fold`).
    An icalendar before its fix of issue 1501 cuts every 74 characters: the same lines,
    folded at other places."""
    import polars as pl

    octets, characters = lines.str.len_bytes(), lines.str.len_chars()
    folded = lines
    long = ((octets > _FOLD) & (octets == characters)).arg_true()
    if long.len():  # most summaries and UIDs are short: only the long lines are cut
        frame = pl.DataFrame({"rest": lines.gather(long)}).with_columns(pl.lit("").alias("out"))
        rest, out = pl.col("rest"), pl.col("out")
        longest = octets.max()
        assert isinstance(longest, int)
        for _ in range(longest // (_FOLD - 1) + 1):
            cuts = rest.str.len_chars() > _FOLD
            edge = rest.str.slice(_FOLD - 1, 1).is_in(["\\", "^"])
            cut = pl.when(edge).then(_FOLD - 1).otherwise(_FOLD)
            frame = frame.with_columns(
                pl.when(cuts).then(out + rest.str.slice(0, cut) + "\r\n ").otherwise(out + rest)
                .alias("out"),
                pl.when(cuts).then(rest.str.slice(cut)).otherwise(pl.lit("")).alias("rest"),
            )  # fmt: skip
        folded = folded.scatter(long, frame["out"])
    odd = ((octets > _FOLD) & (octets != characters)).arg_true()
    if odd.len():
        by_hand = pl.Series([_fold(v) for v in lines.gather(odd).to_list()], dtype=pl.String)
        folded = folded.scatter(odd, by_hand)
    return folded


def _references(steps: pl.DataFrame) -> pl.DataFrame:
    """Per row, the reference as a summary shows it (made inert, then TEXT) and as a UID
    holds it: a column at a time for printable ASCII, by the one-report path's own
    functions for the rest."""
    import polars as pl

    from chc.ics import safe_reference
    from chc.inert import ics_text

    ref = pl.col("reference")
    if steps["reference"].str.contains(_SAFE_ASCII).all():  # the common log: as they are
        return steps.select(ref.alias("\0shown"), ref.alias("\0uid"))
    ascii_ = ref.str.contains(_PRINTABLE)
    quoted = ref.str.replace_many(_ASCII_QUOTED, [f"%{ord(c):02X}" for c in _ASCII_QUOTED])
    frame = steps.select(
        pl.when(ascii_).then(_escape_column(ref)).alias("\0shown"),
        pl.when(ascii_).then(quoted).alias("\0uid"),
    )
    odd = frame["\0shown"].is_null().arg_true()
    if odd.len():
        values = steps["reference"].gather(odd).to_list()
        shown = [_escape(ics_text(v)) for v in values]
        frame = frame.with_columns(
            frame["\0shown"].scatter(odd, pl.Series(shown, dtype=pl.String)),
            frame["\0uid"].scatter(odd, pl.Series([safe_reference(v) for v in values])),
        )
    return frame


def _per_step(regime: Regime) -> tuple[dict[str, str], dict[str, str]]:
    """Per step key: the summary's words after the reference, and the description's rule
    (both escaped TEXT)."""
    from chc.hazards.words import EVENT_WORDS, UNIT_WORDS, step_words

    words, rules = {}, {}
    for track in ("emergency", "significant"):
        for s in regime.steps_for(track):
            words[s.key] = _escape(f": {step_words(s.key).lower()} (Awaab's Law)")
            rules[s.key] = _escape(
                f"{s.limit} {UNIT_WORDS[s.unit]} from {EVENT_WORDS[s.from_event]} ("
            )
    return words, rules


def _block(steps: pl.DataFrame, regime: Regime, stamp: str) -> bytes:
    """The VEVENTs of a block of steps (those to leave out already filtered away)."""
    import polars as pl

    from chc.hazards.words import STATUS_WORDS

    words, rules = _per_step(regime)
    refs = _references(steps)
    text = {s: _escape(f"); {w.lower()}") for s, w in STATUS_WORDS.items()}
    assumed = _escape("assumed, if it concludes on time")
    at, day = pl.col("\0due at"), pl.col("\0due day")
    lines = steps.hstack(refs).select(
        (pl.lit("SUMMARY:") + pl.col("\0shown") + pl.col("step").replace_strict(words))
        .alias("summary"),
        (pl.lit("UID:") + pl.col("\0uid") + "." + pl.col("step") + "@chc").alias("uid"),
        (
            pl.lit("DESCRIPTION:")
            + pl.col("step").replace_strict(rules)
            + pl.when(pl.col("from_assumed") == "true").then(pl.lit(assumed))
            .otherwise(pl.col("from"))
            + pl.col("status").replace_strict(text)
        ).alias("description"),
        pl.when(at.is_not_null())
        .then(pl.lit("DTSTART:") + at.dt.strftime("%Y%m%dT%H%M%SZ"))
        .otherwise(
            pl.lit("DTSTART;VALUE=DATE:") + day.dt.strftime("%Y%m%d")
            + "\r\nDTEND;VALUE=DATE:" + day.dt.offset_by("1d").dt.strftime("%Y%m%d")
        ).alias("start"),
        pl.when(at.is_null()).then(pl.lit("TRANSP:TRANSPARENT\r\n")).otherwise(pl.lit(""))
        .alias("transp"),
    )  # fmt: skip
    lines = lines.with_columns(
        _fold_column(lines[name]).alias(name) for name in ("summary", "uid", "description")
    )
    events = lines.select(
        pl.concat_str(
            pl.lit("BEGIN:VEVENT\r\n"), pl.col("summary"), pl.lit("\r\n"), pl.col("start"),
            pl.lit(f"\r\nDTSTAMP:{stamp}\r\n"), pl.col("uid"), pl.lit("\r\n"),
            pl.col("description"), pl.lit("\r\n"), pl.col("transp"), pl.lit("END:VEVENT\r\n"),
        ).str.join("").cast(pl.Binary)
    )  # fmt: skip
    data: bytes = events.item()  # encoded by polars: no second copy made in Python
    return data


def write_ics(computed: ColumnLog, regime: Regime, settings: Settings, handle: BinaryIO) -> None:
    """The log's calendar, as :func:`chc.hazards.ics.log_ics` writes it, to ``handle``."""
    import polars as pl

    from chc.errors import InputError

    steps = computed.steps
    missing = steps["reference"].is_null() | (steps["reference"] == "")
    if missing.any():
        raise InputError(
            "a calendar needs the report's reference (give --reference REF), so that its "
            "events do not overwrite another report's"
        )
    stamp = settings.as_of.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    kept = steps.select(
        "reference", "step", "status", "from", "from_assumed", "\0due at", "\0due day"
    ).filter(~pl.col("status").is_in(["stopped", "not_required"]))
    head, tail = calendar_parts()
    handle.write(head)
    for start in range(0, kept.height, _BLOCK):
        handle.write(_block(kept.slice(start, _BLOCK), regime, stamp))
    handle.write(tail)
