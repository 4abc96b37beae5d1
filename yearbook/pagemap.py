"""Where a book's parts landed in the PDF, handed from the PDF writer to the DOCX writer.

The DOCX has no layout of its own until Word opens it; its 目录 and 索引 fields carry a
shown result, and that result takes the PDF's page numbers so that both files agree.
Plain data: the writers never import each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PageMap:
    # Heading anchor -> the page number printed on the page where the heading lands
    # ("12"; Roman numerals in the front matter).
    anchors: dict[str, str] = field(default_factory=dict)
    # 索引 term -> its references in page order ("12a", "12b"; "12" in one-column styles).
    index: dict[str, list[str]] = field(default_factory=dict)
    pages: int = 0  # physical pages in the PDF
    front_pages: int = 0  # of which front matter (书名页, 编辑说明, 目录), blank pages included
    # Anchors a 目录 entry names but no heading carries.
    unresolved: list[str] = field(default_factory=list)
