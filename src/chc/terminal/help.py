"""`chc --help` for people: each command's description whole, not cut at 45 characters.

click shortens a command's first sentence to fit one line of the command list ("show an
edition's provisions,..."); this group prints the whole sentence, wrapped under itself.
"""

from __future__ import annotations

import click
from typer.core import TyperGroup

WHOLE = 10_000
"""A limit no first sentence reaches: click then keeps the sentence whole."""


class WholeHelpGroup(TyperGroup):
    """A typer group whose command list shows each command's first sentence whole."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(WHOLE)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
