"""Every example dossier has its memo printed beside it, and that PDF is the current one."""

import json
from pathlib import Path

import pytest

from tests.pdftext import pdf_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_has_its_printed_memo(path):
    from itadesk.documents import render_memo_bytes

    pdf = path.with_suffix(".pdf")
    assert pdf.exists(), f"render it: itadesk render {path.name} --out {pdf.name}"
    text = pdf_text(pdf, layout=True)
    _, info = render_memo_bytes(json.loads(path.read_text(encoding="utf-8")))
    memo = json.loads(path.read_text(encoding="utf-8"))["memos"][0]
    squash = lambda s: "".join(s.split())  # noqa: E731
    assert squash(memo["subject"]) in squash(text)
    stored_pages = text.count("\f")
    assert stored_pages == info.pages, "the stored PDF is out of date: render it again"
