"""Show every page at one screen size and scale, save screenshots, and list what is cut.

Run in its own process (``QT_SCALE_FACTOR`` must be set before Qt starts)::

    QT_SCALE_FACTOR=1.5 python -m tests.ui.clip_check DB OUT_DIR 1366x768 1920x1080

Prints one JSON object per size: the screenshots written and the problems found — a label or button
narrower than its text, a table column of the ledger or the repeat panel past the right edge.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: The ledger columns a clerk must see without scrolling (issue: clipped text).
LEDGER_MUST_SEE = ("number", "people", "summary", "next_due", "state")


def _wait(app, ms: int) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def cut_widgets(root) -> list[str]:
    """Visible one-line labels and buttons narrower than their text needs."""
    from PySide6.QtWidgets import QLabel, QPushButton

    out = []
    for w in root.findChildren(QLabel) + root.findChildren(QPushButton):
        if not w.isVisible() or not w.text().strip():
            continue
        if isinstance(w, QLabel) and (w.wordWrap() or w.textFormat() == 1):
            continue
        if w.width() + 1 < w.minimumSizeHint().width():
            out.append(
                f"{type(w).__name__} “{w.text()[:30]}” {w.width()} < {w.minimumSizeHint().width()}"
            )
    return out


def columns_outside(view, logical: list[int]) -> list[int]:
    """Of ``logical`` columns, those not wholly inside the view's visible width."""
    header = view.header() if hasattr(view, "header") else view.horizontalHeader()
    width = view.viewport().width()
    return [
        c
        for c in logical
        if header.sectionViewportPosition(c) < 0
        or header.sectionViewportPosition(c) + header.sectionSize(c) > width
    ]


def main(db: Path, out: Path, width: int, height: int, app=None) -> dict:
    from PySide6.QtCore import QSettings

    from petition_desk.db import open_store
    from petition_desk.db.ledger_query import COLUMN_KEYS
    from petition_desk.services.directory import ensure_defaults, get_user
    from petition_desk.ui.app import make_app
    from petition_desk.ui.context import DeskContext
    from petition_desk.ui.main_window import MainWindow

    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
    app = app or make_app()
    out.mkdir(parents=True, exist_ok=True)
    tag = f"{width}x{height}@{int(scale * 100)}"
    from petition_desk.db.keyring import Keyring, keys_path

    # The demo's documented clerk (README); the file is encrypted like every desk.
    key = Keyring.load(keys_path(db)).unlock("clerk", "demo-clerk")
    conn = open_store(db, key)
    ensure_defaults(conn)
    ctx = DeskContext(
        conn, db, key=key, user=get_user(conn, "clerk"), now=lambda: dt.datetime(2026, 11, 28, 9)
    )
    window = MainWindow(ctx, QSettings(str(out / f"{tag}.ini"), QSettings.Format.IniFormat))
    # The screen's pixels at this scale, less a task bar.
    window.resize(int(width / scale), int((height - 40) / scale))
    window.show()
    _wait(app, 400)
    shots, problems = [], {}
    for key, _page in window.pages:
        window.show_page(key)
        _wait(app, 250)
        path = out / f"{tag}-{key}.png"
        window.grab().save(str(path))
        shots.append(str(path))
        found = cut_widgets(window)
        if key == "ledger":
            must = [COLUMN_KEYS.index(k) for k in LEDGER_MUST_SEE]
            found += [
                f"ledger column {COLUMN_KEYS[c]} past the edge"
                for c in columns_outside(window.ledger.view, must)
            ]
        if key == "registration":
            panel = window.registration.matches.tree
            found += [
                f"repeat panel column {c} past the edge"
                for c in columns_outside(panel, [0, 1, 2, 3])
            ]
        if found:
            problems[key] = found
    window.close()
    ctx.reader.close()
    return {"tag": tag, "screenshots": shots, "problems": problems}


if __name__ == "__main__":
    db, out = Path(sys.argv[1]), Path(sys.argv[2])
    for size in sys.argv[3:]:
        w, h = (int(n) for n in size.split("x"))
        print(json.dumps(main(db, out, w, h), ensure_ascii=False), flush=True)
