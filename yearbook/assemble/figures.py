"""Figures (图N) and colour plates (彩页) of the model as document-tree blocks."""

from __future__ import annotations

from pathlib import Path

from yearbook.assemble.numbering import Numbering
from yearbook.diagnostics import Diagnostic
from yearbook.doctree import Block, Figure, Picture, PlatePhoto, Plates
from yearbook.images import PictureLoader
from yearbook.model import Credit, CreditKind, FigureWidth, PlatePage
from yearbook.model import Figure as FigureSpec

_CREDIT_WORD = {CreditKind.PHOTO: "摄", CreditKind.SUPPLIED: "供图"}


def credit_text(credit: Credit | None) -> str:
    """（张三　摄）, （市政协　供图）: the form printed yearbooks use."""
    if credit is None:
        return ""
    return f"（{credit.name.strip()}\u3000{_CREDIT_WORD[credit.kind]}）"


class FigureMaker:
    def __init__(self, numbering: Numbering, problems: list[Diagnostic]):
        self.numbering = numbering
        self.problems = problems
        self.loader = PictureLoader()

    def picture(self, spec: FigureSpec) -> Picture | None:
        path = spec.path if spec.path is not None else Path(spec.file)
        found = self.loader.load(path, str(spec.file), spec.file.loc)
        if isinstance(found, Diagnostic):
            self.problems.append(found)
            return None
        return found

    def figures(self, specs: list[FigureSpec]) -> list[Block]:
        out: list[Block] = []
        for spec in specs:
            number = self.numbering.take(spec.id, self.problems)
            picture = self.picture(spec)
            if picture is None:
                continue
            out.append(
                Figure(
                    number,
                    str(spec.caption),
                    picture,
                    credit_text(spec.credit),
                    page_width=spec.width is FigureWidth.PAGE,
                    placement=spec.placement.value,
                    source=spec.file.loc,
                )
            )
        return out

    def plates(self, pages: list[PlatePage]) -> list[Block]:
        """The 彩页 block (unnumbered photos), or nothing."""
        shown: list[list[PlatePhoto]] = []
        for page in pages:
            photos = []
            for spec in page.photos:
                picture = self.picture(spec)
                if picture is not None:
                    credit = credit_text(spec.credit)
                    photos.append(PlatePhoto(str(spec.caption), picture, credit, spec.file.loc))
            shown.append(photos)
        return [Plates(shown)] if shown else []
