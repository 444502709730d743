"""Exit codes: part of chc's public interface (documented in the README and in --help)."""

from enum import IntEnum


class RC(IntEnum):
    OK = 0
    """Success; for check commands, nothing that a 'must' provision requires is missing."""
    FINDINGS = 1
    """chc check-policy: a 'must' provision fails. self-assessment check --strict: warnings."""
    BAD_INPUT = 2
    """Bad input: a missing or malformed file, an impossible date, an unknown edition."""
