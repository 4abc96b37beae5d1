"""The editors' own Word template (模板), as pandoc's --reference-doc: the DOCX is built
on a copy of it, so its styles, fonts, theme, page size and margins, headers, footers
and numbering stay; our paragraphs take its styles by name.

Each role (类目 heading, 分目 heading, body, caption …) maps to a style name of the
template; the defaults are the names a Chinese Word template has (标题 1, 正文, 题注 …).
A style is found by its name as Word shows it, by the English name Word stores for a
built-in style whatever the UI language ("heading 1" for 标题 1), or by its style id
(Heading1). A role whose style the template lacks gets our own style, with a warning.
"""

from __future__ import annotations

import docx
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from lxml import etree

from yearbook.diagnostics import Diagnostic, Severity
from yearbook.i18n import register
from yearbook.style import Style
from yearbook.writers.docx.page import LAST
from yearbook.writers.docx.styles import CHARACTER_STYLES, PARAGRAPH_STYLES

register(
    {
        "docx.template_style_missing": (
            "Word 模板“{template}”中没有样式“{name}”（用于{role}），已改用本程序的样式“{ours}”；"
            "如模板中该样式另有名称，请在版式文件的 template_styles（模板样式）中写明",
            "the Word template '{template}' has no style '{name}' (for {role}); the document uses "
            "its own style '{ours}'. If the template names that style differently, map it under "
            "template_styles in the style file",
        ),
    }
)

# Roles that take a template style unless the style file says otherwise.
DEFAULT_NAMES = {
    "body": "正文",
    "heading1": "标题 1",
    "heading2": "标题 2",
    "article_heading": "标题 3",
    "caption": "题注",
    "running_head": "页眉",
    "page_number": "页脚",
}
# Word stores a built-in style under its English name in every UI language.
_BUILTIN = {
    "正文": "Normal", "标题": "Title", "副标题": "Subtitle", "题注": "caption",
    "页眉": "header", "页脚": "footer", "目录 1": "toc 1", "目录 2": "toc 2",
    **{f"标题 {n}": f"heading {n}" for n in range(1, 10)},
}
_CHINESE = {english: chinese for chinese, english in _BUILTIN.items()}
ROLE_NAMES = {
    "body": ("正文", "body text"), "heading1": ("类目标题", "category heading"),
    "heading2": ("分目标题", "section heading"), "article_title": ("文章标题", "article title"),
    "subtitle": ("副题", "subtitle"), "byline": ("署名", "byline"),
    "article_heading": ("文章小标题", "article heading"), "credit": ("供稿", "contributor line"),
    "caption": ("表题", "table caption"), "table_header": ("表头", "table header"),
    "table_cell": ("表格文字", "table cell"), "running_head": ("书眉", "running head"),
    "page_number": ("页码", "page number"), "entry_title": ("条目标题", "entry title"),
    "runin_title": ("小题", "run-in title"),
}


def role_names(style: Style) -> dict[str, str]:
    """role → the template style name it takes."""
    return DEFAULT_NAMES | style.template_styles.names


def open_template(style: Style) -> WordDocument:
    """The template with its body emptied; its last sectPr (page setup, headers) stays."""
    assert style.template is not None
    document = docx.Document(str(style.template))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def find_style(styles_el: etree._Element, name: str, kind: str) -> str | None:
    """The style id of the template style called `name` (see the module docstring)."""
    english = _BUILTIN.get(name.strip(), name.strip())
    names = {name.strip().casefold(), english.casefold()}
    ids = {name.replace(" ", "").casefold(), english.replace(" ", "").casefold()}
    by_id = None
    for element in styles_el.findall(qn("w:style")):
        if element.get(qn("w:type")) != kind:
            continue
        name_el = element.find(qn("w:name"))
        if name_el is not None and name_el.get(qn("w:val"), "").casefold() in names:
            return element.get(qn("w:styleId"))
        if by_id is None and (element.get(qn("w:styleId")) or "").casefold() in ids:
            by_id = element.get(qn("w:styleId"))
    return by_id


def resolve(document: WordDocument, style: Style) -> tuple[dict[str, str], list[str]]:
    """Our style id → the template's, for every role found; and the roles not found."""
    styles_el = document.styles.element
    ids: dict[str, str] = {}
    missing: list[str] = []
    for role, name in role_names(style).items():
        ws = PARAGRAPH_STYLES.get(role) or CHARACTER_STYLES.get(role)
        if ws is None:
            continue
        kind = "paragraph" if role in PARAGRAPH_STYLES else "character"
        found = find_style(styles_el, name, kind)
        if found is None:
            missing.append(role)
        else:
            ids[ws.style_id] = found
    # Deeper article headings and the base of our own styles: the template's where it has them.
    for n in range(4, 10):
        found = find_style(styles_el, f"heading {n}", "paragraph")
        if found:
            ids[f"Heading{n}"] = found
    normal = find_style(styles_el, "Normal", "paragraph")
    if normal:
        ids["Normal"] = normal
    return ids, missing


def template_warnings(style: Style) -> list[Diagnostic]:
    """A located warning for each mapped style the template lacks."""
    if style.template is None:
        return []
    from yearbook.i18n import language

    _, missing = resolve(open_template(style), style)
    names = role_names(style)
    english = language() != "zh"
    out = []
    for role in missing:
        ws = PARAGRAPH_STYLES.get(role) or CHARACTER_STYLES[role]
        loc = style.template_styles.field_locs.get(role) or style.template_loc
        ours = ws.name if english or not ws.builtin else _CHINESE.get(ws.name, ws.name)
        args = {"template": style.template.name, "name": names[role],
                "role": ROLE_NAMES[role][english], "ours": ours}
        out.append(Diagnostic("docx.template_style_missing", args, loc, severity=Severity.WARNING))
    return out


def rename_styles(document: WordDocument, ids: dict[str, str], parts: list[etree._Element]) -> None:
    """Point every paragraph, run and style that names one of our ids at the template's style."""
    tags = (qn("w:pStyle"), qn("w:rStyle"), qn("w:basedOn"), qn("w:next"))
    for root in [*parts, document.styles.element]:
        for el in root.iter(*tags):
            new = ids.get(el.get(qn("w:val")))
            if new:
                el.set(qn("w:val"), new)


def styleref(document: WordDocument, ids: dict[str, str]) -> str:
    """The running head's field: `STYLEREF 2 \\l` finds Word's built-in heading 2 in any UI
    language; a 分目 style that is not the built-in one is named (STYLEREF "分目标题" \\l).
    `\\l`: the page's last 分目, else the latest before it, as the PDF's head (see page.py)."""
    style_id = ids.get(PARAGRAPH_STYLES["heading2"].style_id)
    element = next((s for s in document.styles.element.findall(qn("w:style"))
                    if s.get(qn("w:styleId")) == style_id), None)
    name_el = element.find(qn("w:name")) if element is not None else None
    name = name_el.get(qn("w:val"), "") if name_el is not None else ""
    if style_id is None or name.casefold() == "heading 2":
        return "STYLEREF 2" + LAST
    return f'STYLEREF "{name}"{LAST}'
