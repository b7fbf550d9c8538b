"""Fonts shipped with the application (a fallback CJK TrueType font in the frozen bundle).

Both the screens (``ui.fonts``) and the PDF builder (``reports.pdf_fonts``) look here after
the system fonts, so a PC with no Chinese font still shows and prints Chinese.
"""

from __future__ import annotations

import contextlib
import sys
from importlib import resources
from pathlib import Path

SUFFIXES = (".ttf", ".ttc")


def bundled_font_files() -> list[Path]:
    """``petition_desk/fonts/*.ttf|ttc`` in a checkout, a wheel or the PyInstaller bundle."""
    folders = []
    with contextlib.suppress(FileNotFoundError, ModuleNotFoundError):
        folders.append(Path(str(resources.files("petition_desk") / "fonts")))
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        folders.append(Path(frozen) / "petition_desk" / "fonts")
    files: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
    return list(dict.fromkeys(files))
