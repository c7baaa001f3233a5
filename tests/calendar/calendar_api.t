#!/usr/bin/env bash
# GET /api/v1/enterprises/{id}/calendar (issue 6): a stored enterprise's
# calendar with each GSTR-3B's status from the GST returns on file, and the
# late fee (s.47 CGST Act, Notification 19/2021-CT caps) and s.50 interest
# worked by hand; scope (another officer's district: 403), audit, bad windows.
# Environment (tests/run): SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new calendar_api)
LOG=$T/calendar-api.log
. "$ROOT/tests/web/web.sh"

web_two_enterprises "$DB"
ok $? "a database with two enterprises"
PUNE=$(store_sql "$DB" "select id from enterprise where udyam='UDYAM-MH-26-0012345'")
web_adduser "$DB" officer-pune-pass --username pune --role officer --state 27 --district Pune
web_adduser "$DB" officer-blr-pass --username blr --role officer --state 29 --district "Bengaluru Urban"
web_adduser "$DB" asha-password-1 --username asha --role entrepreneur --enterprise "$PUNE"
# Shakti Textiles (turnover ₹1.2 crore: the ₹2,000 cap) files monthly under its PAN's GSTIN.
web_gst "$DB" <<'CSV'
27ABCPP1234K1ZP,GSTR3B,monthly,2025-06,2025-07-20,2025-07-30,555555,100000
27ABCPP1234K1ZP,GSTR3B,monthly,2025-07,2025-08-20,2025-08-20,600000,108000
27ABCPP1234K1ZP,GSTR3B,monthly,2025-08,2025-09-20,2025-11-28,277777,50000
27ABCPP1234K1ZP,GSTR3B,monthly,2025-09,2025-10-20,,,
27ABCPP1234K1ZP,GSTR3B,monthly,2025-10,2025-11-20,2025-11-30,0,0
CSV
ok $? "five GSTR-3B returns load and link to the Pune unit by the GSTIN's PAN"
web_serve "$DB" "$LOG"
ok $? "the server listens"

U="$B/api/v1/enterprises/$PUNE/calendar?from=2025-07-01&to=2025-11-30"
is "anonymous: 401" "$(code "$U")" 401
login "$T/asha" asha asha-password-1 >/dev/null
curl -s -b "$T/asha" "$U" >"$T/cal.json"
is "the entrepreneur reads her calendar" "$(code -b "$T/asha" "$U")" 200
row() { json "[(i['status'], i['late_fee'], i['interest'], i.get('days_late')) for i in d['items'] if i['obligation'] == 'gstr3b' and i['period'] == '$1'][0]" <"$T/cal.json"; }
# 10 days late: 10 × ₹50 = ₹500 (under the cap); 18% on ₹1,00,000 for 10 days
# = 1,00,000 × 0.18 × 10 / 365 = ₹493.15, to the rupee ₹493.
is "June: filed 10 days late, fee ₹500, interest ₹493" "$(row 2025-06)" "('filed_late', 500, 493, 10)"
is "July: filed on the due date" "$(row 2025-07)" "('filed_on_time', 0, 0, None)"
# 69 days late: 69 × ₹50 = ₹3,450, capped at ₹2,000 (turnover up to ₹1.5 crore);
# 50,000 × 0.18 × 69 / 365 = ₹1,701.37, to the rupee ₹1,701.
is "August: 69 days late, fee capped at ₹2,000, interest ₹1,701" "$(row 2025-08)" "('filed_late', 2000, 1701, 69)"
# Not filed, long past due: the fee has run to its cap; the tax is unknown, so the interest is.
is "September: overdue, fee at the cap, interest not known" \
   "$(json "[(i['status'], i['late_fee'], i['interest']) for i in d['items'] if i['period'] == '2025-09' and i['obligation'] == 'gstr3b'][0]" <"$T/cal.json")" \
   "('overdue', 2000, None)"
# A nil return: ₹20 a day, 10 days = ₹200 (nil cap ₹500); no tax, no interest.
is "October: a nil return 10 days late, fee ₹200" "$(row 2025-10)" "('filed_late', 200, 0, 10)"
is "the overdue count" "$(json 'd["overdue"]' <"$T/cal.json")" 1
is "the late fee cites its notification" \
   "$(json "[i['late_fee_source'] for i in d['items'] if i['period'] == '2025-06' and i['obligation'] == 'gstr3b'][0][:28]" <"$T/cal.json")" \
   "Notification 19/2021-CT: htt"
is "every item has the contract's keys" \
   "$(json 'all({"obligation","period","due","status","late_fee","interest"} <= set(i) for i in d["items"])' <"$T/cal.json")" True

asha_other="$B/api/v1/enterprises/UDYAM-KR-03-0000042/calendar"
is "the entrepreneur cannot read another unit's calendar" "$(code -b "$T/asha" "$asha_other")" 403
login "$T/blr" blr officer-blr-pass >/dev/null
is "an officer of another district: 403" "$(code -b "$T/blr" "$U")" 403
login "$T/pune" pune officer-pune-pass >/dev/null
n0=$(store_sql "$DB" "select count(*) from audit_log where action = 'enterprise.calendar'")
is "the Pune officer reads it" "$(code -b "$T/pune" "$U&reason=outreach")" 200
is "... and the read is audited" \
   "$(store_sql "$DB" "select count(*) from audit_log where action = 'enterprise.calendar'")" "$((n0 + 1))"
is "a bad date: 400" "$(code -b "$T/asha" "$B/api/v1/enterprises/$PUNE/calendar?from=2025-13-01")" 400
is "from after to: 400" "$(code -b "$T/asha" "$B/api/v1/enterprises/$PUNE/calendar?from=2025-12-01&to=2025-01-01")" 400
is "a window over five years: 400" "$(code -b "$T/asha" "$B/api/v1/enterprises/$PUNE/calendar?from=2020-01-01&to=2026-01-02")" 400
is "the default window answers" "$(code -b "$T/asha" "$B/api/v1/enterprises/$PUNE/calendar")" 200

# Good standing: the overdue return is the profile's history.gst_returns_overdue, from the
# GST feed, and a scheme that asks for good standing says why it fails.
curl -s -b "$T/asha" "$B/api/v1/enterprises/$PUNE" >"$T/ent.json"
is "the profile counts one overdue return" "$(json 'd["history"]["gst_returns_overdue"]' <"$T/ent.json")" 1
is "... from the GST feed's row" \
   "$(json 'd["provenance"]["history.gst_returns_overdue"]["kept"]["feed_row"]["file"]' <"$T/ent.json")" gst.csv
is "... the oldest overdue return's row, named in the detail" \
   "$(json 'd["provenance"]["history.gst_returns_overdue"]["kept"]["feed_row"]["row"], d["provenance"]["history.gst_returns_overdue"]["kept"]["detail"]' <"$T/ent.json")" \
   "4 1 of 5 returns on file not filed after the due date; the oldest for 2025-09, due 2025-10-20"
curl -s -b "$T/asha" "$B/api/v1/enterprises/$PUNE/eligibility" >"$T/elig.json"
is "UP ODOP's good-standing criterion fails with the count" \
   "$(json "[(r['result'], r['text'][:40]) for s in d['schemes'] if s['id'] == 'up_odop_margin_money' for r in s['reasons'] if r['criterion'] == 'gst_good_standing'][0]" <"$T/elig.json")" \
   "('fail', '1 GST return(s) are overdue: a unit owin')"
done_testing
