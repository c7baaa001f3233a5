#!/usr/bin/env bash
# The golden record over HTTP (issue 5): an officer of the enterprise's
# district sees every field with its value, source and the other sources'
# values; corrects a field with a reason (kept with author and reason,
# audit-logged, winning over the feed and over the entrepreneur's own
# word); the entrepreneur's profile then says an officer corrected it; an
# officer of another district sees nothing; bad input is refused.
# Environment (tests/run): SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$T/golden.db
LOG=$T/golden-serve.log
. "$ROOT/tests/web/web.sh"

web_two_enterprises "$DB"
ok $? "a database with two enterprises"
PUNE=$(sqlite3 "$DB" "select id from enterprise where udyam='UDYAM-MH-26-0012345'")
web_adduser "$DB" officer-pune-pass --username pune --role officer --state 27 --district Pune
web_adduser "$DB" officer-blr-pass --username blr --role officer --state 29 --district "Bengaluru Urban"
web_adduser "$DB" asha-password-1 --username asha --role entrepreneur --enterprise "$PUNE"
cat >"$T/cluster.csv" <<'CSV'
cluster_id,name,scheme,state_code,district,product,nic_code,traditional,approved_on,project_cost_rs,grant_rs,cfc_capacity_hours,status
MH-PNE-HANDLOOM,Pune Handloom Cluster,sfurti,27,Pune,handloom,13111,Y,2019-05-01,20000000,18000000,600,functional
CSV
cat >"$T/member.csv" <<'CSV'
cluster_id,udyam_number,joined_on,role
MH-PNE-HANDLOOM,UDYAM-MH-26-0012345,2020-01-15,member
CSV
"$S" ingest --db "$DB" cluster "$T/cluster.csv" >/dev/null 2>&1 \
    && "$S" ingest --db "$DB" cluster_member "$T/member.csv" >/dev/null 2>&1
ok $? "a cluster and the Pune unit's membership load"
web_serve "$DB" "$LOG"
ok $? "the server listens"

status_of() { sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' "$1"; }
page() { curl -s -b "$1" -c "$1" "$B$2"; }
post() { # post JAR PATH FIELDS... -> headers in $T/h, body in $T/body
    local jar=$1 path=$2 csrf args=()
    shift 2
    csrf=$(curl -s -b "$jar" -c "$jar" "$B/api/v1/session" | json 'd.get("csrf","")')
    for f in "$@"; do args+=(--data-urlencode "$f"); done
    curl -s -D "$T/h" -o "$T/body" -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" "${args[@]}" "$B$path"
}

P=$T/pune.jar K=$T/blr.jar A=$T/asha.jar
is "the Pune officer signs in" "$(login "$P" pune officer-pune-pass)" 303
login "$K" blr officer-blr-pass >/dev/null
login "$A" asha asha-password-1 >/dev/null

page "$P" "/officer/enterprises/$PUNE" >"$T/g.html"
grep -q 'Shakti Textiles' "$T/g.html"
ok $? "the officer sees the record"
grep -q 'from the Udyam registration (udyam.csv, row 1)' "$T/g.html"
ok $? "each value says where it came from"
[ "$(wc -c <"$T/g.html")" -lt 51200 ]
ok $? "the page is under 50 KB"
TURNOVER=$(sed -n 's|.*href="/officer/enterprises/'"$PUNE"'?field=\([0-9]*\)#correct".*|\1|p' "$T/g.html" \
    | while read -r f; do page "$P" "/officer/enterprises/$PUNE?field=$f" | grep -q 'annual turnover</label>' && echo "$f"; done | head -1)
[ -n "$TURNOVER" ]
ok $? "a field's correction form is one link away"

grep -q 'MH-PNE-HANDLOOM' "$T/g.html" && grep -q 'in cluster MH-PNE-HANDLOOM as a member' "$T/g.html"
ok $? "the cluster feed fills the cluster, with where it came from"
curl -s -b "$P" "$B/api/v1/enterprises/$PUNE?reason=test" >"$T/api.json"
is "the API keeps the cluster's scheme and the traditional industry, from the cluster feed" \
    "$(json 'd["enterprise"]["cluster"]["scheme"], d["enterprise"]["traditional_industry"], d["provenance"]["enterprise.cluster.id"]["kept"]["source"]' <"$T/api.json")" \
    "sfurti True cluster"
is "another district's officer: 404" "$(code -b "$K" "$B/officer/enterprises/$PUNE")" 404
is "an entrepreneur cannot open the officer's view: 403" "$(code -b "$A" "$B/officer/enterprises/$PUNE")" 403
is "no such enterprise: 404" "$(code -b "$P" "$B/officer/enterprises/999999")" 404
is "a bad id: 404" "$(code -b "$P" "$B/officer/enterprises/x1")" 404

# the entrepreneur corrects the turnover first
post "$A" /profile "f$TURNOVER=13000000"
is "the entrepreneur corrects the turnover: 303" "$(status_of "$T/h")" 303
page "$A" /profile | grep -q 'corrected by you on'
ok $? "the profile says the entrepreneur corrected it"

post "$P" "/officer/enterprises/$PUNE" "field=$TURNOVER" "value=12500000" "reason="
is "a correction without a reason is refused: 422" "$(status_of "$T/h")" 422
grep -q 'Give the reason' "$T/body"
ok $? "and the page says a reason is needed"
post "$P" "/officer/enterprises/$PUNE" "field=$TURNOVER" "value=lots" "reason=ITR 2025-26"
is "a value the field cannot hold is refused: 422" "$(status_of "$T/h")" 422
post "$P" "/officer/enterprises/$PUNE" "field=999" "value=1" "reason=x"
is "an unknown field is refused: 400" "$(status_of "$T/h")" 400
curl -s -D "$T/h" -o /dev/null -b "$P" --data-urlencode "field=$TURNOVER" --data-urlencode "value=1" \
    --data-urlencode "reason=x" "$B/officer/enterprises/$PUNE"
is "without the CSRF token: 403" "$(status_of "$T/h")" 403
post "$K" "/officer/enterprises/$PUNE" "field=$TURNOVER" "value=1" "reason=x"
is "another district's officer cannot correct: 404" "$(status_of "$T/h")" 404
is "nothing was stored by the refused corrections" \
    "$(sqlite3 "$DB" "select count(*) from profile_fact where source='officer'")" 0

post "$P" "/officer/enterprises/$PUNE" "field=$TURNOVER" "value=12500000" "reason=ITR 2025-26 seen at the office"
is "the officer corrects the turnover with a reason: 303" "$(status_of "$T/h")" 303
is "the correction is kept with its author and reason" \
    "$(sqlite3 "$DB" "select u.username || '|' || f.value || '|' || f.note from profile_fact f join app_user u on u.id = f.user_id where f.source='officer'")" \
    "pune|12500000|ITR 2025-26 seen at the office"
page "$P" "/officer/enterprises/$PUNE" >"$T/g2.html"
grep -q '₹1,25,00,000' "$T/g2.html"
ok $? "the officer's value is kept"
grep -q '<s>₹1,30,00,000</s>' "$T/g2.html" && grep -q '<s>₹1,20,00,000</s>' "$T/g2.html"
ok $? "the entrepreneur's and the Udyam record's values are shown struck through"
grep -q 'ITR 2025-26 seen at the office' "$T/g2.html"
ok $? "with the officer's reason"
page "$A" /profile | grep -q 'corrected by an officer on'
ok $? "the entrepreneur's profile says an officer corrected it"
is "the Udyam record itself is unchanged" \
    "$(sqlite3 "$DB" "select turnover_paise from enterprise where id=$PUNE")" 1200000000
[ "$(sqlite3 "$DB" "select count(*) from audit_log where username='pune' and action='enterprise.golden.read'")" -ge 2 ]
ok $? "the officer's reads are audit-logged"
is "the correction is audit-logged" \
    "$(sqlite3 "$DB" "select count(*) from audit_log where username='pune' and action='enterprise.golden.correct'")" 1

# a later word from the entrepreneur does not undo the officer's correction
post "$A" /profile "f$TURNOVER=9000000"
page "$P" "/officer/enterprises/$PUNE" | grep -q '<strong>₹1,25,00,000</strong>'
ok $? "the officer's correction still wins over a newer self-declared value"

# GST returns: twelve months filed make a turnover that outranks the Udyam
# record and the entrepreneur (data/survivorship.csv), but not the officer
{
    echo "gstin,return_type,frequency,period,due_on,filed_on,taxable_value_rs,tax_rs"
    for m in 01 02 03 04 05 06 07 08 09 10 11; do
        n=$(printf '%02d' $((10#$m + 1)))
        echo "27ABCPP1234K1ZP,GSTR3B,monthly,2025-$m,2025-$n-20,2025-$n-18,1100000,198000"
    done
    echo "27ABCPP1234K1ZP,GSTR3B,monthly,2025-12,2026-01-20,2026-01-19,1100000,198000"
} >"$T/gst.csv"
"$S" ingest --db "$DB" gst "$T/gst.csv" >/dev/null 2>&1
ok $? "twelve months of the Pune unit's GST returns load"
curl -s -b "$P" "$B/api/v1/enterprises/$PUNE?reason=test" >"$T/api2.json"
is "the officer's turnover still wins; GST's twelve months are among the others" \
    "$(json 'd["enterprise"]["turnover"], [o["value"] for o in d["provenance"]["enterprise.turnover"]["others"] if o["source"] == "gst"], d["provenance"]["enterprise.gst_scheme"]["kept"]["source"], d["enterprise"]["gst_scheme"]' <"$T/api2.json")" \
    "12500000 [13200000] gst regular"
page "$P" "/officer/enterprises/$PUNE" | grep -q '12 returns filed for the 12 months to 2025-12'
ok $? "the GST value says which returns it sums"

done_testing
