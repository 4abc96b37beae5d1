"""Characters a data file may not hold, found before YAML sees them, and line numbers
as an editor counts them.

PyYAML stops at the first control character with an English ReaderError and no
place; a bad UTF-8 byte is reported at 1:1; and it counts U+2028, U+2029 and U+0085
as line breaks, which no editor shows, so every later position would be off. Here
positions come from the text itself: a line ends at `\\n`, `\\r\\n` or a lone `\\r`.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass

from yearbook.i18n import register

register(
    {
        "yaml.control_char": (
            "这里有一个看不见的控制字符 {char}，多半是从其他软件复制时带进来的；请删除它"
            "（可在编辑器中把光标移到此处，按退格键删除后重新输入）",
            "an invisible control character {char} stands here, usually pasted from another "
            "program; delete it",
        ),
        "yaml.control_escape": (
            "双引号中的转义“{escape}”表示控制字符 {char}，排版后会变成空白或丢失；"
            "请删除它（要换行请另起一行，要空格请直接输入空格）",
            "the escape '{escape}' in double quotes is the control character {char}, which "
            "prints as a blank or disappears; remove it",
        ),
        "yaml.invisible_break": (
            "这里有一个看不见的换行符 {char}（多从 Word、网页或 PDF 复制带入）：编辑器里看不出，"
            "YAML 却把它当作换行，会拆开段落或改变文字；请删除它，需要分段请按回车另起一行",
            "an invisible line separator {char} stands here (usually pasted from Word, a web page "
            "or a PDF): editors do not show it but YAML breaks the line there; delete it",
        ),
        "yaml.lone_surrogate": (
            "双引号中的转义“{escape}”是半个字符（UTF-16 代理项），不是一个完整的字：请直接输入这个字，"
            "或写出完整的一对（如 \\ud83d\\ude00）",
            "the escape '{escape}' is half a character (a UTF-16 surrogate); type the "
            "character itself or give the full pair (such as \\ud83d\\ude00)",
        ),
        "yaml.bad_utf8_gbk": (
            "这里的字节 {bytes} 不是 UTF-8 编码的文字，文件看来是 GBK（GB2312）编码："
            "请在编辑器中用“另存为”选择 UTF-8 编码保存",
            "the bytes {bytes} here are not UTF-8; the file looks like GBK (GB2312): "
            "save it as UTF-8 in your editor",
        ),
        "yaml.bad_utf8": (
            "这里的字节 {bytes} 不是 UTF-8 编码的文字：请在编辑器中用“另存为”选择 UTF-8 编码保存，"
            "并检查这里的文字",
            "the bytes {bytes} here are not UTF-8 text: save the file as UTF-8 in your editor "
            "and check the text here",
        ),
    }
)

# What PyYAML's reader refuses (its "non-printable" set): parsing cannot go on.
# U+0085 (NEL), which it accepts as a line break, is left to INVISIBLE_BREAKS.
_BAD_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# What a value may not hold after escapes are decoded: controls other than tab and
# newline, and UTF-16 surrogates.
BAD_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Line breaks to YAML, invisible in an editor.
INVISIBLE_BREAKS = re.compile("[\x85\u2028\u2029]")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
_SIMPLE_ESCAPES = {
    "0": "\x00", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b",
    "f": "\x0c", "r": "\r", "e": "\x1b", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}
_NAMES = {
    0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL",
    0x85: "NEL", 0x2028: "LS", 0x2029: "PS",
}
MAX_REPORTED = 10  # per file: the first few say enough


def char_name(ch: str) -> str:
    code = ord(ch)
    name = _NAMES.get(code)
    return f"U+{code:04X}（{name}）" if name else f"U+{code:04X}"


@dataclass
class Problem:
    """A problem found before parsing: message code, arguments, 0-based text index."""

    code: str
    args: dict
    index: int
    position: tuple[int, int] | None = None  # when the index is not into the parsed text


class Lines:
    """Line and column (from 1, in characters) of an index into a text."""

    def __init__(self, text: str):
        self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
        self.text = text

    def position(self, index: int) -> tuple[int, int]:
        row = bisect.bisect_right(self.starts, index) - 1
        return row + 1, index - self.starts[row] + 1

    def source_lines(self) -> list[str]:
        return _LINE_BREAK.split(self.text)

    def line_text(self, line: int) -> str:
        """The text of a line (from 1), without its line break; '' past the end."""
        if not 1 <= line <= len(self.starts):
            return ""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


def decode(raw: bytes) -> str | Problem:
    """UTF-8 text (a leading BOM dropped), or where the first bad byte stands."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The index counts the characters before the bad byte, as a text index would.
        before = raw[: exc.start].decode("utf-8", errors="replace")
        try:
            raw.decode("gbk")
            code = "yaml.bad_utf8_gbk"
        except UnicodeDecodeError:
            code = "yaml.bad_utf8"
        bad = raw[exc.start : min(exc.end, exc.start + 4)].hex(" ").upper()
        position = Lines(before + " ").position(len(before))
        return Problem(code, {"bytes": bad}, len(before), position)


def raw_controls(text: str) -> list[Problem]:
    """Control characters typed (or pasted) into the file itself."""
    found = []
    for match in _BAD_RAW.finditer(text):
        found.append(Problem("yaml.control_char", {"char": char_name(match.group())}, match.start()))
        if len(found) >= MAX_REPORTED:
            break
    return found


def invisible_breaks(text: str) -> list[Problem]:
    """U+2028, U+2029 and U+0085: the parser can go on past them, so they are
    reported without stopping, and later positions stay right (see Lines)."""
    found = []
    for match in INVISIBLE_BREAKS.finditer(text):
        found.append(Problem("yaml.invisible_break", {"char": char_name(match.group())}, match.start()))
        if len(found) >= MAX_REPORTED:
            break
    return found


def check_escapes(source: str, start: int, value: str) -> tuple[str, list[Problem]]:
    """A double-quoted scalar's value with surrogate pairs joined, and each escape
    that writes a control character or half a surrogate pair.

    `source` is the file's text, `start` the index of the opening quote.
    """
    if not BAD_IN_VALUE.search(value):
        return value, []
    problems: list[Problem] = []
    start = source.find('"', start)  # after any tag or anchor
    end = _closing_quote(source, start)
    escapes = list(_ESCAPE.finditer(source, start + 1, end))
    i = 0
    while i < len(escapes):
        esc = escapes[i]
        body = esc.group(1)
        code = int(body[1:], 16) if body[0] in "xuU" and len(body) > 1 else None
        char = chr(code) if code is not None and code <= 0x10FFFF else _SIMPLE_ESCAPES.get(body, "")
        if code is not None and 0xD800 <= code <= 0xDBFF and i + 1 < len(escapes):
            nxt = escapes[i + 1]
            low = nxt.group(1)
            if nxt.start() == esc.end() and low[0] == "u" and 0xDC00 <= int(low[1:], 16) <= 0xDFFF:
                i += 2
                continue
        if len(char) == 1 and BAD_IN_VALUE.match(char):
            if 0xD800 <= ord(char) <= 0xDFFF:
                problems.append(Problem("yaml.lone_surrogate", {"escape": esc.group()}, esc.start()))
            else:
                args = {"escape": esc.group(), "char": char_name(char)}
                problems.append(Problem("yaml.control_escape", args, esc.start()))
        i += 1
    joined = re.sub("[\ud800-\udbff][\udc00-\udfff]", _join_pair, value)
    return joined, problems


def _join_pair(match: re.Match[str]) -> str:
    high, low = (ord(c) for c in match.group())
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def _closing_quote(source: str, start: int) -> int:
    i = start + 1
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == '"':
            return i
        i += 1
    return len(source)
