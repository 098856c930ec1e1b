"""`tools/render_screenshots.py` still runs: it drives the demo counter through every screen the
docs show and writes each one, not blank, so `docs/screenshots/` can always be made again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]


def colours(image: QImage) -> int:
    """How many different colours a coarse grid of the image holds (1 means blank)."""
    step_x, step_y = max(1, image.width() // 40), max(1, image.height() // 40)
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step_x)
            for y in range(0, image.height(), step_y)
        }
    )


def test_the_tool_renders_every_documented_screen(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "shots"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("SPO_UPSTREAM_URL", None)
    env.pop("SPO_UPSTREAM_TOKEN", None)
    ran = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "render_screenshots.py"), "--out", str(out)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    made = {path.name for path in out.glob("*.png")}
    documented = {path.name for path in (ROOT / "docs" / "screenshots").glob("*.png")}
    assert documented, "docs/screenshots/ holds no screenshot"
    assert documented <= made, f"not rendered by the tool: {sorted(documented - made)}"
    for name in sorted(made):
        image = QImage(str(out / name))
        assert not image.isNull(), name
        assert image.width() >= 300, name
        assert image.height() >= 200, name
        assert colours(image) > 3, f"{name} is blank"
    window = QImage(str(out / "main-window.png"))
    assert (window.width(), window.height()) == (1200, 740)
