#!/usr/bin/env bash
# Runs each libFuzzer target of a YWTB_FUZZ build for SECONDS on a copy of its seed corpus (in the build
# directory, so the repository is not written) and fails if any target crashes, leaks, hangs or breaks an
# invariant. Usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]   (all targets in BUILD_DIR/fuzz/targets.txt if none)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}" && pwd)
seconds=${2:?usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "error: SECONDS must be a whole number above 0 (libFuzzer takes 0 as no limit)" >&2; exit 1; }
list="$build/fuzz/targets.txt"
[[ -f "$list" ]] || { echo "error: $list is missing: configure $build with -DYWTB_FUZZ=ON (make fuzz)" >&2; exit 1; }

declare -A dicts
mapfile -t all < <(cut -f1 "$list")
while IFS=$'\t' read -r name dict; do dicts[$name]=$dict; done < "$list"
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all[@]}")

# Readable stack traces in a crash report.
if [[ -z "${ASAN_SYMBOLIZER_PATH:-}" ]] && command -v llvm-symbolizer-14 >/dev/null; then
    export ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer-14)
fi

failed=()
for target in "${targets[@]}"; do
    [[ -v "dicts[$target]" ]] || { echo "error: no fuzz target $target in $list" >&2; exit 1; }
    work="$build/fuzz/run/$target"
    rm -rf "$work"
    mkdir -p "$work/corpus" "$work/artifacts"
    cp "$here/corpus/$target/"* "$work/corpus/"
    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -len_control=100 -print_final_stats=1
             -artifact_prefix="$work/artifacts/")
    [[ -n "${dicts[$target]}" ]] && options+=(-dict="${dicts[$target]}")
    echo "== $target: ${seconds} s (log: $work/fuzz.log)"
    if "$build/fuzz/$target" "${options[@]}" "$work/corpus" > "$work/fuzz.log" 2>&1; then
        grep -E '^stat::number_of_executed_units|^Done ' "$work/fuzz.log" || true
    else
        echo "FAILED: $target; the last lines of its log:" >&2
        tail -n 60 "$work/fuzz.log" >&2
        echo "reproduce: $build/fuzz/$target $work/artifacts/<file> (fuzz/README.md)" >&2
        ls "$work/artifacts" >&2 || true
        failed+=("$target")
    fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzzing failed: ${failed[*]}" >&2
    exit 1
fi
echo "fuzzing: ${#targets[@]} targets, ${seconds} s each, no crash"
