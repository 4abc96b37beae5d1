"""Validating DOCX files against the Office schemas offline with openxml-audit.

Every test that builds a DOCX calls `assert_valid_docx` on it (or takes the
`valid_docx` fixture from tests/conftest.py), so a schema or semantic error in any
writer path fails the suite.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from openxml_audit import FileFormat, OpenXmlValidator, ValidationSeverity

# Word 2019's schemas: what the editors' Word (2016 and later) opens without a repair prompt.
_VALIDATOR = OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=50)


def audit(docx: bytes | Path) -> list[str]:
    """The validator's errors for a DOCX given as bytes or a path, one line each."""
    if isinstance(docx, bytes):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "audit.docx"
            path.write_bytes(docx)
            return audit(path)
    result = _VALIDATOR.validate(docx)
    return [str(e) for e in result.errors if e.severity == ValidationSeverity.ERROR]


def assert_valid_docx(docx: bytes | Path) -> None:
    errors = audit(docx)
    assert not errors, "\n".join(errors[:20])
