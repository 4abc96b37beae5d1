"""Page streams compressed in the background: the same bytes, and no thread left behind."""

from __future__ import annotations

import io
import threading

import pytest
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from tests.writers.test_pdf import build, sample_document
from yearbook.writers.pdf import page, streams
from yearbook.writers.pdf.streams import StreamingCanvas


def _pages(canvas_class: type[Canvas], pages: int) -> bytes:
    out = io.BytesIO()
    canv = canvas_class(out, invariant=1, pageCompression=1)
    for n in range(pages):
        for k in range(200):  # enough text for zlib to have work
            canv.drawString(20 + k % 7, 20 + k * 3, f"page {n} line {k} " * 3)
        canv.showPage()
    canv.save()
    return out.getvalue()


def _threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "yearbook-page-streams"]


@pytest.mark.parametrize("a85", [0, 1])
def test_the_bytes_are_those_reportlab_makes(a85: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rl_config, "useA85", a85)
    assert _pages(StreamingCanvas, 12) == _pages(Canvas, 12)
    assert not _threads()  # saved: the thread has ended


def test_pages_handed_over_in_batches_and_the_rest_at_save_give_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rl_config, "useA85", 0)
    monkeypatch.setattr(streams, "_BATCH", 5)  # 12 pages: two batches, two pages left at save
    assert _pages(StreamingCanvas, 12) == _pages(Canvas, 12)
    assert not _threads()


def test_pages_are_compressed_as_they_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rl_config, "useA85", 0)  # as the writer sets it for its builds
    canv = StreamingCanvas(io.BytesIO(), invariant=1, pageCompression=1)
    canv.drawString(20, 20, "甲" * 10)
    canv.showPage()
    page = canv._doc.Pages.pages[-1]
    assert page.stream is None  # the text was handed to the thread and let go
    assert page.Contents.filters[0].pdfname == "FlateDecode"
    canv.end_streams()


def test_an_uncompressed_document_is_left_to_reportlab() -> None:
    out = io.BytesIO()
    canv = StreamingCanvas(out, invariant=1, pageCompression=0)
    canv.drawString(20, 20, "plain")
    canv.showPage()
    assert canv._doc.Pages.pages[-1].Contents is None
    canv.save()
    assert b"plain" in out.getvalue()


def test_a_failed_build_leaves_no_thread(style, faces, monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken(Exception):
        pass

    original = page.YearbookPages._decorate

    def fail_on_second_page(self, canv) -> None:
        if canv.getPageNumber() == 2:
            raise Broken
        original(self, canv)

    monkeypatch.setattr(page.YearbookPages, "_decorate", fail_on_second_page)
    with pytest.raises(Broken):
        build(sample_document(), style, faces)
    for thread in _threads():
        thread.join(timeout=5)
    assert not _threads()
