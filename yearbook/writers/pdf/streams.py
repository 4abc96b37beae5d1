"""Page streams compressed while the next pages are laid out.

ReportLab compresses every page's content stream when the document is saved, after
the last page: at 1,000 pages that is 0.4 s of zlib on the writer's one core. zlib
releases the interpreter lock while it compresses, so a thread can do it as each page
is finished, on the second core, while this one lays out the next page. The bytes are
those ReportLab makes (zlib.compress at its default level, the same stream dictionary);
the page's text is let go once compressed, so memory falls too.

Pages go to the thread several at a time: each hand-over wakes the thread, and on a busy
machine a wake-up cost the page loop about a millisecond (the woken thread may take the
writer's processor and wants the interpreter lock), a fifth of laying out a page.
"""

from __future__ import annotations

import threading
import zlib
from queue import SimpleQueue

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

# Pages handed to the thread at once: 1,000 pages make 32 wake-ups instead of 1,000. The
# last ones are compressed while the save writes the objects before their streams.
_BATCH = 32


class _Compressed:
    """A FlateDecode filter whose result was computed in the background."""

    pdfname = "FlateDecode"

    def __init__(self) -> None:
        self._done = threading.Event()
        self._data = b""
        self._error: BaseException | None = None

    def set(self, data: bytes | None, error: BaseException | None = None) -> None:
        self._data, self._error = data or b"", error
        self._done.set()

    def encode(self, _text: object) -> bytes:
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._data


class _Compressor:
    """One thread compressing page texts in the order pages end."""

    def __init__(self) -> None:
        self._jobs: SimpleQueue[list[tuple[str, _Compressed]] | None] = SimpleQueue()
        self._waiting: list[tuple[str, _Compressed]] = []
        self._thread = threading.Thread(target=self._run, name="yearbook-page-streams", daemon=True)
        self._thread.start()

    def submit(self, text: str) -> _Compressed:
        slot = _Compressed()
        self._waiting.append((text, slot))
        if len(self._waiting) >= _BATCH:
            self._hand_over()
        return slot

    def _hand_over(self) -> None:
        if self._waiting:
            self._jobs.put(self._waiting)
            self._waiting = []

    def close(self) -> None:
        self._hand_over()
        self._jobs.put(None)

    def _run(self) -> None:
        while (jobs := self._jobs.get()) is not None:
            for text, slot in jobs:
                try:
                    slot.set(zlib.compress(text.encode("utf8")))
                except BaseException as exc:  # raised where the stream is written
                    slot.set(None, exc)


class StreamingCanvas(Canvas):
    """A Canvas whose finished pages are compressed in the background."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._compressor: _Compressor | None = None

    def showPage(self) -> None:
        super().showPage()
        page = self._doc.Pages.pages[-1]
        text = page.stream
        # As PDFPage.check_format makes it, with the filter's result made in the background.
        # Only for the streams that function would compress with zlib alone.
        if not text or not page.compression or rl_config.useA85 or page.Contents:
            return
        if self._compressor is None:
            self._compressor = _Compressor()
        stream = pdfdoc.PDFStream()
        stream.filters = [self._compressor.submit(text)]
        stream.content = ""  # not read again: the filter has the page's bytes
        stream.__Comment__ = "page stream"
        page.Contents = stream
        page.stream = None

    def end_streams(self) -> None:
        """No more pages: the thread ends once it has compressed those given."""
        if self._compressor is not None:
            self._compressor.close()
            self._compressor = None

    def save(self) -> None:
        self.end_streams()
        super().save()
