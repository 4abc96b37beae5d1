"""Each 类目's odd-page head in the DOCX: how Word finds it, and the result a reader that
does not update fields shows.

The PDF's odd page shows the running head of the latest heading drawn by the end of the
page (writers/pdf/marks.py). A STYLEREF with `\\l` in a header takes the last paragraph
of its style on the page, else the latest one before the page: the same rule, for the
headings the style finds. So:

- a 类目 whose headings all carry one running head (专文, 大事记 whose months keep
  大事记, 索引) gets that text: no field, nothing to find wrong;
- a 类目 that opens with its first 分目 gets `STYLEREF 2 \\l`: a 分目 an editor adds is
  found too;
- a 类目 with text before its first 分目 (articles): on those pages a STYLEREF 2 would
  find the previous 类目's last 分目, so the 类目 heading and its 分目 carry the head-mark
  character style and the field refers to that.

The cached result is one text for all the 类目's odd pages: what Word computes on the
first odd page after the opening page (the opening page has no head). For a book, the
PDF's page map says where every heading landed; without it the guess is the first 分目,
or the 类目's own head where articles come first (an article outruns its opening page).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yearbook.doctree import Block, Heading
from yearbook.pagemap import PageMap
from yearbook.writers.docx.page import BY_LEVEL, BY_MARK, OddHead


@dataclass
class OddHeads:
    heads: dict[int, OddHead] = field(default_factory=dict)  # block index of a 类目's start → its head
    marked: set[int] = field(default_factory=set)  # block indexes of headings that carry the head mark


def odd_heads(blocks: list[Block], page_map: PageMap | None = None) -> OddHeads:
    out = OddHeads()
    pages = _pages(blocks, page_map)
    starts = [0] + [i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1 and i]
    for n, begin in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        first = blocks[begin] if blocks else None
        opening = first if isinstance(first, Heading) and first.level == 1 else None
        headings = [(i, b) for i in range(begin, end) if isinstance(b := blocks[i], Heading)]
        # 分目 that show their own text as the head (a 大事记 month shows 大事记).
        own = [(i, h) for i, h in headings if h.level == 2 and h.running_head == h.text]
        if not own or len({h.running_head for _, h in headings}) == 1:
            out.heads[begin] = OddHead(opening.running_head if opening else (own[0][1].text if own else ""))
            continue
        found = own
        kind = BY_LEVEL
        if opening is not None and own[0][0] > begin + 1 and opening.running_head == opening.text:
            kind = BY_MARK
            found = [(begin, opening), *own]
            out.marked.update(i for i, _ in found)
        guess = found[0][1].running_head
        out.heads[begin] = OddHead(_shown(found, pages, begin, end) or guess, kind)
    return out


def _pages(blocks: list[Block], page_map: PageMap | None) -> dict[int, int]:
    """Block index of each body heading → the page number the PDF set it on."""
    if page_map is None:
        return {}
    out: dict[int, int] = {}
    for i, block in enumerate(blocks):
        if isinstance(block, Heading) and block.anchor:
            folio = page_map.anchors.get(block.anchor, "")
            if folio.isdigit():  # the front matter's folios are Roman: no 类目 there
                out[i] = int(folio)
    return out


def _shown(found: list[tuple[int, Heading]], pages: dict[int, int], begin: int, end: int) -> str | None:
    """The head of the latest found heading by the end of the 类目's first odd page after
    its opening page; None where that page is unknown or belongs to the next 类目."""
    opening = pages.get(begin)
    if opening is None:
        return None
    page = opening + 1 if opening % 2 == 0 else opening + 2  # body page 1 is a right-hand page
    following = pages.get(end)
    if following is not None and page >= following:
        return None
    landed = [h for i, h in found if i in pages and pages[i] <= page]
    return landed[-1].running_head if landed else None
