"""Dates as people type them in spreadsheets: 2025-3-5, 2025/3/5, 2025.3.5, 2025年3月5日,
with or without a time, and Excel serial numbers."""

from __future__ import annotations

import datetime as dt
import re

from petition_desk.errors import ValidationError

_TEXT = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?秒?)?\s*$"
)
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # serial 1 = 1900-01-01, with Excel's leap-year bug


def parse_when(value: object) -> dt.datetime:
    """A ``datetime`` from a cell value; raises ``ValidationError`` with a Chinese reason."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(0, 0))
    if isinstance(value, bool) or value is None:
        raise ValidationError("日期为空", "received_at")
    if isinstance(value, int | float):
        # Excel serial dates between 1954 and 2119: anything else is a number, not a date.
        if 20000 <= float(value) < 80000:
            return _EXCEL_EPOCH + dt.timedelta(days=float(value))
        raise ValidationError(f"“{value}”不是日期", "received_at")
    text = str(value).strip()
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return parse_when(float(text))
    m = _TEXT.match(text)
    if not m:
        raise ValidationError(
            f"日期“{text}”无法识别，应为 2025-3-5、2025/3/5 或 2025年3月5日", "received_at"
        )
    y, mo, d, h, mi, s = (int(g) if g else 0 for g in m.groups())
    try:
        return dt.datetime(y, mo, d, h, mi, s)
    except ValueError:
        raise ValidationError(f"日期“{text}”不存在", "received_at") from None
