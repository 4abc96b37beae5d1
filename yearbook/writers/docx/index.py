"""索引 in the DOCX: an XE field where each term is marked, and an INDEX field whose shown
result is the book's index as the PDF prints it (letters, terms, 123a/123b, 参见).

Word, when it updates the field, rebuilds the list from the XE fields with its own page
numbers (no column letters); until then the reader sees the PDF's references.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from lxml import etree

from yearbook.doctree import Index, IndexEntry
from yearbook.pagemap import PageMap
from yearbook.style import Style
from yearbook.writers.docx import fieldcode

LETTER_STYLE = "IndexHeading"
ENTRY_STYLE = "Index1"
SEE_ALSO = "参见"
# Between a term and its references, as in the PDF.
SEPARATOR = "\u3000"


def install_styles(document: WordDocument, style: Style) -> None:
    fieldcode.add_style(
        document, style, LETTER_STYLE, "index heading", style.para("index_letter"), keep_next=True
    )
    fieldcode.add_style(document, style, ENTRY_STYLE, "index 1", style.para("index_entry"))


def _xe_term(term: str) -> str:
    # A colon starts a subentry in XE; the term is one level.
    return fieldcode.quoted(term.replace(":", "\\:"))


def xe_runs(terms: tuple[str, ...], see_also: list[str] | None = None) -> list[etree._Element]:
    """XE fields (no shown result) marking `terms` here; with see_also, a 参见 entry."""
    out: list[etree._Element] = []
    for term in terms:
        code = f"XE {_xe_term(term)}"
        if see_also:
            code += f" \\t {fieldcode.quoted(SEE_ALSO + ' ' + '、'.join(see_also))}"
        out += [fieldcode.char("begin"), fieldcode.instruction(code), fieldcode.char("end")]
    return out


def entry_text(entry: IndexEntry, refs: list[str]) -> str:
    text = entry.term
    if refs:
        text += SEPARATOR + "，".join(refs)
    if entry.see_also:
        text += ("；" if refs else SEPARATOR) + SEE_ALSO + " " + "、".join(entry.see_also)
    return text


def index_elements(
    index: Index, style: Style, page_map: PageMap | None, title_style: str | None
) -> list[etree._Element]:
    out: list[etree._Element] = []
    if title_style:
        title = fieldcode.paragraph(title_style)
        title.append(fieldcode.text_run(index.title))
        out.append(title)
    refs = page_map.index if page_map else {}
    # As many columns as the section the result stands in, so an update keeps the look.
    columns = max(style.page.columns, 1)
    # \h "A": a letter heading per group; \e: the separator; \z 2052: Chinese (PRC) sorting.
    code = f'INDEX \\h "A" \\e "{SEPARATOR}" \\c "{columns}" \\z "2052"'
    lead: list[etree._Element] = []
    # 参见 entries have no place in the text: their XE fields stand with the index.
    for group in index.groups:
        for entry in group.entries:
            if entry.see_also:
                lead += xe_runs((entry.term,), entry.see_also)
    lead += [fieldcode.char("begin"), fieldcode.instruction(code), fieldcode.char("separate")]
    paragraphs: list[etree._Element] = []
    for group in index.groups:
        letter = fieldcode.paragraph(LETTER_STYLE)
        letter.append(fieldcode.text_run(group.letter))
        paragraphs.append(letter)
        for entry in group.entries:
            p = fieldcode.paragraph(ENTRY_STYLE)
            p.append(fieldcode.text_run(entry_text(entry, refs.get(entry.term, []))))
            paragraphs.append(p)
    if not paragraphs:
        paragraphs.append(fieldcode.paragraph(ENTRY_STYLE))
    # The field begins in the result's first paragraph (after its pPr) and ends in the last.
    for k, element in enumerate(lead):
        paragraphs[0].insert(1 + k, element)
    paragraphs[-1].append(fieldcode.char("end"))
    return [*out, *paragraphs]
