"""The example book in examples/ and the synthetic books of benchmarks/make_book.py."""

from __future__ import annotations

import filecmp
import importlib.util

from tests.conftest import ROOT
from yearbook.assemble import assemble
from yearbook.doctree import Heading, Index, Plates, Table, TableOfContents
from yearbook.load.book import load_book

BOOK = ROOT / "examples" / "嘉峪关年鉴"
UNITS = BOOK / "单位稿"


def test_jiayuguan_unit_is_the_data_folder_unchanged():
    unit = UNITS / "政协嘉峪关市委员会"
    data = ROOT / "data"
    names = sorted(str(p.relative_to(data)) for p in data.rglob("*") if p.is_file())
    assert sorted(str(p.relative_to(unit)) for p in unit.rglob("*") if p.is_file()) == names
    _, mismatch, errors = filecmp.cmpfiles(data, unit, names, shallow=False)
    assert mismatch == [] and errors == []


def test_example_book_assembles_with_three_units_chronicle_and_index():
    book = load_book(BOOK).book
    assert len(book.units) >= 3 and book.chronicle is not None
    doc = assemble(book)
    assert isinstance(doc.front[-1], TableOfContents) and isinstance(doc.blocks[-1], Index)
    tables = [b.number for b in doc.blocks if isinstance(b, Table)]
    assert tables == list(range(1, len(tables) + 1))
    assert [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1] == [
        "特载", "大事记", "政协", "统一战线", "附录", "索引",
    ]


def test_every_example_unit_builds_alone():
    for unit in sorted(UNITS.iterdir()):
        doc = assemble(load_book(unit).book)
        # A unit alone has no 书名页, 编辑说明 or 目录; its own 彩页 may stand in front.
        assert all(isinstance(b, Plates) for b in doc.front) and doc.blocks


def test_make_book_writes_distinct_units_that_assemble(tmp_path):
    spec = importlib.util.spec_from_file_location("make_book", ROOT / "benchmarks" / "make_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.make_book(6, tmp_path / "book")
    book = load_book(tmp_path / "book").book
    names = [str(u.name) for u in book.units]
    assert len(names) == 6 == len(set(names))
    doc = assemble(book)
    assert sum(isinstance(b, Table) for b in doc.blocks) == 6 * 4
    texts = [c for c in book.every_chapter() if c.unit is not None]
    first = [str(c.sections[0].entries[0].paragraphs[0]) for c in texts]
    assert len(set(first)) == len(first)  # distinct texts, not one unit copied
    alone = assemble(load_book(tmp_path / "book" / "units" / "u001").book)
    assert alone.blocks


def test_a_units_plates_join_the_books_front():
    book = load_book(BOOK).book
    unit_plates = load_book(UNITS / "政协嘉峪关市委员会").book.plates
    assert unit_plates and [p.photos[0].caption for p in book.plates][-len(unit_plates):] == [
        p.photos[0].caption for p in unit_plates
    ]
