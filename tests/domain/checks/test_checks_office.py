"""office: province letter code, names of offices / districts / provinces, the addressee."""

from itadesk.domain.checks import other_office_names, province_codes

from tests.domain.checks.check_helpers import base, codes, run


def test_province_table_is_complete_and_right():
    codes_ = province_codes()
    assert len(codes_) == 77 and len(set(codes_.values())) == 77
    # letter codes printed on real memos (shared/seeds: ชร, พย, อด, นธ) and well-known ones
    for prov, code in {"กาญจนบุรี": "กจ", "เชียงใหม่": "ชม", "เชียงราย": "ชร", "พะเยา": "พย", "อุดรธานี": "อด",
                       "อุตรดิตถ์": "อต", "นราธิวาส": "นธ", "กรุงเทพมหานคร": "กท", "สุราษฎร์ธานี": "สฎ",
                       "บึงกาฬ": "บก", "นครราชสีมา": "นม", "หนองคาย": "นค"}.items():
        assert codes_[prov] == code


def test_doc_prefix_of_another_province():
    d = base()
    d["office"]["doc_prefix"] = "อต ๘๑๘๐๑"           # อุตรดิตถ์, not อุดรธานี
    f = run(d)
    assert codes(f) == ["doc_prefix"] and f[0].severity == "error"
    assert "อุตรดิตถ์" in f[0].message and "‘อด’" in f[0].message and f[0].loc.kind == "office"
    d["office"]["doc_prefix"] = "อก ๘๑๘๐๑"
    assert "ไม่ใช่อักษรย่อของจังหวัดใด" in run(d)[0].message


def test_other_office_name_read_with_word_boundaries():
    own = "เทศบาลตำบลเวียง"
    assert other_office_names("ประชาชนร้องเรียนมายังเทศบาลตำบลแก้งได้โดยตรง", own) == ["เทศบาลตำบลแก้ง"]
    assert other_office_names("เทศบาลตำบลแวงใต้ได้รับทราบ", own) == ["เทศบาลตำบลแวงใต้"]
    assert other_office_names("เผยแพร่ผ่านเว็บไซต์ของเทศบาลตำบลเวียงผ่านทางเว็บไซต์", own) == []
    assert other_office_names("ทุกเทศบาลตำบล และองค์การบริหารส่วนตำบล ในอำเภอ", own) == []
    assert other_office_names("เทศบาลตำบลและองค์การบริหารส่วนตำบลในจังหวัด", own) == []
    assert other_office_names("ของเทศบาลตำบล เวียง", own) == []


def test_other_office_district_province_in_texts():
    d = base()
    d["memos"][0]["attachments"][1]["title"][1] = "องค์การบริหารส่วนตำบลกุดจับ อำเภอกุดจับ จังหวัดขอนแก่น"
    f = run(d)
    assert codes(f) == ["amphoe_name", "office_name", "province_name"]
    assert all(x.severity == "error" for x in f)
    assert any("‘องค์การบริหารส่วนตำบลกุดจับ’" in x.message for x in f)


def test_other_kind_or_place_in_running_text_is_a_notice():
    d = base()
    d["memos"][0]["sections"][1]["paragraphs"].append(
        "โดยได้ศึกษาดูงานที่จังหวัดน่าน ร่วมกับองค์การบริหารส่วนจังหวัดอุดรธานี")
    f = run(d)
    assert sorted((x.code, x.severity) for x in f) == [("office_name", "notice"), ("province_name", "notice")]
    # the same office kind as the file's, or the address after the office's name: errors
    d["memos"][0]["sections"][1]["paragraphs"][-1] = "เทศบาลตำบลโนนทอง อำเภอนายูง จังหวัดหนองคาย และเทศบาลตำบลบ้านดุง"
    assert sorted((x.code, x.severity) for x in run(d)) == [("office_name", "error"), ("province_name", "error")]


def test_addressee_fits_the_kind_of_office():
    d = base()
    d["memos"][0]["to"] = "นายกองค์การบริหารส่วนตำบลโนนทอง"
    f = run(d)
    assert codes(f) == ["addressee"] and "นายกเทศมนตรีตำบลโนนทอง" in f[0].message
    d["memos"][0]["to"] = "ปลัดเทศบาลตำบลโนนทอง"      # not the mayor: fine
    assert run(d) == []


def test_a_memo_without_the_garuda_gets_a_notice_and_one_with_it_none():
    d = base()
    assert "no_emblem" not in codes(run(d))
    del d["office"]["emblem_png_base64"]
    f = [x for x in run(d) if x.code == "no_emblem"]
    assert len(f) == 1 and f[0].severity == "notice" and "ตราครุฑ" in f[0].message
    d["memos"] = []
    assert "no_emblem" not in codes(run(d))          # nothing to print, nothing to warn about
