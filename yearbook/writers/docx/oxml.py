"""Raw WordprocessingML that python-docx has no API for.

Builders return lxml elements (or XML strings for the table hot loop) with their
children in schema order: Word refuses a file whose pPr, rPr or sectPr children
are out of order, where LibreOffice would silently accept it.

Units: twips (1/20 pt) for lengths, half-points for type sizes, eighths of a point
for border widths.
"""

from __future__ import annotations

import re
from functools import cache
from html import escape  # not xml.sax.saxutils: it imports urllib.request, http and ssl

from docx.oxml.ns import NamespacePrefixedTag, nsdecls, qn
from docx.oxml.parser import oxml_parser, parse_xml
from lxml import etree

JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}

# Characters XML 1.0 forbids; a stray one from a pasted text would corrupt the file.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
)
SECTPR_ORDER = (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
    "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
    "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)
# The part of w:settings' sequence that the template's settings.xml can contain.
SETTINGS_ORDER = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "mirrorMargins", "proofState", "attachedTemplate", "defaultTabStop", "evenAndOddHeaders",
    "characterSpacingControl", "savePreviewPicture", "updateFields", "compat", "docVars", "rsids",
    "mathPr", "themeFontLang", "clrSchemeMapping", "doNotAutoCompressPictures", "shapeDefaults",
    "decimalSymbol", "listSeparator",
)


def twips(points: float) -> int:
    return round(points * 20)


def half_points(points: float) -> int:
    return round(points * 2)


def eighths(points: float) -> int:
    return max(2, round(points * 8))  # Word's thinnest line is 1/4 pt


def clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


@cache
def _tag(tag: str) -> tuple[str, dict[str, str]]:
    """Clark name and namespace map of a prefixed tag, as python-docx's OxmlElement makes
    them: worked out once per tag, not once per element (the body makes ten thousands)."""
    prefixed = NamespacePrefixedTag(tag)
    return prefixed.clark_name, prefixed.nsmap


@cache
def _attribute(name: str) -> str:
    return qn(f"w:{name}")


def el(tag: str, **attrs: str | int) -> etree._Element:
    """`el("w:jc", val="both")`: attribute names are written without their w: prefix.
    The element is OxmlElement(tag)'s: python-docx's parser makes its class."""
    clark, nsmap = _tag(tag)
    element = oxml_parser.makeelement(clark, nsmap=nsmap)
    for name, value in attrs.items():
        element.set(_attribute(name), str(value))
    return element


def insert_ordered(parent: etree._Element, child: etree._Element, order: tuple[str, ...]) -> None:
    """Insert `child` before the first sibling that the schema puts after it (replacing its twin)."""
    local = etree.QName(child).localname
    for old in parent.findall(child.tag):
        parent.remove(old)
    later = set(order[order.index(local) + 1:])
    for sibling in parent:
        if etree.QName(sibling).localname in later:
            sibling.addprevious(child)
            return
    parent.append(child)


# --- run properties -------------------------------------------------------------------


def fonts(face: str) -> etree._Element:
    """One face for every script; explicit names so no theme font (the Japanese one) applies."""
    return el("w:rFonts", ascii=face, hAnsi=face, eastAsia=face, cs=face)


def run_props(face: str | None = None, size: float | None = None, bold: bool = False) -> list[etree._Element]:
    out: list[etree._Element] = []
    if face:
        out.append(fonts(face))
    if bold:
        out += [el("w:b"), el("w:bCs")]
    out.append(el("w:color", val="000000"))  # heading styles come with theme blue
    if size:
        out += [el("w:sz", val=half_points(size)), el("w:szCs", val=half_points(size))]
    return out


# --- paragraph properties -------------------------------------------------------------


def spacing(before: float, after: float, line: float | None) -> etree._Element:
    attrs: dict[str, str | int] = {"before": twips(before), "after": twips(after)}
    if line:
        # Exact leading, as in the PDF; "auto" would grow lines by the CJK font's ascent.
        attrs.update(line=twips(line), lineRule="exact")
    return el("w:spacing", **attrs)


def first_line_indent(chars: float, size: float) -> etree._Element:
    """`firstLineChars` (hundredths of a character) follows the font size; `firstLine` is the fallback."""
    return el("w:ind", firstLineChars=round(chars * 100), firstLine=twips(chars * size))


def bottom_border(width: float, space: float = 1.0) -> etree._Element:
    pbdr = el("w:pBdr")
    pbdr.append(el("w:bottom", val="single", sz=eighths(width), space=round(space), color="000000"))
    return pbdr


def outline_level(level: int) -> etree._Element:
    return el("w:outlineLvl", val=level)


# --- fields ---------------------------------------------------------------------------


def field_runs(instruction: str, cached: str) -> list[etree._Element]:
    """A complex field: begin, instruction, separate, cached result, end."""

    def run(*children: etree._Element) -> etree._Element:
        r = el("w:r")
        for c in children:
            r.append(c)
        return r

    instr = el("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    return [
        run(el("w:fldChar", fldCharType="begin")),
        run(instr),
        run(el("w:fldChar", fldCharType="separate")),
        run(text(cached)),
        run(el("w:fldChar", fldCharType="end")),
    ]


def text(value: str) -> etree._Element:
    t = el("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = clean(value)
    return t


# --- section properties ---------------------------------------------------------------


def columns(count: int, gap: float) -> etree._Element:
    if count <= 1:
        return el("w:cols", space=twips(gap) or 425)
    return el("w:cols", num=count, space=twips(gap))


def section_type(kind: str) -> etree._Element:
    return el("w:type", val=kind)


# --- settings -------------------------------------------------------------------------


def set_setting(settings: etree._Element, name: str, **attrs: str | int) -> None:
    insert_ordered(settings, el(f"w:{name}", **attrs), SETTINGS_ORDER)


# --- strings for bulk XML -------------------------------------------------------------


def xml_text(value: str) -> str:
    return escape(clean(value), quote=False)  # & < > only, as in element text


def parse(xml: str) -> etree._Element:
    """Parse one element written as a string whose root declares the w: namespace (see W_DECL)."""
    return parse_xml(xml)


W_DECL = nsdecls("w")
