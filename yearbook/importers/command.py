"""`yearbook import`: read, recognise, write the folder, and tell the user what came out."""

from __future__ import annotations

import sys
from pathlib import Path

from yearbook.diagnostics import Diagnostic, YearbookError
from yearbook.dump import write_folder
from yearbook.dump.folder import check_target
from yearbook.dump.yaml_book import Origin
from yearbook.i18n import register, tr
from yearbook.importers import import_file
from yearbook.model import Book, Figure

register(
    {
        "import.read": ("已读取：{file}", "Read: {file}"),
        "import.encoding": (
            "已读取：{file}（文本编码 {encoding}）",
            "Read: {file} (text encoding {encoding})",
        ),
        "import.wrote": ("已写入数据文件夹：{path}", "Wrote the data folder: {path}"),
        "import.summary": (
            "  类目 {chapters} 个，分目 {sections} 个，条目 {entries} 个，"
            "专文 {articles} 篇，表格 {tables} 张",
            "  {chapters} chapter(s), {sections} section(s), {entries} entries, {articles} article(s), "
            "{tables} table(s)",
        ),
        "import.records": (
            "  记录：会议 {meetings} 条，提案 {proposals} 条，调研视察 {activities} 条，培训 {trainings} 条，"
            "委员变动 {changes} 条",
            "  records: {meetings} meeting(s), {proposals} proposal(s), {activities} activity(ies), "
            "{trainings} training(s), {changes} member change(s)",
        ),
        "import.figures": (
            "  图片 {figures} 幅（文件在 images 文件夹中），彩页 {plates} 页",
            "  {figures} figure(s) (files in the images folder), {plates} colour-plate page(s)",
        ),
        "import.warnings": (
            "有 {n} 处需要核对（见上面的警告）。",
            "{n} place(s) to check (see the warnings above).",
        ),
        "import.bad_year": (
            "--year {year} 不是有效的记述年度，请写四位年份，例如 --year 2022",
            "--year {year} is not a valid recorded year; give four digits, e.g. --year 2022",
        ),
        "import.next": (
            "下一步：yearbook check {path} 查看原文差错；yearbook build {path} 生成 DOCX 和 PDF",
            "Next: yearbook check {path} for the source's errors; yearbook build {path} for the DOCX and PDF",
        ),
    }
)


def _summary(book: Book) -> list[str]:
    sections = [s for c in book.chapters for s in c.sections]
    entries = [e for s in sections for e in s.entries]
    records = [c.records for c in book.chapters]
    return [
        tr("import.summary", chapters=len(book.chapters), sections=len(sections), entries=len(entries),
           articles=sum(len(c.articles) for c in book.chapters), tables=sum(len(e.tables) for e in entries)),
        tr("import.records", meetings=sum(len(r.meetings) for r in records),
           proposals=sum(len(r.proposals) for r in records),
           activities=sum(len(r.activities) for r in records),
           trainings=sum(len(r.trainings) for r in records),
           changes=sum(len(r.member_changes) for r in records)),
        *_figures(book),
    ]


def _figures(book: Book) -> list[str]:
    figures = sum(len(e.figures) for s in (s for c in book.chapters for s in c.sections) for e in s.entries)
    figures += sum(1 for c in book.chapters for a in c.articles for x in a.body if isinstance(x, Figure))
    if not figures and not book.plates:
        return []
    return [tr("import.figures", figures=figures, plates=len(book.plates))]


def run_import(file: Path, out: Path, year: int | None, force: bool) -> int:
    if year is not None and not 1900 <= year <= 2200:
        raise YearbookError([Diagnostic("import.bad_year", {"year": year})])
    check_target(out, force)
    imported = import_file(file, year)
    source = imported.source
    if source.encoding:
        print(tr("import.encoding", file=file, encoding=source.encoding))
    else:
        print(tr("import.read", file=file))
    origin = Origin(file.name, source.encoding, imported.notes, imported.year_guessed, imported.auto_titles)
    write_folder(imported.book, origin, out, force, imported.images)
    for warning in imported.warnings:
        print(warning.render(), file=sys.stderr)
    print(tr("import.wrote", path=out))
    for line in _summary(imported.book):
        print(line)
    if imported.warnings:
        print(tr("import.warnings", n=len(imported.warnings)))
    print(tr("import.next", path=out))
    return 0
