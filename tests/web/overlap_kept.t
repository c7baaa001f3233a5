#!/usr/bin/env bash
# The overlap and awareness runs kept on the server until the next data
# load (web/overlap_cache.h, docs/overlap.md): the first view computes
# and says how long it took, the second is served from the kept run and
# says so, with the same figures; the API and the outreach list use the
# same kept run; an officer's read of the outreach list is audited on
# every request, kept or not; an ingest (new enterprises) and a new
# application are new data, computed afresh. Generated data: 3,000
# enterprises, seed 7.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new overlap_kept)
LOG=$T/overlap-kept-serve.log
. "$ROOT/tests/web/web.sh"
q() { store_sql "$DB" "$1"; }
kept() { grep -q 'kept until the next data load' <<<"$1"; echo $?; }
population() { sed -n 's/.*Enterprises: \([0-9]*\)\..*/\1/p' <<<"$1" | head -1; }

$S generate --enterprises 3000 --seed 7 --out "$T/g" >/dev/null 2>&1 \
    && $S generate --enterprises 400 --seed 8 --out "$T/g2" >/dev/null 2>&1
ok $? "generate 3,000 enterprises, and 400 more with another seed"
$S init --db "$DB" 2>/dev/null
$S ingest --db "$DB" udyam "$T/g/udyam.csv" --quiet >/dev/null 2>&1 \
    && $S ingest --db "$DB" beneficiary "$T/g/beneficiary.csv" --quiet >/dev/null 2>&1
ok $? "ingest udyam and the beneficiary lists"
ST=$(q "select state from enterprise group by state order by count(*) desc, state limit 1")
DIST=$(q "select min(district) from enterprise where state = '$ST' group by upper(district)
          order by count(*) desc, min(district) limit 1")
web_adduser "$DB" policy-pass-123 --username pol --role policymaker
web_adduser "$DB" officer-pass-123 --username dist --role officer --state "$ST" --district "$DIST"
web_serve "$DB" "$LOG"
ok $? "the server listens"
is "policymaker signs in" "$(login "$T/pol" pol policy-pass-123)" 303
is "district officer signs in" "$(login "$T/dist" dist officer-pass-123)" 303

# The awareness page: computed, then kept.
first=$(curl -s -b "$T/pol" "$B/overlap/awareness")
ok "$(grep -Eq 'Computed in [0-9]+ ms' <<<"$first"; echo $?)" "the first view says how long it took"
is "and is not the kept one" "$(kept "$first")" 1
second=$(curl -s -b "$T/pol" "$B/overlap/awareness")
is "the second view is the kept one" "$(kept "$second")" 0
strip() { sed -e 's/Computed in [0-9]* ms[^<]*//' -e 's/name="csrf" value="[0-9a-f]*"//' <<<"$1"; }
is "with the same figures" "$(strip "$second" | md5sum)" "$(strip "$first" | md5sum)"
pop=$(population "$first")
is "over every enterprise" "$pop" "$(q "select count(*) from enterprise")"
# /overlap shares the run (same need, same area): kept already.
is "/overlap is served from the same kept run" "$(kept "$(curl -s -b "$T/pol" "$B/overlap")")" 0
is "another need is another run: computed" "$(kept "$(curl -s -b "$T/pol" "$B/overlap?amount=100000")")" 1
is "and kept in turn" "$(kept "$(curl -s -b "$T/pol" "$B/overlap?amount=100000")")" 0
is "the first need is still kept beside it" "$(kept "$(curl -s -b "$T/pol" "$B/overlap/awareness")")" 0
is "the API answers from the kept run: the same population" \
   "$(curl -s -b "$T/pol" "$B/api/v1/overlap" | json 'd["population"]')" "$pop"

# The outreach list: kept, and audited on every request all the same.
read_rows() { q "select count(*) from audit_log where action = 'awareness.outreach.read'"; }
a0=$(read_rows)
o1=$(curl -s -b "$T/dist" "$B/officer/awareness")
n1=$(grep -o 'href="/officer/enterprises/[0-9]*"' <<<"$o1" | wc -l)
a1=$(read_rows)
ok "$([ "$n1" -ge 5 ]; echo $?)" "the outreach list names enterprises ($n1)"
is "its first view is made and audited, a row per enterprise shown" "$((a1 - a0))" "$n1"
o2=$(curl -s -b "$T/dist" "$B/officer/awareness")
n2=$(grep -o 'href="/officer/enterprises/[0-9]*"' <<<"$o2" | wc -l)
a2=$(read_rows)
is "the second view is the kept run" "$(kept "$o2")" 0
is "the same enterprises in the same order" \
   "$(grep -o 'href="/officer/enterprises/[0-9]*"' <<<"$o2" | md5sum)" \
   "$(grep -o 'href="/officer/enterprises/[0-9]*"' <<<"$o1" | md5sum)"
is "the kept view is audited all the same" "$((a2 - a1))" "$n2"
e0=$(q "select count(*) from audit_log where action = 'awareness.outreach.export'")
csv=$(curl -s -b "$T/dist" "$B/officer/awareness.csv")
e1=$(q "select count(*) from audit_log where action = 'awareness.outreach.export'")
is "the CSV from the kept run: every row audited" "$((e1 - e0))" "$(($(wc -l <<<"$csv") - 1))"
is "the CSV's order is the page's" "$(sed -n 2p <<<"$csv" | cut -d, -f2)" \
   "$(grep -o 'href="/officer/enterprises/[0-9]*"' <<<"$o1" | head -1 | grep -o '[0-9]*')"

# An ingest is new data: computed again, the new enterprises counted.
$S ingest --db "$DB" udyam "$T/g2/udyam.csv" --quiet >/dev/null 2>&1
ok $? "ingest 400 more enterprises while serving"
after=$(curl -s -b "$T/pol" "$B/overlap/awareness")
is "after the ingest the page is computed again" "$(kept "$after")" 1
pop2=$(population "$after")
is "and counts the enterprises now on file" "$pop2" "$(q "select count(*) from enterprise")"
ok "$([ "$pop2" -gt "$pop" ]; echo $?)" "more than before ($pop2 > $pop)"
is "the view after that is kept again" "$(kept "$(curl -s -b "$T/pol" "$B/overlap/awareness")")" 0

# An application is new data too (its append-only event moves the key).
pm=$(curl -s -b "$T/dist" "$B/officer/awareness.csv?scheme=pmmy")
X=$(sed -n 2p <<<"$pm" | cut -d, -f2)
S0=$(grep -c . <<<"$pm")
UID_=$(q "select id from app_user where username = 'dist'")
q "insert into bundle (enterprise_id, user_id, answers, created_at) values ($X, $UID_, '{}', '2026-01-01T00:00:00Z');
   insert into application (bundle_id, enterprise_id, scheme_id, state, gst_state, district, sla_days, eligibility,
     created_on, updated_at) values ((select max(id) from bundle), $X, 'pmmy', 'submitted', '$ST', '$DIST', 30, 'eligible',
     '2026-01-01', '2026-01-01T00:00:00Z');
   insert into application_event (application_id, application_gst_state, action, to_state, user_id, role, on_date, at)
     values ((select max(id) from application), '$ST', 'create', 'submitted', $UID_, 'entrepreneur', '2026-01-01', '2026-01-01T00:00:00Z');"
o3=$(curl -s -b "$T/dist" "$B/officer/awareness?scheme=pmmy")
is "after an application the list is computed again" "$(kept "$o3")" 1
S1=$(grep -c . <<<"$(curl -s -b "$T/dist" "$B/officer/awareness.csv?scheme=pmmy")")
is "and the enterprise that applied is off the pmmy list" "$S1" "$((S0 - 1))"
done_testing
