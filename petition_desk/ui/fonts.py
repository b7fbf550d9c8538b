"""A CJK font is guaranteed: if Qt finds none on the system, load one we ship or can find."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

from petition_desk.fonts_bundled import bundled_font_files

log = logging.getLogger(__name__)

#: Places where a Chinese font commonly lives, best first.
CANDIDATES = (
    r"C:\Windows\Fonts\msyh.ttc",
    r"C:\Windows\Fonts\simsun.ttc",
    r"C:\Windows\Fonts\simhei.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/PingFang.ttc",
)


def chinese_families() -> list[str]:
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def ensure_cjk_font(app) -> str | None:
    """Make sure the application font can draw Chinese; return the family used (or None)."""
    families = chinese_families()
    if not families:
        for path in [*map(Path, CANDIDATES), *bundled_font_files()]:
            if path.exists() and QFontDatabase.addApplicationFont(str(path)) >= 0:
                log.info("loaded CJK font %s", path)
                families = chinese_families()
                if families:
                    break
    if not families:
        log.error("no font able to draw Chinese was found")
        print("警告：未找到中文字体，界面文字可能显示为方框", file=sys.stderr)
        return None
    preferred = (
        "Microsoft YaHei",
        "微软雅黑",
        "WenQuanYi Micro Hei",
        "SimSun",
        "宋体",
        "Noto Sans CJK SC",
        "PingFang SC",
    )
    family = next((f for f in preferred if f in families), families[0])
    font = QFont(app.font())
    font.setFamilies([family, *font.families()])
    app.setFont(font)
    return family
