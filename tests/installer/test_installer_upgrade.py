"""The installer's office-PC promises (issue 17): a running ITA Desk is detected, 64-bit and the
Windows build are checked, the old uninstaller is run robustly, an icon ships, and the build
signs when a certificate is supplied.  The behaviour itself runs under Wine in .ci/run
(installer/wine_test.sh); here: the pieces fit together, and signing works (osslsigncode)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NSI = ROOT / "installer" / "itadesk.nsi"


@pytest.fixture(scope="module")
def nsi() -> str:
    return NSI.read_text(encoding="utf-8")


def _section(nsi: str, start: str) -> str:
    i = nsi.index(start)
    return nsi[i:nsi.index("FunctionEnd", i)]


def test_the_program_holds_the_mutex_the_installer_looks_for(nsi):
    import importlib.util

    spec = importlib.util.spec_from_file_location("entry", ROOT / "installer" / "entry.py")
    entry = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(entry)
    app_id = re.search(r'!define APP_ID "(\{[^"]+\})"', nsi).group(1)
    assert entry.APP_ID == app_id
    assert '!define RUNNING_MUTEX "Local\\ITADesk-${APP_ID}"' in nsi
    assert entry.RUNNING_MUTEX == f"Local\\ITADesk-{app_id}"
    assert entry.hold_running_mutex() is None or sys.platform == "win32"
    # both the installer and the uninstaller wait for it to close
    assert "OpenMutexW" in nsi and "${RUNNING_MUTEX}" in nsi
    assert "Call WaitUntilClosed" in _section(nsi, "Function .onInit")
    assert "Call un.WaitUntilClosed" in _section(nsi, "Function un.onInit")


def test_64_bit_and_windows_build_checked_before_anything(nsi):
    assert "!define MIN_BUILD 17763" in nsi
    assert "${IfNot} ${RunningX64}" in nsi and "${IfNot} ${AtLeastBuild} ${MIN_BUILD}" in nsi
    assert "!insertmacro CHECK_WINDOWS" in _section(nsi, "Function .onInit")


def test_old_uninstaller_run_from_temp_with_its_exit_code_and_leftovers_checked(nsi):
    f = _section(nsi, "Function RemovePrevious")
    assert 'CopyFiles /SILENT "$0\\${UNINST_EXE}" "$PLUGINSDIR\\old-uninstall.exe"' in f
    assert "ExecWait '\"$PLUGINSDIR\\old-uninstall.exe\" /S _?=$0' $1" in f
    assert "${If} $1 != 0" in f and "${If} ${Errors}" in f
    assert '${FileExists} "$0\\${MAIN_EXE}"' in f and '${FileExists} "$0\\_internal\\*.*"' in f
    assert "SetErrorLevel 8" in f
    assert "AllowSkipFiles off" in nsi                    # a locked file stops the install
    assert "SetErrorLevel 4" in nsi                       # the new uninstaller reports leftovers


def test_thai_messages_for_every_new_refusal(nsi):
    for name in ("MSG_RUNNING", "MSG_NOT_X64", "MSG_OLD_WINDOWS", "MSG_LEFT_BEHIND", "MSG_OLD_FAILED"):
        thai = re.search(rf'LangString {name} \$\{{LANG_THAI\}} "([^"]+)"', nsi)
        assert thai and re.search(r"[\u0e00-\u0e7f]", thai.group(1)), name
        assert re.search(rf"LangString {name} \$\{{LANG_ENGLISH\}}", nsi), name


def test_icon_ships_in_every_size():
    from PIL import Image

    ico = ROOT / "resources" / "icons" / "itadesk.ico"
    sizes = Image.open(ico).info["sizes"]
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(sizes)
    assert "itadesk.ico" in (ROOT / "installer" / "itadesk.spec").read_text(encoding="utf-8")
    assert "-DICON=" in (ROOT / "installer" / "build-windows.ps1").read_text(encoding="utf-8")


@pytest.mark.skipif(not all(shutil.which(x) for x in ("makensis", "osslsigncode", "openssl")),
                    reason="makensis, osslsigncode and openssl are needed")
def test_build_signs_installer_and_uninstaller_when_a_certificate_is_given(tmp_path, monkeypatch):
    run = dict(capture_output=True, text=True, timeout=120)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(tmp_path / "k.pem"),
                    "-out", str(tmp_path / "c.pem"), "-days", "2", "-subj", "/CN=ITA Desk test"], check=True, **run)
    subprocess.run(["openssl", "pkcs12", "-export", "-inkey", str(tmp_path / "k.pem"), "-in", str(tmp_path / "c.pem"),
                    "-out", str(tmp_path / "c.pfx"), "-passout", "pass:ทดสอบ"], check=True, **run)
    dist = tmp_path / "itadesk"
    (dist / "_internal").mkdir(parents=True)
    for exe in ("itadesk.exe", "itadesk-cli.exe"):
        (dist / exe).write_bytes(b"MZ dummy")
    monkeypatch.setenv("ITADESK_SIGN_PFX", str(tmp_path / "c.pfx"))
    monkeypatch.setenv("ITADESK_SIGN_PASSWORD", "ทดสอบ")
    out = subprocess.run(["makensis", "-WX", "-V3", "-INPUTCHARSET", "UTF8", "-DVERSION=9.8.7",
                          f"-DSIGN_CMD={ROOT / 'installer' / 'sign.sh'}", f"-DICON={ROOT / 'resources' / 'icons' / 'itadesk.ico'}",
                          f"-DDIST_DIR={dist}", f"-DOUT_DIR={tmp_path}", str(NSI)], **run)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.count("sign.sh: signed") == 2        # the uninstaller, then the setup
    v = subprocess.run(["osslsigncode", "verify", "-CAfile", str(tmp_path / "c.pem"),
                        "-in", str(tmp_path / "ITADesk-9.8.7-setup.exe")], **run)
    assert "Signature verification: ok" in v.stdout and "CN=ITA Desk test" in v.stdout


def test_sign_script_without_a_certificate_leaves_files_unsigned(tmp_path, monkeypatch):
    if shutil.which("bash") is None or sys.platform == "win32":   # Windows signs with sign.ps1
        pytest.skip("bash (Linux/macOS builds)")
    for k in ("ITADESK_SIGN_PFX", "ITADESK_SIGN_PFX_BASE64"):
        monkeypatch.delenv(k, raising=False)
    f = tmp_path / "x.exe"
    f.write_bytes(b"MZ")
    out = subprocess.run(["bash", str(ROOT / "installer" / "sign.sh"), str(f)], capture_output=True, text=True,
                         timeout=30)
    assert out.returncode == 0 and "unsigned" in out.stdout and f.read_bytes() == b"MZ"
