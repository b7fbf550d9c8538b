"""Spreadsheet formula injection: text that Excel must never evaluate.

A petitioner's name, an address or a complaint typed as ``=HYPERLINK(...)``, ``+1+cmd|...`` or
``@SUM(...)`` would become a live formula in every exported ledger. Every Excel writer passes
its cells through ``guard``: text starting with ``= + - @``, tab or carriage return is stored
as a string cell (never a formula) with Excel's *quote prefix* set, so it stays text even when
a clerk edits the cell later. The text itself is kept exactly as typed.
"""

from __future__ import annotations

from typing import Any

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def is_dangerous(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(DANGEROUS)


def guard(cell: Any) -> Any:
    """Make ``cell`` (an openpyxl ``Cell`` or ``WriteOnlyCell``) plain text if it is risky."""
    if is_dangerous(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def guard_sheet(ws: Any) -> None:
    """Guard every cell of an ordinary (not write-only) worksheet, before saving."""
    for row in ws.iter_rows():
        for cell in row:
            guard(cell)
