"""The project's own layout rule for the CLI: a command is thin.

A function in src/chc/cli/ has at most 40 body lines (its docstring aside: a command's
docstring is its --help text, not logic). What a longer one does belongs in the core.
"""

from __future__ import annotations

import ast
from pathlib import Path

CLI = Path(__file__).resolve().parents[1] / "src" / "chc" / "cli"
LIMIT = 40


def _body_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    body = node.body
    if (
        len(body) > 1
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        body = body[1:]
    return (node.end_lineno or node.lineno) - body[0].lineno + 1


def cli_function_lengths() -> dict[str, int]:
    lengths: dict[str, int] = {}
    for path in sorted(CLI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lengths[f"{path.name}:{node.name}"] = _body_lines(node)
    return lengths


def test_no_cli_function_is_over_the_limit() -> None:
    too_long = {name: n for name, n in cli_function_lengths().items() if n > LIMIT}
    assert too_long == {}, f"over {LIMIT} body lines (move the logic into the core): {too_long}"


def test_the_rule_sees_a_long_function(tmp_path: Path) -> None:
    source = "def f():\n    '''doc'''\n" + "    x = 1\n" * (LIMIT + 1)
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.FunctionDef)
    assert _body_lines(node) == LIMIT + 1
