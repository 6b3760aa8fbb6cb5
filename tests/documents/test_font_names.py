"""Installed national fonts are found by the family name inside the file, whatever the file is
called — as Windows ships TH SarabunPSK (``THSarabun.ttf``, ``THSarabun Bold.ttf``) — and the
DOCX names the family as Windows and Word know it ("TH SarabunPSK", not "TH Sarabun PSK")."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from itadesk.documents import fonts

ROOT = Path(__file__).resolve().parents[2]


def _renamed_sarabun(dest: Path, family: str, subfamily: str) -> Path:
    """A copy of the bundled Sarabun whose name table says ``family`` / ``subfamily``."""
    import fontpkg

    src = fontpkg.path("Sarabun", weight=700 if "Bold" in subfamily else 400)
    f = TTFont(str(src))
    name = f["name"]
    for rec in list(name.names):
        if rec.nameID in (16, 17):            # Sarabun's typographic names would win otherwise
            name.removeNames(nameID=rec.nameID)
    for plat, enc, lang in ((3, 1, 0x409), (1, 0, 0)):
        fam = family if plat == 3 else family.replace("๙", "9")    # Mac Roman has no ๙
        name.setName(fam, 1, plat, enc, lang)
        name.setName(subfamily, 2, plat, enc, lang)
        name.setName(f"{fam} {subfamily}", 4, plat, enc, lang)
    dest.parent.mkdir(parents=True, exist_ok=True)
    f.save(str(dest))
    return dest


@pytest.fixture
def font_dir(tmp_path, monkeypatch):
    """Only ``tmp_path/Fonts`` is searched (no fontconfig, no system folders)."""
    d = tmp_path / "Fonts"
    d.mkdir()
    monkeypatch.setattr(fonts, "_font_dirs", lambda: [d])
    monkeypatch.setattr(fonts, "_fc_list_files", lambda: [])
    for fn in (fonts._installed_files, fonts._installed_national, fonts.available_fonts):
        fn.cache_clear()
    yield d
    for fn in (fonts._installed_files, fonts._installed_national, fonts.available_fonts):
        fn.cache_clear()


def test_th_sarabunpsk_under_windows_file_names(font_dir):
    reg = _renamed_sarabun(font_dir / "THSarabun.ttf", "TH SarabunPSK", "Regular")
    bold = _renamed_sarabun(font_dir / "THSarabun Bold.ttf", "TH SarabunPSK", "Bold")
    _renamed_sarabun(font_dir / "THSarabun Italic.ttf", "TH SarabunPSK", "Italic")
    _renamed_sarabun(font_dir / "THSarabun BoldItalic.ttf", "TH SarabunPSK", "Bold Italic")
    assert fonts.font_names(reg) == ("TH SarabunPSK", "Regular")
    found = {f.family: f for f in fonts.available_fonts()}
    assert "TH SarabunPSK" in found
    psk = found["TH SarabunPSK"]
    assert Path(psk.regular).name == reg.name and Path(psk.bold).name == bold.name
    assert psk.factor == 1.0
    # the office's setting, however it is spelled, picks it
    assert fonts.choose_font("TH Sarabun PSK").family == "TH SarabunPSK"
    assert fonts.choose_font(preferred="th sarabunpsk").regular == str(reg)


def test_preference_order_and_it9_by_internal_name(font_dir):
    _renamed_sarabun(font_dir / "THSarabunNew.ttf", "TH Sarabun New", "Regular")
    _renamed_sarabun(font_dir / "sub" / "font0042.ttf", "TH SarabunIT๙", "Regular")   # any name
    _renamed_sarabun(font_dir / "sub" / "font0043.ttf", "TH SarabunIT๙", "Bold")
    _renamed_sarabun(font_dir / "THSarabun.ttf", "TH SarabunPSK", "Regular")
    assert fonts.list_thai_fonts() == ["TH SarabunIT๙", "TH SarabunPSK", "TH Sarabun New", "Sarabun"]
    it9 = fonts.available_fonts()[0]
    assert Path(it9.regular).name == "font0042.ttf" and Path(it9.bold).name == "font0043.ttf"
    assert fonts.choose_font("TH SarabunIT9").family == "TH SarabunIT๙"


def test_a_file_named_like_psk_is_not_taken_on_its_name(font_dir):
    _renamed_sarabun(font_dir / "THSarabunPSK.ttf", "Sarabun", "Regular")
    (font_dir / "THSarabunNew.ttf").write_bytes(b"not a font at all")
    assert fonts.list_thai_fonts() == ["Sarabun"]


def test_windows_font_folders_include_the_per_user_one(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts.sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", r"C:\Windows")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    dirs = [str(d) for d in fonts._font_dirs()]
    assert str(Path(r"C:\Windows") / "Fonts") in dirs
    assert str(tmp_path / "Local" / "Microsoft" / "Windows" / "Fonts") in dirs


@pytest.mark.parametrize("typed, word", [
    ("TH Sarabun PSK", "TH SarabunPSK"), ("TH SarabunPSK", "TH SarabunPSK"),
    ("TH SarabunIT9", "TH SarabunIT๙"), ("TH Sarabun New", "TH Sarabun New"), ("Sarabun", "Sarabun"),
])
def test_docx_names_the_family_as_word_knows_it(typed, word):
    import docx
    from docx.oxml.ns import qn

    from itadesk.documents.docx_writer import memo_docx_bytes

    d = json.loads((ROOT / "examples" / "seed000_wiang_results_2565.json").read_text(encoding="utf-8"))
    d["office"]["font"] = typed
    data, info = memo_docx_bytes(d)
    assert info.font == word
    doc = docx.Document(io.BytesIO(data))
    run = doc.element.body.xpath(".//w:r[w:t]")[0]
    rf = run.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert rf.get(qn("w:ascii")) == rf.get(qn("w:cs")) == word
