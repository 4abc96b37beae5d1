"""Files another word processor wrote: the example DOCX saved again by LibreOffice (as an
editor's WPS or LibreOffice would save it), and saved as an old binary .doc."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from import_helpers import build_docx
from PIL import Image

from tests.libreoffice import SOFFICE
from yearbook.diagnostics import YearbookError
from yearbook.importers import import_file
from yearbook.importers.command import run_import

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def _save_as(source: Path, target_filter: str, work: Path) -> Path:
    outdir = work / "saved"
    env = {"HOME": str(work), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{work}/profile", "--headless",
         "--convert-to", target_filter, "--outdir", str(outdir), str(source)],
        capture_output=True, text=True, timeout=180, env=env, check=True,
    )
    return next(outdir.iterdir())


def _data(folder: Path) -> dict[str, list[str]]:
    return {p.name: [ln for ln in p.read_text(encoding="utf-8").splitlines() if not ln.lstrip().startswith("#")]
            for p in folder.glob("*.yaml")}


def _images(folder: Path) -> dict[str, tuple[int, int]]:
    """Each image file the data names, with its pixel size."""
    out = {}
    for p in sorted((folder / "images").iterdir()):
        with Image.open(p) as im:
            out[p.name] = im.size
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("lo")
    docx = build_docx(Path("data"), root / "out")
    source = root / "chapter.docx"
    source.write_bytes(docx.read_bytes())
    return source


def test_docx_saved_again_by_another_word_processor_imports_the_same(built, tmp_path):
    source = built
    resaved = _save_as(source, "docx:MS Word 2007 XML", tmp_path)
    assert run_import(source, tmp_path / "original", None, False) == 0
    assert run_import(resaved, tmp_path / "resaved", None, False) == 0
    assert _data(tmp_path / "resaved") == _data(tmp_path / "original")
    assert _images(tmp_path / "resaved") == _images(tmp_path / "original")
    assert len(_images(tmp_path / "original")) == 3


def test_real_old_binary_doc(built, tmp_path):
    source = built
    doc = _save_as(source, "doc:MS Word 97", tmp_path)
    assert doc.suffix == ".doc"
    with pytest.raises(YearbookError) as exc:
        import_file(doc)
    assert exc.value.diagnostics[0].code == "import.doc"
