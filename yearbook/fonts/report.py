"""`yearbook fonts`: which face each role uses, where it is, what it covers, and its licence."""

from __future__ import annotations

from yearbook.fonts.charsets import gb2312_hanzi, tongyong_hanzi
from yearbook.fonts.convert import Progress
from yearbook.fonts.resolve import Face, Resolver, role_name, used_roles, word_font
from yearbook.i18n import register, tr
from yearbook.style import FONT_ROLES, Style

register(
    {
        "fonts.report.title": ("字体（版式“{style}”）", "Fonts (style '{style}')"),
        "fonts.report.role": ("{role_name}（{role}）{used}", "{role_name} ({role}){used}"),
        "fonts.report.unused": ("——本版式未使用", " - not used by this style"),
        "fonts.report.family": ("  字体：{family}", "  face: {family}"),
        "fonts.report.borrowed": (
            "  字体：{family}（借用{other_name}）", "  face: {family} (the {other_name} face)"
        ),
        "fonts.report.file": ("  文件：{path}", "  file: {path}"),
        "fonts.report.converted": ("        由 {source} 转换而来", "        converted from {source}"),
        "fonts.report.gb2312": (
            "  GB 2312 汉字：{count}/{total}（{percent}）", "  GB 2312 hanzi: {count}/{total} ({percent})"
        ),
        "fonts.report.tongyong": (
            "  通用规范汉字表：{count}/{total}（{percent}）",
            "  Table of General Standard Chinese Characters: {count}/{total} ({percent})",
        ),
        "fonts.report.lacks": ("    缺：{chars}", "    lacks: {chars}"),
        "fonts.report.extb": (
            "  扩展 B 及以后的生僻字：{count} 字", "  CJK Extension B and later: {count} characters"
        ),
        "fonts.report.licence": ("  授权：{licence}", "  licence: {licence}"),
        "fonts.report.word": ("  DOCX 中的字体名：{name}", "  name in the DOCX: {name}"),
        "fonts.report.missing": ("  未找到字体", "  no face found"),
        "fonts.report.bold": (
            "注：PDF 不使用粗体字形；版式中标为加粗的文字以常规字形排印。",
            "Note: the PDF has no bold faces; text a style marks bold is set in the regular face.",
        ),
    }
)

SHOWN_MISSING = 30


def _percent(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%" if count < total else "100%"


def _coverage_lines(face: Face) -> list[str]:
    cps = face.codepoints()
    lines = []
    for key, chars in (("fonts.report.gb2312", gb2312_hanzi()), ("fonts.report.tongyong", tongyong_hanzi())):
        lacking = [c for c in chars if ord(c) not in cps]
        count = len(chars) - len(lacking)
        lines.append(tr(key, count=count, total=len(chars), percent=_percent(count, len(chars))))
        if lacking:
            shown = "".join(lacking[:SHOWN_MISSING]) + ("……" if len(lacking) > SHOWN_MISSING else "")
            lines.append(tr("fonts.report.lacks", chars=shown))
    lines.append(tr("fonts.report.extb", count=sum(1 for c in cps if 0x20000 <= c <= 0x3FFFF)))
    return lines


def fonts_report(style: Style, progress: Progress | None = None, resolver: Resolver | None = None) -> str:
    """The text `yearbook fonts` prints: one block per role, warnings included; never raises
    for a missing face (the report says so), so it is the first thing to run when fonts fail."""
    resolver = resolver or Resolver(progress=progress)
    faces, errors = resolver.resolve_all(style)
    used = used_roles(style)
    lines = [tr("fonts.report.title", style=style.name), ""]
    for role in FONT_ROLES:
        mark = "" if role in used else tr("fonts.report.unused")
        lines.append(tr("fonts.report.role", role_name=role_name(role), role=role, used=mark))
        face = faces.get(role)
        if face is None:
            lines.append(tr("fonts.report.missing"))
        else:
            if face.borrowed_from:
                other = role_name(face.borrowed_from)
                lines.append(tr("fonts.report.borrowed", family=face.family, other_name=other))
            else:
                lines.append(tr("fonts.report.family", family=face.family))
            lines.append(tr("fonts.report.file", path=face.path))
            if face.source:
                lines.append(tr("fonts.report.converted", source=face.source))
            lines.extend(_coverage_lines(face))
            lines.append(tr("fonts.report.licence", licence=face.licence))
        lines.append(tr("fonts.report.word", name=word_font(style, role)))
        for diag in face.warnings if face else ():
            lines.append("  " + diag.render())
        for diag in errors:
            if diag.args.get("role") == role:
                lines.append("  " + diag.render())
        lines.append("")
    if any(p.bold for p in style.paragraphs.values()) or any(c.bold for c in style.characters.values()):
        lines.append(tr("fonts.report.bold"))
    return "\n".join(lines)
