"""目录 in the DOCX: a real TOC field whose shown result already lists the entries with the
page numbers of the PDF, so the file looks right before Word updates its fields.

Each entry links to a bookmark around its heading (`\\h`) and shows its number through a
PAGEREF field, as Word itself writes a TOC; updating the field in Word rebuilds it from
the heading styles down to the book's depth (`\\o "1-2"`).
"""

from __future__ import annotations

from itertools import pairwise

from docx.document import Document as WordDocument
from lxml import etree

from yearbook.doctree import Heading, TableOfContents
from yearbook.pagemap import PageMap
from yearbook.style import Style
from yearbook.writers.docx import fieldcode, oxml

TITLE_STYLE = "TOCHeading"


def toc_style_id(level: int) -> str:
    return f"TOC{min(max(level, 1), 3)}"


class Bookmarks:
    """A Word bookmark name for each heading anchor (Word limits names to 40 characters)."""

    # Above the ids other parts of the writer might use.
    FIRST_ID = 9000

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def name(self, anchor: str) -> str:
        found = self.names.get(anchor)
        if found is None:
            found = self.names[anchor] = f"_Toc{len(self.names) + 1:08d}"
        return found

    def wrap(self, p: etree._Element, anchor: str | None) -> None:
        """Put the anchor's bookmark around the paragraph's runs."""
        if not anchor:
            return
        name = self.name(anchor)
        ident = self.FIRST_ID + list(self.names).index(anchor)
        start = oxml.el("w:bookmarkStart", id=ident, name=name)
        ppr = p.find(oxml.el("w:pPr").tag)
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(oxml.el("w:bookmarkEnd", id=ident))


def install_styles(document: WordDocument, style: Style) -> None:
    width = style.page.frame_width
    heading = style.para("heading1")
    fieldcode.add_style(
        document, style, TITLE_STYLE, "TOC Heading", heading, keep_next=True, page_break_before=True
    )
    for level in (1, 2, 3):
        ps = style.para(f"toc{level}")
        fieldcode.add_style(
            document, style, toc_style_id(level), f"toc {level}", ps,
            left_indent=ps.first_indent * ps.size, right_tab=width, keep_next=level == 1,
        )


def toc_elements(
    toc: TableOfContents, page_map: PageMap | None, bookmarks: Bookmarks, with_title: bool
) -> list[etree._Element]:
    out: list[etree._Element] = []
    if with_title:
        title = fieldcode.paragraph(TITLE_STYLE)
        title.append(fieldcode.text_run(toc.title))
        out.append(title)
    depth = max((e.level for e in toc.entries), default=2)
    code = f'TOC \\o "1-{max(depth, 1)}" \\h \\z \\u'
    if not toc.entries:
        p = fieldcode.paragraph(toc_style_id(1))
        p.extend([fieldcode.char("begin"), fieldcode.instruction(code), fieldcode.char("separate"),
                  fieldcode.char("end")])
        return [*out, p]
    anchors = page_map.anchors if page_map else {}
    for i, entry in enumerate(toc.entries):
        p = fieldcode.paragraph(toc_style_id(entry.level))
        if i == 0:
            p.extend([fieldcode.char("begin"), fieldcode.instruction(code), fieldcode.char("separate")])
        name = bookmarks.name(entry.anchor)
        link = oxml.el("w:hyperlink", anchor=name, history=1)
        link.append(fieldcode.text_run(entry.text))
        link.append(fieldcode.run(oxml.el("w:tab")))
        link.extend([
            fieldcode.char("begin"),
            fieldcode.instruction(f"PAGEREF {name} \\h"),
            fieldcode.char("separate"),
            fieldcode.text_run(anchors.get(entry.anchor, "")),
            fieldcode.char("end"),
        ])
        p.append(link)
        if i == len(toc.entries) - 1:
            p.append(fieldcode.char("end"))
        out.append(p)
    return out


def heading_titles(blocks: list) -> set[int]:
    """Ids of TOC/INDEX blocks right after a heading with their title (the title is set once)."""
    out: set[int] = set()
    for before, block in pairwise(blocks):
        if isinstance(before, Heading) and getattr(block, "title", None) == before.text:
            out.add(id(block))
    return out
