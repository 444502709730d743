"""The self-assessment as a Word document, laid out as the Ombudsman's form (python-docx).

Landscape A4, a summary and the actions first, then one table per section (a "must" and a
"should" table per section for 2022), each table's header row repeated on every page.
Everything is drawn in named styles, so a landlord restyles the document in Word (or starts
from their own with ``--template``) rather than editing chc:

==================  =========  =================================================
style               kind       used for
==================  =========  =================================================
Title               paragraph  the document's title
Heading 1           paragraph  Summary, Actions, and each section's heading
Heading 2           paragraph  the 2022 form's "must" and "should" headings
Form Intro          paragraph  the lines under the title, and the closing note
Form Table          table      every table (borders, the shaded header row)
Form Header         paragraph  header-row cells
Form Item           paragraph  the cell that names the row (the provision)
Form Text           paragraph  every other cell
Draft Mark          paragraph  the DRAFT line in the page header of a draft
==================  =========  =================================================

A style the template already has is used as it is; a missing one is created with chc's
defaults. The same answers give the same bytes: no clock is read.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from chc.errors import InputError

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell, _Row

    from chc.assessment.form_view import FormView

# Landscape A4 in twentieths of a point (Word's unit): 297 mm x 210 mm.
A4_LONG = 16838
A4_SHORT = 11906
MARGIN_CM = 1.5
# Relative widths of the form's columns, by role; scaled to the page's text width.
_WEIGHTS = {
    "id": 1.6,
    "question": 9.0,
    "requirement": 6.5,
    "comply": 2.2,
    "yes": 2.0,
    "no": 2.0,
    "evidence": 6.5,
    "commentary": 6.5,
    "notes": 9.0,
}
STYLE_NAMES = (
    "Title",
    "Heading 1",
    "Heading 2",
    "Form Intro",
    "Form Table",
    "Form Header",
    "Form Item",
    "Form Text",
    "Draft Mark",
)
_RED = "8A1C1C"


def to_docx(context: FormView, *, template: Path | None = None) -> bytes:
    """The rendered form as the bytes of a .docx file."""
    from chc.inert import tree

    context = tree(context)  # XML holds no control character; user text may
    doc = _open(template)
    _page_setup(doc, keep_margins=template is not None)
    _ensure_styles(doc)
    draft = context["draft"]
    if draft:
        _draft_headers(doc, draft["reasons"])
    _front_matter(doc, context)
    for section in context["sections"]:
        doc.add_paragraph(section["heading"], style="Heading 1")
        for table in section["tables"]:
            if table["heading"]:
                doc.add_paragraph(table["heading"], style="Heading 2")
            rows = [[(c["text"], c["header"]) for c in row["cells"]] for row in table["rows"]]
            roles = [c["role"] for c in table["rows"][0]["cells"]] if table["rows"] else []
            _table(doc, context["columns"], rows, [_WEIGHTS.get(r, 4.0) for r in roles])
    doc.add_paragraph(
        "Prepared with chc. Requirement summaries are paraphrases; read the Code itself "
        "before relying on one.",
        style="Form Intro",
    )
    props = doc.core_properties
    props.title = _title(context)
    props.subject = context["code"]["title"]
    if template is None:
        props.author = context["landlord"] or ""
        props.last_modified_by = ""
    buffer = io.BytesIO()
    doc.save(buffer)
    return _stable_zip(buffer.getvalue())


def _title(context: FormView) -> str:
    return ("DRAFT: " if context["draft"] else "") + str(context["title"])


def _open(template: Path | None) -> Document:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if template is None:
        return docx.Document()
    if template.is_dir() or template.suffix.lower() != ".docx":
        raise InputError(
            "--template for --format docx must be a Word .docx file (save a .dotx as .docx)",
            file=template,
        )
    import io

    from chc.inputs import read_bytes

    # Read through chc.inputs: bounded, never a device or a pipe, and noted as an input
    # of the run, so that no output of the run can replace the landlord's template.
    data = read_bytes(template, error=InputError)
    try:
        doc = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        reason = "not found" if not template.exists() else f"not a Word document ({exc})"
        raise InputError(reason, file=template) from None
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror}", file=template) from None
    _clear_body(doc)
    return doc


def _clear_body(doc: Document) -> None:
    """Keep the template's styles, page set-up, headers and footers; drop its text."""
    from docx.oxml.ns import qn

    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _page_setup(doc: Document, *, keep_margins: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Twips

    for section in doc.sections:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width = Twips(A4_LONG)
        section.page_height = Twips(A4_SHORT)
        if not keep_margins:
            for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
                setattr(section, side, Cm(MARGIN_CM))


def _ensure_styles(doc: Document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    have = {s.name for s in doc.styles}
    paragraph = WD_STYLE_TYPE.PARAGRAPH
    defaults: dict[str, tuple[str | None, float, bool, str | None]] = {
        # name: (based on, size in points, bold, colour)
        "Title": (None, 20, True, None),
        "Heading 1": (None, 14, True, None),
        "Heading 2": (None, 12, True, None),
        "Form Intro": (None, 10, False, "444444"),
        "Form Header": (None, 9, True, None),
        "Form Item": (None, 9, True, None),
        "Form Text": (None, 9, False, None),
        "Draft Mark": (None, 10, True, _RED),
    }
    for name, (base, size, bold, colour) in defaults.items():
        if name in have:
            continue
        style = doc.styles.add_style(name, paragraph)
        if base is not None:
            style.base_style = doc.styles[base]
        style.font.size = Pt(size)
        style.font.bold = bold
        if colour is not None:
            style.font.color.rgb = RGBColor.from_string(colour)
        style.paragraph_format.space_after = Pt(2 if name.startswith("Form") else 6)
    if "Form Table" not in have:
        _add_table_style(doc)


def _add_table_style(doc: Document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    style = doc.styles.add_style("Form Table", WD_STYLE_TYPE.TABLE)
    edges = "".join(
        f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        for e in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    margins = "".join(
        f'<w:{side} w:w="{w}" w:type="dxa"/>'
        for side, w in (("top", 40), ("left", 80), ("bottom", 40), ("right", 80))
    )
    style.element.append(
        parse_xml(
            f"<w:tblPr {nsdecls('w')}><w:tblBorders>{edges}</w:tblBorders>"
            f"<w:tblCellMar>{margins}</w:tblCellMar></w:tblPr>"
        )
    )
    # The header row's shading lives in the style, so a landlord recolours it in one place.
    style.element.append(
        parse_xml(
            f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/></w:rPr>'
            '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="DCE3EC"/></w:tcPr>'
            "</w:tblStylePr>"
        )
    )


def _draft_headers(doc: Document, reasons: Iterable[str]) -> None:
    """DRAFT at the top of every page: in the header of every section."""
    text = "DRAFT: not finished, not for publication. " + "; ".join(reasons) + "."
    for section in doc.sections:
        header = section.header
        header.is_linked_to_previous = False
        first = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        mark = first.insert_paragraph_before(text, style="Draft Mark") if first.text else first
        if mark is first:
            first.text = text
            first.style = doc.styles["Draft Mark"]


def _front_matter(doc: Document, context: FormView) -> None:
    doc.add_paragraph(_title(context), style="Title")
    lines = []
    if context["landlord"]:
        lines.append(f"Landlord: {context['landlord']}.")
    if context["period"]:
        lines.append(f"Period: {context['period']}.")
    code = context["code"]
    lines.append(f"Assessed against the {code['title']} ({code['form']}).")
    lines.append(
        "The requirement column gives a short summary of each provision in chc's own words; "
        "the Code's own text is published by the Housing Ombudsman."
    )
    for line in lines:
        doc.add_paragraph(line, style="Form Intro")
    doc.add_paragraph("Summary", style="Heading 1")
    heads = ["", "Complying", "Not complying", "Partly", "Not applicable", "Not answered", "Total"]
    keys = ("yes", "no", "partly", "not_applicable", "unanswered", "total")
    summary = context["summary"]
    groups = [
        *((g["label"], g["counts"]) for g in summary["groups"]),
        ("All items", summary["total"]),
    ]
    rows = [[(label, True)] + [(str(counts[k]), False) for k in keys] for label, counts in groups]
    table = _table(doc, heads, rows, [8.0] + [2.0] * 6)
    # The total row is never left alone at the top of a page: it goes with the row above.
    for row in table.rows[-3:-1]:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True
    doc.add_paragraph("Actions and target dates", style="Heading 1")
    if not context["actions"]:
        doc.add_paragraph("No actions recorded.", style="Form Intro")
        return
    rows = [
        [(a["id"], True), (a["comply"], False), (a["action"], False), (a["target_date"], False)]
        for a in context["actions"]
    ]
    _table(doc, ["Item", "Comply", "Action", "Target date"], rows, [1.6, 2.2, 14.0, 2.6])


def _table(
    doc: Document,
    headings: list[str],
    rows: list[list[tuple[str, bool]]],
    weights: list[float],
) -> Table:
    """A table in the Form Table style, its first row a header repeated on every page."""
    from docx.shared import Emu

    table: Table = doc.add_table(rows=1 + len(rows), cols=len(headings))
    table.style = doc.styles["Form Table"]
    table.autofit = False
    section = doc.sections[-1]
    width = int(section.page_width or 0) - int(section.left_margin or 0)
    width -= int(section.right_margin or 0)
    total = sum(weights) or 1.0
    widths = [Emu(int(width * w / total)) for w in weights]
    _fixed_layout(table)
    _repeat_header(table.rows[0])
    # Style ids looked up once: python-docx's lookup by name walks every style, every time.
    ids = {n: doc.styles[n].style_id for n in ("Form Header", "Form Item", "Form Text")}
    for r, (row, values) in enumerate(
        zip(table.rows, [[(h, True) for h in headings], *rows], strict=True)
    ):
        for i, (cell, (text, is_name)) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[i]
            style = "Form Header" if r == 0 else "Form Item" if is_name else "Form Text"
            _fill(cell, text, ids[style])
    for column, w in zip(table.columns, widths, strict=True):
        column.width = w
    return table


def _fill(cell: _Cell, text: str, style_id: str) -> None:
    from chc.render import paragraphs

    parts = paragraphs(text) or [""]
    first = cell.paragraphs[0]
    first.text = parts[0]
    first._p.style = style_id
    for part in parts[1:]:
        cell.add_paragraph(part)._p.style = style_id


def _repeat_header(row: _Row) -> None:
    """w:tblHeader: Word repeats the row at the top of every page the table runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        tr_pr.append(element)


def _fixed_layout(table: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)


def _stable_zip(data: bytes) -> bytes:
    """The same file with every member's time set to 1980-01-01: the same answers, same bytes."""
    import zipfile

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
