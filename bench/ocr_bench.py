"""How long a page takes to read, how much memory reading takes, and how well it reads.

    python bench/ocr_bench.py [--pages 6] [--dpi 200]

Draws letter pages with reportlab in three CJK fonts (a sans, a Song/Ming and a Kai, the
nearest to handwriting), renders them at 100-200 dpi, adds scanner noise and a slight turn,
saves some as JPEG, then reads them. Prints seconds per page, the peak resident memory, and
the character accuracy (1 - edit distance / length) for each kind of page.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from petition_desk.ocr import engine
from petition_desk.ocr.fields import accepted_values, propose

FONTS = {
    "wqy-microhei (sans)": "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "AR PL UMing (song)": "/usr/share/fonts/truetype/arphic/uming.ttc",
    "AR PL UKai (kai)": "/usr/share/fonts/truetype/arphic/ukai.ttc",
}
LETTER = [
    "红旗镇人民政府：",
    "我叫张建国，男，家住红旗镇东风村三组，",
    "身份证号11010519491231002X，联系电话13812345678。",
    "事实和理由：2025年春村里将我家承包地调整给他人，",
    "至今未给任何补偿，多次找村委会都没有结果，",
    "家中老人生病，生活十分困难。",
    "诉求：请求镇政府依法恢复我家承包地或给予合理补偿。",
    "此致",
    "敬礼！",
    "信访人：张建国",
    "2026年11月3日",
]
EXPECTED = {
    "name": "张建国",
    "id_number": "11010519491231002X",
    "phone": "13812345678",
    "village": "东风村",
    "letter_date": "2026-11-03",
}


def accuracy(expected: str, got: str) -> float:
    a, b = re.sub(r"\s", "", expected), re.sub(r"\s", "", got)
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return 1 - prev[-1] / max(1, len(a))


def letter_pdf(path: Path, font_file: str) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    name = Path(font_file).stem
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, font_file))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(name, 14)
    for n, line in enumerate(LETTER):
        c.drawString(70, A4[1] - 90 - n * 30, line)
    c.save()
    return path


def scanned(png: Path, out: Path, seed: int, jpeg: bool) -> Path:
    """Make a clean render look scanned: a slight turn, speckle, a grey paper, maybe JPEG."""
    from PIL import Image, ImageFilter

    rnd = random.Random(seed)
    with Image.open(png) as im:
        page = im.convert("L")
    page = page.rotate(rnd.uniform(-2.5, 2.5), expand=True, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    noise = Image.effect_noise(page.size, 18)
    page = Image.blend(page, noise, 0.12).point(lambda v: min(255, v + 8))
    target = out.with_suffix(".jpg" if jpeg else ".png")
    page.save(target, quality=70) if jpeg else page.save(target)
    return target


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=6, help="pages per kind timed")
    parser.add_argument("--dpi", type=int, nargs="*", default=[100, 150, 200])
    args = parser.parse_args()
    if not engine.available():
        print(f"OCR extra not installed: {engine.INSTALL_HINT}")
        return 2
    fonts = {k: v for k, v in FONTS.items() if Path(v).is_file()}
    started = time.perf_counter()
    engine._recogniser()
    print(f"model load: {time.perf_counter() - started:.2f} s")
    rss_idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS after loading the models: {rss_idle:.0f} MB")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for label, font in fonts.items():
            pdf = letter_pdf(work / f"{Path(font).stem}.pdf", font)
            for dpi in args.dpi:
                [clean] = engine.page_images([pdf], work / f"{Path(font).stem}-{dpi}", dpi)
                times, scores, fields_ok = [], [], 0
                for n in range(args.pages):
                    image = scanned(clean.image, work / f"p{dpi}-{n}", n, jpeg=n % 2 == 1)
                    page = engine.OcrPage(image, 1, image, 0, 0)
                    engine.read_page(page)
                    times.append(page.seconds)
                    scores.append(accuracy("".join(LETTER), page.text))
                    got = accepted_values(propose(page.text, page.confidences, villages=["东风村"]))
                    fields_ok += all(got.get(k) == v for k, v in EXPECTED.items())
                rows.append((label, dpi, times, scores, fields_ok, args.pages))
    print()
    print(f"{'font':22} {'dpi':>4} {'s/page':>7} {'min acc':>8} {'mean acc':>9} {'fields':>7}")
    for label, dpi, times, scores, ok, total in rows:
        print(
            f"{label:22} {dpi:>4} {sum(times) / len(times):>7.2f} {min(scores):>8.3f}"
            f" {sum(scores) / len(scores):>9.3f} {ok:>4}/{total}"
        )
    all_times = [t for r in rows for t in r[2]]
    all_scores = [s for r in rows for s in r[3]]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print(f"pages read: {len(all_times)}")
    print(f"seconds per page: mean {sum(all_times) / len(all_times):.2f}, max {max(all_times):.2f}")
    print(f"character accuracy: mean {sum(all_scores) / len(all_scores):.3f}")
    print(f"peak RSS: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
