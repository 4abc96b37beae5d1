"""The forms a yearbook chapter is typed in, as patterns: what the recogniser looks for."""

from __future__ import annotations

import re

from yearbook import model as m
from yearbook.text import Text

NO_TITLE = "（无标题）"
NO_CAPTION = "（无表题）"
EMPTY_HEADER = "（空）"
ARTICLES_TITLE = "专文"
BOOK_TITLE = "年鉴"
NO_UNIT = "（编纂单位）"

BOOK_TITLE_LINE = re.compile(r"^(?P<title>.*年鉴)\s*(?:[-－—–_·\s]*[（(]?(?P<year>\d{4})[）)]?(?:卷)?)?$")
WEB = re.compile(
    r"^(?:发表|发布|更新|录入)(?:时间|日期)[:：]|^(?:来源|作者|编辑|责任编辑|浏览(?:次数)?|阅读(?:次数)?|"
    r"点击(?:数|次数)?)[:：]|^(?:上|下)一?篇[:：]|^(?:打印|关闭|返回)(?:本页|窗口)?$"
)
# Page furniture of text copied from a PDF: page numbers and 续表 lines.
PAGE_NUMBER = re.compile(r"^(?:[-—－·\s]*\d{1,4}[-—－·\s]*|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?)$")
CONTINUED = re.compile(r"^续表\s*\d*$")
ENTRY = re.compile(r"^[【\[［〔]\s*(?P<title>[^】\]］〕]{1,60}?)\s*[】\]］〕]\s*(?P<rest>.*)$", re.S)
CAPTION = re.compile(r"^表\s*(?P<n>\d+)[\s\u3000:：、.．]*(?P<title>.*)$")
# 图N　caption, and the credit printed after it: （张三　摄） （市政协　供图） （摄影：张三） 张三 摄.
FIGURE_CAPTION = re.compile(r"^图\s*(?P<n>\d+)(?P<sep>[\s\u3000:：、.．]*)(?P<title>.*)$", re.S)
_PHOTO_WORDS = "摄影|摄|供图|图片提供|提供"
FIGURE_CREDITS = (
    re.compile(rf"^(?P<title>.*?)[\s\u3000]*[（(]\s*(?P<kind>{_PHOTO_WORDS})\s*[:：]\s*(?P<name>[^（）()]+?)\s*[）)]$"),
    re.compile(rf"^(?P<title>.*?)[\s\u3000]*[（(]\s*(?P<name>[^（）()]+?)[\s\u3000]*(?P<kind>{_PHOTO_WORDS})\s*[）)]$"),
    re.compile(r"^(?P<title>.*?)[\s\u3000]+(?P<kind>摄影|供图)\s*[:：]\s*(?P<name>\S.{0,29})$"),
    re.compile(r"^(?P<title>.*?)[\s\u3000]+(?P<name>[^\s\u3000，。]{1,20})[\s\u3000]*(?P<kind>摄影|摄|供图)$"),
)
CREDIT = re.compile(
    r"^[（(]\s*(?:供稿(?:单位|人)?[:：]\s*)?(?P<who>.+?)\s*(?:供稿|撰稿|提供)?\s*[）)]$"
)
CREDIT_LINE = re.compile(r"^(?:供稿(?:单位|人)?|撰稿(?:人)?)[:：]\s*(?P<who>.+)$")
NUMBERED = re.compile(r"^(?P<n>[一二三四五六七八九十]{1,3})[、.．]\s*(?P<text>.+)$")
SENTENCE_END = re.compile(r"[。；;！!？?，,：:]")
RUNIN = re.compile(
    r"^(?P<title>[^，。、；：“”‘’《》（）,.;:()\d]{2,24}?(?:会议|全会|大会|闭幕会|开幕会|座谈会|培训班|仪式))"
    r"(?P<rest>\d{1,2}月.+|\d{4}年.+)$",
    re.S,
)
SPACE = " \t\u3000\u00a0"
ORDINALS = "一二三四五六七八九十"


def figure_credit(text: str) -> tuple[str, m.CreditKind | None, str]:
    """(caption, kind, name) of a caption after its number: the credit split off."""
    for pattern in FIGURE_CREDITS:
        found = pattern.match(text)
        if found and found["title"].strip(SPACE) and found["name"].strip(SPACE):
            kind = m.CreditKind.PHOTO if found["kind"].startswith("摄") else m.CreditKind.SUPPLIED
            return found["title"].strip(SPACE), kind, found["name"].strip(SPACE)
    return text.strip(SPACE), None, ""


def figure_caption_line(text: str) -> bool:
    """A line standing alone that reads as a figure's caption (图1　会场（张三　摄）), not a
    sentence about a figure (图1显示，……)."""
    found = FIGURE_CAPTION.match(text)
    if not found or len(text) > 80 or "。" in text:
        return False
    return bool(found["sep"]) or figure_credit(found["title"])[1] is not None


def short(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[:n] + "……"


def ordinal(n: int) -> str:
    if n <= 10:
        return ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else ORDINALS[tens - 1]) + "十" + (ORDINALS[ones - 1] if ones else "")


def split_runin_parts(entry: m.Entry) -> None:
    """Plain text loses the bold of run-in titles (第一次全体会议1月9日上午，…): when two or
    more paragraphs of an entry start with a meeting's name followed by its date, those
    names are the parts' titles."""
    hits = [i for i, p in enumerate(entry.paragraphs) if i > 0 and RUNIN.match(str(p))]
    if len(hits) < 2 or entry.parts:
        return
    head, rest = entry.paragraphs[: hits[0]], entry.paragraphs[hits[0] :]
    parts: list[m.Part] = []
    for k, para in enumerate(rest, start=hits[0]):
        mt = RUNIN.match(str(para)) if k in hits else None
        if mt:
            parts.append(m.Part(Text(mt["title"]), [Text(mt["rest"])]))
        else:
            parts[-1].paragraphs.append(para)
    entry.paragraphs = head
    entry.parts = parts
