"""argparse's own messages in Chinese.

argparse looks its messages up through gettext (`argparse._`, `argparse.ngettext`);
installing a lookup that answers in the user's language turns `invalid choice`,
`the following arguments are required` and the help headings into Chinese under
a Chinese locale, and leaves them as they are in English.
"""

from __future__ import annotations

import argparse

from yearbook.i18n import language

# argparse's message ids (Python 3.11–3.13) → Chinese, same % placeholders.
CHINESE = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "“%(value)s”不是可选值；可选：%(choices)s",
    "invalid %(type)s value: %(value)r": "值“%(value)s”无效",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的值“%s”",
    "one of the arguments %s is required": "参数 %s 中须有一个",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "没有命令“%(parser_name)s”；可用的命令：%(choices)s"
    ),
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "argument \"-\" with mode %r": "参数“-”的模式 %r",
}


def gettext(message: str) -> str:
    return CHINESE.get(message, message) if language() == "zh" else message


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Route argparse's messages through `gettext` above (idempotent)."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
