<#
Builds SPO Counter for Windows: the one-folder bundle and its installer.

  powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1 [-Out dist] [-Python py]

Needs, on a 64-bit Windows 10/11 build PC: Python 3.11 or newer, 64-bit ("py" launcher or give
-Python C:\Path\python.exe), and NSIS 3 (makensis on PATH or in "C:\Program Files (x86)\NSIS").
Makes a build venv .venv-build in the checkout, installs the project and PyInstaller into it and
writes
  OUT\spo-counter\                       the bundle (spo-counter.exe, spo-counter-cli.exe, _internal\)
  OUT\spo-counter-VERSION-setup.exe      the installer (installer\spo-counter.nsi)
It stops when the bundle holds Qt parts the app does not use, reaches 200 MB, or fails to start.
#>
param(
    [string]$Out = "dist",
    [string]$Python = "py"
)
$ErrorActionPreference = "Stop"

function Invoke-Checked {
    param([string]$Program, [string[]]$Arguments)
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "$Program $($Arguments -join ' ') failed with exit code $LASTEXITCODE"
    }
}

$root = Split-Path -Parent $PSScriptRoot
Set-Location $root
New-Item -ItemType Directory -Force -Path $Out | Out-Null
$Out = (Resolve-Path $Out).Path

# A clean build environment: the project (not editable) and PyInstaller.
$venv = Join-Path $root ".venv-build"
if (-not (Test-Path (Join-Path $venv "Scripts\python.exe"))) {
    Invoke-Checked $Python @("-m", "venv", $venv)
}
$py = Join-Path $venv "Scripts\python.exe"
Invoke-Checked $py @("-m", "pip", "install", "--upgrade", "pip")
Invoke-Checked $py @("-m", "pip", "install", "--upgrade", $root, "pyinstaller>=6.10")

$version = (& $py "installer\build_info.py" "version").Trim()
if ($LASTEXITCODE -ne 0) { throw "could not read the version" }
$winVersion = (& $py "installer\build_info.py" "windows-version").Trim()

Invoke-Checked $py @("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
    "--distpath", $Out, "--workpath", (Join-Path $Out "build"), "installer\spo-counter.spec")
$bundle = Join-Path $Out "spo-counter"
Invoke-Checked $py @("installer\build_info.py", "check", $bundle)

# Smoke test: the console executable answers, and the window starts and exits by itself.
$cli = Join-Path $bundle "spo-counter-cli.exe"
Invoke-Checked $cli @("--version")
$smoke = Join-Path ([System.IO.Path]::GetTempPath()) ("spo-counter-smoke-" + [guid]::NewGuid())
$env:QT_QPA_PLATFORM = "offscreen"
try {
    Invoke-Checked $cli @("--exit-after-startup", "--data-dir", $smoke)
} finally {
    Remove-Item Env:\QT_QPA_PLATFORM
    Remove-Item -Recurse -Force $smoke -ErrorAction SilentlyContinue
}

$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = Join-Path ${env:ProgramFiles(x86)} "NSIS\makensis.exe" }
if (-not (Test-Path $makensis)) { throw "makensis not found: install NSIS 3 (nsis.sourceforge.io)" }
$setup = Join-Path $Out "spo-counter-$version-setup.exe"
Invoke-Checked $makensis @("/WX", "/V2", "/DVERSION=$version", "/DWIN_VERSION=$winVersion",
    "/DBUNDLE=$bundle", "/DOUTFILE=$setup", (Join-Path $root "installer\spo-counter.nsi"))
Write-Host "$setup ($([math]::Round((Get-Item $setup).Length / 1MB, 1)) MB)"
