"""The report's settings file: what stays the same from one run to the next.

``chc-report.yaml`` beside the case file (or the file ``--settings`` names) holds the
landlord's name, the number of homes and the period, so that a complaints officer need
not retype them::

    landlord: Example Homes
    homes: 5762
    period: 2023-24          # a financial year: 1 April 2023 to 31 March 2024
    # or, for another span:
    # from: 2024-01-01
    # to: 2024-12-31

Options given on the command line win over the file. Every key is optional; an unknown
key or a bad value is an error with the file, line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from chc.errors import InputError

FILE_NAME = "chc-report.yaml"
KEYS = ("landlord", "homes", "period", "from", "to")
_FINANCIAL_YEAR = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class Settings:
    """What a settings file gave; ``None`` for what it did not."""

    landlord: str | None = None
    homes: int | None = None
    start: date | None = None
    end: date | None = None
    file: Path | None = None


def financial_year(text: str) -> tuple[date, date] | None:
    """``"2023-24"`` -> 1 April 2023 to 31 March 2024; None if ``text`` is not one."""
    m = _FINANCIAL_YEAR.fullmatch(text.strip())
    if m is None:
        return None
    first = int(m.group(1))
    if (first + 1) % 100 != int(m.group(2)):
        return None
    return date(first, 4, 1), date(first + 1, 3, 31)


def find_settings(cases: Path, explicit: Path | None) -> Path | None:
    """The settings file to read: the one given, else ``chc-report.yaml`` beside the cases."""
    if explicit is not None:
        return explicit
    beside = cases.parent / FILE_NAME
    return beside if beside.is_file() else None


def load_settings(path: Path) -> Settings:
    """Read a settings file; every problem is an InputError at its line and column."""
    from chc.yamlio import load_yaml, located_error

    data = load_yaml(path)
    if data is None:
        return Settings(file=path)
    if not isinstance(data, dict):
        raise InputError(
            f"a settings file is a mapping of {', '.join(KEYS)}; found {type(data).__name__}",
            file=path,
        )

    def bad(key: str, message: str) -> InputError:
        err = located_error(message, data, [key], source=path)
        return InputError(err.message, file=path, line=err.line, column=err.column)

    for key in data:
        if key not in KEYS:
            raise bad(str(key), f"unknown key; a settings file may hold {', '.join(KEYS)}")
    landlord = _text(data, "landlord", bad)
    homes = data.get("homes")
    if homes is not None and (isinstance(homes, bool) or not isinstance(homes, int) or homes < 1):
        raise bad("homes", f"must be a whole number above 0, not {homes!r}")
    start, end = _period(data, bad)
    return Settings(landlord=landlord, homes=homes, start=start, end=end, file=path)


# The error for a bad value of a key, placed at the key's line and column.
_Bad = Callable[[str, str], InputError]


def _text(data: Mapping[str, object], key: str, bad: _Bad) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise bad(key, "must be text, e.g. landlord: Example Homes")
    return " ".join(value.split())


def _period(data: Mapping[str, object], bad: _Bad) -> tuple[date | None, date | None]:
    from chc.dates import parse_date

    if "period" in data:
        if "from" in data or "to" in data:
            raise bad("period", "give either period or from and to, not both")
        span = financial_year(str(data["period"]))
        if span is None:
            raise bad("period", f"{data['period']!r} is not a financial year such as 2023-24")
        return span
    out: list[date | None] = []
    for key in ("from", "to"):
        value = data.get(key)
        if value is None:
            out.append(None)
            continue
        try:
            out.append(parse_date(str(value), key))
        except InputError as err:
            raise bad(key, err.message.removeprefix(f"{key}: ")) from None
    return out[0], out[1]


class Resolved(NamedTuple):
    """What the report is of: the landlord, the homes owned and the period."""

    landlord: str
    homes: int
    start: date
    end: date


def resolve(
    settings: Settings | None,
    landlord: str | None,
    homes: int | None,
    start: str | None,
    end: str | None,
) -> Resolved:
    """The landlord, homes and period from the options, else the settings file.

    Each missing value is an InputError that says both ways to give it.
    """
    from chc.dates import parse_typed_date

    s = settings or Settings()
    where = f" in {s.file}" if s.file is not None else f" in {FILE_NAME} beside the case file"
    name = " ".join(landlord.split()) if landlord is not None else s.landlord
    if not name:
        raise InputError(
            "the report needs the landlord's name for its title: give --landlord NAME, or "
            f"put landlord: NAME{where}"
        )
    count = homes if homes is not None else s.homes
    if count is None:
        raise InputError(
            f"the report needs the number of homes: give --homes N, or homes: N{where}"
        )
    first = parse_typed_date(start, "--from") if start is not None else s.start
    last = parse_typed_date(end, "--to") if end is not None else s.end
    if first is None or last is None:
        raise InputError(
            "the report needs its period: give --from DATE and --to DATE, or "
            f"period: 2023-24 (a financial year){where}"
        )
    return Resolved(name, count, first, last)
