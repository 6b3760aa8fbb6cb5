# Authenticode-sign Windows executables in place with signtool (Windows SDK); the NSIS script
# calls it through -DSIGN_CMD for the installer and its uninstaller.
#   powershell -ExecutionPolicy Bypass -File installer\sign.ps1 FILE...
# The certificate comes from the environment, never from the repository:
#   ITADESK_SIGN_PFX            path to a .pfx code-signing certificate with its key, or
#   ITADESK_SIGN_PFX_BASE64     the same file base64-encoded (a CI secret)
#   ITADESK_SIGN_PASSWORD       its password
#   ITADESK_SIGN_TIMESTAMP_URL  optional RFC 3161 time-stamp server, e.g. http://timestamp.digicert.com
# Without a certificate it prints a note and leaves the files unsigned (exit 0).
$ErrorActionPreference = "Stop"
$files = $args
$pfx = $env:ITADESK_SIGN_PFX
$tmp = $null
if (-not $pfx -and $env:ITADESK_SIGN_PFX_BASE64) {
    $tmp = Join-Path ([IO.Path]::GetTempPath()) ("itadesk-sign-" + [guid]::NewGuid() + ".pfx")
    [IO.File]::WriteAllBytes($tmp, [Convert]::FromBase64String($env:ITADESK_SIGN_PFX_BASE64))
    $pfx = $tmp
}
if (-not $pfx) {
    Write-Host "sign.ps1: no certificate (ITADESK_SIGN_PFX / ITADESK_SIGN_PFX_BASE64): left unsigned: $files"
    exit 0
}
try {
    $signtool = (Get-Command signtool.exe -ErrorAction SilentlyContinue).Source
    if (-not $signtool) {
        $signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" -ErrorAction SilentlyContinue |
            Sort-Object FullName -Descending | Select-Object -First 1 -ExpandProperty FullName
    }
    if (-not $signtool) { throw "signtool.exe not found (Windows SDK)" }
    foreach ($f in $files) {
        $a = @("sign", "/f", $pfx, "/fd", "SHA256", "/d", "ITA Desk")
        if ($env:ITADESK_SIGN_PASSWORD) { $a += @("/p", $env:ITADESK_SIGN_PASSWORD) }
        if ($env:ITADESK_SIGN_TIMESTAMP_URL) { $a += @("/tr", $env:ITADESK_SIGN_TIMESTAMP_URL, "/td", "SHA256") }
        & $signtool @a $f
        if ($LASTEXITCODE -ne 0) { throw "signtool failed on $f" }
        Write-Host "sign.ps1: signed $f"
    }
} finally {
    if ($tmp) { Remove-Item -Force $tmp -ErrorAction SilentlyContinue }
}
