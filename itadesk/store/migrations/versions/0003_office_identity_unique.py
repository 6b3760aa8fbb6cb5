"""office identity (name + amphoe + province) unique

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04

Older versions could store the same office twice (two imports of one dossier at once).
Nothing is deleted or merged here: every office row, with all its years, measures and memos,
is kept.  Of each group of duplicates the oldest row (smallest id) keeps its name; each other
row gets " (ซ้ำ 2)", " (ซ้ำ 3)", … after its name and a note in its ``notes`` saying what was
renamed and why, so the clerk can compare the two and delete the one not wanted (docs/dossier.md).
Then a unique index makes a third copy impossible.  A unique index, not a table constraint:
on SQLite a constraint would rebuild the table, and dropping the old ``office`` table with
foreign keys on would cascade-delete every child row.
"""
import logging

from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

log = logging.getLogger("itadesk.store.migrations")
NAME_MAX = 500


def _office_table() -> sa.Table:
    return sa.table('office', sa.column('id', sa.Integer), sa.column('name', sa.String),
                    sa.column('amphoe', sa.String), sa.column('province', sa.String),
                    sa.column('notes', sa.JSON))


def rename_duplicates(conn) -> list[tuple[int, str, str]]:
    """Rename every duplicate office but the oldest; returns (id, old name, new name)."""
    office = _office_table()
    rows = conn.execute(sa.select(office.c.id, office.c.name, office.c.amphoe, office.c.province,
                                  office.c.notes).order_by(office.c.id)).all()
    taken = {(r.name, r.amphoe, r.province) for r in rows}
    seen: dict[tuple[str, str, str], int] = {}
    renamed = []
    for r in rows:
        ident = (r.name, r.amphoe, r.province)
        if ident not in seen:
            seen[ident] = r.id
            continue
        n = 2
        while True:
            suffix = f" (ซ้ำ {n})"
            new = r.name[:NAME_MAX - len(suffix)] + suffix
            if (new, r.amphoe, r.province) not in taken:
                break
            n += 1
        taken.add((new, r.amphoe, r.province))
        note = (f"ปรับรุ่นฐานข้อมูล (0003): เปลี่ยนชื่อหน่วยงานจาก “{r.name}” เป็น “{new}” เพราะมีหน่วยงาน "
                f"ชื่อ อำเภอ และจังหวัดเดียวกันอยู่แล้ว (รายการที่ {seen[ident]}) ไม่ได้ลบข้อมูลใด ๆ "
                "กรุณาตรวจเทียบทั้งสองรายการ แล้วลบรายการที่ไม่ต้องการ หรือแก้ชื่อกลับ")
        notes = list(r.notes or []) + [note]
        conn.execute(office.update().where(office.c.id == r.id).values(name=new, notes=notes))
        renamed.append((r.id, r.name, new))
        log.warning("office %s renamed %r -> %r (duplicate of office %s)", r.id, r.name, new, seen[ident])
    return renamed


def upgrade() -> None:
    rename_duplicates(op.get_bind())
    op.create_index('uq_office_identity', 'office', ['name', 'amphoe', 'province'], unique=True)


def downgrade() -> None:
    op.drop_index('uq_office_identity', table_name='office')
