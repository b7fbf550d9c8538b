"""Fonts shipped with the application (a fallback CJK TrueType font in the frozen bundle).

Both the screens (``ui.fonts``) and the PDF builder (``reports.pdf_fonts``) look here after
the system fonts, so a PC with no Chinese font still shows and prints Chinese.
"""

from __future__ import annotations

import sys
from pathlib import Path

SUFFIXES = (".ttf", ".ttc")


def bundled_font_files() -> list[Path]:
    """``petition_desk/fonts/*.ttf|ttc`` in a checkout, a wheel or the PyInstaller bundle."""
    # Beside this module (a checkout, a wheel), not through ``importlib.resources``: this runs
    # at every start, and that import alone costs ~8 ms of it.
    folders = [Path(__file__).resolve().parent / "fonts"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        folders.append(Path(frozen) / "petition_desk" / "fonts")
    files: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
    return list(dict.fromkeys(files))
