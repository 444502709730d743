"""JSON values as chc writes them: one recursive alias, for the shapes no TypedDict names.

A shape a view or a test reads field by field is a TypedDict beside the code that builds it
(:mod:`chc.codes.shapes`, :mod:`chc.policy.findings`...); what is only ever dumped, or is a
user's own data passed through, is :data:`JSON`. Data parsed from a user's file before it
is checked is ``object``: nothing is known of it until it is looked at.
"""

from __future__ import annotations

from typing import TypeAlias

JSON: TypeAlias = "str | int | float | bool | list[JSON] | dict[str, JSON] | None"
JSONObject: TypeAlias = "dict[str, JSON]"
