"""Regenerate docs/stats.png (the 统计 page) and docs/analysis-report.png (a page of the report).

    python -m petition_desk demo-data --db /tmp/d.sqlite --cases 3000 --seed 1 --until 2026-11-28
    QT_QPA_PLATFORM=offscreen python docs/stats_screenshots.py /tmp/d.sqlite

Shown as of 28 Nov 2026 for October 2026; the report is rendered (not issued) to a temp file.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))  # this checkout's package, not an installed one

AS_OF = dt.date(2026, 11, 28)


def stats_png(db: Path) -> None:
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QApplication

    from petition_desk.db.connection import open_store
    from petition_desk.ui.app import install_translators
    from petition_desk.ui.context import DeskContext
    from petition_desk.ui.fonts import ensure_cjk_font
    from petition_desk.ui.stats_page import StatsPage

    app = QApplication.instance() or QApplication([])
    ensure_cjk_font(app)
    install_translators(app)
    ctx = DeskContext(open_store(db, create=False), db, now=lambda: dt.datetime(2026, 11, 28, 17))
    page = StatsPage(ctx)
    page.resize(1400, 860)
    page.month.setDate(QDate(2026, 10, 1))
    page.show()
    end = time.time() + 20
    while time.time() < end and (page.figures is None or page.figures.first.month != 10):
        app.processEvents()
        time.sleep(0.01)
    for _ in range(20):
        app.processEvents()
    page.grab().save(str(HERE / "stats.png"))
    ctx.close()


def report_png(db: Path) -> None:
    from petition_desk.db.connection import open_store
    from petition_desk.reports.analysis_report import render
    from petition_desk.reports.pdf_fonts import font_set
    from petition_desk.services import analysis_reports
    from petition_desk.services.calendar_store import load_limits

    conn = open_store(db, create=False)
    limits = load_limits(conn)
    data = analysis_reports.gather(conn, "2026-10", AS_OF, limits, number="信析〔2026〕1号")
    draft = analysis_reports.draft_analysis(data)
    data = analysis_reports.gather(
        conn, "2026-10", AS_OF, limits, analysis=draft, number="信析〔2026〕1号"
    )
    conn.close()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "r.pdf"
        pdf.write_bytes(render(data, font_set()))
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "2",
                "-l",
                "2",
                "-singlefile",
                str(pdf),
                str(HERE / "analysis-report"),
            ],
            check=True,
        )


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/d.sqlite")
    stats_png(target)
    report_png(target)
