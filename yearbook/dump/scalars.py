"""YAML scalars that read back exactly as written: every value double-quoted (or, for
text, a literal block), so no YAML rule re-types 09:30, no or 2022-02-28."""

from __future__ import annotations

import re

from yearbook.dates import DateValue, Day, DayRange, Month, MonthRange

# What YAML allows unescaped in a double-quoted scalar; pyyaml also breaks lines at
# NEL, LS and PS, and a BOM inside text would be read as a marker.
_UNSAFE = re.compile("[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}


def quoted(value: object) -> str:
    text = str(value)
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _UNSAFE.match(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000
                       else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def text_block(paragraphs: list[str], indent: int) -> str:
    """A `text:` value: a literal block, one paragraph a line, as the example data
    writes it; double-quoted with \\n when a paragraph holds a character a block cannot."""
    if any(_UNSAFE.search(p) or p != p.strip() or not p for p in paragraphs):
        return quoted("\n".join(paragraphs))
    pad = " " * indent
    return "|\n" + "\n".join(pad + p for p in paragraphs)


def iso(value: DateValue) -> str:
    """The ISO form the data format reads (docs/data-format.md, Dates)."""
    if isinstance(value, Day):
        return value.date.isoformat()
    if isinstance(value, Month):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, DayRange):
        s, e = value.start, value.end
        if (s.year, s.month) == (e.year, e.month):
            return f"{s.isoformat()}/{e.day:02d}"
        return f"{s.isoformat()}/{e.isoformat()}"
    if isinstance(value, MonthRange):
        return f"{iso(value.start)}/{iso(value.end)}"
    return ", ".join(d.isoformat() for d in value.days)
