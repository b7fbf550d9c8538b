"""Issuing 500 replies (信访事项处理意见书), side by side with a bare reportlab page that draws
the same text in the same font (the floor: no template, no grid, no database), and where the
time of one issue goes (rules and values, layout, PDF writing, hashing, the INSERT).

    python bench/letter_bench.py [N]
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import tempfile
import time
from pathlib import Path

# The checkout this script lives in, not whatever petition_desk the venv points at.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from petition_desk.db.connection import transaction
from petition_desk.db.keyring import CHEAP_KDF
from petition_desk.domain.lifecycle import Action
from petition_desk.reports.pdf_fonts import font_set
from petition_desk.services import documents, settings
from petition_desk.services.access import init_desk
from petition_desk.services.cases import perform
from petition_desk.services.directory import add_department
from petition_desk.services.registration import CaseInput, PersonInput, register_case

NOW = dt.datetime(2026, 11, 16, 10)


def setup(n: int, folder: Path):
    desk, _recovery = init_desk(
        folder / "bench.sqlite",
        "青石镇人民政府",
        "admin",
        "管理员",
        "bench-password",
        kdf=CHEAP_KDF,
    )
    conn = desk.conn
    add_department(conn, "农业农村办")
    with transaction(conn):
        settings.save(
            conn,
            {
                "unit_name": "青石镇人民政府",
                "review_organ": "青山县人民政府",
                "review_organ_address": "青山县城关镇人民路1号",
            },
        )
    user = desk.user
    ids = []
    for i in range(n):
        case = CaseInput(
            channel="来访",
            received_at=dt.datetime(2026, 11, 2, 9),
            category="民政",
            summary="申请办理低保",
            request="要求纳入最低生活保障",
            facts="家中老人长期患病，无劳动能力，收入低于当地低保标准。",
            people=[PersonInput(name=f"张{i}", address="东坑村")],
        )
        case_id, _ = register_case(conn, case, user, NOW)
        perform(
            conn,
            case_id,
            Action.ASSIGN,
            {"department_id": 1, "deadline": "2026-11-30"},
            user,
            dt.datetime(2026, 11, 3),
            NOW,
        )
        perform(
            conn,
            case_id,
            Action.REPLY,
            {
                "result": "支持",
                "facts_found": "经查，情况属实。",
                "basis": "《信访工作条例》第三十二条",
                "reasoning": "符合政策规定。",
                "text": "经调查核实，符合条件，同意纳入最低生活保障。" * 3,
            },
            user,
            dt.datetime(2026, 11, 10),
            NOW,
        )
        ids.append(case_id)
    return conn, user, ids


def floor(texts: list[str]) -> float:
    from reportlab.pdfgen.canvas import Canvas

    fonts = font_set()
    start = time.perf_counter()
    for text in texts:
        buf = io.BytesIO()
        c = Canvas(buf, initialFontName=fonts.names["body"])
        c.setFont(fonts.names["body"], 16)
        y = 780
        for i in range(0, len(text), 28):
            c.drawString(80, y, text[i : i + 28])
            y -= 29
        c.showPage()
        c.save()
    return time.perf_counter() - start


def floor_same_fonts(title: str, body: str, n: int) -> float:
    """A bare page again, but with what the notice must carry: the title in its own face
    (小标宋, or the 黑体 stand-in), headings in 黑体, the body in 仿宋, over the same pages.
    One drawString per line, no grid, no justification, no template, no database."""
    from reportlab.pdfgen.canvas import Canvas

    from petition_desk.reports.letter_pdf import _body_lines, line_pages

    fonts = font_set()
    lines = _body_lines(body, fonts)
    pages, _sig = line_pages(4, len(lines))
    start = time.perf_counter()
    for _ in range(n):
        buf = io.BytesIO()
        c = Canvas(buf, initialFontName=fonts.names["body"])
        c.setFont(fonts.names["title"], 22)
        c.drawString(150, 780, title)
        page, y = 0, 700
        for line, on in zip(lines, pages, strict=True):
            if on != page:
                c.showPage()
                page, y = on, 780
            c.setFont(fonts.names[line.role], 16)
            c.drawString(80, y, line.text)
            y -= 29
        c.showPage()
        c.save()
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory() as tmp:
        conn, user, ids = setup(n, Path(tmp))
        font_set()  # font discovery once, outside every timing
        values = documents.template_values(conn, ids[0], NOW.date())
        from petition_desk.reports.templates import DEFAULTS, fill

        body = fill(DEFAULTS["reply"], values)
        # The machine is shared: the three measures take turns in rounds of 25, so a busy
        # spell slows them alike instead of skewing one ratio.
        issued = bare = fair = 0.0
        for start in range(0, n, 25):
            chunk = ids[start : start + 25]
            t = time.perf_counter()
            for case_id in chunk:
                documents.issue(conn, case_id, "reply", user, NOW)
            issued += time.perf_counter() - t
            bare += floor([body.replace("\n", "")] * len(chunk))
            fair += floor_same_fonts("信访事项处理意见书", body, len(chunk))
        conn.close()
    print(f"{n} replies")
    print(f"{'':34}{'total s':>9}{'ms/letter':>11}")
    print(f"{'documents.issue (numbered, kept)':34}{issued:9.2f}{issued / n * 1000:11.1f}")
    print(f"{'bare reportlab page, same text':34}{bare:9.2f}{bare / n * 1000:11.1f}")
    print(f"{'bare, same fonts and pages':34}{fair:9.2f}{fair / n * 1000:11.1f}")
    print(f"{'ratio to the bare page':34}{issued / bare:9.2f}")
    print(f"{'ratio to same fonts and pages':34}{issued / fair:9.2f}")
    print()
    print("where one issue's time goes (same cases, parts timed alone):")
    for label, seconds in parts(ids, n).items():
        print(f"  {label:32}{seconds:9.2f}{seconds / n * 1000:11.1f}")


def parts(ids: list[int], n: int) -> dict[str, float]:
    """Time the parts of ``documents.issue`` one by one on a fresh store."""
    import hashlib

    from petition_desk.reports.letter_pdf import Letter, render_letter
    from petition_desk.reports.templates import fill, get
    from petition_desk.services import document_rules
    from petition_desk.services.calendar_store import load_limits
    from petition_desk.services.cases import get_case, history

    with tempfile.TemporaryDirectory() as tmp:
        conn, _user, ids = setup(n, Path(tmp))
        fonts = font_set()
        out: dict[str, float] = {}
        start = time.perf_counter()
        filled = []
        for case_id in ids:
            case, evts = get_case(conn, case_id), history(conn, case_id)
            occ, _ = document_rules.choose(case, evts, documents._issued(conn, case_id), "reply")
            limits = load_limits(conn)
            values = documents.template_values(
                conn, case_id, NOW.date(), occ, limits=limits, case=case, evts=evts
            )
            filled.append((fill(get(conn, "reply").body, values), values["单位名称"]))
        out["rules, values, template"] = time.perf_counter() - start
        start = time.perf_counter()
        pdfs = [
            render_letter(
                Letter("信访事项处理意见书", "青信复〔2026〕1号", b, o, NOW.date()), fonts
            )
            for b, o in filled
        ]
        out["layout and PDF (render_letter)"] = time.perf_counter() - start
        start = time.perf_counter()
        for pdf in pdfs:
            hashlib.sha256(pdf).hexdigest()
        out["sha256"] = time.perf_counter() - start
        start = time.perf_counter()
        with transaction(conn):
            for i, pdf in enumerate(pdfs):
                conn.execute(
                    "INSERT INTO documents(case_id, kind, year, seq, number, sha256, pdf, font,"
                    " issued_at, issuer) VALUES (?, 'bench', 2026, ?, '', '', ?, '', '', '')",
                    (ids[i], i + 1, pdf),
                )
        out["INSERT of the kept PDF"] = time.perf_counter() - start
        conn.close()
    return out


if __name__ == "__main__":
    main()
