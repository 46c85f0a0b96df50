#!/usr/bin/env bash
# Checks that every C++ file of the repository is as clang-format (Debian's clang-format-14, .clang-format) writes
# it; lists the files that are not and exits 1. `make format` rewrites them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh scripts/format-packages.txt
mapfile -t files < <(git ls-files '*.cpp' '*.h')
if ! clang-format-14 --dry-run --Werror "${files[@]}" 2> /tmp/ywtb-format.log; then
    echo "These files are not formatted (run: make format):"
    grep -o '^[^:]*\.\(cpp\|h\)' /tmp/ywtb-format.log | sort -u
    exit 1
fi
echo "clang-format: all ${#files[@]} C++ files formatted"
