"""Column types: scores stored exactly as integer hundredths, shown as Decimal."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Integer
from sqlalchemy.types import TypeDecorator


class Score(TypeDecorator):
    """A 0–100 score with two decimals, stored as an integer number of hundredths.

    No float ever touches a score: 88.30 is stored as 8830 and read back as Decimal('88.30').
    """

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        d = Decimal(str(value))
        return int((d * 100).to_integral_value(rounding=ROUND_HALF_UP))

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return (Decimal(value) / 100).quantize(Decimal("0.01"))
