"""Tables with the standard columns back into typed records.

A table becomes records only if every cell comes back exactly as it was printed
(the build would print the same text); otherwise it stays a free table, and the
message says which cell kept it from becoming records.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from yearbook import dates
from yearbook import model as m
from yearbook.diagnostics import Diagnostic, Severity
from yearbook.i18n import register
from yearbook.importers.cn_dates import needs_year, parse_cn
from yearbook.importers.source import Place, located
from yearbook.importers.standard import HEADERS
from yearbook.text import Text

register(
    {
        "import.not_records": (
            "{where}表格“{caption}”的列是标准的，但“{column}”一格“{value}”{why}，整张表按普通表格导入",
            "{where}table '{caption}' has the standard columns, but its '{column}' cell '{value}' {why}; "
            "the whole table was imported as a free table",
        ),
        "import.why_date": ("不是可识别的日期", "is not a date this tool reads"),
        "import.why_shown": (
            "生成时会印成“{shown}”（按表题是否写明年份增减年份），与原文不同",
            "would be printed as '{shown}' (the year follows the caption), unlike the source",
        ),
        "import.why_number": ("不是序号数字", "is not a serial number"),
        "import.why_empty": ("是空的", "is empty"),
        "import.why_kind": ("不是增补、辞去或撤销", "is not 增补, 辞去 or 撤销"),
        "import.why_days": ("不是天数", "is not a number of days"),
        "import.second_table": (
            "{where}本类目已有一张“{kind}”记录表，表格“{caption}”按普通表格导入（同类记录只能生成一张表）",
            "{where}this chapter already has a table of {kind}; table '{caption}' was imported "
            "as a free table (one table per kind of record)",
        ),
        "import.needs_year": (
            "{where}表格“{caption}”中的日期（如“{value}”）没有写年份，表题中也没有年份。"
            "请用 --year 指明记述年度，例如：yearbook import 文件 -o 文件夹 --year 2022",
            "{where}the dates in table '{caption}' (e.g. '{value}') have no year, nor does the caption. "
            "Give the recorded year with --year, e.g. yearbook import FILE -o DIR --year 2022",
        ),
        "import.date_gets_year": (
            "{where}表题“{caption}”未写年份，表中日期按 {year} 年导入，生成时会带上年份（如“{shown}”）",
            "{where}the caption '{caption}' names no year; the dates were read as {year} and will be "
            "printed with their year (e.g. '{shown}')",
        ),
    }
)

KIND_NAMES = {
    m.RecordSource.MEETINGS: "会议",
    m.RecordSource.PROPOSALS: "提案",
    m.RecordSource.ACTIVITIES: "调研视察",
    m.RecordSource.TRAININGS: "培训",
    m.RecordSource.MEMBER_CHANGES: "委员变动",
}
CHANGES = {"增补": m.ChangeKind.ADDED, "辞去": m.ChangeKind.RESIGNED, "撤销": m.ChangeKind.REMOVED}


def meeting_kind(caption: str) -> m.MeetingKind:
    if "主席会议" in caption or "主席会" in caption:
        return m.MeetingKind.CHAIR
    if "常委会" in caption or "常务委员会" in caption:
        return m.MeetingKind.STANDING
    if "全体会议" in caption or "全委会" in caption:
        return m.MeetingKind.PLENARY
    return m.MeetingKind.OTHER


def caption_year(caption: str) -> int | None:
    found = re.findall(r"(\d{4})年", caption)
    return int(found[0]) if len(set(found)) == 1 else None


class _NotRecords(Exception):
    def __init__(self, col: int, why: str, **args: object):
        self.col, self.why, self.args_ = col, why, args


@dataclass
class TableContext:
    """What the conversion needs from around the table."""

    file: str
    year: int | None  # --year or the book's recorded year
    records: m.Records
    used: set[tuple[m.RecordSource, m.MeetingKind | None]] = field(default_factory=set)
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)


def _text(value: str, col: int, required: bool = True) -> Text | None:
    if not value:
        if required:
            raise _NotRecords(col, "import.why_empty")
        return None
    return Text(value)


def _int(value: str, col: int, why: str, required: bool = True) -> int | None:
    if not value and not required:
        return None
    if not re.fullmatch(r"[1-9]\d*", value):
        raise _NotRecords(col, why)
    return int(value)


class _Dates:
    """Reads a table's date cells with the caption's year, else the recorded year."""

    def __init__(self, caption: str, ctx: TableContext, place: Place):
        self.caption, self.ctx, self.place = caption, ctx, place
        self.year = caption_year(caption) or ctx.year
        self.year_added: str | None = None
        self.missing: str | None = None

    def __call__(self, value: str, col: int, required: bool = True) -> dates.DateValue | None:
        if not value and not required:
            return None
        if self.year is None and needs_year(value):
            self.missing = self.missing or value
            return dates.Day(dates.dt.date(1900, 1, 1))  # stands in until the error is reported
        parsed = parse_cn(value, self.year)
        if parsed is None:
            raise _NotRecords(col, "import.why_date")
        with_year = not all(f"{y}年" in self.caption for y in dates.years(parsed))
        shown = dates.format_value(parsed, with_year)
        if shown != value.replace(" ", ""):
            if needs_year(value) and dates.format_value(parsed, False) == value.replace(" ", ""):
                self.year_added = self.year_added or shown
            else:
                raise _NotRecords(col, "import.why_shown", shown=shown)
        return parsed


Builder = Callable[[list[str], _Dates], m.Record]


def _meeting(kind: m.MeetingKind) -> Builder:
    def build(row: list[str], date: _Dates) -> m.Record:
        name = _text(row[0], 0)
        assert name is not None
        return m.Meeting(name, kind, date(row[1], 1), _text(row[2], 2, False), themed="专题议政" in name)

    return build


def _proposal(row: list[str], date: _Dates) -> m.Record:
    number = _int(row[0], 0, "import.why_number")
    assert number is not None
    return m.Proposal(number, _text(row[1], 1), _text(row[2], 2), _text(row[3], 3),  # type: ignore[arg-type]
                      _text(row[4], 4, False))


def _activity(row: list[str], date: _Dates) -> m.Record:
    return m.Activity(date(row[0], 0), _text(row[1], 1), _text(row[2], 2, False))  # type: ignore[arg-type]


def _training(row: list[str], date: _Dates) -> m.Record:
    return m.Training(date(row[0], 0), _text(row[1], 1), _int(row[2], 2, "import.why_days", False))  # type: ignore[arg-type]


def _change(row: list[str], date: _Dates) -> m.Record:
    if row[1] not in CHANGES:
        raise _NotRecords(1, "import.why_kind")
    names = [Text(n) for n in row[2].split("、")]
    if not all(names):
        raise _NotRecords(2, "import.why_empty")
    return m.MemberChange(CHANGES[row[1]], names, date(row[0], 0, False), _text(row[3], 3, False))


def table_spec(
    rows: list[list[str]], caption: Text, place: Place, ctx: TableContext,
    cell_places: list[list[Place]] | None = None,
) -> m.TableSpec:
    """Records and a generated table for a standard table; a free table otherwise.
    `cell_places` name each cell's place in the source, for the message about a cell."""
    header = [re.sub(r"[\s\u3000]", "", c) for c in rows[0]] if rows else []
    source = next((s for s, h in HEADERS.items() if tuple(header) == h), None)
    body = rows[1:]
    if source is None or not body or any(len(r) != len(header) for r in body):
        return _free(rows, caption)
    kind = meeting_kind(caption) if source is m.RecordSource.MEETINGS else None
    if (source, kind) in ctx.used:
        _warn(ctx, "import.second_table", place, kind=KIND_NAMES[source], caption=caption)
        return _free(rows, caption)
    builder: Builder = {
        m.RecordSource.MEETINGS: _meeting(kind or m.MeetingKind.OTHER),
        m.RecordSource.PROPOSALS: _proposal,
        m.RecordSource.ACTIVITIES: _activity,
        m.RecordSource.TRAININGS: _training,
        m.RecordSource.MEMBER_CHANGES: _change,
    }[source]
    date = _Dates(caption, ctx, place)
    records: list[m.Record] = []
    for r, row in enumerate(body, start=1):
        try:
            records.append(builder([c.strip() for c in row], date))
        except _NotRecords as exc:
            at = cell_places[r][exc.col] if cell_places and exc.col < len(cell_places[r]) else place
            _warn(ctx, "import.not_records", at, caption=caption, column=rows[0][exc.col],
                  value=row[exc.col], why=_Why(exc.why, **exc.args_))
            return _free(rows, caption)
    if date.missing is not None:
        ctx.errors.append(located("import.needs_year", ctx.file, place, caption=caption, value=date.missing))
        return _free(rows, caption)
    if date.year_added:
        _warn(ctx, "import.date_gets_year", place, caption=caption, year=date.year, shown=date.year_added)
    ctx.used.add((source, kind))
    getattr(ctx.records, source.value).extend(records)
    return m.GeneratedTable(caption, source, kind)


class _Why:
    def __init__(self, code: str, **args: object):
        self.code, self.args = code, args

    def __str__(self) -> str:
        from yearbook.i18n import tr

        return tr(self.code, **self.args)


def _warn(ctx: TableContext, code: str, place: Place, **args: object) -> None:
    ctx.warnings.append(located(code, ctx.file, place, Severity.WARNING, **args))


def _free(rows: list[list[str]], caption: Text) -> m.FreeTable:
    width = max((len(r) for r in rows), default=0)
    padded = [[Text(c) for c in r] + [Text("")] * (width - len(r)) for r in rows]
    columns = padded[0] if padded else []
    return m.FreeTable(caption, columns, padded[1:])
