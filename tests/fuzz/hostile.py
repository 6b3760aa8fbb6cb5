"""Structure-aware fuzz targets: valid dossiers with hostile values, through the real routes.

Unlike byte mutation (most of which dies in JSON or schema validation), these start from
valid dossiers and replace values a validator lets through: hostile text in any string field,
hostile numbers, hostile evidence paths.  Each example goes through what the window and the
command line do — import from a file, open the evidence, delete it, delete its measure — and
the database ON DISK is checked after each: ``PRAGMA integrity_check``, and after a refused
import the main database file is byte-for-byte what it was before (a WAL checkpoint is taken
before both snapshots, so only committed data counts; nothing is rolled back by the fuzzer).
A sentinel file outside the data folder must survive every example.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from itadesk.domain.errors import InputError, ItaDeskError

ROOT = Path(__file__).resolve().parents[2]
MINI = json.loads((ROOT / "tests" / "fixtures" / "mini_dossier.json").read_text(encoding="utf-8"))
SEED003 = json.loads((ROOT / "examples" / "seed003_wiang_measures_2566.json").read_text(encoding="utf-8"))
BASES = [MINI, SEED003]
SENTINEL = b"%PDF-1.4 sentinel outside the data folder"

OUTCOMES: dict[str, dict[str, int]] = {}


def _count(target: str, outcome: str) -> None:
    d = OUTCOMES.setdefault(target, {})
    d[outcome] = d.get(outcome, 0) + 1


def is_thai_message(e: BaseException) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in str(e))


# ------------------------------------------------------------------ hostile values

# Hostile text the program must clean (and then store), and text it must refuse.
CLEANABLE = [
    "\x00", "\x1b[31mแดง\x1b[0m", "\u202efdp.exe", "\u2066ซ่อน\u2069", "\ufeff", "\ufffe", "\r\n\r",
    "\x0b\x0c\x85\u2028", "\t\t", "", " ", "ก\u0e48\u0e38\u0e48\u0e38" * 20, "\u0e33" * 50,
    "=cmd|' /C calc'!A0", "+SUM(A1)", "@x", "-2+3", "<script>alert(1)</script>", "]]><x>", "&amp;#0;",
    "{0}{1}%s%n", "\\", "C:\\Windows\\System32", "../../../etc/passwd", "\\\\server\\share", "CON", "NUL.pdf",
    "👨‍👩‍👧" * 10, "\U0010fffd", "\ue000", "\u0301" * 30, "ئۇيغۇرچە", "๑๒๓.๔๕", "nan", "1e400", "-0",
    "100.001", "null", "true", "[]", "{}", '"', "'", "\x7f\x9b", "\x01\x02\x08\x1f", "ประเมิน\u200bคุณธรรม",
]
REFUSED = ["\ud800", "ก\udfffข", "ก" * 600, "ข" * 25_000, "a" * 2_100]
HOSTILE_STRINGS = CLEANABLE + REFUSED
HOSTILE_CHARS = "".join(sorted(set("".join(CLEANABLE[:12]) + "\x01\x02\x08\x1f\u200b\u200d\u061c\ufdd0\ud800")))

_cleanable_text = st.one_of(
    st.sampled_from(CLEANABLE),
    st.text(alphabet=st.sampled_from(list(HOSTILE_CHARS) + list("กขคงมาตรการ ๑2")), max_size=40),
    st.builds(lambda a, b, c: a + b + c, st.sampled_from(["มาตรการ", "เทศบาล", ""]),
              st.sampled_from(CLEANABLE), st.sampled_from(["ทดสอบ", "", "\n"])),
    st.text(max_size=30),
)
# one in ten is a value that must be refused (lone surrogate, over a limit)
hostile_text = st.integers(0, 9).flatmap(lambda i: st.sampled_from(REFUSED) if i == 0 else _cleanable_text)
hostile_number = st.sampled_from([0, -1, 1, 99, 100, 2565, 2566, 10**30, 2565.5, -2565, True, None, "2565",
                                  1e308, 0.0, -0.0])

HOSTILE_PATHS = [
    "../outside/sentinel.pdf", "../../outside/sentinel.pdf", "..\\..\\outside\\sentinel.pdf",
    "a/../../outside/sentinel.pdf",
    "{abs}", "C:\\Windows\\notepad.exe", "c:x.pdf", "\\\\server\\share\\x.pdf", "//server/share/x.pdf",
    "\\\\?\\C:\\x.pdf", "CON", "NUL.pdf", "ข้อมูล/COM1.pdf", "lpt1 .pdf", "x.pdf.", "x.pdf ", "x\x00.pdf",
    "x\x07.pdf", "x.pdf:Zone.Identifier", "setup.exe", "รายงาน.lnk", "\u202efdp.exe", "link/sentinel.pdf",
    "", " ", ".", "..", "/", "\\", "a//b.pdf", "./a.pdf", "folder.pdf", "missing.pdf", "%2e%2e/x.pdf",
    "a.pdf", "หลักฐาน/ภาพ กิจกรรม.jpg", "หลักฐาน\\ภาพ กิจกรรม.jpg", "sub/c.png", "A.PDF",
]
GOOD_PATHS = ["a.pdf", "หลักฐาน/ภาพ กิจกรรม.jpg", "หลักฐาน\\ภาพ กิจกรรม.jpg", "sub/c.png", "A.PDF", "./a.pdf"]
hostile_path = st.one_of(
    st.sampled_from(HOSTILE_PATHS),
    st.sampled_from(GOOD_PATHS),
    st.lists(st.sampled_from(["..", ".", "", "a.pdf", "ก", "C:", "\\\\srv", "CON", "link", "sub", "c.png",
                              "x.pdf ", "หลักฐาน", "ภาพ กิจกรรม.jpg"]), min_size=1, max_size=5).map("/".join),
    st.text(max_size=30),
)


def refusal_kind(e: BaseException) -> str:
    msg = str(e)
    if "evidence[" in msg:
        return "refused: evidence path"
    if "ยาวเกินไป" in msg or "maxLength" in msg or "อักขระที่ไม่ถูกต้อง" in msg or "ชื่อช่องที่มีอักขระ" in msg:
        return "refused: text hygiene"
    if "ซ้ำกันในออบเจกต์" in msg or "ตัวเลขที่ใช้ไม่ได้" in msg:
        return "refused: JSON (dup key, NaN)"
    return "refused: schema or meaning"


# fields whose values follow a pattern (keys, dates, enums): a hostile value there only tests
# the schema, so they are replaced rarely
_PATTERNED = {"key", "person", "date", "form", "format", "status", "category", "kind", "table", "type",
              "orientation", "from", "to", "sha256", "emblem_png_base64", "indicators", "items",
              "published_total", "analysis_rules"}


def _string_leaves(obj: Any, path: tuple = ()) -> list[tuple]:
    out = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += _string_leaves(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += _string_leaves(v, path + (i,))
    elif isinstance(obj, str):
        out.append(path)
    return out


def _number_leaves(obj: Any, path: tuple = ()) -> list[tuple]:
    out = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += _number_leaves(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += _number_leaves(v, path + (i,))
    elif isinstance(obj, (int, float)) and not isinstance(obj, bool):
        out.append(path)
    return out


def _set(d: Any, path: tuple, value: Any) -> None:
    for k in path[:-1]:
        d = d[k]
    d[path[-1]] = value


@st.composite
def hostile_dossier(draw) -> dict:
    """A valid dossier (the mini one or seed 003) with hostile values in some string fields,
    maybe a hostile number, and evidence entries with hostile or good paths."""
    d = copy.deepcopy(draw(st.sampled_from(BASES)))
    leaves = _string_leaves(d)
    plain = [p for p in leaves if not (set(p) & _PATTERNED) and not (p and p[-1] in _PATTERNED)]
    for _ in range(draw(st.integers(1, 6))):
        pool = leaves if draw(st.integers(0, 49)) == 0 else plain
        _set(d, draw(st.sampled_from(pool)), draw(hostile_text))
    if draw(st.integers(0, 9)) == 0:
        _set(d, draw(st.sampled_from(_number_leaves(d))), draw(hostile_number))
    if d.get("measures") and draw(st.booleans()):
        m = d["measures"][draw(st.integers(0, len(d["measures"]) - 1))]
        m["evidence"] = [{"description": draw(st.sampled_from(["ภาพกิจกรรม", "คำสั่ง\u202e", "x"])),
                          "file": draw(hostile_path)} for _ in range(draw(st.integers(1, 3)))]
    return d


@st.composite
def encoded_dossier(draw) -> bytes:
    """A hostile dossier as a file: UTF-8 (with or without BOM, escaped or not); sometimes a
    key given twice or a bare NaN, which only a file (not a dict) can carry."""
    d = draw(hostile_dossier())
    text = json.dumps(d, ensure_ascii=draw(st.booleans()))
    trick = draw(st.integers(0, 9))
    if trick == 0:
        text = text.replace('"name": ', '"name": "ซ้ำ", "name": ', 1)
    elif trick == 1:
        text = text.replace('"fiscal_year": 2566', '"fiscal_year": NaN', 1)
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:      # a lone surrogate with ensure_ascii=False: write it escaped
        raw = json.dumps(d).encode("utf-8")
    return (b"\xef\xbb\xbf" + raw) if draw(st.integers(0, 4)) == 0 else raw


# ------------------------------------------------------------------ the world: data folder, dossier folder, sentinel

class World:
    def __init__(self) -> None:
        from itadesk import paths
        from itadesk.store.services import Services
        from itadesk.store.session import open_database

        shm = Path("/dev/shm")     # in memory where there is one: thousands of fsyncs stay cheap
        self.root = Path(tempfile.mkdtemp(prefix="itadesk-fuzz-world-",
                                          dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None))
        self.ev_dir = paths.evidence_dir()
        self.outside = self.root / "outside"
        self.outside.mkdir()
        self.sentinel = self.outside / "sentinel.pdf"
        self.sentinel.write_bytes(SENTINEL)
        self.folder = self.root / "dossier"
        (self.folder / "หลักฐาน").mkdir(parents=True)
        (self.folder / "sub").mkdir()
        (self.folder / "folder.pdf").mkdir()
        (self.folder / "a.pdf").write_bytes(b"%PDF a")
        (self.folder / "A.PDF").write_bytes(b"%PDF A")
        (self.folder / "หลักฐาน" / "ภาพ กิจกรรม.jpg").write_bytes(b"\xff\xd8\xff")
        (self.folder / "sub" / "c.png").write_bytes(b"\x89PNG\r\n\x1a\n")
        (self.folder / "setup.exe").write_bytes(b"MZ")
        for base in (self.folder, self.ev_dir):
            link = base / "link"
            if not link.exists():
                try:
                    link.symlink_to(self.outside, target_is_directory=True)
                except OSError:
                    pass
        import atexit

        atexit.register(shutil.rmtree, self.root, True)
        self.db_path = self.root / "fuzz.sqlite3"
        self.db = open_database(f"sqlite:///{self.db_path}")
        self.svc = Services(self.db)

    def snapshot(self) -> str:
        """The committed database on disk: checkpoint the WAL into the file, hash the file."""
        with self.db.engine.connect() as c:
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return hashlib.sha256(self.db_path.read_bytes()).hexdigest()

    def evidence_files(self) -> set[Path]:
        return {p for p in self.ev_dir.rglob("*") if p.is_file() and not p.is_symlink()}

    def check_invariants(self) -> None:
        from itadesk.store.session import integrity_check

        assert self.sentinel.read_bytes() == SENTINEL, "the sentinel outside the data folder changed"
        assert sorted(p.name for p in self.outside.iterdir()) == ["sentinel.pdf"], "a file appeared outside"
        assert integrity_check(self.db.engine) is None


_WORLD: dict[str, World] = {}


def world() -> World:
    if "w" not in _WORLD:
        _WORLD["w"] = World()
    return _WORLD["w"]


def _concrete_path(w: World, p: str) -> str:
    return p.replace("{abs}", str(w.sentinel))


# ------------------------------------------------------------------ checks

def _route_after_import(w: World, target: str) -> None:
    """Open every evidence (only inside the data folder, only evidence types), add a row as an
    older version would have stored it (hostile path), remove evidence, delete every measure."""
    from sqlalchemy import select

    from itadesk.store.models import Evidence, Measure, Office

    with w.db.session() as s:
        ids = list(s.scalars(select(Measure.id).where(Measure.office_id == w.svc.office_id)))
    data_root = w.ev_dir.resolve()
    for mid in ids:
        m = w.svc.measure(mid)
        for ev in m.evidence:
            try:
                p = w.svc.evidence_to_open(ev)
            except InputError as e:
                assert is_thai_message(e), repr(e)
            else:
                assert data_root in p.resolve().parents, (ev.file, p)
        with w.db.session() as s, s.begin():
            row = s.get(Measure, mid)
            row.evidence.append(Evidence(description="รุ่นเก่า", position_order=99,
                                         file=[os.path.relpath(w.sentinel, w.ev_dir), str(w.sentinel),
                                               "link/sentinel.pdf", "C:\\x.exe", "NUL"][mid % 5]))
        m = w.svc.measure(mid)
        for ev in m.evidence[: len(m.evidence) // 2]:
            w.svc.remove_evidence(ev.id)
        w.svc.delete_measure(mid)
    with w.db.session() as s, s.begin():     # leave the database as small as it was
        o = s.get(Office, w.svc.office_id)
        if o is not None:
            s.delete(o)
    _count(target, "route: opened and deleted")


def check_import_file(raw: bytes, target: str = "import") -> None:
    """Write the dossier into its folder, import it as the window does, then the route."""
    w = world()
    path = w.folder / "แฟ้ม.json"
    raw = raw.replace(b"{abs}", json.dumps(str(w.sentinel))[1:-1].encode())
    path.write_bytes(raw)
    before = w.snapshot()
    files_before = w.evidence_files()
    try:
        w.svc.import_dossier_file(path, replace_existing=True)
    except ItaDeskError as e:
        assert is_thai_message(e), repr(e)
        assert w.snapshot() == before, "a refused import changed the database file"
        assert w.evidence_files() == files_before, "a refused import left files in the data folder"
        _count(target, refusal_kind(e))
    else:
        _count(target, "imported")
        for p in w.evidence_files() - files_before:
            assert w.ev_dir.resolve() in p.resolve().parents
        w.check_invariants()
        _route_after_import(w, target)
    w.check_invariants()


def check_dossier_route(d: dict) -> None:
    check_import_file(json.dumps(d).encode("utf-8"), "dossier route")


def check_encoded_dossier(raw: bytes) -> None:
    check_import_file(raw, "dossier file")


@st.composite
def window_edits(draw) -> list[tuple[str, Any]]:
    """A sequence of what a clerk can type into the window's fields, with hostile text."""
    ops = []
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["profile", "memo", "measure", "note", "report", "published", "rules"]))
        ops.append((op, draw(hostile_text)))
    return ops


def check_window_edits(ops: list[tuple[str, Any]]) -> None:
    """Every service the window writes through: the value is refused in Thai or stored clean;
    the database stays intact and the office exports to XLSX (a memo) without raising."""
    import datetime as dt
    import re
    from dataclasses import replace
    from decimal import Decimal

    from itadesk.store.services import OfficeProfile

    from sqlalchemy import select

    from itadesk.store.models import Office
    from itadesk.store.services import Services

    w = world()
    svc = Services(w.db)
    with w.db.session() as s:
        oid = s.scalar(select(Office.id).where(Office.name == "เทศบาลตำบลฟัซ"))
    if oid is None:
        svc.select_office(None)
        oid = svc.save_profile(OfficeProfile(name="เทศบาลตำบลฟัซ", amphoe="ก", province="ข")).id
    svc.select_office(oid)
    if not svc.memos():
        svc.add_memo({"form": "analysis_report", "fiscal_year": 2565, "subject": "เรื่อง"})
    if not svc.measures(2566):
        svc.add_measures([{"fiscal_year": 2566, "title": "มาตรการ"}])
    for op, text in ops:
        before = w.snapshot()
        try:
            if op == "profile":
                p = svc.profile()
                svc.save_profile(replace(p, kind=text, doc_prefix=text[:100], units=(text,)), base=p)
            elif op == "memo":
                m = svc.memos()[0]
                svc.update_memo(m.id, m, subject=text or "ก", sections=[{"title": text, "paragraphs": [text]}],
                                to=text)
            elif op == "measure":
                m = svc.measures(2566)[0]
                svc.update_measure(m.id, m.base(), {"output": text, "steps": [{"text": text}]})
            elif op == "note":
                svc.save_analysis_note(2565, {"indicator": 1, "category": "keep", "text": text})
            elif op == "report":
                svc.save_report(svc.measures(2566)[0].id, {"kind": "6m", "date": dt.date(2023, 4, 1), "note": text})
            elif op == "published":
                svc.set_published(2565, Decimal("88.30"), text)
            else:
                svc.save_analysis_rules({"keep_bar": text})
        except ItaDeskError as e:
            assert is_thai_message(e), repr(e)
            assert w.snapshot() == before, "a refused edit changed the database file"
            _count("window edits", "refused (Thai)")
        else:
            _count("window edits", "stored")
    d = svc.dossier()
    bad = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
    assert not bad.search(json.dumps(d, ensure_ascii=False)), "a stored value kept a control character"
    if d.get("memos") and ops[0][0] == "memo":     # the XLSX writer: never IllegalCharacterError
        from itadesk.documents.xlsx_writer import memo_xlsx_bytes

        memo_xlsx_bytes(d, d["memos"][0]["key"])
    w.check_invariants()


# ------------------------------------------------------------------ the command line, in subprocesses

CLI_COMMANDS = ["import", "import --replace", "export", "check", "check --dossier", "render", "export-doc",
                "upload-pack", "backup", "restore", "district", "score", "migrate-db"]


def cli_case(rng: random.Random, w_root: Path) -> tuple[list[str], Path]:
    """One command line with hostile input: a hostile dossier file, or hostile arguments."""
    db = w_root / "cli.sqlite3"
    url = f"sqlite:///{db}"
    folder = w_root / "cli-dossier"
    folder.mkdir(exist_ok=True)
    (folder / "a.pdf").write_bytes(b"%PDF a")
    d = copy.deepcopy(rng.choice(BASES))
    leaves = [p for p in _string_leaves(d) if not (set(p) & _PATTERNED)]
    for _ in range(rng.randint(1, 4)):
        _set(d, rng.choice(leaves), rng.choice(HOSTILE_STRINGS))
    if d.get("measures") and rng.random() < 0.5:
        d["measures"][0]["evidence"] = [{"description": "x", "file": rng.choice(HOSTILE_PATHS).replace(
            "{abs}", str(w_root / "outside" / "sentinel.pdf"))}]
    dossier = folder / rng.choice(["แฟ้ม.json", "a b.json", "-x.json"])
    dossier.write_bytes(json.dumps(d, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass"))
    out = w_root / "out" / rng.choice(["ผล.pdf", "x.xlsx", "p.zip", "d.json", "CON", "a/../b.pdf"])
    cmd = rng.choice(CLI_COMMANDS)
    year = rng.choice(["2565", "2566", "0", "-1", "๒๕๖๕", "99999999999999999999", "x"])
    argv = {
        "import": ["import", str(dossier), "--db", url],
        "import --replace": ["import", str(dossier), "--replace", "--db", url],
        "export": ["export", "--db", url, "--out", str(out), "--office", rng.choice(HOSTILE_STRINGS[:8]) or "x"],
        "check": ["check", "--db", url],
        "check --dossier": ["check", "--dossier", str(dossier)],
        "render": ["render", str(dossier), "--out", str(out)],
        "export-doc": ["export-doc", str(dossier), "--format", rng.choice(["pdf", "docx", "xlsx"]), "--out", str(out)],
        "upload-pack": ["upload-pack", str(dossier), "--year", year, "--out", str(out)],
        "backup": ["backup", "--db", url, "--out", str(out)],
        "restore": ["restore", str(dossier), "--db", url],
        "district": ["district", "--db", url, "--year", year],
        "score": ["score", "--year", year, f"1={rng.choice(HOSTILE_STRINGS[:20])}"],
        "migrate-db": ["migrate-db", "--from", url, "--to", rng.choice([url, "sqlite:///" + str(out), "x://"])],
    }[cmd]
    return [a.replace("\x00", "") for a in argv], db     # no system passes a NUL in a command line


def run_cli_examples(n: int, seed: int) -> tuple[int, int, dict[str, int]]:
    """``n`` command lines (each a fresh ``python -m itadesk`` process) with hostile input.
    Contract: exit code 0, 1 or 2; no "Traceback"; a refusal (2) is Thai; the database
    passes integrity_check, and a refused import leaves its file byte for byte unchanged."""
    import sqlite3

    rng = random.Random(seed)
    root = Path(tempfile.mkdtemp(prefix="itadesk-fuzz-cli-"))
    (root / "outside").mkdir()
    (root / "outside" / "sentinel.pdf").write_bytes(SENTINEL)
    (root / "out").mkdir()
    env = {**os.environ, "ITADESK_HOME": str(root / "home"), "PYTHONIOENCODING": "utf-8"}
    subprocess.run([sys.executable, "-m", "itadesk", "import", str(ROOT / "tests" / "fixtures" / "mini_dossier.json"),
                    "--db", f"sqlite:///{root / 'cli.sqlite3'}"], env=env, capture_output=True, timeout=300)
    failures, ran, by_code = 0, 0, {}
    for _ in range(n):
        argv, db = cli_case(rng, root)
        before = hashlib.sha256(db.read_bytes()).hexdigest() if db.exists() else None
        p = subprocess.run([sys.executable, "-m", "itadesk", *argv], env=env, capture_output=True, timeout=300)
        ran += 1
        err = p.stderr.decode("utf-8", "replace")
        by_code[str(p.returncode)] = by_code.get(str(p.returncode), 0) + 1
        problems = []
        if p.returncode not in (0, 1, 2):
            problems.append(f"exit code {p.returncode}")
        if "Traceback" in err:
            problems.append("Traceback")
        if p.returncode == 2 and not any("\u0e00" <= c <= "\u0e7f" for c in err):
            problems.append("refusal not in Thai")
        if db.exists():
            con = sqlite3.connect(db)
            try:
                if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    problems.append("integrity_check failed")
            finally:
                con.close()
            if argv[0] == "import" and p.returncode == 2 and hashlib.sha256(db.read_bytes()).hexdigest() != before:
                problems.append("refused import changed the database file")
        if (root / "outside" / "sentinel.pdf").read_bytes() != SENTINEL:
            problems.append("sentinel changed")
        if problems:
            failures += 1
            print(f"CLI FAILURE {problems}: itadesk {' '.join(argv)}\n{err[-800:]}", file=sys.stderr)
    shutil.rmtree(root, ignore_errors=True)
    return ran, failures, by_code


TARGETS = {
    "dossier route: hostile values and paths": (hostile_dossier(), check_dossier_route),
    "dossier file: hostile values, dup keys, NaN": (encoded_dossier(), check_encoded_dossier),
    "window fields: hostile text": (window_edits(), check_window_edits),
}
