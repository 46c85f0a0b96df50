#!/usr/bin/env bash
# installer/test-install.sh [BUILD_DIR]: the Debian packages, installed for real (installer/README.md).
#  1. cpack -G DEB in BUILD_DIR (built already: make build, or cmake --build BUILD_DIR);
#  2. lintian on each .deb: no errors;
#  3. a clean Debian 12 root (debootstrap --variant=minbase, cached in BUILD_DIR/install-test), the .debs
#     installed with apt-get, which fetches their Depends from this machine's Debian mirror;
#  4. as a normal user: ywtb-counter-cli --version, a catalogue search, translations, templates, the
#     server's --help and a run of the server as its service user;
#  5. apt-get purge, and no file of ours left behind.
# Needs root (debootstrap, chroot, mount) and the network. Exit 77 (ctest: skipped) without root, except
# under CI=true, where skipping would hide a broken package: there it fails.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src/build}" && pwd)
work=$build/install-test
base=$work/bookworm-minbase
root=$work/root
started=$SECONDS
phase_start=$SECONDS

say() { printf '== %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
phase() { say "$1 ($((SECONDS - phase_start)) s)"; phase_start=$SECONDS; }
skip() {
    if [[ "${CI:-}" == "true" ]]; then
        fail "$1 — CI must run this test (installer/README.md)"
    fi
    printf 'SKIPPED: %s\n' "$1"
    exit 77
}

[[ -f "$build/CMakeCache.txt" ]] || fail "$build is not a configured build folder (cmake -S . -B $build)"
sanitize=$(sed -n 's/^YWTB_SANITIZE:STRING=//p' "$build/CMakeCache.txt")
if [[ -n "$sanitize" ]]; then
    # Packages come from an ordinary build; CI's plain build (build/) runs this test.
    printf 'SKIPPED: %s is built with sanitizers (%s); packages are tested from an unsanitized build\n' "$build" "$sanitize"
    exit 77
fi
[[ $(id -u) -eq 0 ]] || skip "needs root for debootstrap, chroot and mount; run: sudo $0 $build"
# The tools this test needs (installer/test-packages.txt). Not scripts/install-deps.sh: under ctest -j another
# test may hold the dpkg lock (the CUPS fixture installs too), so wait for it instead of failing.
mapfile -t tools < <(grep -v '^\s*#' "$src/installer/test-packages.txt" | grep -v '^\s*$')
missing=()
for pkg in "${tools[@]}"; do
    [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" == "install ok installed" ]] || missing+=("$pkg")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq &&
        apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" > "$build/install-test-tools.log" 2>&1 ||
        { cat "$build/install-test-tools.log" >&2; fail "apt-get install ${missing[*]}"; }
fi
command -v debootstrap >/dev/null || skip "debootstrap is missing (apt-get install debootstrap)"

# This machine's Debian mirror (sources.list or deb822 .sources), else deb.debian.org; YWTB_DEBIAN_MIRROR wins.
mirror=${YWTB_DEBIAN_MIRROR:-}
if [[ -z "$mirror" ]]; then
    mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
             awk '$1 == "deb" && $0 ~ /bookworm/ && $0 !~ /security/ { for (i = 2; i <= NF; ++i) if ($i ~ /^https?:/) { print $i; exit } }') || true
fi
if [[ -z "$mirror" ]]; then
    mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
             awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }') || true
fi
mirror=${mirror:-http://deb.debian.org/debian}

mounts=()
unmount_all() {
    local i
    for ((i = ${#mounts[@]} - 1; i >= 0; --i)); do
        umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" || true
    done
    mounts=()
}
remove_root() {
    unmount_all
    [[ -d "$root" ]] || return 0
    # Left by an interrupted run: the test's own mounts under its own root, innermost first.
    findmnt -rn -o TARGET | grep "^$root\(/\|$\)" | sort -r | while read -r target; do umount "$target" || umount -l "$target"; done || true
    if findmnt -rn -o TARGET | grep -q "^$root\(/\|$\)"; then
        fail "something is still mounted under $root; unmount it before the next run"
    fi
    rm -rf "$root"
}
trap unmount_all EXIT
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
as_clerk() { chroot "$root" /usr/sbin/runuser -u clerk -- /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/clerk USER=clerk "$@"; }

say "build folder $build, mirror $mirror"

# --- 1. the packages -----------------------------------------------------------------------------------
packages=$work/packages
rm -rf "$packages"
mkdir -p "$packages"
(cd "$build" && cpack -G DEB -B "$packages" > "$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack -G DEB"; }
mapfile -t debs < <(ls "$packages"/*.deb)
[[ ${#debs[@]} -eq 2 ]] || fail "expected 2 packages (ywtb-counter, ywtb-counter-server), cpack made: ${debs[*]}"
for deb in "${debs[@]}"; do
    dpkg-deb -f "$deb" Package Version Installed-Size Depends | sed 's/^/   /'
done
phase "cpack -G DEB made ${#debs[@]} packages"

# --- 2. lintian --------------------------------------------------------------------------------------------
lintian_status=0
lintian --allow-root --fail-on error --display-level ">=warning" "${debs[@]}" > "$work/lintian.log" 2>&1 || lintian_status=$?
cat "$work/lintian.log"
[[ $lintian_status -eq 0 ]] || fail "lintian reports errors (above; full list in $work/lintian.log)"
phase "lintian: no errors"

# --- 3. a clean Debian 12 root -----------------------------------------------------------------------------
if [[ ! -f "$base/.ywtb-complete" ]]; then
    rm -rf "$base.partial"
    debootstrap --variant=minbase bookworm "$base.partial" "$mirror" > "$work/debootstrap.log" 2>&1 ||
        { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap bookworm from $mirror"; }
    rm -rf "$base"
    mv "$base.partial" "$base"
    touch "$base/.ywtb-complete"
    phase "debootstrap --variant=minbase bookworm (cached in $base)"
fi
remove_root
mkdir -p "$root"
# In memory when there is room (about 1 GB is used): installing and removing are then much faster.
available_kb=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
if [[ ${available_kb:-0} -gt 4000000 ]]; then
    mount -t tmpfs -o size=3g,mode=0755 ywtb-install-test "$root" && mounts+=("$root")
fi
cp -a "$base/." "$root/"
rm -f "$root/.ywtb-complete"
# The same Debian sources as this machine (bookworm, -updates, -security), so Depends resolve as here.
if compgen -G "/etc/apt/sources.list.d/*.sources" >/dev/null || [[ -s /etc/apt/sources.list ]]; then
    : > "$root/etc/apt/sources.list"
    [[ -s /etc/apt/sources.list ]] && grep -E '^\s*deb .*(debian|bookworm)' /etc/apt/sources.list > "$root/etc/apt/sources.list" || true
    for f in /etc/apt/sources.list.d/*.sources; do
        if [[ -f "$f" ]] && grep -q 'bookworm' "$f"; then cp "$f" "$root/etc/apt/sources.list.d/"; fi
    done
fi
[[ -s "$root/etc/apt/sources.list" ]] || compgen -G "$root/etc/apt/sources.list.d/*" >/dev/null ||
    echo "deb $mirror bookworm main" > "$root/etc/apt/sources.list"
cp /etc/resolv.conf "$root/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d" # start no service in the root
chmod 755 "$root/usr/sbin/policy-rc.d"
mkdir -p "$work/apt-archives/partial"
mount -t proc proc "$root/proc" && mounts+=("$root/proc")
mount --bind "$work/apt-archives" "$root/var/cache/apt/archives" && mounts+=("$root/var/cache/apt/archives")
cp "${debs[@]}" "$root/tmp/"
phase "fresh root from the cached Debian 12 minbase"

in_root apt-get update -qq > "$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get update in the root"; }
debs_in_root=()
for deb in "${debs[@]}"; do debs_in_root+=("/tmp/$(basename "$deb")"); done
# --force-unsafe-io: dpkg skips its fsyncs, fine for a root thrown away after the test, and much faster.
in_root apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-unsafe-io "${debs_in_root[@]}" >> "$work/apt.log" 2>&1 ||
    { tail -40 "$work/apt.log" >&2; fail "apt-get install of the packages into a clean Debian 12"; }
in_root dpkg -L ywtb-counter ywtb-counter-server | sort -u > "$work/installed-files.txt"
phase "apt-get install: $(grep -c '^Setting up' "$work/apt.log") packages set up, $(wc -l < "$work/installed-files.txt") paths of ours"

# --- 4. run what was installed -----------------------------------------------------------------------------
in_root useradd --create-home --shell /bin/bash clerk
version=$(as_clerk LANG=C.UTF-8 ywtb-counter-cli --version) || fail "ywtb-counter-cli --version"
echo "$version"
expected=$(dpkg-deb -f "${debs[0]}" Version)
grep -qF "$expected" <<< "$version" || fail "ywtb-counter-cli --version does not say $expected, the package's version"
search=$(as_clerk LANG=C.UTF-8 ywtb-counter-cli --json catalogue search 营业执照) ||
    { echo "$search"; fail "ywtb-counter-cli catalogue search 营业执照"; }
grep -q '"code"' <<< "$search" || { echo "$search"; fail "the catalogue search found no item"; }
echo "catalogue search 营业执照: $(grep -o '"code" *: *"[^"]*"' <<< "$search" | head -3 | tr '\n' ' ')"
# The same answers as the build tree gives from the sources: the installed data is the shipped data.
built_cli=$build/client/cli/ywtb-counter-cli
scratch=$(mktemp -d)
expected_search=$(LANG=C.UTF-8 YWTB_FORMS_DIR="$src/forms" "$built_cli" --data-dir "$scratch" --json catalogue search 营业执照)
rm -rf "$scratch"
[[ "$search" == "$expected_search" ]] || { diff <(echo "$expected_search") <(echo "$search"); fail "the installed catalogue answers differently from the sources"; }
[[ -n "$(ls -A "$root/home/clerk/.local/share/ywtb-counter" 2>/dev/null)" ]] ||
    fail "the CLI kept no data in the clerk's ~/.local/share/ywtb-counter"
chinese=$(as_clerk LANG=zh_CN.UTF-8 ywtb-counter-cli --help) || fail "ywtb-counter-cli --help in Chinese"
grep -q "用法" <<< "$chinese" || { echo "$chinese" | head -3; fail "no Chinese text: the translations in /usr/share/locale were not found"; }
as_clerk LANG=C.UTF-8 ywtb-counter-cli templates check > "$work/templates-check.log" 2>&1 ||
    { cat "$work/templates-check.log"; fail "ywtb-counter-cli templates check (templates from /etc/ywtb-counter)"; }
as_clerk LANG=C.UTF-8 ywtb-counter-cli deadline --from 2026-09-28 --days 5 > "$work/deadline.log" 2>&1 ||
    { cat "$work/deadline.log"; fail "ywtb-counter-cli deadline (calendar from /etc/ywtb-counter)"; }
# Across the National Day holiday and its make-up working day: the answer shows the calendar was read.
scratch=$(mktemp -d)
expected_deadline=$(LANG=C.UTF-8 YWTB_FORMS_DIR="$src/forms" "$built_cli" --data-dir "$scratch" deadline --from 2026-09-28 --days 5 2>&1)
rm -rf "$scratch"
[[ "$(cat "$work/deadline.log")" == "$expected_deadline" ]] ||
    { cat "$work/deadline.log"; fail "the installed calendar gives another deadline than the sources ($expected_deadline)"; }
echo "deadline 2026-09-28 + 5 working days: $(head -1 "$work/deadline.log")"
[[ $(readlink "$root/usr/share/ywtb-counter/forms") == /etc/ywtb-counter/forms ]] || fail "share/ywtb-counter/forms is not a link to /etc"
for program in ywtb-counter ywtb-counter-cli ywtb-devsim ywtb-counter-server; do
    as_clerk "$program" --help > "$work/help.log" 2>&1 || { cat "$work/help.log"; fail "$program --help"; }
    grep -q "usage" "$work/help.log" || fail "$program --help prints no usage"
    missing=$(in_root ldd "/usr/bin/$program" | grep 'not found' || true)
    [[ -z "$missing" ]] || fail "$program needs libraries the package does not depend on: $missing"
    [[ -f "$root/usr/share/man/man1/$program.1.gz" ]] || fail "no man page for $program"
done
# Scanning goes through the helper in /usr/lib/ywtb-counter (found from /usr/bin as installed), here to SANE's
# own test backend, which libsane1 brings.
mkdir -p "$root/tmp/ywtb-sane" && echo test > "$root/tmp/ywtb-sane/dll.conf"
scanners=$(as_clerk SANE_CONFIG_DIR=/tmp/ywtb-sane LANG=C.UTF-8 ywtb-counter-cli scanners 2>&1) ||
    { echo "$scanners"; fail "ywtb-counter-cli scanners (through /usr/lib/ywtb-counter/ywtb-scan-helper)"; }
grep -q "test:0" <<< "$scanners" || { echo "$scanners"; fail "the installed scanning helper found no test scanner"; }
missing=$(in_root ldd /usr/lib/ywtb-counter/ywtb-scan-helper | grep 'not found' || true)
[[ -z "$missing" ]] || fail "ywtb-scan-helper needs libraries the package does not depend on: $missing"
echo "scanners through the installed helper: $(grep -c 'test:' <<< "$scanners") test devices"
# The server as the systemd unit runs it: its account, its data folder, the health endpoint.
# chroot, env and setpriv each exec the next, so $! is the server itself and the TERM below reaches it (runuser
# forked it and stayed in between: killing that left the server running after the test).
as_server() {
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        setpriv --reuid=ywtb-server --regid=ywtb-server --init-groups "$@"
}
start_server() {
    (exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        setpriv --reuid=ywtb-server --regid=ywtb-server --init-groups \
        ywtb-counter-server --data-dir /var/lib/ywtb-counter-server --port 0) > "$work/server.out" 2> "$work/server.err" &
    server_pid=$!
    for _ in $(seq 100); do grep -q "listening on" "$work/server.out" && break; sleep 0.1; done
    port=$(sed -n 's/^listening on http:\/\/[^:]*:\([0-9]*\)$/\1/p' "$work/server.out")
    [[ -n "$port" ]] || { kill "$server_pid" 2>/dev/null; cat "$work/server.err"; fail "ywtb-counter-server did not start as ywtb-server"; }
}
health() { (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /api/v1/health HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3 && cat <&3) || true; }
start_server
health=$(health)
grep -q '"status" *: *"ok"' <<< "$health" || { kill -TERM "$server_pid"; echo "$health"; fail "GET /api/v1/health on the installed server"; }
echo "server on port $port: $(tail -1 <<< "$health")"
# One instance at a time (issue 26): a second server on the same data folder, or on the same port, is refused
# with exit status 1 and says who holds it, and the first keeps answering.
status=0
as_server timeout 20 ywtb-counter-server --data-dir /var/lib/ywtb-counter-server --port 0 > "$work/second.out" 2>&1 || status=$?
grep -q "in use by another ywtb-counter-server (pid $server_pid," "$work/second.out" && [[ $status -eq 1 ]] ||
    { kill -TERM "$server_pid"; cat "$work/second.out"; fail "a second server on the same data folder was not refused (exit $status)"; }
status=0
as_server timeout 20 ywtb-counter-server --data-dir /tmp/ywtb-second --port "$port" > "$work/second.out" 2>&1 || status=$?
grep -q "port $port is in use by another process" "$work/second.out" && [[ $status -eq 1 ]] && [[ ! -e "$root/tmp/ywtb-second" ]] ||
    { kill -TERM "$server_pid"; cat "$work/second.out"; fail "a second server on the same port was not refused before writing (exit $status)"; }
grep -q '"status" *: *"ok"' <<< "$(health)" || { kill -TERM "$server_pid"; fail "the first server stopped answering after a second one was refused"; }
echo "a second server on the same data folder or port: refused, exit 1"
# A server killed without a chance to clean up (SIGKILL) leaves its lock file behind: the next start takes it over.
killed_pid=$server_pid
kill -KILL "$server_pid"
wait "$server_pid" || true
start_server
grep -q "ended without releasing it (pid $killed_pid," "$work/server.err" ||
    { kill -TERM "$server_pid"; cat "$work/server.err"; fail "the lock of the killed server was not taken over"; }
health=$(health)
kill -TERM "$server_pid"
wait "$server_pid" || true
grep -q '"status" *: *"ok"' <<< "$health" || { echo "$health"; fail "GET /api/v1/health after taking over the lock"; }
[[ ! -s "$root/var/lib/ywtb-counter-server/server.lock" ]] || fail "an orderly stop left the lock file naming a holder"
# systemd restarts by stopping first, and the stop waits for the whole control group (or SIGKILLs it).
unit=$root/lib/systemd/system/ywtb-counter-server.service
for setting in KillMode=control-group TimeoutStopSec=30 SendSIGKILL=yes; do
    grep -qx "$setting" "$unit" || fail "the systemd unit lacks $setting: a restart could overlap two instances"
done
echo "killed server's lock taken over; the unit stops the old instance before starting the new"
phase "installed programs run as a normal user (clerk) and as ywtb-server"

# --- 5. purge: nothing of ours is left -------------------------------------------------------------------
in_root apt-get purge -y ywtb-counter ywtb-counter-server > "$work/purge.log" 2>&1 ||
    { cat "$work/purge.log" >&2; fail "apt-get purge"; }
grep -q "kept /var/lib/ywtb-counter-server" "$work/purge.log" ||
    { cat "$work/purge.log"; fail "purge did not say it kept the server's data"; }
[[ -n "$(ls -A "$root/var/lib/ywtb-counter-server")" ]] || fail "purge removed the server's data"
rm -rf "$root/var/lib/ywtb-counter-server" # by hand, as installer/README.md tells the administrator
left=()
while read -r path; do
    [[ -e "$root$path" || -L "$root$path" ]] || continue
    # Folders shared with other packages (/usr/bin, /etc, ...) stay; a folder or file of ours must go.
    [[ -d "$root$path" && ! -L "$root$path" && "$path" != *ywtb* ]] && continue
    left+=("$path")
done < "$work/installed-files.txt"
for path in /etc/ywtb-counter /usr/share/ywtb-counter /var/lib/ywtb-counter-server; do
    [[ -e "$root$path" ]] && left+=("$path")
done
[[ ${#left[@]} -eq 0 ]] || fail "left after apt-get purge: ${left[*]}"
phase "apt-get purge left nothing of ours (the ywtb-server account stays, as Debian does)"

remove_root
phase "removed the test root (the cached minbase and downloaded packages stay)"
say "PASSED in $((SECONDS - started)) s"
