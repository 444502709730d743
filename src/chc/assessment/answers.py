"""The annual self-assessment: the answers file and its checks.

An answers file (YAML, documented in ``docs/answers-format.md``) names a Code edition and
answers each item of that edition's self-assessment form: ``comply`` (yes / no / partly /
not applicable), ``evidence``, ``commentary``, ``action`` and ``target_date``. This module
reads it with positions kept and checks it. New files are pre-filled in
:mod:`chc.assessment.carry` (from a policy check, or from last year's answers through the
``previously:`` crosswalk) and written and rendered in :mod:`chc.assessment.render`.
Nothing here reads the clock: "today" is always a parameter.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypedDict

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from chc.codes.model import BUILTIN_EDITIONS, Edition
from chc.errors import AnswersError, ChcError
from chc.exitcodes import RC

if TYPE_CHECKING:
    from chc.yamlio import Loc

Comply = Literal["yes", "no", "partly", "not applicable"]
COMPLY_VALUES: tuple[Comply, ...] = ("yes", "no", "partly", "not applicable")
# Seed 002 writes "N/A"; people will too. Anything else is an error, never a guess.
_COMPLY_ALIASES = {
    "n/a": "not applicable",
    "na": "not applicable",
    "not_applicable": "not applicable",
}
FIELDS = ("comply", "evidence", "commentary", "action", "target_date", "machine_filled")
Severity = Literal["error", "warning"]


# -- the answers file ---------------------------------------------------------------------


def _text(value: object) -> object:
    if isinstance(value, str):
        return value.strip() or None
    return value


class Answer(BaseModel):
    """One item's answer; every field may be left empty."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    comply: Comply | None = None
    evidence: str | None = None
    commentary: str | None = None
    action: str | None = None
    target_date: date | None = None
    machine_filled: bool = False

    @field_validator("comply", mode="before")
    @classmethod
    def _comply(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        word = str(value).strip().lower() if isinstance(value, str) else value
        word = _COMPLY_ALIASES.get(word, word) if isinstance(word, str) else word
        if word not in COMPLY_VALUES:
            shown = "true" if value is True else "false" if value is False else repr(value)
            raise ValueError(
                f"comply must be yes, no, partly or not applicable (or left empty), not {shown}"
            )
        return word

    @field_validator("evidence", "commentary", "action", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return _text(value)

    @field_validator("target_date", mode="before")
    @classmethod
    def _date(cls, value: object) -> object:
        from chc.dates import parse_date

        value = _text(value)
        if value is None or isinstance(value, date):
            return value
        if not isinstance(value, str):
            # pydantic would read a bare number as a Unix timestamp: refuse, never guess.
            raise ValueError(f"target_date must be a date written YYYY-MM-DD, not {value!r}")
        try:
            return parse_date(value, "target_date")
        except ChcError as err:
            raise ValueError(err.message.removeprefix("target_date: ")) from None

    @property
    def is_empty(self) -> bool:
        return self == Answer()


class _Header(BaseModel):
    """The top of the file; ``items`` is checked item by item so that check can list all."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    landlord: str | None = None
    period: str | None = None
    year: str | None = None
    items: dict[object, object] | None = None

    @field_validator("code", "period", "year", mode="before")
    @classmethod
    def _number_as_text(cls, value: object) -> object:
        # `code: 2024` and `year: 2024` unquoted are natural to write.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return _text(value)

    @field_validator("landlord", mode="before")
    @classmethod
    def _landlord(cls, value: object) -> object:
        return _text(value)

    @model_validator(mode="after")
    def _one_period(self) -> _Header:
        if self.period is not None and self.year is not None:
            raise ValueError("give period or year, not both")
        return self


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of ``check``: built complete, never patched; sorts into file order."""

    file: str
    line: int
    column: int
    severity: Severity
    item: str
    check: str
    message: str

    def __post_init__(self) -> None:
        if self.line < 1 or self.column < 1:
            raise ValueError("line and column numbers start at 1")

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}:{self.column}: {self.severity} [{self.check}] {self.message}"
        )

    def as_json(self) -> ProblemJSON:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "item": self.item or None,
            "check": self.check,
            "message": self.message,
        }


class ProblemJSON(TypedDict):
    file: str
    line: int
    column: int
    severity: Severity
    item: str | None
    check: str
    message: str


class AnswersSummary(TypedDict):
    items: int
    answered: int
    errors: int
    warnings: int


class AnswersReportJSON(TypedDict):
    """`self-assessment check --format json` (documented in the README)."""

    file: str
    code: str
    today: str
    summary: AnswersSummary
    problems: list[ProblemJSON]


@dataclass(frozen=True)
class LoadedAnswers:
    """A read answers file: valid answers by provision id, and the errors found in items."""

    path: Path
    data: object
    code: str
    edition: Edition
    landlord: str | None
    period: str | None
    answers: Mapping[str, Answer]
    # Each id as the file writes it (" 6.2", "q1.1"), by its normal form.
    keys: Mapping[str, str]
    errors: tuple[Problem, ...]

    def problem(self, loc: Loc, severity: Severity, item: str, check: str, msg: str) -> Problem:
        from chc.yamlio import position

        line, column = position(self.data, loc)
        return Problem(str(self.path), line or 1, column or 1, severity, item, check, msg)


def _edition_of(code: str, path: Path, data: object) -> Edition:
    from chc.codes.loading import load_edition
    from chc.yamlio import located_error

    ref: str | Path = code
    if _is_path(code):
        # A Code file named in the answers is found next to the answers, wherever chc runs.
        ref = Path(code) if Path(code).is_absolute() else path.parent / code
    try:
        return load_edition(ref)
    except ChcError as err:
        if err.file is not None:
            raise
        raise located_error(err.message, data, ["code"], source=path, error=AnswersError) from None


def _is_path(code: str) -> bool:
    return code not in BUILTIN_EDITIONS and (code.endswith((".yaml", ".yml")) or "/" in code)


def resolve_code(code: str, beside: Path) -> str:
    """``code:`` as written in a file at ``beside``; a Code file's path made usable from here."""
    if _is_path(code) and not Path(code).is_absolute():
        return str(beside.parent / code)
    return code


def edition_for(code: str, beside: Path) -> Edition:
    """The edition ``code:`` names in a file (answers, workbook) at ``beside``."""
    from chc.codes.loading import load_edition

    ref = resolve_code(code, beside)
    return load_edition(Path(ref) if _is_path(code) else ref)


def code_reference(code: str, answers_dir: Path | None) -> str:
    """What to write as ``code:`` so that it still names the same file from the answers."""
    if not _is_path(code):
        return code
    target = Path(code).resolve()
    if answers_dir is None:
        return str(target)
    return os.path.relpath(target, answers_dir.resolve())


def normalise_id(key: str) -> str:
    text = key.strip()
    return "Q" + text[1:] if text[:1] == "q" else text


def read_answers(path: Path) -> LoadedAnswers:
    """Read an answers file, collecting every problem inside ``items`` as an error.

    A problem with the file as a whole (missing, not YAML, no ``code:``, an unknown
    edition) raises AnswersError at once: there is nothing to check item by item.
    """
    from chc.yamlio import load_yaml, validate

    data = load_yaml(path, error=AnswersError)
    if data is None:
        raise AnswersError("the file is empty; start from chc self-assessment scaffold", file=path)
    if not isinstance(data, dict):
        raise AnswersError("an answers file must be a YAML mapping (key: value lines)", file=path)
    header = validate(_Header, data, source=path, error=AnswersError)
    edition = _edition_of(header.code, path, data)
    answers, keys, errors = _read_items(path, data, header.items or {}, edition)
    return LoadedAnswers(
        path=path,
        data=data,
        code=header.code,
        edition=edition,
        landlord=header.landlord,
        period=header.period or header.year,
        answers=answers,
        keys=keys,
        errors=tuple(sorted(errors)),
    )


def load_answers(path: Path) -> LoadedAnswers:
    """Read an answers file and raise its first error (for render and carry-forward)."""
    loaded = read_answers(path)
    if loaded.errors:
        first = loaded.errors[0]
        raise AnswersError(first.message, file=first.file, line=first.line, column=first.column)
    return loaded


def _read_items(
    path: Path, data: object, items: Mapping[object, object], edition: Edition
) -> tuple[dict[str, Answer], dict[str, str], list[Problem]]:
    from chc.yamlio import position

    def error(loc: Loc, item: str, check: str, msg: str) -> Problem:
        line, column = position(data, loc)
        return Problem(str(path), line or 1, column or 1, "error", item, check, msg)

    answers: dict[str, Answer] = {}
    keys: dict[str, str] = {}
    errors: list[Problem] = []
    for key, value in items.items():
        loc: list[object] = ["items", key]
        if not isinstance(key, str):
            hint = (
                f'; write it in quotes, "{key}" (unquoted, 6.10 is read as the number 6.1)'
                if isinstance(key, float)
                else ""
            )
            errors.append(error(loc, str(key), "bad-id", f"id {key} is read as a number{hint}"))
            continue
        pid = normalise_id(key)
        if pid in keys:
            first = position(data, ["items", keys[pid]])[0]
            errors.append(
                error(loc, pid, "duplicate-id", f"{pid} is answered twice (first at line {first})")
            )
            continue
        keys[pid] = key
        p = edition.provision(pid)
        if p is None:
            hint = " (the 2020 form's ids look like Q1.1)" if edition.edition == "2020" else ""
            errors.append(
                error(
                    loc, pid, "unknown-id", f"the {edition.edition} edition has no item {pid}{hint}"
                )
            )
            continue
        if not p.self_assessed:
            errors.append(
                error(
                    loc,
                    pid,
                    "unknown-id",
                    f"{pid} is not on the {edition.edition} self-assessment form",
                )
            )
            continue
        if value is None:
            answers[pid] = Answer()
            continue
        if not isinstance(value, dict):
            errors.append(
                error(loc, pid, "bad-type", f"{pid}: expected the fields {', '.join(FIELDS[:5])}")
            )
            continue
        try:
            answers[pid] = Answer.model_validate(value)
        except ValidationError as exc:
            errors.extend(_item_errors(exc, loc, pid, error))
    return answers, keys, errors


_FIELD_CHECK = {"comply": "bad-comply", "target_date": "bad-date"}


def _item_errors(
    exc: ValidationError, loc: Loc, pid: str, error: Callable[[Loc, str, str, str], Problem]
) -> list[Problem]:
    out: list[Problem] = []
    for err in exc.errors():
        field = str(err["loc"][0]) if err["loc"] else ""
        msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            check = "unknown-field"
            msg = f"unknown field {field!r}; the fields are {', '.join(FIELDS)}"
        elif err["type"] in ("string_type", "bool_type", "bool_parsing"):
            check = "bad-type"
            kind = "text" if err["type"] == "string_type" else "true or false"
            msg = f"{field} must be {kind}, not {type(err.get('input')).__name__}"
        else:
            check = _FIELD_CHECK.get(field, "bad-type")
        out.append(error([*loc, field], pid, check, f"{pid}: {msg}"))
    return out


# -- checking -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswersReport:
    answers: LoadedAnswers
    today: date
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")

    def exit_code(self, *, strict: bool) -> RC:
        if self.errors:
            return RC.BAD_INPUT
        return RC.FINDINGS if strict and self.warnings else RC.OK

    def as_json(self) -> AnswersReportJSON:
        a = self.answers
        answered = sum(1 for x in a.answers.values() if x.comply is not None)
        return {
            "file": str(a.path),
            "code": a.edition.edition,
            "today": self.today.isoformat(),
            "summary": {
                "items": len(a.edition.self_assessed),
                "answered": answered,
                "errors": self.errors,
                "warnings": self.warnings,
            },
            "problems": [p.as_json() for p in self.problems],
        }


def check_answers(loaded: LoadedAnswers, *, today: date) -> AnswersReport:
    """Every error found while reading, plus the warnings a reviewer would raise."""
    out = list(loaded.errors)
    for p in loaded.edition.self_assessed:
        if p.id not in loaded.keys:
            out.append(
                loaded.problem(
                    ["items"], "warning", p.id, "missing-item", f"{p.id} is not answered: add it"
                )
            )
        elif p.id in loaded.answers:
            out.extend(_answer_warnings(loaded, p.id, loaded.answers[p.id], today))
    return AnswersReport(loaded, today, tuple(sorted(out)))


def _answer_warnings(loaded: LoadedAnswers, pid: str, a: Answer, today: date) -> list[Problem]:
    key = loaded.keys[pid]
    out: list[Problem] = []

    def warn(field: str | None, check: str, msg: str) -> None:
        loc = ["items", key] + ([field] if field else [])
        out.append(loaded.problem(loc, "warning", pid, check, f"{pid}: {msg}"))

    if a.comply is None:
        warn("comply", "unanswered", "comply is empty: yes, no, partly or not applicable")
    elif a.comply == "yes" and a.evidence is None:
        warn("comply", "no-evidence", '"yes" with no evidence: say what shows it')
    elif a.comply in ("no", "partly"):
        if a.commentary is None:
            warn("comply", "no-explanation", f'"{a.comply}" needs commentary explaining why')
        if a.target_date is None:
            warn(
                "comply",
                "no-target-date",
                f'"{a.comply}" needs a target_date: by when the landlord will comply',
            )
    if a.target_date is not None and a.target_date < today:
        warn(
            "target_date",
            "past-target-date",
            f"target date {a.target_date.isoformat()} is before {today.isoformat()}: "
            "update it, or say in commentary that the action is done",
        )
    if a.machine_filled:
        warn(
            "machine_filled",
            "machine-filled",
            "filled in by chc from a policy check: review it, then delete machine_filled",
        )
    return out
