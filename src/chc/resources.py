"""Files shipped with chc (the Code editions, the templates), wherever chc is installed."""

from __future__ import annotations

from pathlib import Path


def package_data(name: str) -> Path:
    """The folder ``name``: inside the installed package, or the checkout's top level.

    A wheel installs chc as a folder on disk (the packaging test checks it), so the data
    sits beside this file; importlib.resources would find the same folder at the cost of
    its import on every start-up.
    """
    here = Path(__file__).resolve().parent
    packaged = here / name
    if packaged.is_dir():
        return packaged
    # Editable installs and bare checkouts: src/chc/ -> repository root.
    return here.parents[1] / name
