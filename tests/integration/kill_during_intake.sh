#!/usr/bin/env bash
# Records 1,000 intakes with ywtb-counter-cli while another loop kills the CLI with SIGKILL at random
# moments. Afterwards every case the CLI reported as recorded must be in the store, no number twice,
# PRAGMA integrity_check must say ok, and the audit chain must verify.
# usage: kill_during_intake.sh CLI [INTAKES]
set -uo pipefail
cli=$1
intakes=${2:-1000}
work=$(mktemp -d)
trap 'kill "$killer" 2>/dev/null; rm -rf "$work"' EXIT
data=$work/data
export YWTB_TRAINING_DATE=2026-09-28 LANG=C.UTF-8
cat > "$work/applicant.json" <<'JSON'
{"name": "上海某某餐饮有限公司", "credit_code": "91350100M000100Y43", "phone": "021-64871234"}
JSON
"$cli" --data-dir "$data" catalogue summary > /dev/null 2>&1 || { echo "cannot seed the store"; exit 1; }

# The killer: SIGKILL to this run's CLI processes (matched by the data directory) every 0–40 ms.
(
    while true; do
        sleep "0.0$((RANDOM % 40 + 10))"
        pkill -KILL -f -- "--data-dir $data --window" 2>/dev/null
    done
) &
killer=$!

reported=0 killed=0
for ((i = 1; i <= intakes; i++)); do
    if out=$("$cli" --data-dir "$data" --window W01 --staff S001 case new --item SCJG-XK-001 --applicant "$work/applicant.json" 2>/dev/null); then
        echo "$out" >> "$work/reported"
        reported=$((reported + 1))
    else
        status=$?
        [[ $status -eq 137 ]] && killed=$((killed + 1))
        [[ $status -ne 137 ]] && { echo "intake $i failed with exit $status"; exit 1; }
    fi
done
kill "$killer" 2>/dev/null
wait "$killer" 2>/dev/null
echo "intakes tried: $intakes, reported recorded: $reported, killed: $killed"

failures=0
[[ $killed -ge 10 ]] || { echo "FAIL: only $killed runs were killed; the test did not exercise crashes"; failures=$((failures + 1)); }
stored=$(sqlite3 "$data/counter.sqlite3" "SELECT number FROM intake_case ORDER BY number")
missing=$(comm -23 <(sort "$work/reported") <(echo "$stored" | sort))
[[ -z "$missing" ]] || { echo "FAIL: reported but not stored:"; echo "$missing" | head; failures=$((failures + 1)); }
doubled=$(sort "$work/reported" | uniq -d)
[[ -z "$doubled" ]] || { echo "FAIL: a number was reported twice: $doubled"; failures=$((failures + 1)); }
integrity=$(sqlite3 "$data/counter.sqlite3" "PRAGMA integrity_check")
[[ "$integrity" == "ok" ]] || { echo "FAIL: integrity_check: $integrity"; failures=$((failures + 1)); }
"$cli" --data-dir "$data" audit verify || failures=$((failures + 1))
# Every stored case has its audit entry and its outbox entry: one transaction wrote all three.
orphans=$(sqlite3 "$data/counter.sqlite3" "SELECT count(*) FROM intake_case c WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.subject = c.number AND a.action = 'case.open') OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_number = c.number)")
[[ "$orphans" == "0" ]] || { echo "FAIL: $orphans cases without their audit or outbox entry"; failures=$((failures + 1)); }
echo "stored cases: $(echo "$stored" | grep -c .)"
if [[ $failures -eq 0 ]]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit $((failures > 0))
