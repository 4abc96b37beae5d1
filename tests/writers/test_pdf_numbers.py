"""The PDF writer's fp_str writes every number exactly as ReportLab's own."""

from __future__ import annotations

import random

import pytest
from reportlab.lib import rl_accel
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen import canvas

from yearbook.writers.pdf.numbers import fast_fp_str, fp_str, number

reference = getattr(rl_accel, "_py_fp_str", None) or rl_accel.fp_str


def _values() -> list[float]:
    rng = random.Random(15834)
    values: list[float] = [0, 1, -1, 0.5, -0.5, 1e-7, -1e-7, 1.1e-7, 2e-7, -2e-7, 1e-6, 0.9999999, 1.0000001,
                           9.9999995, 10, 99.99999, 100, 999999, 1e6, 1e7, 123456789.5, 595.2756, 841.8898,
                           True, 3, -17, 2**40]
    for _ in range(20000):
        magnitude = 10 ** rng.uniform(-9, 9)
        v = rng.choice((1, -1)) * magnitude
        values += [v, round(v, rng.randint(0, 7)), float(int(v))]
    return values


def test_each_number_as_reportlab_writes_it() -> None:
    for v in _values():
        assert number(v) == reference(v), v
        assert number(v) == reference(v), v  # and again, from the cache


def test_several_numbers_and_sequences_as_reportlab_writes_them() -> None:
    values = _values()[:3000]
    for i in range(0, len(values) - 6, 6):
        six = values[i : i + 6]
        assert fp_str(*six) == reference(*six)
        assert fp_str(six) == reference(six)
        assert fp_str(tuple(six)) == reference(tuple(six))
    for bad in (float("nan"), "12"):
        with pytest.raises((ValueError, TypeError)) as theirs:
            reference(bad)
        with pytest.raises(theirs.type):
            fp_str(bad)


def test_the_modules_use_it_only_inside_the_block() -> None:
    before = canvas.fp_str, pdfdoc.fp_str
    with fast_fp_str():
        if rl_accel.fp_str is getattr(rl_accel, "_py_fp_str", None):
            assert canvas.fp_str is fp_str and pdfdoc.fp_str is fp_str
    assert (canvas.fp_str, pdfdoc.fp_str) == before
