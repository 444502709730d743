"""The Code editions as data: models, loading, which edition applies, and JSON shapes."""

from chc.codes.choice import edition_for_date
from chc.codes.loading import builtin_editions, load_builtin, load_code_file, load_edition
from chc.codes.model import BUILTIN_EDITIONS, Edition, Provision, Timescale, provision_sort_key

__all__ = [
    "BUILTIN_EDITIONS",
    "Edition",
    "Provision",
    "Timescale",
    "builtin_editions",
    "edition_for_date",
    "load_builtin",
    "load_code_file",
    "load_edition",
    "provision_sort_key",
]
