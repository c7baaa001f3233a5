#!/usr/bin/env bash
# samanvay reminders (issue 6): what falls due in a range across enterprises
# for officers' outreach (scope by state, status from the GST returns on
# file), and the in-app digest (--notify: each due date once, however often
# it runs); the dashboard sends the same digest and shows the calendar.
# Environment (tests/run): SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new reminders)
LOG=$T/reminders.log
. "$ROOT/tests/web/web.sh"
q() { store_sql "$DB" "$1"; }

web_two_enterprises "$DB"
ok $? "a database with two enterprises"
PUNE=$(q "select id from enterprise where udyam='UDYAM-MH-26-0012345'")
web_gst "$DB" <<'CSV'
27ABCPP1234K1ZP,GSTR3B,monthly,2025-08,2025-09-20,2025-09-19,600000,108000
27ABCPP1234K1ZP,GSTR3B,monthly,2025-09,2025-10-20,,,
27ABCPP1234K1ZP,GSTR3B,monthly,2025-10,2025-11-20,2025-11-25,500000,90000
CSV
ok $? "Shakti Textiles' GSTR-3B returns load"

out=$("$S" reminders --db "$DB" --from 2025-09-01 --to 2025-11-30 --today 2025-12-01 --json); rc=$?
is "exits 0" "$rc" 0
items() { json "sorted((i['udyam'], i['obligation'], i['period'], i['status']) for i in d['items'] if i['obligation'] == 'gstr3b' and i['udyam'] == 'UDYAM-MH-26-0012345')" <<<"$out"; }
is "Shakti's GSTR-3B: filed on time, overdue, filed late" "$(items)" \
   "[('UDYAM-MH-26-0012345', 'gstr3b', '2025-08', 'filed_on_time'), ('UDYAM-MH-26-0012345', 'gstr3b', '2025-09', 'overdue'), ('UDYAM-MH-26-0012345', 'gstr3b', '2025-10', 'filed_late')]"
is "the overdue count" "$(json 'd["overdue"]' <<<"$out")" 1
is "both enterprises are read" "$(json 'd["enterprises"]' <<<"$out")" 2
is "items carry the contract's keys and the enterprise" \
   "$(json 'all({"obligation","period","due","status","late_fee","interest","enterprise_id","district"} <= set(i) for i in d["items"])' <<<"$out")" True
is "Kaveri Foods' GST items are conditional (its GST scheme is not known)" \
   "$(json 'all(i["conditional"] for i in d["items"] if i["udyam"] == "UDYAM-KR-03-0000042" and i["obligation"] in ("gstr1", "gstr3b"))' <<<"$out")" True
out29=$("$S" reminders --db "$DB" --from 2025-09-01 --to 2025-11-30 --state 29 --json)
is "--state 29: only the Karnataka unit" "$(json 'sorted(set(i["udyam"] for i in d["items"]))' <<<"$out29")" "['UDYAM-KR-03-0000042']"
text=$("$S" reminders --db "$DB" --from 2025-10-20 --to 2025-10-20 --state 27 --today 2025-12-01 2>"$T/err")
is "text: a line per item" "$text" "2025-10-20  gstr3b         2025-09      overdue        $(printf '%6s' "$PUNE")  UDYAM-MH-26-0012345  Shakti Textiles"
like "text: a summary on stderr" "$(cat "$T/err")" "1 item for 1 enterprise, 1 overdue"

# The digest: on 5 December 2025 the next 7 days hold November's TDS deposit (7th; a proprietor
# over ₹1 crore is audited, so deducts TDS), the audited ITR for FY 2024-25 (extended to 10
# December 2025) and November's GSTR-1 (11th).
"$S" reminders --db "$DB" --notify --today 2025-12-05 --state 27 2>"$T/err" >/dev/null
ok $? "--notify runs"
is "one digest for the Pune unit" "$(q "select count(*) from notification where kind = 'calendar.due' and enterprise_id = $PUNE")" 1
is "... naming what falls due by 12 December" \
   "$(q "select detail from notification where kind = 'calendar.due'")" \
   "tds_deposit/2025-11/2025-12-07 itr/2024-25/2025-12-10 gstr1/2025-11/2025-12-11"
"$S" reminders --db "$DB" --notify --today 2025-12-05 --state 27 >/dev/null 2>"$T/err"
is "run again: no second digest" "$(q "select count(*) from notification where kind = 'calendar.due'")" 1
like "... and it says so" "$(cat "$T/err")" "0 digests sent"
"$S" reminders --db "$DB" --notify --today 2025-12-08 --days 14 --state 27 >/dev/null 2>&1
# (ESI from 10 employees; advance tax is conditional on facts the profile lacks, so not reminded.)
is "three days and a longer horizon later: the new dates only" \
   "$(q "select detail from notification where kind = 'calendar.due' order by id desc limit 1")" \
   "esi/2025-11/2025-12-15 gstr3b/2025-11/2025-12-20"

"$S" reminders --db "$DB" --notify --from 2025-01-01 --to 2025-02-01 >/dev/null 2>&1
is "--notify takes no range: exit 2" "$?" 2
"$S" reminders --db "$DB" --district Pune >/dev/null 2>&1
is "--district without --state: exit 2" "$?" 2
"$S" reminders --db "$DB" --from 2025-13-01 --to 2025-12-01 >/dev/null 2>&1
is "a bad date: exit 2" "$?" 2
"$S" reminders --db "$DB" --days 400 --notify >/dev/null 2>&1
is "--days over a year: exit 2" "$?" 2

# Signing in sends the same digest, once; the dashboard shows the calendar.
web_adduser "$DB" asha-password-1 --username asha --role entrepreneur --enterprise "$PUNE"
web_serve "$DB" "$LOG"
ok $? "the server listens"
TODAY=$(python3 -c 'import datetime; print((datetime.datetime.utcnow() + datetime.timedelta(hours=5, minutes=30)).date())')
WEEK=$(python3 -c "import datetime; print(datetime.date.fromisoformat('$TODAY') + datetime.timedelta(days=7))")
n0=$(q "select count(*) from calendar_reminder where enterprise_id = $PUNE")
is "signing in" "$(login "$T/asha" asha asha-password-1)" 303
want=$(curl -s -b "$T/asha" "$B/api/v1/enterprises/$PUNE/calendar?from=$TODAY&to=$WEEK" \
       | json 'len([i for i in d["items"] if i["status"] in ("upcoming", "due_soon") and not i["conditional"]])')
is "sign-in reminds of every date due this week" \
   "$(q "select count(*) from calendar_reminder where enterprise_id = $PUNE")" "$((n0 + want))"
login "$T/asha2" asha asha-password-1 >/dev/null
is "signing in again reminds of nothing more" \
   "$(q "select count(*) from calendar_reminder where enterprise_id = $PUNE")" "$((n0 + want))"
page=$(curl -s -b "$T/asha" "$B/dashboard")
like "the dashboard has the compliance section" "$page" "<h2>Compliance deadlines</h2>"
hi=$(curl -s -b "$T/asha" -H 'Accept-Language: hi' "$B/dashboard?lang=hi")
like "in Hindi too" "$hi" "<h2>नियमों से जुड़ी आखिरी तारीखें</h2>"
done_testing
