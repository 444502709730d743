"""Number cells of a workbook as the spreadsheet shows them.

A reference typed as ``000200`` in a column formatted ``000000`` is stored as the number
200: every reader hands back ``200`` (or ``200.0``), and calendar UIDs, outputs and the
report would then carry a reference the case system does not know. chc reads the cell's
number format from the workbook and applies it. Only whole-number formats are rendered
(digits ``0`` and ``#``, thousands commas, quoted or escaped text such as ``"HC-"000000``);
any other format on a number in such a column is a located stop, never a guess. No
maintained Python library renders Excel number formats, hence these few lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Excel's built-in formats that a reference column can carry (ECMA-376, 18.8.30).
_BUILT_IN = {0: "General", 1: "0", 3: "#,##0", 49: "@"}
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def shown(value: str, code: str) -> str | None:
    """``value`` (a number as stored) as ``code`` shows it, or None if chc cannot tell."""
    try:
        number = float(value)
    except ValueError:
        return None
    if number != int(number) or abs(number) >= 1e15:
        return None
    whole = int(number)
    section = code.split(";")[0] if whole >= 0 or ";" not in code else code.split(";")[1]
    section = re.sub(r"\[[^\]]*\]", "", section)  # colours and locales: [Red], [$-809]
    if section in ("General", "@", ""):
        return str(whole)
    out: list[str] = []
    digits_done = False
    for m in re.finditer(r'"[^"]*"|\\.|[0#,]+|[^0#,"\\]+', section):
        token = m.group(0)
        if token[0] in "0#,":
            if digits_done or set(token) == {","}:
                return None
            width = token.count("0")
            text = f"{abs(whole):,}" if "," in token.strip(",") else str(abs(whole))
            out.append(text.rjust(width, "0") if "," not in text else text)
            digits_done = True
        elif token.startswith('"'):
            out.append(token[1:-1])
        elif token.startswith("\\"):
            out.append(token[1])
        elif re.search(r"[.%Ee/?yYmMdDhHsS@*_]", token):
            return None  # decimals, percentages, fractions, dates: not a whole number's text
        else:
            out.append(token)
    if not digits_done:
        return None
    return ("-" if whole < 0 and ";" not in code else "") + "".join(out)


@dataclass(frozen=True)
class NumberCell:
    row: int
    value: str
    code: str


def number_cells(path: Path, part: str, column: str) -> list[NumberCell]:
    """The number cells of one column (letters) with a format other than General."""
    import zipfile
    from xml.etree import ElementTree

    cell = re.compile(rb'<c r="' + column.encode() + rb'([0-9]+)"([^>]*)>\s*<v>([^<]*)</v>')
    with zipfile.ZipFile(path) as book:
        formats = _formats(ElementTree.fromstring(book.read("xl/styles.xml")))
        found: list[NumberCell] = []
        with book.open(part) as xml:
            rest = b""
            while chunk := xml.read(1 << 20):
                data = rest + chunk
                end = data.rfind(b"</c>") + len(b"</c>")
                whole, rest = (data[:end], data[end:]) if end > 3 else (b"", data)
                for row, attrs, value in cell.findall(whole):
                    style = re.search(rb'\bs="([0-9]+)"', attrs)
                    kind = re.search(rb'\bt="([a-z]+)"', attrs)
                    if style is None or (kind is not None and kind.group(1) != b"n"):
                        continue
                    code = formats.get(int(style.group(1)), "General")
                    if code != "General":
                        found.append(NumberCell(int(row), value.decode(), code))
    return found


def _formats(styles: object) -> dict[int, str]:
    """Each cell style's number format code, by the style's index."""
    from xml.etree.ElementTree import Element

    assert isinstance(styles, Element)
    codes = dict(_BUILT_IN)
    for fmt in styles.iter(f"{_MAIN}numFmt"):
        codes[int(fmt.get("numFmtId") or 0)] = fmt.get("formatCode") or "General"
    xfs = styles.find(f"{_MAIN}cellXfs")
    result: dict[int, str] = {}
    for i, xf in enumerate(xfs if xfs is not None else ()):
        number = int(xf.get("numFmtId") or 0)
        result[i] = codes.get(number, f"built-in format {number}")
    return result


def column_letters(number: int) -> str:
    """``1`` -> ``A``, ``28`` -> ``AB``."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
