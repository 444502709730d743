"""`chc codes` for people: the editions, an edition's provisions, one provision."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from chc.codes.citations import Citations
from chc.codes.timetable import SourceRef
from chc.terminal.console import labelled, source_lines
from chc.words import START_WORDS, in_words, key_words

if TYPE_CHECKING:
    from chc.codes.shapes import (
        EditionJSON,
        EditionSummary,
        ForDate,
        ProvisionDetail,
        SourceJSON,
        TimescaleJSON,
    )
    from chc.policy.checks import KindDoc


def _citations(sources: Iterable[SourceJSON]) -> Citations:
    """The sources the notes shown cite, numbered as they are cited (never by data key)."""
    return Citations.of_sources(SourceRef(**s) for s in sources)


def _sources_cited(cites: Citations) -> list[RenderableType]:
    if not cites.cited:
        return []
    head = Text("\nSources cited in the notes", style="bold")
    return [head, *source_lines(cites.listing())]


def editions_table(rows: list[EditionSummary]) -> RenderableType:
    table = Table(title="Complaint Handling Code editions", title_justify="left")
    for heading in ("edition", "title", "in force from", "to", "provisions", "must", "should"):
        table.add_column(
            heading, justify="right" if heading in {"provisions", "must", "should"} else "left"
        )
    for r in rows:
        table.add_row(
            r["edition"],
            escape(r["title"]),
            r["in_force_from"],
            r["in_force_to"] or "in force",
            str(r["provisions"]),
            str(r["must"]),
            str(r["should"]),
        )
    return table


def _start(event: str) -> str:
    """The clock's start as a person says it ("acknowledgement"), not its key; a Code file's
    event chc has no words for is shown with its underscores as spaces."""
    return START_WORDS.get(event, event.replace("_", " "))


def _timescales(rows: list[TimescaleJSON], cites: Citations) -> RenderableType:
    table = Table(title="Timescales", title_justify="left")
    for heading in ("event", "limit", "counted from", "provision", "note"):
        # The event and its start, said in words, wrap between words; the figures never do.
        table.add_column(heading, no_wrap=heading not in {"event", "counted from"})
    notes: list[RenderableType] = []
    for t in rows:
        mark = ""
        if t["note"]:
            note = in_words(t["note"]) + cites.marks(t["cites"])
            text = f"({len(notes) + 1}) {key_words(t['key'])}: {note}"
            notes.append(Text(text, style="dim"))
            mark = f"({len(notes)})"
        table.add_row(
            key_words(t["key"]),
            f"{t['amount']} {t['unit'].replace('_', ' ')}",
            _start(t["from"]),
            t["provision"],
            mark,
        )
    return Group(table, *notes)


def edition_view(data: EditionJSON, *, show_checks: bool = False) -> RenderableType:
    head = Text.assemble(
        (f"{data['title']}", "bold"),
        f"  (edition {data['edition']}, {data['publisher']}, published {data['published']}; "
        f"in force {data['in_force_from']} to {data['in_force_to'] or 'now'}; "
        f"{'statutory' if data['statutory'] else 'not statutory'})",
    )
    parts: list[RenderableType] = [head]
    cites = _citations(data["sources"])
    if data["note"]:
        parts.append(Text(in_words(data["note"]) + cites.marks(data["cites"]), style="dim"))
    if data["timescales"]:
        parts.append(_timescales(data["timescales"], cites))
    titles = {s["number"]: s["title"] for s in data["sections"]}
    table = Table(title="Provisions", title_justify="left", show_lines=False)
    table.add_column("id", no_wrap=True)
    table.add_column("level", no_wrap=True)
    table.add_column("summary", overflow="fold", ratio=3)
    table.add_column("topics", overflow="fold", ratio=1)
    if show_checks:
        table.add_column("checks", overflow="fold", ratio=1)
    section = None
    for p in data["provisions"]:
        if p["section"] != section:
            section = p["section"]
            table.add_section()
            row: list[RenderableType] = [
                "",
                "",
                Text(f"Section {section}: {titles.get(section, '')}", style="bold"),
                "",
            ]
            if show_checks:
                row.append("")
            table.add_row(*row)
        level = p["obligation"] or "(not assessed)"
        style = {"must": "bold", "should": ""}.get(p["obligation"] or "", "dim")
        summary = escape(p["summary"])
        if p["note"]:
            summary += " [dim](note)[/dim]"
        cells: list[RenderableType] = [
            p["id"],
            Text(level, style=style),
            summary,
            ", ".join(p["topics"]),
        ]
        if show_checks:
            cells.append(", ".join(str(c["kind"]) for c in p["checks"]) or "-")
        table.add_row(*cells)
    parts.append(table)
    parts.append(
        Text(
            f"{len(data['provisions'])} provision(s) shown; `chc codes {data['edition']} ID` "
            "shows one in full.",
            style="dim",
        )
    )
    parts.extend(_sources_cited(cites))
    return Group(*parts)


def provision_view(data: ProvisionDetail) -> RenderableType:
    p = data["provision"]
    cites = _citations(data["sources"])
    lines: list[RenderableType] = []
    meta = f"obligation: {p['obligation'] or 'not self-assessed'}"
    if p["wording"]:
        meta += f"   wording: {', '.join(p['wording'])}"
    if p["stage"]:
        meta += f"   stage: {p['stage']}"
    meta += f"   topics: {', '.join(p['topics']) or '-'}"
    lines.append(Text(meta))
    lines.append(Text(""))
    lines.append(Text(p["summary"]))
    if p["note"]:
        lines.append(
            Text(f"\nNote: {in_words(p['note'])}{cites.marks(p['cites'])}", style="italic")
        )
    for t in data["timescales"]:
        lines.append(
            Text(
                f"\nTimescale, {key_words(t['key'])}: {t['amount']} {t['unit'].replace('_', ' ')} "
                f"from {_start(t['from'])}"
            )
        )
        if t["note"]:
            lines.append(Text(f"Note: {in_words(t['note'])}{cites.marks(t['cites'])}", style="dim"))
    for q in data["previously"]:
        lines.append(
            Text(
                f"\nPreviously {q['edition']} {q['id']} ({q['obligation'] or 'not assessed'}): "
                f"{q['summary']}",
                style="dim",
            )
        )
    for q in data["later"]:
        lines.append(Text(f"\nBecame {q['edition']} {q['id']}: {q['summary']}", style="dim"))
    if p["checks"]:
        lines.append(Text("\nChecks: " + ", ".join(str(c["kind"]) for c in p["checks"])))
    lines.extend(_sources_cited(cites))
    title = f"{data['edition']} {p['id']}" + (f": {p['title']}" if p["title"] else "")
    # No box around it: a box crops what it holds at its edge, and a source's address,
    # kept whole on its own line, would be cut short there.
    return Group(Text(title, style="bold"), *lines)


def regimes_table(rows: list[dict[str, Any]]) -> RenderableType:
    table = Table(title="Other regimes (chc hazards)", title_justify="left")
    # "assumed", not the JSON's "unverified": a person reads how many steps rest on what chc
    # assumes (each stated under `chc codes REGIME`), not how the research went.
    for heading in ("regime", "title", "in force from", "steps", "assumed"):
        table.add_column(heading, justify="right" if heading in {"steps", "assumed"} else "left")
    for r in rows:
        table.add_row(
            r["regime"],
            escape(r["title"]),
            r["in_force_from"],
            str(r["step_count"]),
            str(r["unverified"]),
        )
    return table


def _long_date(iso: str) -> str:
    """``2025-10-27`` -> ``27 October 2025``."""
    from datetime import date

    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _step_lines(s: dict[str, Any]) -> list[RenderableType]:
    """One step as a complaints officer says it: its name, limit, what it counts from and
    what ends it, what it requires, and what in it is not yet confirmed."""
    from chc.hazards.words import EVENT_WORDS, UNIT_WORDS, step_words

    def said(event: str) -> str:
        return EVENT_WORDS.get(event, event.replace("_", " "))

    limit = f"{s['limit']} {UNIT_WORDS.get(s['unit'], s['unit'])}"
    lines: list[RenderableType] = [
        labelled("", f"{step_words(s['key'])}: {limit} from {said(s['from'])}", "bold", indent=2),
        labelled("done when: ", s["ends_text"], indent=4),
    ]
    if s["stopped_by"]:
        stops = _or([said(e) for e in s["stopped_by"]])
        lines.append(labelled("stops applying on: ", stops, indent=4))
    if s["waived_by"]:
        lines.append(labelled("not needed: ", f"if {said(s['waived_by'])} within it", indent=4))
    lines.append(labelled("", s["summary"], indent=4))
    if s["confidence"] == "unverified":
        lines.append(
            labelled("", "Not yet confirmed: chc assumes this step (below).", "dim", indent=4)
        )
    elif s["start_confidence"] == "unverified":
        lines.append(
            labelled(
                "", "The limit is confirmed; what it counts from is not: chc assumes it (below).",
                "dim", indent=4,
            )
        )  # fmt: skip
    return lines


def regime_view(data: dict[str, Any]) -> RenderableType:
    """The Awaab's Law regime for a person: each step by name, its limit, what it counts
    from and what ends it; the scope; the open points as what chc assumes. Step keys,
    assumption ids and the sources' tiers stay in --format json."""
    from chc.hazards.words import hazard_words
    from chc.terminal.hazard_log import TRACK_NAMES

    head = Text.assemble(
        (data["title"], "bold"),
        # On a line of its own, not in brackets: the instrument's text holds its own.
        f"\n{data['instrument']}; in force from {_long_date(data['in_force_from'])}; times "
        "are UK time.",
    )
    steps: list[RenderableType] = [Text("\nSteps", style="bold")]
    track = None
    for s in data["steps"]:
        if s["track"] != track:
            track = s["track"]
            steps.append(Text(TRACK_NAMES.get(track, track), style="bold"))
        steps.extend(_step_lines(s))
    scope = Table(title="Which hazards", title_justify="left")
    for heading in ("phase", "clock", "from", "hazards"):
        scope.add_column(heading, overflow="fold")
    for row in data["scope"]:
        kinds = row["kinds"] or row["all_except"]
        # "; " between them: some names hold a comma ("domestic hygiene, pests and refuse").
        hazards = "; ".join(hazard_words(k) for k in kinds)
        hazards = hazards if row["kinds"] else "all except " + hazards
        when = (
            _long_date(row["in_force_from"])
            if row["in_force_from"]
            else f"planned for {row['planned']}, no date confirmed"
        )
        name = "24 hours" if row["track"] == "emergency" else "working days"
        scope.add_row(str(row["phase"]), name, when, hazards)
    open_points: list[RenderableType] = [
        Text("\nOpen points: what chc assumes until they are settled", style="bold")
    ]
    open_points += [labelled("- ", a["text"], indent=2) for a in data["assumptions"]]
    return Group(head, Text(in_words(data["note"]), style="dim"), *steps, scope, *open_points)


def kinds_view(data: dict[str, list[KindDoc]]) -> RenderableType:
    """``chc codes --check-kinds``: each kind, its parameters and examples, wrapped under
    their own indent."""
    parts: list[RenderableType] = []
    for k in data["kinds"]:
        parts.append(Text(k["kind"], style="bold"))
        parts.append(labelled("", k["summary"], indent=2))
        parts.extend(
            labelled(f"parameter {name}: ", meaning, indent=2)
            for name, meaning in k["params"].items()
        )
        parts.append(labelled("fails:  ", k["fails"], indent=2, hang=8))
        parts.append(labelled("passes: ", k["passes"], indent=2, hang=8))
        parts.append(Text(""))
    return Group(*parts)


def for_date_view(data: ForDate) -> RenderableType:
    """``chc codes --for-date``: the edition in force that day, in one sentence."""
    to = f" to {data['in_force_to']}" if data["in_force_to"] else ""
    return Text(
        f"On {data['date']} the {data['edition']} edition was in force "
        f"({data['title']}, from {data['in_force_from']}{to})."
    )
