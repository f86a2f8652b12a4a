@echo off
rem `sweeplab`, the command line of the installed desktop app: its own Electron run as Node on
rem the CLI inside app.asar. Add this folder (resources\ of the install) to PATH to use it anywhere.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\Sweeplab.exe" "%~dp0app.asar\bin\sweeplab.mjs" %*
