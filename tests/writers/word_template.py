"""A Word template made the way a Chinese Word saves one: heading 1 and Normal under
localized style ids (1, a), heading 2 under its Chinese name 标题 2 (as WPS writes it),
each with a distinctive face; no heading 3 and no caption style."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Pt

FACES = {"1": "方正小标宋简体", "2": "华文中宋", "a": "方正书宋简体"}


def make_template(path: Path, missing: tuple[str, ...] = ("Heading 3", "Caption")) -> Path:
    document = docx.Document()
    styles = document.styles
    renamed = {"Heading1": "1", "Heading2": "2", "Normal": "a"}
    for old, new in renamed.items():
        element = next(s for s in styles.element.findall(qn("w:style")) if s.get(qn("w:styleId")) == old)
        element.set(qn("w:styleId"), new)
    styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='2']/{qn('w:name')}").set(qn("w:val"), "标题 2")
    for el in styles.element.iter(qn("w:basedOn"), qn("w:next"), qn("w:link")):
        el.set(qn("w:val"), renamed.get(el.get(qn("w:val")), el.get(qn("w:val"))))
    for style_id, face in FACES.items():
        style = next(s for s in styles if s.style_id == style_id)
        style.font.size = Pt(12)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)
        style.font.name = face
    for name in missing:
        gone = styles[name].element
        gone.getparent().remove(gone)
        for link in styles.element.iter(qn("w:link")):
            if link.get(qn("w:val")) == gone.get(qn("w:styleId")):
                link.getparent().remove(link)
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("stylesWithEffects"):
            document.part.rels.pop(r_id)
    document.save(str(path))
    return path
