"""Copying an office database from one engine to another (``itadesk migrate-db``).

Moves a clerk's SQLite file up to the office's PostgreSQL server, or takes a copy home the
other way.  The target must be empty (it is created and migrated first); rows are copied
table by table in foreign-key order with their ids, counts are compared afterwards, and on
PostgreSQL the id sequences are moved past the copied ids.  Everything happens in one
transaction on the target: a failure leaves it empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, insert, select, text

from ..domain.errors import ItaDeskError
from .models import Base
from .session import open_database

BATCH = 2000


@dataclass
class TransferReport:
    counts: dict[str, tuple[int, int]]   # table -> (source rows, target rows)

    @property
    def ok(self) -> bool:
        return all(a == b for a, b in self.counts.values())


def transfer(source_url: str, target_url: str) -> TransferReport:
    if source_url == target_url:
        raise ItaDeskError("ฐานข้อมูลต้นทางและปลายทางต้องเป็นคนละแห่งกัน")
    src = open_database(source_url)
    dst = open_database(target_url)
    try:
        tables = Base.metadata.sorted_tables
        with dst.engine.connect() as c:
            used = [t.name for t in tables if c.execute(select(func.count()).select_from(t)).scalar()]
        if used:
            raise ItaDeskError(
                f"ฐานข้อมูลปลายทางมีข้อมูลอยู่แล้ว (ตาราง {', '.join(used)}) "
                "กรุณาใช้ฐานข้อมูลใหม่ที่ว่างเปล่า เพื่อไม่ให้ข้อมูลเดิมถูกเขียนทับ")
        counts: dict[str, tuple[int, int]] = {}
        with src.engine.connect() as s, dst.engine.begin() as d:
            for t in tables:
                n_src = s.execute(select(func.count()).select_from(t)).scalar() or 0
                result = s.execute(select(t).order_by(*t.primary_key.columns)).mappings()
                while rows := result.fetchmany(BATCH):
                    d.execute(insert(t), [dict(r) for r in rows])
                n_dst = d.execute(select(func.count()).select_from(t)).scalar() or 0
                counts[t.name] = (n_src, n_dst)
            if dst.engine.dialect.name == "postgresql":
                for t in tables:
                    pk = list(t.primary_key.columns)
                    if len(pk) == 1 and pk[0].autoincrement is not False and pk[0].type.python_type is int:
                        d.execute(text(
                            f"SELECT setval(pg_get_serial_sequence('{t.name}', '{pk[0].name}'), "
                            f"COALESCE((SELECT MAX({pk[0].name}) FROM {t.name}), 0) + 1, false)"))
            report = TransferReport(counts)
            if not report.ok:
                bad = [f"{k} ({a}≠{b})" for k, (a, b) in counts.items() if a != b]
                raise ItaDeskError(f"จำนวนแถวไม่ตรงกันหลังคัดลอก: {', '.join(bad)} ยกเลิกการคัดลอกทั้งหมดแล้ว")
        return report
    finally:
        src.dispose()
        dst.dispose()
