"""Command lines the fuzzer (benchmarks/fuzz_counts.py, seed 3272124514) ended in a traceback."""

from __future__ import annotations

import pytest

from itadesk.cli import main


@pytest.mark.parametrize("argv, words", [
    (["district", "--year", "99999999999999999999"], "ปีงบประมาณ"),
    (["district", "--year", "0"], "ปีงบประมาณ"),
    (["migrate-db", "--from", "{db}", "--to", "x://"], "ไม่รู้จักฐานข้อมูลชนิด"),
])
def test_refused_in_thai_not_a_traceback(tmp_path, capsys, argv, words):
    db = f"sqlite:///{tmp_path / 'f.sqlite3'}"
    argv = [a.replace("{db}", db) for a in argv]
    if argv[0] == "district":
        argv += ["--db", db]
    assert main(argv) == 2
    assert words in capsys.readouterr().err
