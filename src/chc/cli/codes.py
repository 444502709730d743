"""`chc codes`: list the editions, show one, show a provision, name the one in force."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, TypeAlias, TypedDict, TypeVar

import typer

from chc.cli.app import ForceOpt, OutputOpt, app, format_choice, handles_errors
from chc.cli.options import Destination

if TYPE_CHECKING:
    from rich.console import RenderableType

    from chc.codes.assumptions import AssumptionsJSON
    from chc.codes.shapes import EditionJSON, EditionSummary, ForDate, ProvisionDetail
    from chc.policy.checks import KindDoc

D = TypeVar("D")

# What a formatter makes: text for a file or a pipe, or a view for the terminal.
Shown: TypeAlias = "str | RenderableType"


@dataclass(frozen=True)
class _Out:
    """How a view is shown (a formatter returns what it made; the command writes it)."""

    show_checks: bool = False


# A regime's summary: chc.hazards.shapes' own shape, read only by chc.terminal.codes.
_RegimeSummary: TypeAlias = "dict[str, object]"


class _Editions(TypedDict):
    editions: list[EditionSummary]
    regimes: list[_RegimeSummary]


@dataclass(frozen=True)
class _Shape:
    """What a view shows: its JSON shape, and how it reads for a person."""

    data: object
    text: Callable[[_Out], Shown]


def _shape(data: D, text: Callable[[D, _Out], Shown]) -> _Shape:
    """``data`` with the view that shows it, typed together (the registry sees neither)."""
    return _Shape(data, lambda out: text(data, out))


# The text views import rich only when called: `--format json` never needs it.
def _kinds_text(data: dict[str, list[KindDoc]], out: _Out) -> Shown:
    from chc.terminal.codes import kinds_view

    return kinds_view(data)


def _for_date_text(data: ForDate, out: _Out) -> Shown:
    from chc.terminal.codes import for_date_view

    return for_date_view(data)


def _editions_text(data: _Editions, out: _Out) -> Shown:
    from rich.console import Group

    from chc.terminal.codes import editions_table, regimes_table

    return Group(editions_table(data["editions"]), regimes_table(data["regimes"]))


def _provision_text(data: ProvisionDetail, out: _Out) -> Shown:
    from chc.terminal.codes import provision_view

    return provision_view(data)


def _edition_text(data: EditionJSON, out: _Out) -> Shown:
    from chc.terminal.codes import edition_view

    return edition_view(data, show_checks=out.show_checks)


def _assumptions_text(data: AssumptionsJSON, out: _Out) -> Shown:
    from chc.codes.assumptions import numbered_text

    # A case assumption is listed as its template: each value it takes is shown as <name>.
    rows = [
        (a["id"], a["statement"].format(**{v: f"<{v}>" for v in a.get("values", [])}))
        for a in data["assumptions"]
    ]
    return numbered_text(rows)


def _text(shape: _Shape, out: _Out) -> Shown:
    return shape.text(out)


def _json(shape: _Shape, out: _Out) -> Shown:
    from chc.output import dumps_json

    return dumps_json(shape.data)


# The one list of formats: --format's choices and help come from it.
FORMATTERS: dict[str, Callable[[_Shape, _Out], Shown]] = {
    "text": _text,
    "json": _json,
}


@app.command("codes")
@handles_errors
def codes_command(
    edition: Annotated[
        str | None,
        typer.Argument(
            help="An edition (2020, 2022, 2024), the Awaab's Law regime (awaabs-law-2025), "
            "or the path of a Code or regime file.",
            metavar="EDITION",
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
    assumptions: Annotated[
        bool,
        typer.Option(
            "--assumptions", help="List what chc assumes under EDITION (every edition if none)."
        ),
    ] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=" or ".join(FORMATTERS) + ".",
            click_type=format_choice(FORMATTERS),
            metavar="FORMAT",
        ),
    ] = "text",
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """List the Code editions, show an edition's provisions, or one provision.

    With no EDITION, lists the editions. With EDITION, shows its timescales and provisions
    (filter with --section, --obligation, --topic). With EDITION and PROVISION, shows one
    provision in full with its counterpart in the previous and next edition. A Code file of
    your own is validated the same way as the shipped ones. awaabs-law-2025 shows the Awaab's
    Law hazard timescales that chc hazards uses: each step, its sources and confidence, the
    dated scope and the assumptions it rests on.

    Examples:

      chc codes

      chc codes 2024 --section 6 --obligation must

      chc codes 2024 6.3

      chc codes --for-date 2023-05-01 --format json

      chc codes 2024 --checks

      chc codes awaabs-law-2025

      chc codes --check-kinds

      chc codes 2024 --assumptions
    """
    if assumptions:
        shape = _assumptions_view(edition)
    else:
        shape = _view(edition, provision, section, obligation, topic, for_date, kinds)
    Destination(output, force).put(FORMATTERS[fmt](shape, _Out(checks)))


def _view(
    edition: str | None,
    provision: str | None,
    section: int | None,
    obligation: str | None,
    topic: str | None,
    for_date: str | None,
    kinds: bool,
) -> _Shape:
    """Which view the options ask for, with its data (the JSON shape)."""
    from chc.codes import shapes as codes_json
    from chc.codes.choice import edition_for_date
    from chc.codes.loading import builtin_editions, load_edition
    from chc.errors import InputError

    if obligation is not None and obligation not in ("must", "should"):
        raise InputError(f"--obligation must be 'must' or 'should', not {obligation!r}")
    if kinds:
        from chc.policy.checks import kinds_json

        return _shape(kinds_json(), _kinds_text)
    if for_date is not None:
        from chc.dates import parse_typed_date as parse_date

        day = parse_date(for_date, "--for-date")
        return _shape(codes_json.for_date_json(day, edition_for_date(day)), _for_date_text)
    if edition is None:
        from chc.hazards.regime import load_regime
        from chc.hazards.shapes import regime_summary

        listing: _Editions = {
            "editions": [codes_json.edition_summary(e) for e in builtin_editions()],
            "regimes": [regime_summary(load_regime())],
        }
        return _shape(listing, _editions_text)
    regime = _regime(edition, provision, section, obligation, topic)
    if regime is not None:
        return regime
    e = load_edition(edition)
    if provision is not None:
        return _shape(codes_json.provision_view(e, provision), _provision_text)
    return _shape(codes_json.filtered_json(e, section, obligation, topic), _edition_text)


def _assumptions_view(edition: str | None) -> _Shape:
    from chc.codes.assumptions import assumptions_json
    from chc.codes.loading import load_edition

    data = assumptions_json(None if edition is None else load_edition(edition).edition)
    return _shape(data, _assumptions_text)


def _regime(
    name: str, provision: str | None, section: int | None, obligation: str | None, topic: str | None
) -> _Shape | None:
    """The regime's view, when ``name`` is the shipped regime or a regime file's path."""
    from chc.hazards.regime import is_regime

    if not is_regime(name):
        return None
    from chc.errors import InputError
    from chc.hazards.regime import load_regime
    from chc.hazards.shapes import regime_json

    if provision is not None or section is not None or obligation is not None or topic:
        raise InputError(
            "a regime has steps, not provisions: PROVISION, --section, --obligation and --topic "
            "go with a Code edition"
        )
    data = regime_json(load_regime(name))

    def text(out: _Out) -> Shown:
        from chc.terminal.codes import regime_view

        return regime_view(data)

    return _Shape(data, text)
