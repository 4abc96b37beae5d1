"""Numbers of tables (表N) and figures (图N) in document order, and references to them.

Text may name a numbered item before it is set (`见{{figure.huichang}}` above the
figure), so a reference is left as a placeholder while the document is assembled
and filled in once every number is known.
"""

from __future__ import annotations

import re
from dataclasses import replace

from yearbook.diagnostics import Diagnostic, Location
from yearbook.doctree import Block, Paragraph
from yearbook.i18n import register
from yearbook.text import Text

register(
    {
        "numbering.duplicate_id": (
            "编号“{id}”重复，第一次出现在 {first}",
            "duplicate id '{id}', first used at {first}",
        ),
        "numbering.unknown_figure": (
            "引用的图“{id}”不存在；有编号的图：{available}",
            "no figure has the id '{id}'; figures with an id: {available}",
        ),
        "numbering.unknown_table": (
            "引用的表格“{id}”不存在；有编号的表格：{available}",
            "no table has the id '{id}'; tables with an id: {available}",
        ),
    }
)

# The kinds of numbered item a reference may name: `{{figure.<id>}}`, `{{table.<id>}}`.
KINDS = ("figure", "table")
_PLACEHOLDER = re.compile("\x00([^\x00]*)\x00")


class Numbering:
    """Hands out 1, 2, 3… (from `first`) and remembers the number of each id."""

    def __init__(self, label: str, first: int = 1):
        self.label = label
        self.start = first
        self.next = first
        self.by_id: dict[str, tuple[int, Location | None]] = {}

    @property
    def count(self) -> int:
        """How many numbers were handed out."""
        return self.next - self.start

    def take(self, ident: Text | None, problems: list[Diagnostic]) -> int:
        number = self.next
        self.next += 1
        if ident is not None:
            key = str(ident).strip()
            if key in self.by_id:
                first = self.by_id[key][1]
                problems.append(Diagnostic("numbering.duplicate_id", {"id": key, "first": first}, ident.loc))
            else:
                self.by_id[key] = (number, ident.loc)
        return number


def is_reference(name: str) -> bool:
    return name.partition(".")[0] in KINDS and bool(name.partition(".")[2])


def placeholder(name: str) -> str:
    """What stands in the text for a reference until the numbers are known."""
    return f"\x00{name}\x00"


def resolve(
    blocks: list[Block],
    numberings: dict[str, Numbering],
    references: dict[str, list[Location | None]],
    problems: list[Diagnostic],
) -> None:
    """Fill in every reference placeholder: `figure.x` → 图3; unknown ids are located errors."""
    for name, locs in references.items():
        kind, _, ident = name.partition(".")
        if ident not in numberings[kind].by_id:
            args = {"id": ident, "available": "、".join(numberings[kind].by_id) or "—"}
            problems += [Diagnostic(f"numbering.unknown_{kind}", args, loc) for loc in locs]

    def number(match: re.Match[str]) -> str:
        kind, _, ident = match[1].partition(".")
        found = numberings[kind].by_id.get(ident)
        return f"{numberings[kind].label}{found[0]}" if found else match[1]

    for i, block in enumerate(blocks):
        if isinstance(block, Paragraph) and any("\x00" in r.text for r in block.runs):
            runs = [replace(r, text=_PLACEHOLDER.sub(number, r.text)) for r in block.runs]
            blocks[i] = replace(block, runs=runs)
