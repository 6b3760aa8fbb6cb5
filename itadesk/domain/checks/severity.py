"""Severity: what would be wrong once published (a number, a year, a name, a level, another
office's name, a blank table) is an error and fails ``itadesk check``; style (a spelling, a
variant of a name, a date before the usual results month) is a notice, which fails only with
``--strict``.  A count closes every report."""

from __future__ import annotations

from typing import Iterable, Sequence

from .base import ERROR, FAMILIES, NOTICE, Finding


def counts(findings: Iterable[Finding]) -> tuple[int, int]:
    fs = list(findings)
    errors = sum(f.severity == ERROR for f in fs)
    return errors, len(fs) - errors


def exit_code(findings: Iterable[Finding], strict: bool = False) -> int:
    """0: nothing that fails; 1: errors (or, with ``strict``, notices)."""
    errors, notices = counts(findings)
    return 1 if errors or (strict and notices) else 0


def summary(findings: Iterable[Finding]) -> str:
    errors, notices = counts(findings)
    if not errors and not notices:
        return "สรุป: ไม่พบข้อผิดพลาดหรือข้อควรตรวจสอบ"
    return f"สรุป: ข้อผิดพลาด {errors} รายการ ข้อควรตรวจสอบ {notices} รายการ"


def ordered(findings: Sequence[Finding]) -> list[Finding]:
    """Errors first, then by rule family, keeping the order of the document within each."""
    fam = {f: i for i, f in enumerate(FAMILIES)}
    return sorted(findings, key=lambda f: (f.severity != ERROR, fam.get(f.family, 99)))


__all__ = ["ERROR", "NOTICE", "counts", "exit_code", "summary", "ordered"]
