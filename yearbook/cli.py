"""Command line: parse arguments, print messages, set exit codes. No logic here."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path
from typing import NoReturn

from yearbook import i18n
from yearbook.diagnostics import Diagnostic, YearbookError
from yearbook.i18n import register, tr

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
    parser = _Parser(prog="yearbook", description=tr("cli.description"))
    parser.add_argument("--lang", choices=["zh", "en"], help=tr("cli.lang"))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
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
    return parser


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for d in sorted(diagnostics, key=lambda d: (d.location is None, d.location or "")):
        print(d.render(), file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    from yearbook.build import build, prepare
    from yearbook.check import run_checks

    prepared = prepare(args.data_dir)
    report = run_checks(prepared.loaded)
    print(report.summary())
    if report.findings:
        print(tr("cli.see_check", data=args.data_dir))
    if args.strict and report.errors:
        print(report.render(), file=sys.stderr)
        print(tr("cli.strict_failed", n=len(report.errors)), file=sys.stderr)
        return 1
    result = build(args.data_dir, args.out, prepared)
    _print_diagnostics(result.warnings)
    print(tr("cli.wrote"))
    for path in result.outputs:
        print(tr("cli.output", path=path, size=_size(path.stat().st_size)))
    return 0


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def _check(args: argparse.Namespace) -> int:
    from yearbook.build import prepare
    from yearbook.check import apply_fixes, run_checks

    prepared = prepare(args.data_dir)
    report = run_checks(prepared.loaded)
    if args.fix:
        for path in apply_fixes(prepared.loaded, report.findings):
            # Keep the JSON report alone on standard output.
            print(tr("cli.fixed", path=path), file=sys.stderr if args.format == "json" else sys.stdout)
        prepared = prepare(args.data_dir)
        report = run_checks(prepared.loaded)
    _print_diagnostics(prepared.warnings)
    if args.format == "json":
        from yearbook.check.units import report_json

        print(report_json(prepared.loaded, report))
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


COMMANDS = {"build": _build, "check": _check, "fonts": _fonts}


def main(argv: list[str] | None = None) -> int:
    # Windows consoles may not be UTF-8; never fail on printing Chinese.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
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
