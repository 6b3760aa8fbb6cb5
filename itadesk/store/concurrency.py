"""Optimistic concurrency: two clerks editing the same record never overwrite each other silently.

An editor remembers the values it showed (``base``, including ``version``).  ``save_changes``
writes only if the row still has that version; otherwise it raises
:class:`ConcurrentEditError` telling which fields the other clerk changed (old → theirs), so
the editor can let the clerk choose: keep theirs (reload) or apply theirs + mine again
(call ``save_changes`` with the new base).  The ORM's ``version_id_col`` also guards the
window between the check and the UPDATE: a StaleDataError there becomes the same error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..domain.errors import ItaDeskError


@dataclass(frozen=True)
class FieldConflict:
    field: str
    base: Any      # what this editor read
    theirs: Any    # what is in the database now
    mine: Any      # what this editor wants to write


class ConcurrentEditError(ItaDeskError):
    def __init__(self, what: str, conflicts: list[FieldConflict], current_version: int | None):
        self.what, self.conflicts, self.current_version = what, conflicts, current_version
        if current_version is None:
            msg = f"{what} ถูกลบโดยผู้ใช้อื่นแล้ว การแก้ไขของท่านยังไม่ถูกบันทึก"
        elif conflicts:
            fields = ", ".join(c.field for c in conflicts)
            msg = (f"{what} ถูกแก้ไขโดยผู้ใช้อื่นระหว่างที่ท่านแก้ไข (ช่อง: {fields}) "
                   "การแก้ไขของท่านยังไม่ถูกบันทึก กรุณาเลือกว่าจะใช้ข้อมูลของผู้อื่น หรือบันทึกของท่านทับ")
        else:
            msg = (f"{what} ถูกแก้ไขโดยผู้ใช้อื่นในช่องอื่นระหว่างที่ท่านแก้ไข "
                   "การแก้ไขของท่านยังไม่ถูกบันทึก กรุณาโหลดข้อมูลล่าสุดแล้วบันทึกอีกครั้ง")
        super().__init__(msg)


def snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    """The base an editor keeps: the shown fields plus the row version."""
    return {"version": obj.version, **{f: getattr(obj, f) for f in fields}}


def save_changes(session: Session, model: type, pk: Any, base: dict[str, Any], changes: dict[str, Any],
                 what: str = "ข้อมูล") -> int:
    """Apply ``changes`` to row ``pk`` if nobody changed it since ``base``; returns the new version.

    The caller owns the transaction (``with session.begin(): ...``)."""
    obj = session.get(model, pk, populate_existing=True)
    if obj is None:
        raise ConcurrentEditError(what, [], None)
    if obj.version != base["version"]:
        conflicts = [FieldConflict(f, base.get(f), getattr(obj, f), v)
                     for f, v in changes.items() if getattr(obj, f) != base.get(f)]
        raise ConcurrentEditError(what, conflicts, obj.version)
    for f, v in changes.items():
        setattr(obj, f, v)
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        raise ConcurrentEditError(what, [], -1) from None
    return obj.version
