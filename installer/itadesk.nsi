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

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

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

Name "${APP_NAME}"
OutFile "${OUT_DIR}\ITADesk-${VERSION}-setup.exe"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

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
LangString MSG_OLD_FAILED ${LANG_THAI} "ถอนการติดตั้งรุ่นเดิมไม่สำเร็จ กรุณาปิดโปรแกรม ITA Desk แล้วลองใหม่"
LangString MSG_OLD_FAILED ${LANG_ENGLISH} "Could not remove the previous version. Close ITA Desk and try again."
LangString MSG_DATA_KEPT ${LANG_THAI} "ข้อมูลของท่านยังเก็บไว้ที่ ${USER_DATA}"
LangString MSG_DATA_KEPT ${LANG_ENGLISH} "Your data is kept in ${USER_DATA}"
LangString SHORTCUT_DESC ${LANG_THAI} "คะแนน ITA การวิเคราะห์ มาตรการ และบันทึกข้อความ"
LangString SHORTCUT_DESC ${LANG_ENGLISH} "ITA scores, analysis, measures and memos"

; ---------------------------------------------------------------- install

Function .onInit
  SetShellVarContext current
FunctionEnd

; Run the previous version's uninstaller in place (silently: it keeps the user data), so no
; file of the old version is left behind.  _?= makes it run without copying itself to TEMP,
; so ExecWait really waits; the uninstaller file itself is then removed here.
Function RemovePrevious
  ReadRegStr $0 HKCU "${UNINST_KEY}" "InstallLocation"
  ${If} $0 == ""
    Return
  ${EndIf}
  ${IfNot} ${FileExists} "$0\${UNINST_EXE}"
    Return
  ${EndIf}
  DetailPrint "$(MSG_REMOVE_OLD)"
  ExecWait '"$0\${UNINST_EXE}" /S _?=$0' $1
  ${If} $1 != 0
    MessageBox MB_ICONSTOP|MB_OK "$(MSG_OLD_FAILED)" /SD IDOK
    Abort
  ${EndIf}
  Delete "$0\${UNINST_EXE}"
  RMDir "$0"
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
FunctionEnd

Section "-un.Main" UnSecApp
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  Delete "$INSTDIR\itadesk.exe"
  Delete "$INSTDIR\itadesk-cli.exe"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${UNINST_EXE}"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
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
