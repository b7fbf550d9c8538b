"""Volume numbers (卷号) of archived files: a scheme of year, retention period and sequence."""

from __future__ import annotations

from petition_desk.errors import ValidationError

#: The placeholders a volume-number scheme may use.
SCHEME_FIELDS = ("年度", "保管期限", "序号")


def volume_number(scheme: str, year: int, retention: str, seq: int) -> str:
    """Fill the scheme: ``{年度}-{保管期限}-{序号}`` -> ``2026-永久-0012`` (序号 4 digits)."""
    try:
        return scheme.format(年度=year, 保管期限=retention, 序号=f"{seq:04d}")
    except (KeyError, IndexError, ValueError) as exc:
        names = "、".join("{" + f + "}" for f in SCHEME_FIELDS)
        raise ValidationError(f"卷号格式“{scheme}”无效，可用：{names}", "volume_scheme") from exc


def check_scheme(scheme: str) -> str:
    """Refuse a scheme that cannot number volumes, or that would give every volume one number."""
    sample = volume_number(scheme, 2026, "永久", 12)
    if sample == volume_number(scheme, 2026, "永久", 13):
        raise ValidationError("卷号格式必须包含{序号}，否则每卷的卷号都相同", "volume_scheme")
    return scheme
