"""Evidence files in the data folder: the only code that copies, opens or deletes them.

Every path handled here is inside ``paths.evidence_dir()``:

* a copy (from the window's file dialog or from a dossier's folder at import) gets a name this
  program makes (:func:`domain.filenames.evidence_file_name`) under ``<office>/<year>/``;
* a stored ``Evidence.file`` is never trusted: before a file is opened or deleted it goes through
  :func:`domain.filenames.safe_join` (``strict=False``: names stored by older versions are
  accepted when harmless), so a row written by an older version or a hostile dossier with
  ``../../x``, ``C:\\x.exe``, ``\\\\server\\share`` or ``NUL`` is refused, never acted on;
* file work follows the database: copies made in a transaction that rolls back are removed,
  files of deleted rows are removed only after the commit, and only when no row uses them.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import stat
from pathlib import Path

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ..domain.errors import InputError, ItaDeskError
from ..domain.filenames import (MAX_EVIDENCE_BYTES, evidence_file_name, evidence_type, safe_filename, safe_join,
                                shown_name)
from .models import Evidence

log = logging.getLogger(__name__)

_NEW = "itadesk.evidence.new"          # files copied in the current transaction
_DOOMED = "itadesk.evidence.doomed"    # files to delete once the current transaction commits
_HOOKED = "itadesk.evidence.hooked"


def evidence_root() -> Path:
    from ..paths import evidence_dir

    return evidence_dir()


def stored_path(rel: str | None) -> Path | None:
    """Where a stored ``Evidence.file`` is, inside the data folder; InputError if it points
    anywhere else (or at a device).  None when the evidence has no file."""
    if rel is None or rel == "":
        return None
    return safe_join(evidence_root(), rel, strict=False)


def openable_path(rel: str | None) -> Path:
    """The file to hand to the system viewer: inside the data folder, a regular file, of an
    evidence type (never a program).  InputError (Thai) otherwise."""
    try:
        p = stored_path(rel)
        if p is not None:
            evidence_type(p.name)
    except InputError as e:
        raise InputError(f"ไม่ได้เปิดไฟล์หลักฐานนี้ เพื่อความปลอดภัย: {e} "
                         "ถ้าต้องการใช้หลักฐานนี้ กรุณาลบออกแล้วแนบไฟล์ใหม่ด้วยปุ่ม “เพิ่มไฟล์…”") from None
    if p is None:
        raise InputError("หลักฐานนี้ไม่มีไฟล์แนบ")
    try:
        st = os.stat(p)
    except (OSError, ValueError):
        raise InputError(f"ไม่พบไฟล์หลักฐาน {shown_name(rel or '')} ในโฟลเดอร์ข้อมูลของโปรแกรม") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"“{shown_name(rel or '')}” ไม่ใช่ไฟล์ธรรมดา ไม่ได้เปิด")
    return p


def folder_for(office_name: str, fiscal_year: int) -> str:
    """``<office>/<year>`` (relative to evidence_dir), safe on Windows whatever the office name."""
    return f"{safe_filename(office_name, max_bytes=120)}/{int(fiscal_year)}"


def _hook(session: Session) -> None:
    if session.info.get(_HOOKED):
        return
    session.info[_HOOKED] = True
    event.listen(session, "after_commit", _after_commit)
    event.listen(session, "after_rollback", _after_rollback)


def _after_commit(session: Session) -> None:
    session.info.pop(_NEW, None)
    for p in session.info.pop(_DOOMED, []):
        try:
            p.unlink(missing_ok=True)
        except OSError as e:    # still open in a viewer on Windows: the row is gone, the file stays
            log.warning("evidence file not removed: %s (%s)", p, e)


def _after_rollback(session: Session) -> None:
    session.info.pop(_DOOMED, None)
    for p in session.info.pop(_NEW, []):
        try:
            p.unlink(missing_ok=True)
        except OSError as e:
            log.warning("evidence copy of a rolled-back transaction not removed: %s (%s)", p, e)


def copy_in(session: Session, source: Path, folder_rel: str, *, original_name: str | None = None,
            expect_sha256: str | None = None) -> tuple[str, str]:
    """Copy ``source`` (a regular file) to ``evidence/<folder_rel>/ev-<random>.<type>``.

    Returns (stored relative name, sha256).  The copy is removed again if ``session``'s
    transaction rolls back.  InputError (Thai) for a missing, special, too large or
    wrong-type file, or a SHA-256 that does not match ``expect_sha256``."""
    name = original_name or source.name
    evidence_type(name)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(source, flags)
    except FileNotFoundError:
        raise InputError(f"ไม่พบไฟล์ {shown_name(name)} กรุณาตรวจว่าไฟล์ยังอยู่ (เช่น แฟลชไดรฟ์ยังเสียบอยู่)") from None
    except (OSError, ValueError) as e:
        raise InputError(f"เปิดไฟล์ {shown_name(name)} ไม่ได้ ({getattr(e, 'strerror', None) or e})") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_EVIDENCE_BYTES:
        os.close(fd)
        if not stat.S_ISREG(st.st_mode):    # a folder, a device, a pipe (which would read forever)
            raise InputError(f"“{shown_name(name)}” ไม่ใช่ไฟล์ธรรมดา ใช้เป็นไฟล์หลักฐานไม่ได้")
        raise InputError(f"ไฟล์ {shown_name(name)} ใหญ่เกิน {MAX_EVIDENCE_BYTES // 1024 // 1024} MB "
                         "กรุณาย่อขนาดไฟล์ก่อน")
    with os.fdopen(fd, "rb") as fin:
        folder = safe_join(evidence_root(), folder_rel)
        folder.mkdir(parents=True, exist_ok=True)
        for _ in range(5):
            rel = f"{folder_rel}/{evidence_file_name(name, secrets.token_hex(8))}"
            target = safe_join(evidence_root(), rel)
            try:
                fout = open(target, "xb")
            except FileExistsError:
                continue
            break
        else:   # pragma: no cover - 64 random bits collided five times
            raise ItaDeskError("สร้างชื่อไฟล์หลักฐานไม่ได้ กรุณาลองใหม่")
        _hook(session)
        session.info.setdefault(_NEW, []).append(target)
        h = hashlib.sha256()
        size = 0
        try:
            with fout:
                for chunk in iter(lambda: fin.read(1 << 20), b""):
                    size += len(chunk)
                    if size > MAX_EVIDENCE_BYTES:
                        raise InputError(f"ไฟล์ {shown_name(name)} ใหญ่เกิน {MAX_EVIDENCE_BYTES // 1024 // 1024} MB")
                    h.update(chunk)
                    fout.write(chunk)
                fout.flush()
                os.fsync(fout.fileno())
        except OSError as e:
            target.unlink(missing_ok=True)
            raise ItaDeskError(f"คัดลอกไฟล์ {shown_name(name)} ไม่ได้: {e.strerror or e}") from None
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    digest = h.hexdigest()
    if expect_sha256 is not None and digest != expect_sha256:
        raise InputError(f"ไฟล์ {shown_name(name)} ไม่ตรงกับค่า sha256 ในแฟ้มข้อมูล (ไฟล์อาจถูกแก้ไขหรือเสียหาย)")
    return rel, digest


def drop_if_unused(session: Session, rels: list[str | None]) -> None:
    """After the current transaction commits, delete the files of ``rels`` that no evidence
    row uses any more.  A stored name that points outside the data folder is never acted on."""
    session.flush()
    for rel in rels:
        if not rel:
            continue
        if session.scalar(select(Evidence.id).where(Evidence.file == rel).limit(1)) is not None:
            continue
        try:
            p = stored_path(rel)
        except InputError as e:
            log.warning("evidence file not deleted, it points outside the data folder: %r (%s)", rel, e)
            continue
        if p is not None:
            _hook(session)
            session.info.setdefault(_DOOMED, []).append(p)
