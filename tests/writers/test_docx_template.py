"""Building the DOCX on the editors' own Word template (模板 in the style file)."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from word_template import FACES, make_template

from tests.conftest import EXAMPLE, ROOT
from tests.test_cli import run
from yearbook.build import build, prepare
from yearbook.diagnostics import Severity
from yearbook.writers.docx import write_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def data_with_template(folder: Path, extra: str = "", template: str = "模板.docx") -> Path:
    data = folder / "data"
    shutil.copytree(EXAMPLE, data)
    style = (ROOT / "yearbook" / "styles" / "yearbook.yaml").read_text(encoding="utf-8")
    (data / "我的版式.yaml").write_text(f"{style}模板: {template}\n{extra}", encoding="utf-8")
    book = data / "book.yaml"
    book.write_text(book.read_text(encoding="utf-8").replace("style: yearbook ", "style: 我的版式.yaml "),
                    encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    data = data_with_template(tmp_path_factory.mktemp("tpl"))
    make_template(data / "模板.docx")
    prepared = prepare(data)
    result = build(data, tmp_path_factory.mktemp("out"), prepared)
    docx_path = next(p for p in result.outputs if p.suffix == ".docx")
    return prepared, result, docx_path


def test_paragraphs_take_the_template_styles(built, valid_docx) -> None:
    _, _, path = built
    valid_docx(path)
    word = docx.Document(str(path))
    by_text = {p.text: p.style for p in word.paragraphs}
    assert by_text["政协嘉峪关市委员会"].style_id == "1"  # 类目 → heading 1 (id 1, as Chinese Word saves it)
    assert by_text["综述"].style_id == "2"  # 分目 → 标题 2
    entry = next(p for p in word.paragraphs if p.text.startswith("【思想政治建设】"))
    assert entry.style.style_id == "a"  # body → 正文 (Normal)
    # The template's styles keep their own faces; nothing of ours overwrote them.
    styles = word.styles.element
    for style_id, face in FACES.items():
        element = styles.find(f"{W}style[@{W}styleId='{style_id}']")
        assert element.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == face
    # Its page setup (US Letter, python-docx's default) stays; our column layout is added.
    assert round(word.sections[-1].page_width.mm) == 216
    assert word.sections[-1]._sectPr.find(f"{W}cols").get(f"{W}num") == "2"


def test_roles_the_template_lacks_get_our_styles_with_a_located_warning(built) -> None:
    _, result, path = built
    warnings = [d for d in result.warnings if d.code == "docx.template_style_missing"]
    assert {d.args["name"] for d in warnings} == {"标题 3", "题注"}
    assert all(d.severity == Severity.WARNING for d in warnings)
    assert all(d.location.file.endswith("我的版式.yaml") and d.location.line > 40 for d in warnings)
    assert "已改用本程序的样式“题注”" in next(d for d in warnings if d.args["name"] == "题注").render()
    word = docx.Document(str(path))
    caption = next(p for p in word.paragraphs if p.text.startswith("表6"))
    assert caption.style.style_id == "Caption"
    assert caption.style.element.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "黑体"


def test_running_head_names_the_template_section_style(built) -> None:
    _, _, path = built
    word = docx.Document(str(path))
    instructions = {
        "".join(t.text for t in part.element.iter(f"{W}instrText")).strip()
        for rel in word.part.rels.values() if rel.reltype.endswith("/header")
        for part in [rel.target_part]
    }
    # The template's 分目 style is called 标题 2, not Word's built-in "heading 2"; \\l takes
    # the page's last 分目, as the PDF's head does.
    assert 'STYLEREF "标题 2" \\l' in instructions


def test_two_builds_are_identical(built, tmp_path: Path) -> None:
    prepared, _, path = built
    out = io.BytesIO()
    write_docx(prepared.document, prepared.style, out)
    assert out.getvalue() == path.read_bytes()


def test_template_headers_and_footers_are_used_as_they_are(tmp_path: Path, valid_docx) -> None:
    data = data_with_template(tmp_path)
    template = make_template(data / "模板.docx")
    word = docx.Document(str(template))
    word.sections[0].header.paragraphs[0].text = "编辑部页眉"
    word.sections[0].footer.paragraphs[0].text = "编辑部页脚"
    word.save(str(template))
    prepared = prepare(data)
    out = io.BytesIO()
    write_docx(prepared.document, prepared.style, out)
    valid_docx(out.getvalue())
    with zipfile.ZipFile(out) as z:
        headers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/header")]
    assert len(headers) == 1 and "编辑部页眉" in headers[0] and "STYLEREF" not in headers[0]


def test_mapped_style_names_and_a_missing_one(tmp_path: Path) -> None:
    extra = "模板样式:\n  credit: 供稿\n  table_cell: 表格文字\n"
    data = data_with_template(tmp_path, extra)
    template = make_template(data / "模板.docx")
    word = docx.Document(str(template))
    word.styles.add_style("供稿", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    word.save(str(template))
    prepared = prepare(data)
    result = build(data, tmp_path / "out", prepared)
    missing = [d for d in result.warnings if d.code == "docx.template_style_missing"]
    cell = next(d for d in missing if d.args["name"] == "表格文字")
    lines = (data / "我的版式.yaml").read_text(encoding="utf-8").splitlines()
    assert "table_cell" in lines[cell.location.line - 1]
    word = docx.Document(str(result.outputs[0]))
    credit = next(p for p in word.paragraphs if p.text.endswith("供稿）"))
    assert credit.style.name == "供稿"


@pytest.mark.parametrize("content", [None, b"not a zip", "zip-without-document"])
def test_bad_template_is_a_located_chinese_error(tmp_path: Path, content) -> None:
    data = data_with_template(tmp_path)
    if content == "zip-without-document":
        with zipfile.ZipFile(data / "模板.docx", "w") as z:
            z.writestr("hello.txt", "hi")
    elif content is not None:
        (data / "模板.docx").write_bytes(content)
    out = tmp_path / "out"
    result = run("build", str(data), "-o", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "我的版式.yaml:" in result.stderr
    expected = {None: "找不到 Word 模板“模板.docx”", b"not a zip": "不是 Word 文档",
                "zip-without-document": "缺少 [Content_Types].xml、word/document.xml"}[content]
    assert expected in result.stderr, result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_the_book_can_name_the_template(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    make_template(data / "书的模板.docx")
    book = data / "book.yaml"
    book.write_text(book.read_text(encoding="utf-8") + "模板: 书的模板.docx\n", encoding="utf-8")
    prepared = prepare(data)
    assert prepared.style.template == data / "书的模板.docx"
    out = io.BytesIO()
    write_docx(prepared.document, prepared.style, out)
    word = docx.Document(out)
    assert next(p for p in word.paragraphs if p.text == "综述").style.style_id == "2"
    (data / "书的模板.docx").write_text("不是 Word 文档", encoding="utf-8")
    result = run("build", str(data), "-o", str(tmp_path / "out"))
    assert result.returncode == 1 and "book.yaml:" in result.stderr and "不是 Word 文档" in result.stderr
