"""The model as YAML text in the loader's format, with Chinese comments like data/."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from yearbook import model as m
from yearbook.dump.scalars import iso, quoted, text_block

KIND_COMMENTS = {
    m.MeetingKind.PLENARY: "全体会议",
    m.MeetingKind.STANDING: "常委会会议",
    m.MeetingKind.CHAIR: "主席会议",
    m.MeetingKind.OTHER: "其他会议",
}
SOURCE_COMMENTS = {
    "meetings": "会议",
    "proposals": "提案",
    "activities": "调研视察",
    "trainings": "培训",
    "member_changes": "委员变动",
}
_NUMERALS = "一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _NUMERALS[tens - 1]) + "十" + (_NUMERALS[ones - 1] if ones else "")


@dataclass
class Origin:
    """Where the data came from, for the comments at the top of each file."""

    file: str
    encoding: str | None
    notes: list[str]
    year_guessed: bool
    auto_titles: set[int]


def _pad(text: str, column: int = 36) -> str:
    """Pad to a screen column, counting a Chinese character as two, so comments line up."""
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(1, column - width)


class _Lines:
    def __init__(self) -> None:
        self.out: list[str] = []

    def add(self, line: str = "") -> None:
        self.out.append(line)

    def text(self) -> str:
        return "\n".join(self.out).rstrip("\n") + "\n"


def book_yaml(book: m.Book, chapter_files: list[str], origin: Origin) -> str:
    w = _Lines()
    w.add("# 年鉴总入口：书名、卷次、记述年度、编纂单位等基本信息，以及各类目的先后顺序。")
    w.add(f"# 由“{origin.file}”导入" + (f"（文本编码 {origin.encoding}）" if origin.encoding else "") + "。")
    w.add("# 导入不改动原文一个字：原文中的差错请用 yearbook check 查找，yearbook check --fix 修正标点。")
    if origin.notes:
        w.add("# 原文中以下几行不是年鉴正文（书名行、网页信息），没有排入，仅记录在此：")
        for note in origin.notes:
            w.add(f"#   {note}")
    if origin.year_guessed:
        w.add("# 注意：原文没有写明卷次和记述年度，以下年份是按正文推断的，请核对。")
    w.add("")
    fields = [
        ("title", book.title, "书名（偶数页书眉）"),
        ("edition", book.edition, f"卷次：{book.edition}卷"),
        ("year", book.year, f"记述年度：{book.year}年1月1日至12月31日"),
        ("unit", book.unit, "编纂单位"),
        ("style", "yearbook", "版式：年鉴版式（另有 gongwen 公文版式供送审）"),
    ]
    if book.first_table_number != 1:
        n = book.first_table_number
        fields.append(("first_table_number", n, f"起始表号：本书第一张表为表{n}，其后各表自动连续编号"))
    for key, value, comment in fields:
        w.add(_pad(f"{key}: {quoted(value)}") + f"# {comment}")
    w.add("")
    w.add(_pad("chapters:") + "# 类目，按书中顺序排列")
    for path, chapter in zip(chapter_files, book.chapters, strict=True):
        w.add(_pad(f"  - include: {quoted(path)}") + f"# {chapter.title}")
    if book.plates:
        w.add("")
        w.add(_pad("plates:") + "# 彩页：书前的彩色照片页，每项一页，每页一至四幅")
        for page in book.plates:
            w.add(_pad("  - photos:") + "# 照片")
            for photo in page.photos:
                _figure(w, photo, 8, first="- ", plate=True)
    return w.text()


def chapter_yaml(chapter: m.Chapter, records_file: str | None, origin: Origin, auto_title: bool) -> str:
    w = _Lines()
    w.add(f"# 类目：{chapter.title}（由“{origin.file}”导入）")
    w.add("# 写法提示：")
    if chapter.sections:
        w.add("#   · 每个条目的 title 会排成【标题】，正文 text 每一行是一个自然段。")
        w.add("#   · 表号“表N”自动编排，表题 caption 只写“表N”后面的文字。")
    if chapter.articles:
        w.add("#   · 专文 body 下每一项是一个自然段；“- heading: …”是文中的小标题。")
    if _has_figures(chapter):
        w.add("#   · 图号“图N”自动编排，图题 caption 只写“图N”后面的文字；图片文件在 images 文件夹中。")
    if records_file:
        w.add(f"#   · 记录表（from: …）的各行由 {records_file} 中的记录生成，改数据请改那里。")
    w.add("#   · 正文照原文导入，未作任何改动；差错请用 yearbook check 查找。")
    w.add("")
    if auto_title:
        w.add("# 注意：原文没有类目标题，下面的标题是导入时补的，请核对。")
    w.add(f"title: {quoted(chapter.title)}")
    if chapter.contributor is not None:
        c = chapter.contributor
        who = f"{c.unit}　{c.person}" if c.person else str(c.unit)
        w.add("")
        w.add(f"# 供稿：排成章末“（{who}供稿）”")
        w.add("contributor:")
        w.add(f"  unit: {quoted(c.unit)}")
        if c.person:
            w.add(f"  person: {quoted(c.person)}")
    if records_file:
        w.add("")
        w.add("# 本类目的会议、提案、调研等记录")
        w.add("records:")
        w.add(f"  include: {quoted(records_file)}")
    if chapter.articles:
        w.add("")
        w.add("articles:")
        for article in chapter.articles:
            _article(w, article)
    if chapter.sections:
        w.add("")
        w.add("sections:")
        for n, section in enumerate(chapter.sections, start=1):
            w.add("")
            w.add(f"  # ───────────────────────── 分目{_cn(n)} ─────────────────────────")
            w.add(f"  - title: {quoted(section.title)}")
            if section.entries:
                w.add("    entries:")
            for entry in section.entries:
                _entry(w, entry)
    return w.text()


def _entry(w: _Lines, entry: m.Entry) -> None:
    w.add("")
    w.add(f"      - title: {quoted(entry.title)}")
    if entry.paragraphs:
        w.add(f"        text: {text_block([str(p) for p in entry.paragraphs], 10)}")
    if entry.parts:
        w.add("        parts:            # 分项：小标题加粗，紧接正文")
        for part in entry.parts:
            w.add(f"          - title: {quoted(part.title)}")
            if part.paragraphs:
                w.add(f"            text: {text_block([str(p) for p in part.paragraphs], 14)}")
    if len(entry.tables) == 1:
        w.add("        table:")
        _table(w, entry.tables[0], 10, first="")
    elif entry.tables:
        w.add("        tables:")
        for table in entry.tables:
            _table(w, table, 12, first="- ")
    if len(entry.figures) == 1:
        w.add(_pad("        figure:", 44) + "# 图片：排在条目末尾，图号自动编排")
        _figure(w, entry.figures[0], 10, first="")
    elif entry.figures:
        w.add(_pad("        figures:", 44) + "# 图片组：排在条目末尾，图号自动编排")
        for figure in entry.figures:
            _figure(w, figure, 12, first="- ")


def _has_figures(chapter: m.Chapter) -> bool:
    return any(e.figures for s in chapter.sections for e in s.entries) or any(
        isinstance(x, m.Figure) for a in chapter.articles for x in a.body)


_CREDIT_KEYS = {
    m.CreditKind.PHOTO: ("photographer", "摄影：排成“（{name}　摄）”"),
    m.CreditKind.SUPPLIED: ("supplied_by", "供图：排成“（{name}　供图）”"),
}


def _figure(w: _Lines, figure: m.Figure, indent: int, first: str, plate: bool = False) -> None:
    """A figure's keys, each with its Chinese comment, as the example data writes them."""
    pad = " " * (indent - len(first))
    inner = " " * indent
    w.add(_pad(f"{pad}{first}file: {quoted(figure.file)}", 44) + "# 文件：相对于本文件")
    caption_note = "图题" if plate else "图题：只写“图N”后面的文字"
    w.add(_pad(f"{inner}caption: {quoted(figure.caption)}", 44) + f"# {caption_note}")
    if figure.credit is not None:
        key, note = _CREDIT_KEYS[figure.credit.kind]
        name = figure.credit.name
        shown = " ".join(str(name).split())  # a comment is one line
        w.add(_pad(f"{inner}{key}: {quoted(name)}", 44) + f"# {note.format(name=shown)}")
    if plate:
        return
    if figure.width is m.FigureWidth.PAGE:
        w.add(_pad(f"{inner}width: {quoted(figure.width.value)}", 44) + "# 通栏：图片与版心同宽")
    if figure.placement is not m.Placement.HERE:
        where = "栏顶" if figure.placement is m.Placement.TOP else "栏底"
        w.add(_pad(f"{inner}placement: {quoted(figure.placement.value)}", 44) + f"# 位置：{where}")
    if figure.id is not None:
        w.add(_pad(f"{inner}id: {quoted(figure.id)}", 44) + "# 编号：正文用 {{figure.编号}} 引用图号")


def _table(w: _Lines, table: m.TableSpec, indent: int, first: str) -> None:
    pad = " " * (indent - len(first))
    inner = " " * indent
    w.add(f"{pad}{first}caption: {quoted(table.caption)}")
    if isinstance(table, m.GeneratedTable):
        comment = SOURCE_COMMENTS[table.source.value]
        w.add(f"{inner}from: {quoted(table.source.value)}          # 由{comment}记录生成")
        if table.kind is not None:
            w.add(f"{inner}kind: {quoted(table.kind.value)}          # 只列{KIND_COMMENTS[table.kind]}")
        return
    w.add(f"{inner}columns: [{', '.join(quoted(c) for c in table.columns)}]")
    w.add(f"{inner}rows:")
    for row in table.rows:
        w.add(f"{inner}  - [{', '.join(quoted(c) for c in row)}]")


def _article(w: _Lines, article: m.Article) -> None:
    w.add("")
    w.add(f"  # ─────────────── {article.title} ───────────────")
    w.add(f"  - title: {quoted(article.title)}")
    if article.subtitle is not None:
        w.add(f"    subtitle: {quoted(article.subtitle)}")
    if article.byline is not None:
        w.add(f"    byline: {quoted(article.byline)}")
    if article.numbered:
        w.add('    numbered: "true"     # 小标题自动加“一、二、三、……”，小标题文字里不再写序号')
    w.add("    body:                # 正文：每一项是一个自然段，“- heading: …”是小标题")
    for item in article.body:
        if isinstance(item, m.ArticleHeading):
            w.add("")
            w.add(f"      - heading: {quoted(item.text)}")
        elif isinstance(item, m.Figure):
            w.add(_pad("      - figure:", 44) + "# 图片：排在前后两段之间，图号自动编排")
            _figure(w, item, 10, first="")
        else:
            w.add(f"      - {quoted(item)}")


def records_yaml(chapter: m.Chapter, origin: Origin) -> str:
    r = chapter.records
    w = _Lines()
    w.add(f"# {chapter.title} 记录（由“{origin.file}”中的表格导入）")
    w.add("# 表格由这里的记录自动生成。日期写法：2022-02-28 一天；2022-02-21/23 连续几天（2月21日至23日）；")
    w.add("#   2022-06-08, 2022-06-14 不连续的几天（6月8日、14日）；2022-09 一个月。")
    w.add("# 表题已写明年份的表，表内日期自动省去年份。")
    if r.meetings:
        w.add("")
        w.add("meetings:   # 会议")
        kind = None
        for meeting in r.meetings:
            if meeting.kind is not kind:
                kind = meeting.kind
                w.add("")
                w.add(f"  # ── {KIND_COMMENTS[kind]} ──")
            w.add(f"  - name: {quoted(meeting.name)}")
            w.add(f"    kind: {quoted(meeting.kind.value)}")
            if meeting.themed:
                w.add('    themed: "true"     # 专题议政性常委会')
            w.add(f"    date: {quoted(iso(meeting.date))}")
            if meeting.content is not None:
                w.add(f"    content: {quoted(meeting.content)}")
            w.add("")
    if r.proposals:
        w.add("")
        w.add("proposals:   # 提案")
        for p in r.proposals:
            w.add(f"  - number: {quoted(p.number)}")
            w.add(f"    subject: {quoted(p.subject)}      # 案由")
            w.add(f"    proposer: {quoted(p.proposer)}    # 提案者")
            w.add(f"    handler: {quoted(p.handler)}      # 承办单位")
            if p.supervisor is not None:
                w.add(f"    supervisor: {quoted(p.supervisor)}   # 领衔督办领导")
            w.add("")
    if r.activities:
        w.add("")
        w.add("activities:   # 调研视察")
        for a in r.activities:
            w.add(f"  - date: {quoted(iso(a.date))}")
            w.add(f"    topic: {quoted(a.topic)}      # 调研内容")
            if a.outcome is not None:
                w.add(f"    outcome: {quoted(a.outcome)}    # 调研成果")
            w.add("")
    if r.trainings:
        w.add("")
        w.add("trainings:   # 培训")
        for t in r.trainings:
            w.add(f"  - date: {quoted(iso(t.date))}")
            w.add(f"    title: {quoted(t.title)}")
            if t.days is not None:
                w.add(f"    days: {quoted(t.days)}")
            w.add("")
    if r.member_changes:
        w.add("")
        w.add("member_changes:   # 委员变动")
        for c in r.member_changes:
            w.add(f"  - change: {quoted(c.change.value)}")
            w.add(f"    names: [{', '.join(quoted(n) for n in c.names)}]")
            if c.date is not None:
                w.add(f"    date: {quoted(iso(c.date))}")
            if c.note is not None:
                w.add(f"    note: {quoted(c.note)}")
            w.add("")
    return w.text()
