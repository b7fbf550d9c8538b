"""Reading pages rendered in the test from known Chinese text: the fields and the accuracy.

Skipped when the ``ocr`` extra is not installed. Run with ``-s`` to see the accuracy figures.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

pytest.importorskip("rapidocr_onnxruntime")
PIL = pytest.importorskip("PIL")

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from petition_desk.ocr.engine import Cancelled, page_images, recognise  # noqa: E402
from petition_desk.ocr.fields import accepted_values, propose  # noqa: E402

FONT = next(
    (
        p
        for p in (
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/arphic/uming.ttc",
            "C:/Windows/Fonts/simsun.ttc",
        )
        if Path(p).is_file()
    ),
    None,
)
pytestmark = pytest.mark.skipif(FONT is None, reason="no CJK TrueType font to draw the pages")
TODAY = dt.date(2026, 11, 16)
VILLAGES = ["东风村", "红旗村", "青山社区"]

LETTER = [
    "红旗镇人民政府：",
    "我叫张建国，男，家住红旗镇东风村三组，",
    "身份证号11010519491231002X，联系电话13812345678。",
    "事实和理由：2025年春村里将我家承包地调整给他人，",
    "至今未给任何补偿，多次找村委会都没有结果。",
    "诉求：请求镇政府依法恢复我家承包地或给予合理补偿。",
    "此致",
    "敬礼！",
    "信访人：张建国",
    "2026年11月3日",
]
LETTER_FIELDS = {
    "name": "张建国",
    "gender": "男",
    "id_number": "11010519491231002X",
    "phone": "13812345678",
    "address": "红旗镇东风村三组",
    "village": "东风村",
    "letter_date": "2026-11-03",
    "request": "请求镇政府依法恢复我家承包地或给予合理补偿。",
    "facts": "2025年春村里将我家承包地调整给他人，至今未给任何补偿，多次找村委会都没有结果。",
}
CARD = [
    ("姓名", "王秀英"),
    ("性别", "女     民族  汉"),
    ("出生", "1968年3月7日"),
    ("住址", "江西省吉安市永丰县红旗镇"),
    ("", "青山社区三组12号"),
    ("公民身份号码", "36082519680307002X"),
]


def draw_page(lines: list[str], path: Path, dpi: int, angle: float = 0.0) -> Path:
    """Draw ``lines`` in 14 pt at ``dpi`` on white paper, maybe turned by ``angle`` degrees."""
    size = round(14 * dpi / 72)
    font = ImageFont.truetype(FONT, size)
    margin, leading = size * 2, round(size * 1.8)
    width = margin * 2 + size * 26
    height = margin * 2 + leading * len(lines)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((margin, margin + n * leading), line, font=font, fill=20)
    if angle:
        image = image.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    image.save(path, dpi=(dpi, dpi))
    return path


def draw_card(path: Path) -> Path:
    """A resident identity card's face, at the size a phone photo of it gives (~1000 px wide)."""
    font = ImageFont.truetype(FONT, 30)
    label_font = ImageFont.truetype(FONT, 26)
    image = Image.new("RGB", (1000, 630), (232, 238, 245))
    draw = ImageDraw.Draw(image)
    y = 60
    for label, value in CARD:
        if label:
            draw.text((50, y + 3), label, font=label_font, fill=(40, 90, 160))
        x = 300 if label == "公民身份号码" else 150
        draw.text((x, y), value, font=font, fill=(10, 10, 10))
        y += 64 if label != "住址" else 46
    image.save(path)
    return path


def accuracy(expected: str, got: str) -> float:
    """1 - (edit distance / length), blanks ignored: the share of characters read right."""
    a, b = re.sub(r"\s", "", expected), re.sub(r"\s", "", got)
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return 1 - prev[-1] / max(1, len(a))


@pytest.mark.parametrize(
    ("dpi", "angle", "least"),
    [(200, 0.0, 0.98), (200, 3.0, 0.95), (150, -2.0, 0.95), (100, 0.0, 0.9)],
    ids=["200dpi", "200dpi-turned-3deg", "150dpi-turned-2deg", "100dpi"],
)
def test_a_letter_is_read_and_its_fields_proposed(tmp_path, dpi, angle, least):
    image = draw_page(LETTER, tmp_path / "letter.png", dpi, angle)
    [page] = recognise([image], tmp_path / "work")
    score = accuracy("".join(LETTER), page.text)
    print(f"\n{dpi} dpi, turned {angle}°: character accuracy {score:.3f}, {page.seconds:.2f} s")
    assert score >= least
    proposals = propose(page.text, page.confidences, villages=VILLAGES, today=TODAY)
    assert accepted_values(proposals) == LETTER_FIELDS
    assert all(0 <= p.confidence <= 1 for p in proposals)
    assert page.lines and all(len(line.char_confidences) == len(line.text) for line in page.lines)


def test_an_id_card_fills_name_number_and_address(tmp_path):
    [page] = recognise([draw_card(tmp_path / "card.png")], tmp_path / "work")
    expected = "".join(label + value for label, value in CARD)
    print(f"\nID card: character accuracy {accuracy(expected, page.text):.3f}")
    values = accepted_values(propose(page.text, page.confidences, villages=VILLAGES))
    assert values["name"] == "王秀英"
    assert values["gender"] == "女"
    assert values["id_number"] == "36082519680307002X"
    assert values["address"] == "江西省吉安市永丰县红旗镇青山社区三组12号"
    assert values["village"] == "青山社区"
    assert "letter_date" not in values  # 出生 is no letter date


def test_a_wrong_check_character_is_shown_not_used(tmp_path):
    lines = ["反映人：李四", "身份证号110105194912310021", "电话0797-8123456"]
    [page] = recognise([draw_page(lines, tmp_path / "bad.png", 200)], tmp_path / "work")
    by_field = {p.field: p for p in propose(page.text, page.confidences, today=TODAY)}
    assert by_field["id_number"].value == "110105194912310021"
    assert by_field["id_number"].problem == "身份证号校验位错误，应为 X"
    assert by_field["phone"].value == "0797-8123456"
    assert by_field["name"].value == "李四"


def test_a_pdf_is_rendered_page_by_page_and_read(tmp_path):
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("CJK", FONT))
    pdf = tmp_path / "letter.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A5)
    for chunk in (LETTER[:5], LETTER[5:]):
        c.setFont("CJK", 11)
        for n, line in enumerate(chunk):
            c.drawString(30, A5[1] - 50 - n * 22, line)
        c.showPage()
    c.save()
    seen = []
    pages = recognise([pdf], tmp_path / "work", progress=lambda *a: seen.append(a) or True)
    assert [p.number for p in pages] == [1, 2]
    assert all(p.image.suffix == ".png" and p.image.is_file() for p in pages)
    assert seen[-1][:2] == (2, 2)
    text = "\n".join(p.text for p in pages)
    print(f"\nPDF: character accuracy {accuracy(''.join(LETTER), text):.3f}")
    lines = [ln for p in pages for ln in p.lines]
    values = accepted_values(
        propose(
            [ln.text for ln in lines],
            [ln.char_confidences for ln in lines],
            villages=VILLAGES,
            today=TODAY,
        )
    )
    assert values == LETTER_FIELDS


def test_cancel_stops_before_the_next_page(tmp_path):
    images = [draw_page(LETTER[:3], tmp_path / f"p{n}.png", 100) for n in range(3)]
    calls = []

    def progress(done, total, text):
        calls.append(done)
        return done < 1

    with pytest.raises(Cancelled) as caught:
        recognise(images, tmp_path / "work", progress=progress)
    assert len(caught.value.pages) == 1 and caught.value.pages[0].lines


def test_unknown_files_are_refused_by_name(tmp_path):
    from petition_desk.errors import DeskError

    note = tmp_path / "note.docx"
    note.write_bytes(b"x")
    with pytest.raises(DeskError, match=r"note\.docx"):
        page_images([note], tmp_path)


def test_the_command_line_prints_text_and_fields_as_json(tmp_path, capsys):
    import json

    from petition_desk.ocr.cli import main

    image = draw_page(LETTER, tmp_path / "letter.png", 150)
    assert main(["ocr", str(image), "--json", "--village", "东风村"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["pages"][0]["text"].startswith("红旗镇人民政府")
    fields = {f["field"]: f["value"] for f in out["fields"] if f["usable"]}
    assert fields["id_number"] == "11010519491231002X"
    assert fields["village"] == "东风村"


def test_the_command_line_reads_the_village_list_from_the_database(tmp_path, conn, db_path, capsys):
    from petition_desk.ocr.cli import main
    from petition_desk.services import settings

    settings.save(conn, {"villages": ["东风村"]})
    image = draw_page(LETTER, tmp_path / "letter.png", 150)
    assert main(["ocr", str(image), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "身份证号：11010519491231002X" in out
    assert "村（社区）：东风村" in out
