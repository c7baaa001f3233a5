#!/usr/bin/env bash
# Consent over HTTP (docs/consent.md). The Pune unit files twelve months of
# GST returns and has a credit facility. Its entrepreneur withdraws the use
# of GST for eligibility on /consents: the GST turnover leaves the profile
# (what pre-fill and eligibility read) and the entrepreneur's API view,
# while the officer still sees it (another purpose); withdrawing it for
# officer_view removes it from the officer's page and API too; a grant
# through the API brings it back; an expired artefact stops it again. The
# page and API refuse what they must: no CSRF token, another enterprise's
# consent id, an official's write, a bad body; reads by officials and
# every change are on the audit log; the page is in Hindi too.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new consent)
LOG=$T/consent-serve.log
. "$ROOT/tests/web/web.sh"
q() { store_sql "$DB" "$1"; }
status_of() { sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' "$1"; }
page() { curl -s -b "$1" -c "$1" "$B$2"; }
post() { # post JAR PATH FIELDS... -> headers in $T/h, body in $T/body
    local jar=$1 path=$2 csrf args=()
    shift 2
    csrf=$(curl -s -b "$jar" -c "$jar" "$B/api/v1/session" | json 'd.get("csrf","")')
    for f in "$@"; do args+=(--data-urlencode "$f"); done
    curl -s -D "$T/h" -o "$T/body" -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" "${args[@]}" "$B$path"
}
api_post() { # api_post JAR PATH JSON -> status; body in $T/body
    local csrf
    csrf=$(api_csrf "$1")
    curl -s -o "$T/body" -w '%{http_code}' -b "$1" -H "X-CSRF-Token: $csrf" \
        -H 'Content-Type: application/json' --data "$3" "$B$2"
}
# The GST turnover among the turnover's candidates, as one reader sees it.
gst_turnover() {
    curl -s -b "$1" "$B/api/v1/enterprises/$PUNE?reason=consent%20test" \
        | json '[o["value"] for o in [d["provenance"]["enterprise.turnover"]["kept"]] + d["provenance"]["enterprise.turnover"]["others"] if o["source"] == "gst"]'
}
kept_turnover() {
    curl -s -b "$1" "$B/api/v1/enterprises/$PUNE?reason=consent%20test" | json 'd["enterprise"]["turnover"]'
}

web_two_enterprises "$DB"
ok $? "two enterprises"
PUNE=$(q "SELECT id FROM enterprise WHERE udyam = 'UDYAM-MH-26-0012345'")
BLR=$(q "SELECT id FROM enterprise WHERE udyam = 'UDYAM-KR-03-0000042'")
{
    for m in 01 02 03 04 05 06 07 08 09 10 11; do
        n=$(printf '%02d' $((10#$m + 1)))
        echo "27ABCPP1234K1ZP,GSTR3B,monthly,2025-$m,2025-$n-20,2025-$n-18,1100000,198000"
    done
    echo "27ABCPP1234K1ZP,GSTR3B,monthly,2025-12,2026-01-20,2026-01-19,1100000,198000"
} | web_gst "$DB"
is "twelve GST returns load" "$(q "SELECT COUNT(*) FROM gst_return WHERE enterprise_id = $PUNE")" 12
cat >"$T/credit.csv" <<'CSV'
lender_ifsc,facility_id,borrower_pan,borrower_udyam,facility_type,scheme,sanctioned_on,sanctioned_rs,month,outstanding_rs,dpd,asset_class
SBIN0001234,PN-TL-1,ABCPP1234K,UDYAM-MH-26-0012345,term_loan,pmmy,2024-04-10,500000,2025-03,445000,95,NPA
CSV
"$S" ingest --db "$DB" credit "$T/credit.csv" >/dev/null 2>&1
ok $? "a credit report loads"

web_adduser "$DB" asha-password-1 --username asha --role entrepreneur --enterprise "$PUNE"
web_adduser "$DB" ravi-password-1 --username ravi --role entrepreneur --enterprise "$BLR"
web_adduser "$DB" officer-pune-pass --username pune --role officer --state 27 --district Pune
web_serve "$DB" "$LOG"
ok $? "the server listens"
A=$T/asha.jar R=$T/ravi.jar P=$T/pune.jar
is "the entrepreneur signs in" "$(login "$A" asha asha-password-1)" 303
is "another entrepreneur signs in" "$(login "$R" ravi ravi-password-1)" 303
is "the officer signs in" "$(login "$P" pune officer-pune-pass)" 303

# By default (data/consent_policy.csv: deemed at registration) GST is used.
is "GST's turnover is a candidate for the entrepreneur" "$(gst_turnover "$A")" "[13200000]"
is "and it is kept (pre-fill reads it)" "$(kept_turnover "$A")" 13200000
is "the officer sees it too" "$(gst_turnover "$P")" "[13200000]"
page "$P" "/officer/enterprises/$PUNE" | grep -q '12 returns filed for the 12 months to 2025-12'
ok $? "the officer's page shows the GST returns"

# The consent page.
page "$A" /consents >"$T/c.html"
grep -q 'Consent to use your data' "$T/c.html"
ok $? "/consents shows the entrepreneur's consents"
grep -q 'name="csrf"' "$T/c.html"
ok $? "its forms carry the CSRF token"
[ "$(wc -c <"$T/c.html")" -lt 51200 ]
ok $? "the page is under 50 KB"
tidy -e -q "$T/c.html" >/dev/null 2>&1
ok $? "the page passes tidy -e"
is "anonymous: 401" "$(code "$B/consents")" 401
is "an officer may not open it: 403" "$(code -b "$P" "$B/consents")" 403
page "$A" "/consents?lang=hi" | grep -q 'आपके डेटा के उपयोग की सहमति'
ok $? "the page is in Hindi"

# Withdraw GST for eligibility: no token, refused; with it, 303.
is "a change without the CSRF token: 403" \
   "$(code -b "$A" --data 'action=withdraw&source=gst&purpose=eligibility' "$B/consents")" 403
post "$A" /consents action=withdraw source=gst purpose=eligibility
is "withdraw GST for eligibility: 303" "$(status_of "$T/h")" 303
like "back to the page" "$(cat "$T/h")" "Location: /consents?done=stopped"
is "GST has left the entrepreneur's view" "$(gst_turnover "$A")" "[]"
is "the kept turnover is Udyam's now (pre-fill)" "$(kept_turnover "$A")" 12000000
page "$A" /profile | grep -q '1,32,00,000'
[ $? -ne 0 ]
ok $? "the profile page no longer shows GST's turnover"
is "the officer still sees it (another purpose)" "$(gst_turnover "$P")" "[13200000]"
is "one revoked artefact, deemed" \
   "$(q "SELECT a.source || '|' || a.purpose || '|' || a.basis || '|' || a.origin FROM consent_artefact a JOIN consent_revocation r ON r.artefact_id = a.id WHERE a.enterprise_id = $PUNE")" \
   "gst|eligibility|deemed|portal"
is "audited" "$(q "SELECT username || '|' || action || '|' || enterprise_id || '|' || route FROM audit_log WHERE action LIKE 'consent.%' ORDER BY id DESC LIMIT 1")" \
   "asha|consent.withdraw|$PUNE|POST /consents"

# Withdraw it for the officer's view as well.
post "$A" /consents action=withdraw source=gst purpose=officer_view
is "withdraw GST for officer_view: 303" "$(status_of "$T/h")" 303
is "GST has left the officer's API view" "$(gst_turnover "$P")" "[]"
page "$A" "/consents?lang=en" >"$T/c2.html"
tidy -e -q "$T/c2.html" >/dev/null 2>&1
ok $? "the page with artefacts passes tidy -e"
grep -q 'given by default' "$T/c2.html"
ok $? "it lists the withdrawn default grants"
page "$P" "/officer/enterprises/$PUNE" | grep -q 'returns filed for the 12 months'
[ $? -ne 0 ]
ok $? "and the officer's page"
page "$P" "/officer/enterprises/$PUNE" | grep -q 'PN-TL-1'
ok $? "credit is untouched"
post "$A" /consents action=withdraw source=gst purpose=officer_view
like "a second withdrawal changes nothing" "$(cat "$T/h")" "Location: /consents?done=unchanged"
post "$A" /consents action=grant source=gst purpose=eligibility valid_from=2001-01-01 valid_to=2001-02-01
is "a backdated grant: 422" "$(status_of "$T/h")" 422
post "$A" /consents action=grant source=fuel purpose=eligibility
is "an unknown source: 422" "$(status_of "$T/h")" 422

# The API: grant back, read, revoke.
C=$B/api/v1/enterprises/$PUNE/consents
is "grant GST for eligibility through the API: 201" \
   "$(api_post "$A" "/api/v1/enterprises/$PUNE/consents" '{"action":"grant","source":"gst","purpose":"eligibility"}')" 201
ID=$(json 'd["artefact"]["consent_id"]' <"$T/body")
is "the artefact" "$(json 'd["artefact"]["status"], d["artefact"]["source"], d["artefact"]["purpose"], d["artefact"]["consumer"]' <"$T/body")" \
   "ACTIVE gst eligibility samanvay"
is "GST is back for the entrepreneur" "$(gst_turnover "$A")" "[13200000]"
is "and kept again" "$(kept_turnover "$A")" 13200000
is "still not for the officer" "$(gst_turnover "$P")" "[]"
curl -s -b "$A" "$C" >"$T/list.json"
is "GET lists both artefacts, newest first" "$(json '[(a["purpose"], a["status"]) for a in d["artefacts"]]' <"$T/list.json")" \
   "[('eligibility', 'ACTIVE'), ('officer_view', 'REVOKED'), ('eligibility', 'REVOKED')]"
is "and what is allowed, by what" \
   "$(json '[(x["purpose"], x["allowed"], x["decided_by"]) for x in d["effective"] if x["source"] == "gst"]' <"$T/list.json")" \
   "[('eligibility', True, 'artefact'), ('officer_view', False, 'artefact'), ('statistics', True, 'policy')]"
n0=$(q "SELECT COUNT(*) FROM audit_log WHERE action = 'enterprise.consents.read'")
is "the officer may read them: 200" "$(code -b "$P" "$C?reason=review")" 200
is "the officer's read is audited" "$(q "SELECT COUNT(*) FROM audit_log WHERE action = 'enterprise.consents.read'")" "$((n0 + 1))"
is "another entrepreneur may not read them: 403" "$(code -b "$R" "$C")" 403
is "an officer may not change them: 403" \
   "$(api_post "$P" "/api/v1/enterprises/$PUNE/consents" '{"action":"grant","source":"gst","purpose":"officer_view"}')" 403
is "another entrepreneur may not change them: 403" \
   "$(api_post "$R" "/api/v1/enterprises/$PUNE/consents" '{"action":"revoke","consent_id":"'"$ID"'"}')" 403
is "nor revoke them through their own enterprise: 404" \
   "$(api_post "$R" "/api/v1/enterprises/$BLR/consents" '{"action":"revoke","consent_id":"'"$ID"'"}')" 404
is "GST is still allowed" "$(gst_turnover "$A")" "[13200000]"
is "an unknown field: 422" \
   "$(api_post "$A" "/api/v1/enterprises/$PUNE/consents" '{"action":"grant","source":"gst","purpose":"eligibility","forever":true}')" 422
is "not JSON: 400" "$(api_post "$A" "/api/v1/enterprises/$PUNE/consents" '{"action":')" 400
is "a malformed consent id: 422" \
   "$(api_post "$A" "/api/v1/enterprises/$PUNE/consents" '{"action":"revoke","consent_id":"CA-XYZ"}')" 422
is "revoke it: 200" \
   "$(api_post "$A" "/api/v1/enterprises/$PUNE/consents" '{"action":"revoke","consent_id":"'"$ID"'"}')" 200
is "revoked" "$(json 'd["changed"], d["artefact"]["status"]' <"$T/body")" "True REVOKED"
is "GST is gone again" "$(gst_turnover "$A")" "[]"
is "a second revocation: 200, nothing changed" \
   "$(api_post "$A" "/api/v1/enterprises/$PUNE/consents" '{"action":"revoke","consent_id":"'"$ID"'"}')" 200
is "changed false" "$(json 'd["changed"]' <"$T/body")" "False"

# Expiry: a grant whose period has ended (written as the passage of time
# would leave it) stops the use, though never revoked.
is "grant again: 201" \
   "$(api_post "$A" "/api/v1/enterprises/$PUNE/consents" '{"action":"grant","source":"gst","purpose":"eligibility"}')" 201
is "GST is back" "$(gst_turnover "$A")" "[13200000]"
q "INSERT INTO consent_artefact(consent_id, enterprise_id, source, purpose, valid_from, valid_to, created_at, origin)
   VALUES ('CA-00000000000000ee', $PUNE, 'gst', 'eligibility', '2020-01-01', '2020-12-31', '2020-01-01T00:00:00Z', 'feed')"
is "an expired newest artefact: GST is not used" "$(gst_turnover "$A")" "[]"
is "it lists as EXPIRED" "$(curl -s -b "$A" "$C" | json 'd["artefacts"][0]["status"]')" "EXPIRED"
is "every change is on the audit log" \
   "$(q "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'consent.%' AND enterprise_id = $PUNE")" 5
"$S" audit verify --db "$DB" >/dev/null 2>&1
ok $? "the audit chain verifies"
jq -e '.paths["/api/v1/enterprises/{id}/consents"].get and .paths["/api/v1/enterprises/{id}/consents"].post' \
    <(curl -s "$B/api/v1/openapi.json") >/dev/null
ok $? "both are in the OpenAPI document"
done_testing
