#!/usr/bin/env bash
# Runs a GUI test program on a private virtual display (Xvfb) whatever the caller's DISPLAY, so windows never
# pop up on someone's desktop and CI needs no X server. Listing the tests needs no display at all.
set -euo pipefail
for arg in "$@"; do
  case "$arg" in --list*) exec "$@" ;; esac
done
# No accessibility bus on a virtual display: GTK's AT-SPI bridge would only try D-Bus and keep what it allocated.
export NO_AT_BRIDGE=1
if command -v xvfb-run >/dev/null 2>&1; then
  exec xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" "$@"
fi
if [ -n "${DISPLAY:-}" ]; then
  exec "$@"
fi
echo "with_display.sh: neither xvfb-run nor a DISPLAY: install xvfb (listed in scripts/debian-packages.txt)" >&2
exit 1
