"""Cells an .xlsx file can hold: exporters never fail on a character.

Text is cleaned when it is stored (``domain.text``), but older rows, imported ledgers and
values built from several fields may still hold what the xlsx format refuses: XML 1.0 has no
room for most control characters, lone surrogates or U+FFFE/U+FFFF, and Excel keeps at most
32,767 characters in a cell. openpyxl raises ``IllegalCharacterError`` for one such character
and the whole export fails; so every value passes through a ``CellCleaner`` on its way into a
sheet, which strips what cannot be held and counts the cells it changed, so the export can
say so.
"""

from __future__ import annotations

import re

#: Excel's limit on the characters in one cell.
CELL_MAX = 32_767

# What XML 1.0 cannot hold: C0 controls except tab, newline and carriage return; lone
# surrogates; U+FFFE and U+FFFF. (openpyxl's ILLEGAL_CHARACTERS_RE is the C0 part only.)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TRUNCATED = "…（已截断）"


def clean_cell(value: object) -> object:
    """``value`` as a cell can hold it: illegal characters removed, text cut to ``CELL_MAX``."""
    if not isinstance(value, str):
        return value
    text = _ILLEGAL.sub("", value)
    if len(text) > CELL_MAX:
        text = text[: CELL_MAX - len(_TRUNCATED)] + _TRUNCATED
    return text


class CellCleaner:
    """Cleans cell values and counts how many it had to change."""

    def __init__(self) -> None:
        self.changed = 0

    def __call__(self, value: object) -> object:
        """The cleaned value; counts it when something was removed."""
        clean = clean_cell(value)
        if clean is not value and clean != value:
            self.changed += 1
        return clean

    def row(self, values) -> list:
        """A whole row of values, cleaned."""
        return [self(v) for v in values]

    def note(self) -> str:
        """A Chinese sentence for the clerk, or "" when nothing was changed."""
        if not self.changed:
            return ""
        return f"有 {self.changed} 个单元格含有 Excel 无法保存的字符（或过长），已去除后导出"
