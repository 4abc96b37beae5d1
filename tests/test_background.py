"""Work on the second core: results, errors and the one-process fallback behave alike."""

from __future__ import annotations

import os
import signal
import time

import pytest

from yearbook import background
from yearbook.background import Background
from yearbook.diagnostics import Diagnostic, Location, YearbookError


@pytest.fixture(params=["fork", "inline"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "fork" and not hasattr(os, "fork"):
        pytest.skip("no fork on this system")
    monkeypatch.setenv("YEARBOOK_JOBS", "0" if request.param == "fork" else "1")
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    return request.param


def test_result_comes_back(mode: str) -> None:
    job = Background(lambda: {"pid": os.getpid(), "sum": sum(range(1000))})
    value = job.result()
    assert value["sum"] == 499500
    assert (value["pid"] != os.getpid()) == (mode == "fork")
    assert job.result() is value  # asked twice: the same answer, no second run


def test_user_errors_are_raised_in_the_caller(mode: str) -> None:
    diagnostic = Diagnostic("build.cannot_write", {"path": "甲.pdf", "reason": "只读"}, Location("甲.pdf", 1, 1))

    def fail() -> None:
        raise YearbookError([diagnostic])

    with pytest.raises(YearbookError) as caught:
        Background(fail).result()
    assert caught.value.diagnostics == [diagnostic]


def test_a_child_that_dies_is_replaced_by_doing_the_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this system")
    monkeypatch.setattr(background, "_can_fork", lambda: True)
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
        return 42

    assert Background(work).result() == 42


def test_files_written_in_the_background_are_whole(mode: str, tmp_path) -> None:
    target = tmp_path / "甲.bin"
    Background(lambda: target.write_bytes(b"x" * 100_000)).result()
    assert target.stat().st_size == 100_000


def test_work_left_unasked_is_stopped_with_its_block(mode: str, tmp_path) -> None:
    marker = tmp_path / "ran"

    def slow() -> None:
        time.sleep(5)
        marker.write_text("x")

    started = time.monotonic()
    with pytest.raises(KeyError), Background(slow) as job:
        raise KeyError("an error elsewhere ends the command")
    assert time.monotonic() - started < 4
    if mode == "fork":
        with pytest.raises(ProcessLookupError):  # stopped and reaped: no process is left
            os.kill(job._pid, 0)
    time.sleep(0.1)
    assert not marker.exists()
    with pytest.raises(RuntimeError):
        job.result()


def test_a_result_asked_in_the_block_is_kept(mode: str) -> None:
    with Background(lambda: 7) as job:
        assert job.result() == 7
    assert job.result() == 7


def test_work_given_later_starts_when_the_earlier_has_computed(mode: str) -> None:
    def first() -> float:
        time.sleep(0.3)
        return time.monotonic()

    def second() -> tuple[int, float]:
        return os.getpid(), time.monotonic()

    with Background(first) as earlier, Background(second) as later:
        # One child at a time on the second core; the answers come back in any order asked.
        ended = earlier.result()
        pid, started = later.result()
    if mode == "fork":  # in one process the work runs when asked
        assert pid != os.getpid()
        assert started >= ended


def test_a_result_asked_before_its_turn_is_computed_here(mode: str) -> None:
    def first() -> float:
        time.sleep(1.0)
        return time.monotonic()

    asked = time.monotonic()
    with Background(first) as earlier, Background(lambda: (os.getpid(), time.monotonic())) as later:
        # The second core is busy with `first`: waiting for it would leave this process idle.
        pid, computed = later.result()
        assert pid == os.getpid()
        assert computed - asked < 0.9
        assert earlier.result() >= computed  # the earlier work goes on and answers as usual


def test_a_later_child_does_not_wait_for_one_that_was_stopped(mode: str) -> None:
    earlier = Background(lambda: time.sleep(30))
    earlier.cancel()
    started = time.monotonic()
    assert Background(lambda: 5).result() == 5
    assert time.monotonic() - started < 10


def test_a_value_given_later_reaches_work_already_running(mode: str) -> None:
    from yearbook.background import Handoff

    later: Handoff[dict] = Handoff()

    def work() -> tuple[int, int]:
        first = sum(range(1000))  # the part that needs nothing from the parent
        return first, len(later.take()["pages"])

    with Background(work) as job:
        time.sleep(0.1)
        later.give({"pages": list(range(50_000))})  # larger than a pipe holds
        assert job.result() == (499500, 50_000)


def test_work_waiting_for_a_value_leaves_the_second_core_to_the_next(mode: str) -> None:
    from yearbook.background import Handoff

    later: Handoff[int] = Handoff()
    with Background(lambda: later.take() + 1) as waiting, Background(time.monotonic) as next_one:
        time.sleep(0.5)  # the next child computes meanwhile: it is not stolen when asked
        asked = time.monotonic()
        computed = next_one.result()
        later.give(41)
        assert waiting.result() == 42
    if mode == "fork":
        assert computed < asked


def test_a_value_given_to_work_stopped_before_its_turn_is_used_here(mode: str) -> None:
    from yearbook.background import Handoff

    later: Handoff[str] = Handoff()
    with Background(lambda: time.sleep(1.0)), Background(lambda: (os.getpid(), later.take())) as job:
        later.give("页码")
        pid, value = job.result()  # still waiting its turn: done in this process
        assert (pid, value) == (os.getpid(), "页码")


def test_a_value_that_cannot_reach_a_child_is_still_taken_here(monkeypatch: pytest.MonkeyPatch) -> None:
    from yearbook.background import Handoff

    def nowhere() -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(background, "_anonymous_file", nowhere)
    later: Handoff[int] = Handoff()
    assert not later.reaches_children  # the caller then runs the work after giving
    later.give(7)
    assert later.take() == 7
    later.close()


def test_a_handoff_never_given_lets_go_of_its_files(mode: str) -> None:
    from yearbook.background import Handoff

    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0
    for _ in range(20):
        Handoff().close()  # a build that failed before its PDF was laid out
    if before:
        assert len(os.listdir("/proc/self/fd")) == before
