"""Files shipped with chc (the Code editions, the templates), wherever chc is installed."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def package_data(name: str) -> Path:
    """The folder ``name``: inside the wheel, or the checkout's top level."""
    packaged = Path(str(resources.files("chc"))) / name
    if packaged.is_dir():
        return packaged
    # Editable installs and bare checkouts: src/chc/ -> repository root.
    return Path(__file__).resolve().parents[2] / name
