"""Issuing 500 replies (信访事项处理意见书), side by side with a bare reportlab page that draws
the same text in the same font (the floor: no template, no grid, no database), and where the
time of one issue goes (rules and values, layout, PDF writing, hashing, the INSERT).

    python bench/letter_bench.py [N]

The store is encrypted (SQLCipher, as every desk is since issue 12); the cost of encryption
per kept PDF is measured apart (the same INSERTs into a plain and an encrypted file).

The floors. "bare page" (the issue's target, ≤ 1.3×): one reportlab Canvas, the letter's own
text in the body font (仿宋 or its stand-in) with one drawString per 28 characters, one page,
reportlab's default settings, no template, grid, hashing or database. "same fonts and pages"
(shown, not a target): the same, but with the title face and the headings' face and over the
same number of pages as the letter, i.e. what GB/T 9704 obliges a notice to embed. Both
floors draw each letter's own text (the petitioners' names differ, so every body is a
different set of characters — as at a real desk — and no floor or letter repeats another's
font subset). Both run outside ``pdf_fonts.subset_cache`` (the app's reuse of a repeated
subset, e.g. the title's): they are reportlab as shipped, with the same registered fonts.

Times are CPU seconds of this process (``time.process_time``): the machine is shared and
wall-clock time mostly measures the neighbours; wall-clock ratios are printed beside them.
"""

from __future__ import annotations

import datetime as dt
import io
import os
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
TARGET = 1.3  # issue 14: a letter within 1.3 times a bare reportlab page
#: Given-name characters for the petitioners: none of them is in the reply's fixed wording,
#: so each letter's body is a set of characters of its own.
NAME_CHARS = "伟芳娜敏静丽磊军洋勇艳杰娟涛超霞刚桂英华玉萍红娥玲芬燕彬鑫斌宇浩凯秀兰"


def petitioner(i: int) -> str:
    """A distinct two- or three-character name for case ``i`` (a different set of characters
    for each of up to len(NAME_CHARS)² cases)."""
    k = len(NAME_CHARS)
    first, second = NAME_CHARS[i % k], NAME_CHARS[(i // k) % k]
    return "张" + (first if first == second else first + second)


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
    add_department(conn, "农业农村办", actor=desk.user)
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
            people=[PersonInput(name=petitioner(i), address="东坑村")],
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


def floor(texts: list[str]) -> None:
    """The bare page, once per text."""
    from reportlab.pdfgen.canvas import Canvas

    fonts = font_set()
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


def floor_same_fonts(title: str, bodies: list[str]) -> None:
    """A bare page again, but with what the notice must carry: the title in its own face
    (小标宋, or the 黑体 stand-in), headings in 黑体, the body in 仿宋, over the same pages.
    One drawString per line, no grid, no justification, no template, no database."""
    from reportlab.pdfgen.canvas import Canvas

    from petition_desk.reports.letter_pdf import _body_lines, line_pages

    fonts = font_set()
    for body in bodies:
        lines = _body_lines(body, fonts)
        pages, _sig = line_pages(4, len(lines))
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


class Clock:
    """Wall-clock and CPU seconds, summed over the rounds."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    def run(self, fn, *args) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        fn(*args)
        self.wall += time.perf_counter() - wall
        self.cpu += time.process_time() - cpu


def main() -> None:
    from petition_desk.reports import pdf_fonts
    from petition_desk.reports.templates import DEFAULTS, fill

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory() as tmp:
        conn, user, ids = setup(n, Path(tmp))
        font_set()  # font discovery once, outside every timing
        bodies = [
            fill(DEFAULTS["reply"], documents.template_values(conn, i, NOW.date())) for i in ids
        ]
        # The machine is shared: the three measures take turns in rounds of 25, so a busy
        # spell slows them alike instead of skewing one ratio.
        issued, bare, fair = Clock(), Clock(), Clock()
        hits, misses = pdf_fonts._SubsetStats.hits, pdf_fonts._SubsetStats.misses
        for start in range(0, n, 25):
            chunk = ids[start : start + 25]
            texts = bodies[start : start + 25]

            def issue_all(chunk=chunk) -> None:
                for case_id in chunk:
                    documents.issue(conn, case_id, "reply", user, NOW)

            issued.run(issue_all)
            bare.run(floor, [t.replace("\n", "") for t in texts])
            fair.run(floor_same_fonts, "信访事项处理意见书", texts)
        hits = pdf_fonts._SubsetStats.hits - hits
        misses = pdf_fonts._SubsetStats.misses - misses
        (kept_kb,) = conn.execute("SELECT avg(length(pdf)) / 1024.0 FROM documents").fetchone()
        conn.close()
    print(f"{n} replies, encrypted store; CPU seconds of this process (wall-clock beside)")
    print(f"{'':34}{'CPU s':>9}{'ms/letter':>11}{'wall s':>9}")
    for label, clock in (
        ("documents.issue (numbered, kept)", issued),
        ("bare reportlab page, same text", bare),
        ("bare, same fonts and pages", fair),
    ):
        print(f"{label:34}{clock.cpu:9.2f}{clock.cpu / n * 1000:11.1f}{clock.wall:9.2f}")
    ratio = issued.cpu / bare.cpu
    print(f"{'ratio to the bare page':34}{ratio:9.2f}{'':11}{issued.wall / bare.wall:9.2f}")
    print(
        f"{'ratio to same fonts and pages':34}{issued.cpu / fair.cpu:9.2f}{'':11}"
        f"{issued.wall / fair.wall:9.2f}"
    )
    print(f"font subsets reused / cut afresh while issuing: {hits} / {misses}")
    print(f"kept PDF: {kept_kb:.1f} KB per reply (what the database grows by per notice)")
    print()
    print("where one issue's time goes (same cases, parts timed alone, CPU):")
    for label, seconds in parts(n).items():
        print(f"  {label:36}{seconds:9.2f}{seconds / n * 1000:11.2f}")
    print()
    met = ratio <= TARGET
    print(
        f"target: letter vs bare reportlab page ≤ {TARGET}×: {ratio:.2f}× {'met' if met else 'NOT met'}"
    )
    print(f"{int(met)} of 1 targets met")


def parts(n: int) -> dict[str, float]:
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
        start = time.process_time()
        filled = []
        for case_id in ids:
            case, evts = get_case(conn, case_id), history(conn, case_id)
            occ, _ = document_rules.choose(case, evts, documents._issued(conn, case_id), "reply")
            limits = load_limits(conn)
            values = documents.template_values(
                conn, case_id, NOW.date(), occ, limits=limits, case=case, evts=evts
            )
            filled.append((fill(get(conn, "reply").body, values), values["单位名称"]))
        out["rules, values, template"] = time.process_time() - start
        start = time.process_time()
        pdfs = [
            render_letter(
                Letter("信访事项处理意见书", "青信复〔2026〕1号", b, o, NOW.date()), fonts
            )
            for b, o in filled
        ]
        out["layout and PDF (render_letter)"] = time.process_time() - start
        start = time.process_time()
        for pdf in pdfs:
            hashlib.sha256(pdf).hexdigest()
        out["sha256"] = time.process_time() - start
        start = time.process_time()
        with transaction(conn):
            for i, pdf in enumerate(pdfs):
                conn.execute(
                    "INSERT INTO documents(case_id, kind, year, seq, number, sha256, pdf, font,"
                    " issued_at, issuer) VALUES (?, 'bench', 2026, ?, '', '', ?, '', '', '')",
                    (ids[i], i + 1, pdf),
                )
        out["INSERT of the kept PDF (one txn)"] = time.process_time() - start
        conn.close()
        for label, key in (("plain", None), ("encrypted", os.urandom(32))):
            out[f"  same PDFs, own txn each, {label}"] = _inserts(Path(tmp) / label, key, pdfs)
    return out


def _inserts(path: Path, key: bytes | None, pdfs: list[bytes]) -> float:
    """CPU seconds to keep each PDF in its own committed transaction, as ``issue`` does;
    plain against encrypted shows what encryption adds per kept letter."""
    from petition_desk.db.connection import connect

    conn = connect(path, key=key)
    conn.execute("CREATE TABLE kept(id INTEGER PRIMARY KEY, pdf BLOB NOT NULL)")
    start = time.process_time()
    for pdf in pdfs:
        with transaction(conn):
            conn.execute("INSERT INTO kept(pdf) VALUES (?)", (pdf,))
    spent = time.process_time() - start
    conn.close()
    return spent


if __name__ == "__main__":
    main()
