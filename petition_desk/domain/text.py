"""Text cleaned at the door: what a clerk types or pastes, made safe to store and export.

Qt fields accept anything that can be pasted: a vertical tab from a Word table, a form feed, a
stray NUL from a broken file, text in decomposed Unicode from a Mac. Stored as is, one such
character later stops the month's Excel export (XML cannot hold it) or splits a search. Every
service that stores text passes it through ``clean_text`` (or ``clean_line`` for one-line
fields) first, so the database only ever holds clean text.

The rules: NUL is refused with a Chinese message (it usually means the pasted text came from a
damaged or binary file, so silently dropping it could hide real damage); other control
characters except newline and tab are removed; ``\\r\\n`` and lone ``\\r`` become ``\\n``; lone
surrogates and the non-characters U+FFFE/U+FFFF are removed (no encoding can hold them); the
text is put in Unicode NFC; leading and trailing blanks are trimmed.
"""

from __future__ import annotations

import re
import unicodedata

from petition_desk.errors import ValidationError

#: Maximum lengths, in characters, by purpose. A name fits on an ID card; a summary on one
#: ledger line; facts may be a long letter typed in full.
NAME_MAX = 50
PHONE_MAX = 40
ID_MAX = 40
SHORT_MAX = 100  # a village, a workplace, a department, a title, a login
LINE_MAX = 200  # an address, a place, a summary, a one-line note
SUMMARY_MAX = 200
REQUEST_MAX = 2_000
FACTS_MAX = 20_000
NOTE_MAX = 2_000  # reasons, instructions, results
TEMPLATE_MAX = 20_000
SEARCH_MAX = 100

# C0 controls except \t (09) and \n (0A), DEL, C1 controls; lone surrogates; U+FFFE/U+FFFF;
# the byte-order mark, which only ever arrives by pasting from a file.
_REMOVE = re.compile("[\x01-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")
_LINE_BLANKS = re.compile("[\n\t]+")


def has_nul(text: str) -> bool:
    """Whether ``text`` holds a NUL character (refused by ``clean_text``)."""
    return "\x00" in text


def clean_text(value: object, label: str = "文字", field: str = "") -> str:
    """Return ``value`` cleaned for storing (see the module's rules); None becomes "".

    Raises ``ValidationError`` (on ``field``) when the text holds a NUL character.
    """
    if value is None:
        return ""
    text = str(value)
    if has_nul(text):
        raise ValidationError(
            f"{label}中含有空字符（NUL），多半是从损坏的文件中复制来的，请删除后重新输入", field
        )
    text = _LINE_BREAKS.sub("\n", text)
    text = _REMOVE.sub("", text)
    return unicodedata.normalize("NFC", text).strip()


def clean_line(value: object, label: str = "文字", field: str = "") -> str:
    """Like ``clean_text`` for a one-line field: line breaks and tabs become one space."""
    return _LINE_BLANKS.sub(" ", clean_text(value, label, field)).strip()


def check_length(text: str, limit: int, label: str, field: str, problems: dict[str, str]) -> None:
    """Add a Chinese problem to ``problems`` when ``text`` is longer than ``limit``."""
    if len(text) > limit:
        problems[field] = f"{label}不能超过 {limit} 字，现有 {len(text)} 字"


def clean_into(
    value: object, label: str, field: str, problems: dict[str, str], *, line: bool = False
) -> str:
    """``clean_text`` (``clean_line`` if ``line``) for a validator collecting every problem.

    A NUL becomes a problem under ``field`` (and the text without it is returned so the other
    checks still run) instead of an exception.
    """
    clean = clean_line if line else clean_text
    try:
        return clean(value, label, field)
    except ValidationError as exc:
        problems.update(exc.problems)
        return clean(str(value).replace("\x00", ""), label, field)
