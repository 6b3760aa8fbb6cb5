#!/usr/bin/env bash
# Authenticode-sign Windows executables in place with osslsigncode (Linux/macOS builds; the
# NSIS script calls it through -DSIGN_CMD for the installer and its uninstaller).
#   installer/sign.sh FILE...
# The certificate comes from the environment, never from the repository:
#   ITADESK_SIGN_PFX          path to a .pfx/.p12 code-signing certificate with its key, or
#   ITADESK_SIGN_PFX_BASE64   the same file base64-encoded (a CI secret)
#   ITADESK_SIGN_PASSWORD     its password (passed to osslsigncode through a 0600 temp file)
#   ITADESK_SIGN_TIMESTAMP_URL  optional RFC 3161 time-stamp server (needs the network)
# Without a certificate it prints a note and leaves the files unsigned (exit 0).
set -euo pipefail
tmpdir=$(mktemp -d)
trap 'rm -rf "$tmpdir"' EXIT
pfx=${ITADESK_SIGN_PFX:-}
if [ -z "$pfx" ] && [ -n "${ITADESK_SIGN_PFX_BASE64:-}" ]; then
    pfx="$tmpdir/cert.pfx"
    printf '%s' "$ITADESK_SIGN_PFX_BASE64" | base64 -d >"$pfx"
fi
if [ -z "$pfx" ]; then
    echo "sign.sh: no certificate (ITADESK_SIGN_PFX / ITADESK_SIGN_PFX_BASE64): left unsigned: $*"
    exit 0
fi
command -v osslsigncode >/dev/null || { echo "sign.sh: osslsigncode not installed" >&2; exit 1; }
umask 077
printf '%s' "${ITADESK_SIGN_PASSWORD:-}" >"$tmpdir/pass"
ts=()
[ -n "${ITADESK_SIGN_TIMESTAMP_URL:-}" ] && ts=(-ts "$ITADESK_SIGN_TIMESTAMP_URL")
for f in "$@"; do
    osslsigncode sign -pkcs12 "$pfx" -readpass "$tmpdir/pass" -h sha256 -n "ITA Desk" \
        "${ts[@]}" -in "$f" -out "$tmpdir/signed.exe" >/dev/null
    mv -f "$tmpdir/signed.exe" "$f"
    echo "sign.sh: signed $f"
done
