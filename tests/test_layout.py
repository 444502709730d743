"""The project's own layout rule for the CLI: a command is thin.

A function in src/chc/cli/ has at most 40 body lines (its docstring aside: a command's
docstring is its --help text, not logic). The functions named in LONGER_TODAY were longer
when the rule came in; each may shrink but not grow, and leaves the list once it fits.
"""

from __future__ import annotations

import ast
from pathlib import Path

CLI = Path(__file__).resolve().parents[1] / "src" / "chc" / "cli"
LIMIT = 40
# Measured when the rule came in (issue 25).
LONGER_TODAY = {
    "assessment.py:scaffold_command": 41,
}


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


def test_no_cli_function_is_over_the_limit_or_longer_than_when_the_rule_came_in() -> None:
    too_long = {
        name: n
        for name, n in cli_function_lengths().items()
        if n > max(LIMIT, LONGER_TODAY.get(name, LIMIT))
    }
    assert too_long == {}, f"over {LIMIT} body lines (split them): {too_long}"


def test_the_list_of_longer_functions_only_shrinks() -> None:
    lengths = cli_function_lengths()
    fitting = [name for name in LONGER_TODAY if lengths.get(name, 0) <= LIMIT]
    assert fitting == [], f"these now fit in {LIMIT} lines: take them out of LONGER_TODAY"


def test_the_rule_sees_a_long_function(tmp_path: Path) -> None:
    source = "def f():\n    '''doc'''\n" + "    x = 1\n" * (LIMIT + 1)
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.FunctionDef)
    assert _body_lines(node) == LIMIT + 1
