"""Jinja rendering: the shipped templates (or a landlord's own) to Markdown and HTML.

HTML is autoescaped; Markdown table cells go through ``md_cell`` so user text cannot break
a table. Undefined variables are errors (StrictUndefined), and nothing reads the clock, so
the same input always renders the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chc.errors import InputError
from chc.resources import package_data

if TYPE_CHECKING:
    from jinja2 import Environment


def templates_dir() -> Path:
    """The shipped templates: inside the wheel, or the checkout's top level."""
    return package_data("templates")


def md_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell (GitHub and pandoc).

    Pipes and backslashes are escaped, paragraphs become <br><br>, single newlines <br>,
    and HTML-significant characters are escaped so that user text cannot inject markup.
    """
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = re.sub(r"\n\s*\n+", "<br><br>", text)
    return text.replace("\n", "<br>")


def md_text(value: Any) -> str:
    """User text outside tables: HTML-escaped, otherwise as written."""
    if value is None:
        return ""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def paragraphs(value: Any) -> list[str]:
    """Split text into paragraphs (blank-line separated), for HTML <p> elements."""
    if value is None:
        return []
    text = str(value).replace("\r\n", "\n").strip()
    return [p.strip() for p in re.split(r"\n\s*\n+", text) if p.strip()]


def environment(template_dir: Path | None = None) -> Environment:
    from jinja2 import (
        ChoiceLoader,
        Environment,
        FileSystemLoader,
        StrictUndefined,
        select_autoescape,
    )

    loaders = []
    if template_dir is not None:
        if not template_dir.is_dir():
            raise InputError("--template must be a folder of templates", file=template_dir)
        loaders.append(FileSystemLoader(str(template_dir)))
    loaders.append(FileSystemLoader(str(templates_dir())))
    env = Environment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html", "htm", "html.j2"), default=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md_cell"] = md_cell
    env.filters["md_text"] = md_text
    env.filters["paragraphs"] = paragraphs
    return env


def render(name: str, context: dict[str, Any], template_dir: Path | None = None) -> str:
    """Render template ``name``; a broken template is an InputError with its line."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError

    env = environment(template_dir)
    try:
        template = env.get_template(name)
    except TemplateNotFound:
        where = template_dir or templates_dir()
        raise InputError(f"template {name!r} not found", file=where) from None
    except TemplateSyntaxError as exc:
        raise InputError(
            f"template error: {exc.message}", file=exc.filename or name, line=exc.lineno
        ) from None
    try:
        return template.render(**context)
    except UndefinedError as exc:
        raise InputError(
            f"template error: {exc.message}",
            file=template.filename or name,
            line=_template_line(exc),
        ) from None
    except TemplateError as exc:
        raise InputError(
            f"template error: {exc}", file=template.filename or name, line=_template_line(exc)
        ) from None


def _template_line(exc: BaseException) -> int | None:
    import traceback

    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith((".j2", ".html", ".md")) or "<template>" in frame.filename:
            line = frame.lineno
    return line
