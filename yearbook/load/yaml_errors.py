"""PyYAML's syntax errors told in the user's words, with what to do about them.

The usual mistakes of someone typing YAML with a Chinese input method are a Tab or a
full-width space (U+3000) as indentation and a full-width colon `：` after a key;
these are recognised from the text around the error and named exactly. Other
errors get an explanation by kind. PyYAML's English follows only as a detail.
"""

from __future__ import annotations

import re

import yaml

from yearbook.i18n import register
from yearbook.load.guard import INVISIBLE_BREAKS, Lines, Problem, char_name

_DETAIL_ZH = "（解析器原文：{detail}）"
_DETAIL_EN = " (parser: {detail})"


def _messages(table: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    return {
        f"yaml.syntax.{key}": ("YAML 格式错误：" + zh + _DETAIL_ZH, "YAML syntax error: " + en + _DETAIL_EN)
        for key, (zh, en) in table.items()
    }


register(
    _messages(
        {
            "tab": (
                "这一行用 Tab 键缩进了。YAML 只认半角空格缩进：请把行首的 Tab 换成空格（每级两个空格），"
                "可在编辑器中打开“显示空白字符”查看",
                "this line is indented with a Tab. YAML indents with spaces only: replace the Tab "
                "at the start of the line with spaces (two per level)",
            ),
            "fullwidth_space": (
                "这一行行首是全角空格（U+3000，中文输入法下打出的空格）。YAML 只认半角空格缩进："
                "请切换到英文输入法，把行首的全角空格删掉，重新用空格键缩进",
                "this line starts with a full-width space (U+3000, typed with a Chinese input "
                "method). YAML indents with ASCII spaces only: replace it with ordinary spaces",
            ),
            "fullwidth_colon": (
                "“{key}”后面是全角冒号“：”。键和值之间必须是半角冒号加一个空格“: ”："
                "请切换到英文输入法重新输入冒号，并在冒号后空一格",
                "'{key}' is followed by a full-width colon '：'. A key and its value are "
                "separated by an ASCII colon and a space ': '",
            ),
            "reserved_char": (
                "文字不能以“{char}”开头：请给整个值加上单引号，例如 '{char}……'",
                "text cannot start with '{char}': put the whole value in single quotes",
            ),
            "dash": (
                "这里不能出现列表项“- ”：列表项要另起一行，并比上一级多缩进；如果文字本身以“- ”开头，"
                "请给整个值加上单引号",
                "a list item '- ' cannot stand here: start it on its own line, indented under its "
                "key; if the text itself starts with '- ', put it in single quotes",
            ),
            "colon_in_value": (
                "这里不能出现“: ”（冒号加空格）。如果这是文字中的冒号，请改用中文冒号“：”，"
                "或给整个值加上单引号；如果是新的字段，请检查缩进是否与同级字段对齐",
                "': ' (colon and space) is not allowed here. If it is part of the text, use '：' or "
                "put the whole value in single quotes; if it starts a field, check its indentation",
            ),
            "missing_colon": (
                "第 {line} 行缺少键和值之间的“: ”（半角冒号加空格），或者它的缩进与上下文不符",
                "line {line} lacks ': ' (colon and space) between key and value, or its "
                "indentation does not fit",
            ),
            "unclosed_quote": (
                "从这里开始的引号直到文件末尾都没有配对的结束引号：请补上结束引号；"
                "如果引号是文字的一部分，请改用中文引号“”",
                "the quote that starts here is never closed: add the closing quote, or use the "
                "Chinese quotes “” if it is part of the text",
            ),
            "escape": (
                "双引号中的反斜杠“\\”开始了一个无效的转义：请改用单引号包住这个值，"
                "或把反斜杠写成两个“\\\\”",
                "a backslash in double quotes starts an invalid escape: use single quotes for "
                "this value, or write the backslash twice",
            ),
            "anchor_start": (
                "以“*”或“&”开头的文字会被当成 YAML 的别名或锚点：请给整个值加上单引号，例如 '*……'",
                "text starting with '*' or '&' is read as an alias or anchor: put the whole value "
                "in single quotes",
            ),
            "tag_start": (
                "以“!”开头的文字会被当成 YAML 标签：请给整个值加上单引号，例如 '!……'",
                "text starting with '!' is read as a tag: put the whole value in single quotes",
            ),
            "after_quote": (
                "值以引号或括号开头时，YAML 认为整个值就是引号（括号）里的内容，后面不能再有文字："
                "请给整个值再加一层单引号，或把开头的引号改为中文引号“”、括号改为中文括号",
                "a value that starts with a quote or bracket must end with it: put the whole value "
                "in single quotes, or use Chinese quotes and brackets",
            ),
            "indent": (
                "缩进不一致：同一层的字段（或列表项“- ”）必须左边对齐，下一层要比上一层多缩进；"
                "请对照上下几行检查这一行行首的空格数",
                "inconsistent indentation: fields (or '- ' items) of one level must line up, a "
                "deeper level is indented further; check the spaces at the start of this line",
            ),
            "flow": (
                "方括号“[ ]”或花括号“{{ }}”没有配对：请补齐；如果文字以“[”或“{{”开头，请给整个值加上单引号",
                "a '[ ]' or '{{ }}' is not closed: close it, or put the value in single quotes if the "
                "text starts with '[' or '{{'",
            ),
            "block_scalar": (
                "“|”或“>”后面的同一行不能写文字：正文应从下一行开始，并比字段名多缩进两个空格",
                "nothing may follow '|' or '>' on its line: start the text on the next line, "
                "indented two spaces more than the key",
            ),
            "document": (
                "这一行不属于上面的结构：多半是缩进不对，或顶格写了不是“键: 值”的文字",
                "this line does not belong to the structure above: the indentation is probably "
                "wrong, or text that is not 'key: value' starts at the margin",
            ),
            "other": (
                "无法读懂这里的写法：请检查这一行和上一行的缩进、冒号“: ”、引号和括号是否配对",
                "cannot read this: check the indentation, colons, quotes and brackets of this "
                "line and the one above",
            ),
        }
    )
)

_INDENT = re.compile("[ \t\u3000]*")
_FULLWIDTH_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)*([^\s#'\"\[\]{}:：][^:：#]*?)：")
# (pattern on context + problem, message key): the first match wins.
_BY_KIND: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"'\\t'|tab character"), "tab"),
    (re.compile(r"cannot start any token"), "reserved_char"),
    (re.compile(r"mapping values are not allowed"), "colon_in_value"),
    (re.compile(r"could not find expected ':'"), "missing_colon"),
    (re.compile(r"escape"), "escape"),
    (re.compile(r"quoted scalar"), "unclosed_quote"),
    (re.compile(r"scanning an? (alias|anchor)"), "anchor_start"),
    (re.compile(r"directive"), "reserved_char"),
    (re.compile(r"tag"), "tag_start"),
    (re.compile(r"expected the node content"), "reserved_char"),
    (re.compile(r"sequence entries are not allowed"), "dash"),
    (re.compile(r"block scalar"), "block_scalar"),
    (re.compile(r"flow"), "flow"),
    (re.compile(r"expected <block end>|block (mapping|collection)"), "indent"),
    (re.compile(r"document start"), "document"),
]


def explain(exc: yaml.MarkedYAMLError, lines: Lines) -> Problem:
    """One located problem for a PyYAML error in the text `lines` holds."""
    context, problem = exc.context or "", exc.problem or ""
    detail = f"{context}: {problem}" if context else problem
    mark = exc.problem_mark or exc.context_mark
    index = mark.index if mark is not None else 0
    line, _ = lines.position(index)
    candidates = [line]
    if exc.context_mark is not None:
        candidates.insert(0, lines.position(exc.context_mark.index)[0])
    candidates.append(line - 1)
    for n in dict.fromkeys(candidates):  # nearest first, each line once
        found = _typist_mistake(lines, n, detail)
        if found is not None:
            return found
    kind = next((key for pattern, key in _BY_KIND if pattern.search(detail)), "other")
    args: dict[str, object] = {"detail": detail}
    if kind == "reserved_char":
        char = re.search(r"found (?:character )?'(.+?)'", problem)
        args["char"] = char.group(1) if char else "%"
        if len(str(args["char"])) > 2:  # a token name such as '<block mapping start>'
            kind = "other"
    if kind == "missing_colon" and exc.context_mark is not None:
        index = exc.context_mark.index  # the key that lacks its colon, not the line after
        args["line"] = lines.position(index)[0]
    elif kind == "missing_colon":
        args["line"] = line
    if kind == "indent" and _ends_quoted_value(lines, index):
        kind = "after_quote"
    return Problem(f"yaml.syntax.{kind}", args, index)


def _typist_mistake(lines: Lines, line: int, detail: str) -> Problem | None:
    text = lines.line_text(line)
    if not text:
        return None
    start = lines.starts[line - 1]
    invisible = INVISIBLE_BREAKS.search(text)
    if invisible:  # reported on its own already; the error is its consequence
        args = {"char": char_name(invisible.group())}
        return Problem("yaml.invisible_break", args, start + invisible.start())
    indent = _INDENT.match(text).group()
    if "\t" in indent:
        return Problem("yaml.syntax.tab", {"detail": detail}, start + indent.index("\t"))
    if "\u3000" in indent:
        return Problem("yaml.syntax.fullwidth_space", {"detail": detail}, start + indent.index("\u3000"))
    key = _FULLWIDTH_KEY.match(text)
    if key and ": " not in text[: key.end()]:
        args = {"detail": detail, "key": key.group(1).strip()}
        return Problem("yaml.syntax.fullwidth_colon", args, start + key.end() - 1)
    return None


def _ends_quoted_value(lines: Lines, index: int) -> bool:
    """Text right after a closing quote or bracket on the same line: `"中国"政协`."""
    before = lines.text[max(0, index - 200) : index].rstrip(" \t")
    return before[-1:] in ("'", '"', "]", "}")
