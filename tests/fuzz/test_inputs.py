"""Hand-picked bad inputs for the score import, file names and atomic writes."""

import io
import os
import zipfile
from decimal import Decimal

import pytest

from itadesk.domain.errors import InputError
from itadesk.domain.filenames import is_reserved, safe_filename, safe_join
from itadesk.domain.frameworks import load_framework
from itadesk.domain.score_import import (MAX_CSV_BYTES, decode_text, looks_like_formula, parse_scores_csv,
                                         parse_scores_file, parse_scores_xlsx)
from itadesk.domain.safety import WriteError, write_atomic

from .targets import _xlsx_bytes

FW = None


@pytest.fixture(scope="module")
def fw():
    return load_framework(2565)


SEED_CSV = ("ตัวชี้วัด,คะแนน\n" + "\n".join(f"{n},{v}" for n, v in zip(
    range(1, 11), "96.54 93.28 96.07 94.65 85.14 79.79 72.04 73.20 89.29 100".split())) + "\n")


# ------------------------------------------------------------------ CSV

@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "cp874", "tis-620", "utf-16"])
def test_csv_encodings(fw, enc):
    text = "ตัวชี้วัด\tคะแนน\nการปฏิบัติหน้าที่\t๙๖.๕๔\nตัวชี้วัดที่ ๒\t93,28\n"
    assert parse_scores_csv(text.encode(enc), fw) == {1: Decimal("96.54"), 2: Decimal("93.28")}


def test_csv_seed_and_semicolon_decimal_comma(fw):
    got = parse_scores_csv(SEED_CSV.encode(), fw)
    assert len(got) == 10 and got[10] == Decimal("100.00")
    assert parse_scores_csv("1;95,13\n2;88\n".encode(), fw) == {1: Decimal("95.13"), 2: Decimal("88.00")}


@pytest.mark.parametrize("body, row, words", [
    ("1,96.54\n2,=1+1\n", 2, "สูตร"),
    ("1,96.54\n@SUM(A1),5\n", 2, "สูตร"),
    ("1,96.54\n2,\"+cmd|' /C calc'!A0\"\n", 2, "สูตร"),
    ("1,96.54\n2,101\n", 2, "นอกช่วง"),
    ("1,96.54\n2,-5\n", 2, "นอกช่วง"),
    ("1,96.54\n2,95.123\n", 2, "ทศนิยม"),
    ("1,96.54\n1,90\n", 2, "ซ้ำกับแถวที่ 1"),
    ("1,96.54\n11,90\n", 2, "ไม่มีตัวชี้วัดที่ 11"),
    ("1,96.54\nการเงิน,90\n", 2, "ไม่รู้จักตัวชี้วัด"),
    ("1 การใช้งบประมาณ,90\n", 1, "ไม่ตรงกับชื่อ"),
    ("1,95,13\n", 1, "จุลภาค"),
    ("1,abc\n", 1, "ไม่ใช่ตัวเลข"),
])
def test_csv_errors_name_the_row(fw, body, row, words):
    with pytest.raises(InputError) as e:
        parse_scores_csv(body.encode(), fw, name="คะแนน.csv")
    msg = str(e.value)
    assert f"แถวที่ {row}" in msg and words in msg and "ไม่ได้นำเข้าคะแนนใด ๆ" in msg


def test_csv_whole_file_refusals(fw):
    for data, words in [(b"", "ไม่พบคะแนน"), (b"\x00\x01\x02", "ไบนารี"), (b"\x81\xff\xfe", "รหัสอักขระ"),
                        (b"x" * (MAX_CSV_BYTES + 1), "ใหญ่เกินไป"), (_xlsx_bytes([[1, 2]]), "Excel"),
                        ("ตัวชี้วัด,คะแนน\n".encode(), "ไม่พบคะแนน")]:
        with pytest.raises(InputError, match=words):
            parse_scores_csv(data, fw)


def test_csv_names_need_a_framework():
    with pytest.raises(InputError, match="เลือกปีงบประมาณ"):
        parse_scores_csv("การปฏิบัติหน้าที่,90\n".encode())
    assert parse_scores_csv(b"1,90\n") == {1: Decimal("90.00")}


def test_tis620_that_looks_like_utf8():
    raw = "รก".encode("cp874")   # C3 A1 is also valid UTF-8 ("á")
    assert decode_text(raw) == "รก"


def test_formula_detection():
    assert looks_like_formula("=1+1") and looks_like_formula(" @A1") and looks_like_formula("+cmd")
    assert not looks_like_formula("-5") and not looks_like_formula("+95.13") and not looks_like_formula("๙๕")


# ------------------------------------------------------------------ XLSX

def test_xlsx_numbers_text_and_thai_names(fw):
    data = _xlsx_bytes([["ตัวชี้วัด", "คะแนน", "หมายเหตุ"], [1, 96.54], ["การใช้งบประมาณ", "๙๓.๒๘"],
                        [None, None], [3.0, 96.07, "ok"]])
    assert parse_scores_xlsx(data, fw) == {1: Decimal("96.54"), 2: Decimal("93.28"), 3: Decimal("96.07")}
    assert parse_scores_file(data, fw) == parse_scores_xlsx(data, fw)


def test_xlsx_formula_refused_with_row(fw):
    data = _xlsx_bytes([[1, 90], [2, "=B1+1"]])
    with pytest.raises(InputError, match="แถวที่ 2.*สูตร"):
        parse_scores_xlsx(data, fw)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in members.items():
            z.writestr(n, b)
    return buf.getvalue()


def test_xlsx_zip_bomb_refused_before_opening(fw, monkeypatch):
    import openpyxl

    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("openpyxl was reached"))
    bomb = _zip({"[Content_Types].xml": b"<x/>", "xl/worksheets/sheet1.xml": b"\0" * (60 * 1024 * 1024)})
    assert len(bomb) < 200_000
    with pytest.raises(InputError, match="zip bomb|ใหญ่เกินไป"):
        parse_scores_xlsx(bomb, fw)
    many = _zip({f"xl/worksheets/s{n}.xml": b"" for n in range(600)})
    with pytest.raises(InputError, match="ส่วน"):
        parse_scores_xlsx(many, fw)


def test_xlsx_billion_laughs_is_refused(fw):
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
                      for i in range(1, 10))
           + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>')
    good = _xlsx_bytes([[1, "x"]])
    zin = zipfile.ZipFile(io.BytesIO(good))
    members = {n: zin.read(n) for n in zin.namelist()}
    members["xl/sharedStrings.xml"] = lol
    with pytest.raises(InputError):
        parse_scores_xlsx(_zip(members), fw)


def test_xlsx_other_refusals(fw):
    for data, words in [(b"\xd0\xcf\x11\xe0" + b"\0" * 100, "รุ่นเก่า"), (b"PK\x03\x04garbage", "ไม่ใช่ไฟล์ Excel"),
                        (_zip({"a.txt": b"x"}), "ไม่ใช่ไฟล์ Excel")]:
        with pytest.raises(InputError, match=words):
            parse_scores_xlsx(data, fw)


# ------------------------------------------------------------------ file names

@pytest.mark.parametrize("raw, expected", [
    ("รายงานผล ITA ๒๕๖๕.pdf", "รายงานผล ITA ๒๕๖๕.pdf"),
    ('a<b>c:d"e/f\\g|h?i*j.docx', "a_b_c_d_e_f_g_h_i_j.docx"),
    ("CON", "_CON"), ("nul.txt", "_nul.txt"), ("com1.pdf", "_com1.pdf"), ("LPT9", "_LPT9"),
    ("report. . .", "report"), ("  ..hidden  ", "hidden"), ("", "ไฟล์"), ("...", "ไฟล์"),
    ("\u202efdp.exe", "fdp.exe"), ("a\tb\nc", "a_b_c"),
])
def test_safe_filename(raw, expected):
    assert safe_filename(raw) == expected


def test_safe_filename_cuts_by_utf8_bytes_and_keeps_extension():
    name = "บันทึกข้อความรายงานผลการดำเนินงานตามมาตรการ" * 10 + ".pdf"
    out = safe_filename(name)
    assert out.endswith(".pdf") and len(out.encode("utf-8")) <= 200 and out.startswith("บันทึก")
    assert not is_reserved(out)


@pytest.mark.parametrize("bad", ["../x", "..\\x", "a/../../b", "/etc/passwd", "C:\\Windows\\x", "c:x",
                                 "\\\\server\\share\\x", "", "  ", "a//b", "./a", "CON", "a/NUL.txt", "x:y"])
def test_safe_join_refuses(tmp_path, bad):
    with pytest.raises(InputError):
        safe_join(tmp_path, bad)


def test_safe_join_accepts_relative_thai(tmp_path):
    assert safe_join(tmp_path, "หลักฐาน/๒๕๖๕/รูป 1.png") == tmp_path.resolve() / "หลักฐาน" / "๒๕๖๕" / "รูป 1.png"
    assert safe_join(tmp_path, "a\\b.pdf") == tmp_path.resolve() / "a" / "b.pdf"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_safe_join_refuses_symlink_escape(tmp_path):
    (tmp_path / "base").mkdir()
    try:
        (tmp_path / "base" / "link").symlink_to(tmp_path)
    except OSError:
        pytest.skip("cannot create symlinks")
    with pytest.raises(InputError, match="นอกโฟลเดอร์"):
        safe_join(tmp_path / "base", "link/x.txt")


# ------------------------------------------------------------------ atomic writes

def test_write_atomic_replaces_whole_and_leaves_no_temp(tmp_path):
    p = tmp_path / "ส่งออก" / "แฟ้ม.json"
    write_atomic(p, b"old")
    write_atomic(p, "ใหม่".encode())
    assert p.read_bytes() == "ใหม่".encode() and [x.name for x in p.parent.iterdir()] == ["แฟ้ม.json"]


def test_write_atomic_failure_keeps_old_file(tmp_path, monkeypatch):
    p = tmp_path / "a.json"
    write_atomic(p, b"old")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(WriteError, match="ดิสก์ไม่เต็ม"):
        write_atomic(p, b"new")
    assert p.read_bytes() == b"old" and [x.name for x in tmp_path.iterdir()] == ["a.json"]


@pytest.mark.parametrize("name", ["ที่", "รายงานผลที่.pdf", "หลักฐานที่", "ผู้ใหญ่", "0\u0300\u0300"])
def test_safe_filename_keeps_a_final_tone_mark_and_is_idempotent(name):
    """Found by fuzzing (seed 3496327108): a name ending in a mark lost it when nothing was
    cut ("ที่" became "ที", another word), and the result changed again on a second pass."""
    import unicodedata

    out = safe_filename(name)
    assert out == unicodedata.normalize("NFC", name) and safe_filename(out) == out


def test_xlsx_with_an_infinite_number_is_refused_in_thai():
    """Found by fuzzing (seed 3496327108): a cell holding infinity raised OverflowError."""
    fw = load_framework(2565)
    for rows in ([[float("inf"), 95]], [["ตัวชี้วัด", "คะแนน"], [1, float("-inf")]], [[float("inf"), None]]):
        with pytest.raises(InputError):
            parse_scores_xlsx(_xlsx_bytes(rows), fw)


@pytest.mark.parametrize("bad", ["1e999", "-1e999"])
def test_xlsx_infinite_indicator_number_refused_in_thai(fw, bad):
    """Found by the fuzzer (FUZZ_SEED=3925400029): an infinite number in the indicator column
    raised OverflowError instead of a Thai message (1e999 reads as infinity)."""
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(_xlsx_bytes([[12345, 90], [2, 93.28]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:          # the cell as another program may write it
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                body = body.replace(b"<v>12345</v>", f"<v>{bad}</v>".encode())
            z.writestr(info, body)
    data = out.getvalue()
    with pytest.raises(InputError, match="แถวที่ 1"):
        parse_scores_xlsx(data, fw)
