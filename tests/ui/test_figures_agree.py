"""The same figure everywhere: status bar, 统计 page, export sheets, report and CLI agree."""

import datetime as dt
import json

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate

from conftest import demo_key
from petition_desk.cli import main
from petition_desk.db.connection import open_store
from petition_desk.reports.analysis_report import paragraphs
from petition_desk.reports.ledger_export import export_ledger, period_bounds
from petition_desk.services import analysis_reports
from petition_desk.services import figures as F
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.demo import build_demo
from petition_desk.services.directory import get_user
from petition_desk.ui.context import DeskContext
from petition_desk.ui.main_window import MainWindow

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("agree") / "d.sqlite"
    build_demo(path, 1500, seed=3, until=TODAY)
    return path


@pytest.fixture
def desk(demo_db, qapp, qsettings, qtbot):
    key = demo_key(demo_db)
    conn = open_store(demo_db, key)
    ctx = DeskContext(
        conn,
        demo_db,
        key=key,
        user=get_user(conn, "clerk"),
        now=lambda: dt.datetime(2026, 11, 28, 17),
    )
    w = MainWindow(ctx, qsettings)
    qtbot.addWidget(w)
    w.show()
    yield ctx, w
    w.ledger.reader.close()
    ctx.reader.close()


def test_every_face_shows_the_same_figures(desk, demo_db, qtbot, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PETITION_DESK_PASSWORD", "demo-clerk")  # the documented demo clerk
    ctx, window = desk
    limits = load_limits(ctx.conn)
    truth = F.compute(ctx.conn, *period_bounds("2026-10"), TODAY, limits)
    assert truth.cases > 0 and truth.overdue > 0

    # status bar
    qtbot.waitUntil(lambda: window._overdue == truth.overdue, timeout=5000)
    assert f"{truth.overdue}" in window.due_button.text()

    # 统计 page, October as of today
    page = window.stats
    window.show_page("stats")
    page.month.setDate(QDate(2026, 10, 1))
    qtbot.waitUntil(
        lambda: page.figures is not None and page.figures.first == dt.date(2026, 10, 1),
        timeout=5000,
    )
    assert page.figures.as_json() == truth.as_json()
    shown = {
        page.summary.item(r, 0).text(): page.summary.item(r, 1).text()
        for r in range(page.summary.rowCount())
    }
    assert shown["超期件数"] == str(truth.overdue)
    assert shown["信访总量（批次）"] == str(truth.cases)
    assert shown["按期办结率"].startswith(str(truth.on_time))
    assert page.charts[0].chart is not None and page.charts[1].chart.series[0][1][0] == max(
        truth.by_category.values()
    )

    # export: 统计 and 超期 sheets
    out = tmp_path / "l.xlsx"
    export_ledger(ctx.conn, out, *period_bounds("2026-10"), limits, TODAY)
    wb = load_workbook(out)
    stats = {r[0]: r for r in wb["统计"].iter_rows(min_row=4, values_only=True) if r[0]}
    for key in F.COUNT_KEYS:
        if key != "review":
            assert stats[F.BY_KEY[key].label][1] == getattr(truth, key), key
    for key in F.RATE_KEYS:
        r = truth.rate(key)
        assert stats[F.BY_KEY[key].label][2:4] == (r.numerator, r.denominator), key
    assert len(list(wb["超期"].iter_rows(min_row=4))) == truth.overdue

    # analysis report text
    data = analysis_reports.gather(ctx.conn, "2026-10", TODAY, limits, analysis="无")
    text = "".join(paragraphs(data))
    assert f"共收到群众信访事项{truth.cases}批{truth.persons}人次" in text
    assert f"超期事项{truth.overdue}件" in text
    assert data.current.as_json() == truth.as_json()

    # CLI
    args = ["stats", "--db", str(demo_db), "--month", "2026-10", "--as-of", "2026-11-28"]
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == truth.as_json()
    assert main(args) == 0
    assert f"超期件数：{truth.overdue}" in capsys.readouterr().out
