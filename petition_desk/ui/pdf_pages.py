"""Showing and printing the kept PDF bytes of a document.

pypdfium2 renders the pages (QtPdf would need PySide6-Pdf, available only for a PySide6 that
crashes on Python 3.11, see pyproject.toml). Printing paints those page images at the
printer's resolution, so what is printed is exactly what was issued and kept.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter


def render_pages(pdf: bytes, dpi: float = 96) -> list[QImage]:
    """Every page as an image at ``dpi``."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = []
    try:
        for page in doc:
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBX8888,
            ).copy()  # own the pixels
            images.append(image)
            bitmap.close()
            page.close()
    finally:
        doc.close()
    return images


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print every page of one document on ``printer``; returns the pages sent."""
    return print_pdfs([pdf], printer)


def print_pdfs(pdfs: list[bytes], printer: QPrinter) -> int:
    """Print several documents as one job (one trip to the printer); returns the pages sent."""
    dpi = min(printer.resolution(), 300)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("打印机无法开始打印，请检查打印机是否就绪")
    pages = 0
    try:
        for pdf in pdfs:
            for image in render_pages(pdf, dpi):
                if pages:
                    printer.newPage()
                target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
                # The PDF page is A4 like the paper: paint it over the whole sheet, in shape.
                size = image.size().scaled(
                    target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
                )
                painter.drawImage(QRectF(target.topLeft(), size.toSizeF()), image)
                pages += 1
    finally:
        painter.end()
    return pages
