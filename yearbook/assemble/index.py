"""索引 (subject index): the terms marked in the tree, sorted and grouped for print.

Order is that of Chinese indexes: character by character, by Hanyu Pinyin, then
tone, then the number of strokes (pypinyin reads polyphonic characters by their
word: 重庆 chóng; stroke counts are Unicode's Unihan kTotalStrokes, generated into
data/strokes.txt by scripts/make_strokes.py). Characters alike in all three fall
back to Unicode order. Groups are headed A, B, C….
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

# pypinyin copies its dictionaries on import unless told not to; they are only read here.
os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "true")

from pypinyin import Style, pinyin

from yearbook.diagnostics import Diagnostic, Location
from yearbook.doctree import Block, Heading, Index, IndexEntry, IndexGroup, Paragraph
from yearbook.i18n import register
from yearbook.model import SeeAlso

register(
    {
        "index.see_missing": (
            "参见的索引词“{target}”在全书中没有出现（没有这个条目标题，也没有这样的索引标记）",
            "the see-also term '{target}' is nowhere in the book (no entry title or index mark)",
        ),
    }
)

_SYLLABLE = re.compile(r"^([a-zü]+?)([1-5])$")
STROKES_FILE = Path(__file__).resolve().parent / "data" / "strokes.txt"
DIGITS_GROUP = "0—9"
OTHER_GROUP = "#"


@cache
def strokes() -> dict[str, int]:
    """Total strokes of each CJK character of the Basic Multilingual Plane."""
    table: dict[str, int] = {}
    for line in STROKES_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            count, chars = line.split("\t")
            table.update(dict.fromkeys(chars, int(count)))
    return table


Key = tuple[int, str, int, int, int]


def _char_keys(term: str) -> list[Key]:
    """Per character: (class, letters, tone, strokes, code point). Latin letters sort with
    the pinyin letters (GDP under G); digits before letters; other marks first."""
    readings = pinyin(term, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda s: list(s))
    keys: list[Key] = []
    counts = strokes()
    for ch, (reading, *_) in zip(term, readings, strict=False):
        found = _SYLLABLE.match(reading)
        if found:
            # An unknown count sorts after the known ones of its reading.
            keys.append((2, found[1].replace("ü", "v"), int(found[2]), counts.get(ch, 99), ord(ch)))
        elif ch.isascii() and ch.isalpha():
            keys.append((2, ch.lower(), 0, 0, ord(ch)))
        elif ch.isascii() and ch.isdigit():
            keys.append((1, ch, 0, 0, ord(ch)))
        else:
            keys.append((0, "", 0, 0, ord(ch)))
    return keys


def sort_key(term: str) -> tuple[list[Key], str]:
    """Character by character (首字, then 次字…): letters, then tone, then the character.
    Quotation marks and other punctuation do not count (“酒嘉双城经济圈” under J)."""
    return [k for k in _char_keys(term) if k[0]], term


def group_letter(term: str) -> str:
    """A, B, C… by the first character's reading; digits and other marks apart."""
    for cls, letters, *_ in sort_key(term)[0]:
        if cls == 2:
            return letters[0].upper()
        if cls == 1:
            return DIGITS_GROUP
    return OTHER_GROUP


def marked_terms(blocks: list[Block]) -> dict[str, None]:
    """Every term marked in the tree, in the order first met."""
    terms: dict[str, None] = {}
    for block in blocks:
        if isinstance(block, Heading):
            terms.update(dict.fromkeys(block.index))
        elif isinstance(block, Paragraph):
            for run in block.runs:
                terms.update(dict.fromkeys(run.index))
    return terms


def build_index(
    title: str, blocks: list[Block], see_also: list[SeeAlso], problems: list[Diagnostic]
) -> Index:
    """The sorted, grouped 索引 of what `blocks` mark, with the data's 参见."""
    terms = marked_terms(blocks)
    see: dict[str, list[str]] = {}
    for item in see_also:
        for target in item.see:
            if str(target) not in terms:
                loc: Location | None = target.loc
                problems.append(Diagnostic("index.see_missing", {"target": str(target)}, loc))
        see.setdefault(str(item.term), []).extend(str(t) for t in item.see)
    every = sorted({*terms, *see}, key=sort_key)
    groups: list[IndexGroup] = []
    for term in every:
        letter = group_letter(term)
        if not groups or groups[-1].letter != letter:
            groups.append(IndexGroup(letter))
        groups[-1].entries.append(IndexEntry(term, list(dict.fromkeys(see.get(term, [])))))
    return Index(title, groups)
