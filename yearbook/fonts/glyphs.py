"""No silent tofu: every character a run's face lacks is reported with its YAML location."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from yearbook import doctree
from yearbook.diagnostics import Diagnostic, Location, Severity
from yearbook.fonts.resolve import GLYPH_FALLBACK, Face, role_name
from yearbook.i18n import register
from yearbook.style import Style

register(
    {
        "fonts.glyph_missing": (
            "“{char}”（{code}）在所有字体中都没有字形，PDF 中会显示为空框；"
            "请核对此字是否录入有误，或把含有此字的字体放到 fonts 文件夹（见 fonts/README.md）",
            "'{char}' ({code}) is in none of the fonts and would print as an empty box in the PDF; "
            "check the character, or put a font that has it in fonts/ (see fonts/README.md)",
        ),
        "fonts.glyph_borrowed": (
            "“{char}”（{code}）在{role_name}字体“{family}”中没有字形，PDF 中改用{other_name}“{other}”排印",
            "'{char}' ({code}) is missing from the {role_name} font '{family}'; "
            "the PDF sets it in the {other_name} font '{other}'",
        ),
    }
)


def code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def _texts(doc: doctree.Document, style: Style) -> Iterator[tuple[str, str, Location | None]]:
    """(text, font role, source) for everything the PDF sets, in reading order."""
    paras = style.paragraphs
    if style.heads.running_heads and doc.meta.title:
        yield doc.meta.title, paras["running_head"].font, None
    for block in [*doc.front, *doc.blocks]:
        if isinstance(block, doctree.Heading):
            level = f"heading{min(max(block.level, 1), 3)}"
            yield block.text, style.para(level).font, block.source
            if style.heads.running_heads:
                yield block.running_head, paras["running_head"].font, block.source
        elif isinstance(block, doctree.Paragraph):
            para_role = paras[block.role.value].font
            for run in block.runs:
                role = style.char(run.role.value).font if run.role is not doctree.RunRole.TEXT else para_role
                yield run.text, role, run.source
        elif isinstance(block, doctree.Table):
            yield block.caption, paras["caption"].font, block.source
            yield block.continued_label, paras["caption"].font, None
            for column in block.columns:
                yield column.title, paras["table_header"].font, None
            for row in block.rows:
                for cell in row:
                    yield cell.text, paras["table_cell"].font, cell.source
        elif isinstance(block, doctree.TitlePage):
            yield block.title, style.para("title_page").font, None
            for line in block.lines:
                yield line, style.para("title_page_line").font, None
        elif isinstance(block, doctree.TableOfContents):
            yield block.title, paras["heading1"].font, None
            for entry in block.entries:
                yield entry.text, style.para(f"toc{min(max(entry.level, 1), 3)}").font, None
        elif isinstance(block, doctree.Index):
            yield block.title, paras["heading1"].font, None
            for group in block.groups:
                yield group.letter, style.para("index_letter").font, None
                for entry in group.entries:
                    yield "".join([entry.term, *entry.see_also]), style.para("index_entry").font, None
        elif isinstance(block, doctree.Figure):
            yield block.caption, paras["caption"].font, block.source
        elif isinstance(block, doctree.Plates):
            for photo in (p for page in block.pages for p in page):
                yield photo.caption, paras["caption"].font, photo.source


def _drawn(char: str) -> bool:
    """Characters the writers lay out as space or line breaks need no glyph."""
    return not char.isspace() and unicodedata.category(char) != "Cc"


def missing_glyphs(doc: doctree.Document, faces: dict[str, Face], style: Style) -> list[Diagnostic]:
    """A WARNING for each character (once per place) that its run's face cannot print.

    Where another role's face has the character, the PDF writer sets it there
    (GLYPH_FALLBACK) and the warning says so; otherwise it would be an empty box.
    """
    out: list[Diagnostic] = []
    seen: set[tuple[str, str, Location | None]] = set()
    texts = list(_texts(doc, style))
    # The distinct characters of each role against its face first: almost always none is
    # missing, and then no text is looked at character by character.
    used: dict[str, set[str]] = {}
    for text, role, _ in texts:
        used.setdefault(role, set()).update(text)
    missing: dict[str, set[str]] = {}
    for role, chars in used.items():
        face = faces.get(role)
        if face is not None:
            have = face.codepoints()
            missing[role] = {c for c in chars if ord(c) not in have and _drawn(c)}
    if not any(missing.values()):
        return out
    for text, role, loc in texts:
        lacking = missing.get(role)
        if not lacking or lacking.isdisjoint(text):
            continue
        face = faces[role]
        for char in text:
            if char not in lacking or (char, role, loc) in seen:
                continue
            seen.add((char, role, loc))
            args = {"char": char, "code": code_point(char), "role_name": role_name(role),
                    "family": face.family}
            other = next((r for r in GLYPH_FALLBACK.get(role, ()) if r in faces and faces[r].has(char)), None)
            if other:
                args.update(other_name=role_name(other), other=faces[other].family)
                out.append(Diagnostic("fonts.glyph_borrowed", args, loc, severity=Severity.WARNING))
            else:
                out.append(Diagnostic("fonts.glyph_missing", args, loc, severity=Severity.WARNING))
    return out
