# Build ITA Desk for Windows: dist\itadesk\ (PyInstaller one-folder: itadesk.exe + itadesk-cli.exe)
# and dist\ITADesk-<version>-setup.exe (NSIS).   Run from any folder:
#   powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1 [-Python py] [-SkipInstaller]
# Needs: a Python with the project installed (pip install -e ".[build]") and NSIS 3 (makensis).
param(
    [string]$Python = "python",
    [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"
$root = Split-Path -Parent $PSScriptRoot
Set-Location $root
$env:PYTHONUTF8 = "1"

$version = & $Python -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"
if ($LASTEXITCODE -ne 0) { throw "cannot read the version from pyproject.toml" }
$nums = @($version -split '[^0-9]+' | Where-Object { $_ -ne '' }) + @('0', '0', '0', '0')
$version4 = ($nums[0..3]) -join '.'
Write-Host "ITA Desk $version ($version4)"

& $Python -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath "$root\dist" --workpath "$root\build\pyinstaller" "$root\installer\itadesk.spec"
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
# Signing: only when a certificate is supplied through the environment (installer\sign.ps1)
$sign = [bool]($env:ITADESK_SIGN_PFX -or $env:ITADESK_SIGN_PFX_BASE64)
if ($sign) {
    & powershell -NoProfile -ExecutionPolicy Bypass -File "$root\installer\sign.ps1" `
        "$root\dist\itadesk\itadesk.exe" "$root\dist\itadesk\itadesk-cli.exe"
    if ($LASTEXITCODE -ne 0) { throw "signing the program failed" }
} else {
    Write-Host "no ITADESK_SIGN_PFX: program and installer are NOT signed (SmartScreen will warn; docs\installer.md)"
}
$size = (Get-ChildItem -Recurse "$root\dist\itadesk" | Measure-Object -Sum Length).Sum / 1MB
Write-Host ("dist\itadesk: {0:N0} MB" -f $size)
if ($SkipInstaller) { exit 0 }

$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) {
    foreach ($p in @("${env:ProgramFiles(x86)}\NSIS\makensis.exe", "$env:ProgramFiles\NSIS\makensis.exe")) {
        if (Test-Path $p) { $makensis = $p; break }
    }
}
if (-not $makensis) { throw "makensis not found: install NSIS 3 (choco install nsis)" }
$nsisArgs = @("-WX", "-INPUTCHARSET", "UTF8", "-DVERSION=$version", "-DVERSION4=$version4",
              "-DDIST_DIR=$root\dist\itadesk", "-DOUT_DIR=$root\dist")
$ico = "$root\resources\icons\itadesk.ico"
if (Test-Path $ico) { $nsisArgs += "-DICON=$ico" }
# makensis signs the setup and the uninstaller inside it (!finalize / !uninstfinalize)
if ($sign) { $nsisArgs += "-DSIGN_CMD=powershell -NoProfile -ExecutionPolicy Bypass -File `"$root\installer\sign.ps1`"" }
& $makensis @nsisArgs "$root\installer\itadesk.nsi"
if ($LASTEXITCODE -ne 0) { throw "makensis failed" }
Write-Host "dist\ITADesk-$version-setup.exe"
