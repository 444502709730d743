"""Web-page policies: the main content only, without navigation, header, footer or scripts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from chc.errors import InputError
from chc.policy.extract.document import RawBlock

if TYPE_CHECKING:
    from bs4 import Tag

# Page furniture, not policy: dropped before any text is read.
_DROP_TAGS = ("nav", "header", "footer", "aside", "script", "style", "noscript", "form", "template")
_DROP_ROLES = re.compile(r"^(?:navigation|banner|contentinfo|search|complementary)$", re.I)
_DROP_CLASSES = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|breadcrumbs?|cookie\w*|site-header|site-footer|skip-link)(?:$|[-_\s])",
    re.I,
)
_BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "dt", "dd", "blockquote")


def read_html(path: Path) -> list[RawBlock]:
    from bs4 import BeautifulSoup

    from chc.policy.extract.bounds import check_html
    from chc.yamlio import read_text

    text = read_text(path)
    check_html(path, text)
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        classes = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")
        if _DROP_ROLES.match(str(tag.get("role") or "")) or _DROP_CLASSES.search(classes):
            tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    if root is None:
        raise InputError("has no content to read", file=path)
    return [b for tag in root.find_all(_BLOCK_TAGS) if (b := _block(tag)) is not None]


def _block(tag: Tag) -> RawBlock | None:
    name = tag.name
    if name != "tr" and tag.find_parent(_BLOCK_TAGS) is not None:
        return None  # a paragraph inside a list item or a table cell is read with its parent
    if name == "tr":
        cells = tuple(" ".join(c.get_text(" ").split()) for c in tag.find_all(["td", "th"]))
        return RawBlock("row", " | ".join(c for c in cells if c), cells=cells)
    text = " ".join(tag.get_text(" ").split())
    if not text:
        return None
    if name[0] == "h":
        return RawBlock("heading", text, int(name[1]))
    return RawBlock("item" if name in ("li", "dd") else "paragraph", text)
