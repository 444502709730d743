"""`chc codes`: list the editions, show one, show a provision, name the one in force."""

from __future__ import annotations

from typing import Annotated

import typer

from chc.cli.app import ForceOpt, Format, OutputOpt, app, emit, handles_errors, show


@app.command("codes")
@handles_errors
def codes_command(
    edition: Annotated[
        str | None,
        typer.Argument(
            help="An edition (2020, 2022, 2024) or the path of a Code file.", metavar="EDITION"
        ),
    ] = None,
    provision: Annotated[
        str | None, typer.Argument(help="One provision id, e.g. 6.3.", metavar="PROVISION")
    ] = None,
    section: Annotated[int | None, typer.Option("--section", help="Only this section.")] = None,
    obligation: Annotated[
        str | None, typer.Option("--obligation", help="Only 'must' or only 'should' provisions.")
    ] = None,
    topic: Annotated[
        str | None, typer.Option("--topic", help="Only provisions with this topic, e.g. timescale.")
    ] = None,
    for_date: Annotated[
        str | None,
        typer.Option(
            "--for-date",
            help="Name the edition in force on DATE (a complaint received then).",
            metavar="DATE",
        ),
    ] = None,
    checks: Annotated[
        bool, typer.Option("--checks", help="Show the machine checks of each provision.")
    ] = False,
    kinds: Annotated[
        bool,
        typer.Option(
            "--check-kinds", help="Describe every check kind a Code file can use, and stop."
        ),
    ] = False,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text or json.")] = Format.text,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """List the Code editions, show an edition's provisions, or one provision.

    With no EDITION, lists the editions. With EDITION, shows its timescales and provisions
    (filter with --section, --obligation, --topic). With EDITION and PROVISION, shows one
    provision in full with its counterpart in the previous and next edition. A Code file of
    your own is validated the same way as the shipped ones.

    Examples:

      chc codes

      chc codes 2024 --section 6 --obligation must

      chc codes 2024 6.3

      chc codes --for-date 2023-05-01 --format json

      chc codes 2024 --checks

      chc codes --check-kinds
    """
    from chc.codes import shapes as codes_json
    from chc.codes.choice import edition_for_date
    from chc.codes.loading import builtin_editions, load_edition
    from chc.errors import InputError
    from chc.output import dumps_json

    if obligation is not None and obligation not in ("must", "should"):
        raise InputError(f"--obligation must be 'must' or 'should', not {obligation!r}")
    if kinds:
        from chc.policy.checks import KINDS

        docs = [
            {
                "kind": k.name,
                "summary": k.summary,
                "params": k.params,
                "fails": k.fails,
                "passes": k.passes,
            }
            for k in KINDS.values()
        ]
        if fmt is Format.json:
            return emit(dumps_json({"kinds": docs}), output, force)
        lines = []
        for k in KINDS.values():
            lines.append(f"{k.name}\n  {k.summary}")
            lines.extend(f"  parameter {name}: {meaning}" for name, meaning in k.params.items())
            lines.append(f"  fails:  {k.fails}\n  passes: {k.passes}\n")
        return emit("\n".join(lines), output, force)
    if for_date is not None:
        from chc.dates import parse_date

        day = parse_date(for_date, "--for-date")
        e = edition_for_date(day)
        data = codes_json.for_date_json(day, e)
        if fmt is Format.json:
            return emit(dumps_json(data), output, force)
        text = (
            f"On {day.isoformat()} the {e.edition} edition was in force "
            f"({e.title}, from {e.in_force_from.isoformat()}"
            f"{' to ' + e.in_force_to.isoformat() if e.in_force_to else ''}).\n"
        )
        return emit(text, output, force)
    if edition is None:
        rows = [codes_json.edition_summary(e) for e in builtin_editions()]
        if fmt is Format.json:
            return emit(dumps_json({"editions": rows}), output, force)
        from chc.terminal.codes import editions_table

        return show(editions_table(rows), output, force)
    e = load_edition(edition)
    if provision is not None:
        p = e.provision(provision)
        if p is None:
            near = [q.id for q in e.provisions if q.id.startswith(provision.split(".")[0] + ".")]
            hint = (
                f"; section {provision.split('.')[0]} has {near[0]} to {near[-1]}" if near else ""
            )
            raise InputError(f"the {e.edition} edition has no provision {provision!r}{hint}")
        detail = codes_json.provision_detail(e, p)
        if fmt is Format.json:
            return emit(dumps_json(detail), output, force)
        from chc.terminal.codes import provision_view

        return show(provision_view(detail), output, force)
    chosen = [
        p
        for p in e.provisions
        if (section is None or p.section == section)
        and (obligation is None or p.obligation == obligation)
        and (topic is None or topic in p.topics)
    ]
    if section is not None and e.section(section) is None:
        raise InputError(
            f"the {e.edition} edition has no section {section}; it has "
            f"{', '.join(str(s.number) for s in e.sections)}"
        )
    data = codes_json.edition_json(e, chosen)
    if fmt is Format.json:
        return emit(dumps_json(data), output, force)
    from chc.terminal.codes import edition_view

    return show(edition_view(data, show_checks=checks), output, force)
