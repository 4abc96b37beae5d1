"""Command line: parse arguments, print messages, set exit codes. No logic here."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from yearbook import cli_messages, i18n
from yearbook.diagnostics import Diagnostic, YearbookError, display_path
from yearbook.i18n import register, tr

if TYPE_CHECKING:
    from yearbook.build import Prepared
    from yearbook.check.report import CheckReport
    from yearbook.load.book import Loaded

register(
    {
        "cli.description": (
            "年鉴编纂工具：把 YAML 数据编译为 DOCX 和 PDF 年鉴稿",
            "yearbook: compile YAML yearbook data into DOCX and PDF chapters",
        ),
        "cli.build": ("生成 DOCX 和 PDF", "write the DOCX and the PDF"),
        "cli.check": ("检查数据，不生成文件", "check the data without writing"),
        "cli.fonts": (
            "列出各字体角色所用的字体文件及其覆盖率",
            "list the font file of each role and its coverage",
        ),
        "cli.data_dir": ("数据文件夹（含 book.yaml）", "data folder (holding book.yaml)"),
        "cli.out": ("输出文件夹（默认 out）", "output folder (default: out)"),
        "cli.lang": ("提示信息的语言：zh 或 en", "language of messages: zh or en"),
        "cli.wrote": ("已生成：", "Wrote:"),
        "cli.output": ("  {path}（{size}）", "  {path} ({size})"),
        "cli.see_check": (
            "逐条查看校对结果：yearbook check {data}",
            "to see each finding: yearbook check {data}",
        ),
        "cli.check_ok": ("数据检查通过：{files} 个文件。", "Data OK: {files} file(s)."),
        "cli.errors": ("共 {n} 处错误，未生成文件。", "{n} error(s); nothing was written."),
        "cli.internal": (
            "内部错误：{error}。这是本工具的缺陷，请把这条信息和数据文件发给维护人员。"
            "设置环境变量 YEARBOOK_DEBUG=1 可看到详细信息。",
            "internal error: {error}. This is a bug in yearbook; please report it with your data. "
            "Set YEARBOOK_DEBUG=1 for details.",
        ),
        "cli.interrupted": ("已中断。", "Interrupted."),
        "cli.usage_error": (
            "命令写法有误（{message}）。用法示例：yearbook build data -o out；yearbook --help 查看说明",
            "wrong command ({message}). For example: yearbook build data -o out; see yearbook --help",
        ),
        "cli.strict": (
            "校对发现错误时以失败退出（不生成文件）",
            "fail (and write nothing) when the proofreading checks find errors",
        ),
        "cli.fix": (
            "就地修正可安全自动修正的问题（标点全半角），其余内容逐字节保留",
            "apply the safe fixes (punctuation width) in place, keeping the rest byte for byte",
        ),
        "cli.fixed": ("已修正：{path}", "Fixed: {path}"),
        "cli.fonts_data_dir": (
            "数据文件夹：按其 book.yaml 所用的版式报告（默认 yearbook 版式）",
            "data folder: report for the style its book.yaml uses (default: the yearbook style)",
        ),
        "cli.fonts_prepare": (
            "预先转换并缓存字体（安装时运行一次）",
            "convert and cache the fonts now (run once at set-up)",
        ),
        "cli.format": (
            "输出格式：text（默认，附各单位差错率）或 json（供其他程序读取）",
            "output format: text (default, with each unit's error rate) or json (for programs)",
        ),
        "cli.import": (
            "把 Word 文档（.docx）或文本文件（.txt、.md）导入为数据文件夹",
            "turn a Word document (.docx) or a text file (.txt, .md) into a data folder",
        ),
        "cli.import_file": ("要导入的文件", "the file to import"),
        "cli.import_out": ("要写入的数据文件夹", "the data folder to write"),
        "cli.import_year": (
            "记述年度（表中日期没有写年份、表题也没有年份时需要）",
            "the recorded year (needed when table dates and captions name no year)",
        ),
        "cli.import_force": ("替换已有内容的输出文件夹", "replace an output folder that holds files"),
        "cli.schema": (
            "输出数据文件的 JSON Schema（供编辑器提示和校验）",
            "write the JSON Schema of the data files (for editor completion and checks)",
        ),
        "cli.schema_out": ("写入此文件（默认输出到屏幕）", "write to this file (default: print it)"),
        "cli.schema_for": (
            "哪种文件：book（book.yaml）、chapter（类目文件）、records（记录文件）、style（版式文件）",
            "which file: book (book.yaml), chapter (a chapter file), records (a records file), "
            "style (a style file)",
        ),
        "cli.schema_link": (
            "为已有的数据文件夹写入 .yearbook/*.schema.json，并在每个 YAML 文件第一行加上指向它的注释",
            "write .yearbook/*.schema.json into an existing data folder and point each YAML file at it "
            "with a first-line comment",
        ),
        "cli.schema_linked": (
            "已为 {n} 个文件加上编辑器提示（第一行的 $schema 注释）：",
            "Pointed {n} file(s) at the schema (the first-line $schema comment):",
        ),
        "cli.schema_wrote": ("已写入 JSON Schema：{path}", "Wrote the JSON Schema: {path}"),
        "cli.cannot_write": ("无法写入“{path}”：{reason}", "cannot write '{path}': {reason}"),
        "cli.new": (
            "新建一个数据文件夹：带注释的示例，可立即生成",
            "create a data folder: a commented example that builds at once",
        ),
        "cli.new_dir": ("要新建的文件夹（不存在或为空）", "the folder to create (absent or empty)"),
        "cli.new_unit": (
            "编纂单位，如 政协临河区委员会（默认：文件夹名）",
            "the compiling unit, e.g. 政协临河区委员会 (default: the folder's name)",
        ),
        "cli.new_year": (
            "记述年度（默认：去年）；卷次为其后一年",
            "the year recorded (default: last year); the edition is the year after",
        ),
        "cli.new_type": (
            "类目类型：政协（会议、提案、调研等记录和表格，同示例）、通用（空白的分目和条目）、"
            "专文（工作综述文章）",
            "chapter type: 政协/zhengxie (records and tables like the example), 通用/generic "
            "(plain sections and entries), 专文/article (a work-summary article)",
        ),
        "cli.command": ("命令", "COMMAND"),
        "cli.dir_metavar": ("文件夹", "DIR"),
        "cli.file_metavar": ("文件", "FILE"),
        "cli.unit_metavar": ("单位", "UNIT"),
        "cli.year_metavar": ("年度", "YEAR"),
        "cli.bad_year": (
            "年度应为 1900—2200 之间的四位数字，而不是“{value}”",
            "the year must be four digits between 1900 and 2200, not '{value}'",
        ),
        "cli.watch": (
            "监视数据文件夹，每次保存后重新生成 DOCX 和 PDF 并列出校对结果",
            "watch the data folder: rebuild the DOCX and PDF and list the findings on every save",
        ),
        "cli.other_warnings": (
            "另有 {n} 条数据或字体警告（见上方，不计入差错率）。",
            "{n} more data or font warning(s) above (not counted in the error rate).",
        ),
        "cli.new_done": ("已新建数据文件夹：{path}", "Created the data folder: {path}"),
        "cli.new_next": (
            "下一步：修改其中的 YAML 文件，然后运行 yearbook build {path}",
            "next: edit its YAML files, then run yearbook build {path}",
        ),
        "cli.strict_failed": (
            "校对发现 {n} 处错误（--strict），未生成文件。",
            "the checks found {n} error(s) (--strict); nothing was written.",
        ),
    }
)


class _Parser(argparse.ArgumentParser):
    """argparse with its complaint introduced in the user's language."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, tr("cli.usage_error", message=message) + "\n")


def _parser() -> argparse.ArgumentParser:
    cli_messages.install()
    parser = _Parser(prog="yearbook", description=tr("cli.description"))
    parser.add_argument("--lang", choices=["zh", "en"], help=tr("cli.lang"))
    sub = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, metavar=tr("cli.command")
    )
    build = sub.add_parser("build", help=tr("cli.build"))
    build.add_argument("data_dir", type=Path, help=tr("cli.data_dir"))
    build.add_argument("-o", "--out", type=Path, default=Path("out"), help=tr("cli.out"))
    build.add_argument("--strict", action="store_true", help=tr("cli.strict"))
    check = sub.add_parser("check", help=tr("cli.check"))
    check.add_argument("data_dir", type=Path, help=tr("cli.data_dir"))
    check.add_argument("--fix", action="store_true", help=tr("cli.fix"))
    check.add_argument("--strict", action="store_true", help=tr("cli.strict"))
    check.add_argument("--format", choices=["text", "json"], default="text", help=tr("cli.format"))
    fonts = sub.add_parser("fonts", help=tr("cli.fonts"))
    fonts.add_argument("data_dir", type=Path, nargs="?", help=tr("cli.fonts_data_dir"))
    fonts.add_argument("--prepare", action="store_true", help=tr("cli.fonts_prepare"))
    imp = sub.add_parser("import", help=tr("cli.import"))
    imp.add_argument("file", type=Path, help=tr("cli.import_file"))
    imp.add_argument("-o", "--out", type=Path, required=True, help=tr("cli.import_out"))
    imp.add_argument("--year", type=int, help=tr("cli.import_year"))
    imp.add_argument("--force", action="store_true", help=tr("cli.import_force"))
    new = sub.add_parser("new", help=tr("cli.new"))
    new.add_argument("dir", type=Path, help=tr("cli.new_dir"), metavar=tr("cli.dir_metavar"))
    new.add_argument("--unit", help=tr("cli.new_unit"), metavar=tr("cli.unit_metavar"))
    new.add_argument("--year", type=_year, help=tr("cli.new_year"), metavar=tr("cli.year_metavar"))
    new.add_argument("--type", dest="chapter_type", default="政协", help=tr("cli.new_type"),
                     choices=["政协", "通用", "专文", "zhengxie", "generic", "article"])
    watch = sub.add_parser("watch", help=tr("cli.watch"))
    watch.add_argument("data_dir", type=Path, help=tr("cli.data_dir"))
    watch.add_argument("-o", "--out", type=Path, default=Path("out"), help=tr("cli.out"))
    schema = sub.add_parser("schema", help=tr("cli.schema"))
    schema.add_argument("-o", "--out", type=Path, help=tr("cli.schema_out"), metavar=tr("cli.file_metavar"))
    schema.add_argument("--link", type=Path, metavar=tr("cli.dir_metavar"), help=tr("cli.schema_link"))
    schema.add_argument("--for", dest="part", choices=["book", "chapter", "records", "style"], default="book",
                        help=tr("cli.schema_for"))
    return parser


def _year(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 1900 <= int(text) <= 2200:
        raise argparse.ArgumentTypeError(tr("cli.bad_year", value=text))
    return int(text)


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for d in sorted(diagnostics, key=lambda d: (d.location is None, d.location or "")):
        print(d.render(), file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    from yearbook.background import Background
    from yearbook.load.book import load_book

    loaded = load_book(args.data_dir)
    _word_lists_readable(loaded)
    # The checks read only the loaded data: on the second core from here on, while this
    # process assembles and writes (their modules, and the writers', imported there after).
    with Background(lambda: _run_checks(loaded)) as checks:
        from yearbook.build import build, prepare

        prepared = prepare(args.data_dir, loaded)
        if args.strict:
            report = checks.result()
            _print_summary(report, args)
            if report.errors:
                print(report.render(), file=sys.stderr)
                print(tr("cli.strict_failed", n=len(report.errors)), file=sys.stderr)
                return 1
        try:
            result = build(args.data_dir, args.out, prepared)
        finally:
            if not args.strict:
                _print_summary(checks.result(), args)
    _print_diagnostics(result.warnings)
    print(tr("cli.wrote"))
    for path in result.outputs:
        print(tr("cli.output", path=display_path(path), size=_size(path.stat().st_size)))
    _other_warnings(result.warnings)
    return 0


def _word_lists_readable(loaded: Loaded) -> None:
    """The editors' word lists (校对.yaml) of the book and its units, read before anything
    is written: the checks read them on the second core, whose error would come after the
    files are in place."""
    from yearbook.check.resources import USER_FILES, Resources, merge_word_lists

    folders = [loaded.data_dir, *(u.path for u in loaded.book.units if u.path is not None)]
    for folder in folders:
        if any((folder / name).is_file() for name in USER_FILES):
            merge_word_lists(Resources(), folder)


def _run_checks(loaded: Loaded) -> CheckReport:
    from yearbook.check.run import run_checks

    return run_checks(loaded)


def _print_summary(report: CheckReport, args: argparse.Namespace) -> None:
    print(report.summary())
    if report.findings:
        print(tr("cli.see_check", data=args.data_dir))


def _other_warnings(warnings: list[Diagnostic]) -> None:
    """The summary counts proofreading findings; name the other warnings printed
    (records no text uses, fonts, missing glyphs) so every line printed is counted."""
    if warnings:
        print(tr("cli.other_warnings", n=len(warnings)))


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def _checked(data_dir: Path) -> tuple[Prepared, CheckReport]:
    """The folder read, checked and assembled (for the assembly's warnings); the checks
    on the second core meanwhile."""
    from yearbook.background import Background
    from yearbook.load.book import load_book

    loaded = load_book(data_dir)
    with Background(lambda: _run_checks(loaded)) as checks:
        from yearbook.build import prepare  # after the fork: the checks need none of it

        prepared = prepare(data_dir, loaded)
        return prepared, checks.result()


def _check(args: argparse.Namespace) -> int:
    prepared, report = _checked(args.data_dir)
    if args.fix:
        from yearbook.check.fix import apply_fixes

        for path in apply_fixes(prepared.loaded, report.findings):
            # Keep the JSON report alone on standard output.
            out = sys.stderr if args.format == "json" else sys.stdout
            print(tr("cli.fixed", path=display_path(path)), file=out)
        prepared, report = _checked(args.data_dir)
    _print_diagnostics(prepared.warnings)
    report.other_warnings = len(prepared.warnings)
    if args.format == "json":
        from yearbook.check.units import report_json

        print(report_json(prepared.loaded, report, prepared.warnings))
        return 1 if args.strict and report.errors else 0
    print(tr("cli.check_ok", files=len(prepared.loaded.files)))
    print(report.render())
    if prepared.loaded.book.units:
        from yearbook.check.units import render_units, unit_reports

        print()
        print(render_units(unit_reports(prepared.loaded, report)[0], report))
    return 1 if args.strict and report.errors else 0


def _fonts(args: argparse.Namespace) -> int:
    from yearbook.build import DEFAULT_STYLE, prepare
    from yearbook.fonts import fonts_report, prepare_fonts
    from yearbook.style import load_style

    if args.prepare:
        prepare_fonts()
    style = prepare(args.data_dir).style if args.data_dir else load_style(DEFAULT_STYLE, Path("."))
    print(fonts_report(style))
    return 0


def _import(args: argparse.Namespace) -> int:
    from yearbook.importers.command import run_import

    return run_import(args.file, args.out, args.year, args.force)


def _new(args: argparse.Namespace) -> int:
    from yearbook.new import default_year, new_folder

    unit = args.unit or args.dir.resolve().name
    files = new_folder(args.dir, unit, args.year or default_year(), args.chapter_type)
    print(tr("cli.new_done", path=args.dir))
    for rel in files:
        print(f"  {args.dir / rel}")
    print(tr("cli.new_next", path=args.dir))
    return 0


def _watch(args: argparse.Namespace) -> int:
    from yearbook.build import build, prepare
    from yearbook.check import run_checks
    from yearbook.watch import watch

    if not args.data_dir.is_dir():  # nothing to watch: say so as `build` would
        raise YearbookError([Diagnostic("book.not_folder", {"path": str(args.data_dir)})])

    def once() -> None:
        try:
            prepared = prepare(args.data_dir)
            print(run_checks(prepared.loaded).render())
            result = build(args.data_dir, args.out, prepared)
            _print_diagnostics(result.warnings)
            print(tr("cli.wrote"))
            for path in result.outputs:
                print(tr("cli.output", path=display_path(path), size=_size(path.stat().st_size)))
            _other_warnings(result.warnings)
        except YearbookError as exc:
            _print_diagnostics(exc.diagnostics)
            print(tr("cli.errors", n=len(exc.diagnostics)), file=sys.stderr)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # a bug: report it and keep watching
            if os.environ.get("YEARBOOK_DEBUG"):
                traceback.print_exc()
            print(tr("cli.internal", error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()

    return watch(args.data_dir, args.out, once, display_path)


def _schema(args: argparse.Namespace) -> int:
    from yearbook.schema_json import data_schema, dumps, link_folder

    if args.link is not None:
        changed = link_folder(args.link)
        print(tr("cli.schema_linked", n=len(changed)))
        for path in changed:
            print(f"  {display_path(path)}")
        return 0
    text = dumps(data_schema(args.part))
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        args_ = {"path": str(args.out), "reason": exc.strerror or str(exc)}
        raise YearbookError([Diagnostic("cli.cannot_write", args_)]) from exc
    print(tr("cli.schema_wrote", path=args.out))
    return 0


COMMANDS = {
    "build": _build,
    "check": _check,
    "fonts": _fonts,
    "import": _import,
    "new": _new,
    "schema": _schema,
    "watch": _watch,
}


# Python's collector by default scans after every 700 new objects and fully each time
# the heap has grown by a quarter: about 0.1 s of a chapter's build went to scanning
# the loaded data and the document tree, which live to the end anyway. A command of a
# few seconds collects far less often; peak memory stays the same (measured at 300
# and 1,000 pages).
_GC_THRESHOLD = (50_000, 20, 20)


def run() -> int:
    """The `yearbook` command: main(), then the process ends."""
    code = main()
    # Python's exit walks every object left, the loaded data and the whole document, looking
    # for reference cycles to free: 30–70 ms of a chapter's half-second build, to free memory
    # the system takes back anyway. Frozen, they are skipped; the files are written and closed.
    gc.freeze()
    return code


def main(argv: list[str] | None = None) -> int:
    previous = gc.get_threshold()
    gc.set_threshold(*_GC_THRESHOLD)
    try:
        return _main(argv)
    finally:
        gc.set_threshold(*previous)


def _main(argv: list[str] | None) -> int:
    # Windows consoles may not be UTF-8; never fail on printing Chinese.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    words = sys.argv[1:] if argv is None else argv
    for i, word in enumerate(words[:-1]):  # --lang also governs argparse's own messages
        if word == "--lang" and words[i + 1] in ("zh", "en"):
            i18n.set_language(words[i + 1])
    args = _parser().parse_args(argv)
    if args.lang:
        i18n.set_language(args.lang)
    try:
        return COMMANDS[args.command](args)
    except YearbookError as exc:
        _print_diagnostics(exc.diagnostics)
        print(tr("cli.errors", n=len(exc.diagnostics)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(tr("cli.interrupted"), file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so plainly, keep the traceback for those who ask
        if os.environ.get("YEARBOOK_DEBUG"):
            traceback.print_exc()
        print(tr("cli.internal", error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 2
