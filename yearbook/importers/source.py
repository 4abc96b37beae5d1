"""The neutral source both front ends produce: paragraphs and tables in reading order,
each with its place in the source file and the style hints the recogniser may use.

Like a pandoc reader's input: the DOCX and the text front ends know their format;
the recogniser (recognise.py) knows yearbooks and reads only these blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yearbook.diagnostics import Diagnostic, Location, Severity
from yearbook.i18n import language, register

register(
    {
        "place.paragraph": ("第{n}段", "paragraph {n}"),
        "place.line": ("第{n}行", "line {n}"),
        "place.table": ("第{n}个表格", "table {n}"),
        "place.cell": ("第{n}个表格第{row}行第{col}列", "table {n}, row {row}, column {col}"),
    }
)


@dataclass(frozen=True)
class Place:
    """Where a block was in the source: paragraph N of a DOCX, line N of a text file,
    table N (and a cell). Rendered in the user's language when the message is shown."""

    kind: str  # paragraph | line | table | cell
    n: int
    row: int = 0
    col: int = 0

    def __str__(self) -> str:
        from yearbook.i18n import tr

        return tr(f"place.{self.kind}", n=self.n, row=self.row, col=self.col)

    def location(self, file: str) -> Location | None:
        """Text files have lines a Location can point at; DOCX places are named in the message."""
        return Location(file, self.n, 1) if self.kind == "line" else None


@dataclass
class Span:
    """A run of text with one boldness (docx runs merged; markdown **…** in text)."""

    text: str
    bold: bool = False
    style: str = ""  # character style name, e.g. 年鉴条目标题


@dataclass
class Para:
    text: str
    place: Place
    heading: int = 0  # 1–9 from a Word heading style, outline level or markdown #; 0 = body
    bold: bool = False  # every visible character bold
    centred: bool = False
    style: str = ""  # paragraph style name as the document names it
    spans: list[Span] = field(default_factory=list)
    # Text kept from something that could not be placed (cells, text boxes): never a heading.
    literal: bool = False
    # Word list numbering: Word prints a number (一、 1.) that is not in the text.
    numbered: bool = False


@dataclass
class TableBlock:
    rows: list[list[str]]
    place: Place  # place of the table itself (table N, or the first line)
    cell_places: list[list[Place]] = field(default_factory=list)
    # The first row is one cell across the table: a title typed inside the table.
    title_row: bool = False


@dataclass
class ImageBlock:
    """A picture in the document, where it stands in reading order: the image file's
    bytes as the document holds them (None when only linked to a file outside it)."""

    data: bytes | None
    name: str  # the file name inside the document (word/media/image3.png)
    place: Place
    page_width: bool = False  # drawn across the columns of a multi-column page
    table: int = 0  # > 0: in a cell of table N (photos laid out in a table, as 彩页 are)


Block = Para | TableBlock | ImageBlock


@dataclass
class Source:
    """What a front end read: blocks, facts about the file, and what it could not place."""

    file: str
    blocks: list[Block]
    warnings: list[Diagnostic] = field(default_factory=list)
    encoding: str | None = None  # text files: the encoding that was read
    title: str | None = None  # DOCX document properties, when they name the book
    unit: str | None = None
    edition: int | None = None

    def warn(self, code: str, place: Place, **args: object) -> None:
        self.warnings.append(located(code, self.file, place, Severity.WARNING, **args))


class _Where:
    """'file, paragraph 12: ' for a DOCX; empty for a text line, whose Location says it."""

    def __init__(self, file: str, place: Place):
        self.file, self.place = file, place

    def __str__(self) -> str:
        if self.place.kind == "line":
            return ""
        sep = ", " if language() == "en" else "，"
        colon = ": " if language() == "en" else "："
        return f"{self.file}{sep}{self.place}{colon}"


def located(
    code: str, file: str, place: Place, severity: Severity = Severity.ERROR, **args: object
) -> Diagnostic:
    """A message about a place in the imported file; templates start with {where}."""
    d = Diagnostic(code, {"where": _Where(file, place), "place": place, **args}, place.location(file))
    d.severity = severity
    return d
