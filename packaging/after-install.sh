#!/bin/sh
# .deb post-install: the window as `sweeplab-desktop` and the command line as `sweeplab` on PATH.
set -e
chmod +x '/opt/${sanitizedProductName}/resources/sweeplab'
ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
ln -sf '/opt/${sanitizedProductName}/resources/sweeplab' /usr/bin/sweeplab
# Chromium's sandbox helper must be setuid root where user namespaces are off.
if [ -f '/opt/${sanitizedProductName}/chrome-sandbox' ]; then
  chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi
if hash update-desktop-database 2>/dev/null; then update-desktop-database /usr/share/applications || true; fi
