"""Print table rows for docs/手册/提示信息.md: every registered message the page
does not document yet (or, with --all, every one), with its Chinese text, so a new
message only needs its meaning and fix written in.

    python scripts/messages_page.py          # rows for the missing codes
    python scripts/messages_page.py --all
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "手册" / "提示信息.md"
# Interface text (help, labels, summary lines), not messages about a problem.
UI_PREFIXES = (
    "cli.", "check.", "fonts.report.", "fonts.role.", "fonts.setup.", "fonts.convert_",
    "fonts.licence_unknown", "severity.", "diag.", "watch.",
)
# Messages from the command line that do tell of a problem, documented too.
CLI_PROBLEMS = (
    "cli.usage_error", "cli.errors", "cli.internal", "cli.interrupted", "cli.strict_failed",
    "cli.bad_year", "cli.cannot_write", "cli.other_warnings", "check.words_invalid",
)


def registered() -> dict[str, tuple[str, str]]:
    sys.path.insert(0, str(ROOT))
    import yearbook
    from yearbook import i18n

    for module in pkgutil.walk_packages(yearbook.__path__, "yearbook."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    return dict(i18n._MESSAGES)


def documented_codes() -> list[str]:
    """The codes the page must document."""
    return sorted(c for c in registered() if c in CLI_PROBLEMS or not c.startswith(UI_PREFIXES))


def missing_codes(page: str) -> list[str]:
    return [c for c in documented_codes() if f"`{c}`" not in page]


def main() -> None:
    messages = registered()
    page = PAGE.read_text(encoding="utf-8") if PAGE.is_file() else ""
    codes = documented_codes() if "--all" in sys.argv else missing_codes(page)
    for code in codes:
        zh = messages[code][0].replace("|", "\\|").replace("\n", " ")
        print(f"| `{code}` | {zh} | （含义和处理办法） |")


if __name__ == "__main__":
    main()
