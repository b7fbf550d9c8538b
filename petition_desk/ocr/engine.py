"""Text from page images and PDFs, offline, with a confidence for every character.

The recogniser is RapidOCR (PP-OCRv4 models run by onnxruntime; the models ship inside the
``rapidocr_onnxruntime`` wheel, nothing is downloaded). It is an optional extra and imported
only when a page is read, so the desk starts, and its tests run, without it.

PDF pages are rendered with pypdfium2 (a core dependency) into PNG files that are kept: they
become the case's attachments, exactly the images that were read.
"""

from __future__ import annotations

import importlib.util
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from petition_desk.errors import DeskError

INSTALL_HINT = 'pip install "petition-desk[ocr]"'
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp")
PDF_DPI = 200
# Pages are scaled so their longer side is at most this many pixels before reading: an A4 page
# at 200 dpi then peaks near 0.5 GB instead of 0.7 GB, and 14 pt text is still ~27 px high.
MAX_SIDE = 1600
_MODULE = "rapidocr_onnxruntime"


class OcrUnavailable(DeskError):
    """The OCR extra is not installed."""

    def __init__(self) -> None:
        super().__init__(f"未安装文字识别组件，请运行：{INSTALL_HINT}")


class Cancelled(Exception):
    """The user stopped the reading; pages read so far are in ``pages``."""

    def __init__(self, pages: list[OcrPage]) -> None:
        super().__init__("cancelled")
        self.pages = pages


@dataclass
class OcrLine:
    """One line of text as read, left to right, with its box in page pixels."""

    text: str
    box: list[tuple[float, float]]  # four corners, clockwise from top left
    confidence: float
    char_confidences: list[float]  # one per character of ``text``

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "box": [list(p) for p in self.box],
            "confidence": round(self.confidence, 4),
            "char_confidences": [round(c, 4) for c in self.char_confidences],
        }


@dataclass
class OcrPage:
    """A page image and what was read on it."""

    source: Path  # the file the user chose (an image or a PDF)
    number: int  # 1-based page number within ``source``
    image: Path  # the page image that was read (the source itself, or a rendered PDF page)
    width: int
    height: int
    lines: list[OcrLine] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def confidences(self) -> list[list[float]]:
        return [line.char_confidences for line in self.lines]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": str(self.source),
            "page": self.number,
            "image": str(self.image),
            "width": self.width,
            "height": self.height,
            "seconds": round(self.seconds, 3),
            "text": self.text,
            "lines": [line.to_dict() for line in self.lines],
        }


def available() -> bool:
    """True when the OCR extra is installed (checked without importing it)."""
    return importlib.util.find_spec(_MODULE) is not None


_engine: Any = None
_engine_lock = threading.Lock()


def _recogniser() -> Any:
    """The process's one RapidOCR instance (loading its models takes a moment)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            if not available():
                raise OcrUnavailable()
            # opencv-python (the GUI build) points QT_QPA_* at its own Qt 5 when imported;
            # the desk's Qt, and any process it starts, must not see that.
            saved = {
                k: os.environ.get(k) for k in ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR")
            }
            from rapidocr_onnxruntime import RapidOCR

            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
            _engine = RapidOCR(max_side_len=MAX_SIDE)
        return _engine


def page_images(paths: Iterable[Path | str], work_dir: Path, dpi: int = PDF_DPI) -> list[OcrPage]:
    """Expand the chosen files into pages (PDFs rendered to PNG in ``work_dir``), unread."""
    from PIL import Image

    pages: list[OcrPage] = []
    for raw in paths:
        path = Path(raw)
        if path.suffix.lower() == ".pdf":
            pages.extend(_render_pdf(path, work_dir, dpi))
            continue
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            raise DeskError(f"“{path.name}”不是图片或 PDF 文件")
        try:
            with Image.open(path) as im:
                width, height = _upright_size(im)
        except OSError as exc:
            raise DeskError(f"无法打开图片“{path.name}”：{exc}") from exc
        pages.append(OcrPage(path, 1, path, width, height))
    return pages


def _upright_size(im: Any) -> tuple[int, int]:
    # A phone photo stores its rotation in EXIF; 5-8 mean width and height swap.
    orientation = im.getexif().get(0x0112, 1)
    return (im.height, im.width) if orientation in (5, 6, 7, 8) else (im.width, im.height)


def _render_pdf(path: Path, work_dir: Path, dpi: int) -> list[OcrPage]:
    import pypdfium2 as pdfium

    work_dir.mkdir(parents=True, exist_ok=True)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise DeskError(f"无法打开 PDF“{path.name}”：{exc}") from exc
    pages = []
    try:
        for index in range(len(pdf)):
            bitmap = pdf[index].render(scale=dpi / 72)
            image = bitmap.to_pil().convert("RGB")
            out = work_dir / f"{path.stem}-p{index + 1:03d}.png"
            image.save(out)
            pages.append(OcrPage(path, index + 1, out, image.width, image.height))
    finally:
        pdf.close()
    return pages


Progress = Callable[[int, int, str], bool]


def recognise(
    paths: Sequence[Path | str],
    work_dir: Path,
    progress: Progress | None = None,
    dpi: int = PDF_DPI,
) -> list[OcrPage]:
    """Read every page of ``paths`` in order.

    ``progress(done, total, text)`` is called before each page and after the last; once it
    returns False the reading stops and ``Cancelled`` is raised with the pages read so far.
    """
    pages = page_images(paths, work_dir, dpi)
    engine = _recogniser()
    for n, page in enumerate(pages):
        if progress and not progress(n, len(pages), f"{page.source.name} ({page.number})"):
            raise Cancelled(pages[:n])
        read_page(page, engine)
    if progress:
        progress(len(pages), len(pages), "")
    return pages


def read_page(page: OcrPage, engine: Any = None) -> OcrPage:
    """Fill ``page.lines`` by reading ``page.image``."""
    import numpy as np
    from PIL import Image, ImageOps

    engine = engine or _recogniser()
    started = time.perf_counter()
    with Image.open(page.image) as im:
        rgb = ImageOps.exif_transpose(im).convert("RGB")
    bgr = np.ascontiguousarray(np.asarray(rgb)[:, :, ::-1])  # the engine works in OpenCV's BGR
    result, _ = engine(bgr, return_word_box=True)
    page.width, page.height = rgb.width, rgb.height
    page.lines = merge_rows([_line(item) for item in result or []])
    page.seconds = time.perf_counter() - started
    return page


def _line(item: Sequence[Any]) -> OcrLine:
    box, text, score = item[0], str(item[1]), float(item[2])
    chars = [float(c) for c in item[5]] if len(item) > 5 else []
    if len(chars) != len(text):
        chars = [score] * len(text)
    return OcrLine(text, [(float(x), float(y)) for x, y in box], score, chars)


def merge_rows(lines: list[OcrLine]) -> list[OcrLine]:
    """Join boxes that sit on the same row (a label and its value on a card) into one line.

    Boxes are on one row when their vertical centres are closer than half the lower box's
    height; a slightly rotated page still keeps its rows apart.
    """
    rows: list[list[OcrLine]] = []
    for line in sorted(lines, key=lambda ln: _centre(ln)[1]):
        cy, h = _centre(line)[1], _height(line)
        for row in rows:
            rcy = sum(_centre(r)[1] for r in row) / len(row)
            if abs(rcy - cy) < 0.5 * min(h, min(_height(r) for r in row)):
                row.append(line)
                break
        else:
            rows.append([line])
    merged = []
    for row in rows:
        row.sort(key=lambda ln: _centre(ln)[0])
        if len(row) == 1:
            merged.append(row[0])
            continue
        text = " ".join(r.text for r in row)
        chars: list[float] = []
        for k, r in enumerate(row):
            chars.extend(([1.0] if k else []) + r.char_confidences)
        xs = [p[0] for r in row for p in r.box]
        ys = [p[1] for r in row for p in r.box]
        box = [(min(xs), min(ys)), (max(xs), min(ys)), (max(xs), max(ys)), (min(xs), max(ys))]
        conf = min(r.confidence for r in row)
        merged.append(OcrLine(text, box, conf, chars))
    return merged


def _centre(line: OcrLine) -> tuple[float, float]:
    return (
        sum(p[0] for p in line.box) / len(line.box),
        sum(p[1] for p in line.box) / len(line.box),
    )


def _height(line: OcrLine) -> float:
    ys = [p[1] for p in line.box]
    return max(1.0, max(ys) - min(ys))
