"""The command line's own messages in Chinese.

``argparse`` writes its usage lines and errors through ``gettext``; there is no Chinese
catalogue for it, so the few messages a clerk can meet are given here and installed into
``argparse`` for this process (the rest of the program's words are Chinese already).
"""

from __future__ import annotations

import argparse

ARGPARSE_ZH: dict[str, str] = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "位置参数",
    "show this help message and exit": "显示帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选择：%(value)r（可选：%(choices)s）"
    ),
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 必须指定其中一个",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 有歧义，可能是 %(matches)s"
    ),
    "ignored explicit argument %r": "多余的值 %r",
}


def _gettext(message: str) -> str:
    return ARGPARSE_ZH.get(message, message)


def install() -> None:
    """Make ``argparse`` speak Chinese in this process (idempotent)."""
    argparse._ = _gettext  # type: ignore[attr-defined]
