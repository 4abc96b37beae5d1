"""ReportLab's number format (`fp_str`), the same text made faster.

Without ReportLab's optional C extension, every number a canvas writes (a rule's ends, a
translation, a line width) and every number in the PDF's objects at save goes through a
pure-Python `fp_str` that strips zeros character by character. `fp_str` here gives the
same text: the same format chosen by the same arithmetic, zeros stripped by str methods,
and each value's text kept, since positions and sizes recur on every page.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from math import log

from reportlab.lib import rl_accel

_LOG_E_10 = log(10.0)
_FORMATS = ("%.0f", "%.1f", "%.2f", "%.3f", "%.4f", "%.5f", "%.6f")
_TEXT: dict[float, str] = {}
# The modules that write numbers with fp_str while a document is laid out and saved.
_USERS = (
    "reportlab.pdfgen.canvas",
    "reportlab.pdfgen.textobject",
    "reportlab.pdfgen.pathobject",
    "reportlab.pdfgen.pdfimages",
    "reportlab.pdfbase.pdfdoc",
    "reportlab.pdfbase.ttfonts",
    "reportlab.lib.colors",
)


def number(v: float) -> str:
    """One number as ReportLab's fp_str writes it."""
    s = _TEXT.get(v)
    if s is None:
        s = _format(v)
        if v == v:  # not NaN (never equal to itself, so never found again)
            if len(_TEXT) >= 65536:
                _TEXT.clear()
            _TEXT[v] = s
    return s


def _format(v: float) -> str:
    a = abs(v)
    if a <= 1e-7:
        return "0"
    digits = 6 if a <= 1 else min(max(0, 6 - int(log(a) / _LOG_E_10)), 6)
    s = _FORMATS[digits] % v
    if digits:
        s = s.rstrip("0")
        if s[-1] == ".":
            s = s[:-1]
    return s if s[0] != "0" or len(s) == 1 else s[1:]


def fp_str(*a) -> str:
    """ReportLab's fp_str: numbers given separately or as one sequence, space separated."""
    if len(a) == 1 and isinstance(a[0], list | tuple):
        a = a[0]
    if len(a) == 1:
        return number(a[0])
    return " ".join(map(number, a))


@contextmanager
def fast_fp_str() -> Iterator[None]:
    """ReportLab's modules use `fp_str` above while the block runs, where ReportLab has only
    its pure-Python one (the C one is fast already)."""
    if rl_accel.fp_str is not getattr(rl_accel, "_py_fp_str", None):
        yield
        return
    modules = [sys.modules[name] for name in _USERS if name in sys.modules]
    saved = [m.fp_str for m in modules]  # type: ignore[attr-defined]
    for m in modules:
        m.fp_str = fp_str  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for m, f in zip(modules, saved, strict=True):
            m.fp_str = f  # type: ignore[attr-defined]
