"""Jinja rendering: the shipped templates (or a landlord's own) to Markdown and HTML.

HTML is autoescaped; Markdown table cells go through ``md_cell`` so user text cannot break
a table. Undefined variables are errors (StrictUndefined), and nothing reads the clock, so
the same input always renders the same bytes.

Every template renders in Jinja's sandbox: a folder given with ``--template`` is often a file
passed between landlords, and must not reach Python's internals (``cycler.__init__.__globals__``)
or run a command. The shipped templates need nothing the sandbox refuses, so one environment
serves both. Whatever a template does wrong (a syntax error, an undefined name, an unsafe
attribute, an exception, endless recursion) ends as an InputError naming its file and line.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from chc.errors import ChcError, InputError
from chc.inert import markup
from chc.resources import package_data

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from jinja2 import BaseLoader, Environment
    from jinja2.runtime import Context


def templates_dir() -> Path:
    """The shipped templates: inside the wheel, or the checkout's top level."""
    return package_data("templates")


# What CommonMark (and GitHub, and pandoc) would read as markup rather than text: the start
# of an HTML tag, comment or autolink, and a character reference such as "&copy;" or "&#60;".
_MD_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def _md_escape(text: str) -> str:
    """Backslash escapes only where needed, so that "Scrutiny & oversight" reads as written."""
    text = text.replace("\\", "\\\\")
    text = _MD_ENTITY.sub(r"\\&", text)
    return _MD_TAG.sub(r"\\<", text)


def md_cell(value: object) -> str:
    """Text safe inside a Markdown table cell (GitHub and pandoc).

    Backslashes and pipes are escaped, paragraphs become <br><br>, single newlines <br>, and
    what would start an HTML tag or a character reference is backslash-escaped, so that user
    text cannot inject markup; "&", "<" and ">" otherwise stay as written.
    """
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    text = _md_escape(text).replace("|", "\\|")
    text = re.sub(r"\n\s*\n+", "<br><br>", text)
    return text.replace("\n", "<br>")


def md_text(value: object) -> str:
    """User text outside tables: as written, with tags and character references escaped."""
    if value is None:
        return ""
    return _md_escape(str(value))


def paragraphs(value: object) -> list[str]:
    """Split text into paragraphs (blank-line separated), for HTML <p> elements."""
    if value is None:
        return []
    text = str(value).replace("\r\n", "\n").strip()
    return [p.strip() for p in re.split(r"\n\s*\n+", text) if p.strip()]


def environment(template_dir: Path | None = None) -> Environment:
    """A sandboxed environment over DIR (if given) then the shipped templates."""
    from jinja2 import ChoiceLoader, StrictUndefined, select_autoescape

    loader = _loader_class()
    loaders = []
    if template_dir is not None:
        if not template_dir.is_dir():
            raise InputError("--template must be a folder of templates", file=template_dir)
        loaders.append(loader(template_dir))
    loaders.append(loader(templates_dir()))
    env = _sandbox_class()(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html", "htm", "html.j2"), default=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Every value a template prints, the shipped ones and a landlord's own alike:
        # a control or bidi character in user text is shown, never written as itself.
        finalize=markup,
    )
    env.filters["md_cell"] = md_cell
    env.filters["md_text"] = md_text
    env.filters["paragraphs"] = paragraphs
    return env


@functools.cache
def _loader_class() -> Callable[[Path], BaseLoader]:
    import os

    from jinja2 import BaseLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    from chc.inputs import MAX_DOCUMENT_BYTES, read_text

    class InputLoader(BaseLoader):
        """Template files read as every input is (:mod:`chc.inputs`): a regular file of
        bounded size, never a FIFO that would hang the run, and remembered as an input of
        the run, so that ``-o`` naming the template (or a link to it) cannot replace it.
        Jinja's FileSystemLoader opens files itself, out of chc.inputs' sight."""

        def __init__(self, folder: Path) -> None:
            self.folder = folder

        def get_source(
            self, environment: Environment, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            path = self.folder.joinpath(*split_template_path(template))
            if not os.path.lexists(path):
                raise TemplateNotFound(template)
            # One environment per rendering: a template never needs reloading.
            return read_text(path, limit=MAX_DOCUMENT_BYTES), str(path), lambda: True

    return InputLoader


# The sandbox bounds ranges but not "x" * 10**10 or 9 ** 9 ** 9: bound those too, so that a
# template cannot exhaust memory or time (a rendered form is a few hundred kB).
MAX_TEMPLATE_STRING = 10_000_000
MAX_TEMPLATE_EXPONENT = 1_000


@functools.cache
def _sandbox_class() -> type[Environment]:
    import operator

    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class BoundedSandbox(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(
            self, context: Context, operator_name: str, left: object, right: object
        ) -> object:
            if operator_name == "**":
                if isinstance(right, int) and abs(right) > MAX_TEMPLATE_EXPONENT:
                    raise SecurityError(f"exponent {right} is beyond {MAX_TEMPLATE_EXPONENT}")
                return operator.pow(left, right)
            size = _repeat_size(left, right)
            if size > MAX_TEMPLATE_STRING:
                raise SecurityError(f"a repeated value of {size:,} items is too large")
            return operator.mul(left, right)

    return BoundedSandbox


def _repeat_size(left: object, right: object) -> int:
    for seq, n in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple, bytes)) and isinstance(n, int):
            return len(seq) * max(n, 0)
    return 0


def render(name: str, context: Mapping[str, object], template_dir: Path | None = None) -> str:
    """Render template ``name``; a broken or failing template is an InputError with its line."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError

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
    except ChcError:
        raise  # an included template that cannot be read: already located
    except Exception as exc:  # a template may raise anything, RecursionError included
        raise InputError(
            f"template error: {_describe(exc)}",
            file=_failing_file(exc) or template.filename or name,
            line=_template_line(exc),
        ) from None


def _describe(exc: BaseException) -> str:
    from jinja2 import TemplateError, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(exc, SecurityError):
        return f"refused by the sandbox: {exc}"
    if isinstance(exc, UndefinedError):
        return exc.message or "undefined"
    if isinstance(exc, TemplateError):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "the template calls itself without end"
    return f"{type(exc).__name__}: {exc}"


def _template_frames(exc: BaseException) -> list[tuple[str, int | None]]:
    import traceback

    return [
        (frame.filename, frame.lineno)
        for frame in traceback.extract_tb(exc.__traceback__)
        if frame.filename.endswith((".j2", ".html", ".md")) or "<template>" in frame.filename
    ]


def _failing_file(exc: BaseException) -> str | None:
    """The template the error happened in (an included one, perhaps), not the one rendered."""
    frames = _template_frames(exc)
    return frames[-1][0] if frames and "<template>" not in frames[-1][0] else None


def _template_line(exc: BaseException) -> int | None:
    frames = _template_frames(exc)
    return frames[-1][1] if frames else None
