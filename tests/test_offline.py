"""The program and its tests work without a network, and pythainlp stays in our data folder."""

import os
import socket
import subprocess
import sys
import textwrap

import pytest

NetworkBlocked = RuntimeError  # conftest.NetworkBlocked; "conftest" is ambiguous as a module name


@pytest.mark.parametrize("host", ["example.com", "8.8.8.8", "2001:4860:4860::8888"])
def test_outside_connections_are_blocked(host):
    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkBlocked):
            s.connect((host, 443))
        with pytest.raises(NetworkBlocked):
            s.connect_ex((host, 443))
    finally:
        s.close()
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo(host, 443)
    with pytest.raises(NetworkBlocked):
        socket.create_connection((host, 443), timeout=0.1)


def test_loopback_still_works():
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    try:
        c = socket.create_connection(srv.getsockname(), timeout=2)
        c.close()
        assert socket.getaddrinfo("localhost", 80)
    finally:
        srv.close()


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
