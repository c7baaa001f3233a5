#!/usr/bin/env bash
# The hash-chained audit log end to end (issue 9; store_audit.c,
# `samanvay audit`): a fresh database verifies; officers' reads over HTTP,
# several at once, append rows that chain (no fork under concurrency);
# `audit head` gives a head that later verifies; a changed row, a removed
# middle row and a removed last row (against the kept head) are each found
# with exit 1 and the row named; usage errors exit 2.
# Environment (tests/run): SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
LOG=$T/audit-serve.log
. "$ROOT/tests/web/web.sh"

DB=$(store_new audit0)
"$S" init --db "$DB" >/dev/null 2>&1
"$S" audit verify --db "$DB" >"$T/v.out"
is "a fresh database verifies: exit 0" "$?" 0
grep -q 'intact, 0 rows' "$T/v.out"
ok $? "and says it has no rows"
DB=$(store_new audit)

web_two_enterprises "$DB"
ok $? "a database with two enterprises"
PUNE=$(store_sql "$DB" "select id from enterprise where udyam='UDYAM-MH-26-0012345'")
OTHER=$(store_sql "$DB" "select id from enterprise where id <> $PUNE limit 1")
web_adduser "$DB" officer-pune-pass --username pune --role officer --state 27 --district Pune
web_adduser "$DB" asha-password-1 --username asha --role entrepreneur --enterprise "$PUNE"
web_adduser "$DB" ravi-password-1 --username ravi --role entrepreneur --enterprise "$OTHER"
web_serve "$DB" "$LOG"
ok $? "the server listens"
P=$T/pune.jar
is "the officer signs in" "$(login "$P" pune officer-pune-pass)" 303

READERS=()
for i in 1 2 3 4 5 6 7 8; do
    curl -s -o /dev/null -b "$P" "$B/api/v1/enterprises/$PUNE?reason=check+$i" &
    READERS+=($!)
done
wait "${READERS[@]}"
N=$(store_sql "$DB" "select count(*) from audit_log")
[ "$N" -ge 8 ]
ok $? "eight concurrent reads are audit-logged ($N rows)"
is "no two rows chain to the same row" \
    "$(store_sql "$DB" "select count(*) - count(distinct prev_hash) from audit_log")" 0
"$S" audit verify --db "$DB" --json >"$T/v.json"
is "the chain verifies: exit 0" "$?" 0
is "verify --json counts the rows" "$(json 'd["intact"], d["rows"]' <"$T/v.json")" "True $N"
HEAD=$("$S" audit head --db "$DB" | cut -d' ' -f2)
[ ${#HEAD} -eq 64 ]
ok $? "audit head prints the last hash"
curl -s -o /dev/null -b "$P" "$B/api/v1/enterprises/$PUNE?reason=later"
"$S" audit verify --db "$DB" --head "$HEAD" --json >"$T/v.json"
is "the kept head verifies, one row after it" "$?:$(json 'd["rows_after_head"]' <"$T/v.json")" "0:1"

A=$T/asha.jar R=$T/ravi.jar
login "$A" asha asha-password-1 >/dev/null
login "$R" ravi ravi-password-1 >/dev/null
curl -s -b "$A" "$B/privacy" >"$T/privacy.html"
grep -q 'check 3' "$T/privacy.html" && grep -q 'pune (officer)' "$T/privacy.html"
ok $? "the enterprise sees which official looked at its data, and why"
[ "$(grep -c '<tr><td>' "$T/privacy.html")" -ge 9 ]
ok $? "one row per access"
curl -s -b "$R" "$B/privacy" >"$T/privacy2.html"
grep -q 'No official has looked' "$T/privacy2.html" && ! grep -q 'check 3' "$T/privacy2.html"
ok $? "another enterprise sees only its own (none)"
curl -s -b "$A" "$B/privacy?lang=hi" | grep -q 'lang="hi"'
ok $? "the page comes in Hindi"
is "anonymous: 401" "$(code "$B/privacy")" 401
is "an officer has no /privacy: 403" "$(code -b "$P" "$B/privacy")" 403
[ "$(wc -c <"$T/privacy.html")" -lt 51200 ]
ok $? "the page is under 50 KB"
kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null

A1=$(store_copy "$DB" a1)
store_sql "$A1" "update audit_log set reason='nothing to see' where id=3"
"$S" audit verify --db "$A1" >"$T/v.out"
is "a changed reason: exit 1" "$?" 1
grep -q 'TAMPERED at row id 3' "$T/v.out"
ok $? "the changed row is named"

A2=$(store_copy "$DB" a2)
store_sql "$A2" "delete from audit_log where id=4"
"$S" audit verify --db "$A2" --json >"$T/v.json"
is "a removed middle row: exit 1" "$?" 1
is "found at the row after it" "$(json 'd["fault"], d["fault_id"]' <"$T/v.json")" "relinked 5"

A3=$(store_copy "$DB" a3)
LAST=$(store_sql "$A3" "select max(id) from audit_log")
FULL=$("$S" audit head --db "$A3" | cut -d' ' -f2)
store_sql "$A3" "delete from audit_log where id=$LAST"
"$S" audit verify --db "$A3" >/dev/null
is "a removed last row alone looks intact" "$?" 0
"$S" audit verify --db "$A3" --head "$FULL" >"$T/v.out"
is "but not against the kept head: exit 1" "$?" 1
grep -q 'head given is not in the chain' "$T/v.out"
ok $? "and says why"

"$S" audit verify --db "$DB" --head nothex >/dev/null 2>&1
is "a bad --head: exit 2" "$?" 2
"$S" audit frobnicate --db "$DB" >/dev/null 2>&1
is "an unknown audit command: exit 2" "$?" 2
NONE=$T/none/x.db
store_is_pg "$DB" && NONE=${DB%/*}/${DB##*/}_absent # a database never created
"$S" audit verify --db "$NONE" >/dev/null 2>&1
is "no database: exit 2" "$?" 2
done_testing
