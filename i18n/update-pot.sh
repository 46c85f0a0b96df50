#!/usr/bin/env bash
# Extracts every msgid (_() and N_()) from the sources into i18n/ywtb-counter.pot and merges it into each .po.
# Run after changing user-visible text; then translate the new or fuzzy entries in zh_CN.po.
set -euo pipefail
cd "$(dirname "$0")/.."
find client devices tools \( -name '*.cpp' -o -name '*.h' \) 2>/dev/null | sort > /tmp/ywtb-pot-files.txt
xgettext --from-code=UTF-8 --language=C++ --keyword=_ --keyword=N_ --keyword=tr --add-comments=TRANSLATORS \
    --package-name=ywtb-counter --msgid-bugs-address=dev@ywtb-counter.invalid --no-location --sort-output \
    --files-from=/tmp/ywtb-pot-files.txt --output=i18n/ywtb-counter.pot
for po in i18n/*.po; do
    msgmerge --quiet --update --backup=none --no-location --sort-output "$po" i18n/ywtb-counter.pot
    msgattrib --no-obsolete --sort-output --output-file="$po" "$po"
done
