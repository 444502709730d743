"""The one family of exceptions the library raises.

Each carries the file, line and column where there is one, so that the CLI can print a
single message a person can act on (``policy.yaml:12:5: ...``) and exit with status 2.
"""

from __future__ import annotations

from pathlib import Path


class ChcError(Exception):
    """Bad input or a problem the user can fix. Never a bug in chc itself."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return where + self.message


class InputError(ChcError):
    """A file or option the user gave cannot be read or makes no sense."""


class CodeFileError(ChcError):
    """A Code edition file is missing, malformed or inconsistent."""


class PolicyError(ChcError):
    """A policy file does not follow the policy format."""


class AnswersError(ChcError):
    """A self-assessment answers file does not follow its format."""


class CaseError(ChcError):
    """A complaint's dates or a caseload row are impossible or out of order."""
