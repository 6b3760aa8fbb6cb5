"""The per-year upload pack: listing, Windows-safe names, index, no escaping paths, crash safety."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itadesk.documents import upload_pack
from itadesk.documents.upload_pack import SIGNED_DIR, build_upload_pack, oit_item_for, safe_filename

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
PACKS = [(p, y) for p in EXAMPLES
         for y in sorted({m["fiscal_year"] for m in json.loads(p.read_text(encoding="utf-8"))["memos"]})]
WIN_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
WIN_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def load(p: Path) -> dict:
    return json.loads(p.read_text(encoding="utf-8"))


def windows_ok(component: str) -> bool:
    """Independent of the code under test: what Windows refuses in a path component."""
    if not component or component in (".", "..") or WIN_BAD.search(component):
        return False
    if component[-1] in ". ":
        return False
    if component.split(".")[0].strip().upper() in WIN_RESERVED:
        return False
    return len(component.encode("utf-16-le")) // 2 <= 255 and len(component.encode("utf-8")) <= 255


def check_member_path(name: str) -> None:
    p = PurePosixPath(name.rstrip("/"))
    assert not p.is_absolute() and "\\" not in name and ":" not in name
    assert ".." not in p.parts and "." not in p.parts
    for part in p.parts:
        assert windows_ok(part), part
    assert len(name) < 200        # well under MAX_PATH 260 once unzipped into a folder


@pytest.mark.parametrize("path,year", PACKS, ids=[f"{p.stem}:{y}" for p, y in PACKS])
def test_pack_listing_names_and_index(path, year, tmp_path):
    d = load(path)
    out = tmp_path / "pack.zip"
    info = build_upload_pack(d, year, out, font="Sarabun")
    assert out.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    with zipfile.ZipFile(out) as zf:
        assert zf.testzip() is None
        names = zf.namelist()
        infos = zf.infolist()
        for zi in infos:
            check_member_path(zi.filename)
            if any(ord(c) > 127 for c in zi.filename):
                assert zi.flag_bits & 0x800          # UTF-8 names
        top = {PurePosixPath(n).parts[0] for n in names}
        assert top == {info.folder}
        memos = [m for m in d["memos"] if m["fiscal_year"] == year]
        for kind in ("pdf", "docx", "xlsx"):
            assert len([n for n in names if n.endswith("." + kind)]) == len(memos)
        assert f"{info.folder}/{SIGNED_DIR}/" in names
        readme = zf.read(f"{info.folder}/{SIGNED_DIR}/อ่านก่อน.txt").decode("utf-8-sig")
        assert "สแกน" in readme and "ลงนาม" in readme
        # the index lists every file with its item code and title
        rows = list(csv.reader(io.StringIO(zf.read(f"{info.folder}/index.csv").decode("utf-8-sig"))))
        assert rows[0] == ["ไฟล์", "รหัสข้อ OIT", "ชื่อข้อ OIT", "ชนิด", "เรื่อง"]
        listed = {r[0] for r in rows[1:]}
        files = {PurePosixPath(n).relative_to(info.folder).as_posix() for n in names if not n.endswith("/")}
        assert listed == files
        txt = zf.read(f"{info.folder}/index.txt").decode("utf-8")
        html = zf.read(f"{info.folder}/index.html").decode("utf-8")
        for f in files:
            assert f in txt
            assert f.replace("&", "&amp;") in html
        for r in rows[1:]:
            if r[0].endswith((".pdf", ".docx", ".xlsx")):
                assert r[0].startswith(r[1] + " ") if r[1] else not re.match(r"O\d+ ", r[0])
        # the files open: PDF/A, DOCX and XLSX
        for n in names:
            if n.endswith(".pdf"):
                from itadesk.documents.pdfa import pdfa_problems

                assert pdfa_problems(zf.read(n)) == []
            elif n.endswith(".docx"):
                import docx

                assert docx.Document(io.BytesIO(zf.read(n))).paragraphs[0].text.endswith("บันทึกข้อความ")
            elif n.endswith(".xlsx"):
                from openpyxl import load_workbook

                assert load_workbook(io.BytesIO(zf.read(n))).sheetnames


def test_item_codes_by_title():
    """O42/O43 in 2562–2566, O25/O26 in 2569, none where the framework has no such item."""
    plan, results = {"form": "analysis_report"}, {"form": "measures_results"}
    for y in range(2562, 2567):
        assert oit_item_for(plan, y).code == "O42"
        assert oit_item_for({"form": "measures_plan"}, y).code == "O42"
        assert oit_item_for(results, y).code == "O43"
    assert oit_item_for(plan, 2569).code == "O25"
    assert oit_item_for(results, 2569).code == "O26"
    assert oit_item_for(plan, 2567) is None and oit_item_for(results, 2568) is None
    assert oit_item_for({"form": "something_else"}, 2565) is None
    assert oit_item_for(plan, 2500) is None          # no framework for that year


def test_pack_codes_in_names(tmp_path):
    d = load(ROOT / "examples" / "seed003_wiang_measures_2566.json")
    info = build_upload_pack(d, 2566, tmp_path / "a.zip", font="Sarabun")
    docs = [e for e in info.entries if e.kind in ("pdf", "docx", "xlsx")]
    assert {e.item_code for e in docs} == {"O43"}
    assert all(PurePosixPath(e.path).name.startswith("O43 ") for e in docs)
    # the same memo filed in 2569: looked up by title, O26
    for m in d["memos"]:
        m["fiscal_year"] = 2569
    info = build_upload_pack(d, 2569, tmp_path / "b.zip", font="Sarabun")
    assert {e.item_code for e in info.entries if e.kind == "pdf"} == {"O26"}
    d2 = load(ROOT / "examples" / "seed002_phusang_report_2567.json")
    info = build_upload_pack(d2, 2567, tmp_path / "c.zip", font="Sarabun")
    assert {e.item_code for e in info.entries if e.kind == "pdf"} == {""}


def test_two_memos_same_subject_get_distinct_names(tmp_path):
    d = load(ROOT / "examples" / "seed003_wiang_measures_2566.json")
    m2 = json.loads(json.dumps(d["memos"][0]))
    m2["key"] = "copy"
    d["memos"].append(m2)
    info = build_upload_pack(d, 2566, tmp_path / "a.zip", font="Sarabun")
    pdfs = [PurePosixPath(e.path).name for e in info.entries if e.kind == "pdf"]
    assert len(pdfs) == 2 and len(set(p.lower() for p in pdfs)) == 2
    for p in pdfs:
        assert windows_ok(p)


def test_hostile_names_stay_inside(tmp_path):
    d = load(ROOT / "examples" / "seed003_wiang_measures_2566.json")
    d["office"]["name"] = "../../CON"
    d["memos"][0]["subject"] = '..\\..\\evil/"x"<y>|z?*: .  '
    info = build_upload_pack(d, 2566, tmp_path / "a.zip", font="Sarabun")
    with zipfile.ZipFile(info.path) as zf:
        for n in zf.namelist():
            check_member_path(n)
    with pytest.raises(Exception):
        upload_pack._inside("folder", "../x")
    with pytest.raises(Exception):
        upload_pack._inside("folder", "/etc/passwd")


def test_crash_in_the_middle_leaves_no_file(tmp_path):
    d = load(ROOT / "examples" / "seed003_wiang_measures_2566.json")
    out = tmp_path / "pack.zip"

    def boom(i, path):
        if i == 2:
            raise RuntimeError("simulated crash while writing the ZIP")

    with pytest.raises(RuntimeError):
        build_upload_pack(d, 2566, out, font="Sarabun", _writer_hook=boom)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []            # no temporary file left either
    # a previous pack under the real name survives a failed rebuild untouched
    build_upload_pack(d, 2566, out, font="Sarabun")
    before = out.read_bytes()
    with pytest.raises(RuntimeError):
        build_upload_pack(d, 2566, out, font="Sarabun", _writer_hook=boom)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["pack.zip"]


def test_crash_inside_a_document_writer(tmp_path, monkeypatch):
    import itadesk.documents.docx_writer as dw

    def broken(*a, **k):
        raise RuntimeError("DOCX writer failed")

    monkeypatch.setattr(dw, "memo_docx_bytes", broken)
    out = tmp_path / "pack.zip"
    d = load(ROOT / "examples" / "seed003_wiang_measures_2566.json")
    with pytest.raises(RuntimeError):
        build_upload_pack(d, 2566, out, font="Sarabun")
    assert list(tmp_path.iterdir()) == []


def test_export_writers_are_atomic(tmp_path, monkeypatch):
    """render_docx / render_xlsx / render_archival: a failing write leaves no file."""
    import os

    from itadesk.documents.docx_writer import render_docx

    d = load(ROOT / "examples" / "seed003_wiang_measures_2566.json")
    real = os.replace

    def fail(*a, **k):
        raise OSError("disk full")

    from itadesk.domain.safety import WriteError

    monkeypatch.setattr(upload_pack.os, "replace", fail)
    with pytest.raises(WriteError, match="ไฟล์เดิมไม่ได้เปลี่ยนแปลง"):
        render_docx(d, None, tmp_path / "m.docx")
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(upload_pack.os, "replace", real)
    render_docx(d, None, tmp_path / "m.docx")
    assert [p.name for p in tmp_path.iterdir()] == ["m.docx"]


def test_no_memo_that_year(tmp_path):
    from itadesk.documents.errors import DocumentError

    d = load(ROOT / "examples" / "seed003_wiang_measures_2566.json")
    with pytest.raises(DocumentError, match="2560"):
        build_upload_pack(d, 2560, tmp_path / "a.zip")
    assert list(tmp_path.iterdir()) == []


def test_cli_upload_pack(tmp_path, capsys):
    from itadesk.cli import main

    out = tmp_path / "p.zip"
    src = ROOT / "examples" / "seed001_nonthong_analysis_2565.json"
    assert main(["upload-pack", "--year", "2565", "--out", str(out), str(src)]) == 0
    assert "O42" in capsys.readouterr().out
    with zipfile.ZipFile(out) as zf:
        assert any(n.endswith(".pdf") for n in zf.namelist())
    assert main(["upload-pack", "--year", "2570", "--out", str(tmp_path / "q.zip"), str(src)]) == 2
    assert not (tmp_path / "q.zip").exists()


# ---------------------------------------------------------------- safe_filename

@pytest.mark.parametrize("raw,expect", [
    ("CON.pdf", "_CON.pdf"), ("lpt1", "_lpt1"), ("a<b>:c.pdf", "a_b__c.pdf"), ("  ..  ", "ไฟล์"),
    ("รายงาน. ", "รายงาน"), ("x\u200by.txt", "xy.txt"),
])
def test_safe_filename_cases(raw, expect):
    assert safe_filename(raw) == expect


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=200), st.sampled_from(["pdf", "docx", "xlsx", ""]))
def test_safe_filename_always_windows_safe(stem, ext):
    name = safe_filename(f"{stem}.{ext}" if ext else stem)
    assert windows_ok(name), repr(name)
    assert len(name) <= upload_pack.MAX_NAME_CHARS and len(name.encode("utf-8")) <= upload_pack.MAX_NAME_BYTES


def test_safe_filename_keeps_thai_and_cuts_at_words():
    long = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส " * 4
    name = safe_filename(long + ".pdf")
    assert name.endswith(".pdf") and name.startswith("รายงานผลการดำเนินการ")
    stem = name[:-4]
    assert long.startswith(stem)
    # cut between words: the next character of the source starts a new word (not a mark)
    import unicodedata

    nxt = long[len(stem)]
    assert not unicodedata.combining(nxt) and nxt not in "ะาำิีึืุู่้๊๋็์ๅ"
