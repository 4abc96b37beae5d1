"""Unit folders included in a whole book: `unit: 单位稿/政协` and `units: [...]`.

A unit folder is a data folder that builds alone (its own book.yaml). A book takes
its chapters either as whole 类目 (`- unit: folder` in a chapter list) or places them
under a 类目 of the book as 分目 (`units:` of a chapter). Each unit is read with its
own folder as the limit for `include`, so it reads exactly as it does alone; its
messages name its own files. Every unit is read even when another has errors, so
one run reports them all.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yearbook import model as m
from yearbook.diagnostics import Diagnostic, Location, display_path
from yearbook.i18n import register, tr
from yearbook.load.figures import resolve_figures
from yearbook.load.nodes import Mapping, Node, Reader, Scalar, Sequence
from yearbook.load.schema import INVALID, Context, Invalid, Kind

if TYPE_CHECKING:
    from concurrent.futures import Future

register(
    {
        "unit.not_text": ("单位应写成文件夹路径", "a unit must be given as a folder path"),
        "unit.outside": (
            "单位文件夹“{target}”不在“{folder}”之内；单位文件夹须放在全书文件夹中",
            "unit folder '{target}' is outside '{folder}'; keep unit folders inside the book folder",
        ),
        "unit.missing": ("单位文件夹“{target}”不存在", "unit folder '{target}' does not exist"),
        "unit.no_book": (
            "单位文件夹“{target}”中没有 book.yaml",
            "unit folder '{target}' has no book.yaml",
        ),
        "unit.twice": (
            "单位文件夹“{target}”重复收录，第一次收录在 {first}",
            "unit folder '{target}' is included twice; first included at {first}",
        ),
        "unit.cycle": ("单位循环收录：{chain}", "units include each other in a cycle: {chain}"),
        "unit.year": (
            "单位“{unit}”的记述年度为 {unit_year} 年，与全书的 {year} 年不同",
            "unit '{unit}' records {unit_year}, the book records {year}",
        ),
        "unit.book_parts": (
            "单位“{unit}”的数据含有{parts}，这些只能写在全书的 book.yaml 中",
            "unit '{unit}' has {parts}, which only the book's own book.yaml may have",
        ),
        "unit.part.special": ("特载", "a special section (special)"),
        "unit.part.appendix": ("附录", "an appendix"),
        "unit.part.index": ("索引", "index cross-references"),
        "unit.part.and": ("、", ", "),
        "unit.whole_only": (
            "“unit”（单位）须单独成项：“- unit: 文件夹”",
            "'unit' must stand alone in its item: '- unit: folder'",
        ),
    }
)

UNIT_KEYS = ("unit", "单位")
UNITS_KEYS = ("units", "收录单位")
# Reading units in other processes pays from this many on (a process costs little
# when forked; where processes are spawned, as on Windows, units are read in turn).
READ_AHEAD_FROM = 4


class _UnitReader(Reader):
    """Reads one folder, limited to it, naming files as seen from the book's folder."""

    def __init__(self, folder: Path, shown_from: Path):
        super().__init__(folder)
        self.shown_from = shown_from

    def name(self, path: Path) -> str:
        return display_path(path, self.shown_from)


class BookContext(Context):
    """Schema context of one folder's book.yaml, knowing where units are read from."""

    def __init__(self, folder: Path, root: Path, chain: tuple[Path, ...], seen: dict[Path, Location]):
        super().__init__()
        self.folder = folder  # the folder whose book.yaml is being read (resolved)
        self.root = root  # the folder the user named: file names are shown from it
        self.chain = chain  # folders including this one, itself last (cycles)
        self.seen = seen  # every unit folder included anywhere in the book (duplicates)
        self.units: list[m.Unit] = []
        self.unit_diagnostics: list[Diagnostic] = []
        self.unit_warnings: list[Diagnostic] = []
        self.files: dict[Path, str] = {}
        self.chronicle: list[m.ChronicleItem] = []  # 大事记 items the units bring
        self.plates: list[m.PlatePage] = []  # 彩页 pages the units bring
        self.ahead: dict[Path, Future[FolderResult]] = {}  # units being read in other processes


@dataclass
class FolderResult:
    book: m.Book | None
    files: dict[Path, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)  # read, but something may be amiss


def read_folder(
    folder: Path, root: Path, chain: tuple[Path, ...], seen: dict[Path, Location]
) -> FolderResult:
    """One folder's book.yaml (and, through it, its units) to a Book, every problem collected."""
    from yearbook.load.book import BOOK, BOOK_FILE

    reader = _UnitReader(folder, root)
    node = reader.read(folder / BOOK_FILE)
    ctx = BookContext(folder.resolve(), root, chain, seen)
    with _read_ahead(node, ctx) as ahead:
        ctx.ahead = ahead
        book = BOOK.convert(node, ctx, "") if node is not None else None
    schema_problems = ctx.diagnostics
    if reader.diagnostics:
        # A file that could not be read leaves its fields absent; saying so again
        # as "missing field" would only bury the real error.
        schema_problems = [d for d in schema_problems if d.code != "schema.missing"]
    problems = reader.diagnostics + schema_problems + ctx.unit_diagnostics
    warnings = reader.warnings + ctx.unit_warnings
    files = {**reader.files, **ctx.files}
    if not isinstance(book, m.Book):
        return FolderResult(None, files, problems, warnings)
    # Image paths are the folder's own: a unit's pictures are found in the unit folder.
    problems += resolve_figures(book, folder, files)
    book.units = ctx.units
    first: dict[str, m.Unit] = {}
    for unit in ctx.units:
        # Units read in other processes cannot see each other's: a unit included by
        # two units is found here.
        if unit.folder in first:
            args = {"target": unit.folder, "first": first[unit.folder].loc}
            problems.append(Diagnostic("unit.twice", args, unit.loc))
        first.setdefault(unit.folder, unit)
        if unit.year != book.year:
            args = {"unit": str(unit.name), "unit_year": unit.year, "year": book.year}
            problems.append(Diagnostic("unit.year", args, unit.loc))
    # A unit's 彩页 go to the front of the whole book, after the book's own.
    book.plates.extend(ctx.plates)
    if ctx.chronicle:
        if book.chronicle is None:
            book.chronicle = m.Chronicle()
        book.chronicle.items.extend(ctx.chronicle)
    return FolderResult(book, files, problems, warnings)


def _named_units(node: Node | None, folder: Path) -> list[Path]:
    """The unit folders a book.yaml names itself, that exist and may be read."""
    found: list[Path] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Sequence):
            stack.extend(reversed(item.items))
        elif isinstance(item, Mapping):
            for key, value in item.items:
                if key.value not in UNIT_KEYS + UNITS_KEYS:
                    stack.append(value)
                    continue
                for name in value.items if isinstance(value, Sequence) else [value]:
                    if isinstance(name, Scalar) and name.value.strip():
                        found.append((folder / name.value.strip()).resolve())
    from yearbook.load.book import BOOK_FILE

    ok = [p for p in found if p != folder and p.is_relative_to(folder) and (p / BOOK_FILE).is_file()]
    return list(dict.fromkeys(ok))


@contextmanager
def _read_ahead(node: Node | None, ctx: BookContext) -> Iterator[dict[Path, Future[FolderResult]]]:
    """Start reading the book's units in other processes, to use every core."""
    cores = os.cpu_count() or 1
    names = _named_units(node, ctx.folder) if len(ctx.chain) == 1 and cores > 1 else []
    if len(names) < READ_AHEAD_FROM:
        yield {}
        return
    # Imported only for a book of many units: a chapter's command has no pool to start.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Forking is safe only while this process runs no other thread (a watcher may).
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() != 1:
        yield {}
        return
    pool = ProcessPoolExecutor(min(cores, len(names)), mp_context=multiprocessing.get_context("fork"))
    try:
        yield {p: pool.submit(read_folder, p, ctx.root, (*ctx.chain, p), {}) for p in names}
    finally:
        pool.shutdown(cancel_futures=True)


def _include(node: Node, ctx: Context, path: str) -> list[m.Chapter] | Invalid:
    """The chapters of the unit folder `node` names, read and checked."""
    assert isinstance(ctx, BookContext)
    if not isinstance(node, Scalar) or not node.value.strip():
        return ctx.error("unit.not_text", node.loc, path)
    target = node.value.strip()
    folder = (ctx.folder / target).resolve()
    if not folder.is_relative_to(ctx.folder):
        shown = display_path(ctx.folder, ctx.root)
        return ctx.error("unit.outside", node.loc, path, target=target, folder=shown)
    if folder in ctx.chain:
        names = " → ".join(display_path(p, ctx.root) for p in (*ctx.chain, folder))
        return ctx.error("unit.cycle", node.loc, path, chain=names)
    if folder in ctx.seen:
        return ctx.error("unit.twice", node.loc, path, target=target, first=ctx.seen[folder])
    if not folder.is_dir():
        return ctx.error("unit.missing", node.loc, path, target=target)
    from yearbook.load.book import BOOK_FILE

    if not (folder / BOOK_FILE).is_file():
        return ctx.error("unit.no_book", node.loc, path, target=target)
    ctx.seen[folder] = node.loc
    ahead = ctx.ahead.get(folder)
    if ahead is not None:
        result = ahead.result()
    else:
        result = read_folder(folder, ctx.root, (*ctx.chain, folder), ctx.seen)
    ctx.files.update(result.files)
    ctx.unit_diagnostics.extend(result.diagnostics)
    ctx.unit_warnings.extend(result.warnings)
    book = result.book
    if book is None:
        return INVALID
    unit = m.Unit(book.unit, display_path(folder, ctx.root), book.title, book.year, node.loc, folder)
    own_parts = (("special", book.special), ("appendix", book.appendix), ("index", book.see_also))
    parts = [tr(f"unit.part.{name}") for name, value in own_parts if value]
    if parts:
        ctx.error("unit.book_parts", node.loc, path, unit=book.unit, parts=tr("unit.part.and").join(parts))
    ctx.units.append(unit)
    ctx.units.extend(book.units)
    if book.chronicle is not None:
        ctx.chronicle.extend(book.chronicle.items)
    ctx.plates.extend(book.plates)
    for chapter in book.every_chapter():
        if chapter.unit is None:
            chapter.unit = unit
    return book.chapters


class UnitsKind(Kind):
    """`units: [folder, …]`: units whose chapters become 分目 of this 类目."""

    def convert(self, node: Node, ctx: Context, path: str) -> list[m.Chapter] | Invalid:
        items = node.items if isinstance(node, Sequence) else [node]
        out: list[m.Chapter] = []
        failed = False
        for i, item in enumerate(items):
            chapters = _include(item, ctx, f"{path}[{i}]" if isinstance(node, Sequence) else path)
            if isinstance(chapters, Invalid):
                failed = True
            else:
                out.extend(chapters)
        return INVALID if failed else out


class ChapterItemKind(Kind):
    """An item of a chapter list: a chapter written here, or `unit: folder`, whose
    chapters are taken as they are (a list, spliced in by the book)."""

    def __init__(self, chapter: Kind):
        self.chapter = chapter

    def convert(self, node: Node, ctx: Context, path: str) -> Any:
        if isinstance(node, Mapping):
            keys = [k.value for k, _ in node.items]
            unit_key = next((k for k in keys if k in UNIT_KEYS), None)
            if unit_key is not None:
                if len(keys) > 1:
                    return ctx.error("unit.whole_only", node.loc, path)
                return _include(node.get(unit_key), ctx, f"{path}.{unit_key}")
        return self.chapter.convert(node, ctx, path)

    def json_schema(self, writer: Any, path: str) -> dict[str, Any]:
        folder = {"type": "string", "description": "单位文件夹（相对于全书文件夹），其类目整体收入"}
        unit = {
            "type": "object",
            "properties": dict.fromkeys(UNIT_KEYS, folder),
            "additionalProperties": False,
            "minProperties": 1,
            "maxProperties": 1,
        }
        return {"anyOf": [writer.kind(self.chapter, path), unit]}


def flatten(items: list[Any] | None) -> list[m.Chapter]:
    """A chapter list with each included unit's chapters spliced in place."""
    out: list[m.Chapter] = []
    for item in items or []:
        out.extend(item if isinstance(item, list) else [item])
    return out
