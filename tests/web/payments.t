#!/usr/bin/env bash
# Delayed payments (issue 6, MSMED Act ss.15-16, s.18; Income-tax s.43B(h)):
# the public calculator page and the stateless JSON API against the
# hand-worked example of docs/delayed-payments.md (₹1,00,000 accepted
# 1 Jan 2024, 30 days agreed, unpaid on 10 May 2024: interest ₹5,720.79,
# owed ₹1,05,720.79, ₹1,05,721 to the rupee); strict JSON (400/415/422);
# an enterprise's claims with receipts, interest as of today and the
# payment-claims API under the enterprise scope with officers' reads
# audited; the referral of a claim to the Facilitation Council, once.
# Environment (tests/run): SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new payments)
LOG=$T/payments.log
. "$ROOT/tests/web/web.sh"

status_of() { sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' "$1"; }
page() { curl -s -b "$1" -c "$1" "$B$2"; }
# post JAR PATH FIELDS... -> headers in $T/h, body in $T/body (with the session's CSRF token)
post() {
    local jar=$1 path=$2 csrf
    shift 2
    csrf=$(api_csrf "$jar")
    local args=()
    for f in "$@"; do args+=(--data-urlencode "$f"); done
    curl -s -D "$T/h" -o "$T/body" -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" "${args[@]}" "$B$path"
}
# interest JSON -> body in $T/r.json, status on stdout; no cookie, no token
interest() {
    curl -s -o "$T/r.json" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary "$1" \
        "$B/api/v1/msmed/interest"
}

web_two_enterprises "$DB"
ok $? "a database with two enterprises"
PUNE=$(store_sql "$DB" "select id from enterprise where udyam='UDYAM-MH-26-0012345'")
KAVERI=$(store_sql "$DB" "select id from enterprise where udyam='UDYAM-KR-03-0000042'")
web_adduser "$DB" asha-password-1 --username asha --role entrepreneur --enterprise "$PUNE"
web_adduser "$DB" ravi-password-1 --username ravi --role entrepreneur --enterprise "$KAVERI"
web_adduser "$DB" officer-pune-pass --username pune --role officer --state 27 --district Pune
web_adduser "$DB" officer-blr-pass --username blr --role officer --state 29 --district "Bengaluru Urban"
# Portable across backends: the migration is recorded and its table is
# there to read (an error would print nothing).
is "migration 0011 adds the receipts table" \
   "$(store_sql "$DB" "select count(*) from schema_migrations where version = 11")|$(store_sql "$DB" "select count(*) from payment_claim_receipt")" "1|0"
web_serve "$DB" "$LOG"
ok $? "the server listens"

# --- the calculator page, signed out -------------------------------------------------------
C="$B/payments/calculator?amount=100000&invoice_date=2024-01-01&agreed_days=30&as_of=2024-05-10"
is "the calculator needs no sign-in" "$(code "$B/payments/calculator")" 200
curl -s "$C" >"$T/calc.html"
grep -q '<dt>Last day to pay without interest</dt><dd>2024-01-31</dd>' "$T/calc.html"
ok $? "due date: 30 days from 1 Jan 2024 is 31 Jan"
grep -q '<dt>Days late</dt><dd>100</dd>' "$T/calc.html"
ok $? "100 days late on 10 May"
grep -q '6.75 % × 3 = 20.25 %' "$T/calc.html"
ok $? "the rate used: Bank Rate 6.75 % times three"
grep -q '<dt>Interest</dt><dd>₹5,720.79</dd>' "$T/calc.html"
ok $? "interest ₹5,720.79 as worked by hand"
grep -q '<strong>₹1,05,720.79</strong> (to claim, to the rupee: ₹1,05,721)' "$T/calc.html"
ok $? "owed ₹1,05,720.79, ₹1,05,721 to the rupee"
is "four monthly rows in the schedule" "$(grep -c '<tr><th scope="row">2024-0' "$T/calc.html")" 4
grep -q '<th scope="row">2024-04-01 – 2024-04-30</th><td>30 / 30</td><td>20.25 %</td><td>₹1,03,403.48</td><td>₹1,744.93</td>' "$T/calc.html"
ok $? "April: ₹1,03,403.48 × 1.6875 % = ₹1,744.93"
grep -q '<td>10 / 31</td><td>20.25 %</td><td>₹1,05,148.41</td><td>₹572.38</td>' "$T/calc.html"
ok $? "May, a broken month: 10 of 31 days, ₹572.38"
grep -q 'Section 16: if the buyer pays late' "$T/calc.html"
ok $? "the page explains s.15 and s.16 in plain words"
! grep -q '<script' "$T/calc.html"
ok $? "no script: the form works without JavaScript"
[ "$(wc -c <"$T/calc.html")" -lt 51200 ]
ok $? "the page is under 50 KB"
curl -s "$C&lang=hi" >"$T/calc-hi.html"
grep -q 'ब्याज' "$T/calc-hi.html" && grep -q '₹5,720.79' "$T/calc-hi.html"
ok $? "in Hindi, the same figures"
curl -s "$C&fy_end=2024-03-31" >"$T/calc-tax.html"
grep -q 'section 43B(h)' "$T/calc-tax.html" && grep -q 'The buyer may not deduct this expense in that year.' "$T/calc-tax.html"
ok $? "s.43B(h): unpaid past the s.15 date, not deductible in FY 2023-24"
grep -q 'Not paid by the section 15 date, 2024-01-31: deductible only in the year it is paid.' "$T/calc-tax.html"
ok $? "... and why, around the s.15 date"
curl -s "$C&fy_end=2025-03-31&buyer_paid_on=2024-05-10&lang=hi" >"$T/calc-tax-hi.html"
grep -q 'खरीदार उस साल यह खर्च घटा सकता है।' "$T/calc-tax-hi.html" && grep -q 'धारा 15 की तारीख 2024-01-31 के बाद भुगतान हुआ' "$T/calc-tax-hi.html" \
    && grep -q '2024-25' "$T/calc-tax-hi.html"
ok $? "in Hindi: paid late in FY 2024-25, deductible in FY 2024-25"
is "a bad date on the form: 422" "$(code "$B/payments/calculator?amount=100000&invoice_date=2024-13-01")" 422
is "agreed days over 3650 on the form: 422, as the API" "$(code "$B/payments/calculator?amount=100000&invoice_date=2024-01-01&agreed_days=9999")" 422
is "a date before the Bank Rate table: 422" "$(code "$B/payments/calculator?amount=100&invoice_date=1990-01-01&as_of=2000-01-01")" 422
curl -s "$B/payments/calculator?amount=abc&invoice_date=2024-01-01" | grep -q 'role="alert"'
ok $? "a bad amount is said on the page"

# --- the API, stateless ----------------------------------------------------------------------
W='{"amount":100000,"invoice_date":"2024-01-01","agreed_days":30,"as_of":"2024-05-10"}'
is "POST /api/v1/msmed/interest with no session and no CSRF token: 200" "$(interest "$W")" 200
is "term: due and appointed day" "$(json '(d["term"]["due"], d["term"]["interest_from"], d["term"]["days"], d["term"]["agreed"])' <"$T/r.json")" \
   "('2024-01-31', '2024-02-01', 30, True)"
is "interest in rupees and paise" "$(json '(d["interest"], d["interest_paise"])' <"$T/r.json")" "(5720.79, 572079)"
is "outstanding in rupees and paise, and to the rupee" \
   "$(json '(d["outstanding"], d["outstanding_paise"], d["claim_rupees"], d["days_late"])' <"$T/r.json")" "(105720.79, 10572079, 105721, 100)"
is "the schedule month by month" \
   "$(json '[(m["start"], m["days"], m["rate_bp"], m["interest"]) for m in d["schedule"]]' <"$T/r.json")" \
   "[('2024-02-01', 29, 2025, 1687.5), ('2024-03-01', 31, 2025, 1715.98), ('2024-04-01', 30, 2025, 1744.93), ('2024-05-01', 10, 2025, 572.38)]"
is "the rate used" "$(json 'd["rate"]' <"$T/r.json")" "{'bank_rate_bp': 675, 'rate_bp': 2025}"
interest '{"amount":100000,"invoice_date":"2024-01-01","agreed_days":30,"as_of":"2024-05-10","buyer_fy_end":"2024-03-31"}' >/dev/null
is "s.43B(h) unpaid past the date: not deductible, only when paid" \
   "$(json '(d["s43bh"]["verdict"], d["s43bh"]["reason"], d["s43bh"]["deduction_fy"])' <"$T/r.json")" \
   "('not_deductible', 'unpaid_late', None)"
interest '{"amount":100000,"invoice_date":"2024-01-01","agreed_days":30,"as_of":"2024-05-10","buyer_fy_end":"2025-03-31","buyer_paid_on":"2024-05-10"}' >/dev/null
is "paid late in FY 2024-25: deductible in FY 2024-25" \
   "$(json '(d["s43bh"]["verdict"], d["s43bh"]["deduction_fy"])' <"$T/r.json")" "('deductible', '2024-25')"
is "paid in part: the payment is applied interest first" \
   "$(interest '{"amount":100000,"invoice_date":"2024-01-01","agreed_days":30,"as_of":"2024-02-29","payments":[{"date":"2024-02-29","amount":1687.50}]}'; json '(d["interest_outstanding"], d["principal_outstanding"])' <"$T/r.json")" \
   "200(0, 100000)"
is "not JSON: 400" "$(interest '{"amount":')" 400
grep -q 'invalid JSON at line 1' "$T/r.json"
ok $? "... saying where"
is "an unknown field: 422" "$(interest '{"amount":1,"invoice_date":"2024-01-01","rate":9}')" 422
grep -q "unknown field 'rate'" "$T/r.json"
ok $? "... naming it"
is "no amount: 422" "$(interest '{"invoice_date":"2024-01-01"}')" 422
is "amount as a string: 422" "$(interest '{"amount":"100000","invoice_date":"2024-01-01"}')" 422
is "a negative amount: 422" "$(interest '{"amount":-5,"invoice_date":"2024-01-01"}')" 422
is "agreed_days as text: 422" "$(interest '{"amount":5,"invoice_date":"2024-01-01","agreed_days":"30"}')" 422
is "a duplicate key: 400" "$(interest '{"amount":5,"amount":6,"invoice_date":"2024-01-01"}')" 400
is "an array body: 422" "$(interest '[1]')" 422
is "as_of before the invoice: 422" "$(interest '{"amount":5,"invoice_date":"2024-01-01","as_of":"2023-01-01"}')" 422
is "a date before the Bank Rate table: 422" "$(interest '{"amount":5,"invoice_date":"1990-01-01","as_of":"1991-01-01"}')" 422
is "25 payments: 422" "$(interest "{\"amount\":5,\"invoice_date\":\"2024-01-01\",\"payments\":[$(for i in $(seq 25); do printf '{"date":"2024-02-01","amount":1},'; done | sed 's/,$//')]}")" 422
is "text/plain: 415" "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: text/plain' --data-binary "$W" "$B/api/v1/msmed/interest")" 415
is "the OpenAPI document says it needs no session and no token" \
   "$(curl -s "$B/api/v1/openapi.json" | json 'd["paths"]["/api/v1/msmed/interest"]["post"]["security"]')" "[]"
is "... while the referral needs both" \
   "$(curl -s "$B/api/v1/openapi.json" | json 'len(d["paths"]["/payments/{id}/refer"]["post"]["security"]) > 0')" True

# --- an enterprise's claims --------------------------------------------------------------------
login "$T/asha" asha asha-password-1 >/dev/null
login "$T/ravi" ravi ravi-password-1 >/dev/null
login "$T/pune" pune officer-pune-pass >/dev/null
login "$T/blr" blr officer-blr-pass >/dev/null
is "the claims list needs sign-in" "$(code "$B/payments")" 401
post "$T/asha" /payments buyer="Big Motors Ltd" invoice=INV-9 amount=100000 invoice_date=2024-01-01 \
    agreed=30 buyer_pan=ABCDE1234X
is "a bad buyer PAN is refused: 422" "$(status_of "$T/h")" 422
grep -q "PAN is not valid" "$T/body"
ok $? "... saying so"
csrf=$(api_csrf "$T/asha")
curl -s -D "$T/h" -o "$T/body" -b "$T/asha" --data "csrf=$csrf&buyer=Big%C3%28Motors&invoice=INV-8&amount=100&invoice_date=2024-01-01" "$B/payments"
is "a buyer's name that is not UTF-8 is refused: 422" "$(status_of "$T/h")" 422
post "$T/asha" /payments buyer="Big Motors Ltd" invoice=INV-8 amount=100 invoice_date=2024-01-01 agreed="45 days agreed"
is "agreed days too long for the box are refused, not read as none: 422" "$(status_of "$T/h")" 422
post "$T/asha" /payments buyer="Big Motors Ltd" invoice=INV-8 amount=100 invoice_date=2024-01-01 \
    paid_on_1=2099-01-01 paid_amount_1=10
is "a part payment dated in the future: 422" "$(status_of "$T/h")" 422
is "... and none of these was stored" "$(store_sql "$DB" "select count(*) from payment_claim where invoice_no = 'INV-8'")" 0
post "$T/asha" /payments buyer="Big Motors Ltd" invoice=INV-9 amount=100000 invoice_date=2024-01-01 \
    agreed=30 buyer_pan=AAACB1234F buyer_state=27 paid_on_1=2024-03-15 paid_amount_1=20000
is "record a claim with a part payment: 303" "$(status_of "$T/h")" 303
CLAIM=$(store_sql "$DB" "select id from payment_claim where invoice_no = 'INV-9'")
is "stored with what the engine needs" \
   "$(store_sql "$DB" "select invoice_date, agreed_days, buyer_pan, buyer_state from payment_claim where id = $CLAIM")" \
   "2024-01-01|30|AAACB1234F|27"
is "and its receipt" "$(store_sql "$DB" "select received_on, amount_paise from payment_claim_receipt where claim_id = $CLAIM")" \
   "2024-03-15|2000000"
TODAY=$(store_sql "$DB" "select filed_on from payment_claim where id = $CLAIM")
interest "{\"amount\":100000,\"invoice_date\":\"2024-01-01\",\"agreed_days\":30,\"as_of\":\"$TODAY\",\"payments\":[{\"date\":\"2024-03-15\",\"amount\":20000}]}" >/dev/null
OWED=$(json 'd["outstanding"]' <"$T/r.json")
CLAIMED=$(json 'd["claim_rupees"]' <"$T/r.json")
page "$T/asha" /payments >"$T/list.html"
grep -A2 "id=\"claim-$CLAIM\"" "$T/list.html" | grep -q "Big Motors Ltd"
ok $? "GET /payments lists the claim"
OWED_INR=$(python3 -c "
import sys; p=round(float('$OWED')*100); r,ps=divmod(p,100); s=str(r)
h=s[-3:]; t=s[:-3]; g=[]
while len(t)>2: g.insert(0,t[-2:]); t=t[:-2]
if t: g.insert(0,t)
print('₹'+','.join(g+[h]) if g else '₹'+h, end='')
print('.%02d'%ps if ps else '')")
grep "id=\"claim-$CLAIM\"" "$T/list.html" | grep -q "$OWED_INR"
ok $? "... with the amount owed today as the API computes it ($OWED_INR)"
page "$T/asha" /dashboard >"$T/dash.html"
grep -q 'href="/payments"' "$T/dash.html"
ok $? "the dashboard links to /payments"
# 30 days agreed from 1 January 2024: due 31 January (not acceptance + 45).
grep 'Big Motors Ltd' "$T/dash.html" | grep -q "$OWED_INR owed today, with interest · due by 2024-01-31 · <strong>overdue</strong>"
ok $? "... and shows the claim as the engine reads it: due 31 January, $OWED_INR owed today"

# --- the payment-claims API --------------------------------------------------------------------
U="$B/api/v1/enterprises/$PUNE/payment-claims"
is "anonymous: 401" "$(code "$U")" 401
curl -s -b "$T/asha" "$U" >"$T/claims.json"
is "the entrepreneur reads her claims: 200" "$(code -b "$T/asha" "$U")" 200
is "the claim with its receipt and buyer" \
   "$(json '[(c["invoice_no"], c["agreed_days"], c["buyer_pan"], c["receipts"]) for c in d["claims"]][0]' <"$T/claims.json")" \
   "('INV-9', 30, 'AAACB1234F', [{'date': '2024-03-15', 'amount': 20000}])"
is "computed as of today, as the calculator does" \
   "$(json '(d["claims"][0]["computed"]["outstanding"], d["claims"][0]["computed"]["claim_rupees"])' <"$T/claims.json")" \
   "($OWED, $CLAIMED)"
is "another enterprise's claims: 403" "$(code -b "$T/ravi" "$U")" 403
is "an officer of another district: 403" "$(code -b "$T/blr" "$U")" 403
n0=$(store_sql "$DB" "select count(*) from audit_log where action = 'enterprise.payment_claims'")
is "the Pune officer reads them" "$(code -b "$T/pune" "$U?reason=msefc+follow-up")" 200
is "... and the read is audited" \
   "$(store_sql "$DB" "select count(*) from audit_log where action = 'enterprise.payment_claims'")" "$((n0 + 1))"
is "an unknown enterprise, for an officer: 404" "$(code -b "$T/pune" "$B/api/v1/enterprises/999999/payment-claims")" 404

# --- referral to the Facilitation Council ------------------------------------------------------
post "$T/ravi" "/payments/$CLAIM/refer"
is "another enterprise cannot refer the claim: 403" "$(status_of "$T/h")" 403
curl -s -D "$T/h" -o /dev/null -b "$T/asha" -X POST "$B/payments/$CLAIM/refer"
is "no CSRF token: 403" "$(status_of "$T/h")" 403
is "anonymous: 401" "$(code -X POST "$B/payments/$CLAIM/refer")" 401
post "$T/asha" "/payments/x/refer"
is "a bad id: 400" "$(status_of "$T/h")" 400
post "$T/asha" "/payments/$CLAIM/refer"
is "the enterprise refers its claim: 303" "$(status_of "$T/h")" 303
G=$(store_sql "$DB" "select id from grievance where payment_claim_id = $CLAIM")
is "a grievance on the payment, for the Council" \
   "$(store_sql "$DB" "select subject, category, gst_state, state from grievance where id = $G")" "payment|msefc|27|open"
store_sql "$DB" "select body from grievance where id = $G" >"$T/gbody"
grep -q 'Facilitation Council, Maharashtra (MSMED Act 2006 s.18)' "$T/gbody" && grep -q 'Buyer: Big Motors Ltd, PAN AAACB1234F' "$T/gbody"
ok $? "its text names the Council of the supplier's state and the buyer"
CLAIMED_INR=$(python3 -c "
s=str($CLAIMED); h=s[-3:]; t=s[:-3]; g=[]
while len(t)>2: g.insert(0,t[-2:]); t=t[:-2]
if t: g.insert(0,t)
print('₹'+','.join(g+[h]) if g else '₹'+h)")
grep -q "to the rupee): $CLAIMED_INR\." "$T/gbody"
ok $? "... and the amount claimed, principal and interest to the rupee ($CLAIMED_INR)"
page "$T/asha" /payments | grep "id=\"claim-$CLAIM\"" | grep -q "href=\"/grievances/$G\""
ok $? "the claim list shows the referral"
is "the grievance is visible to the enterprise" "$(code -b "$T/asha" "$B/grievances/$G")" 200
is "... and to the Pune officer" "$(code -b "$T/pune" "$B/grievances/$G")" 200
post "$T/asha" "/payments/$CLAIM/refer"
is "a second referral is refused: 409" "$(status_of "$T/h")" 409
is "... and files nothing" "$(store_sql "$DB" "select count(*) from grievance where payment_claim_id = $CLAIM")" 1
post "$T/asha" /payments buyer="Prompt Payer" invoice=INV-10 amount=5000 invoice_date="$TODAY" agreed=30
P2=$(store_sql "$DB" "select id from payment_claim where invoice_no = 'INV-10'")
post "$T/asha" "/payments/$P2/refer"
is "a claim not yet due cannot be referred: 422" "$(status_of "$T/h")" 422
done_testing
