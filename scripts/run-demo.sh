#!/usr/bin/env bash
# `make run`: the counter client on demo data. Prepares the demo store once (scripts/demo-data.sh, through
# the CLI), then starts the GUI in demo mode (signed in as `demo` at window W01). Without a display it says
# how to get one and shows the demo store from the CLI instead of failing.
# usage: run-demo.sh BUILD_DIR DEMO_DIR
set -euo pipefail
build=$1
demo=$2
cli="$build/client/cli/ywtb-counter-cli"
gui="$build/client/app/ywtb-counter"

# The demo's working-day calendar covers 2026 (forms/calendar/): a fixed training date keeps the demo's due
# dates inside it whatever day it is run. Every screen and command announces the training date.
export YWTB_TRAINING_DATE=${YWTB_TRAINING_DATE:-2026-11-27}

bash "$(dirname "$0")/demo-data.sh" "$cli" "$demo" 2> >(grep -v "training date" >&2)

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    echo
    echo "No display here, so the window cannot open. On a desktop, run: make run"
    echo "On a machine without a screen: xvfb-run -a -s '-screen 0 1280x1024x24' $gui --demo --data-dir $demo"
    echo
    echo "The demo store, as the CLI sees it:"
    "$cli" --data-dir "$demo" catalogue summary 2>/dev/null
    "$cli" --data-dir "$demo" case list 2>/dev/null
    exit 0
fi
exec "$gui" --demo --data-dir "$demo"
