#!/usr/bin/env bash
# Time from launch to an interactive intake window, and the peak resident memory of that start, for stores of
# CASES released cases (0: an empty store, the floor); beside it, in the same run, sqlite3 answering the status
# bar's due / overdue query on the same store file.
#
# usage: bench/gui_launch_bench.sh BUILD_DIR DIR RUNS CASES...     e.g.  build .bench/gui 10 0 100000 1000000
#
# Each store is made once by `ywtb-bench-intake --store-only` in DIR/cases-N (6.9 GB for 1,000,000 cases; kept
# for the next run, delete it by hand). Every run starts the real program:
#   ywtb-counter --data-dir DIR/cases-N/store --staff S001 --window W01 --report-ready --quit-when-ready
# which prints "ready MS" (milliseconds since the kernel started the process, 10 ms ticks) once the frame is
# shown, its status bar filled and the first idle event handled. "Cold" runs first drop the store's files from
# the page cache (dd iflag=nocache: no root needed; the program and its libraries stay cached); "warm" runs
# follow at once. Peak RSS is GNU time's maximum resident set size.
set -euo pipefail

if [ $# -lt 4 ]; then
  echo "usage: $0 BUILD_DIR DIR RUNS CASES..." >&2
  exit 2
fi
build=$(realpath "$1")
dir=$(realpath -m "$2")
runs=$3
shift 3
counter="$build/client/app/ywtb-counter"
prefill="$build/bench/ywtb-bench-intake"
for tool in "$counter" "$prefill" /usr/bin/time sqlite3 xvfb-run; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is missing" >&2; exit 1; }
done

# One virtual display for the whole run, as tests/app/with_display.sh gives the tests (no accessibility bus there).
if [ -z "${YWTB_BENCH_DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" env YWTB_BENCH_DISPLAY=1 NO_AT_BRIDGE=1 bash "$0" "$build" "$dir" "$runs" "$@"
fi

mkdir -p "$dir"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

micros() { local t=$1; echo "${t/./}"; } # $EPOCHREALTIME as an integer of microseconds

# Drops a store's files from the page cache.
evict() {
  local f
  for f in "$1"/counter.sqlite3 "$1"/counter.sqlite3-wal "$1"/counter.sqlite3-shm; do
    [ -f "$f" ] && dd if="$f" iflag=nocache count=0 status=none
  done
  return 0
}

# One start: prints "READY_MS WALL_TO_READY_MS PEAK_RSS_KB".
launch() {
  local data=$1 line ready="" t0 tready=""
  t0=$EPOCHREALTIME
  while IFS= read -r line; do
    case $line in ready\ *) ready=${line#ready }; tready=$EPOCHREALTIME ;; esac
  done < <(/usr/bin/time -f "%M" -o "$scratch/rss" "$counter" --data-dir "$data" --staff S001 --window W01 \
             --report-ready --quit-when-ready 2>"$scratch/stderr")
  wait $! || true
  if [ -z "$ready" ]; then
    echo "$0: no ready line from ywtb-counter on $data:" >&2
    cat "$scratch/stderr" >&2
    exit 1
  fi
  echo "$ready $(( ($(micros "$tready") - $(micros "$t0")) / 1000 )) $(tail -n 1 "$scratch/rss")"
}

# min / median / max of the numbers on standard input.
spread() { sort -n | awk '{ v[NR] = $1 } END { printf "%s / %s / %s", v[1], v[int((NR + 1) / 2)], v[NR] }'; }

# The status bar's due / overdue query (store/case_repository.cpp, listCases with dueBefore), counted by sqlite3.
due_query="SELECT count(*) FROM intake_case WHERE (status IN ('accepted', 'under_review') AND due_promised < '$(date -d '+7 days' +%F)')
  OR (status = 'conditional' AND supplement_by < '$(date -d '+7 days' +%F)')
  OR (status = 'received' AND correction_deadline < '$(date -d '+7 days' +%F)');"
sqlite_once() {
  local t0 t1
  t0=$EPOCHREALTIME
  sqlite3 -readonly "$1/counter.sqlite3" "$due_query" >/dev/null
  t1=$EPOCHREALTIME
  echo $(( ($(micros "$t1") - $(micros "$t0")) / 1000 ))
}

echo "gui launch bench, $(date -u +%FT%TZ), $runs runs each, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| cases | store | start | program ready ms (min / median / max) | launch → ready line ms | peak RSS MB (max) | sqlite3 due query ms |\n'
printf '|---:|---:|---|---:|---:|---:|---:|\n'
for cases in "$@"; do
  data="$dir/cases-$cases/store"
  if [ "$cases" = 0 ]; then
    rm -rf "$dir/cases-0"
    mkdir -p "$data"
  elif [ ! -f "$data/counter.sqlite3" ]; then
    echo "making a store of $cases cases in $data (once)..." >&2
    "$prefill" --store-only "$dir/cases-$cases" "$cases" >&2
  fi
  launch "$data" >/dev/null # the first start of an empty directory creates the store; not measured
  size=$(du -sh "$data" | cut -f1)
  for mode in cold warm; do
    : >"$scratch/ready"; : >"$scratch/wall"; : >"$scratch/peak"; : >"$scratch/sql"
    for ((i = 0; i < runs; i++)); do
      [ "$mode" = cold ] && evict "$data"
      read -r ready wall peak < <(launch "$data")
      echo "$ready" >>"$scratch/ready"; echo "$wall" >>"$scratch/wall"; echo "$peak" >>"$scratch/peak"
      [ "$mode" = cold ] && evict "$data"
      sqlite_once "$data" >>"$scratch/sql"
    done
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$cases" "$size" "$mode" "$(spread <"$scratch/ready")" \
      "$(spread <"$scratch/wall")" "$(sort -n "$scratch/peak" | tail -n 1 | awk '{ printf "%.0f", $1 / 1024 }')" \
      "$(spread <"$scratch/sql")"
  done
done
