"""The monthly analysis report: issued, numbered, kept with its analysis; fonts embedded."""

import datetime as dt
import subprocess

import pytest

from conftest import demo_key
from petition_desk.cli import main
from petition_desk.db.connection import connect
from petition_desk.errors import ValidationError
from petition_desk.services import analysis_reports
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.demo import build_demo
from petition_desk.services.directory import get_user

AS_OF = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "d.sqlite"
    build_demo(path, 800, seed=2, until=AS_OF)
    return path


def test_issue_numbers_and_keeps_the_report(demo, tmp_path):
    conn = connect(demo, key=demo_key(demo))
    limits = load_limits(conn)
    now = dt.datetime(2026, 11, 28, 10)
    first = analysis_reports.issue_report(
        conn,
        "2026-10",
        AS_OF,
        limits,
        "本月征地补偿问题突出。\n建议加强督办。",
        get_user(conn),
        now,
    )
    second = analysis_reports.issue_report(
        conn, "2026-10", AS_OF, limits, "第二稿。", get_user(conn), now
    )
    assert (first.number, second.number) == ("信析〔2026〕1号", "信析〔2026〕2号")
    row = conn.execute(
        "SELECT case_id, kind, sha256 FROM documents WHERE id = ?", (first.id,)
    ).fetchone()
    assert tuple(row) == (None, "analysis", first.sha256)
    kept = analysis_reports.issued_reports(conn, "2026-10")
    assert [r["number"] for r in kept] == ["信析〔2026〕2号", "信析〔2026〕1号"]
    assert kept[1]["analysis"] == "本月征地补偿问题突出。\n建议加强督办。"
    with pytest.raises(Exception, match="kept as issued"):
        conn.execute("UPDATE analysis_reports SET analysis = 'x'")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(first.pdf)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    body = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert body and all(" yes " in line for line in body)  # every font embedded
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "信访分析报告" in text and "本月征地补偿问题突出" in text and "信析〔2026〕1号" in text


def test_the_analysis_paragraph_is_required(demo):
    conn = connect(demo, key=demo_key(demo))
    with pytest.raises(ValidationError, match="分析和建议"):
        analysis_reports.issue_report(
            conn, "2026-10", AS_OF, load_limits(conn), "  ", get_user(conn)
        )


def test_cli_report(demo, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PETITION_DESK_PASSWORD", "demo-clerk")  # the documented demo clerk
    out = tmp_path / "R.pdf"
    base = ["report", "--db", str(demo), "--month", "2026-10", "--as-of", "2026-11-28"]
    assert main([*base, "--out", str(out)]) == 2
    assert "--analysis" in capsys.readouterr().err and not out.exists()
    assert main([*base, "--draft"]) == 0
    assert "请信访员" in capsys.readouterr().out
    assert main([*base, "--out", str(out), "--analysis", "建议加强村级排查。"]) == 0
    assert out.read_bytes().startswith(b"%PDF") and "已出具分析报告" in capsys.readouterr().out
    row = (
        connect(demo, key=demo_key(demo))
        .execute("SELECT action FROM audit_log ORDER BY id DESC")
        .fetchone()
    )
    assert row[0] == "出具分析报告"
