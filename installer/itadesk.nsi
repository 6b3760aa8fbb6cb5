; ITA Desk installer for Windows (NSIS 3, Unicode, Modern UI 2), in Thai and English.
;
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DDIST_DIR=..\dist\itadesk -DOUT_DIR=..\dist installer\itadesk.nsi
;
; * Per-user install, no administrator rights: %LOCALAPPDATA%\Programs\ITA Desk, registered
;   under HKCU, shortcuts in the user's Start menu and desktop.
; * A previous version is removed first (its uninstaller, run silently, keeps the user data).
; * The uninstaller keeps the clerk's data (%LOCALAPPDATA%\ITADesk: database, backups, logs)
;   unless the box "ลบข้อมูล…" is ticked, or /DELETEUSERDATA is given on a silent uninstall.
; * Silent: ITADesk-x.y.z-setup.exe /S [/D=C:\path]   uninstall.exe /S [/DELETEUSERDATA]
; * APP_ID is this project's own GUID. Never change it: upgrades find the old install by it.
; * Refuses to run while ITA Desk runs (the program holds the mutex Local\ITADesk-<APP_ID>;
;   an older version without it is found by its locked itadesk.exe): the clerk is asked to
;   close it; silent runs exit with code 5.  Needs 64-bit Windows 10 1809 (build 17763) or
;   later, which Qt 6 needs (exit codes 6 and 7).  A previous version's uninstaller is copied
;   to TEMP and run from there (so it can remove itself), its exit code checked, and the old
;   program files are checked gone before the new ones are copied (exit code 8).
; * -DTARGET=amd64-unicode builds a 64-bit installer (the Wine test in .ci/run uses it: Debian's
;   wine64 runs no 32-bit programs); the default x86-unicode one starts on 32-bit Windows too,
;   so that it can say in Thai that 64-bit Windows is needed.
; * -DSIGN_CMD="..." signs the installer and the uninstaller inside it (!finalize /
;   !uninstfinalize, "%1" is the file); the build scripts pass it when a certificate is given.

Unicode true
!ifdef TARGET
  Target ${TARGET}
!endif
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"
!include "WinVer.nsh"

!ifndef VERSION
  !error "Give the version: makensis -DVERSION=0.1.0 ..."
!endif
!ifndef VERSION4
  !define VERSION4 "${VERSION}.0"
!endif
!ifndef DIST_DIR
  !define DIST_DIR "..\dist\itadesk"
!endif
!ifndef OUT_DIR
  !define OUT_DIR "..\dist"
!endif

!define APP_NAME "ITA Desk"
!define APP_ID "{EED16488-AFEE-42EC-84D7-63444EDF29BA}"
!define PUBLISHER "ITA Desk project"
!define MAIN_EXE "itadesk.exe"
!define UNINST_EXE "uninstall.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
; platformdirs.user_data_path("ITADesk", appauthor=False) on Windows (itadesk/paths.py)
!define USER_DATA "$LOCALAPPDATA\ITADesk"
; created by the running program (installer/entry.py); the name is shared with it
!define RUNNING_MUTEX "Local\ITADesk-${APP_ID}"
!define MIN_BUILD 17763

!ifdef SIGN_CMD
  !finalize '${SIGN_CMD} "%1"'
  !uninstfinalize '${SIGN_CMD} "%1"'
!endif

Name "${APP_NAME}"
OutFile "${OUT_DIR}\ITADesk-${VERSION}-setup.exe"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"
; a file that cannot be replaced (still in use) stops the install instead of being skipped
AllowSkipFiles off

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} ${VERSION} setup"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT; bundled components: see Help > About"

!define MUI_ABORTWARNING
!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_FINISHPAGE_RUN "$INSTDIR\${MAIN_EXE}"
!define MUI_COMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default when Windows' display language is neither.
!insertmacro MUI_LANGUAGE "Thai"
!insertmacro MUI_LANGUAGE "English"

LangString SEC_APP ${LANG_THAI} "โปรแกรม ITA Desk"
LangString SEC_APP ${LANG_ENGLISH} "ITA Desk program"
LangString UNSEC_DATA ${LANG_THAI} "ลบข้อมูลของฉันด้วย (ฐานข้อมูล ไฟล์สำรอง บันทึกการทำงาน)"
LangString UNSEC_DATA ${LANG_ENGLISH} "Also delete my data (database, backups, logs)"
LangString MSG_REMOVE_OLD ${LANG_THAI} "กำลังถอนการติดตั้งรุ่นเดิม (ข้อมูลของท่านยังอยู่ครบ)"
LangString MSG_REMOVE_OLD ${LANG_ENGLISH} "Removing the previous version (your data is kept)"
LangString MSG_OLD_FAILED ${LANG_THAI} "ถอนการติดตั้งรุ่นเดิมไม่สำเร็จ (รหัส $1) ไฟล์ของรุ่นเดิมยังอยู่ที่ $0 กรุณาปิดโปรแกรม ITA Desk ทุกหน้าต่าง แล้วติดตั้งใหม่อีกครั้ง ข้อมูลของท่านยังอยู่ครบ"
LangString MSG_OLD_FAILED ${LANG_ENGLISH} "Could not remove the previous version (code $1); its files are still in $0. Close every ITA Desk window and run the setup again. Your data is kept."
LangString MSG_RUNNING ${LANG_THAI} "โปรแกรม ITA Desk กำลังเปิดอยู่ กรุณาบันทึกงานแล้วปิดโปรแกรม ITA Desk ทุกหน้าต่าง จากนั้นกด ลองใหม่ (Retry) หรือกด ยกเลิก (Cancel) เพื่อออก"
LangString MSG_RUNNING ${LANG_ENGLISH} "ITA Desk is running. Save your work and close every ITA Desk window, then press Retry (or Cancel to quit)."
LangString MSG_NOT_X64 ${LANG_THAI} "ITA Desk ใช้ได้กับ Windows 64 บิตเท่านั้น เครื่องนี้เป็น Windows 32 บิต จึงติดตั้งไม่ได้"
LangString MSG_NOT_X64 ${LANG_ENGLISH} "ITA Desk needs 64-bit Windows; this PC runs 32-bit Windows."
LangString MSG_OLD_WINDOWS ${LANG_THAI} "ITA Desk ต้องใช้ Windows 10 รุ่น 1809 (build ${MIN_BUILD}) ขึ้นไป หรือ Windows 11 เครื่องนี้เป็นรุ่นเก่ากว่า กรุณาปรับปรุง Windows ก่อนติดตั้ง"
LangString MSG_OLD_WINDOWS ${LANG_ENGLISH} "ITA Desk needs Windows 10 version 1809 (build ${MIN_BUILD}) or later, or Windows 11. Please update Windows first."
LangString MSG_LEFT_BEHIND ${LANG_THAI} "ลบไฟล์ของโปรแกรมบางไฟล์ไม่ได้เพราะยังเปิดใช้อยู่ ($INSTDIR) กรุณาปิดโปรแกรม ITA Desk แล้วถอนการติดตั้งอีกครั้ง"
LangString MSG_LEFT_BEHIND ${LANG_ENGLISH} "Some program files are in use and were not removed ($INSTDIR). Close ITA Desk and uninstall again."
LangString MSG_DATA_KEPT ${LANG_THAI} "ข้อมูลของท่านยังเก็บไว้ที่ ${USER_DATA}"
LangString MSG_DATA_KEPT ${LANG_ENGLISH} "Your data is kept in ${USER_DATA}"
LangString SHORTCUT_DESC ${LANG_THAI} "คะแนน ITA การวิเคราะห์ มาตรการ และบันทึกข้อความ"
LangString SHORTCUT_DESC ${LANG_ENGLISH} "ITA scores, analysis, measures and memos"

; ---------------------------------------------------------------- install

; Exit codes of a silent run (also in docs/installer.md): 5 ITA Desk is running, 6 32-bit
; Windows, 7 Windows older than build ${MIN_BUILD}, 8 the previous version could not be removed.
!macro CHECK_WINDOWS
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "$(MSG_NOT_X64)" /SD IDOK
    SetErrorLevel 6
    Quit
  ${EndIf}
  ${IfNot} ${AtLeastBuild} ${MIN_BUILD}
    MessageBox MB_ICONSTOP|MB_OK "$(MSG_OLD_WINDOWS)" /SD IDOK
    SetErrorLevel 7
    Quit
  ${EndIf}
!macroend

; $R9 = 1 while ITA Desk runs: the program's mutex, or (an older version without it) its
; itadesk.exe in $INSTDIR cannot be opened for writing.
!macro IS_RUNNING UN
  Function ${UN}IsRunning
    StrCpy $R9 0
    System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "${RUNNING_MUTEX}") p.r9'
    ${If} $9 != 0
      System::Call 'kernel32::CloseHandle(p r9)'
      StrCpy $R9 1
      Return
    ${EndIf}
    ${If} ${FileExists} "$INSTDIR\${MAIN_EXE}"
      ClearErrors
      FileOpen $9 "$INSTDIR\${MAIN_EXE}" a
      ${If} ${Errors}
        StrCpy $R9 1
      ${Else}
        FileClose $9
      ${EndIf}
    ${EndIf}
  FunctionEnd

  Function ${UN}WaitUntilClosed
    ${Do}
      Call ${UN}IsRunning
      ${If} $R9 == 0
        Return
      ${EndIf}
      MessageBox MB_ICONEXCLAMATION|MB_RETRYCANCEL "$(MSG_RUNNING)" /SD IDCANCEL IDRETRY retry
      SetErrorLevel 5
      Quit
      retry:
    ${Loop}
  FunctionEnd
!macroend
!insertmacro IS_RUNNING ""
!insertmacro IS_RUNNING "un."

Function .onInit
  SetShellVarContext current
  !insertmacro CHECK_WINDOWS
  Call WaitUntilClosed
FunctionEnd

; Run the previous version's uninstaller (silently: it keeps the user data), so no file of
; the old version is left behind.  It is copied to TEMP and run from there with _?=<old
; folder>: ExecWait really waits (an uninstaller started without _?= copies itself and returns
; at once) and the original uninstall.exe is not locked, so it is removed too.  Its exit code
; is checked — and, since old uninstallers exit 0 even when a file in use was skipped, so is
; what it left: the old program files must be gone before the new ones are copied.
Function RemovePrevious
  ReadRegStr $0 HKCU "${UNINST_KEY}" "InstallLocation"
  ${If} $0 == ""
    Return
  ${EndIf}
  ${IfNot} ${FileExists} "$0\${UNINST_EXE}"
    Return
  ${EndIf}
  DetailPrint "$(MSG_REMOVE_OLD)"
  InitPluginsDir
  ClearErrors
  CopyFiles /SILENT "$0\${UNINST_EXE}" "$PLUGINSDIR\old-uninstall.exe"
  ${If} ${Errors}
    StrCpy $1 "copy"
    Goto failed
  ${EndIf}
  ClearErrors
  ExecWait '"$PLUGINSDIR\old-uninstall.exe" /S _?=$0' $1
  ${If} ${Errors}
    StrCpy $1 "exec"
    Goto failed
  ${EndIf}
  ${If} $1 != 0
    Goto failed
  ${EndIf}
  ${If} ${FileExists} "$0\${MAIN_EXE}"
  ${OrIf} ${FileExists} "$0\itadesk-cli.exe"
  ${OrIf} ${FileExists} "$0\_internal\*.*"
    StrCpy $1 "files"
    Goto failed
  ${EndIf}
  Delete "$0\${UNINST_EXE}"
  Delete "$PLUGINSDIR\old-uninstall.exe"
  RMDir "$0"
  Return
failed:
  Delete "$PLUGINSDIR\old-uninstall.exe"
  MessageBox MB_ICONSTOP|MB_OK "$(MSG_OLD_FAILED)" /SD IDOK
  SetErrorLevel 8
  Quit
FunctionEnd

Section "$(SEC_APP)" SecApp
  SectionIn RO
  Call RemovePrevious
  SetOutPath "$INSTDIR"
  ; never "RMDir /r $INSTDIR": the clerk may have chosen a folder that holds other files
  RMDir /r "$INSTDIR\_internal"
  File /r "${DIST_DIR}\*.*"
  WriteUninstaller "$INSTDIR\${UNINST_EXE}"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${MAIN_EXE}" "" "$INSTDIR\${MAIN_EXE}" 0 SW_SHOWNORMAL "" "$(SHORTCUT_DESC)"
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${MAIN_EXE}" "" "$INSTDIR\${MAIN_EXE}" 0 SW_SHOWNORMAL "" "$(SHORTCUT_DESC)"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${MAIN_EXE}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINST_EXE}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINST_EXE}" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

; ---------------------------------------------------------------- uninstall

Function un.onInit
  SetShellVarContext current
  Call un.WaitUntilClosed
FunctionEnd

Section "-un.Main" UnSecApp
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  Delete "$INSTDIR\itadesk.exe"
  Delete "$INSTDIR\itadesk-cli.exe"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${UNINST_EXE}"
  RMDir "$INSTDIR"
  ; a file still in use is skipped by Delete/RMDir: say so and exit non-zero (code 4), so an
  ; upgrade that runs this uninstaller stops instead of mixing old and new files
  ${If} ${FileExists} "$INSTDIR\itadesk.exe"
  ${OrIf} ${FileExists} "$INSTDIR\itadesk-cli.exe"
  ${OrIf} ${FileExists} "$INSTDIR\_internal\*.*"
    DetailPrint "$(MSG_LEFT_BEHIND)"
    MessageBox MB_ICONEXCLAMATION|MB_OK "$(MSG_LEFT_BEHIND)" /SD IDOK
    SetErrorLevel 4
  ${Else}
    DeleteRegKey HKCU "${UNINST_KEY}"
  ${EndIf}
SectionEnd

; Unticked by default, and never selected in a silent uninstall (an upgrade runs one).
Section /o "un.$(UNSEC_DATA)" UnSecData
  RMDir /r "${USER_DATA}"
SectionEnd

Section "-un.report"
  ${un.GetParameters} $0
  ClearErrors
  ${un.GetOptions} $0 "/DELETEUSERDATA" $1
  ${IfNot} ${Errors}
    RMDir /r "${USER_DATA}"
  ${EndIf}
  ${If} ${FileExists} "${USER_DATA}\*.*"
    DetailPrint "$(MSG_DATA_KEPT)"
  ${EndIf}
SectionEnd
