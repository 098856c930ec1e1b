"""Render every receipt kind on every paper to PNG in docs/receipts/, to look at them (and an
agent's monthly statement).

    .venv/bin/python tools/render_receipt_samples.py            # all, into docs/receipts/
    .venv/bin/python tools/render_receipt_samples.py --out /tmp/receipts

The roll is rendered at 203 dpi like a thermal printer's head, sheets at 200 dpi. Roll and A5
PDFs have one page per sheet; the PNG shows the first (the participant's). The samples are the
tests' (tests/receipts/conftest.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pypdfium2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.receipts.agent_statement import render_agent_statement  # noqa: E402
from desktop.receipts.layout import render_pdf  # noqa: E402
from desktop.receipts.model import Paper, ReceiptData  # noqa: E402
from tests.receipts.conftest import SAMPLES, claim_handover, contribution_bpu, reprint  # noqa: E402
from tests.services.agents_support import sample_statement  # noqa: E402

DPI = {Paper.ROLL_80: 203, Paper.A5: 200, Paper.A4_TWO_COPIES: 200}
PAPER_NAMES = {Paper.ROLL_80: "roll80", Paper.A5: "a5", Paper.A4_TWO_COPIES: "a4"}


def samples() -> dict[str, ReceiptData]:
    found = {name: make() for name, make in SAMPLES.items()}
    found["contribution-bpu-reprint"] = reprint(contribution_bpu())
    found["claim-handover-12-documents"] = claim_handover(documents=12)
    return found


def render_png(pdf: bytes, dpi: int, path: Path) -> None:
    document = pypdfium2.PdfDocument(pdf)
    try:
        # Grayscale: receipts are black on white, and the PNGs are kept in the repository.
        document[0].render(scale=dpi / 72, grayscale=True).to_pil().save(path, optimize=True)
    finally:
        document.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "receipts")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in samples().items():
        for paper in Paper:
            path = args.out / f"{name}-{PAPER_NAMES[paper]}.png"
            render_png(render_pdf(data, paper), DPI[paper], path)
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    # A Perisai agent's monthly statement (A4), its first page.
    path = args.out / "agent-statement.png"
    render_png(render_agent_statement(sample_statement()), 100, path)
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
