"""Run independent work on the second core: a forked child computes, the parent goes on.

A build has work that needs only what is already in memory and whose result is small:
the proofreading checks beside the PDF, the DOCX beside the PDF. On a machine that
can fork (Linux, macOS) the child inherits the data without copying or pickling it
and sends back only its result; elsewhere (Windows) the work runs in the calling
process when its result is asked for, with the same result.

An exception in the child comes back and is raised in the parent, so a user error
(YearbookError) or a bug is reported exactly as if the work had run in the parent.

The second core takes one piece of work at a time, in the order given: a child forked
while an earlier one still computes waits for it. The parent's own path (the PDF) is
the longest, and two children computing at once would take turns with it on two cores.
A result asked for while its child is still waiting its turn is computed by the parent
instead (the child is stopped): the parent would only sit idle until both were done.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import tempfile
from collections.abc import Callable
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")

# YEARBOOK_JOBS=1 runs everything in one process (for profiling, or a one-core machine).
_ENV = "YEARBOOK_JOBS"


def _can_fork() -> bool:
    if not hasattr(os, "fork") or sys.platform == "win32":
        return False
    if os.environ.get(_ENV, "").strip() == "1":
        return False
    return (os.cpu_count() or 1) > 1


# The last work forked: a later child waits until this one has computed.
_last: Background | None = None
# In a child: the pipe end whose closing lets the next child compute (see _give_turn).
_turn = -1


def _give_turn() -> None:
    """In a child: the second core is free for the next child (this one has computed, or
    waits for its parent)."""
    global _turn
    if _turn >= 0:
        os.close(_turn)
        _turn = -1


class Background(Generic[T]):
    """`fn()` computed in a forked child; `result()` waits for it and returns or raises.

    Used as a context manager, work whose result was never asked for is stopped when
    the block is left (an error elsewhere ended the command): no child outlives it.
    """

    def __init__(self, fn: Callable[[], T]):
        self._fn: Callable[[], T] | None = fn
        self._pid = 0
        self._read = -1
        self._computing = -1  # closed by the child (at its end) once its result is computed
        self._begun = -1  # closed by the child once its turn has come and it computes
        self._earlier: Background | None = None  # the child this one waits for
        self._done = False
        self._value: T | None = None
        self._error: BaseException | None = None
        if _can_fork():
            self._start()

    def _start(self) -> None:
        global _last, _turn
        read, write = os.pipe()
        computing, computed = os.pipe()
        begun, begins = os.pipe()
        earlier = _last._computing if _last is not None else -1
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, leave without running the parent's exit code
            _turn = computed
            os.close(read)
            os.close(computing)
            os.close(begun)
            status = 0
            try:
                if earlier >= 0:
                    os.read(earlier, 1)  # end of file once the earlier child has computed
                os.close(begins)
                try:
                    payload = pickle.dumps((True, self._fn()), pickle.HIGHEST_PROTOCOL)  # type: ignore[misc]
                except BaseException as exc:  # sent back and raised in the parent
                    payload = pickle.dumps((False, exc), pickle.HIGHEST_PROTOCOL)
                # Before sending: a result larger than the pipe waits for the parent to read it.
                _give_turn()
                with os.fdopen(write, "wb") as stream:
                    stream.write(payload)
            except BaseException:
                status = 1
            finally:
                os._exit(status)
        os.close(write)
        os.close(computed)
        os.close(begins)
        self._pid, self._read, self._computing, self._begun = pid, read, computing, begun
        self._earlier = _last
        _last = self

    def _forget(self) -> None:
        """The child is gone: later children need not wait for it."""
        global _last
        if self._computing >= 0:
            os.close(self._computing)
            self._computing = -1
        if self._begun >= 0:
            os.close(self._begun)
            self._begun = -1
        self._earlier = None
        if _last is self:
            _last = None

    def __enter__(self) -> Background[T]:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.cancel()

    def cancel(self) -> None:
        """Give up the work if its result was not asked for; a running child is stopped."""
        if self._done:
            return
        self._done = True
        self._fn = None
        self._error = RuntimeError("result() asked after cancel()")
        if self._pid:
            self._stop()

    def _stop(self) -> None:
        os.kill(self._pid, signal.SIGKILL)  # it computes in memory only: nothing to clean up
        os.waitpid(self._pid, 0)
        os.close(self._read)
        self._forget()

    def _waiting(self) -> bool:
        """Whether the child still waits for an earlier one that has not computed yet."""
        earlier = self._earlier
        if earlier is None or earlier._computing < 0:
            return False
        readable, _, _ = select.select([self._begun, earlier._computing], [], [], 0)
        return not readable

    def result(self) -> T:
        if not self._done:
            self._done = True
            if self._pid and not self._waiting():
                self._collect()
            else:
                if self._pid:  # still waiting its turn: stopped, and the work is done here
                    self._stop()
                fn, self._fn = self._fn, None
                try:
                    self._value = fn()  # type: ignore[misc]
                except BaseException as exc:
                    self._error = exc
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]

    def _collect(self) -> None:
        with os.fdopen(self._read, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(self._pid, 0)
        self._forget()
        fn, self._fn = self._fn, None
        if not data or status != 0:
            # The child died (killed, out of memory) before it could answer: do the work here.
            try:
                self._value = fn()  # type: ignore[misc]
            except BaseException as exc:
                self._error = exc
            return
        ok, value = pickle.loads(data)
        if ok:
            self._value = value
        else:
            self._error = value


class Handoff(Generic[T]):
    """A value the parent has only later, for work already running in a child.

    The parent `give`s it once it has it; the work `take`s it, waiting until then. A
    book's DOCX is made beside the PDF this way: all but the page numbers, which come
    from the PDF's layout. Where the work runs in the parent (no fork, or a child stopped
    before its turn), `take` returns the value given.

    The value goes through an unnamed temporary file the child inherits, and one byte
    through a pipe says it is there: the parent never waits for a reader, whatever the
    value's size and whether or not the child is still there to read it.
    """

    def __init__(self) -> None:
        self._ready_read = self._ready_write = self._file = -1
        if _can_fork():
            try:
                self._file = _anonymous_file()
            except OSError:  # nowhere to put it: the work is then done where the value is
                pass
            else:
                self._ready_read, self._ready_write = os.pipe()
        self._given = False
        self._value: T | None = None

    @property
    def reaches_children(self) -> bool:
        """Whether work forked before `give` can take the value (else run it after)."""
        return self._file >= 0

    def give(self, value: T) -> None:
        self._given, self._value = True, value
        if self._file < 0:
            return
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        os.pwrite(self._file, len(data).to_bytes(8, "little") + data, 0)
        os.write(self._ready_write, b"1")
        self.close()

    def close(self) -> None:
        """This process's ends let go (a child keeps its own); given or not, once done."""
        for fd in (self._file, self._ready_read, self._ready_write):
            if fd >= 0:
                os.close(fd)
        self._ready_read = self._ready_write = self._file = -1

    def take(self) -> T:
        if self._given:
            return self._value  # type: ignore[return-value]
        if self._file < 0:
            raise RuntimeError("take() before give() in the same process")
        _give_turn()  # waiting here leaves the second core to the next child
        if os.read(self._ready_read, 1) != b"1":
            raise EOFError("the parent ended before giving its value")
        size = int.from_bytes(_pread_exactly(self._file, 8, 0), "little")
        value = pickle.loads(_pread_exactly(self._file, size, 8))
        self._given, self._value = True, value
        return value


def _anonymous_file() -> int:
    """A file with no name, for a value a child reads: in memory where the system can."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("yearbook-handoff")
    with tempfile.TemporaryFile() as stream:  # unlinked: gone with the last process holding it
        return os.dup(stream.fileno())


def _pread_exactly(fd: int, size: int, offset: int) -> bytes:
    parts: list[bytes] = []
    while size > 0:
        part = os.pread(fd, size, offset)
        if not part:
            raise EOFError("the parent's value is cut short")
        parts.append(part)
        size -= len(part)
        offset += len(part)
    return b"".join(parts)
