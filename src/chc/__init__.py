"""chc: check complaint handling against the Housing Ombudsman's Complaint Handling Code.

The package is a library first: every module except :mod:`chc.cli` and :mod:`chc.terminal`
works without typer or rich, returns plain typed objects and raises
:class:`chc.errors.ChcError`.
"""

# Kept here (not read from package metadata) because importlib.metadata costs ~35 ms of
# start-up; pyproject.toml reads the version from this line.
__version__ = "0.1.0"

__all__ = ["__version__"]
