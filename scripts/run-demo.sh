#!/usr/bin/env bash
# `make run`: the counter client on demo data. Prepares the demo store once (scripts/demo-data.sh, through
# the CLI), starts the reference server and the simulated ID-card reader, rating keypad and signature pad, points
# SANE at its own test scanner, then the GUI in demo mode (signed in as `demo` at window W01) with all of them.
# Without a display it says how to get one and shows the demo store from the CLI instead of failing.
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
# A printer for the demo's notices: the PC's default CUPS queue when it has one, else a queue that writes PDF
# files (cups-pdf, installed with the other packages) made once, its files in ~/PDF. Best effort: without it the
# notices are still issued and previewed, and Print says what is wrong.
demo_printer() {
    command -v lpstat > /dev/null || { echo "No CUPS here: notices are previewed, not printed." >&2; return; }
    if lpstat -d 2>/dev/null | grep -q "system default destination:"; then
        return
    fi
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo -n)
    if ! lpstat -r 2>/dev/null | grep -q "is running"; then
        "${sudo[@]}" cupsd 2>/dev/null || true # no init system (a container): start the scheduler
        for _ in $(seq 50); do lpstat -r 2>/dev/null | grep -q "is running" && break; sleep 0.1; done
    fi
    if ! lpstat -p ywtb-demo-pdf > /dev/null 2>&1; then
        "${sudo[@]}" lpadmin -p ywtb-demo-pdf -E -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd 2>/dev/null ||
            { echo "Could not add the demo's PDF printer (needs root): notices are previewed; Print reports why." >&2; return; }
    fi
    export PRINTER=ywtb-demo-pdf
    echo "Printing goes to the demo's PDF printer ywtb-demo-pdf: the printed notices appear in ~/PDF."
}
demo_printer

# The local reference server the counter syncs with (docs/sync.md): demo staff and windows seeded, its own
# data in DEMO_DIR/server, on a free loopback port, for as long as the window is open.
server="$build/server/ywtb-counter-server"
mkdir -p "$demo/server" "$demo/devices"
"$server" --data-dir "$demo/server" --port 0 --seed-demo > "$demo/server/server.log" 2>&1 &
pids=($!)
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

# The applicant's devices, simulated on pseudo-terminals (devices/PROTOCOLS.md): 张三's card lies on the reader,
# the applicant rates every step 非常满意 and signs whatever the pad shows. Each prints its path first.
devsim="$build/tools/devsim/ywtb-devsim"
device_args=()
start_device() { # KIND OPTION COMMAND...
    local kind=$1 option=$2
    shift 2
    local script=()
    for command in "$@"; do script+=(-e "$command"); done
    "$devsim" "$kind" --link "$demo/devices/$kind" "${script[@]}" < /dev/null > "$demo/devices/$kind.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 50); do
        [[ -e "$demo/devices/$kind" ]] && { device_args+=("$option" "$demo/devices/$kind"); return; }
        sleep 0.1
    done
    echo "The simulated $kind did not start (see $demo/devices/$kind.log); the counter works without it." >&2
}
start_device idcard --idcard "present zhang"
start_device rating --rating "always 5 1 2 3"
start_device signature --signature "always-sign"
# The document scanner: SANE's own `test` backend, seen alone through a private SANE_CONFIG_DIR (as the scanner tests
# do), a 10-sheet feeder drawing a grid. YWTB_DEMO_SCANNER=NAME (a name scanimage -L shows) uses a real one instead.
scanner=${YWTB_DEMO_SCANNER:-test:0}
if [[ "$scanner" == test:* ]]; then
    mkdir -p "$demo/sane"
    echo test > "$demo/sane/dll.conf"
    printf 'number_of_devices 2\ntest-picture "Grid"\n' > "$demo/sane/test.conf"
    export SANE_CONFIG_DIR="$demo/sane"
fi
device_args+=(--scanner "$scanner")
url=""
for _ in $(seq 1 300); do # the first start hashes the demo passwords (PBKDF2, 600,000 iterations each)
    url=$(sed -n 's/^listening on //p' "$demo/server/server.log" | head -n 1)
    [[ -n "$url" ]] && break
    kill -0 "${pids[0]}" 2>/dev/null || break
    sleep 0.1
done
if [[ -z "$url" ]]; then
    echo "The reference server did not start (see $demo/server/server.log); the counter works offline." >&2
    "$gui" --demo --data-dir "$demo" "${device_args[@]}"
    exit
fi
echo "Reference server: $url (data in $demo/server; ywtb-counter-server admin approve CASE --data-dir $demo/server)"
(umask 077 && echo demo > "$demo/server/demo-password")
# The hall's ticket machine and appointment system: a few applicants waiting for the demo to call (Ctrl+J).
for ticket in "appointment --item SCJG-XK-001" "walk_in" "walk_in --item GAJ-XK-001"; do
    # shellcheck disable=SC2086 # the words of $ticket are separate arguments
    "$cli" --data-dir "$demo" --staff demo --window W02 queue issue $ticket --server "$url" \
        --password-file "$demo/server/demo-password" > /dev/null 2>&1 || true
done
"$gui" --demo --data-dir "$demo" --server "$url" --password-file "$demo/server/demo-password" "${device_args[@]}"
