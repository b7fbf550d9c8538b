"""Draw the application icon (PNG for Linux and the window, ICO for Windows).

QT_QPA_PLATFORM=offscreen python resources/icons/make_icon.py
"""

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

HERE = Path(__file__).parent


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor("#c0392b"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(QRectF(0, 0, size, size), size * 0.18, size * 0.18)
    p.setPen(QPen(QColor("#fff5e6"), max(1, size / 40)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    m = size * 0.1
    p.drawRoundedRect(QRectF(m, m, size - 2 * m, size - 2 * m), size * 0.1, size * 0.1)
    font = QFont(["WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei"])
    font.setPixelSize(int(size * 0.5))
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "访")
    p.end()
    return image


def main() -> None:
    app = QGuiApplication([])  # noqa: F841 - fonts need an application
    draw(256).save(str(HERE / "petition-desk.png"))
    draw(256).save(str(HERE / "petition-desk.ico"))
    package = HERE.parent.parent / "petition_desk" / "ui" / "icons"
    package.mkdir(exist_ok=True)
    draw(128).save(str(package / "petition-desk.png"))


if __name__ == "__main__":
    main()
