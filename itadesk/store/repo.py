"""Small queries shared by the CLI, the dossier export and Services (no Qt here)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import ItaDeskError
from .models import Memo, Office


class NotFound(ItaDeskError):
    pass


def list_offices(session: Session) -> list[Office]:
    from ..domain.thai_format import thai_sorted

    return thai_sorted(session.scalars(select(Office)).all(), key=lambda o: o.name)


def get_office(session: Session, name: str | None = None) -> Office:
    if name is None:
        office = session.scalar(select(Office).order_by(Office.id).limit(1))
        if office is None:
            raise NotFound("ฐานข้อมูลยังไม่มีข้อมูลหน่วยงาน กรุณากรอกข้อมูลหน่วยงาน หรือนำเข้าแฟ้มข้อมูล (itadesk import)")
        return office
    offices = session.scalars(select(Office).where(Office.name == name).order_by(Office.id)).all()
    if not offices:
        raise NotFound(f"ไม่พบหน่วยงานชื่อ “{name}” ในฐานข้อมูล")
    if len(offices) > 1:
        where = ", ".join(f"อำเภอ{o.amphoe or '?'} จังหวัด{o.province or '?'}" for o in offices)
        raise NotFound(f"มีหน่วยงานชื่อ “{name}” มากกว่าหนึ่งแห่ง ({where}) กรุณาระบุให้ชัดเจน")
    return offices[0]


def next_doc_no(session: Session, office: Office, fiscal_year: int) -> str:
    """Suggested running number: one more than the highest numeric doc_no of that year's memos."""
    from ..domain.thai_format import to_arabic_digits

    best = 0
    for (no,) in session.execute(select(Memo.doc_no).where(Memo.office_id == office.id,
                                                           Memo.fiscal_year == fiscal_year)):
        s = to_arabic_digits(no or "").strip()
        if s.isdigit():
            best = max(best, int(s))
    return str(best + 1)
