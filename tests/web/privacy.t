#!/usr/bin/env bash
# Privacy features end to end (issue 9; docs/privacy.md):
#  - the data export: a fixture enterprise with a row in every section
#    (feeds loaded through `samanvay ingest`, portal rows as the portal
#    stores them) downloads all of it as JSON from /privacy/export.json and
#    GET /api/v1/enterprises/{id}/export; each section holds its rows, the
#    golden record carries every source's value; no secret leaves; the
#    download is audited as the owner's own read and not listed on /privacy
#    as an official's; another entrepreneur, an officer and anonymous
#    callers cannot get it;
#  - correction requests: the entrepreneur asks (CSRF, bad value, no
#    reason refused), the request lands in the district officer's worklist,
#    an officer of another district cannot see it, a rejection needs a
#    reason and is shown to the entrepreneur, a second decision is 409, an
#    acceptance writes an officer's correction (author, reason) that the
#    golden record keeps; English and Hindi.
# Environment (tests/run): SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new privacy)
LOG=$T/privacy-serve.log
. "$ROOT/tests/web/web.sh"

web_two_enterprises "$DB"
ok $? "a database with two enterprises"
PUNE=$(store_sql "$DB" "select id from enterprise where udyam='UDYAM-MH-26-0012345'")
OTHER=$(store_sql "$DB" "select id from enterprise where id <> $PUNE limit 1")
web_adduser "$DB" officer-pune-pass --username pune --role officer --state 27 --district Pune
web_adduser "$DB" officer-blr-pass --username blr --role officer --state 29 --district "Bengaluru Urban"
web_adduser "$DB" asha-password-1 --username asha --role entrepreneur --enterprise "$PUNE"
web_adduser "$DB" ravi-password-1 --username ravi --role entrepreneur --enterprise "$OTHER"
ASHA=$(store_sql "$DB" "select id from app_user where username='asha'")
PUNE_OFF=$(store_sql "$DB" "select id from app_user where username='pune'")

# Every feed, through the real loader.
web_gst "$DB" <<'CSV'
27ABCPP1234K1ZP,GSTR3B,monthly,2025-05,2025-06-20,2025-06-18,1000000,180000
27ABCPP1234K1ZP,GSTR3B,monthly,2025-06,2025-07-20,2025-07-25,1100000,198000
CSV
cat >"$T/credit.csv" <<'CSV'
lender_ifsc,facility_id,borrower_pan,borrower_udyam,facility_type,scheme,sanctioned_on,sanctioned_rs,month,outstanding_rs,dpd,asset_class
SBIN0001234,PN-TL-1,ABCPP1234K,UDYAM-MH-26-0012345,term_loan,pmmy,2024-04-10,500000,2025-01,450000,0,STD
SBIN0001234,PN-TL-1,ABCPP1234K,UDYAM-MH-26-0012345,term_loan,pmmy,2024-04-10,500000,2025-02,445000,20,SMA0
CSV
cat >"$T/skilling.csv" <<'CSV'
record_id,programme,trainee_name,gender,social_category,birth_year,mobile_last4,udyam_number,state_code,district,course,started_on,completed_on,certified
ESDP-2023-0007,esdp,Asha Patil,female,obc,1980,1234,UDYAM-MH-26-0012345,27,Pune,Management Development Programme,2023-03-01,2023-03-10,Y
CSV
cat >"$T/lists.csv" <<'CSV'
scheme,list_ref,beneficiary_name,enterprise_name,pan,udyam_number,mobile_last4,district,state_code,pincode,sanctioned_on,disbursed_on,amount_rs,purpose
cgtmse,CG-1,Asha Patil,Shakti Textiles,,UDYAM-MH-26-0012345,1234,Pune,27,411001,2025-01-05,2025-02-10,900000,machinery
CSV
cat >"$T/cluster.csv" <<'CSV'
cluster_id,name,scheme,state_code,district,product,nic_code,traditional,approved_on,project_cost_rs,grant_rs,cfc_capacity_hours,status
MH-PNE-HANDLOOM,Pune Handloom Cluster,sfurti,27,Pune,handloom,13111,Y,2019-05-01,20000000,18000000,600,functional
CSV
cat >"$T/member.csv" <<'CSV'
cluster_id,udyam_number,joined_on,role
MH-PNE-HANDLOOM,UDYAM-MH-26-0012345,2020-01-15,member
CSV
cat >"$T/epfo.csv" <<'CSV'
establishment_code,pan,gstin,wage_month,members,total_wages_rs
MHPUN0012345000,ABCPP1234K,27ABCPP1234K1ZP,2025-04,12,156000
CSV
cat >"$T/energy.csv" <<'CSV'
udyam_number,fiscal_year,source,quantity,unit
UDYAM-MH-26-0012345,2024-25,electricity,12000,kWh
CSV
loaded=0
for feed in credit:credit skilling:skilling beneficiary:lists cluster:cluster cluster_member:member \
            epfo:epfo energy:energy; do
    "$S" ingest --db "$DB" "${feed%%:*}" "$T/${feed#*:}.csv" >/dev/null 2>&1 || loaded=1
done
is "credit, skilling, a beneficiary list, a cluster, EPFO and energy load" "$loaded" 0

# What the portal itself stores, as it stores it: an application with its
# events, a grievance, a delayed-payment claim with a receipt, a message, a
# fact given on the portal, and a stress score.
NOW=2026-01-05T10:00:00Z
# A one-byte blob, written as each backend writes a blob literal.
BOOSTER="x'00'"
store_is_pg "$DB" && BOOSTER="'\\x00'"
FIXTURE=$(cat <<SQL
INSERT INTO bundle(enterprise_id, user_id, answers, created_at)
  VALUES ($PUNE, $ASHA, '{"bank_account":"12345","documents":["udyam_certificate","pan_card"]}', '$NOW');
INSERT INTO application(bundle_id, enterprise_id, scheme_id, state, gst_state, district, sla_days,
  eligibility, benefit_paise, created_on, updated_at)
  VALUES ((SELECT MAX(id) FROM bundle), $PUNE, 'pmegp', 'submitted', '27', 'Pune', 30, 'eligible', 5000000, '2026-01-05', '$NOW');
INSERT INTO application_event(application_id, application_gst_state, action, from_state, to_state, reason, user_id, role, on_date, at)
  VALUES ((SELECT MAX(id) FROM application), '27', 'create', NULL, 'submitted', NULL, $ASHA, 'entrepreneur', '2026-01-05', '$NOW');
INSERT INTO payment_claim(enterprise_id, user_id, buyer, invoice_no, amount_paise, accepted_on, state, filed_on)
  VALUES ($PUNE, $ASHA, 'Big Buyer Ltd', 'INV-9', 10000000, '2025-09-01', 'filed', '2026-01-02');
INSERT INTO payment_claim_receipt(claim_id, received_on, amount_paise) VALUES ((SELECT MAX(id) FROM payment_claim), '2025-12-01', 2000000);
INSERT INTO grievance(enterprise_id, user_id, subject, scheme_id, category, body, state, level, level_since,
  gst_state, district, filed_on, updated_at)
  VALUES ($PUNE, $ASHA, 'scheme', 'pmegp', 'delay', 'No answer for two months now', 'open', 'district', '2026-01-03', '27', 'Pune', '2026-01-03', '$NOW');
INSERT INTO grievance_event(grievance_id, action, level, body, user_id, role, on_date, at)
  VALUES ((SELECT MAX(id) FROM grievance), 'file', 'district', NULL, $ASHA, 'entrepreneur', '2026-01-03', '$NOW');
INSERT INTO notification(enterprise_id, kind, scheme_id, detail, at) VALUES ($PUNE, 'application.submitted', 'pmegp', NULL, '$NOW');
INSERT INTO profile_fact(enterprise_id, path, value, source, user_id, at) VALUES ($PUNE, 'need.amount', '500000', 'self', $ASHA, '$NOW');
INSERT INTO stress_model(trained_at, train_from, train_to, features, booster, calibration) VALUES ('$NOW', '2024-01', '2025-06', '[]', $BOOSTER, '{}');
INSERT INTO stress_score(enterprise_id, month, model_id, probability, reasons)
  VALUES ($PUNE, '2025-06', (SELECT MAX(id) FROM stress_model), 0.42, '[{"code":"gst_late","value":2}]');
INSERT INTO calendar_reminder(enterprise_id, obligation, period, due_on, reminded_on) VALUES ($PUNE, 'gstr3b', '2025-06', '2025-07-20', '2025-07-15');
INSERT INTO calendar_feed(enterprise_id, token_hash, lang, created_by, created_at) VALUES ($PUNE, 'feedfacefeedface', 'en', $ASHA, 1767600000);
SQL
)
store_sql "$DB" "$FIXTURE"
ok $? "an application, a grievance, a claim, a message, a fact and a stress score are on file"

rm -f "$LOG" # web_serve may read the log before the server truncates it: no old port
web_serve "$DB" "$LOG"
ok $? "the server listens"
P=$T/pune.jar K=$T/blr.jar A=$T/asha.jar R=$T/ravi.jar
login "$P" pune officer-pune-pass >/dev/null
login "$K" blr officer-blr-pass >/dev/null
login "$A" asha asha-password-1 >/dev/null
login "$R" ravi ravi-password-1 >/dev/null
curl -s -o /dev/null -b "$P" "$B/api/v1/enterprises/$PUNE?reason=checking+the+loan"

# --- the export -------------------------------------------------------------
curl -s -D "$T/xh" -o "$T/export.json" -b "$A" "$B/privacy/export.json"
is "the owner downloads its data: 200" "$(sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' "$T/xh")" 200
grep -qi '^Content-Disposition: attachment; filename="samanvay-data-'"$PUNE"'.json"' "$T/xh"
ok $? "as a file named for the enterprise"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/export.json"
ok $? "the export is valid JSON"
SECTIONS="enterprise_row gstins gst_returns credit_facilities credit_status skilling_records epfo_returns
energy_declarations beneficiary_entries cluster_memberships profile_facts bundles applications
application_events grievances grievance_events payment_claims payment_claim_receipts notifications
accounts calendar_subscriptions calendar_reminders stress_scores officials_access"
empty=$(json "' '.join(s for s in '''$SECTIONS'''.split() if not d.get(s))" <"$T/export.json")
is "every section holds the fixture's rows" "$empty" ""
is "the head names the format, version and enterprise" \
    "$(json 'd["format"], d["version"], d["enterprise_id"]' <"$T/export.json")" "samanvay.privacy-export 1 $PUNE"
is "the golden record keeps every source's value with its provenance" \
    "$(json 'd["profile"]["enterprise"]["name"], [(k, v["kept"]["source"], [o["source"] for o in v["others"]]) for k, v in d["profile"]["provenance"].items() if k in ("owner.category", "history.schemes_availed")]' <"$T/export.json")" \
    "Shakti Textiles [('owner.category', 'udyam', ['skilling']), ('history.schemes_availed', 'beneficiary', ['credit'])]"
is "feed rows carry their file and row" \
    "$(json 'd["gst_returns"][0]["src_file_name"], d["gst_returns"][0]["src_row"], d["credit_status"][1]["asset_class"]' <"$T/export.json")" \
    "gst.csv 1 SMA0"
is "stored JSON stays JSON (answers, documents, reasons)" \
    "$(json 'd["bundles"][0]["answers"]["documents"], d["stress_scores"][0]["reasons"][0]["code"], d["profile_facts"][0]["value"]' <"$T/export.json")" \
    "['udyam_certificate', 'pan_card'] gst_late 500000"
is "the officer's read is there, with the reason given" \
    "$(json '[(r["username"], r["reason"]) for r in d["officials_access"]]' <"$T/export.json")" \
    "[('pune', 'checking the loan')]"
# The export takes each value's type from the store: on PostgreSQL a flag
# or a count must still come out as a number, a probability as a fraction,
# never as 't', '0.42' or a numeric's text.
is "each value keeps its type on either backend" \
    "$(json '[(s, k, type(d[s][0][k]).__name__) for s, k in (("enterprise_row", "owner_disabled"), ("enterprise_row", "turnover_paise"), ("skilling_records", "certified"), ("skilling_records", "birth_year"), ("accounts", "disabled"), ("stress_scores", "probability"), ("stress_scores", "model_id"), ("calendar_subscriptions", "created_at"), ("credit_status", "dpd"), ("payment_claim_receipts", "amount_paise"), ("applications", "sla_days"))] + [d["stress_scores"][0]["probability"]]' <"$T/export.json")" \
    "[('enterprise_row', 'owner_disabled', 'int'), ('enterprise_row', 'turnover_paise', 'int'), ('skilling_records', 'certified', 'int'), ('skilling_records', 'birth_year', 'int'), ('accounts', 'disabled', 'int'), ('stress_scores', 'probability', 'float'), ('stress_scores', 'model_id', 'int'), ('calendar_subscriptions', 'created_at', 'int'), ('credit_status', 'dpd', 'int'), ('payment_claim_receipts', 'amount_paise', 'int'), ('applications', 'sla_days', 'int'), 0.42]"
is "a place is kept for consents" "$(json '"consents" in d' <"$T/export.json")" True
! grep -q 'password\|feedfacefeedface\|token_hash\|\$argon2' "$T/export.json"
ok $? "no password hash, session or calendar token leaves"
! grep -q 'Kaveri\|UDYAM-KR-03' "$T/export.json"
ok $? "nothing of the other enterprise"
is "the download is on the audit log as the owner's own read" \
    "$(store_sql "$DB" "select username, role, action from audit_log where enterprise_id=$PUNE and action='privacy.export'")" \
    "asha|entrepreneur|privacy.export"
"$S" audit verify --db "$DB" >/dev/null
is "and the chain still verifies" "$?" 0
curl -s -b "$A" "$B/privacy" >"$T/privacy.html"
! grep -q 'asha (entrepreneur)' "$T/privacy.html" && grep -q 'pune (officer)' "$T/privacy.html"
ok $? "/privacy lists the officer's read, not the owner's download"
grep -q 'href="/privacy/export.json"' "$T/privacy.html"
ok $? "/privacy links the download"

curl -s -I -b "$A" "$B/privacy/export.json" | tr -d '\r' >"$T/head.h"
grep -q '^HTTP/1.1 200' "$T/head.h" && grep -qi '^Content-Length: [1-9]' "$T/head.h"
ok $? "HEAD answers the headers and the length"
is "and the next requests on the same connections still work" \
    "$(for i in 1 2 3; do code -b "$A" "$B/privacy/export.json"; done)" "200200200"
curl -s -o "$T/api.json" -w '%{http_code}' -b "$A" "$B/api/v1/enterprises/$PUNE/export" >"$T/code"
is "the API gives the owner the same document, this download last on its log" \
    "$(cat "$T/code") $(json 'd["enterprise_id"], len(d["gst_returns"]), len(d["own_access"]), d["own_access"][-1]["route"]' <"$T/api.json")" \
    "200 $PUNE 2 $(store_sql "$DB" "select count(*) from audit_log where action='privacy.export'") GET /api/v1/enterprises/{id}/export"
is "by Udyam number too" "$(code -b "$A" "$B/api/v1/enterprises/UDYAM-MH-26-0012345/export")" 200
is "another enterprise's export: 403" "$(code -b "$R" "$B/api/v1/enterprises/$PUNE/export")" 403
is "an id that does not exist: 403 as well (no oracle)" "$(code -b "$A" "$B/api/v1/enterprises/999999/export")" 403
is "an officer, even of its district: 403" "$(code -b "$P" "$B/api/v1/enterprises/$PUNE/export")" 403
is "anonymous: 401" "$(code "$B/api/v1/enterprises/$PUNE/export")" 401
is "anonymous /privacy/export.json: 401" "$(code "$B/privacy/export.json")" 401
is "an officer has no /privacy/export.json: 403" "$(code -b "$P" "$B/privacy/export.json")" 403
curl -s -b "$R" "$B/privacy/export.json" >"$T/ravi.json"
is "another entrepreneur's download is its own enterprise's" \
    "$(json 'd["enterprise_id"], d["profile"]["enterprise"]["name"], len(d["officials_access"])' <"$T/ravi.json")" "$OTHER Kaveri Foods 0"

# --- correction requests ----------------------------------------------------
post() { # post JAR PATH FIELDS... -> headers in $T/h, body in $T/body
    local jar=$1 path=$2 csrf args=()
    shift 2
    csrf=$(curl -s -b "$jar" -c "$jar" "$B/api/v1/session" | json 'd.get("csrf","")')
    for f in "$@"; do args+=(--data-urlencode "$f"); done
    curl -s -D "$T/h" -o "$T/body" -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" "${args[@]}" "$B$path"
}
status() { sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' "$T/h"; }
TURN=$(sed -n 's/.*<option value="\([0-9]*\)"[^>]*>annual turnover<.*/\1/p' "$T/privacy.html" | head -1)
[ -n "$TURN" ]
ok $? "the chooser offers the turnover"
curl -s -b "$A" "$B/privacy?field=$TURN" >"$T/form.html"
grep -q 'action="/privacy/corrections"' "$T/form.html" && grep -q 'name="csrf"' "$T/form.html" \
    && grep -q '<label for="reason">' "$T/form.html"
ok $? "choosing it shows the form, with its CSRF token and labels"
is "without the CSRF token: 403" \
    "$(code -b "$A" --data-urlencode "field=$TURN" --data-urlencode "value=15000000" --data-urlencode "reason=x" "$B/privacy/corrections")" 403
post "$A" /privacy/corrections "field=$TURN" "value=a lot" "reason=ITR for 2024-25"
is "a value the field cannot hold: 422" "$(status)" 422
grep -q 'role="alert"' "$T/body"
ok $? "with the reason shown"
post "$A" /privacy/corrections "field=$TURN" "value=15000000" "reason="
is "no reason: 422" "$(status)" 422
post "$A" /privacy/corrections "field=9999" "value=1" "reason=because"
is "a field that is not offered: 422" "$(status)" 422
is "nothing was filed" "$(store_sql "$DB" "select count(*) from correction_request")" 0
post "$A" /privacy/corrections "field=$TURN" "value=15000000" "reason=ITR for 2024-25 shows it"
is "a good request: 303 back to /privacy" "$(status) $(tr -d '\r' <"$T/h" | sed -n 's/^Location: //p')" \
    "303 /privacy?asked=1#correct"
C1=$(store_sql "$DB" "select id from correction_request order by id desc limit 1")
is "it is pending, with what the record said then" \
    "$(store_sql "$DB" "select path, value, current_value, state, gst_state, district from correction_request where id=$C1")" \
    "enterprise.turnover|15000000|12000000|pending|27|PUNE"
curl -s -b "$A" "$B/privacy" | grep -q 'Waiting for the district office'
ok $? "the entrepreneur sees it waiting"
curl -s -b "$P" "$B/officer/worklist" | grep -q "href=\"/officer/corrections/$C1\""
ok $? "it lands in the Pune officer's worklist"
curl -s -b "$K" "$B/officer/worklist" | grep -q "/officer/corrections/$C1"
is "not in the Bengaluru officer's" "$?" 1
is "whose GET of it is 403 (the router: not in the area)" "$(code -b "$K" "$B/officer/corrections/$C1")" 403
is "the entrepreneur cannot open the officer's page: 403" "$(code -b "$A" "$B/officer/corrections/$C1")" 403
curl -s -b "$P" "$B/officer/corrections/$C1" >"$T/c1.html"
grep -q 'ITR for 2024-25 shows it' "$T/c1.html" && grep -q '15000000' "$T/c1.html" \
    && grep -q 'name="decision"' "$T/c1.html"
ok $? "the officer sees the request, its reason and the decision form"
is "the officer's read is audited" \
    "$(store_sql "$DB" "select count(*) from audit_log where action='enterprise.correction.read' and enterprise_id=$PUNE")" 1
post "$K" "/officer/corrections/$C1" "decision=accept"
is "the Bengaluru officer cannot decide it: 403" "$(status)" 403
post "$P" "/officer/corrections/$C1" "decision=reject" "reason="
is "a rejection without a reason: 422" "$(status)" 422
post "$P" "/officer/corrections/$C1" "decision=reject" "reason=The ITR shows 1.2 crore, not 1.5"
is "rejected with a reason: 303" "$(status)" 303
post "$P" "/officer/corrections/$C1" "decision=accept"
is "a second decision: 409" "$(status)" 409
is "the record is unchanged" "$(store_sql "$DB" "select count(*) from profile_fact where source='officer'")" 0
curl -s -b "$A" "$B/privacy" >"$T/p2.html"
grep -q 'Rejected' "$T/p2.html" && grep -q 'The ITR shows 1.2 crore, not 1.5' "$T/p2.html"
ok $? "the entrepreneur sees the rejection and why"

post "$A" /privacy/corrections "field=$TURN" "value=13500000" "reason=Audited accounts 2024-25"
C2=$(store_sql "$DB" "select max(id) from correction_request")
post "$P" "/officer/corrections/$C2" "decision=accept" "reason=Checked the audited accounts"
is "accepted: 303" "$(status)" 303
is "an officer's correction is written, with its author and the reason" \
    "$(store_sql "$DB" "select path, value, source, user_id, note from profile_fact where source='officer'")" \
    "enterprise.turnover|13500000|officer|$PUNE_OFF|correction request $C2: Checked the audited accounts"
is "the request names the fact and who decided" \
    "$(store_sql "$DB" "select state, decided_by, case when fact_id = (select max(id) from profile_fact) then 1 else 0 end from correction_request where id=$C2")" \
    "accepted|$PUNE_OFF|1"
curl -s -b "$A" "$B/api/v1/enterprises/$PUNE" >"$T/after.json"
is "the golden record keeps the officer's value over GST and Udyam" \
    "$(json 'd["enterprise"]["turnover"], d["provenance"]["enterprise.turnover"]["kept"]["source"]' <"$T/after.json")" \
    "13500000 officer"
is "the decision is on the audit log" \
    "$(store_sql "$DB" "select action from audit_log where enterprise_id=$PUNE and action in ('enterprise.golden.correct','enterprise.correction.reject') order by id" | paste -sd, -)" \
    "enterprise.correction.reject,enterprise.golden.correct"
curl -s -b "$A" "$B/privacy" | grep -q 'Accepted'
ok $? "the entrepreneur sees it accepted"
curl -s -b "$A" "$B/dashboard" >"$T/dash.html"
grep -q 'The district office accepted your correction request: Checked the audited accounts' "$T/dash.html" \
    && grep -q 'The district office rejected your correction request: The ITR shows 1.2 crore, not 1.5' "$T/dash.html"
ok $? "and a message for each decision on the dashboard"
curl -s -b "$A" "$B/privacy" | grep -q 'Rejected a correction you asked for'
ok $? "/privacy says in words what the officer did"
curl -s -b "$A" "$B/privacy/export.json" >"$T/export2.json"
is "the export holds both requests" \
    "$(json '[(c["state"], c["decided_by"]) for c in d["correction_requests"]]' <"$T/export2.json")" \
    "[('rejected', 'pune'), ('accepted', 'pune')]"
post "$A" /privacy/corrections "field=$TURN" "value=13500000" "reason=Same as the record"
C3=$(store_sql "$DB" "select max(id) from correction_request")
post "$P" "/officer/corrections/$C3" "decision=accept"
is "accepting a value the record already holds writes no fact and names none" \
    "$(store_sql "$DB" "select state, case when fact_id is null then 1 else 0 end, (select count(*) from profile_fact where source='officer') from correction_request where id=$C3")" \
    "accepted|1|1"
store_sql "$DB" "insert into correction_request(enterprise_id, user_id, path, value, current_value, reason, state, gst_state, district, created_at)
  select $PUNE, $ASHA, 'enterprise.turnover', '1', '', 'x', 'pending', '27', 'PUNE', '$NOW' from (select 1 union select 2 union select 3 union select 4 union select 5) a, (select 1 union select 2 union select 3 union select 4) b"
post "$A" /privacy/corrections "field=$TURN" "value=14000000" "reason=One more"
is "with twenty requests waiting, another is refused: 422" "$(status)" 422
curl -s -b "$A" "$B/privacy?lang=hi&field=$TURN" >"$T/hi.html"
grep -q 'lang="hi"' "$T/hi.html" && grep -q 'सुधार' "$T/hi.html" && ! grep -q 'Ask for a correction' "$T/hi.html"
ok $? "the page and the form come in Hindi"
[ "$(wc -c <"$T/form.html")" -lt 51200 ] && [ "$(wc -c <"$T/c1.html")" -lt 51200 ]
ok $? "the pages are under 50 KB"
done_testing
