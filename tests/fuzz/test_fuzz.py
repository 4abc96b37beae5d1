"""Property tests: the example data, mutated at random, never crashes the tool.

Every mutated folder must end in exit 0 or 1, never a traceback or an "internal
error"; every message must point into a file that exists, at a line and column that
exist; and a build that succeeds must leave both outputs complete. The pipeline runs
in-process (the command line's `main`), a few cases also as a real process.

Bounded for CI by the `ci` profile. A long run by hand (see README, 模糊测试):

    YEARBOOK_FUZZ=long YEARBOOK_FUZZ_EXAMPLES=2000 YEARBOOK_FUZZ_LOG=fuzz.log \
        python -m pytest tests/fuzz -q --hypothesis-show-statistics

(the log gets a line per input: the command and its exit code).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE, ROOT
from yearbook import cli
from yearbook.load.guard import Lines

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,  # the same inputs on every run: a CI failure can be replayed
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("YEARBOOK_FUZZ_EXAMPLES", "2000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("YEARBOOK_FUZZ", "ci"))
BUILD_SHARE = 5  # full builds are slower: one for every five checked inputs

FILES = {p.name: p.read_bytes() for p in sorted(EXAMPLE.glob("*.yaml"))}
# The editors' word list is read by its own code: mutate one too.
FILES["校对.yaml"] = "错别字:\n  按装: 安装\n规范表述:\n  - 铸牢中华民族共同体意识\n放行:\n  - 常委常委会议\n".encode()
NAMES = sorted(FILES)

# What a hostile or careless edit puts into a file: controls, surrogates, invisible
# breaks, YAML punctuation, full-width look-alikes, and Chinese text.
SPECIAL = [
    *"\x00\x07\x08\x0b\x0c\x1b\x7f\x85\x9f\u2028\u2029\ufeff\ufffe\t\r\u3000",
    *" ：:-#&*!|>'\"{}[],%@`?\\政协年鉴会议2022a\n",
    "\ud800",
    "\udfff",
]
SNIPPETS = [
    "\ud83d\ude00",
    '"\\ud800"', '"\\ud83d\\ude00"', '"\\x00"', '"\\a"', '"\\v"', '"\\e"', "{{meetings.count}}",
    "{{nope}}", "[" * 150, "{" * 120, "- " * 60, "include: book.yaml", "include: ../x.yaml",
    "columns: []", "rows: []", "title: ", "text: |", "&a x", "*a", "!!python/object:os.system",
    "　　title: x", "标题：x", "\ttitle: x", "2022-13-45", "99999999999999999999", "---", "...",
]
fragment = st.one_of(
    st.text(st.one_of(st.sampled_from(SPECIAL), st.characters()), max_size=12),
    st.sampled_from(SNIPPETS),
)
operation = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 10**6), fragment),
    st.tuples(st.just("delete"), st.integers(0, 10**6)),
    st.tuples(st.just("duplicate"), st.integers(0, 10**6)),
    st.tuples(st.just("write"), st.integers(0, 10**6), fragment),
    st.tuples(st.just("truncate"), st.integers(0, 10**6)),
    st.tuples(st.just("bytes"), st.integers(0, 10**6), st.binary(min_size=1, max_size=4)),
)
mutation = st.lists(st.tuples(st.sampled_from(NAMES), operation), min_size=1, max_size=4)


def mutate(data: bytes, op: tuple) -> bytes:
    """One edit, on bytes: a file that is no longer UTF-8 stays a valid test case."""
    kind, where = op[0], op[1]
    if kind == "bytes":
        at = where % (len(data) + 1)
        return data[:at] + op[2] + data[at:]
    if kind == "truncate":
        return data[: where % (len(data) + 1)]
    if kind == "write":  # characters typed where the cursor happens to be
        at = where % (len(data) + 1)
        while at < len(data) and 0x80 <= data[at] < 0xC0:  # not inside a character
            at += 1
        return data[:at] + encode(op[2]) + data[at:]
    lines = data.split(b"\n")
    i = where % len(lines)
    if kind == "insert":
        lines.insert(i, encode(op[2]))
    elif kind == "delete":
        del lines[i]
    else:
        lines.insert(i, lines[i])
    return b"\n".join(lines)


def encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate becomes bad UTF-8


def write_folder(root: Path, ops: list) -> Path:
    files = dict(FILES)
    for name, op in ops:
        files[name] = mutate(files[name], op)
    folder = root / "data"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


LOCATED = re.compile(r"^(?:  )?(\S.*?):(\d+):(\d+): ", re.M)


def assert_located(root: Path, output: str) -> None:
    """Every place a message names is in a file that exists, at a line and column that exist."""
    for match in LOCATED.finditer(output):
        name, line, column = match.group(1), int(match.group(2)), int(match.group(3))
        path = root / name
        assert path.is_file(), f"message names a file that does not exist: {match.group()}"
        lines = Lines(path.read_bytes().decode("utf-8", "replace"))
        assert 1 <= line <= len(lines.starts), f"no line {line} in {name}: {match.group()}"
        assert 1 <= column <= len(lines.line_text(line)) + 1, f"no column {column}: {match.group()}"
    for line in output.splitlines():
        if "错误：" in line and not line.startswith(("共 ", "校对")):
            assert LOCATED.match(line), f"error without a place: {line}"


def run_in_process(root: Path, *args: str) -> tuple[int, str]:
    """`yearbook ARGS` in root, as `main` runs it; its exit code and all it printed."""
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(root)  # messages name files relative to the data folder's parent
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main([*args])
    finally:
        os.chdir(cwd)
    text = out.getvalue() + err.getvalue()
    event(f"exit {code}")  # shown by --hypothesis-show-statistics
    if os.environ.get("YEARBOOK_FUZZ_LOG"):  # a long run's tally, kept even if it is stopped
        with open(os.environ["YEARBOOK_FUZZ_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{args[2]} {code}\n")
    assert code in (0, 1), text
    assert "Traceback" not in text and "内部错误" not in text, text
    return code, text


def assert_outputs_complete(out: Path) -> None:
    docx, pdf = sorted(out.glob("*.docx")), sorted(out.glob("*.pdf"))
    assert len(docx) == 1 and len(pdf) == 1
    with zipfile.ZipFile(docx[0]) as z:
        assert z.testzip() is None and "word/document.xml" in z.namelist()
    data = pdf[0].read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:] and b"trailer" in data[-4096:]


@given(mutation)
# Found by a long run: without `text: |` an entry's paragraph folds into its title, a
# plain scalar over two lines, and findings in it pointed past the end of line 94.
@example([("jiayuguan.yaml", ("delete", 2278))])
def test_mutated_data_checks_without_crashing(ops):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_folder(root, ops)
        _, output = run_in_process(root, "--lang", "zh", "check", "data")
        assert_located(root, output)


@settings(max_examples=max(10, settings().max_examples // BUILD_SHARE))
@given(mutation)
def test_mutated_data_builds_both_outputs_or_nothing(ops):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_folder(root, ops)
        code, output = run_in_process(root, "--lang", "zh", "build", "data", "-o", "out")
        assert_located(root, output)
        if code == 0:
            assert_outputs_complete(root / "out")
        else:
            assert not (root / "out").exists() or not any((root / "out").iterdir())


SAMPLES = [
    [("jiayuguan.yaml", ("insert", 30, "\x07"))],
    [("book.yaml", ("insert", 3, "x: " + "[" * 5000))],
    [("zhuanwen.yaml", ("write", 400, '"\\ud800"'))],
    [("jiayuguan-records.yaml", ("bytes", 900, b"\xff\xfe"))],
]


def test_a_few_mutations_as_a_real_process(tmp_path):
    """The same promise when run as the user runs it: a process, its exit code, its stderr."""
    for i, ops in enumerate(SAMPLES):
        root = tmp_path / str(i)
        root.mkdir()
        write_folder(root, ops)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "zh_CN.UTF-8"}
        result = subprocess.run(
            [sys.executable, "-m", "yearbook", "build", "data", "-o", "out"],
            capture_output=True, text=True, env=env, cwd=root,
        )
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
        assert_located(root, result.stdout + result.stderr)
        assert not (root / "out").exists()
