"""chc: check complaint handling against the Housing Ombudsman's Complaint Handling Code.

The package is a library first: every module except :mod:`chc.cli` works without typer
or rich, returns plain typed objects and raises :class:`chc.errors.ChcError`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("chc")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0+unknown"

__all__ = ["__version__"]
