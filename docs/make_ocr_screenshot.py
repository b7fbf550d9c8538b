"""Regenerate docs/ocr.png: a letter typeset to PDF, "scanned" with pdftoppm, read in the dialog.

    QT_QPA_PLATFORM=offscreen python docs/make_ocr_screenshot.py

Needs the ``ocr`` extra and poppler's ``pdftoppm``. Until the dialog's strings are in the
catalogue, ``ZH`` below supplies their Chinese through a temporary translator.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

#: The dialog's English source strings and the Chinese the clerks read (context OcrDialog).
ZH = {
    "Scan or import a letter": "扫描/导入来信",
    "Scan or import a letter…": "扫描/导入来信…",
    "Add images or PDF…": "添加图片或 PDF…",
    "Or drop the files here. Pages are read in the order shown.": "也可把文件拖到这里。按所示顺序逐页识别。",
    "Stop reading": "停止识别",
    "Marked characters were read with little confidence: compare with the page.": "标出的字识别把握不大，请对照原件核对。",
    "Proposed fields (nothing is filled until you accept it)": "建议填写（逐项接受后才会填入）",
    "Propose again from the edited text (Ctrl+R)": "按修改后的文字重新提取（Ctrl+R）",
    "Use accepted fields and keep the pages": "填入已接受的字段并保存页面",
    "Close": "关闭",
    "Name": "姓名",
    "Gender": "性别",
    "ID number": "身份证号",
    "Phone": "联系电话",
    "Address": "住址",
    "Village": "村（社区）",
    "Date of the letter": "来信日期",
    "Request": "诉求",
    "Facts and reasons": "事实和理由",
    "Accept (Ctrl+%1)": "接受（Ctrl+%1）",
    "not found": "未找到",
    "check it: %1": "请核对：%1",
    "sure: %1": "把握：%1",
    "Choose scanned pages": "选择扫描页",
    "Images and PDF (%1)": "图片和 PDF（%1）",
    "Preparing the pages…": "正在准备页面…",
    "Stopping after this page…": "本页识别完后停止…",
    "Not read yet": "尚未识别",
    "Page %1": "第%1页",
    "%v of %m pages": "%v / %m 页",
    "Reading %1…": "正在识别 %1…",
    "Stopped: %1 of %2 pages read.": "已停止：共 %2 页，识别了 %1 页。",
    "%1 of %2 pages read.": "共 %2 页，已识别 %1 页。",
    "Could not read: %1": "无法识别：%1",
    "Reading letters needs the OCR part: %1": "识别来信需要安装文字识别组件：%1",
    "Recognised text": "来信识别文字",
}

LETTER = [
    ("title", "关于要求恢复承包地的信访信"),
    ("", "红旗镇人民政府："),
    ("", "    我叫张建国，男，家住红旗镇东风村三组，身份证号11010519491231002X，"),
    ("", "联系电话13812345678。"),
    ("", "    事实和理由：2025年春，村里以调整土地为由，将我家二亩承包地调给他"),
    ("", "人耕种，至今未给任何补偿。我多次找村委会，都没有结果。家中老人常年"),
    ("", "生病，全靠这块地维持生活。"),
    ("", "    诉求：请求镇政府依法恢复我家承包地，或给予合理补偿。"),
    ("", "    此致"),
    ("", "敬礼！"),
    ("right", "信访人：张建国"),
    ("right", "2026年11月3日"),
]


def catalogue(tmp: Path) -> Path:
    from xml.sax.saxutils import escape

    messages = "".join(
        f"<message><source>{escape(k)}</source><translation>{escape(v)}</translation></message>"
        for k, v in ZH.items()
    )
    ts = tmp / "ocr_zh_CN.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
        f"<context><name>OcrDialog</name>{messages}</context></TS>",
        encoding="utf-8",
    )
    qm = tmp / "ocr_zh_CN.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


def scanned_page(tmp: Path) -> Path:
    """The letter typeset in a Song face, printed to 150 dpi by pdftoppm, slightly askew."""
    from PIL import Image, ImageFilter
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Song", "/usr/share/fonts/truetype/arphic/uming.ttc"))
    pdf = tmp / "letter.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    y = A4[1] - 100
    for kind, line in LETTER:
        size = 20 if kind == "title" else 14
        c.setFont("Song", size)
        if kind == "title":
            c.drawCentredString(A4[0] / 2, y, line)
            y -= 20
        elif kind == "right":
            c.drawRightString(A4[0] - 80, y, line)
        else:
            c.drawString(72, y, line)
        y -= 30
    c.save()
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", pdf, tmp / "page"], check=True)
    with Image.open(tmp / "page.png") as im:
        page = im.convert("L").rotate(1.2, expand=True, fillcolor=250)
    rnd = random.Random(7)
    noise = Image.effect_noise(page.size, 30)
    page = Image.blend(page.filter(ImageFilter.GaussianBlur(0.7)), noise, 0.1)
    page = page.point(lambda v: min(255, v + 12 + rnd.randint(0, 0)))
    out = tmp / "扫描来信.png"
    page.save(out)
    return out


def main() -> None:
    from PySide6.QtCore import QTranslator

    from petition_desk.ui.app import install_translators, make_app
    from petition_desk.ui.ocr_dialog import OcrDialog

    tmp = Path(tempfile.mkdtemp())
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    app = make_app()
    install_translators(app)
    translator = QTranslator(app)
    translator.load(str(catalogue(tmp)))
    app.installTranslator(translator)
    dialog = OcrDialog(villages=["东风村", "红旗村", "青山社区"], work_dir=tmp / "work")
    dialog.resize(1400, 860)
    dialog.show()
    dialog.add_files([scanned_page(tmp)])
    end = time.time() + 120
    while dialog.reader is not None and time.time() < end:
        app.processEvents()
        time.sleep(0.02)
    dialog.rows["name"].accept.setChecked(True)
    dialog.rows["id_number"].accept.setChecked(True)
    dialog.rows["village"].accept.setChecked(True)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    dialog.grab().save(str(HERE / "ocr.png"))
    print(dialog.recognised_text())
    print(dialog.accepted_fields())


if __name__ == "__main__":
    main()
