"""The shared structure recogniser: source blocks (source.py) to the model.

It knows the forms of a yearbook chapter as offices type them: 类目 and 分目 headings
(Word headings, short bold or centred lines, short lines standing alone), 条目 titles
in 【】 (or [ ], 〔〕, with stray spaces), run-in parts, the 供稿 line, tables with their
`表N　title` caption, and the work-summary article (title, ——subtitle, □ byline,
headings). It never changes a character of the text it places; what it cannot place
is kept as a paragraph and named in a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yearbook import model as m
from yearbook.diagnostics import Diagnostic, Severity, YearbookError
from yearbook.i18n import register
from yearbook.importers.book_info import book_names, guess_year
from yearbook.importers.patterns import (
    ARTICLES_TITLE,
    BOOK_TITLE,
    BOOK_TITLE_LINE,
    CAPTION,
    CONTINUED,
    CREDIT,
    CREDIT_LINE,
    EMPTY_HEADER,
    ENTRY,
    FIGURE_CAPTION,
    NO_CAPTION,
    NO_TITLE,
    NUMBERED,
    PAGE_NUMBER,
    SENTENCE_END,
    SPACE,
    WEB,
    figure_caption_line,
    figure_credit,
    ordinal,
    short,
    split_runin_parts,
)
from yearbook.importers.pictures import ImageFiles, Unusable, usable
from yearbook.importers.records import TableContext, table_spec
from yearbook.importers.source import Block, ImageBlock, Para, Place, Source, TableBlock, located
from yearbook.load.book import BOOK_FILE
from yearbook.text import Text

register(
    {
        "import.web_line": (
            "{where}“{text}”是网页上的信息（不是年鉴正文），没有排入正文，已作为注释记在 {target} 开头",
            "{where}'{text}' is web page information, not yearbook text; it is not typeset but kept "
            "as a comment at the top of {target}",
        ),
        "import.repeated_title": (
            "{where}重复的书名行“{text}”没有排入正文，已作为注释记在 {target} 开头",
            "{where}the repeated title line '{text}' is not typeset; it is kept as a comment "
            "at the top of {target}",
        ),
        "import.no_entry": (
            "{where}这一段不在任何【条目】之下，已放进标题为“{title}”的条目，请补上条目标题",
            "{where}this paragraph is under no 【entry】; it was put into an entry titled '{title}', "
            "please give it its title",
        ),
        "import.no_section": (
            "{where}条目“{text}”前面没有分目标题，已放进标题为“{title}”的分目，请补上分目标题",
            "{where}the entry '{text}' has no section heading before it; it was put into a section "
            "titled '{title}', please give it its title",
        ),
        "import.after_table": (
            "{where}这一段在表格之后，生成时排在条目正文末尾、表格之前，请核对",
            "{where}this paragraph follows a table; the build sets it with the entry's text, before "
            "the table; please check",
        ),
        "import.no_caption": (
            "{where}表格没有“表N　表题”形式的表题，表题暂写为“{title}”，请补上",
            "{where}the table has no caption of the form '表N　title'; it was given '{title}', "
            "please replace it",
        ),
        "import.empty_header": (
            "{where}表头有空格子，暂写为“{title}”，请补上列名",
            "{where}the header row has an empty cell; it was given '{title}', please name the column",
        ),
        "import.table_number": (
            "{where}表号“表{found}”不连续，生成时按顺序编为“表{number}”",
            "{where}the table number 表{found} is out of sequence; the build numbers it 表{number}",
        ),
        "import.no_chapter_title": (
            "原文没有类目标题，暂用“{title}”，请核对 {file} 中的 title",
            "the source has no chapter title; '{title}' is used for now, check the title in {file}",
        ),
        "import.year_guessed": (
            "原文没有写明卷次和记述年度，按正文中最常见的年份定为记述年度 {year} 年，请核对 book.yaml"
            "（也可用 --year 指明）",
            "the source names no edition or recorded year; the most frequent year in the text, {year}, "
            "was taken as the recorded year; check book.yaml (or give --year)",
        ),
        "import.no_book_title": (
            "原文没有书名和编纂单位，暂写为“{title}”和“{unit}”，请在 book.yaml 中填写",
            "the source names no book title or compiling unit; '{title}' and '{unit}' were written, "
            "fill them in in book.yaml",
        ),
        "import.auto_number": (
            "{where}“{text}”用的是 Word 自动编号，编号不在文字里，导入后不再出现；需要编号请写进文字",
            "{where}'{text}' uses Word's automatic numbering; the number is not part of the text and "
            "will not appear after import; type it into the text if it is needed",
        ),
        "import.page_line": (
            "{where}“{text}”是页码或书眉（从 PDF 复制时带进来的），没有排入正文，"
            "已作为注释记在 {target} 开头",
            "{where}'{text}' is a page number or running head (copied along from a PDF); it is not "
            "typeset but kept as a comment at the top of {target}",
        ),
        "import.continued": (
            "{where}“{text}”及重复的表头已与上一页的表格接成一张表（生成时自动排续表）",
            "{where}'{text}' and the repeated header were joined to the table on the page before "
            "(the build sets its own 续表)",
        ),
        "import.no_year": (
            "“{file}”中找不到年份，无法确定记述年度。请用 --year 指明，例如 --year 2022",
            "'{file}' names no year, so the recorded year is unknown. Give it with --year, e.g. --year 2022",
        ),
        "import.image_no_caption": (
            "{where}这幅图片前后没有“图N　图题”形式的图题，没有导入；请在数据中添加插图并写上图题",
            "{where}this picture has no caption of the form '图N　caption' next to it and was not "
            "imported; add the figure to the data with its caption",
        ),
        "import.image_linked": (
            "{where}图片“{name}”只是链接到文档以外的文件，文档里没有这幅图，没有导入；"
            "请把原图放进数据文件夹后添加插图",
            "{where}the picture '{name}' is only linked to a file outside the document, which does not "
            "hold it; it was not imported; put the original into the data folder and add the figure",
        ),
        "import.image_format": (
            "{where}图片“{name}”是 {format} 格式，无法转换为 PNG，没有导入（图题已作为普通段落保留）；"
            "请在 Word 中右击图片“另存为图片”（PNG 或 JPEG），放进数据文件夹后添加插图",
            "{where}the picture '{name}' is in {format} format, which cannot be converted to PNG; it was "
            "not imported (its caption is kept as a paragraph); in Word, right-click it, 'Save as "
            "Picture' (PNG or JPEG), put it into the data folder and add the figure",
        ),
        "import.image_broken": (
            "{where}图片“{name}”无法使用，没有导入（图题已作为普通段落保留）：{reason}",
            "{where}the picture '{name}' cannot be used and was not imported (its caption is kept as "
            "a paragraph): {reason}",
        ),
        "import.caption_only": (
            "{where}“{text}”是图题，但这里没有图片（文本中不带图片），已作为普通段落保留；"
            "请把图片放进数据文件夹，在数据中添加插图后删去这一段",
            "{where}'{text}' is a figure caption, but there is no picture here (text holds none); it is "
            "kept as a paragraph; put the picture into the data folder, add the figure and delete "
            "this paragraph",
        ),
        "import.figure_number": (
            "{where}图号“图{found}”与生成时的图号“图{number}”不同（图号全书从图1起连续编排），"
            "正文中提到这幅图的地方请核对",
            "{where}the figure number 图{found} differs from the number the build gives it, 图{number} "
            "(figures are numbered from 图1 through the book); check where the text names it",
        ),
        "import.after_figure": (
            "{where}这一段在图片之后，生成时图片排在条目末尾（正文和表格之后），请核对",
            "{where}this follows a picture; the build sets an entry's figures at its end (after its "
            "text and tables); please check",
        ),
        "import.nothing": (
            "“{file}”中没有可导入的文字",
            "'{file}' holds no text to import",
        ),
    }
)

_PLAIN_STYLES = ("", "Normal", "Caption", "题注")


@dataclass
class _Here:
    """Where the recogniser is: the blocks, this one's index, the next paragraph."""

    blocks: list[Block]
    i: int
    following: Para | None


@dataclass
class Imported:
    """The model of what was read, with what the writer needs to comment it."""

    book: m.Book
    source: Source
    notes: list[str] = field(default_factory=list)  # source lines kept as comments
    auto_titles: set[int] = field(default_factory=set)  # chapters whose title was supplied
    year_guessed: bool = False
    warnings: list[Diagnostic] = field(default_factory=list)
    # Image files for the data folder, by path relative to it (images/image1.jpg).
    images: dict[str, bytes] = field(default_factory=dict)


class _Recogniser:
    def __init__(self, source: Source, year: int | None):
        self.source = source
        self.file = source.file
        self.year_option = year
        self.title_line: str | None = None
        self.edition: int | None = source.edition
        self.chapters: list[m.Chapter] = []
        self.auto_titles: set[int] = set()
        self.section: m.Section | None = None
        self.entry: m.Entry | None = None
        self.part: m.Part | None = None
        self.article: m.Article | None = None
        self.entry_tabled = False
        self.entry_from_text: dict[int, bool] = {}
        self.notes: list[str] = []
        self.warnings = source.warnings
        self.errors: list[Diagnostic] = []
        self.contexts: dict[int, TableContext] = {}
        self.auto_numbered: dict[int, Place] = {}  # article headings numbered by Word
        self.bold_entries: set[int] = set()  # entries whose title was a bold run-in, not 【】
        self.table_numbers: list[tuple[int, Place]] = []
        self.first_table_number: int | None = None
        self.images = ImageFiles()
        self.figure_count = 0
        self.figured: set[int] = set()  # entries that already have a figure
        self.plates: list[m.PlatePage] = []
        self.plate_table = 0  # the table the last plate photo was in
        blocks = source.blocks
        # No formatting that tells headings from text (a caption's style says nothing about that).
        self.plain = not any(
            isinstance(b, Para) and (b.heading or b.bold or b.centred or b.style not in _PLAIN_STYLES)
            for b in blocks
        )

    # ── helpers ──────────────────────────────────────────────────────────
    def warn(self, code: str, place: Place, **args: object) -> None:
        self.warnings.append(located(code, self.file, place, Severity.WARNING, **args))

    @property
    def chapter(self) -> m.Chapter:
        if not self.chapters:
            self.new_chapter(None)
        return self.chapters[-1]

    def new_chapter(self, title: str | None) -> None:
        if title is None:
            self.auto_titles.add(len(self.chapters))
        self.chapters.append(m.Chapter(Text(title or "")))
        self.section = self.entry = self.part = self.article = None

    def new_section(self, title: str) -> None:
        chapter = self.chapter
        self.article = None
        self.section = m.Section(Text(title))
        chapter.sections.append(self.section)
        self.entry = self.part = None

    def new_entry(self, title: str, place: Place) -> m.Entry:
        if self.section is None:
            self.warn("import.no_section", place, text=title, title=NO_TITLE)
            self.new_section(NO_TITLE)
        assert self.section is not None
        self.entry = m.Entry(Text(title))
        self.section.entries.append(self.entry)
        self.part = None
        self.entry_tabled = False
        self.entry_from_text[id(self.entry)] = self.plain
        return self.entry

    def add_paragraph(self, text: str, place: Place) -> None:
        if self.article is not None:
            self.article.body.append(Text(text))
            return
        if self.entry is None:
            self.warn("import.no_entry", place, title=NO_TITLE)
            self.new_entry(NO_TITLE, place)
        assert self.entry is not None
        if self.entry_tabled:
            self.warn("import.after_table", place)
        self.after_figure(place)
        if self.part is not None:
            self.part.paragraphs.append(Text(text))
        else:
            self.entry.paragraphs.append(Text(text))

    # ── the blocks ───────────────────────────────────────────────────────
    def run(self) -> None:
        blocks = self.joined_tables(self.source.blocks)
        captions = self.figure_captions(blocks)
        placed = set(captions.values())  # captions, placed with their pictures
        caption: tuple[str, Para] | None = None
        for i, block in enumerate(blocks):
            if isinstance(block, TableBlock):
                self.table(block, caption)
                caption = None
                continue
            if isinstance(block, ImageBlock):
                found = captions.get(i)
                self.picture(block, blocks[found] if found is not None else None)
                continue
            if i in placed:
                continue
            text = block.text
            if not text.strip(SPACE):
                continue
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if (CAPTION.match(text) or block.style in ("Caption", "题注")) and isinstance(nxt, TableBlock):
                caption = (text, block)
                continue
            self.paragraph(block, blocks, i)

    # ── figures ──────────────────────────────────────────────────────────
    def figure_captions(self, blocks: list[Block]) -> dict[int, int]:
        """Each picture's caption: the block just after it (or, where the document puts
        captions above pictures, just before it), in the same or the next paragraph."""

        def caption(i: int, j: int) -> bool:
            if not 0 <= j < len(blocks) or j in taken:
                return False
            image, para = blocks[i], blocks[j]
            if not isinstance(para, Para) or para.literal:
                return False
            assert isinstance(image, ImageBlock)
            if image.table:  # a photo table: the text of the same cell, or of the one under it
                cap, pic = para.place, image.place
                same_column = cap.kind == "cell" and (cap.n, cap.col) == (pic.n, pic.col)
                return same_column and cap.row - pic.row in (0, 1)
            near = para.place.kind == image.place.kind and abs(para.place.n - image.place.n) <= 2
            return near and self.is_caption(para)

        images = [i for i, b in enumerate(blocks) if isinstance(b, ImageBlock)]

        def pair(order: tuple[int, ...]) -> dict[int, int]:
            taken.clear()
            pairs: dict[int, int] = {}
            for i in images:
                for step in order:
                    if caption(i, i + step):
                        pairs[i] = i + step
                        taken.add(i + step)
                        break
            return pairs

        taken: set[int] = set()
        # Captions under the pictures, unless captions above pair more of them.
        below = len(pair((1,))) >= len(pair((-1,)))
        return pair((1, -1) if below else (-1, 1))

    @staticmethod
    def is_caption(p: Para) -> bool:
        if FIGURE_CAPTION.match(p.text):
            # next to a picture even 图1会场 is its caption; 图1显示，……。 is a sentence about it
            return figure_caption_line(p.text) or (len(p.text) <= 60 and not SENTENCE_END.search(p.text))
        # Word's caption style without a number typed (the number was a field): not a table's
        return p.style in ("Caption", "题注") and not CAPTION.match(p.text) and len(p.text) <= 80

    def in_front(self) -> bool:
        """Nothing of a chapter placed yet: where a book's 彩页 stand."""
        return not any(c.sections or c.articles for c in self.chapters)

    def picture(self, image: ImageBlock, caption: Para | None) -> None:
        """A picture with its caption becomes a figure (or, in a photo table before the
        first chapter, a 彩页 photo); without a caption it is named in a warning."""
        numbered = FIGURE_CAPTION.match(caption.text) if caption is not None else None
        plate = image.table > 0 and self.in_front() and caption is not None and numbered is None
        if caption is None:
            self.warn("import.image_no_caption", image.place)
            return
        title_text = numbered["title"] if numbered else caption.text
        title, kind, name = figure_credit(title_text)
        if not title:  # a bare 图N: no caption to give the figure
            self.warn("import.image_no_caption", image.place)
        path = self.image_file(image) if title else None
        if path is None:
            self.add_paragraph(caption.text, caption.place)  # the caption's text is never lost
            return
        credit = m.Credit(kind, Text(name)) if kind is not None else None
        width = m.FigureWidth.PAGE if image.page_width else m.FigureWidth.COLUMN
        figure = m.Figure(Text(path), Text(title), credit, width=width)
        if plate:
            if not self.plates or self.plate_table != image.table or len(self.plates[-1].photos) >= 4:
                self.plates.append(m.PlatePage())
            self.plate_table = image.table
            self.plates[-1].photos.append(figure)
            return
        self.figure_count += 1
        if numbered and int(numbered["n"]) != self.figure_count:
            self.warn("import.figure_number", caption.place, found=numbered["n"], number=self.figure_count)
        if self.article is not None:
            self.article.body.append(figure)
            return
        if self.entry is None:
            self.warn("import.no_entry", image.place, title=NO_TITLE)
            self.new_entry(NO_TITLE, image.place)
        assert self.entry is not None
        self.entry.figures.append(figure)
        self.figured.add(id(self.entry))

    def image_file(self, image: ImageBlock) -> str | None:
        """The picture's file in the data folder, or None with a located warning."""
        if image.data is None:
            self.warn("import.image_linked", image.place, name=image.name or "?")
            return None
        known = self.images.known(image.data)
        if known is not None:
            return known  # the same picture again: checked once, one file
        try:
            data, name = usable(image.data, image.name or "image.png")
        except Unusable as problem:
            self.warn(problem.code, image.place, **problem.args_)
            return None
        return self.images.add(data, name, original=image.data)

    def after_figure(self, place: Place) -> None:
        if self.article is None and self.entry is not None and id(self.entry) in self.figured:
            self.warn("import.after_figure", place)

    def joined_tables(self, blocks: list[Block]) -> list[Block]:
        """A table continued on the next page (续表, the header repeated) is one table."""
        out: list[Block] = []
        i = 0
        while i < len(blocks):
            b = blocks[i]
            # the table before, past the page number and running head between the pages
            prev = next((x for x in reversed(out) if not (
                isinstance(x, Para) and (PAGE_NUMBER.match(x.text) or BOOK_TITLE_LINE.match(x.text)))), None)
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if (isinstance(b, Para) and CONTINUED.match(b.text) and isinstance(prev, TableBlock)
                    and isinstance(nxt, TableBlock)):
                rows, places = nxt.rows, nxt.cell_places
                if rows and prev.rows and rows[0] == prev.rows[0]:
                    rows, places = rows[1:], places[1:]
                prev.rows = prev.rows + rows
                prev.cell_places = prev.cell_places + places
                self.notes.append(b.text)
                self.warn("import.continued", b.place, text=b.text)
                i += 2
                continue
            out.append(b)
            i += 1
        return out

    def paragraph(self, p: Para, blocks: list, i: int) -> None:
        """Try each form in turn; the first that recognises the paragraph places it."""
        if p.numbered and self.article is None and not p.literal:
            self.warn("import.auto_number", p.place, text=short(p.text))
        if not p.literal and figure_caption_line(p.text):
            # a caption with no picture (text copied from a page, or a picture that was lost)
            self.warn("import.caption_only", p.place, text=short(p.text, 30))
            self.add_paragraph(p.text, p.place)
            return
        here = _Here(blocks, i, self.next_para(blocks, i))
        forms = (
            self.kept_as_is, self.top_lines, self.web_line, self.page_line, self.article_title,
            self.article_head,
            self.credit_line, self.chapter_heading, self.article_body, self.entry_start,
            self.section_heading, self.run_in,
        )
        for form in forms:
            if form(p, here):
                return
        self.add_paragraph(p.text, p.place)

    def kept_as_is(self, p: Para, here: _Here) -> bool:
        if p.literal:
            self.add_paragraph(p.text, p.place)
        return p.literal

    def web_line(self, p: Para, here: _Here) -> bool:
        if not WEB.match(p.text):
            return False
        self.notes.append(p.text)
        self.warn("import.web_line", p.place, text=p.text, target=BOOK_FILE)
        return True

    def page_line(self, p: Para, here: _Here) -> bool:
        """Page numbers and running heads that came along from a PDF's pages."""
        text = p.text
        if p.place.kind != "line":  # a Word document's body holds no page furniture
            return False
        heads = {self.title_line, *(str(c.title) for c in self.chapters if c.sections or c.articles)}
        if not (PAGE_NUMBER.match(text) or (text in heads and self.chapter.sections)):
            return False
        self.notes.append(text)
        self.warn("import.page_line", p.place, text=text, target=BOOK_FILE)
        return True

    def article_title(self, p: Para, here: _Here) -> bool:
        """A title line followed by the ——subtitle or the □ byline opens a 专文."""
        nxt = here.following
        opens = (
            self.looks_heading(p) and not p.text.startswith(("——", "□"))
            and nxt is not None and nxt.text.startswith(("——", "□")) and len(nxt.text) <= 60
        )
        if p.style == "年鉴文章标题" or opens:
            self.start_article(p.text)
            return True
        return False

    def article_head(self, p: Para, here: _Here) -> bool:
        """The subtitle and byline, directly under the article's title."""
        article, text = self.article, p.text
        if article is None or article.body:
            return False
        if (p.style == "年鉴副题" or text.startswith("——")) and article.subtitle is None:
            article.subtitle = Text(text)
            return True
        if (p.style == "年鉴署名" or text.startswith("□")) and article.byline is None:
            article.byline = Text(text)
            return True
        return False

    def credit_line(self, p: Para, here: _Here) -> bool:
        contributor = self.credit(p)
        if contributor is None or not self.ends_chapter(here.blocks, here.i):
            return False
        self.chapter.contributor = contributor
        self.article = None
        return True

    def chapter_heading(self, p: Para, here: _Here) -> bool:
        text, nxt = p.text, here.following
        if p.heading == 1:
            self.new_chapter(text)
            return True
        if not self.untitled_start() or ENTRY.match(text):
            return False
        # A centred line, or the first of two heading lines in a row (类目, then 分目).
        if (p.centred and len(text) <= 40) or (
            self.section_like(p) and nxt is not None and self.section_like(nxt) and not ENTRY.match(nxt.text)
        ):
            self.chapter.title = Text(text)
            self.auto_titles.discard(len(self.chapters) - 1)
            return True
        return False

    def article_body(self, p: Para, here: _Here) -> bool:
        article, text = self.article, p.text
        if article is None:
            return False
        if p.numbered and (p.heading >= 2 or len(text) <= 40):
            heading = m.ArticleHeading(Text(text))
            self.auto_numbered[id(heading)] = p.place
            article.body.append(heading)
        elif p.heading >= 2 or (p.bold and len(text) <= 40) or (
            # plain text has no bold: a short line without sentence punctuation is a heading
            self.plain and len(text) <= 40 and not SENTENCE_END.search(text)
        ):
            article.body.append(m.ArticleHeading(Text(text)))
        else:
            article.body.append(Text(text))
        return True

    def entry_start(self, p: Para, here: _Here) -> bool:
        em = ENTRY.match(p.text)
        if not em or em["title"].strip(SPACE).isdigit():
            return False
        entry = self.new_entry(em["title"].strip(SPACE), p.place)
        rest = em["rest"].strip(SPACE)
        if rest:
            entry.paragraphs.append(Text(rest))
        return True

    def section_heading(self, p: Para, here: _Here) -> bool:
        if p.heading >= 2 or self.section_like(p):
            self.new_section(p.text)
            return True
        return False

    def run_in(self, p: Para, here: _Here) -> bool:
        """A bold title run at the start: a part of the entry, or (where no 【】 are used)
        the entry's own title."""
        lead = p.spans[0] if p.spans else None
        if lead is None or not (lead.bold or lead.style == "年鉴小题") or len(p.spans) < 2 or p.bold:
            return False
        title = lead.text.strip(SPACE)
        if not 0 < len(title) <= 30:
            return False
        rest = "".join(s.text for s in p.spans[1:]).strip(SPACE)
        if self.entry is None or id(self.entry) in self.bold_entries:
            entry = self.new_entry(title, p.place)
            self.bold_entries.add(id(entry))
            if rest:
                entry.paragraphs.append(Text(rest))
            return True
        self.after_figure(p.place)
        self.part = m.Part(Text(title), [Text(rest)] if rest else [])
        self.entry.parts.append(self.part)
        self.entry_from_text[id(self.entry)] = False
        return True

    def top_lines(self, p: Para, here: _Here) -> bool:
        """The book title line (书名-卷次) and its repetitions, before any content."""
        if self.chapters and any(c.sections or c.articles for c in self.chapters):
            return False
        bm = BOOK_TITLE_LINE.match(p.text)
        if not bm or len(p.text) > 40:
            return False
        if self.title_line is None:
            self.title_line = bm["title"]
            if bm["year"] and self.edition is None:
                self.edition = int(bm["year"])
            self.notes.append(p.text)
            return True
        if bm["title"] == self.title_line:
            self.notes.append(p.text)
            self.warn("import.repeated_title", p.place, text=p.text, target=BOOK_FILE)
            return True
        return False

    def untitled_start(self) -> bool:
        """Nothing placed yet in a chapter that has no title: the first title-like line names it."""
        if not self.chapters:
            return True
        c = self.chapters[-1]
        return not c.title and not c.sections and not c.articles

    @staticmethod
    def next_para(blocks: list, i: int) -> Para | None:
        for b in blocks[i + 1 :]:
            if not isinstance(b, Para):
                return None
            if b.text.strip(SPACE):
                return b
        return None

    def looks_heading(self, p: Para) -> bool:
        short = len(p.text) <= 40 and not SENTENCE_END.search(p.text)
        return bool(p.heading or p.bold or p.centred or short)

    @staticmethod
    def section_like(p: Para) -> bool:
        """A 分目 heading: a short line of its own without sentence punctuation, whether the
        clerk made it bold, centred it, or neither."""
        text = p.text
        return not (len(text) > 20 or SENTENCE_END.search(text) or CAPTION.match(text)
                    or text.startswith(("（", "(")) or "供稿" in text)

    def start_article(self, title: str) -> None:
        chapter = self.chapter
        if not chapter.title and not chapter.sections and not chapter.articles:
            chapter.title = Text(ARTICLES_TITLE)
        self.section = self.entry = self.part = None
        self.article = m.Article(Text(title))
        chapter.articles.append(self.article)

    def credit(self, p: Para) -> m.Contributor | None:
        """The 供稿 line in its usual forms; the chapter has one, at its end."""
        text = p.text
        if "供稿" not in text and p.style != "年鉴供稿":
            return None
        cm = CREDIT.match(text) or CREDIT_LINE.match(text)
        if not cm or self.chapter.contributor is not None:
            return None
        who = re.sub(r"供稿$", "", cm["who"].strip(SPACE)).strip(SPACE)
        parts = re.split(r"[\s\u3000]+", who, maxsplit=1)
        if not parts[0]:
            return None
        return m.Contributor(Text(parts[0]), Text(parts[1]) if len(parts) > 1 else None)

    @staticmethod
    def ends_chapter(blocks: list, i: int) -> bool:
        """Only web-page lines follow before the next 类目: a 供稿 line inside the chapter
        (one unit's part among several) stays where it is, as text."""
        for b in blocks[i + 1 :]:
            if not isinstance(b, Para):
                return False
            if b.heading == 1:
                return True
            if b.text.strip(SPACE) and not WEB.match(b.text):
                return False
        return True

    def table(self, block: TableBlock, caption: tuple[str, Para] | None) -> None:
        if caption is None and block.title_row:
            caption = (block.rows[0][0], Para(block.rows[0][0], block.place))
            block = TableBlock(block.rows[1:], block.place, block.cell_places[1:])
        if caption is not None:
            cm = CAPTION.match(caption[0])
            title = (cm["title"] if cm else caption[0]).strip(SPACE) or NO_CAPTION
            if cm:
                number = int(cm["n"])
                if self.first_table_number is None:
                    self.first_table_number = number
                self.table_numbers.append((number, caption[1].place))
        else:
            title = NO_CAPTION
            self.warn("import.no_caption", block.place, title=NO_CAPTION)
        kept = [i for i, r in enumerate(block.rows) if any(c.strip(SPACE) for c in r)]
        rows = [block.rows[i] for i in kept]
        cell_places = [block.cell_places[i] for i in kept] if block.cell_places else []
        if not rows:
            return
        ctx = self.contexts.setdefault(
            id(self.chapter), TableContext(self.file, self.recorded_year(), self.chapter.records)
        )
        spec = table_spec(rows, Text(title), block.place, ctx, cell_places)
        self.warnings.extend(ctx.warnings)
        ctx.warnings.clear()
        self.errors.extend(ctx.errors)
        ctx.errors.clear()
        if isinstance(spec, m.FreeTable) and any(not str(c).strip() for c in spec.columns):
            self.warn("import.empty_header", block.place, title=EMPTY_HEADER)
            spec.columns = [c if str(c).strip() else Text(EMPTY_HEADER) for c in spec.columns]
        if self.article is not None or self.entry is None:
            self.article = None
            self.warn("import.no_entry", block.place, title=NO_TITLE)
            self.new_entry(NO_TITLE, block.place)
        assert self.entry is not None
        self.after_figure(block.place)
        self.entry.tables.append(spec)
        self.entry_tabled = True

    # ── after the blocks ─────────────────────────────────────────────────
    def numbered_articles(self) -> None:
        """Headings numbered 一、二、三… in order become `numbered: true` (the build numbers them)."""
        for chapter in self.chapters:
            for article in chapter.articles:
                heads = [b for b in article.body if isinstance(b, m.ArticleHeading)]
                auto = [h for h in heads if id(h) in self.auto_numbered]
                if auto and len(auto) == len(heads):
                    article.numbered = True  # Word printed 一、二、…; the build does the same
                    continue
                for h in auto:
                    self.warn("import.auto_number", self.auto_numbered[id(h)], text=short(str(h.text)))
                matches = [NUMBERED.match(str(h.text)) for h in heads]
                if heads and all(mt and mt["n"] == ordinal(k) and mt[0][len(mt["n"])] == "、"
                                 for k, mt in enumerate(matches, start=1)):
                    for h, mt in zip(heads, matches, strict=True):
                        assert mt is not None
                        h.text = Text(mt["text"])
                    article.numbered = True

    def finish(self) -> Imported:
        for chapter in self.chapters:
            for section in chapter.sections:
                for entry in section.entries:
                    if self.entry_from_text.get(id(entry)):
                        split_runin_parts(entry)
        self.numbered_articles()
        # A chapter opened only because text came before any heading may stay empty.
        chapters = [c for c in self.chapters if c.title or c.sections or c.articles or c.contributor]
        if not chapters:
            raise YearbookError([Diagnostic("import.nothing", {"file": self.file})])
        year, guessed = self.year_option, False
        if year is None and self.edition is not None:
            year = self.edition - 1
        if year is None:
            year, guessed = guess_year(chapters, self.source.blocks), True
        if year is None:
            raise YearbookError([Diagnostic("import.no_year", {"file": self.file})])
        title, unit = book_names(self.source, self.title_line, chapters)
        if title == BOOK_TITLE:
            d = Diagnostic("import.no_book_title", {"title": title, "unit": unit})
            d.severity = Severity.WARNING
            self.warnings.append(d)
        supplied: set[int] = set()
        for pos, chapter in enumerate(chapters):
            if self.chapters.index(chapter) in self.auto_titles:
                supplied.add(pos)
            if not chapter.title:
                named = re.sub(r"年鉴$", "", title) if title != BOOK_TITLE else ""
                chapter.title = Text(named or NO_TITLE)
        for pos in sorted(supplied):
            args = {"title": chapters[pos].title, "file": f"chapter{pos + 1}.yaml"}
            d = Diagnostic("import.no_chapter_title", args)
            d.severity = Severity.WARNING
            self.warnings.append(d)
        self.check_table_numbers()
        if self.errors:
            raise YearbookError(self.errors)
        book = m.Book(
            Text(title), (self.edition or year + 1), year, Text(unit), chapters,
            first_table_number=self.first_table_number or 1,
            plates=self.plates,
        )
        if guessed:
            d = Diagnostic("import.year_guessed", {"year": year})
            d.severity = Severity.WARNING
            self.warnings.append(d)
        return Imported(book, self.source, self.notes, supplied, guessed, self.warnings, self.images.files)

    def check_table_numbers(self) -> None:
        if not self.table_numbers:
            return
        expected = self.table_numbers[0][0]
        for found, place in self.table_numbers:
            if found != expected:
                self.warn("import.table_number", place, found=found, number=expected)
            expected += 1

    def recorded_year(self) -> int | None:
        """The year a date without one belongs to: --year, else the edition's year − 1."""
        if self.year_option is not None:
            return self.year_option
        return self.edition - 1 if self.edition is not None else None


def recognise(source: Source, year: int | None = None) -> Imported:
    r = _Recogniser(source, year)
    r.run()
    return r.finish()
