"""Draws the application icon from resources/icons/spo-counter.svg: PNGs and a Windows .ico.

    .venv/bin/python installer/make_icon.py

The SVG is the source; the PNG (Linux desktop entry, window icon) and the ICO (the Windows
executables, the installer, Add/Remove Programs) are made from it and kept in the repository, so a
build needs neither Qt's SVG renderer nor Pillow at build time.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int, target: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(target)):  # the format from the suffix
        raise OSError(f"could not write {target}")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = ICONS / "spo-counter.svg"
    render(svg, 256, ICONS / "spo-counter.png")
    with tempfile.TemporaryDirectory() as scratch:
        frames = []
        for size in ICO_SIZES:
            frame = Path(scratch) / f"{size}.png"
            render(svg, size, frame)
            frames.append(Image.open(frame))
        frames[-1].save(
            ICONS / "spo-counter.ico",
            format="ICO",
            sizes=[(s, s) for s in ICO_SIZES],
            append_images=frames[:-1],
        )
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
