"""Refresh the zh_CN catalogue from the code and compile it.

    python resources/i18n/update.py          # lupdate + lrelease
    python resources/i18n/update.py --check  # fail if the .ts or .qm is out of date

Translators edit ``petition_desk_zh_CN.ts`` with Qt Linguist (``pyside6-linguist``); the
compiled ``.qm`` is committed inside the package so an install needs no Qt tools.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "petition_desk_zh_CN.ts"
QM = ROOT / "petition_desk" / "ui" / "i18n" / "petition_desk_zh_CN.qm"
# Qt's own strings missing from PySide6's qtbase_zh_CN (edited by hand, only compiled here).
QT_EXTRA_TS = ROOT / "resources" / "i18n" / "qt_extra_zh_CN.ts"
QT_EXTRA_QM = ROOT / "petition_desk" / "ui" / "i18n" / "qt_extra_zh_CN.qm"


def tool(name: str) -> str:
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    exe = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if exe is None:
        raise SystemExit(f"pyside6-{name} not found (it comes with PySide6-Essentials)")
    return exe


def sources() -> list[str]:
    return sorted(str(p) for p in (ROOT / "petition_desk" / "ui").rglob("*.py"))


def lupdate(ts: Path) -> None:
    subprocess.run(
        [
            tool("lupdate"),
            *sources(),
            "-ts",
            str(ts),
            "-target-language",
            "zh_CN",
            "-no-obsolete",
            "-locations",
            "none",
            "-silent",
        ],
        check=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main(argv: list[str]) -> int:
    if "--check" in argv:
        with tempfile.TemporaryDirectory() as tmp:
            ts, qm = Path(tmp) / TS.name, Path(tmp) / QM.name
            shutil.copy(TS, ts)
            lupdate(ts)
            lrelease(TS, qm)
            extra = Path(tmp) / QT_EXTRA_QM.name
            lrelease(QT_EXTRA_TS, extra)
            stale = []
            if not QT_EXTRA_QM.exists() or extra.read_bytes() != QT_EXTRA_QM.read_bytes():
                stale.append(QT_EXTRA_QM.name)
            if ts.read_bytes() != TS.read_bytes():
                stale.append(f"{TS.name} (run: python resources/i18n/update.py)")
            if not QM.exists() or qm.read_bytes() != QM.read_bytes():
                stale.append(QM.name)
            if stale:
                print("out of date: " + ", ".join(stale))
                return 1
            return 0
    lupdate(TS)
    lrelease(TS, QM)
    lrelease(QT_EXTRA_TS, QT_EXTRA_QM)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
