"""A clean package: what python-docx's built-in template leaves behind that describes
that template, not this document.

- styles the document does not use (List Bullet 3, Light Shading – Accent 4 …) leave
  the style gallery; linked "Char" styles (shown in blue in Word's style pane) go;
- the font table names the faces the document uses (宋体, 黑体, 楷体, 仿宋);
- app.xml names this program, not "Microsoft Macintosh Word", and no stale counts;
- the template's bibliography custom XML and list numbering are dropped.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from yearbook.style import FONT_ROLES, Style
from yearbook.writers.docx import oxml
from yearbook.writers.docx.styles import face

# Styles every document keeps: the defaults Word falls back on.
_DEFAULTS = frozenset({"Normal", "DefaultParagraphFont", "TableNormal", "NoList"})
# How Word describes each face in a font table: GB2312 charset (0x86), the Latin name.
_FONT_INFO = {"宋体": "SimSun", "黑体": "SimHei", "楷体": "KaiTi", "仿宋": "FangSong"}
_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def furniture_parts(document: WordDocument) -> list[etree._Element]:
    """The root elements of the header and footer parts."""
    return [rel.target_part.element for rel in document.part.rels.values()
            if rel.reltype in (RT.HEADER, RT.FOOTER)]


def used_style_ids(document: WordDocument) -> set[str]:
    """Style ids referenced from the body, headers and footers."""
    parts = [document.part.element, *furniture_parts(document)]
    tags = (qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))
    val = qn("w:val")  # once: the body has a style reference in every paragraph
    return {el.get(val) for part in parts for el in part.iter(*tags)}


def prune_styles(document: WordDocument, keep: set[str]) -> None:
    """Drop every style outside `keep` (and the styles they are based on), and all style links."""
    styles_el = document.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles_el.findall(qn("w:style"))}
    wanted = set(keep) | _DEFAULTS
    todo = list(wanted)
    while todo:  # the basedOn chain of every kept style
        element = by_id.get(todo.pop())
        base = element.find(qn("w:basedOn")) if element is not None else None
        if base is not None and base.get(qn("w:val")) not in wanted:
            wanted.add(base.get(qn("w:val")))
            todo.append(base.get(qn("w:val")))
    for style_id, element in by_id.items():
        if style_id not in wanted:
            styles_el.remove(element)
            continue
        for link in element.findall(qn("w:link")):
            element.remove(link)
        nxt = element.find(qn("w:next"))
        if nxt is not None and nxt.get(qn("w:val")) not in wanted:
            element.remove(nxt)


def font_table(document: WordDocument, style: Style) -> None:
    """The faces the styles name, with the charset and Latin name Word writes for them."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    fonts = oxml.parse(f"<w:fonts {oxml.W_DECL}/>")
    seen: list[str] = []
    for role in FONT_ROLES:
        name = face(style, role)
        if name in seen:
            continue
        seen.append(name)
        font = oxml.el("w:font", name=name)
        if name in _FONT_INFO:
            font.append(oxml.el("w:altName", val=_FONT_INFO[name]))
        font.append(oxml.el("w:charset", val="86"))
        font.append(oxml.el("w:family", val="auto"))
        font.append(oxml.el("w:pitch", val="variable"))
        fonts.append(font)
    # A plain Part keeps its bytes in _blob; python-docx has no setter for it.
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


def app_properties(document: WordDocument) -> None:
    """app.xml naming this program; the page and word counts Word fills in when it saves."""
    package = document.part.package
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            root = etree.Element(f"{{{_EXTENDED}}}Properties", nsmap={None: _EXTENDED})
            for tag, value in (("Application", "yearbook"), ("DocSecurity", "0"),
                               ("ScaleCrop", "false"), ("LinksUpToDate", "false"),
                               ("SharedDoc", "false"), ("HyperlinksChanged", "false")):
                etree.SubElement(root, f"{{{_EXTENDED}}}{tag}").text = value
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def drop_unused_parts(document: WordDocument) -> None:
    """The template's bibliography sources and list definitions: nothing here uses them."""
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, RT.NUMBERING):
            document.part.rels.pop(r_id)
