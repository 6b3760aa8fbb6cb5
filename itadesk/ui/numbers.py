"""Numbers typed in the window: one reading for every numeric entry.

A comma is never guessed at.  "96,54" could be 96.54 typed with a European decimal comma or
a slip of the thousands separator; a score printed in an official memo must not rest on a
guess, so the entry is refused with a Thai message that says what to type (96.54), and the
typed text stays in the box to be corrected.
"""

from __future__ import annotations

from decimal import Decimal

from ..domain.errors import InputError
from ..domain.thai_format import parse_score, to_arabic_digits, to_thai_digits

COMMAS = ",،٫"


def comma_problem(text: str) -> str | None:
    """The Thai message for a number typed with a comma, or None."""
    t = (text or "").strip()
    if not any(c in t for c in COMMAS):
        return None
    plain = to_arabic_digits(t)
    for c in COMMAS:
        plain = plain.replace(c, ".")
    try:
        whole, _, frac = plain.partition(".")
        example = format(Decimal(plain), "f") if plain.count(".") == 1 and whole and frac else "95.13"
    except ArithmeticError:
        example = "95.13"
    return (f"“{t}” มีเครื่องหมายจุลภาค (,) ซึ่งอ่านได้มากกว่าหนึ่งแบบ โปรแกรมจึงไม่เดาให้ "
            f"กรุณาใช้จุด (.) เป็นจุดทศนิยม เช่น {example} หรือ {to_thai_digits(example)}")


def read_score(text: str) -> Decimal | None:
    """A score typed by the clerk (Thai or Arabic digits, 0–100, two decimals); empty → None.
    Raises InputError with a Thai message, also for a comma (see the module note)."""
    t = (text or "").strip()
    if not t:
        return None
    problem = comma_problem(t)
    if problem:
        raise InputError(problem)
    return parse_score(t)
