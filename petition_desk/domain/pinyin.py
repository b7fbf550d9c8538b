"""Pinyin initials of Chinese names, so a clerk can find 张建国 by typing ``zjg``.

pypinyin loads large dictionaries, so it is imported on first use, and single characters are
cached: a township's names reuse a few thousand characters.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=20000)
def _char_initial(ch: str) -> str:
    if ch.isascii():
        return ch.lower() if ch.isalnum() else ""
    from pypinyin import Style, pinyin

    # heteronym=False gives the common reading; surnames such as 单/曾 may differ, which is
    # acceptable for a search aid.
    result = pinyin(ch, style=Style.FIRST_LETTER, strict=False, errors="ignore")
    return result[0][0].lower() if result and result[0] else ""


def initials(name: str) -> str:
    """``张建国`` -> ``zjg``; Latin letters and digits are kept, other symbols dropped."""
    return "".join(_char_initial(ch) for ch in name or "")
