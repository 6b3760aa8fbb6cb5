#!/usr/bin/env bash
# The installer's install / upgrade / uninstall-keeps-data logic, run for real under Wine on
# Linux (Debian's wine64; 64-bit installer target; a stand-in payload instead of the ~200 MB
# PyInstaller bundle).  About 30-60 s.  Needs makensis (Debian: nsis) and wine64 (Debian:
# wine64, or wine).  Usage:  installer/wine_test.sh            (from .ci/run)
#
# What it checks, in order:
#   1. a Windows older than build 17763 (Wine set to Windows 7) is refused: exit code 7, nothing installed
#   2. version 1 installs silently per user: files, Start-menu shortcut, uninstall registry entry
#   3. while "ITA Desk" runs (the stand-in holds the program's mutex) version 2 refuses: exit 5,
#      version 1 untouched
#   4. after it closes, version 2 upgrades: the old uninstaller ran (a file only version 1 had is
#      gone), version 2's files are there, the clerk's data folder is untouched
#   5. the uninstaller removes the program and keeps the data; /DELETEUSERDATA removes the data
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NSI="$ROOT/installer/itadesk.nsi"

WINE=""
for w in wine64 /usr/lib/wine/wine64 wine; do
    if command -v "$w" >/dev/null 2>&1; then WINE=$(command -v "$w"); break; fi
done
[ -n "$WINE" ] || { echo "wine_test: wine64 not found (apt-get install wine64)"; exit 1; }
command -v makensis >/dev/null || { echo "wine_test: makensis not found (apt-get install nsis)"; exit 1; }
WINESERVER=$(command -v wineserver || echo /usr/lib/wine/wineserver64)

work=$(mktemp -d /tmp/itadesk-wine.XXXXXX)
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
cleanup() {
    "$WINESERVER" -k >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "wine_test: FAIL: $*" >&2; exit 1; }
# every Wine call is bounded: a dialog that should not appear must not hang CI
w() { timeout 120 "$WINE" "$@"; }

APP_ID=$(sed -n 's/^!define APP_ID "\(.*\)"/\1/p' "$NSI")
[ -n "$APP_ID" ] || fail "no APP_ID in $NSI"

# ---- the stand-in program: holds ITA Desk's mutex while a flag file exists in %LOCALAPPDATA%
cat >"$work/standin.nsi" <<EOF
Unicode true
Target amd64-unicode
RequestExecutionLevel user
SilentInstall silent
OutFile "itadesk.exe"
Section
  System::Call 'kernel32::CreateMutexW(p 0, i 0, w "Local\\ITADesk-$APP_ID") p.r0'
  FileOpen \$2 "\$LOCALAPPDATA\\itadesk-standin-started" w
  FileClose \$2
  StrCpy \$1 0
  loop:
    IfFileExists "\$LOCALAPPDATA\\itadesk-standin-hold" 0 done
    Sleep 200
    IntOp \$1 \$1 + 1
    IntCmp \$1 300 done loop done
  done:
SectionEnd
EOF
(cd "$work" && makensis -V1 standin.nsi) || fail "stand-in did not build"

payload() {  # payload <version> <dir>
    local v=$1 d=$2
    mkdir -p "$d/_internal/resources"
    cp "$work/itadesk.exe" "$d/itadesk.exe"
    cp "$work/itadesk.exe" "$d/itadesk-cli.exe"
    echo "$v" >"$d/_internal/version.txt"
    printf 'ทดสอบ %s\n' "$v" >"$d/_internal/resources/ข้อมูล.txt"
    if [ "$v" = 1.0.0 ]; then echo old >"$d/_internal/only-in-1.txt"; fi
}
build() {  # build <version> [makensis options]
    local v=$1
    shift
    payload "$v" "$work/dist-$v/itadesk"
    makensis -WX -V1 -INPUTCHARSET UTF8 -DTARGET=amd64-unicode "-DVERSION=$v" \
        "-DICON=$ROOT/resources/icons/itadesk.ico" "$@" \
        "-DDIST_DIR=$work/dist-$v/itadesk" "-DOUT_DIR=$work" "$NSI" || fail "makensis $v"
}
build 1.0.0
# version 2 signed (installer and uninstaller) with a throw-away self-signed certificate, as
# the release build signs with the real one (installer/sign.sh, environment variables)
if command -v osslsigncode >/dev/null && command -v openssl >/dev/null; then
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/k.pem" -out "$work/c.pem" -days 2 \
        -subj "/CN=ITA Desk test signer" >/dev/null 2>&1
    openssl pkcs12 -export -inkey "$work/k.pem" -in "$work/c.pem" -out "$work/c.pfx" -passout pass:test
    ITADESK_SIGN_PFX="$work/c.pfx" ITADESK_SIGN_PASSWORD=test build 2.0.0 "-DSIGN_CMD=$ROOT/installer/sign.sh"
    osslsigncode verify -CAfile "$work/c.pem" -in "$work/ITADesk-2.0.0-setup.exe" 2>/dev/null \
        | grep -q "Signature verification: ok" || fail "setup 2.0.0 is not signed"
    echo "wine_test: setup 2.0.0 signed (test certificate)"
else
    build 2.0.0
fi

echo "wine_test: Wine prefix (first start takes a few seconds)"
w wineboot -i >/dev/null 2>&1 || fail "wineboot"
"$WINESERVER" -p 2>/dev/null || true             # keep one server for all the steps (killed at exit)
user=$(ls "$WINEPREFIX/drive_c/users" | grep -vx Public | head -1)
home="$WINEPREFIX/drive_c/users/$user"
inst="$home/AppData/Local/Programs/ITA Desk"
data="$home/AppData/Local/ITADesk"
menu="$home/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/ITA Desk.lnk"
local="$home/AppData/Local"
key="HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\$APP_ID"
winver() { w winecfg -v "$1" >/dev/null 2>&1 || fail "winecfg -v $1"; }
regver() { w reg query "$key" /v DisplayVersion 2>/dev/null | tr -d '\r' | awk '/DisplayVersion/ {print $3}'; }
run_setup() {  # run_setup <version> -> exit code in $rc
    set +e
    w "$work/ITADesk-$1-setup.exe" /S
    rc=$?
    set -e
}

echo "wine_test: 1. Windows 7 is refused"
winver win7
run_setup 1.0.0
[ "$rc" = 7 ] || fail "on Windows 7 setup exited $rc, want 7"
[ ! -e "$inst/itadesk.exe" ] || fail "installed on Windows 7"
winver win10

echo "wine_test: 2. install 1.0.0"
run_setup 1.0.0
[ "$rc" = 0 ] || fail "setup 1.0.0 exited $rc"
for f in itadesk.exe itadesk-cli.exe uninstall.exe _internal/version.txt "_internal/resources/ข้อมูล.txt"; do
    [ -e "$inst/$f" ] || fail "$f not installed"
done
[ "$(cat "$inst/_internal/version.txt")" = 1.0.0 ] || fail "version.txt"
[ -e "$menu" ] || fail "no Start-menu shortcut"
[ "$(regver)" = 1.0.0 ] || fail "registry DisplayVersion '$(regver)'"
mkdir -p "$data/backups"                         # the clerk's data (the real program makes these)
echo "ฐานข้อมูล" >"$data/itadesk.sqlite3"
echo "สำรอง" >"$data/backups/itadesk-1.sqlite3"

echo "wine_test: 3. upgrade while ITA Desk runs is refused"
touch "$local/itadesk-standin-hold"
timeout 90 "$WINE" "$inst/itadesk.exe" &
standin=$!
for _ in $(seq 1 100); do                         # until the stand-in holds the mutex
    [ -e "$local/itadesk-standin-started" ] && break
    sleep 0.2
done
[ -e "$local/itadesk-standin-started" ] || fail "the stand-in program did not start"
run_setup 2.0.0
rm -f "$local/itadesk-standin-hold" "$local/itadesk-standin-started"
wait "$standin" || true
[ "$rc" = 5 ] || fail "with ITA Desk running setup 2.0.0 exited $rc, want 5"
[ "$(cat "$inst/_internal/version.txt")" = 1.0.0 ] || fail "files changed while running"

echo "wine_test: 4. upgrade to 2.0.0"
run_setup 2.0.0
[ "$rc" = 0 ] || fail "setup 2.0.0 exited $rc"
[ "$(cat "$inst/_internal/version.txt")" = 2.0.0 ] || fail "not upgraded"
[ ! -e "$inst/_internal/only-in-1.txt" ] || fail "the old version's files were left (old uninstaller not run)"
[ -e "$inst/uninstall.exe" ] || fail "no uninstaller after upgrade"
if [ -e "$work/c.pem" ]; then
    osslsigncode verify -CAfile "$work/c.pem" -in "$inst/uninstall.exe" 2>/dev/null \
        | grep -q "Signature verification: ok" || fail "the installed uninstaller is not signed"
fi
[ "$(regver)" = 2.0.0 ] || fail "registry DisplayVersion '$(regver)' after upgrade"
[ "$(cat "$data/itadesk.sqlite3")" = "ฐานข้อมูล" ] || fail "upgrade touched the database"
[ -e "$data/backups/itadesk-1.sqlite3" ] || fail "upgrade touched the backups"
find "$home" -iname 'old-uninstall.exe' | grep -q . && fail "the old uninstaller's copy was left in TEMP"

echo "wine_test: 5. uninstall keeps the data; /DELETEUSERDATA removes it"
winpath="C:\\users\\$user\\AppData\\Local\\Programs\\ITA Desk"
# as an upgrade calls it: "_?=" must be the last, unquoted parameter (a path with spaces
# included), or the uninstaller copies itself to TEMP and returns before it has run
uninstall() {  # uninstall [options] -> exit code in $rc
    set +e
    printf '@echo off\r\n"%s\\uninstall.exe" /S %s _?=%s\r\nexit /b %%ERRORLEVEL%%\r\n' "$winpath" "$*" "$winpath" \
        >"$WINEPREFIX/drive_c/uninstall-itadesk.bat"
    w cmd /c 'C:\uninstall-itadesk.bat'
    rc=$?
    set -e
}
uninstall
[ "$rc" = 0 ] || fail "uninstall exited $rc"
[ ! -e "$inst/itadesk.exe" ] && [ ! -e "$inst/_internal" ] || fail "uninstall left program files"
[ ! -e "$menu" ] || fail "uninstall left the shortcut"
[ -z "$(regver)" ] || fail "uninstall left the registry entry"
[ "$(cat "$data/itadesk.sqlite3")" = "ฐานข้อมูล" ] || fail "uninstall deleted the database"
rm -f "$inst/uninstall.exe"; rmdir "$inst" 2>/dev/null || true   # _?= leaves the uninstaller itself
run_setup 2.0.0
[ "$rc" = 0 ] || fail "reinstall exited $rc"
uninstall /DELETEUSERDATA
[ "$rc" = 0 ] || fail "uninstall /DELETEUSERDATA exited $rc"
[ ! -e "$data" ] || fail "/DELETEUSERDATA kept the data"
echo "wine_test: OK (Windows-build check, install, refused while running, upgrade, uninstall keeps data)"
