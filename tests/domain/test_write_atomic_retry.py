"""write_atomic on a PC where another program holds the file: retried, then a Thai message
naming the file to close (Windows' winerror 5 / 32 simulated on os.replace)."""

import os

import pytest

from itadesk.domain import safety
from itadesk.domain.safety import WriteError, write_atomic


def _sharing_violation(winerror: int) -> OSError:
    # what CPython raises on Windows: PermissionError (errno EACCES) carrying .winerror
    e = PermissionError(13, "The process cannot access the file because it is being used by another process")
    e.winerror = winerror  # type: ignore[attr-defined]
    return e


@pytest.fixture
def flaky_replace(monkeypatch):
    """os.replace fails ``n`` times with the given winerror, then works; sleeps are recorded."""
    state = {"fail": 0, "calls": 0, "winerror": 32}
    real = os.replace
    slept: list[float] = []

    def replace(src, dst):
        state["calls"] += 1
        if state["fail"] > 0:
            state["fail"] -= 1
            raise _sharing_violation(state["winerror"])
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(safety.time, "sleep", slept.append)
    state["slept"] = slept
    return state


@pytest.mark.parametrize("winerror", [32, 5])
def test_a_brief_lock_is_retried_and_the_write_succeeds(tmp_path, flaky_replace, winerror):
    p = tmp_path / "บันทึก.pdf"
    write_atomic(p, b"old")
    flaky_replace.update(fail=3, calls=0, winerror=winerror)
    write_atomic(p, b"new")
    assert p.read_bytes() == b"new"
    assert flaky_replace["calls"] == 4                     # three refusals, then the rename
    assert len(flaky_replace["slept"]) == 3 and all(0 < s <= 1 for s in flaky_replace["slept"])
    assert [x.name for x in tmp_path.iterdir()] == ["บันทึก.pdf"]   # no temp file left


def test_a_file_held_open_gives_a_thai_message_naming_it(tmp_path, flaky_replace):
    p = tmp_path / "รายงาน ITA 2568.pdf"
    write_atomic(p, b"old")
    flaky_replace.update(fail=1000, calls=0, winerror=32)
    with pytest.raises(WriteError) as ei:
        write_atomic(p, b"new")
    msg = str(ei.value)
    assert "รายงาน ITA 2568.pdf" in msg and "ปิดไฟล์" in msg and "ไฟล์เดิมไม่ได้เปลี่ยนแปลง" in msg
    assert "Access is denied" not in msg and "being used" not in msg
    # a few tries with growing waits, a couple of seconds at most, then give up
    assert 3 <= flaky_replace["calls"] <= 10
    slept = flaky_replace["slept"]
    assert slept == sorted(slept) and sum(slept) < 3
    assert p.read_bytes() == b"old"
    assert [x.name for x in tmp_path.iterdir()] == ["รายงาน ITA 2568.pdf"]


def test_other_errors_are_not_retried(tmp_path, monkeypatch):
    calls = []

    def full(src, dst):
        calls.append(dst)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(WriteError, match="ดิสก์ไม่เต็ม"):
        write_atomic(tmp_path / "a.json", b"x")
    assert len(calls) == 1


def test_backup_and_export_writers_retry_too(tmp_path, flaky_replace):
    """The stream writers that cannot hold their output in memory share the retrying rename."""
    import sqlite3

    from itadesk.store.backup import copy_sqlite

    src = sqlite3.connect(":memory:")
    src.execute("CREATE TABLE t (x)")
    flaky_replace.update(fail=2, calls=0, winerror=32)
    out = copy_sqlite(src, tmp_path / "backup.sqlite3")
    src.close()
    assert flaky_replace["calls"] == 3 and out.is_file()
