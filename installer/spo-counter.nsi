; SPO Counter: the Windows installer, per machine, for every teller of a counter PC.
;
;   makensis /DVERSION=0.1.0 /DBUNDLE=C:\build\dist\spo-counter [/DWIN_VERSION=0.1.0.0]
;            [/DOUTFILE=C:\build\dist\spo-counter-0.1.0-setup.exe] installer\spo-counter.nsi
;
; BUNDLE is the PyInstaller one-folder build (installer/spo-counter.spec): spo-counter.exe (the
; window), spo-counter-cli.exe (the commands) and _internal\. Give it as an absolute path:
; makensis resolves relative paths from this script's folder. installer/build-windows.ps1 runs
; all of this; Debian's makensis compiles the same script on Linux.
;
; What it does (docs/installing.md):
; - installs into "C:\Program Files\SPO Counter" (all users; administrator rights);
; - keeps the counter's data OUTSIDE that folder, by default in "C:\ProgramData\SPO Counter",
;   writable by every local user, so all tellers of the PC share one store; upgrades and the
;   uninstaller never touch it;
; - points the Start-menu shortcut (--data-dir) and the machine-wide SPO_DATA_DIR variable (for
;   spo-counter-cli and scheduled tasks) at that folder;
; - registers the uninstaller in Add/Remove Programs ("Apps").
;
; Silent (software distribution): setup.exe /S [/DATADIR="D:\SPO Counter Data"] [/D=C:\Install Dir]
; (/D must come last and takes no quotes). An upgrade keeps the data folder of the installed
; version unless /DATADIR is given.

Unicode true
ManifestDPIAware true

!ifndef VERSION
  !error "VERSION is not defined: makensis /DVERSION=x.y.z"
!endif
!ifndef BUNDLE
  !error "BUNDLE is not defined: /DBUNDLE=<the PyInstaller folder dist\spo-counter>"
!endif
!ifndef OUTFILE
  !define OUTFILE "spo-counter-${VERSION}-setup.exe"
!endif

!define APP "SPO Counter"
!define PUBLISHER "BPJS Ketenagakerjaan"
!define EXE "spo-counter.exe"
!define CLI "spo-counter-cli.exe"
!define ICON "${__FILEDIR__}\..\resources\icons\spo-counter.ico"
!define SETTINGS_KEY "Software\SPO Counter"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\SPO Counter"
!define ENVIRONMENT_KEY "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"
; Local group "Users" by its well-known SID (its name differs by Windows language).
!define USERS_SID "*S-1-5-32-545"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel admin
InstallDir "$PROGRAMFILES64\${APP}"
SetCompressor /SOLID lzma
BrandingText "${APP} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

!ifdef WIN_VERSION
  VIProductVersion "${WIN_VERSION}"
  VIFileVersion "${WIN_VERSION}"
  VIAddVersionKey /LANG=0 "ProductName" "${APP}"
  VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
  VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
  VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
  VIAddVersionKey /LANG=0 "FileDescription" "${APP} installer"
  VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"
!endif

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include WinMessages.nsh
!include x64.nsh

Var DataDir
Var PreviousDataDir

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING

!insertmacro MUI_PAGE_WELCOME
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipOnUpgrade
!insertmacro MUI_PAGE_DIRECTORY
; A second folder page: where the counter's data live.
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipOnUpgrade
!define MUI_PAGE_CUSTOMFUNCTION_LEAVE CheckDataDir
!define MUI_PAGE_HEADER_TEXT "$(DataHeader)"
!define MUI_PAGE_HEADER_SUBTEXT "$(DataSubheader)"
!define MUI_DIRECTORYPAGE_TEXT_TOP "$(DataTop)"
!define MUI_DIRECTORYPAGE_TEXT_DESTINATION "$(DataDestination)"
!define MUI_DIRECTORYPAGE_VARIABLE $DataDir
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "$(FinishText)"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Indonesian"
!insertmacro MUI_LANGUAGE "English"

LangString DataHeader ${LANG_INDONESIAN} "Folder data loket"
LangString DataHeader ${LANG_ENGLISH} "Counter data folder"
LangString DataSubheader ${LANG_INDONESIAN} "Tempat basis data, cadangan dan pengaturan loket."
LangString DataSubheader ${LANG_ENGLISH} "Where the counter's database, backups and settings live."
LangString DataTop ${LANG_INDONESIAN} "Semua teller di PC ini memakai folder data yang sama. Folder ini berada di luar folder program: pembaruan dan penghapusan aplikasi tidak pernah menyentuhnya."
LangString DataTop ${LANG_ENGLISH} "Every teller of this PC uses the same data folder. It lies outside the program folder: upgrades and uninstalling never touch it."
LangString DataDestination ${LANG_INDONESIAN} "Folder data"
LangString DataDestination ${LANG_ENGLISH} "Data folder"
LangString DataInsideProgram ${LANG_INDONESIAN} "Folder data tidak boleh berada di dalam folder program ($INSTDIR). Pilih folder lain."
LangString DataInsideProgram ${LANG_ENGLISH} "The data folder must not be inside the program folder ($INSTDIR). Choose another folder."
LangString AppRunning ${LANG_INDONESIAN} "${APP} masih berjalan. Tutup aplikasi di semua sesi pengguna PC ini, lalu pilih Coba lagi."
LangString AppRunning ${LANG_ENGLISH} "${APP} is still running. Close it in every user session of this PC, then choose Retry."
LangString Needs64Bit ${LANG_INDONESIAN} "${APP} memerlukan Windows 64-bit."
LangString Needs64Bit ${LANG_ENGLISH} "${APP} needs 64-bit Windows."
LangString DataKept ${LANG_INDONESIAN} "Data loket tidak dihapus: $DataDir"
LangString DataKept ${LANG_ENGLISH} "The counter's data were kept: $DataDir"
LangString FinishText ${LANG_INDONESIAN} "${APP} ${VERSION} terpasang. Buka dari menu Start. Data loket: $DataDir$\r$\n$\r$\nLoket baru: jalankan ${APP} sebagai supervisor untuk menyiapkan loket, atau lihat docs\installing.md."
LangString FinishText ${LANG_ENGLISH} "${APP} ${VERSION} is installed. Open it from the Start menu. Counter data: $DataDir$\r$\n$\r$\nA new counter: start ${APP} as a supervisor to set the counter up, or see docs\installing.md."

Function .onInit
  SetShellVarContext all
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(Needs64Bit)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  ; An upgrade: the same program folder (unless /D= says otherwise) and the same data folder as
  ; the installed version.
  ReadRegStr $0 HKLM "${SETTINGS_KEY}" "InstallDir"
  ${If} $0 != ""
  ${AndIf} $INSTDIR == "$PROGRAMFILES64\${APP}"
    StrCpy $INSTDIR $0
  ${EndIf}
  ReadRegStr $PreviousDataDir HKLM "${SETTINGS_KEY}" "DataDir"
  StrCpy $DataDir $PreviousDataDir
  ${If} $DataDir == ""
    ; Bank IT may have set the variable by policy before the first installation.
    ReadRegStr $DataDir HKLM "${ENVIRONMENT_KEY}" "SPO_DATA_DIR"
    ExpandEnvStrings $DataDir $DataDir
  ${EndIf}
  ${If} $DataDir == ""
    ; With SetShellVarContext all, $APPDATA is the machine-wide C:\ProgramData.
    StrCpy $DataDir "$APPDATA\${APP}"
  ${EndIf}
  ; /DATADIR=... on the command line wins (a silent installation, or moving the data on purpose).
  ${GetParameters} $1
  ClearErrors
  ${GetOptions} $1 "/DATADIR=" $2
  ${IfNot} ${Errors}
  ${AndIf} $2 != ""
    StrCpy $DataDir $2
    StrCpy $PreviousDataDir ""
  ${EndIf}
FunctionEnd

Function SkipOnUpgrade
  ; Upgrading keeps both folders as they are: no folder pages.
  ${If} $PreviousDataDir != ""
    Abort
  ${EndIf}
FunctionEnd

; Sets the error flag when $DataDir is the program folder or inside it.
Function IsDataInsideProgram
  ClearErrors
  StrLen $0 $INSTDIR
  StrCpy $1 $DataDir $0
  ${If} $1 == $INSTDIR
    StrCpy $2 $DataDir 1 $0
    ${If} $2 == ""
    ${OrIf} $2 == "\"
      SetErrors
    ${EndIf}
  ${EndIf}
FunctionEnd

Function CheckDataDir
  Call IsDataInsideProgram
  ${If} ${Errors}
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(DataInsideProgram)"
    Abort
  ${EndIf}
FunctionEnd

; A running copy holds its executable open: opening it for writing fails until every copy is
; closed. Nothing is changed until the check passes.
!macro WaitUntilClosed
  retry:
  StrCpy $3 ""
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    ClearErrors
    FileOpen $0 "$INSTDIR\${EXE}" a
    ${If} ${Errors}
      StrCpy $3 "running"
    ${Else}
      FileClose $0
    ${EndIf}
  ${EndIf}
  ${If} ${FileExists} "$INSTDIR\${CLI}"
    ClearErrors
    FileOpen $0 "$INSTDIR\${CLI}" a
    ${If} ${Errors}
      StrCpy $3 "running"
    ${Else}
      FileClose $0
    ${EndIf}
  ${EndIf}
  ${If} $3 == "running"
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppRunning)" /SD IDCANCEL IDRETRY retry
    SetErrorLevel 2
    Quit
  ${EndIf}
!macroend

Function WaitUntilClosed
  !insertmacro WaitUntilClosed
FunctionEnd

Function un.WaitUntilClosed
  !insertmacro WaitUntilClosed
FunctionEnd

Section "${APP}" SectionMain
  SectionIn RO
  SetShellVarContext all
  SetRegView 64
  Call IsDataInsideProgram
  ${If} ${Errors}
    MessageBox MB_OK|MB_ICONSTOP "$(DataInsideProgram)" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  Call WaitUntilClosed

  ; The previous version's program files go first, so none of them outlives the upgrade. Only
  ; what this installer puts there: never the whole folder.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI}"
  Delete "$INSTDIR\uninstall.exe"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; The data folder: made if new, writable by every local user (tellers log in with their own
  ; Windows accounts), and left as it is otherwise.
  CreateDirectory "$DataDir"
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$DataDir" /grant ${USERS_SID}:(OI)(CI)M'
  Pop $0
  DetailPrint "icacls: $0"

  ; Start menu, for all users. The shortcut names the data folder; so does SPO_DATA_DIR for
  ; spo-counter-cli, scheduled uploads and services.
  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\${EXE}" '--data-dir "$DataDir"' \
    "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "${APP} ${VERSION}"
  WriteRegExpandStr HKLM "${ENVIRONMENT_KEY}" "SPO_DATA_DIR" "$DataDir"
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000

  WriteRegStr HKLM "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${SETTINGS_KEY}" "DataDir" "$DataDir"
  WriteRegStr HKLM "${SETTINGS_KEY}" "Version" "${VERSION}"

  ; Add/Remove Programs.
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Function un.onInit
  SetShellVarContext all
  SetRegView 64
  ReadRegStr $DataDir HKLM "${SETTINGS_KEY}" "DataDir"
FunctionEnd

Section "Uninstall"
  ; Removes what the installer put in the program folder, by name, and nothing else: the data
  ; folder (its database, backups and settings) stays, wherever it is.
  Call un.WaitUntilClosed
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  Delete "$SMPROGRAMS\${APP}\${APP}.lnk"
  RMDir "$SMPROGRAMS\${APP}"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegValue HKLM "${ENVIRONMENT_KEY}" "SPO_DATA_DIR"
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ; The data folder is remembered, so installing again finds the same counter.
  DeleteRegValue HKLM "${SETTINGS_KEY}" "InstallDir"
  DeleteRegValue HKLM "${SETTINGS_KEY}" "Version"
  DetailPrint "$(DataKept)"
SectionEnd
