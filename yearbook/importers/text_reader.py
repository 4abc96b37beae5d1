"""Front end for plain text (.txt, .md): text copied from a web page or a PDF.

Decoding is a strict chain (BOM, UTF-8, GB18030, which contains GBK and GB2312):
a strict decoder either reads every byte or fails, so a wrong guess cannot slip
through as mojibake the way a statistical detector's can on short Chinese texts.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

from yearbook.diagnostics import Diagnostic, Location, YearbookError
from yearbook.i18n import register
from yearbook.importers.source import Block, ImageBlock, Para, Place, Source, Span, TableBlock
from yearbook.importers.standard import STANDARD_HEADERS

register(
    {
        "import.not_text": (
            "“{file}”不是可识别的文本文件（既不是 UTF-8，也不是 GBK/GB18030 编码）。"
            "请在记事本或 WPS 中“另存为”UTF-8 编码的 .txt 文件后再导入",
            "'{file}' is not a text file this tool can read (neither UTF-8 nor GBK/GB18030). "
            "Save it as UTF-8 .txt in Notepad or WPS and import again",
        ),
        "import.bad_utf8": (
            "这里有一个无法识别的字节 {byte}：文件是 UTF-8 编码，但这一处已损坏。"
            "请在记事本或 WPS 中打开，改正这一处后另存为 UTF-8",
            "an unreadable byte {byte} here: the file is UTF-8 but damaged at this place. "
            "Open it in Notepad or WPS, correct it and save as UTF-8",
        ),
        "import.unwrapped": (
            "这个文件像是从 PDF 复制的：多数行宽度相同（{width}）且在句中断开，"
            "已把 {count} 处断行接回段落；请核对分段",
            "this file looks copied from a PDF (most lines {width} wide, broken mid-sentence): "
            "{count} line break(s) were joined back into paragraphs; please check the paragraphs",
        ),
        "import.cells_unplaced": (
            "{where}这{count}个单元格（“{first}”……）看不出分几列，已作为普通段落保留，请手工整理成表格",
            "{where}these {count} cells ('{first}' …) do not show how many columns they have; "
            "kept as plain paragraphs, please make them a table by hand",
        ),
    }
)

BOMS = ((b"\xef\xbb\xbf", "utf-8-sig", "UTF-8（带 BOM）"), (b"\xff\xfe", "utf-16-le", "UTF-16"),
        (b"\xfe\xff", "utf-16-be", "UTF-16"))
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_SPACE = " \t\u3000\ufeff\u00a0"
_NOT_TAB = " \u3000\ufeff\u00a0"  # a trailing tab ends an empty last cell
_SEPARATOR_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_ENDS = set("。！？；：”’」』）)】!?;:.…")
# Lines that start something of their own, never the rest of a wrapped paragraph.
_STARTS_BLOCK = re.compile(r"^(?:[【\[［〔]|表\s*\d|#|\*\*|（.{0,40}供稿）$)")


def decode(data: bytes, file: str) -> tuple[str, str]:
    """The text and the name of the encoding it was read in."""
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).lstrip("\ufeff"), name
            except UnicodeDecodeError:
                break
    if b"\x00" in data:  # no text encoding of Chinese but UTF-16 has NUL bytes
        raise YearbookError([Diagnostic("import.not_text", {"file": file})])
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        _bad_utf8(data, exc, file)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    # GB18030 decodes much binary junk too; real Chinese text is Hanzi, punctuation and ASCII.
    if text and _looks_chinese(text):
        return text, "GB18030（GBK）"
    raise YearbookError([Diagnostic("import.not_text", {"file": file})])


def _bad_utf8(data: bytes, exc: UnicodeDecodeError, file: str) -> None:
    """A UTF-8 file with a damaged byte: reading it as GBK would turn all of it to mojibake,
    so name the place instead."""
    before = data[: exc.start].decode("utf-8")
    if sum(1 for c in before if not c.isascii()) < 10:
        return  # too little UTF-8 before the bad byte to say the file is UTF-8
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    loc = Location(file, line, column)
    raise YearbookError([Diagnostic("import.bad_utf8", {"byte": f"0x{data[exc.start]:02X}"}, loc)])


def _looks_chinese(text: str) -> bool:
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return False
    odd = sum(1 for c in visible if unicodedata.category(c) in ("Co", "Cn", "Cc", "Cs"))
    return odd / len(visible) < 0.01


def _width(text: str) -> int:
    """Width in half-width cells; Chinese quotation marks (ambiguous width) are full width here."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)


def _near(width: int, wrap: int) -> bool:
    """About the column width: a character short, or a hanging punctuation mark over."""
    return wrap - 3 <= width <= wrap + 2


def _wrap_width(lines: list[str]) -> int | None:
    """Text copied from a PDF keeps the PDF's line breaks: most lines then share one width
    and end mid-sentence. That width, or None for text whose lines are paragraphs."""
    widths = [_width(s) for s in (ln.strip(_SPACE) for ln in lines) if _width(s) >= 20]
    if len(widths) < 5:
        return None
    best = max(set(widths), key=lambda w: sum(1 for x in widths if _near(x, w)))
    near = [ln.strip(_SPACE) for ln in lines if _near(_width(ln.strip(_SPACE)), best)]
    open_ended = sum(1 for s in near if s[-1] not in _ENDS)
    if len(near) * 2 < len(widths) or open_ended * 2 < len(near):
        return None
    return best


def _spans(text: str) -> list[Span]:
    """Markdown **bold** into spans; the asterisks are mark-up, not text."""
    if "**" not in text or text.count("**") % 2:
        return [Span(text)]
    parts = text.split("**")
    return [Span(p, bold=i % 2 == 1) for i, p in enumerate(parts) if p]


def _para(raw: str, line: int) -> Para:
    text = raw.strip(_SPACE)
    heading = 0
    m = _HEADING.match(text)
    if m:
        heading, text = len(m[1]), m[2].strip(_SPACE)
    spans = _spans(text)
    plain = "".join(s.text for s in spans)
    bold = bool(spans) and all(s.bold for s in spans if s.text.strip(_SPACE))
    return Para(plain.strip(_SPACE), Place("line", line), heading=heading, bold=bold,
                spans=spans)


def _is_pipe(line: str) -> bool:
    s = line.strip(_SPACE)
    return s.endswith("|") or (s.startswith("|") and s.count("|") >= 2)


def _row_cells(line: str) -> list[str]:
    s = line.strip(_SPACE)
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip(_SPACE) for c in s.split("|")]


def column_count(cells: list[str]) -> int | None:
    """How many columns a stream of one-cell-per-line cells has: a standard header
    says it at once; otherwise the header is the run of short label cells at the start."""
    for header in STANDARD_HEADERS:
        if [c.replace(" ", "") for c in cells[: len(header)]] == list(header):
            return len(header) if len(cells) % len(header) == 0 else None
    labels = 0
    for cell in cells:
        if 0 < len(cell) <= 10 and not re.search(r"[\d，。；,.;]", cell):
            labels += 1
        else:
            break
    for n in range(min(labels, 12), 1, -1):
        if len(cells) % n == 0 and len(cells) > n:
            return n
    return None


# Markdown's picture: ![caption](file "title"); the file is relative to the .md file.
_MD_IMAGE = re.compile(r'^!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+"[^"]*")?\s*\)$')


class _Lines:
    def __init__(self, text: str, source: Source):
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.source = source
        self.blocks: list[Block] = []

        prose = [ln for ln in self.lines if not _is_pipe(ln) and "\t" not in ln.strip(_SPACE)]
        self.wrap = _wrap_width(prose)
        self.joined = 0
        self.first_join = 0  # line of the first paragraph put back together

    def blank(self, i: int) -> bool:
        return i < 0 or i >= len(self.lines) or not self.lines[i].strip(_SPACE)

    def read(self) -> list[Block]:
        i = 0
        while i < len(self.lines):
            if self.blank(i):
                i += 1
            elif _is_pipe(self.lines[i]):
                i = self.pipe_table(i)
            elif "\t" in self.lines[i].strip(_SPACE) and self.tab_table(i) > i + 1:
                i = self.tab_table(i, emit=True)
            elif found := _MD_IMAGE.match(self.lines[i].strip(_SPACE)):
                self.picture(found["src"], found["alt"].strip(_SPACE), i + 1)
                i += 1
            else:
                start, text = i, self.lines[i]
                while self.wrapped(self.lines[i]) and self.continues(i + 1):
                    i += 1
                    text = text.rstrip(_SPACE) + self.lines[i].strip(_SPACE)
                    self.joined += 1
                    self.first_join = self.first_join or start + 1
                self.blocks.append(_para(text, start + 1))
                i += 1
        if self.joined:
            place = Place("line", self.first_join)
            self.source.warn("import.unwrapped", place, count=self.joined, width=self.wrap)
        return self.blocks

    def picture(self, src: str, alt: str, line: int) -> None:
        """A Markdown picture: the file's bytes where it is found, its alt text as the caption."""
        place = Place("line", line)
        name = unquote(src).replace("\\", "/").rsplit("/", 1)[-1]
        data = None
        if "://" not in src:
            try:
                data = (Path(self.source.file).parent / unquote(src)).read_bytes()
            except OSError:
                data = None
        self.blocks.append(ImageBlock(data, name, place))
        if alt:
            self.blocks.append(Para(alt, place, style="Caption"))

    def wrapped(self, line: str) -> bool:
        """A line the PDF broke at the column edge: as wide as most lines, no sentence end."""
        if self.wrap is None:
            return False
        s = line.strip(_SPACE)
        return bool(s) and _near(_width(s), self.wrap) and s[-1] not in _ENDS

    def continues(self, i: int) -> bool:
        if self.blank(i) or _is_pipe(self.lines[i]) or "\t" in self.lines[i].strip(_SPACE):
            return False
        return not _STARTS_BLOCK.match(self.lines[i].strip(_SPACE))

    def pipe_table(self, start: int) -> int:
        """Cells ending in ' |', one per line (the seed's layout) or whole rows per line."""
        cells: list[tuple[str, int]] = []
        rows: list[list[tuple[str, int]]] = []
        i = start
        while i < len(self.lines):
            line = self.lines[i]
            if self.blank(i):
                break
            if line.strip(_SPACE) == "|":
                i += 1
                continue
            if not _is_pipe(line):
                # A cell broken before its bar: '9月6日' then a line holding only '|'.
                if i + 1 < len(self.lines) and self.lines[i + 1].strip(_SPACE) == "|":
                    cells.append((line.strip(_SPACE), i + 1))
                    i += 2
                    continue
                break
            if _SEPARATOR_ROW.match(line.strip(_SPACE)):
                i += 1
                continue
            row = _row_cells(line)
            if len(row) > 1:
                rows.append([(c, i + 1) for c in row])
            else:
                cells.append((row[0], i + 1))
            i += 1
        if rows and not cells:
            self.table(rows)
        else:
            flat = cells if not rows else [c for r in rows for c in r] + cells
            flat.sort(key=lambda c: c[1])
            n = column_count([c for c, _ in flat])
            if n is None:
                self.source.warn("import.cells_unplaced", Place("line", flat[0][1]),
                                 count=len(flat), first=flat[0][0])
                for text, line in flat:
                    self.blocks.append(Para(text, Place("line", line), literal=True))
            else:
                self.table([flat[k : k + n] for k in range(0, len(flat), n)])
        return i

    def tab_table(self, start: int, emit: bool = False) -> int:
        """Tab-separated lines with the same number of cells (copied from Excel or Word)."""
        width = len(self.lines[start].strip(_NOT_TAB).split("\t"))
        i = start
        while i < len(self.lines) and not self.blank(i):
            cells = self.lines[i].strip(_NOT_TAB).split("\t")
            if len(cells) != width:
                break
            i += 1
        if emit:
            self.table([[(c.strip(_SPACE), k + 1) for c in self.lines[k].strip(_NOT_TAB).split("\t")]
                        for k in range(start, i)])
        return i

    def table(self, rows: list[list[tuple[str, int]]]) -> None:
        self.blocks.append(TableBlock(
            [[c for c, _ in row] for row in rows],
            Place("line", rows[0][0][1]),
            [[Place("line", line) for _, line in row] for row in rows],
        ))


def read_text(data: bytes, file: str) -> Source:
    text, encoding = decode(data, file)
    source = Source(file, [], encoding=encoding)
    source.blocks = _Lines(text, source).read()
    return source
