"""Character classes and the masking of fact references, shared by the rules."""

from __future__ import annotations

import re

# A {{fact}} reference is replaced, character for character, by this private-use
# character: offsets stay those of the original text, and no rule reads a digit,
# a mark or a word inside a reference (a count given by a reference is never wrong).
MASK = "\ue000"
_REFERENCE = re.compile(r"\{\{[^{}]*\}\}")
# An index mark [[shown|term]]: the brackets and the term are not printed, the shown
# text is, so only the shown text stays visible to the rules.
_INDEX_MARK = re.compile(r"(\[\[)([^\[\]|]*)((?:\|[^\[\]]*)?\]\])")

CJK_RANGES = (
    ("\u3400", "\u4dbf"),
    ("\u4e00", "\u9fff"),
    ("\uf900", "\ufaff"),
    ("\U00020000", "\U0002ffff"),
)
# Full-width marks a Chinese text is made of (GB/T 15834).
FULLWIDTH_PUNCT = set("，。、；：？！“”‘’（）《》〈〉【】—…·～〔〕「」『』")


_CJK_CLASS = "".join(f"{lo}-{hi}" for lo, hi in CJK_RANGES)
# One compiled class does the range test in C: the rules call it for every character.
CJK = re.compile(f"[{_CJK_CLASS}]")
_CJK_MATCH = CJK.fullmatch
_NOT_KEY = re.compile(f"[^{_CJK_CLASS}0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
# Not one more class of the CJK ranges: compiling each costs some 3 ms a check.
_CONTEXT_MARKS = frozenset(FULLWIDTH_PUNCT | {MASK})
_WHITESPACE_OR_MASK = re.compile(rf"[\s{MASK}]+")


def is_cjk(ch: str) -> bool:
    return ch != "" and _CJK_MATCH(ch) is not None


def has_cjk(text: str) -> bool:
    return CJK.search(text) is not None


_NOT_CJK = re.compile(f"[^{_CJK_CLASS}]+")


def cjk_count(text: str) -> int:
    return len(_NOT_CJK.sub("", text))


def is_chinese_context(ch: str) -> bool:
    """A character after or before which punctuation must be full-width."""
    return ch in _CONTEXT_MARKS or (ch != "" and _CJK_MATCH(ch) is not None)


def key_text(text: str) -> str:
    """The characters that make a sentence what it is: CJK, letters and digits, no marks."""
    return _NOT_KEY.sub("", text)


def mask_references(text: str) -> str:
    if "[[" in text:
        text = _INDEX_MARK.sub(lambda m: MASK * 2 + m[2] + MASK * len(m[3]), text)
    return _REFERENCE.sub(lambda m: MASK * len(m.group()), text)


def count_characters(text: str) -> int:
    """Characters that count towards the error rate: all but whitespace and references."""
    return count_masked(mask_references(text))


def count_masked(masked: str) -> int:
    """count_characters of a text whose references are masked already."""
    return len(masked) - sum(len(run) for run in _WHITESPACE_OR_MASK.findall(masked))


_SENTENCE_END = re.compile(r"[。！？；!?;]")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of a paragraph, end mark included."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
