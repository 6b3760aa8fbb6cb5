"""The program works without a network (it opens no socket at all), and pythainlp stays in our data folder."""

import os
import subprocess
import sys
import textwrap


# The program itself, not the test suite's guard: a fresh interpreter (no conftest, no guard)
# with an audit hook that refuses every socket event -- creating a socket, resolving a name,
# connecting, binding.  In it the command line imports a dossier into a new database, checks it,
# exports it, renders each kind of document and runs the district ranking.  Any socket the
# program (or a library it loads) tries to open fails the run and is named in the output.
AUDITED = textwrap.dedent("""
    import sys
    attempts = []
    def hook(event, args):
        if event.startswith("socket."):
            attempts.append(event + " " + repr(args)[:120])
            raise RuntimeError("the program tried to use the network: " + event)
    sys.addaudithook(hook)
    from itadesk.cli import main
    example, out = sys.argv[1], sys.argv[2]
    db = "sqlite:///" + out + "/offline.sqlite3"
    steps = [
        ["--db", db, "import", example],
        ["--db", db, "check"],
        ["--db", db, "export", "--out", out + "/dossier.json"],
        ["render", example, "--out", out + "/memo.pdf"],
        ["export-doc", example, "--format", "docx", "--out", out + "/memo.docx"],
        ["export-doc", example, "--format", "xlsx", "--out", out + "/memo.xlsx"],
        ["export-doc", example, "--format", "pdfa", "--out", out + "/memo-a.pdf"],
        ["--db", db, "district", "--year", "2565", "--xlsx", out + "/district.xlsx"],
    ]
    for argv in steps:
        try:
            code = main(argv)
        except SystemExit as e:
            code = e.code
        print("STEP", argv[2] if argv[0] == "--db" else argv[0], code, flush=True)
    print("SOCKETS", len(attempts))
    for a in attempts:
        print("  ", a)
""")


def test_program_opens_no_socket(tmp_path, root):
    """Import, check, export, render (PDF, PDF/A, DOCX, XLSX) and district ranking use no socket."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHAINLP")}
    env.update(ITADESK_HOME=str(tmp_path / "home"), PYTHONPATH=str(root))
    example = root / "examples" / "seed001_nonthong_analysis_2565.json"
    r = subprocess.run([sys.executable, "-c", AUDITED, str(example), str(tmp_path)], env=env, cwd=tmp_path,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-3000:]
    assert "SOCKETS 0" in r.stdout, r.stdout
    steps = [line.split() for line in r.stdout.splitlines() if line.startswith("STEP")]
    # `check` exits 1 when it finds errors — seed 001's signed memo has real ones (ITAS, ร้อยละ for points)
    assert len(steps) == 8 and all(code in ("0", "None") or (step, code) == ("check", "1")
                                   for _, step, code in steps), r.stdout + r.stderr[-2000:]
    for name in ("memo.pdf", "memo.docx", "memo.xlsx", "memo-a.pdf", "dossier.json", "district.xlsx"):
        assert (tmp_path / name).stat().st_size > 0, name


def test_the_audit_hook_would_see_a_socket(tmp_path):
    """The check above is not blind: the same hook stops a socket opened to the loopback."""
    code = AUDITED.split("from itadesk.cli import main")[0] + textwrap.dedent("""
        import socket
        try:
            socket.socket().close()
        except RuntimeError:
            pass
        print("SOCKETS", len(attempts))
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "SOCKETS 1" in r.stdout, r.stdout + r.stderr


CHILD = textwrap.dedent("""
    import socket, sys
    def blocked(*a, **k):
        raise OSError("network blocked in test")
    socket.socket.connect = blocked
    socket.socket.connect_ex = blocked
    socket.getaddrinfo = blocked
    from itadesk.paths import setup_pythainlp_env
    setup_pythainlp_env()
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import thai_strftime
    words = word_tokenize("ผลการประเมินคุณธรรมและความโปร่งใสของเทศบาลตำบล", keep_whitespace=False)
    assert len(words) > 3, words
    from pythainlp.tools.path import get_pythainlp_data_path, is_offline_mode
    assert is_offline_mode()
    print("OK", get_pythainlp_data_path())
""")


def test_pythainlp_offline_and_inside_our_data_folder(tmp_path, root):
    home = tmp_path / "home"
    data = tmp_path / "data"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHAINLP")}
    env.update(HOME=str(home), USERPROFILE=str(home), ITADESK_HOME=str(data),
               XDG_DATA_HOME=str(home / ".local" / "share"), XDG_CACHE_HOME=str(home / ".cache"),
               PYTHONPATH=str(root))
    r = subprocess.run([sys.executable, "-c", CHILD], env=env, cwd=tmp_path,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.startswith("OK")
    assert os.path.realpath(r.stdout.split(" ", 1)[1].strip()).startswith(os.path.realpath(data))
    assert list(home.rglob("*")) == [], "pythainlp wrote into the home folder"
    assert not (tmp_path / "pythainlp-data").exists()
