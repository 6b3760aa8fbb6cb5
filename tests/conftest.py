"""Test-wide setup: offscreen Qt, a private data folder, pythainlp offline."""

import os
import sys
import tempfile
from pathlib import Path

# Must happen before anything imports Qt: without a display Qt aborts the process.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = tempfile.mkdtemp(prefix="itadesk-test-home-")
os.environ["ITADESK_HOME"] = _HOME
os.environ["PYTHAINLP_DATA"] = str(Path(_HOME) / "pythainlp-data")
os.environ["PYTHAINLP_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def examples_dir() -> Path:
    return ROOT / "examples"


# ---------------------------------------------------------------- no network, ever

import ipaddress  # noqa: E402
import socket  # noqa: E402


class NetworkBlocked(RuntimeError):
    """A test (or the program under test) tried to reach the network."""


def _is_local_host(host) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]").split("%")[0]
    if host in ("", "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_address(sock, address) -> None:
    family = getattr(sock, "family", None)
    if family == getattr(socket, "AF_UNIX", object()) or isinstance(address, (str, bytes)):
        return  # unix socket path
    host = address[0] if isinstance(address, tuple) and address else address
    if not _is_local_host(host):
        raise NetworkBlocked(f"network access blocked in tests: {address!r}")


def install_network_guard(mp: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo
    real_sendto = socket.socket.sendto

    def connect(self, address):
        _check_address(self, address)
        return real_connect(self, address)

    def connect_ex(self, address):
        _check_address(self, address)
        return real_connect_ex(self, address)

    def sendto(self, data, *args):
        _check_address(self, args[-1])
        return real_sendto(self, data, *args)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_local_host(host):
            raise NetworkBlocked(f"name lookup blocked in tests: {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    mp.setattr(socket.socket, "connect", connect)
    mp.setattr(socket.socket, "connect_ex", connect_ex)
    mp.setattr(socket.socket, "sendto", sendto)
    mp.setattr(socket, "getaddrinfo", getaddrinfo)
    mp.setattr(socket, "gethostbyname", lambda host: getaddrinfo(host, None)[0][4][0])


@pytest.fixture(scope="session", autouse=True)
def _no_network():
    """Every test runs offline: only loopback and unix sockets may be opened."""
    with pytest.MonkeyPatch.context() as mp:
        install_network_guard(mp)
        yield


@pytest.fixture(autouse=True)
def _collect_on_gui_thread(request):
    """As the program does (itadesk/ui/gc_guard.py): in a test with a Qt application, garbage is
    collected on the GUI thread only, never in a worker thread that happens to allocate."""
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    import gc

    from itadesk.ui import gc_guard

    gc_guard.install(request.getfixturevalue("qapp"))
    try:
        yield
    finally:
        gc_guard.uninstall()
        gc.collect()
