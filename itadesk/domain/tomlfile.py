"""Reading the program's TOML data files (frameworks, forms, analysis data) with Thai errors.

One reader for every kind of file a clerk may edit by hand: a missing file, a file not saved
as UTF-8 and a syntax error each become the given error class with a Thai message that
names the file and, for syntax errors, the line, the column and the line's text.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from .errors import ItaDeskError


def syntax_message(what: str, path: Path, text: str, e: tomllib.TOMLDecodeError) -> str:
    reason = str(e)
    m = re.search(r"\(at line (\d+), column (\d+)\)", reason)
    if not m:
        return f"{what} {path.name} รูปแบบ TOML ไม่ถูกต้อง ({reason})"
    n, col = int(m.group(1)), int(m.group(2))
    reason = reason[:m.start()].strip()
    lines = text.splitlines()
    shown = lines[n - 1].strip() if 0 < n <= len(lines) else ""
    return (f"{what} {path.name} บรรทัด {n} คอลัมน์ {col}: รูปแบบ TOML ไม่ถูกต้อง "
            f"ที่ “{shown}” ({reason}) ตรวจเครื่องหมายคำพูด วงเล็บ และเครื่องหมาย = ในบรรทัดนั้น")


def read_toml(path: Path | str, what: str, error: type[ItaDeskError]) -> tuple[dict, str]:
    """``(data, text)`` of a TOML file; ``what`` names the kind of file in Thai
    (e.g. "ไฟล์กรอบการประเมิน")."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"ไม่พบ{what} {path.name}") from None
    except UnicodeDecodeError:
        raise error(f"{what} {path.name} ไม่ได้บันทึกเป็น UTF-8 กรุณาบันทึกใหม่เป็น UTF-8") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as e:
        raise error(syntax_message(what, path, text, e)) from None
