#!/usr/bin/env bash
# Authorisation in one place (issue 9): every route of the running server,
# as its own /api/v1/openapi.json lists them with their declared access
# (x-access) and scope (x-scope), is tried by every kind of caller:
# anonymous, the owning entrepreneur, another enterprise's entrepreneur, an
# officer of the record's district, an officer of its state, an officer of
# another state's district, a policymaker and a national admin. The status
# each must get is derived from the declaration alone (authz_walk.py says
# how); a refused request must change nothing in the database (not even an
# audit row), and a POST by an allowed caller carries a valid CSRF token and
# must get past the router. Then the rule that an official's read of an
# enterprise outside their worklist needs a reason, and ?state=/?district=
# narrowing that never widens. test_router's test_table_check shows that a
# route without a scope is refused by the table check.
# Environment (tests/run): SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
LOG=$T/authz-serve.log
. "$ROOT/tests/web/web.sh"

# Four enterprises: Asha's in Pune (she owns it), Ravi's in Bengaluru
# Urban, one in Pune that Meena asks to link to her account (a pending
# link request), and one in Pune nobody has touched (in no worklist).
DB=$(store_new authz)
"$S" init --db "$DB" 2>/dev/null
cat >"$T/udyam.csv" <<'CSV'
udyam_number,enterprise_name,owner_name,pan,gstins,constitution,social_category,owner_gender,owner_disabled,commenced_on,registered_on,activity,nic_code,state_code,district,pincode,area,investment_rs,turnover_rs,exports_rs,employees_male,employees_female,employees_other
UDYAM-MH-26-0012345,Shakti Textiles,Asha Patil,ABCPP1234K,,proprietorship,obc,female,N,2019-04-01,2021-02-10,manufacturing,13111,27,Pune,411001,urban,4500000,12000000,0,5,7,0
UDYAM-KR-03-0000042,Kaveri Foods,Ravi Gowda,,,proprietorship,general,male,N,2018-01-01,2021-03-01,manufacturing,10712,29,Bengaluru Urban,560001,urban,1000000,3000000,,2,1,0
UDYAM-MH-26-0054321,Meena Papad Udyog,Meena Shah,,,proprietorship,general,female,N,2018-01-01,2021-03-01,manufacturing,10712,27,Pune,411002,urban,1000000,3000000,,2,1,0
UDYAM-MH-26-0077777,Quiet Works,Kiran Rao,,,proprietorship,general,male,N,2018-01-01,2021-03-01,manufacturing,25999,27,Pune,411003,urban,2000000,5000000,,3,0,0
CSV
"$S" ingest --db "$DB" udyam "$T/udyam.csv" >/dev/null 2>&1
cat >"$T/cluster.csv" <<'CSV'
cluster_id,name,scheme,state_code,district,product,nic_code,traditional,approved_on,project_cost_rs,grant_rs,cfc_capacity_hours,status
MH-PNE-HANDLOOM,Pune Handloom Cluster,sfurti,27,Pune,handloom,13111,Y,2019-05-01,20000000,18000000,600,functional
CSV
"$S" ingest --db "$DB" cluster "$T/cluster.csv" >/dev/null 2>&1
eid() { store_sql "$DB" "select id from enterprise where udyam='$1'"; }
PUNE=$(eid UDYAM-MH-26-0012345) KAVERI=$(eid UDYAM-KR-03-0000042)
MEENA=$(eid UDYAM-MH-26-0054321) QUIET=$(eid UDYAM-MH-26-0077777)
[ -n "$PUNE" ] && [ -n "$KAVERI" ] && [ -n "$MEENA" ] && [ -n "$QUIET" ]
ok $? "a database with four enterprises and a cluster"
web_adduser "$DB" asha-password-1 --username asha --role entrepreneur --enterprise "$PUNE" \
    && web_adduser "$DB" ravi-password-1 --username ravi --role entrepreneur --enterprise "$KAVERI" \
    && web_adduser "$DB" officer-pune-pass --username pune --role officer --state 27 --district Pune \
    && web_adduser "$DB" officer-mh-pass1 --username mhoff --role officer --state 27 \
    && web_adduser "$DB" officer-blr-pass --username blr --role officer --state 29 --district "Bengaluru Urban" \
    && web_adduser "$DB" policy-pass-123 --username policy --role policymaker \
    && web_adduser "$DB" admin-pass-1234 --username admin --role admin
ok $? "accounts for every kind of caller"
web_serve "$DB" "$LOG"
ok $? "the server listens"

location_of() { tr -d '\r' <"$1" | sed -n 's/^Location: //p'; }
page() { curl -s -b "$1" -c "$1" "$B$2"; }
post() { # post JAR PATH FIELDS... -> headers in $T/h, body in $T/body
    local jar=$1 path=$2 csrf args=()
    shift 2
    csrf=$(curl -s -b "$jar" -c "$jar" "$B/api/v1/session" 2>/dev/null | json 'd.get("csrf","")' 2>/dev/null)
    [ -n "$csrf" ] || csrf=$(curl -s -b "$jar" -c "$jar" "$B/register" | form_csrf)
    for f in "$@"; do args+=(--data-urlencode "$f"); done
    curl -s -D "$T/h" -o "$T/body" -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" "${args[@]}" "$B$path"
}

# The records the walk needs, made the way people make them.
A=$T/asha.jar
login "$A" asha asha-password-1 >/dev/null
page "$A" /schemes >"$T/schemes.html"
SCHEME=$(sed -n 's/.*name="apply_\([a-z0-9_]*\)".*/\1/p' "$T/schemes.html" | head -1)
page "$A" "/apply?apply_$SCHEME=1" >"$T/apply.html"
fields=()
for f in $(sed -n 's/.*name="\(field_[a-z0-9_]*\)".*/\1/p' "$T/apply.html" | sort -u); do fields+=("$f=answer for $f"); done
for d in $(sed -n 's/.*name="\(decl_[a-z0-9_]*\)".*/\1/p' "$T/apply.html" | sort -u); do fields+=("$d=1"); done
post "$A" /apply "scheme_$SCHEME=1" "${fields[@]}"
APP=$(store_sql "$DB" "select id from application where enterprise_id=$PUNE limit 1")
BUNDLE=$(store_sql "$DB" "select bundle_id from application where id=${APP:-0}")
[ -n "$APP" ] && [ -n "$BUNDLE" ]
ok $? "Asha applies: an application and its bundle"
post "$A" /grievances subject=application "application_id=$APP" category=delay \
    "body=Nobody answers my calls about this application."
GRIEVANCE=$(location_of "$T/h" | sed -n 's|^/grievances/||p')
[ -n "$GRIEVANCE" ]
ok $? "Asha raises a grievance"
post "$A" /payments buyer="Big Buyer Ltd" invoice=INV-7 amount=250000 accepted=2024-01-10
PAYMENT=$(store_sql "$DB" "select id from payment_claim where enterprise_id=$PUNE limit 1")
[ -n "$PAYMENT" ]
ok $? "Asha records a delayed payment"
csrf=$(api_csrf "$A")
curl -s -b "$A" --data-urlencode "csrf=$csrf" "$B/calendar/subscription" >"$T/made.html"
FEED=$(grep -o '/calendar/[A-Za-z0-9_-]\{43\}\.ics' "$T/made.html" | head -1 | sed 's|/calendar/||; s|\.ics$||')
is "Asha makes a calendar subscription link" "$(code "$B/calendar/$FEED.ics")" 200
post "$T/meena.jar" /register username=meena password=meena-password-1 udyam=UDYAM-MH-26-0054321
LINK=$(store_sql "$DB" "select id from enterprise_claim where enterprise_id=$MEENA and state='pending'")
[ -n "$LINK" ]
ok $? "Meena asks to link her enterprise: a pending request"
CLUSTER=$(curl -s -b "$T/pol.jar" "$B/clusters" >/dev/null; login "$T/pol.jar" policy policy-pass-123 >/dev/null;
          page "$T/pol.jar" /clusters | sed -n 's|.*href="/clusters/\([^"/?]*\)".*|\1|p' | grep -v '^health' | head -1)
[ -n "$CLUSTER" ]
ok $? "the cluster has a page"
page "$A" /privacy >"$T/privacy.html"
TURN=$(sed -n 's/.*<option value="\([0-9]*\)"[^>]*>annual turnover<.*/\1/p' "$T/privacy.html" | head -1)
post "$A" /privacy/corrections "field=$TURN" "value=15000000" "reason=ITR for 2024-25 shows it"
CORRECTION=$(store_sql "$DB" "select id from correction_request where enterprise_id=$PUNE limit 1")
[ -n "$CORRECTION" ]
ok $? "Asha asks for a correction of her turnover"
SCENARIO=$(sed -n 's/^id: *//p' "$ROOT"/scenarios/*.yaml | head -1)
# /apply is a form for the schemes ticked: one Asha has not applied for yet
WALK_SCHEME=$(sed -n 's/.*name="apply_\([a-z0-9_]*\)".*/\1/p' "$T/schemes.html" | sed -n 2p)

export WALK_SCHEME B DB PUNE KAVERI MEENA QUIET APP BUNDLE GRIEVANCE PAYMENT FEED LINK CLUSTER SCENARIO CORRECTION
python3 "$ROOT/tests/web/authz_walk.py"
ok $? "the walk of every route ran to its end"

# --- a reason for reads outside the worklist ---------------------------------------------------
# Fresh officers: the walk showed the others their lists, which count as worklists.
web_adduser "$DB" officer-blr2-pass --username blr2 --role officer --state 29 --district "Bengaluru Urban"
web_adduser "$DB" officer-pune2-pass --username pune2 --role officer --state 27 --district Pune
K=$T/blr2.jar P=$T/pune2.jar M=$T/mh.jar
login "$K" blr2 officer-blr2-pass >/dev/null
login "$P" pune2 officer-pune2-pass >/dev/null
login "$M" mhoff officer-mh-pass1 >/dev/null
audits() { store_sql "$DB" "select count(*) from audit_log"; }
last_audit() { store_sql "$DB" "select username || '|' || action || '|' || enterprise_id || '|' || reason from audit_log order by id desc limit 1"; }
n0=$(audits)
is "an enterprise in no worklist, read by the API without a reason: 428" \
    "$(code -b "$K" "$B/api/v1/enterprises/$KAVERI")" 428
is "... with the error reason_required" \
    "$(curl -s -b "$K" "$B/api/v1/enterprises/$KAVERI/insights" | json 'd["error"]["code"]')" reason_required
is "the page asks for the reason: 428" "$(code -b "$K" "$B/officer/enterprises/$KAVERI")" 428
page "$K" "/officer/enterprises/$KAVERI?field=3" >"$T/ask.html"
grep -q '<form method="get" action="/officer/enterprises/'"$KAVERI"'">' "$T/ask.html" \
    && grep -q '<label for="reason">' "$T/ask.html" && grep -q 'name="field" value="3"' "$T/ask.html"
ok $? "... with a labelled form that keeps the rest of the request"
check "the form passes tidy -e" tidy -e -q "$T/ask.html"
is "and nothing was read, so nothing audited" "$(audits)" "$n0"
is "a reason of control characters: 400" "$(code -b "$K" "$B/api/v1/enterprises/$KAVERI?reason=a%0Ab")" 400
LONG=$(head -c 201 /dev/zero | tr '\0' 'x')
is "a reason over 200 bytes: 400" "$(code -b "$K" "$B/api/v1/enterprises/$KAVERI?reason=$LONG")" 400
is "with a reason: 200" "$(code -b "$K" "$B/officer/enterprises/$KAVERI?reason=GST+mismatch+complaint")" 200
is "the reason is in the audit row" "$(last_audit)" "blr2|enterprise.golden.read|$KAVERI|GST mismatch complaint"
is "the reason holds for the next read of the same enterprise" \
    "$(code -b "$K" "$B/api/v1/enterprises/$KAVERI/payment-claims")" 200
is "... whose audit row repeats it" "$(last_audit)" "blr2|enterprise.payment_claims|$KAVERI|GST mismatch complaint"
is "but not for another enterprise" "$(code -b "$P" "$B/officer/enterprises/$QUIET")" 428
is "nor for another official (outside their area besides)" "$(code -b "$M" "$B/api/v1/enterprises/$KAVERI")" 403
is "an enterprise in the worklist (an open application) needs none" \
    "$(code -b "$P" "$B/officer/enterprises/$PUNE")" 200
is "... and its audit row says why it needed none" "$(last_audit)" "pune2|enterprise.golden.read|$PUNE|worklist"
is "nor does its application" "$(code -b "$P" "$B/applications/$APP")" 200
is "an enterprise with a pending link request is in the worklist" \
    "$(code -b "$P" "$B/api/v1/enterprises/$MEENA")" 200
# A stress alert of the latest month puts an enterprise in the worklist.
BYTE="x'00'" # a one-byte blob, in each engine's syntax (x'00' is a bit string on PostgreSQL)
store_is_pg "$DB" && BYTE="decode('00', 'hex')"
store_sql "$DB" "insert into stress_model(trained_at, train_from, train_to, features, booster, calibration)
               values ('2026-01-01T00:00:00Z', '2024-01', '2025-06', '[]', $BYTE, '{}');
               insert into stress_score(enterprise_id, month, model_id, probability, reasons)
               values ($QUIET, '2025-06', (select max(id) from stress_model), 0.6, '[]');"
is "an enterprise with a stress alert needs no reason" "$(code -b "$P" "$B/api/v1/enterprises/$QUIET")" 200
store_sql "$DB" "update stress_score set probability = 0.05 where enterprise_id = $QUIET"
is "... and one below the alert line does" "$(code -b "$P" "$B/api/v1/enterprises/$QUIET/insights")" 428
# The outreach list is a worklist made on the fly: what it showed needs no reason.
page "$P" "/officer/awareness?district=Pune" >/dev/null
SHOWN=$(store_sql "$DB" "select count(*) from audit_log where username = 'pune2'
                       and action = 'awareness.outreach.read' and enterprise_id = $QUIET")
[ "$SHOWN" -ge 1 ]
ok $? "the outreach list showed the untouched enterprise (audited)"
is "... which its officer then opens without a reason" "$(code -b "$P" "$B/officer/enterprises/$QUIET")" 200
login "$T/admin.jar" admin admin-pass-1234 >/dev/null
is "an admin outside the worklist is asked too: 428" "$(code -b "$T/admin.jar" "$B/api/v1/enterprises/$KAVERI")" 428
is "the owner is never asked" "$(code -b "$A" "$B/api/v1/enterprises/$PUNE")" 200

# --- narrowing never widens --------------------------------------------------------------------
is "a state officer narrowing to another state: 403" "$(code -b "$M" "$B/clusters?state=29")" 403
is "... to their own: 200" "$(code -b "$M" "$B/clusters?state=27")" 200
is "a bad state code: 400" "$(code -b "$M" "$B/clusters?state=x7")" 400
is "a district officer asking for another district's outreach list: 403" \
    "$(code -b "$P" "$B/officer/awareness?district=Nagpur")" 403
is "a state officer's outreach list of a district of the state: 200" \
    "$(code -b "$M" "$B/officer/awareness?district=Pune")" 200
is "... but not of another state: 403" "$(code -b "$M" "$B/officer/awareness?state=29&district=Mysuru")" 403
is "the national admin narrows to any state" "$(code -b "$T/admin.jar" "$B/officer/worklist?state=29")" 200
done_testing
