"""Every command explains itself: help text with an example, and a section in the README."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer

from chc.cli import load_commands
from chc.cli.app import app

load_commands()
README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def walk(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    found: list[tuple[tuple[str, ...], Any]] = []
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name, sub in sorted(subcommands.items()):
            found.extend(walk(sub, (*path, name)))
    elif path:
        found.append((path, command))
    return found


COMMANDS = walk(typer.main.get_command(app))


def test_the_command_tree_is_found() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"codes", "deadlines", "check-policy"} <= names


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(path: tuple[str, ...], command: Any) -> None:
    text = command.help or ""
    assert len(text.split()) >= 15, f"chc {' '.join(path)} needs a real help text"
    assert "Example" in text, f"chc {' '.join(path)}: the help should end with an example"
    assert f"chc {' '.join(path)}" in text, "the example should show the command itself"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_is_in_the_readme(path: tuple[str, ...], command: Any) -> None:
    assert f"chc {' '.join(path)}" in README


def test_every_option_has_help() -> None:
    for path, command in COMMANDS:
        for param in command.params:
            if param.param_type_name == "option" and param.name not in ("help",):
                assert getattr(param, "help", None), f"chc {' '.join(path)} {param.opts[0]}"


def test_readme_documents_every_exit_code() -> None:
    from chc.exitcodes import RC

    for rc in RC:
        assert f"| {int(rc)} |" in README
