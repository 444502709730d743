"""The Code editions as data: models, loading, which edition applies, and JSON shapes.

The names below are served lazily (PEP 562): importing one submodule, such as the light
:mod:`chc.codes.timetable` that one complaint's due dates use, does not build the pydantic
models of :mod:`chc.codes.model`.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "BUILTIN_EDITIONS": "model",
    "Edition": "model",
    "Provision": "model",
    "Timescale": "model",
    "provision_sort_key": "model",
    "builtin_editions": "loading",
    "load_builtin": "loading",
    "load_code_file": "loading",
    "load_edition": "loading",
    "edition_for_date": "choice",
    "choose_edition": "choice",
    "Timetable": "timetable",
    "choose_timetable": "rule",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"chc.codes.{module}"), name)
