"""The Code editions as data: models, loading, which edition applies, and JSON shapes.

The names below are served lazily (PEP 562): importing one submodule, such as the light
:mod:`chc.codes.timetable` that one complaint's due dates use, does not build the pydantic
models of :mod:`chc.codes.model`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# For type checkers: the real types of the names served lazily below.
if TYPE_CHECKING:
    from chc.codes.choice import (
        choose_edition as choose_edition,
    )
    from chc.codes.choice import (
        edition_for_date as edition_for_date,
    )
    from chc.codes.loading import (
        builtin_editions as builtin_editions,
    )
    from chc.codes.loading import (
        load_builtin as load_builtin,
    )
    from chc.codes.loading import (
        load_code_file as load_code_file,
    )
    from chc.codes.loading import (
        load_edition as load_edition,
    )
    from chc.codes.model import (
        BUILTIN_EDITIONS as BUILTIN_EDITIONS,
    )
    from chc.codes.model import (
        Edition as Edition,
    )
    from chc.codes.model import (
        Provision as Provision,
    )
    from chc.codes.model import (
        Timescale as Timescale,
    )
    from chc.codes.model import (
        provision_sort_key as provision_sort_key,
    )
    from chc.codes.rule import (
        choose_timetable as choose_timetable,
    )
    from chc.codes.timetable import (
        Timetable as Timetable,
    )

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


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"chc.codes.{module}"), name)
