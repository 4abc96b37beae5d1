"""A whole book to a document tree: front matter, 特载, 大事记, the 类目, 附录, 索引.

Units' chapters arrive already placed by the loader (as 类目, or under a 类目 as
分目); here they are assembled in book order with one table numbering for the
whole book, whatever number a unit starts from when it builds alone.

What the writers receive (Document):
- `front`: TitlePage; Heading(1, "编辑说明", odd_page) and its Paragraphs;
  TableOfContents("目录") whose entries point at body Heading.anchor values.
- `blocks`: 特载, 大事记, the 类目, 附录 — each a Heading(1, odd_page, new_page) —
  then Heading(1, "索引") followed by the Index block (its title is the heading's
  text, not to be set twice). 分目 are level 2, 次分目 level 3 (a unit's 分目 under a
  book 类目); a 次分目 keeps its 分目's running head. 大事记 months are level-2
  headings left out of the 目录; each item is a Paragraph of Run(day, DATE),
  Run("\u3000") and the text runs.
- Anchors: every Heading has one (h1, h1-2, h1-2-3 in the body; front1 in front).
- Index terms: on each 条目's title run (RunRole.ENTRY_TITLE) the title and the
  entry's `index` terms; on a TEXT run of its own, the shown text of each
  [[…]] mark. Every IndexEntry.term is one of these marks, or a 参见 source.
"""

from __future__ import annotations

from yearbook.assemble.book import _Assembler, metadata, set_anchors
from yearbook.assemble.chronicle import chronicle_blocks
from yearbook.assemble.facts import Facts
from yearbook.assemble.front import Figures, contents, notes, title_page
from yearbook.assemble.index import build_index
from yearbook.assemble.numbering import resolve
from yearbook.diagnostics import Diagnostic, YearbookError
from yearbook.doctree import Block, Document, Figure, Heading, OutlineItem, Paragraph, RunRole, Table
from yearbook.model import Book

INDEX_TITLE = "索引"


def _count(blocks: list[Block]) -> tuple[int, int]:
    """分目 and 条目 among the blocks of the 类目."""
    sections = sum(1 for b in blocks if isinstance(b, Heading) and b.level == 2)
    entries = sum(
        1 for b in blocks if isinstance(b, Paragraph) and b.runs and b.runs[0].role is RunRole.ENTRY_TITLE
    )
    return sections, entries


def _figures(blocks: list[Block]) -> int:
    return sum(1 for b in blocks if isinstance(b, Figure))


def _contributors(book: Book) -> set[str]:
    """Contributing units: each unit folder, and each 供稿 unit of a chapter the book holds itself."""
    names: set[str] = set()
    for chapter in book.every_chapter():
        if chapter.unit is not None:
            names.add(chapter.unit.folder)
        elif chapter.contributor is not None:
            names.add(str(chapter.contributor.unit))
    return names


def assemble_whole(book: Book) -> tuple[Document, list[Diagnostic]]:
    a = _Assembler(book, indexing=True)
    plates = a.figures.plates(book.plates)
    for chapter in book.special:
        a.chapter(chapter)
    months: list[Heading] = []
    if book.chronicle is not None:
        facts = Facts()
        chronicle, months = chronicle_blocks(
            book.chronicle, book.year, lambda text: a.runs(text, facts), a.problems
        )
        a.blocks.extend(chronicle)
    start = len(a.blocks)
    for chapter in book.chapters:
        a.chapter(chapter)
    categories = a.blocks[start:]
    for chapter in book.appendix:
        a.chapter(chapter)
    index = build_index(INDEX_TITLE, a.blocks, book.see_also, a.problems)
    has_index = bool(index.groups)
    if has_index:
        a.blocks.append(
            Heading(1, INDEX_TITLE, INDEX_TITLE, new_page=True, outline=OutlineItem(0, INDEX_TITLE))
        )
        a.blocks.append(index)
    for block in a.blocks:
        if isinstance(block, Heading) and block.level == 1:
            block.odd_page = True
    resolve(a.blocks, a.numbers, a.references, a.problems)
    set_anchors(a.blocks)
    sections, entries = _count(categories)
    tables = sum(1 for b in a.blocks if isinstance(b, Table))
    units = len(_contributors(book))
    figures = Figures(len(book.chapters), sections, entries, tables, _figures(a.blocks), units)
    front: list[Block] = [title_page(book), *plates, *notes(book, figures, has_index, a.problems)]
    for block in front:
        if isinstance(block, Heading):
            block.odd_page = True
    set_anchors(front, prefix="front")
    front.append(contents(a.blocks, book.toc_depth, months))
    if a.problems:
        raise YearbookError(a.problems)
    return Document(metadata(book), a.blocks, front), a.warnings
