"""The command line: the same code as the GUI, without a screen.

Imports nothing of Qt at module level (tests/test_layers.py checks it); each command
imports what it needs when it runs so that ``itadesk --version`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

from . import __version__
from .domain.errors import ItaDeskError

COMMANDS = ("score", "import", "export", "check", "render", "gui", "backup", "restore", "migrate-db",
            "district", "export-doc", "upload-pack", "garuda")


# argparse's own words (headings, errors), in Thai.  argparse looks them up through its
# module-level gettext ``_`` at the moment it uses them; ThaiArgumentParser swaps in this table
# only while it builds, parses or prints, so no other argparse user in the process is touched.
_ARGPARSE_TH = {
    "usage: ": "วิธีใช้: ",
    "positional arguments": "ข้อมูลที่ต้องระบุ",
    "options": "ตัวเลือก",
    "optional arguments": "ตัวเลือก",
    "show this help message and exit": "แสดงวิธีใช้นี้แล้วออก",
    "show program's version number and exit": "แสดงรุ่นของโปรแกรมแล้วออก",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ผิดพลาด: %(message)s\n",
    "the following arguments are required: %s": "ยังไม่ได้ระบุ: %s",
    "unrecognized arguments: %s": "ไม่รู้จักตัวเลือก: %s",
    "argument %(argument_name)s: %(message)s": "ตัวเลือก %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ไม่มีตัวเลือก %(value)r (เลือกได้: %(choices)s)",
    "invalid %(type)s value: %(value)r": "ค่า %(value)r ใช้ไม่ได้ (ต้องเป็น %(type)s)",
    "expected one argument": "ต้องตามด้วยค่า 1 ค่า",
    "expected at least one argument": "ต้องตามด้วยค่าอย่างน้อย 1 ค่า",
    "expected at most one argument": "ตามด้วยค่าได้ไม่เกิน 1 ค่า",
    "expected %s argument": "ต้องตามด้วยค่า %s ค่า",
    "expected %s arguments": "ต้องตามด้วยค่า %s ค่า",
    "ambiguous option: %(option)s could match %(matches)s": "ตัวเลือก %(option)s กำกวม อาจหมายถึง %(matches)s",
    "not allowed with argument %s": "ใช้ร่วมกับ %s ไม่ได้",
    "one of the arguments %s is required": "ต้องระบุอย่างใดอย่างหนึ่ง: %s",
    "ignored explicit argument %r": "ตัวเลือกนี้ไม่รับค่า %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "ไม่มีคำสั่ง %(parser_name)r (มี: %(choices)s)",
}
_ARGPARSE_TYPES = {"int": "จำนวนเต็ม", "float": "ตัวเลข"}


class _ThaiArgparseWords:
    depth = 0
    saved: tuple = ()

    def __enter__(self):
        cls = type(self)
        if cls.depth == 0:
            cls.saved = (argparse._, argparse.ngettext)
            orig, orig_n = cls.saved
            argparse._ = lambda m: _ARGPARSE_TH.get(m, orig(m))                    # type: ignore[attr-defined]
            argparse.ngettext = lambda a, b, n: _ARGPARSE_TH.get(a if n == 1 else b, orig_n(a, b, n))  # type: ignore[attr-defined]
        cls.depth += 1
        return self

    def __exit__(self, *exc) -> None:
        cls = type(self)
        cls.depth -= 1
        if cls.depth == 0:
            argparse._, argparse.ngettext = cls.saved    # type: ignore[attr-defined]


class ThaiHelpFormatter(argparse.HelpFormatter):
    def _get_default_metavar_for_optional(self, action) -> str:
        return "ค่า"


class ThaiArgumentParser(argparse.ArgumentParser):
    """argparse with every heading, help line and error message in Thai."""

    def __init__(self, *a, **kw) -> None:
        kw.setdefault("formatter_class", ThaiHelpFormatter)
        with _ThaiArgparseWords():
            super().__init__(*a, **kw)

    def parse_known_args(self, *a, **kw):
        with _ThaiArgparseWords():
            return super().parse_known_args(*a, **kw)

    def parse_args(self, *a, **kw):    # type: ignore[override]
        with _ThaiArgparseWords():
            return super().parse_args(*a, **kw)

    def format_usage(self) -> str:
        with _ThaiArgparseWords():
            return super().format_usage()

    def format_help(self) -> str:
        with _ThaiArgparseWords():
            return super().format_help()

    def add_subparsers(self, **kw):
        with _ThaiArgparseWords():
            return super().add_subparsers(**kw)

    def error(self, message: str) -> None:  # type: ignore[override]
        for en, th in _ARGPARSE_TYPES.items():
            message = message.replace(f"ต้องเป็น {en})", f"ต้องเป็น{th})")
        message = message.replace("ตัวเลือก คำสั่ง: ไม่มีตัวเลือก", "ไม่มีคำสั่ง")
        self.print_usage(sys.stderr)
        self.exit(2, f"itadesk: คำสั่งไม่ถูกต้อง: {message}\nดูวิธีใช้: itadesk --help\n")


def _parser() -> argparse.ArgumentParser:
    p = ThaiArgumentParser(prog="itadesk", description="ITA Desk: คะแนน ITA การวิเคราะห์ มาตรการ และบันทึกข้อความ")
    p.add_argument("--version", action="version", version=f"ITA Desk {__version__}", help="แสดงรุ่นของโปรแกรมแล้วออก")
    p.add_argument("--db", help="ที่อยู่ฐานข้อมูล (SQLAlchemy URL) ค่าเริ่มต้น: ไฟล์ SQLite ในโฟลเดอร์ข้อมูลผู้ใช้")
    sub = p.add_subparsers(dest="command", parser_class=ThaiArgumentParser, title="คำสั่ง", metavar="คำสั่ง",
                           help="ไม่ระบุคำสั่ง: เปิดหน้าต่างโปรแกรม (ดูวิธีใช้ของแต่ละคำสั่ง: itadesk คำสั่ง --help)")

    s = sub.add_parser("score", help="คำนวณคะแนนรวมและระดับจากคะแนนรายตัวชี้วัด")
    s.add_argument("--year", type=int, required=True, help="ปีงบประมาณ พ.ศ. เช่น 2565")
    s.add_argument("scores", nargs="+", metavar="N=คะแนน", help="เช่น 1=96.54 2=93.28 … 10=100")
    s.add_argument("--json", action="store_true", help="แสดงผลเป็น JSON")

    s = sub.add_parser("import", help="นำเข้าแฟ้มข้อมูลหน่วยงาน (JSON) ทั้งหมดหรือไม่นำเข้าเลย")
    s.add_argument("file", metavar="แฟ้มข้อมูล", help="แฟ้มข้อมูลหน่วยงาน (JSON) ที่จะนำเข้า")
    s.add_argument("--replace", action="store_true", help="แทนที่ข้อมูลเดิมของหน่วยงานชื่อเดียวกัน")
    s.add_argument("--db", dest="db_sub")

    s = sub.add_parser("export", help="ส่งออกข้อมูลหน่วยงานเป็นแฟ้ม JSON")
    s.add_argument("--office", help="ชื่อหน่วยงาน (ไม่ระบุ: หน่วยงานแรก)")
    s.add_argument("--out", required=True)
    s.add_argument("--db", dest="db_sub")

    s = sub.add_parser("check", help="ตรวจความถูกต้องของฐานข้อมูลและความสอดคล้องของเอกสาร")
    s.add_argument("--db", dest="db_sub")
    s.add_argument("--dossier", help="ตรวจแฟ้มข้อมูล JSON แทนฐานข้อมูล")
    s.add_argument("--strict", action="store_true", help="ถือว่าข้อควรตรวจสอบเป็นข้อผิดพลาดด้วย (จบด้วยรหัส 1)")
    s.add_argument("--json", action="store_true", help="แสดงผลเป็น JSON (พร้อมตำแหน่งที่เครื่องอ่านได้)")

    s = sub.add_parser("render", help="พิมพ์บันทึกข้อความเป็น PDF")
    s.add_argument("dossier", nargs="?", help="แฟ้มข้อมูล JSON (ไม่ระบุ: ใช้ฐานข้อมูล --db)")
    s.add_argument("--memo", help="รหัสบันทึก (ไม่ระบุ: บันทึกแรก)")
    s.add_argument("--form", help="สร้างบันทึกใหม่จากแบบฟอร์มนี้ แล้วพิมพ์")
    s.add_argument("--year", type=int, help="ปีงบประมาณของบันทึกใหม่ (ใช้กับ --form)")
    s.add_argument("--office", help="ชื่อหน่วยงาน (เมื่อใช้ฐานข้อมูล)")
    s.add_argument("--out", required=True)
    s.add_argument("--db", dest="db_sub")

    s = sub.add_parser("gui", help="เปิดหน้าต่างโปรแกรม")
    s.add_argument("--db", dest="db_sub")
    s.add_argument("--tab", choices=["scores", "analysis", "measures", "memos"])
    s.add_argument("--screenshot", help="บันทึกภาพหน้าต่างเป็น PNG แล้วปิดโปรแกรม")
    s.add_argument("--year", type=int)

    s = sub.add_parser("backup", help="สำรองฐานข้อมูล")
    s.add_argument("--db", dest="db_sub")
    s.add_argument("--out", help="ไฟล์หรือโฟลเดอร์ปลายทาง (ไม่ระบุ: โฟลเดอร์ backups ในโฟลเดอร์ข้อมูล)")
    s.add_argument("--list", action="store_true", help="แสดงรายการไฟล์สำรองในโฟลเดอร์ backups แทนการสำรอง")

    s = sub.add_parser("migrate-db", help="คัดลอกข้อมูลทั้งหมดไปยังฐานข้อมูลอื่น (เช่น จาก SQLite ไป PostgreSQL)")
    s.add_argument("--from", dest="source", required=True, help="ฐานข้อมูลต้นทาง (URL)")
    s.add_argument("--to", dest="target", required=True, help="ฐานข้อมูลปลายทาง (URL) ต้องว่างเปล่า")

    s = sub.add_parser("district", help="จัดอันดับผลการประเมินของหลายหน่วยงานในปีงบประมาณเดียว")
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--xlsx", help="ส่งออกเป็นไฟล์ Excel")
    s.add_argument("--db", dest="db_sub")

    s = sub.add_parser("restore", help="กู้คืนฐานข้อมูลจากไฟล์สำรอง (ไฟล์ปัจจุบันถูกเก็บไว้ ไม่ถูกลบ)")
    s.add_argument("file", nargs="?", help="ไฟล์สำรอง (ไม่ระบุ: ต้องใช้ --latest)")
    s.add_argument("--latest", action="store_true", help="ใช้ไฟล์สำรองล่าสุดที่ผ่านการตรวจความสมบูรณ์")
    s.add_argument("--db", dest="db_sub")

    s = sub.add_parser("export-doc", help="ส่งออกบันทึกข้อความเป็น PDF, PDF/A, Word (DOCX) หรือ Excel (XLSX)")
    s.add_argument("dossier", nargs="?", help="แฟ้มข้อมูล JSON (ไม่ระบุ: ใช้ฐานข้อมูล --db)")
    s.add_argument("--memo", help="รหัสบันทึก (ไม่ระบุ: บันทึกแรก)")
    s.add_argument("--format", required=True, choices=["pdf", "pdfa", "docx", "xlsx"],
                   help="pdf: บันทึกพิมพ์, pdfa: PDF สำหรับเก็บถาวร/เผยแพร่, docx: Word แก้ไขได้, xlsx: ตารางแนบ")
    s.add_argument("--office", help="ชื่อหน่วยงาน (เมื่อใช้ฐานข้อมูล)")
    s.add_argument("--out", required=True)
    s.add_argument("--db", dest="db_sub")

    s = sub.add_parser("upload-pack", help="รวมบันทึกของปีงบประมาณเป็นชุดอัปโหลด (ZIP: PDF, Word, Excel, สารบัญ)")
    s.add_argument("dossier", nargs="?", help="แฟ้มข้อมูล JSON (ไม่ระบุ: ใช้ฐานข้อมูล --db)")
    s.add_argument("--year", type=int, required=True, help="ปีงบประมาณ พ.ศ. ของบันทึก เช่น 2565")
    s.add_argument("--office", help="ชื่อหน่วยงาน (เมื่อใช้ฐานข้อมูล)")
    s.add_argument("--out", required=True, help="ไฟล์ ZIP ปลายทาง")
    s.add_argument("--db", dest="db_sub")

    s = sub.add_parser("garuda", help="นำเข้าตราครุฑของหน่วยงานจากแบบบันทึกข้อความ (.docx) หรือไฟล์ภาพ")
    s.add_argument("source", help="ไฟล์ .docx (รูปที่หัวหน้าแรก) หรือไฟล์ภาพ PNG/JPEG")
    s.add_argument("--dossier", help="ใส่ตราครุฑลงในแฟ้มข้อมูล JSON นี้ (ไม่ระบุ: ใช้ฐานข้อมูล --db)")
    s.add_argument("--office", help="ชื่อหน่วยงาน (เมื่อใช้ฐานข้อมูล)")
    s.add_argument("--db", dest="db_sub")
    return p


def _db_url(args) -> str | None:
    return getattr(args, "db_sub", None) or args.db


def _parse_scores(items: list[str]) -> dict[int, Decimal]:
    from .domain.errors import InputError
    from .domain.thai_format import parse_score, to_arabic_digits

    out: dict[int, Decimal] = {}
    for it in items:
        if "=" not in it:
            raise InputError(f"“{it}” ต้องอยู่ในรูป หมายเลขตัวชี้วัด=คะแนน เช่น 1=96.54")
        k, v = it.split("=", 1)
        k = to_arabic_digits(k.strip())
        if not k.isdigit():
            raise InputError(f"“{k}” ไม่ใช่หมายเลขตัวชี้วัด")
        out[int(k)] = parse_score(v)
    return out


def cmd_score(args) -> int:
    from .domain.errors import InputError
    from .domain.frameworks import load_framework
    from .domain.scoring import compute
    from .domain.thai_format import format_score

    fw = load_framework(args.year)
    scores = _parse_scores(args.scores)
    unknown = sorted(set(scores) - {i.number for i in fw.indicators})
    if unknown:
        raise InputError(f"ไม่มีตัวชี้วัดที่ {', '.join(map(str, unknown))} ในกรอบการประเมินปี {args.year}")
    r = compute(fw, scores)
    if args.json:
        print(json.dumps({
            "fiscal_year": args.year,
            "total": None if r.total is None else f"{r.total:.2f}",
            "level": r.level,
            "tools": {k: f"{v:.2f}" for k, v in r.tools.items()},
            "missing": list(r.missing),
        }, ensure_ascii=False))
        return 0
    print(f"ปีงบประมาณ พ.ศ. {args.year}")
    for ind in fw.indicators:
        v = scores.get(ind.number)
        print(f"  {ind.number:>2}. {ind.tool} {ind.name}: {format_score(v, thai=False) if v is not None else '-'}")
    for t in fw.tools:
        v = r.tools.get(t.code)
        print(f"{t.code} ({t.weight}%) {t.name}: {format_score(v, thai=False) if v is not None else '-'}")
    if r.total is None:
        print(f"ยังคำนวณคะแนนรวมไม่ได้: ขาดคะแนนตัวชี้วัดที่ {', '.join(map(str, r.missing))}")
        return 1
    print(f"คะแนนรวม: {format_score(r.total, thai=False)}")
    print(f"ระดับผลการประเมิน: {r.level}")
    return 0


def _open(args):
    from .store.session import open_database

    return open_database(_db_url(args), read_only_ok=args.command in READ_ONLY_COMMANDS)


def cmd_import(args) -> int:
    from contextlib import nullcontext

    from .store.concurrency import exclusive_database, sqlite_file_of
    from .store.dossier import import_dossier, load_dossier_file

    data = load_dossier_file(args.file)
    guard = (exclusive_database(sqlite_file_of(_db_url(args)), "นำเข้าแทนที่ข้อมูลเดิม") if args.replace
             else nullcontext())
    with guard:
        db = _open(args)
        try:
            with db.session() as s, s.begin():
                office = import_dossier(s, data, replace=args.replace, source_dir=Path(args.file).parent)
                name = office.name
                counts = (len(office.assessments), len(office.measures), len(office.memos))
        finally:
            db.dispose()
    print(f"นำเข้า “{name}” แล้ว: {counts[0]} ปีงบประมาณ, {counts[1]} มาตรการ, {counts[2]} บันทึกข้อความ")
    return 0


def _atomic_write(path: Path, data: bytes) -> None:
    from .domain.safety import write_atomic

    write_atomic(path, data)


def cmd_export(args) -> int:
    from .store.dossier import dumps

    data = _office_dossier(args)
    _atomic_write(Path(args.out), dumps(data).encode("utf-8"))
    print(f"ส่งออก “{data['office']['name']}” ไปที่ {args.out} แล้ว")
    return 0


def _dossiers_for_check(args) -> list[dict]:
    from .store.dossier import load_dossier_file, office_to_dossier
    from .store.repo import list_offices
    from .store.session import integrity_check

    if args.dossier:
        return [load_dossier_file(args.dossier)]
    db = _open(args)
    try:
        problem = integrity_check(db.engine)
        if problem:
            raise ItaDeskError(f"ฐานข้อมูลไม่ผ่านการตรวจความสมบูรณ์: {problem}")
        with db.session() as s:
            return [office_to_dossier(o) for o in list_offices(s)]
    finally:
        db.dispose()


def cmd_check(args) -> int:
    import datetime as dt

    from .domain.analysis import default_rules, rules_with
    from .domain.checks import check_dossier, exit_code, summary

    dossiers = _dossiers_for_check(args)
    every = []
    report = []
    if not args.dossier and not args.json:
        print("ฐานข้อมูล: ผ่านการตรวจความสมบูรณ์")
    for d in dossiers:
        name = d["office"]["name"]
        rules = rules_with(default_rules(), d["office"].get("analysis_rules"))
        findings = check_dossier(d, today=dt.date.today(), rules=rules)
        every += findings
        if args.json:
            report.append({"office": name, "findings": [
                {"severity": f.severity, "code": f.code, "family": f.family, "place": f.place,
                 "message": f.message, "location": f.loc.as_dict(), "where": f.where} for f in findings]})
            continue
        if not findings:
            print(f"{name}: ไม่พบปัญหา")
        for f in findings:
            tag = "ผิดพลาด" if f.severity == "error" else "ข้อควรตรวจสอบ"
            print(f"{name}: [{tag}] {f.place}: {f.message}")
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(summary(every) + (" (--strict: ข้อควรตรวจสอบนับเป็นข้อผิดพลาด)" if args.strict else ""))
    return exit_code(every, args.strict)


def cmd_render(args) -> int:
    from .documents import new_memo_from_form, render_memo_bytes

    dossier = _dossier_for_export(args)
    memo_key = args.memo
    if args.form:
        import datetime as dt

        from .domain.thai_format import fiscal_year_of

        year = args.year or fiscal_year_of(dt.date.today())
        memo = new_memo_from_form(dossier, args.form, year)
        dossier.setdefault("memos", []).append(memo)
        memo_key = memo["key"]
    elif not dossier.get("memos"):
        raise ItaDeskError("แฟ้มข้อมูลนี้ยังไม่มีบันทึกข้อความ ใช้ --form เพื่อสร้างบันทึกใหม่จากแบบฟอร์ม")
    elif memo_key and memo_key not in {m["key"] for m in dossier["memos"]}:
        keys = ", ".join(m["key"] for m in dossier["memos"])
        raise ItaDeskError(f"ไม่พบบันทึกรหัส “{memo_key}” (มี: {keys})")
    pdf, info = render_memo_bytes(dossier, memo_key)
    _atomic_write(Path(args.out), pdf)
    print(f"พิมพ์บันทึกข้อความเป็น {args.out} แล้ว ({info.pages} หน้า)")
    return 0


def cmd_garuda(args) -> int:
    """The office's Garuda from its Word memo template or an image, into a dossier file or the
    database (the profile's ตราสัญลักษณ์)."""
    import base64

    from .documents.garuda import emblem_from_file

    png = emblem_from_file(args.source)
    if args.dossier:
        from .store.dossier import dumps, load_dossier_file

        data = load_dossier_file(args.dossier)
        data["office"]["emblem_png_base64"] = base64.b64encode(png).decode("ascii")
        _atomic_write(Path(args.dossier), dumps(data).encode("utf-8"))
        name = data["office"]["name"]
    else:
        from .store.repo import get_office

        db = _open(args)
        try:
            with db.session() as s, s.begin():
                office = get_office(s, args.office)
                office.emblem_png = png
                name = office.name
        finally:
            db.dispose()
    print(f"นำเข้าตราครุฑของ{name}แล้ว (ภาพ PNG {max(1, round(len(png) / 1024))} KB)")
    return 0


def cmd_gui(args) -> int:
    from .app import run_gui

    return run_gui(db_url=_db_url(args), tab=getattr(args, "tab", None),
                   screenshot=getattr(args, "screenshot", None), year=getattr(args, "year", None))


def cmd_backup(args) -> int:
    from .store.backup import backup_name, backup_sqlite, list_backups

    if args.list:
        backups = list_backups()
        if not backups:
            print("ยังไม่มีไฟล์สำรองในโฟลเดอร์ backups")
        for b in backups:
            print(f"{b.when:%Y-%m-%d %H:%M:%S}  {b.size // 1024:>8} KB  {b.reason}  {b.path}")
        return 0
    db = _open(args)
    try:
        if not db.is_sqlite:
            raise ItaDeskError("การสำรองข้อมูลด้วยคำสั่งนี้ใช้ได้กับฐานข้อมูล SQLite เท่านั้น สำหรับ PostgreSQL ใช้ pg_dump")
        if args.out:
            out = Path(args.out)
            if out.is_dir():
                out = out / backup_name("manual")
            if db.sqlite_path is not None and out.resolve() == db.sqlite_path.resolve():
                raise ItaDeskError("ไฟล์ปลายทางคือฐานข้อมูลที่ใช้อยู่ กรุณาเลือกไฟล์อื่น")
            dest = backup_sqlite(db.engine, dest=out)
        else:
            dest = backup_sqlite(db.engine, reason="manual")
    finally:
        db.dispose()
    print(f"สำรองข้อมูลไว้ที่ {dest}")
    return 0


def cmd_migrate_db(args) -> int:
    from .store.transfer import transfer

    report = transfer(args.source, args.target)
    for table, (a, b) in report.counts.items():
        print(f"{table}: ต้นทาง {a} แถว ปลายทาง {b} แถว")
    print("คัดลอกครบถ้วน จำนวนแถวตรงกันทุกตาราง")
    return 0


def cmd_district(args) -> int:
    from .domain.thai_format import format_score
    from .store.district import district_results

    db = _open(args)
    try:
        with db.session() as s:
            results = district_results(s, args.year)
    finally:
        db.dispose()
    if args.xlsx:
        from .documents.district_xlsx import write_district_xlsx

        write_district_xlsx(results, args.year, Path(args.xlsx))
        print(f"บันทึกไฟล์ {args.xlsx} แล้ว")
    print(f"ผลการประเมินปีงบประมาณ พ.ศ. {args.year}: {len(results)} หน่วยงาน")
    for r in results:
        rank = str(r.rank) if r.rank else "-"
        change = "" if r.change is None else f" ({r.direction} {format_score(abs(r.change), thai=False)})"
        print(f"{rank:>4}. {r.office}: {format_score(r.total, thai=False)} {r.level or 'ยังไม่ครบ'}{change}")
    return 0


def cmd_restore(args) -> int:
    from .store.backup import latest_good_backup
    from .store.restore import restore_sqlite

    if args.latest:
        if args.file:
            raise ItaDeskError("ระบุไฟล์สำรอง หรือ --latest อย่างใดอย่างหนึ่ง")
        best = latest_good_backup()
        if best is None:
            raise ItaDeskError("ไม่พบไฟล์สำรองที่ใช้ได้ในโฟลเดอร์ backups")
        source = best.path
    elif args.file:
        source = Path(args.file)
    else:
        raise ItaDeskError("กรุณาระบุไฟล์สำรอง หรือใช้ --latest (ดูรายการด้วย itadesk backup --list)")
    from .store.concurrency import exclusive_database, sqlite_file_of

    with exclusive_database(sqlite_file_of(_db_url(args)), "กู้คืนข้อมูล"):
        aside = restore_sqlite(source, _db_url(args))
    print(f"กู้คืนข้อมูลจาก {source} แล้ว")
    if aside is not None:
        print(f"ฐานข้อมูลเดิมเก็บไว้ที่ {aside}")
    return 0


def _office_dossier(args) -> dict:
    """The office (``--office`` or the first) of the database, as a dossier."""
    from .store.dossier import export_office

    db = _open(args)
    try:
        with db.session() as s:
            return export_office(s, args.office)
    finally:
        db.dispose()


def _dossier_for_export(args) -> dict:
    """A dossier file when one is named, else the office from the database."""
    from .store.dossier import load_dossier_file

    return load_dossier_file(args.dossier) if args.dossier else _office_dossier(args)


def cmd_export_doc(args) -> int:
    dossier = _dossier_for_export(args)
    memos = dossier.get("memos") or []
    if not memos:
        raise ItaDeskError("แฟ้มข้อมูลนี้ยังไม่มีบันทึกข้อความ")
    if args.memo and args.memo not in {m["key"] for m in memos}:
        keys = ", ".join(m["key"] for m in memos)
        raise ItaDeskError(f"ไม่พบบันทึกรหัส “{args.memo}” (มี: {keys})")
    fmt = args.format
    if fmt == "pdf":
        from .documents.memo_pdf import render_memo_bytes

        data, info = render_memo_bytes(dossier, args.memo)
        what = f"PDF ({info.pages} หน้า)"
    elif fmt == "pdfa":
        from .documents.pdfa import archival_pdf_bytes

        data, info = archival_pdf_bytes(dossier, args.memo, pdfa=True)
        what = f"PDF/A-2b ({info.pages} หน้า)"
    elif fmt == "docx":
        from .documents.docx_writer import memo_docx_bytes

        data, dinfo = memo_docx_bytes(dossier, args.memo)
        what = f"Word ({dinfo.sections} ส่วน, ฟอนต์ {dinfo.font})"
    else:
        from .documents.xlsx_writer import memo_xlsx_bytes

        data, xinfo = memo_xlsx_bytes(dossier, args.memo)
        what = f"Excel ({len(xinfo.sheets)} แผ่นงาน)"
    _atomic_write(Path(args.out), data)
    print(f"ส่งออกบันทึกข้อความเป็น {what} ที่ {args.out} แล้ว")
    return 0


def cmd_upload_pack(args) -> int:
    from .documents.upload_pack import build_upload_pack

    dossier = _dossier_for_export(args)
    info = build_upload_pack(dossier, args.year, Path(args.out))
    files = [e for e in info.entries if e.kind in ("pdf", "docx", "xlsx")]
    print(f"สร้างชุดอัปโหลดปีงบประมาณ {args.year} ที่ {args.out} แล้ว ({len(files)} ไฟล์เอกสาร)")
    for e in files:
        print(f"  {e.item_code or '-'}  {e.path}")
    return 0


# ---------------------------------------------------------------- one wrapper around every command
_DOSSIER_ARG = {"import": "file", "check": "dossier", "render": "dossier", "export-doc": "dossier",
                "upload-pack": "dossier"}
_OUT_ARG = {"export": "out", "render": "out", "export-doc": "out", "upload-pack": "out", "district": "xlsx",
            "backup": "out", "gui": "screenshot"}
# commands that only read the database: they work on a read-only database file too
READ_ONLY_COMMANDS = frozenset({"export", "check", "render", "export-doc", "upload-pack", "district", "backup"})


def _check_input_file(path: str, limit: int | None, kind: str = "ไฟล์ .json ") -> None:
    from .faults import check_input_file

    check_input_file(path, limit, kind)


def _check_output_path(path: str, *, folder_ok: bool) -> None:
    """Refuse, before any work, an output that cannot be written: a folder, a missing folder."""
    import os

    from .domain.errors import InputError
    from .faults import IS_FOLDER, NO_FOLDER, NOT_FOLDER

    if os.path.isdir(path):
        if folder_ok:
            return
        raise InputError(IS_FOLDER.format(path=path, sep=os.sep))
    parent = os.path.dirname(os.path.abspath(path))
    if os.path.exists(parent) and not os.path.isdir(parent):
        raise InputError(NOT_FOLDER.format(path=path))
    if not os.path.exists(parent):
        raise InputError(NO_FOLDER.format(path=parent))


def _check_paths(args) -> None:
    from .faults import MAX_DOSSIER_BYTES

    name = _DOSSIER_ARG.get(args.command)
    if name and getattr(args, name, None):
        _check_input_file(getattr(args, name), MAX_DOSSIER_BYTES, "ไฟล์ .json ")
    if args.command == "restore" and getattr(args, "file", None):
        _check_input_file(args.file, None, "ไฟล์สำรอง .sqlite3 ")
    out = _OUT_ARG.get(args.command)
    if out and getattr(args, out, None):
        _check_output_path(getattr(args, out), folder_ok=args.command == "backup")
    if args.command == "restore":     # it replaces the file and keeps the old one beside it
        from .store.session import READ_ONLY_REFUSED, sqlite_writable

        target = _sqlite_path(args)
        if target and not sqlite_writable(Path(target)):
            raise ItaDeskError(READ_ONLY_REFUSED.format(path=target))


def _log_failure(exc: BaseException) -> str | None:
    """The technical detail into the (private, password-filtered) log file; its path, or None."""
    import logging

    try:
        from .logfile import setup_logging

        path = setup_logging()
        logging.getLogger("itadesk.cli").error("command failed", exc_info=exc)
        return str(path)
    except Exception:     # no log file either (the data folder is the problem): the message is enough
        return None


def _sqlite_path(args) -> str | None:
    """The SQLite file the command works on (for messages), or None."""
    try:
        from sqlalchemy.engine import make_url

        from .paths import default_db_path

        url = _db_url(args)
        if not url:
            return str(default_db_path())
        u = make_url(url)
        return u.database if u.get_backend_name() == "sqlite" and u.database != ":memory:" else None
    except Exception:
        return None


def _failure_message(exc: BaseException, args) -> str:
    from .faults import explain
    from .redact import redact_text

    msg = explain(exc, _sqlite_path(args))
    if msg is None:
        log_path = _log_failure(exc)
        where = f" รายละเอียดทางเทคนิคบันทึกไว้ในไฟล์ {log_path}" if log_path else ""
        msg = (f"คำสั่งนี้ทำงานไม่สำเร็จเพราะเกิดข้อผิดพลาดที่ไม่คาดคิด ({type(exc).__name__}: {exc}) "
               f"ข้อมูลที่บันทึกไว้แล้วไม่เสียหาย{where} กรุณาแจ้งผู้ดูแลระบบพร้อมข้อความนี้")
    return redact_text(msg)


def run_command(args) -> int:
    """Run one parsed command: every failure becomes a Thai message on stderr and exit code 2."""
    from .redact import redact_text, register_url

    for url in (getattr(args, "db", None), getattr(args, "db_sub", None), getattr(args, "source", None),
                getattr(args, "target", None)):
        register_url(url)
    handler = globals()[f"cmd_{args.command.replace('-', '_')}"]
    try:
        from .paths import setup_pythainlp_env

        setup_pythainlp_env()
        _check_paths(args)
        return handler(args)
    except ItaDeskError as e:
        print(f"ผิดพลาด: {redact_text(e)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("ยกเลิกแล้ว", file=sys.stderr)
        return 130
    except MemoryError:
        print("ผิดพลาด: หน่วยความจำของเครื่องไม่พอสำหรับงานนี้ ข้อมูลที่บันทึกไว้แล้วไม่เสียหาย "
              "กรุณาปิดโปรแกรมอื่นแล้วลองใหม่", file=sys.stderr)
        return 2
    except Exception as e:      # disk, permissions, the unexpected: never a traceback for the clerk
        print(f"ผิดพลาด: {_failure_message(e, args)}", file=sys.stderr)
        return 2


def main(argv: list[str]) -> int:
    for stream in (sys.stdout, sys.stderr):  # Windows consoles are cp874/cp1252 otherwise
        try:
            stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass
    parser = _parser()
    args = parser.parse_args(argv)     # --help and --version end here: no folder is needed for them
    if args.command is None:
        args.command = "gui"
        args.db_sub = None
    return run_command(args)
