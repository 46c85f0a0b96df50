#!/usr/bin/env bash
# Fails when a msgid in the sources has no Chinese translation in i18n/zh_CN.po, or the .po is malformed.
set -euo pipefail
root=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && find client devices tools \( -name '*.cpp' -o -name '*.h' \) 2>/dev/null | sort) > "$tmp/files"
(cd "$root" && xgettext --from-code=UTF-8 --language=C++ --keyword=_ --keyword=N_ --keyword=tr \
    --files-from="$tmp/files" --output="$tmp/sources.pot")
msgfmt --check --output-file=/dev/null "$root/i18n/zh_CN.po"
# msgcmp counts untranslated and fuzzy entries as missing; run i18n/update-pot.sh, then translate.
msgcmp "$root/i18n/zh_CN.po" "$tmp/sources.pot"
echo "zh_CN.po translates all $(grep -c '^msgid ' "$tmp/sources.pot") msgids of the sources"
