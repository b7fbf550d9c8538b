"""Reading scanned or photographed letters: OCR (an optional extra) and proposed fields.

``fields`` is pure text work and always available; ``engine`` needs the ``ocr`` extra
(``pip install "petition-desk[ocr]"``) and imports it only when asked to read a page.
"""

from petition_desk.ocr.engine import OcrUnavailable, available

__all__ = ["OcrUnavailable", "available"]
