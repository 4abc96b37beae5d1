"""Tables from records, with the standard columns of a 政协 yearbook."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from yearbook import dates
from yearbook.diagnostics import Location
from yearbook.doctree import Cell, Column, Table
from yearbook.model import FreeTable, GeneratedTable, MeetingKind, Record, Records, RecordSource
from yearbook.text import Text

CHANGE_NAMES = {"added": "增补", "resigned": "辞去", "removed": "撤销"}


@dataclass(frozen=True)
class ColumnDef:
    """A standard column: its header, alignment, and the record field it shows
    (or a function for values the record holds in another form)."""

    title: str
    align: str
    attr: str | None = None
    render: Callable[[Record, bool], str | None] | None = None

    def value(self, record: Record, with_year: bool) -> str:
        if self.render is not None:
            return self.render(record, with_year) or ""
        value = getattr(record, self.attr or "")
        return "" if value is None else str(value)

    def source(self, record: Record) -> Location | None:
        value = getattr(record, self.attr, None) if self.attr else None
        if isinstance(value, Text):
            return value.loc
        return record.field_locs.get(self.attr or "date", record.loc)


def _date(record: Record, with_year: bool) -> str | None:
    value = getattr(record, "date", None)
    return dates.format_value(value, with_year) if value is not None else None


COLUMNS: dict[RecordSource, list[ColumnDef]] = {
    RecordSource.MEETINGS: [
        ColumnDef("会议名称", "left", "name"),
        ColumnDef("会议时间", "center", render=_date),
        ColumnDef("会议内容", "left", "content"),
    ],
    RecordSource.PROPOSALS: [
        ColumnDef("序号", "center", "number"),
        ColumnDef("案由", "left", "subject"),
        ColumnDef("提案者", "left", "proposer"),
        ColumnDef("承办单位", "left", "handler"),
        ColumnDef("领衔督办领导", "center", "supervisor"),
    ],
    RecordSource.ACTIVITIES: [
        ColumnDef("调研日期", "center", render=_date),
        ColumnDef("调研内容", "left", "topic"),
        ColumnDef("调研成果", "left", "outcome"),
    ],
    RecordSource.TRAININGS: [
        ColumnDef("培训时间", "center", render=_date),
        ColumnDef("培训名称", "left", "title"),
        ColumnDef("培训天数", "center", "days"),
    ],
    RecordSource.MEMBER_CHANGES: [
        ColumnDef("时间", "center", render=_date),
        ColumnDef("类别", "center", render=lambda r, y: CHANGE_NAMES[r.change.value]),
        ColumnDef("姓名", "left", render=lambda r, y: "、".join(r.names)),
        ColumnDef("说明", "left", "note"),
    ],
}


def select(records: Records, spec: GeneratedTable) -> Sequence[Record]:
    rows: Sequence[Record] = getattr(records, spec.source.value)
    if spec.source is RecordSource.MEETINGS and spec.kind is not None:
        kind: MeetingKind = spec.kind
        rows = [m for m in rows if m.kind is kind]
    if spec.source is RecordSource.PROPOSALS:
        rows = sorted(rows, key=lambda p: p.number)
    return rows


def _with_year(caption: str, record: Record) -> bool:
    """A caption that names the year lets the dates drop it (2月28日 under 2022年…)."""
    value = getattr(record, "date", None)
    if value is None:
        return True
    return not all(f"{y}年" in caption for y in dates.years(value))


def generated_table(number: int, spec: GeneratedTable, records: Records) -> Table:
    specs = COLUMNS[spec.source]
    rows: list[list[Cell]] = []
    for record in select(records, spec):
        with_year = _with_year(spec.caption, record)
        rows.append([Cell(c.value(record, with_year), c.source(record)) for c in specs])
    columns = [Column(c.title, align=c.align) for c in specs]
    return _weighted(Table(number, str(spec.caption), columns, rows, source=spec.caption.loc))


def free_table(number: int, spec: FreeTable) -> Table:
    columns = [Column(str(c)) for c in spec.columns]
    rows = [[Cell(str(v), v.loc) for v in row] for row in spec.rows]
    return _weighted(Table(number, str(spec.caption), columns, rows, source=spec.caption.loc))


def _weighted(table: Table) -> Table:
    """Share the width by how much each column holds: short columns (dates, numbers,
    names) stay narrow, long text gets the rest; never narrower than the header."""
    for i, column in enumerate(table.columns):
        lengths = sorted(len(row[i].text) for row in table.rows if i < len(row)) or [0]
        typical = lengths[int(0.9 * (len(lengths) - 1))]
        column.weight = float(max(len(column.title) + 1, min(typical, 40), 2))
    return table
