#!/usr/bin/env bash
# The portal's journeys over HTTP (issue 4): register with pre-fill and a
# second identifier, correct a fact, find schemes, one common application
# for two schemes, the dashboard, the officer's worklist and actions with
# reasons, every forbidden transition and cross-scope access, grievances
# with rating and appeal, delayed payments, the XLSX export, and the same
# journeys through /api/v1. Environment (tests/run): SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new portal)
LOG=$T/portal-serve.log
. "$ROOT/tests/web/web.sh"

web_two_enterprises "$DB"
ok $? "a database with two enterprises"
web_adduser "$DB" officer-pune-pass --username pune --role officer --state 27 --district Pune
web_adduser "$DB" officer-blr-pass --username blr --role officer --state 29 --district "Bengaluru Urban"
web_adduser "$DB" policy-pass-123 --username policy --role policymaker
web_serve "$DB" "$LOG"
ok $? "the server listens"

status_of() { sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' "$1"; }
location_of() { tr -d '\r' <"$1" | sed -n 's/^Location: //p'; }
page() { curl -s -b "$1" -c "$1" "$B$2"; }
# post JAR PATH FIELDS... -> headers in $T/h, body in $T/body
post() {
    local jar=$1 path=$2 csrf
    shift 2
    csrf=$(curl -s -b "$jar" -c "$jar" "$B/api/v1/session" 2>/dev/null | json 'd.get("csrf","")' 2>/dev/null)
    [ -n "$csrf" ] || csrf=$(curl -s -b "$jar" -c "$jar" "$B/register" | form_csrf)
    local args=()
    for f in "$@"; do args+=(--data-urlencode "$f"); done
    curl -s -D "$T/h" -o "$T/body" -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" "${args[@]}" "$B$path"
}
api() { # api JAR METHOD PATH [JSON] -> body on stdout, status in $T/code
    local jar=$1 m=$2 p=$3 body=${4:-}
    local csrf
    csrf=$(api_csrf "$jar")
    if [ -n "$body" ]; then
        curl -s -o "$T/api.json" -w '%{http_code}' -b "$jar" -X "$m" -H 'Content-Type: application/json' \
            -H "X-CSRF-Token: $csrf" --data "$body" "$B$p" >"$T/code"
    else
        curl -s -o "$T/api.json" -w '%{http_code}' -b "$jar" -X "$m" "$B$p" >"$T/code"
    fi
    cat "$T/api.json"
}
size_ok() { [ "$(wc -c <"$1")" -lt 51200 ]; }

# --- registration -------------------------------------------------------------
A=$T/asha.jar
post "$A" /register username=asha password=asha-password-1 udyam=UDYAM-MH-26-0012345 id2=ABCPP9999K
is "a Udyam number with a PAN of another record is refused" "$(status_of "$T/h")" 422
grep -q 'does not match the Udyam record' "$T/body"
ok $? "and the form says the PAN does not match"
post "$A" /register username=asha password=asha-password-1 udyam=UDYAM-MH-26-0012345
is "a Udyam number alone is refused" "$(status_of "$T/h")" 422
post "$A" /register username=asha password=asha-password-1 udyam=udyam-mh-26-0012345 id2=abcpp1234k
is "Udyam number and matching PAN: 303" "$(status_of "$T/h")" 303
is "to the profile" "$(location_of "$T/h")" /profile
post "$T/other.jar" /register username=thief password=thief-password-1 udyam=UDYAM-MH-26-0012345 id2=ABCPP1234K
grep -q 'already has an account' "$T/body"
ok $? "a claimed enterprise cannot be registered again"

page "$A" /profile >"$T/profile.html"
grep -q 'Shakti Textiles' "$T/profile.html" && grep -q 'from the Udyam registration' "$T/profile.html"
ok $? "the profile is pre-filled from the Udyam record and says so"
size_ok "$T/profile.html"
ok $? "the profile page is under 50 KB"
tidy -e -q "$T/profile.html" >/dev/null 2>&1
ok $? "the profile page passes tidy -e"
grep -q 'name="f14" value="12000000' "$T/profile.html"
ok $? "the turnover field (f14) holds the record's value"
post "$A" /profile f14=13500000 next=/schemes
is "a correction is saved: 303" "$(status_of "$T/h")" 303
page "$A" /profile >"$T/profile2.html"
grep -q 'corrected by you on' "$T/profile2.html" && grep -q '12000000' "$T/profile2.html"
ok $? "the correction shows with what it replaced"
is "the correction is kept beside the record" \
   "$(store_sql "$DB" "select path||'='||value||' was '||replaced from profile_fact where path='enterprise.turnover'")" \
   "enterprise.turnover=13500000 was 12000000"
post "$A" /profile f14=lots
is "a bad amount is refused with 422" "$(status_of "$T/h")" 422
is "and nothing is stored" "$(store_sql "$DB" "select count(*) from profile_fact where path='enterprise.turnover'")" 1

# --- the scheme finder ----------------------------------------------------------
page "$A" /schemes >"$T/schemes.html"
grep -q 'Schemes for you' "$T/schemes.html" && grep -q 'Eligible' "$T/schemes.html"
ok $? "the finder lists schemes with their status"
size_ok "$T/schemes.html"
ok $? "the finder is under 50 KB ($(wc -c <"$T/schemes.html") bytes)"
tidy -e -q "$T/schemes.html" >/dev/null 2>&1
ok $? "the finder passes tidy -e"
grep -q 'A few answers decide more schemes' "$T/schemes.html"
ok $? "undecided schemes bring the short form of missing facts"
page "$A" "/schemes?lang=hi" >"$T/schemes-hi.html"
grep -q 'class="scheme eligible"' "$T/schemes-hi.html" && size_ok "$T/schemes-hi.html"
ok $? "the finder in Hindi is under 50 KB ($(wc -c <"$T/schemes-hi.html") bytes)"
page "$A" "/schemes?lang=en" >/dev/null
page "$A" "/schemes?q=training" >"$T/search.html"
[ "$(grep -c 'class="scheme ' "$T/search.html")" -lt "$(grep -c 'class="scheme ' "$T/schemes.html")" ]
ok $? "the search box narrows the list"
page "$A" "/schemes?objective=credit" >"$T/credit.html"
[ "$(grep -c 'class="scheme ' "$T/credit.html")" -lt "$(grep -c 'class="scheme ' "$T/schemes.html")" ]
ok $? "the objective filter narrows the list"
mapfile -t PICK < <(sed -n 's/.*name="apply_\([a-z0-9_]*\)".*/\1/p' "$T/schemes.html" | head -2)
is "two schemes can be ticked" "${#PICK[@]}" 2

# --- one common application ---------------------------------------------------------
page "$A" "/apply?apply_${PICK[0]}=1&apply_${PICK[1]}=1" >"$T/apply.html"
grep -q 'One application for 2 schemes' "$T/apply.html"
ok $? "one form for the two schemes"
tidy -e -q "$T/apply.html" >/dev/null 2>&1
ok $? "the form passes tidy -e"
fields=()
for f in $(sed -n 's/.*name="\(field_[a-z0-9_]*\)".*/\1/p' "$T/apply.html" | sort -u); do fields+=("$f=answer for $f"); done
for d in $(sed -n 's/.*name="\(decl_[a-z0-9_]*\)".*/\1/p' "$T/apply.html" | sort -u); do fields+=("$d=1"); done
post "$A" /apply "scheme_${PICK[0]}=1" "scheme_${PICK[1]}=1" "${fields[@]}"
is "submitting the form: 303" "$(status_of "$T/h")" 303
BUNDLE=$(location_of "$T/h" | sed -n 's/.*bundle=\([0-9]*\)/\1/p')
[ -n "$BUNDLE" ]
ok $? "to the dashboard with the bundle"
is "two applications, one bundle" "$(store_sql "$DB" "select count(*) from application where bundle_id=$BUNDLE")" 2
is "each submitted with two events" "$(store_sql "$DB" "select count(*) from application_event e join application a on a.id=e.application_id where a.bundle_id=$BUNDLE")" 4
post "$A" /apply "scheme_${PICK[0]}=1" "${fields[@]}"
is "a second application to an open scheme is refused" "$(status_of "$T/h")" 422
page "$A" /dashboard >"$T/dash.html"
[ "$(grep -c '/applications/' "$T/dash.html")" -ge 2 ]
ok $? "the dashboard shows both applications"
tidy -e -q "$T/dash.html" >/dev/null 2>&1
ok $? "the dashboard passes tidy -e"
APP1=$(store_sql "$DB" "select min(id) from application")
APP2=$(store_sql "$DB" "select max(id) from application")

# --- the officer ------------------------------------------------------------------------
P=$T/pune.jar
is "the Pune officer signs in" "$(login "$P" pune officer-pune-pass)" 303
page "$P" /officer/worklist >"$T/work.html"
grep -q "/applications/$APP1" "$T/work.html" && grep -q "/applications/$APP2" "$T/work.html"
ok $? "the worklist holds both applications"
tidy -e -q "$T/work.html" >/dev/null 2>&1
ok $? "the worklist passes tidy -e"
K=$T/blr.jar
login "$K" blr officer-blr-pass >/dev/null
page "$K" /officer/worklist | grep -q "/applications/$APP1"
is "another district's officer does not see them" "$?" 1
is "another district's officer: GET /applications/ID is 403" "$(code -b "$K" "$B/applications/$APP1")" 403
page "$P" "/applications/$APP1" >"$T/app.html"
grep -q 'Eligibility today' "$T/app.html"
ok $? "the officer sees the eligibility trace"
grep -q "The applicant's answers" "$T/app.html" && grep -q 'answer for field_' "$T/app.html"
ok $? "and the answers of the common form"
post "$P" "/applications/$APP1" action=sanction reason=fine
is "sanction before review is 409" "$(status_of "$T/h")" 409
post "$P" "/applications/$APP1" action=start_review
is "start the review: 303" "$(status_of "$T/h")" 303
post "$P" "/applications/$APP1" action=sanction
is "sanction without a reason is 422" "$(status_of "$T/h")" 422
post "$A" "/applications/$APP1" action=sanction reason=self-approved
is "the applicant cannot sanction: 403" "$(status_of "$T/h")" 403
post "$K" "/applications/$APP1" action=sanction reason=outsider
is "an officer of another district cannot act: 403" "$(status_of "$T/h")" 403
post "$P" "/applications/$APP1" action=sanction "reason=Documents verified; subsidy approved"
is "sanction with a reason: 303" "$(status_of "$T/h")" 303
page "$A" /dashboard | grep -q 'Sanctioned'
ok $? "the entrepreneur sees it sanctioned"
page "$A" /dashboard >"$T/dash2.html"
grep -q 'Your application was sanctioned' "$T/dash2.html" && grep -q 'class="unread"' "$T/dash2.html"
ok $? "and has a new message about it"
post "$A" /dashboard/read
is "the messages are marked read: 303" "$(status_of "$T/h")" 303
page "$A" /dashboard | grep -q 'class="unread"'
is "no message is new any more" "$?" 1
[ "$(store_sql "$DB" "select count(*) from audit_log where username='pune'")" -gt 0 ]
ok $? "the officer's reads are in the audit log"
curl -s -o "$T/w.xlsx" -D "$T/xh" -b "$P" "$B/officer/worklist.xlsx"
grep -qi 'spreadsheetml' "$T/xh" && python3 - "$T/w.xlsx" "$APP2" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/"))
sys.exit(0 if "Shakti Textiles" in text else 1)
PY
ok $? "the worklist exports to XLSX with the enterprise in it"
page "$P" /officer/outreach >"$T/out.html"
grep -q 'Eligible but not applied' "$T/out.html"
ok $? "the outreach list answers"

# --- the API: the same rules ------------------------------------------------------------
api "$A" POST "/api/v1/applications/$APP2/actions" '{"action":"start_review"}' >/dev/null
is "API: the applicant cannot start a review (403)" "$(cat "$T/code")" 403
api "$P" POST "/api/v1/applications/$APP2/actions" '{"action":"disburse","reason":"x"}' >/dev/null
is "API: disburse a submitted application is 409" "$(cat "$T/code")" 409
api "$P" POST "/api/v1/applications/$APP2/actions" '{"action":"start_review","action":"disburse"}' >/dev/null
is "API: a duplicate key is refused (400), not read as one of its values" "$(cat "$T/code")" 400
like "... and the answer names the place" "$(cat "$T/api.json")" "line 1, column"
api "$P" POST "/api/v1/applications/$APP2/actions" '{"action":"start_review"}' >/dev/null
is "API: start the review (200)" "$(cat "$T/code")" 200
api "$P" POST "/api/v1/applications/$APP2/actions" '{"action":"return"}' >/dev/null
is "API: return without a reason is 422" "$(cat "$T/code")" 422
api "$P" POST "/api/v1/applications/$APP2/actions" '{"action":"return","reason":"Attach the bank statement"}' | json 'd["state"]' >"$T/state"
is "API: returned with a reason" "$(cat "$T/state")" returned
api "$A" POST "/api/v1/applications/$APP2/actions" '{"action":"resubmit"}' | json 'd["state"]' >"$T/state"
is "API: the applicant sends it again" "$(cat "$T/state")" resubmitted
code -b "$P" -X POST -H 'Content-Type: application/json' --data '{"action":"start_review"}' "$B/api/v1/applications/$APP2/actions" >"$T/code"
is "API: a POST without the CSRF token is 403" "$(cat "$T/code")" 403
api "$K" GET "/api/v1/applications/$APP2" >/dev/null
is "API: another district's officer gets 403" "$(cat "$T/code")" 403
login "$T/policy.jar" policy policy-pass-123 >/dev/null
api "$T/policy.jar" GET "/api/v1/applications/$APP2" >/dev/null
is "API: a policymaker cannot read an application (403)" "$(cat "$T/code")" 403
api "$A" GET "/api/v1/bundles/$BUNDLE" | json 'len(d["applications"])' >"$T/n"
is "API: the bundle holds both" "$(cat "$T/n")" 2
api "$P" GET "/api/v1/worklist" | json 'len(d["applications"])' >"$T/n"
is "API: the officer's worklist" "$(cat "$T/n")" 2
api "$K" GET "/api/v1/worklist" | json 'len(d["applications"])' >"$T/n"
is "API: the other district's worklist is empty" "$(cat "$T/n")" 0
THIRD=$(sed -n 's/.*name="apply_\([a-z0-9_]*\)".*/\1/p' "$T/schemes.html" | sed -n 3p)
api "$A" POST /api/v1/applications "{\"schemes\":[\"$THIRD\"],\"fields\":{},\"declarations_accepted\":true}" >/dev/null
case "$(cat "$T/code")" in 201|422) ok 0 "API: create answers 201, or 422 naming a missing field" ;; *) ok 1 "API: create ($(cat "$T/code"))" ;; esac
api "$A" POST /api/v1/applications "{\"schemes\":[\"${PICK[0]}\"],\"fields\":{},\"declarations_accepted\":true}" >/dev/null
is "API: an open scheme cannot be applied to again (409)" "$(cat "$T/code")" 409

# --- the eligibility API: the profile as corrected, kept for reuse, ETag ------------------
EID=$(store_sql "$DB" "select enterprise_id from app_user where username='asha'")
curl -s -D "$T/e1.h" -o "$T/e1.json" -b "$A" "$B/api/v1/enterprises/$EID/eligibility"
grep -q '"enterprise.activity":"manufacturing"' "$T/e1.json"
ok $? "the eligibility answer reads the profile's facts"
ETAG=$(tr -d '\r' <"$T/e1.h" | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
[ -n "$ETAG" ]
ok $? "it carries an ETag"
curl -s -o "$T/e2.json" -b "$A" "$B/api/v1/enterprises/$EID/eligibility"
cmp -s "$T/e1.json" "$T/e2.json"
ok $? "asked again (from the cache), the same answer"
is "a client holding it gets 304" "$(code -b "$A" -H "If-None-Match: $ETAG" "$B/api/v1/enterprises/$EID/eligibility")" 304
is "Hindi is another answer" "$(code -b "$A" -H "If-None-Match: $ETAG" "$B/api/v1/enterprises/$EID/eligibility?lang=hi")" 200
post "$A" /profile f8=services next=/schemes
curl -s -D "$T/e3.h" -o "$T/e3.json" -b "$A" "$B/api/v1/enterprises/$EID/eligibility"
[ "$(tr -d '\r' <"$T/e3.h" | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')" != "$ETAG" ] && grep -q '"enterprise.activity":"services"' "$T/e3.json"
ok $? "a fact corrected since is a new answer, not the kept one"
is "the old ETag no longer matches" "$(code -b "$A" -H "If-None-Match: $ETAG" "$B/api/v1/enterprises/$EID/eligibility")" 200

# --- grievances ------------------------------------------------------------------------------
post "$A" /grievances subject=application "application_id=$APP2" category=delay "body=Nobody answers my calls about this application."
is "file a grievance: 303" "$(status_of "$T/h")" 303
G=$(location_of "$T/h" | sed -n 's|/grievances/||p')
is "another district's officer cannot read it" "$(code -b "$K" "$B/grievances/$G")" 403
post "$P" "/grievances/$G" action=acknowledge
is "the officer acknowledges: 303" "$(status_of "$T/h")" 303
post "$P" "/grievances/$G" action=resolve text=short
is "a resolution needs a text: 422" "$(status_of "$T/h")" 422
post "$P" "/grievances/$G" action=resolve "text=The review is done; a decision comes this week."
is "resolved: 303" "$(status_of "$T/h")" 303
post "$A" "/grievances/$G" action=rate rating=1
is "the complainant rates it 1: 303" "$(status_of "$T/h")" 303
post "$A" "/grievances/$G" action=appeal
is "and appeals: 303" "$(status_of "$T/h")" 303
is "the appeal goes to the state" "$(store_sql "$DB" "select state||' '||level from grievance where id=$G")" "open state"
post "$P" "/grievances/$G" action=acknowledge
is "appealed to the state, the district officer can no longer act on it (403)" "$(status_of "$T/h")" 403
is "every step is an event" "$(store_sql "$DB" "select action from grievance_event where grievance_id=$G order by id" | paste -sd, -)" "file,acknowledge,resolve,rate,appeal"
api "$A" POST /api/v1/grievances '{"subject":"scheme","scheme_id":"nope","category":"delay","body":"a long enough text"}' >/dev/null
is "API: a grievance about an unknown scheme is 422" "$(cat "$T/code")" 422
api "$A" POST /api/v1/grievances '{"subject":"scheme","subject":"payment","category":"delay","body":"a long enough text"}' >/dev/null
is "API: a grievance with a duplicate key is 400" "$(cat "$T/code")" 400

# --- escalation by deadline (samanvay escalate, run daily) ------------------------------
post "$A" /grievances subject=scheme "scheme_id=${PICK[0]}" category=other "body=Nobody has told me how this scheme works."
G2=$(location_of "$T/h" | sed -n 's|/grievances/||p')
LATER=$(python3 -c "import datetime; print(datetime.date.today() + datetime.timedelta(days=60))")
is "60 days on, both open grievances are overdue and move up" "$("$S" escalate --db "$DB" --on "$LATER" --json)" '{"escalated":2}'
is "the unanswered one is now with the state" "$(store_sql "$DB" "select level from grievance where id=$G2")" state
is "by a system event" "$(store_sql "$DB" "select role||' '||action||' '||level from grievance_event where grievance_id=$G2 order by id desc limit 1")" "system escalate state"
is "the appealed one goes on to the ministry" "$(store_sql "$DB" "select level from grievance where id=$G")" ministry
is "run again the same day, nothing more moves" "$("$S" escalate --db "$DB" --on "$LATER" --json)" '{"escalated":0}'
page "$A" /dashboard | grep -q 'went one level up'
ok $? "the entrepreneur is told"

# --- delayed payments --------------------------------------------------------------------------
post "$A" /payments buyer="Big Buyer Ltd" invoice=INV-7 amount=250000 accepted=2024-01-10
is "record a delayed payment: 303" "$(status_of "$T/h")" 303
page "$A" /dashboard | grep -q 'overdue'
ok $? "the dashboard shows it overdue"

# --- a record with nothing to match, and a proposed unit ------------------------------------
post "$T/ravi.jar" /register username=ravi password=ravi-password-1 udyam=UDYAM-KR-03-0000042
is "a record with no PAN: the account is made" "$(status_of "$T/h")" 303
page "$T/ravi.jar" /dashboard | grep -q 'waiting for your district office'
ok $? "and the link waits for an officer"
post "$T/rival.jar" /register username=rival password=rival-password-1 udyam=UDYAM-KR-03-0000042
is "a second claim on the same record waits too" "$(status_of "$T/h")" 303
page "$K" /officer/claims >"$T/claims.html"
CL=$(sed -n 's|.*action="/officer/claims/\([0-9]*\)".*|\1|p' "$T/claims.html" | head -1)
post "$K" "/officer/claims/$CL" decision=approve "reason=Met the owner at the office"
is "the Bengaluru officer approves: 303" "$(status_of "$T/h")" 303
page "$T/ravi.jar" /dashboard | grep -q 'Kaveri Foods'
ok $? "the account now has its enterprise"
is "approving one claim refuses the other" "$(store_sql "$DB" "select c.state from enterprise_claim c join app_user u on u.id=c.user_id where u.username='rival'")" refused
is "so only one account holds the enterprise" "$(store_sql "$DB" "select count(*) from app_user u join enterprise e on e.id=u.enterprise_id where e.udyam='UDYAM-KR-03-0000042'")" 1
post "$T/new.jar" /register username=meena password=meena-password-1 name="Meena Papad Udyog" state=27 district=Pune id2=27AAAPZ1234C1Z0
is "a proposed unit registers by name and place" "$(status_of "$T/h")" 303
page "$T/new.jar" /profile | grep -q 'given by you when registering'
ok $? "its facts say they came from the registration"
is "the GSTIN given is kept, with the PAN inside it" \
   "$(store_sql "$DB" "select path||'='||value from profile_fact f join app_user u on u.enterprise_id=f.enterprise_id and u.username='meena' order by path" | paste -sd' ' -)" \
   'enterprise.gstins=["27AAAPZ1234C1Z0"] enterprise.pan="AAAPZ1234C"'
# A unit we know little about is the longest finder page: most schemes undecided.
curl -s -o "$T/new-hi.html" -w '%{http_code}' -b "$T/new.jar" -c "$T/new.jar" "$B/schemes?lang=hi" >"$T/code"
is "its finder in Hindi answers 200" "$(cat "$T/code")" 200
size_ok "$T/new-hi.html"
ok $? "under 50 KB ($(wc -c <"$T/new-hi.html") bytes)"
NEXT=$(sed -n 's|.*<a href="\(/schemes?page=2[^"]*\)".*|\1|p' "$T/new-hi.html" | head -1)
[ -n "$NEXT" ] && [ "$(code -b "$T/new.jar" "$B$NEXT")" = 200 ]
ok $? "and pages on to the rest of the schemes ($NEXT)"
page "$T/new.jar" "/schemes?lang=en" >/dev/null

done_testing
