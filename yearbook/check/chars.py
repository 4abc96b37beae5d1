"""Character classes and the masking of fact references, shared by the rules."""

from __future__ import annotations

import re
from collections.abc import Iterator

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
# The characters key_text keeps, as the inside of a character class.
KEY_CLASS = f"{_CJK_CLASS}0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
# Not one more class of the CJK ranges: compiling each costs some 1–3 ms a check.
_CONTEXT_MARKS = frozenset(FULLWIDTH_PUNCT | {MASK})
_WHITESPACE_OR_MASK = re.compile(rf"[\s{MASK}]+")


def is_cjk(ch: str) -> bool:
    """One character in the CJK ranges. Compared, not matched by a compiled class: the
    rules ask it only next to a half-width mark, and such a class costs 2 ms to compile."""
    return len(ch) == 1 and any(lo <= ch <= hi for lo, hi in CJK_RANGES)


def has_cjk(text: str) -> bool:
    return any(map(is_cjk, text))


_NOT_CJK = re.compile(f"[^{_CJK_CLASS}]+")


def cjk_count(text: str) -> int:
    return len(_NOT_CJK.sub("", text))  # CJK.findall makes a string of every character: slower


def is_chinese_context(ch: str) -> bool:
    """A character after or before which punctuation must be full-width."""
    return ch in _CONTEXT_MARKS or is_cjk(ch)


def key_text(text: str) -> str:
    """The characters that make a sentence what it is: CJK, letters and digits, no marks."""
    return CLAUSE_END.sub("", keys_and_marks(text))  # the key characters are kept with the marks


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


# The marks a sentence ends with, and those a clause ends with (a sentence's among them).
SENTENCE_MARKS = "。！？；!?;"
CLAUSE_MARKS = "，,；;。！？!?：:"
_SENTENCE_END = re.compile(f"[{SENTENCE_MARKS}]")
CLAUSE_END = re.compile(f"[{CLAUSE_MARKS}]")
_CLAUSE_ONLY_MARKS = [mark for mark in CLAUSE_MARKS if mark not in SENTENCE_MARKS]

_NOT_KEY_NOR_MARK = re.compile(f"[^{KEY_CLASS}{CLAUSE_MARKS}]+")


def keys_and_marks(text: str) -> str:
    """key_text, keeping the marks clauses and sentences end with: split at those marks,
    it gives the key of each clause or sentence from one pass over the text."""
    return _NOT_KEY_NOR_MARK.sub("", text)


def sentence_keys(text: str, keyed: str) -> list[str]:
    """key_text of each span of sentences(text); `keyed` is keys_and_marks(text)."""
    keys = _SENTENCE_END.split(keyed)
    if not text or text[-1] in SENTENCE_MARKS:
        keys.pop()  # nothing after the last sentence's mark
    for mark in _CLAUSE_ONLY_MARKS:  # str.replace: translate is slow on Chinese text
        keys = [key.replace(mark, "") for key in keys] if mark in keyed else keys
    return keys


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


class Gated:
    """A pattern tried only on the texts where a cheaper `gate` finds the core of a match.

    A pattern that starts with a class (\\d, 一二三) or a look-behind is tried by the regex
    engine at every character of the text; one that starts with a literal is found as fast
    as str.find. The gate starts with a literal and every match of the pattern contains a
    match of it, so a text the gate misses has no match (most texts: these patterns look
    for slips). `needles`: strings one of which every match holds, tested before the gate.
    Each is compiled on first use: the pattern only once some text passes its gate.
    """

    __slots__ = ("_gate", "_gate_source", "_pattern", "_pattern_source", "needles")

    def __init__(self, pattern: str, gate: str, needles: tuple[str, ...] = ()) -> None:
        self._pattern_source, self._gate_source, self.needles = pattern, gate, needles
        self._pattern: re.Pattern[str] | None = None
        self._gate: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            self._pattern = re.compile(self._pattern_source)
        return self._pattern

    @property
    def gate(self) -> re.Pattern[str]:
        if self._gate is None:
            self._gate = re.compile(self._gate_source)
        return self._gate

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.needles and not any(n in text for n in self.needles):
            return iter(())
        if self.gate.search(text) is None:
            return iter(())
        return self.pattern.finditer(text)
