@echo off
rem Double-click or run from a prompt: builds dist\itadesk and dist\ITADesk-<version>-setup.exe.
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0build-windows.ps1" %*
if errorlevel 1 (
  echo Build failed.
  exit /b 1
)
