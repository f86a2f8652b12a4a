#!/bin/sh
# .deb post-remove: the links after-install.sh made.
rm -f '/usr/bin/${executable}' /usr/bin/sweeplab
