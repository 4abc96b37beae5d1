"""User-facing messages in Chinese (default) and English.

The language follows the user's locale: English when LC_ALL, LC_MESSAGES or LANG
(or, on Windows, the system locale) is English; Chinese otherwise, since the users
are Chinese offices. Each area registers its own templates with `register`.
"""

from __future__ import annotations

import locale
import os

_MESSAGES: dict[str, tuple[str, str]] = {
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "diag.field": ("字段 {path}：", "field {path}: "),
}

_forced: str | None = None


def register(messages: dict[str, tuple[str, str]]) -> None:
    """Add templates: key → (Chinese, English), with str.format placeholders."""
    _MESSAGES.update(messages)


def templates(message_ids: set[str]) -> dict[str, tuple[str, str]]:
    """The registered templates of these ids: sent with a result made in another
    process, which may not have imported the modules that register them."""
    return {i: _MESSAGES[i] for i in message_ids if i in _MESSAGES}


def set_language(lang: str | None) -> None:
    """Force 'zh' or 'en' (tests, --lang); None goes back to the locale."""
    global _forced
    _forced = lang


def language() -> str:
    if _forced:
        return _forced
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    if os.name == "nt":
        loc = locale.getlocale()[0] or ""
        return "en" if loc.lower().startswith("en") else "zh"
    return "zh"


def tr(message_id: str, **args: object) -> str:
    zh, en = _MESSAGES.get(message_id, (message_id, message_id))
    template = en if language() == "en" else zh
    try:
        return template.format(**args)
    except (KeyError, IndexError):
        return template
