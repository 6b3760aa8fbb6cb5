"""The Windows installer script: the promises in docs/installer.md, and (when makensis is
installed, e.g. Debian's nsis package) a real compile against a dummy program folder."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NSI = ROOT / "installer" / "itadesk.nsi"
APP_ID = "{EED16488-AFEE-42EC-84D7-63444EDF29BA}"


@pytest.fixture(scope="module")
def nsi() -> str:
    return NSI.read_text(encoding="utf-8")


def test_per_user_without_admin(nsi):
    assert "RequestExecutionLevel user" in nsi
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP_NAME}"' in nsi
    assert "HKLM" not in nsi and "SetShellVarContext all" not in nsi
    assert "WriteRegStr HKCU" in nsi


def test_fixed_project_app_id(nsi):
    assert f'!define APP_ID "{APP_ID}"' in nsi
    assert len(re.findall(r"\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}", nsi)) == 1


def test_thai_first_and_english(nsi):
    thai, english = nsi.index('MUI_LANGUAGE "Thai"'), nsi.index('MUI_LANGUAGE "English"')
    assert thai < english
    for name in re.findall(r"LangString (\w+) \$\{LANG_THAI\}", nsi):
        assert f"LangString {name} ${{LANG_ENGLISH}}" in nsi, name


def test_user_data_kept_unless_asked(nsi):
    # the only section that deletes the data folder is optional and off by default
    data_section = re.search(r'Section /o "un\.\$\(UNSEC_DATA\)".*?SectionEnd', nsi, re.S).group(0)
    assert 'RMDir /r "${USER_DATA}"' in data_section
    assert '!define USER_DATA "$LOCALAPPDATA\\ITADesk"' in nsi
    assert nsi.count('RMDir /r "${USER_DATA}"') == 2  # the box, and /DELETEUSERDATA
    assert "/DELETEUSERDATA" in nsi
    assert 'RMDir /r "$INSTDIR"' not in nsi  # never wipe a folder the clerk chose


def test_user_data_folder_matches_paths_py(nsi, monkeypatch, tmp_path):
    """The folder the uninstaller may delete is the one the program writes to on Windows."""
    import platformdirs
    import platformdirs.windows as win

    from itadesk import paths

    local = "C:\\Users\\clerk\\AppData\\Local"
    monkeypatch.setattr(win, "get_win_folder", lambda csidl: {"CSIDL_LOCAL_APPDATA": local}[csidl])
    monkeypatch.setattr(platformdirs, "user_data_path",
                        lambda *a, **k: Path(win.Windows(*a, **k).user_data_dir))
    monkeypatch.delenv("ITADESK_HOME", raising=False)
    monkeypatch.chdir(tmp_path)          # the Windows path is created as a relative folder here
    folder = str(paths.user_data_dir())
    assert folder.startswith(local)
    sub = folder[len(local):].lstrip("\\/")
    assert f'!define USER_DATA "$LOCALAPPDATA\\{sub}"' in nsi, sub


def test_removes_previous_version_and_names_setup_with_version(nsi):
    assert "Call RemovePrevious" in nsi and "_?=" in nsi
    assert 'OutFile "${OUT_DIR}\\ITADesk-${VERSION}-setup.exe"' in nsi
    assert '"$SMPROGRAMS\\${APP_NAME}.lnk"' in nsi and '"$DESKTOP\\${APP_NAME}.lnk"' in nsi


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (Debian package nsis) not installed")
def test_makensis_compiles_the_installer(tmp_path):
    dist = tmp_path / "itadesk"
    (dist / "_internal" / "resources").mkdir(parents=True)
    for exe in ("itadesk.exe", "itadesk-cli.exe"):
        (dist / exe).write_bytes(b"MZ dummy")
    (dist / "_internal" / "resources" / "ข้อมูล.txt").write_text("ทดสอบ", encoding="utf-8")
    out = subprocess.run(
        ["makensis", "-WX", "-V2", "-INPUTCHARSET", "UTF8", "-DVERSION=9.8.7",
         f"-DDIST_DIR={dist}", f"-DOUT_DIR={tmp_path}", str(NSI)],
        capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    setup = tmp_path / "ITADesk-9.8.7-setup.exe"
    assert setup.read_bytes()[:2] == b"MZ"
