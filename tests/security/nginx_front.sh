#!/usr/bin/env bash
# tests/security/nginx_front.sh SERVER: the production set-up of server/README.md on loopback. Debian's nginx
# runs server/nginx/ywtb-counter-server.conf (its ports, certificate and log rewritten on the lines marked
# "# test:") in front of the real ywtb-counter-server, and the checks go through it: health and sign-in,
# TLS 1.2 suites, the body limit, the sign-in rate limit, and slow sockets that starve no one.
# Exit 77 (ctest: skipped) without nginx, except under CI=true, where skipping would hide a broken set-up.
set -euo pipefail
server=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
skip() {
    [[ "${CI:-}" == "true" ]] && fail "$1 — CI must run this test"
    printf 'SKIPPED: %s\n' "$1"
    exit 77
}
nginx=$(command -v nginx || true)
[[ -z "$nginx" && -x /usr/sbin/nginx ]] && nginx=/usr/sbin/nginx
[[ -n "$nginx" ]] || skip "nginx is missing (apt-get install nginx-light; scripts/debian-packages.txt lists it)"
command -v curl > /dev/null || skip "curl is missing"

work=$(mktemp -d)
chmod 755 "$work" # nginx's workers run as another user when started by root
server_pid=
nginx_pid=
cleanup() {
    [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2> /dev/null && wait "$nginx_pid" 2> /dev/null
    [[ -n "$server_pid" ]] && kill "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null
    rm -rf "$work"
}
trap cleanup EXIT
tls=$src/tests/server/tls

# The server on a free loopback port as server/README.md sets it up behind nginx: every connection comes from
# 127.0.0.1, so the limits per client address are the proxy's job. A cheap password hash for the test.
"$server" --data-dir "$work/data" --port 0 --seed-demo --connections-per-address 1000 \
    --lockout-address-failures 10000 --test-kdf-iterations 1000 > "$work/server.out" 2> "$work/server.err" &
server_pid=$!
for _ in $(seq 300); do grep -q "^listening on" "$work/server.out" && break; sleep 0.1; done
upstream=$(sed -n 's/^listening on http:\/\/127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/server.out")
[[ -n "$upstream" ]] || { cat "$work/server.err"; fail "the server did not start"; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
start_nginx() {
    port=$(free_port)
    sed -e "s|server 127.0.0.1:8080; # test: upstream|server 127.0.0.1:$upstream;|" \
        -e "s|listen 443 ssl; # test: listen|listen 127.0.0.1:$port ssl;|" \
        -e "/# test: listen6/d" \
        -e "s|ssl_certificate .*# test: certificate|ssl_certificate $tls/server-cert.pem;|" \
        -e "s|ssl_certificate_key .*# test: key|ssl_certificate_key $tls/server-key.pem;|" \
        -e "s|access_log .*# test: access_log|access_log $work/access.log;|" \
        "$src/server/nginx/ywtb-counter-server.conf" > "$work/site.conf"
    if grep -v '^\s*#' "$work/site.conf" | grep -q "# test:"; then
        fail "a line marked '# test:' was not rewritten: $(grep -v '^\s*#' "$work/site.conf" | grep '# test:')"
    fi
    cat > "$work/nginx.conf" << CONF
pid $work/nginx.pid;
error_log $work/error.log;
worker_processes 1;
events { worker_connections 512; }
http {
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi;
    scgi_temp_path $work/scgi;
    include $work/site.conf;
}
CONF
    "$nginx" -t -q -p "$work" -c "$work/nginx.conf" 2> "$work/nginx-t.log" || { cat "$work/nginx-t.log"; fail "nginx -t refuses the configuration"; }
    "$nginx" -p "$work" -c "$work/nginx.conf" -g 'daemon off;' 2>> "$work/error.log" &
    nginx_pid=$!
    # Ready when it answers; a port taken meanwhile by someone else makes nginx exit: then another port.
    for _ in $(seq 100); do
        kill -0 "$nginx_pid" 2> /dev/null || return 1
        curl -s -o /dev/null --cacert "$tls/server-cert.pem" "https://127.0.0.1:$port/api/v1/health" && return 0
        sleep 0.1
    done
    return 1
}
started=
for _ in 1 2 3; do
    if start_nginx; then started=yes; break; fi
    kill "$nginx_pid" 2> /dev/null && wait "$nginx_pid" 2> /dev/null
    nginx_pid=
done
[[ -n "$started" ]] || { cat "$work/error.log"; fail "nginx did not start"; }
url=https://127.0.0.1:$port
call() { curl -s --cacert "$tls/server-cert.pem" -o "$work/body.txt" -w '%{http_code}' "$@"; }

# Health and sign-in through the proxy.
[[ $(call "$url/api/v1/health") == 200 ]] && grep -q '"ok"' "$work/body.txt" || fail "health through nginx: $(cat "$work/body.txt")"
sign_in='{"staff_id":"S001","password":"s001-demo-pass","window":"W01"}'
[[ $(call -H 'Content-Type: application/json' --data "$sign_in" "$url/api/v1/sessions") == 201 ]] ||
    fail "sign-in through nginx: $(cat "$work/body.txt")"
echo "health and sign-in through nginx: ok"

# TLS 1.2: ECDHE with AEAD only.
call --tls-max 1.2 --ciphers ECDHE-RSA-AES128-GCM-SHA256 "$url/api/v1/health" > /dev/null || fail "TLS 1.2 ECDHE-RSA-AES128-GCM-SHA256 refused"
for weak in AES128-SHA ECDHE-RSA-AES128-SHA AES256-SHA256; do
    if call --tls-max 1.2 --ciphers "$weak" "$url/api/v1/health" > /dev/null 2>&1; then fail "nginx accepted the weak suite $weak"; fi
done
echo "TLS: ECDHE-AEAD accepted, CBC and SHA-1 suites refused"

# A body larger than one blob chunk is refused by nginx, before the server sees it.
head -c $((10 * 1024 * 1024)) /dev/zero > "$work/big.bin"
status=$(call -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$work/big.bin" "$url/api/v1/blobs/$(printf 'a%.0s' {1..64})")
[[ $status == 413 ]] || fail "a 10 MiB body answered $status, not 413"
echo "10 MiB body: 413"

# Password guessing: sign-in attempts from one address are limited (30 a minute, 10 at once).
limited=0
for _ in $(seq 30); do
    status=$(call -H 'Content-Type: application/json' --data '{"staff_id":"S001","password":"guess","window":"W01"}' "$url/api/v1/sessions")
    [[ $status == 429 ]] && limited=$((limited + 1))
done
[[ $limited -gt 0 ]] || fail "30 sign-in attempts at once: none limited"
echo "30 quick sign-in attempts: $limited answered 429"

# 50 slow TLS sockets (a header line every 200 ms) starve no one: the health check answers within 1 s.
python3 - "$port" "$tls/server-cert.pem" << 'PY'
import socket, ssl, sys, threading, time
port, ca = int(sys.argv[1]), sys.argv[2]
context = ssl.create_default_context(cafile=ca)
slow = []
for _ in range(50):
    s = context.wrap_socket(socket.create_connection(("127.0.0.1", port)), server_hostname="127.0.0.1")
    s.sendall(b"POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    slow.append(s)
done = False
def dribble():
    line = 0
    while not done:
        for s in slow:
            try:
                s.sendall(b"X-Slow-%d: 1\r\n" % line)
            except OSError:
                pass
        line += 1
        time.sleep(0.2)
thread = threading.Thread(target=dribble)
thread.start()
worst = 0.0
for _ in range(5):
    start = time.monotonic()
    s = context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=5), server_hostname="127.0.0.1")
    s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    answer = s.recv(64)
    s.close()
    worst = max(worst, time.monotonic() - start)
    assert answer.startswith(b"HTTP/1.1 200"), answer
done = True
thread.join()
print("health check with 50 slow TLS sockets open: worst %.0f ms" % (worst * 1000))
sys.exit(0 if worst < 1.0 else 1)
PY
echo "PASSED"
