import json

from itadesk.cli import main

SEED_2565 = "1=96.54 2=93.28 3=96.07 4=94.65 5=85.14 6=79.79 7=72.04 8=73.20 9=89.29 10=100".split()


def test_score_text(capsys):
    assert main(["score", "--year", "2565", *SEED_2565]) == 0
    out = capsys.readouterr().out
    assert "คะแนนรวม: 88.30" in out and "ระดับผลการประเมิน: A" in out


def test_score_json_thai_digits(capsys):
    args = "1=๘๘.๗๓ 2=74.98 3=79.43 4=75.15 5=74.57 6=84.90 7=84.58 8=81.62 9=90.64 10=93.75".split()
    assert main(["score", "--year", "2564", "--json", *args]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == "85.56" and data["level"] == "A" and set(data["tools"]) == {"IIT", "EIT", "OIT"}


def test_score_bad_value(capsys):
    assert main(["score", "--year", "2565", "1=abc"]) == 2
    assert "ไม่ใช่ตัวเลข" in capsys.readouterr().err


def test_import_export_check_roundtrip(tmp_path, root, capsys):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    src = root / "tests" / "fixtures" / "mini_dossier.json"
    assert main(["--db", url, "import", str(src)]) == 0
    assert main(["import", str(src), "--db", url]) == 2   # already there
    assert "--replace" in capsys.readouterr().err
    out = tmp_path / "out.json"
    assert main(["export", "--db", url, "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(src.read_text(encoding="utf-8"))
    main(["check", "--db", url])
    assert "ผ่านการตรวจความสมบูรณ์" in capsys.readouterr().out


def test_import_bad_file_changes_nothing(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "itadesk-dossier", "version": 1, "office": {}}', encoding="utf-8")
    assert main(["import", str(bad), "--db", url]) == 2
    assert "office" in capsys.readouterr().err


def test_backup_and_restore(tmp_path, root, capsys):
    url = f"sqlite:///{tmp_path / 'b.sqlite3'}"
    assert main(["import", str(root / "tests" / "fixtures" / "mini_dossier.json"), "--db", url]) == 0
    bk = tmp_path / "copy.sqlite3"
    assert main(["backup", "--db", url, "--out", str(bk)]) == 0
    assert bk.exists()
    assert main(["restore", str(bk), "--db", url]) == 0
    assert main(["restore", str(root / "README.md"), "--db", url]) == 2
    assert "ไม่ใช่ไฟล์สำรอง" in capsys.readouterr().err
