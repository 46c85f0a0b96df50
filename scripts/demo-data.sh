#!/usr/bin/env bash
# Prepares the demo counter's data once: document-number blocks for the demo windows, and a few cases in
# the states a newcomer should see (accepted, a correction notice, one waiting at the pickup window).
# Everything goes through the CLI, as a clerk would do it. Safe to run again: it does nothing the second time.
# usage: demo-data.sh CLI DATA_DIR
set -euo pipefail
cli=$1
data=$2
mkdir -p "$data"
marker="$data/.demo-seeded"
[[ -f "$marker" ]] && exit 0

year=$(date +%Y)
run() { "$cli" --data-dir "$data" "$@"; }
at() { local window=$1 staff=$2; shift 2; "$cli" --data-dir "$data" --window "$window" --staff "$staff" "$@"; }

# Each window draws its document numbers from its own block (docs/intake.md).
from=1
for window in W01 W02 P01; do
    for kind in acceptance_notice receipt correction_notice supplement_notice refusal_notice approval_decision denial_decision delivery_receipt; do
        at "$window" S001 numbers reserve --kind "$kind" --year "$year" --from "$from" --to $((from + 9999)) > /dev/null
    done
    from=$((from + 10000))
done

company=$(mktemp)
person=$(mktemp)
trap 'rm -f "$company" "$person"' EXIT
cat > "$company" <<'JSON'
{"name": "上海某某餐饮有限公司", "credit_code": "91350100M000100Y43", "legal_representative": "张三", "phone": "021-64871234",
 "address": "上海市徐汇区漕溪北路100号"}
JSON
cat > "$person" <<'JSON'
{"name": "李四", "id_number": "11010519491231002X", "phone": "13812345678"}
JSON

# An accepted food-business licence, reviewed, approved and waiting at the pickup window.
ready=$(at W01 S007 case new --item SCJG-XK-001 --applicant "$company")
for m in M01 M03 M04 M06; do at W01 S007 case material "$ready" "$m" --status provided > /dev/null; done
at W01 S007 case material "$ready" M02 --status exempt --licence 3101042026000123 > /dev/null
at W01 S007 case material "$ready" M05 --status copy > /dev/null
at W01 S007 case material "$ready" M07 --status not_applicable > /dev/null
# The 食品经营许可申请书 (forms/application/SCJG-XK-001.json): the applicant's name, code and phone are already filled in.
at W01 S007 case form "$ready" --set legal_representative_id=310104198511200048 --set premises_address=上海市徐汇区漕溪北路100号101室 \
    --set premises_area=85.5 --set business_form=catering --set categories=hot_food,self_made_drinks --set online_sales=否 \
    --set employees=6 --set safety_officer=李华 --set safety_officer_id=310101197803150026 > /dev/null
at W01 S007 case decide "$ready" accept > /dev/null
at W01 S007 case review "$ready" start > /dev/null
at W01 S007 case review "$ready" approve > /dev/null
at W01 S007 case review "$ready" ready > /dev/null

# A case that got a correction notice: the applicant will come back with the missing plan.
correction=$(at W02 S008 case new --item SCJG-XK-001 --applicant "$company")
for m in M01 M03 M04 M06; do at W02 S008 case material "$correction" "$m" --status provided > /dev/null; done
at W02 S008 case material "$correction" M02 --status exempt --licence 3101042026000123 > /dev/null
at W02 S008 case material "$correction" M05 --status missing > /dev/null
at W02 S008 case material "$correction" M07 --status not_applicable > /dev/null
at W02 S008 case decide "$correction" correction > /dev/null

# A draft a person has just started at window W01.
at W01 S007 case new --item SCJG-XK-001 --applicant "$person" > /dev/null

touch "$marker"
echo "demo data ready in $data: case $ready awaits release at P01, case $correction awaits a correction"
run case list > /dev/null
