"""Official numbers of outgoing documents: ``青信受〔2026〕12号``.

Each numbered kind has its own prefix (the organ's code and the kind's, a setting) and its
own yearly sequence, so a 受理告知书 and a 交办单 of the same case never share a number. The
number is taken inside the issuing transaction (a failed issue gives it back), is unique across
the whole database (a UNIQUE index on ``documents.number``) and is never handed out again.
Forms (the 来访登记表) have no number: they take a sequence for the record only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from petition_desk.db.engine import sqlite3
from petition_desk.errors import ValidationError
from petition_desk.reports.templates import KINDS
from petition_desk.services.numbering import allocate, document_number

_FORBIDDEN = set("〔〕[]【】（）() 　")


def prefix_key(kind: str) -> str:
    """The setting holding ``kind``'s prefix."""
    return f"doc_prefix_{kind}"


def prefix_of(settings: Mapping[str, Any], kind: str) -> str:
    """The checked prefix of a numbered kind; a Chinese error says what to fix in 设置."""
    title = KINDS[kind].title
    prefix = str(settings.get(prefix_key(kind)) or "").strip()
    if not prefix:
        raise ValidationError(f"请先在“设置”中填写{title}的文号前缀（如 青信受）", "prefix")
    if _FORBIDDEN & set(prefix):
        raise ValidationError(
            f"{title}的文号前缀“{prefix}”中不能有括号或空格，年份的六角括号由程序加上", "prefix"
        )
    for other in KINDS.values():
        other_prefix = str(settings.get(prefix_key(other.key)) or "").strip()
        if other.key != kind and other.numbered and other_prefix == prefix:
            raise ValidationError(
                f"{title}与{other.title}的文号前缀都是“{prefix}”，编号会重复；"
                "请在“设置”中为每种文书填写不同的前缀",
                "prefix",
            )
    return prefix


def preview_number(settings: Mapping[str, Any], kind: str, year: int) -> str:
    """What a draft shows in place of the number: ``青信受〔2026〕  号`` (no number taken)."""
    if not KINDS[kind].numbered:
        return ""
    return f"{prefix_of(settings, kind)}〔{year}〕　　号"


def take(conn: sqlite3.Connection, settings: Mapping[str, Any], kind: str, year: int):
    """``(seq, number, official)`` for a new document of ``kind``, inside the transaction."""
    if not KINDS[kind].numbered:
        return allocate(conn, f"doc:{kind}", year), "", False
    prefix = prefix_of(settings, kind)
    seq = allocate(conn, f"doc:{kind}", year)
    return seq, document_number(year, seq, prefix), True
