"""Small entry point: ``python -m itadesk.documents.cli_render DOSSIER.json [MEMO_KEY] OUT.pdf``.

The main CLI (written elsewhere) should call :func:`render_command`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def render_command(dossier_path, memo_key: str | None, out_path, *, font: str | None = None):
    """Read a dossier file and print one memo to ``out_path``; returns the RenderInfo.

    Raises an ItaDeskError subclass (Thai message) for unreadable files or bad data."""
    from ..paths import setup_pythainlp_env
    from .errors import DocumentError

    setup_pythainlp_env()
    p = Path(dossier_path)
    try:
        dossier = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DocumentError(f"ไม่พบไฟล์ {p.name}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise DocumentError(f"ไฟล์ {p.name} ไม่ใช่แฟ้มข้อมูล JSON ที่ถูกต้อง ({e})") from None
    from .memo_pdf import render_memo

    return render_memo(dossier, memo_key, out_path, font=font)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) not in (2, 3):
        print("วิธีใช้: python -m itadesk.documents.cli_render แฟ้มข้อมูล.json [รหัสบันทึก] ผลลัพธ์.pdf",
              file=sys.stderr)
        return 2
    dossier, out = argv[0], argv[-1]
    key = argv[1] if len(argv) == 3 else None
    from ..domain.errors import ItaDeskError

    try:
        info = render_command(dossier, key, out)
    except ItaDeskError as e:
        print(str(e), file=sys.stderr)
        return 1
    print(f"{out}: {info.pages} หน้า")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
