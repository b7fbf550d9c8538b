"""Refusing an .xlsx that would take the machine down before openpyxl opens it.

An .xlsx is a zip archive. A few hundred kilobytes can unpack to gigabytes (a "decompression
bomb"), and openpyxl only notices after it has spent the memory and the minutes. The sizes the
archive declares are read first, cheaply: Python's ``zipfile`` never unpacks a member beyond its
declared size, so a file whose declared sizes pass cannot grow past them while loading.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from petition_desk.errors import DeskError

#: The most an archive may unpack to. A ledger of 50,000 cases unpacks to about 60 MB.
MAX_UNPACKED = 300 * 1024 * 1024
#: The most members an archive may have (a workbook has a few dozen).
MAX_MEMBERS = 10_000
#: Above this size, a member packed tighter than this ratio is not a spreadsheet.
MAX_RATIO = 200
_RATIO_FROM = 10 * 1024 * 1024


def check_xlsx(path: Path) -> None:
    """Raise a Chinese ``DeskError`` if ``path`` is not a zip or would unpack absurdly large."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except FileNotFoundError:
        raise DeskError(f"找不到文件“{path}”") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise DeskError(
            f"无法读取“{path.name}”：不是有效的 .xlsx 文件（{exc}）。"
            "请在 Excel 中另存为“Excel 工作簿(*.xlsx)”后再导入"
        ) from None
    if len(members) > MAX_MEMBERS:
        raise DeskError(
            f"“{path.name}”内含 {len(members)} 个部件，不像正常的 Excel 台账，已拒绝读取"
        )
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise DeskError(
            f"“{path.name}”解压后约 {total // (1024 * 1024)} MB，超过 "
            f"{MAX_UNPACKED // (1024 * 1024)} MB 的上限，不像正常的 Excel 台账，已拒绝读取。"
            "如确为台账，请分成几个文件导入"
        )
    for m in members:
        if m.file_size > _RATIO_FROM and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise DeskError(
                f"“{path.name}”中的“{m.filename}”压缩比异常（{m.compress_size} 字节解压为 "
                f"{m.file_size} 字节），可能是恶意文件，已拒绝读取"
            )
