#!/usr/bin/env bash
# The compliance calendar page and its iCalendar subscription (issue 6):
# a real server on a temporary store (SQLite or PostgreSQL). Make a private link (CSRF
# required; its URL shown once, only its hash stored), fetch it with no
# session and parse it with Debian's python3-icalendar, another entrepreneur
# cannot revoke it, revoking and replacing make the old URL 404, a Hindi
# link gives Hindi events, and an officer's download is scoped and audited.
# Environment (tests/run): SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new feed)
LOG=$T/feed.log
PY=/usr/bin/python3   # Debian's, with python3-icalendar
. "$ROOT/tests/web/web.sh"

web_two_enterprises "$DB"
ok $? "a database with two enterprises"
PUNE=$(store_sql "$DB" "select id from enterprise where udyam='UDYAM-MH-26-0012345'")
BLR=$(store_sql "$DB" "select id from enterprise where udyam='UDYAM-KR-03-0000042'")
web_adduser "$DB" asha-password-1 --username asha --role entrepreneur --enterprise "$PUNE"
web_adduser "$DB" ravi-password-1 --username ravi --role entrepreneur --enterprise "$BLR"
web_adduser "$DB" officer-pune-pass --username pune --role officer --state 27 --district Pune
web_adduser "$DB" officer-blr-pass --username blr --role officer --state 29 --district "Bengaluru Urban"
"$S" serve --db "$DB" --port 0 --threads 2 --public-url https://portal.example.in/ 2>"$LOG" &
PID=$!
web_wait_listening "$LOG" 200
ok $? "the server listens"

is "anonymous /calendar: 401" "$(code "$B/calendar")" 401
login "$T/asha" asha asha-password-1 >/dev/null
curl -s -b "$T/asha" "$B/calendar" >"$T/page.html"
is "the entrepreneur's calendar page" "$(code -b "$T/asha" "$B/calendar")" 200
check "... has a table a month" grep -q '<th scope="col">Due date</th>' "$T/page.html"
check "... offers a subscription link" grep -q 'action="/calendar/subscription"' "$T/page.html"
check "... and the download" grep -q 'href="/calendar.ics"' "$T/page.html"
check "the page is under 50 KB" test "$(wc -c <"$T/page.html")" -lt 51200
check "the page passes tidy -e" tidy -e -q "$T/page.html"
curl -s -b "$T/asha" "$B/calendar?lang=hi" >"$T/page_hi.html"
check "in Hindi: the title" grep -q '<h1>अनुपालन कैलेंडर</h1>' "$T/page_hi.html"
check "... and the month names" grep -qE '<h2 id="m[0-9]{4}-[0-9]{2}">(जनवरी|फ़रवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|अक्टूबर|नवंबर|दिसंबर) [0-9]{4}</h2>' "$T/page_hi.html"
check "the dashboard links to it" bash -c "curl -s -b '$T/asha' '$B/dashboard' | grep -q 'href=\"/calendar\"'"

is "POST without the CSRF token: 403" "$(code -b "$T/asha" -d x=1 "$B/calendar/subscription")" 403
is "... and no link was made" "$(store_sql "$DB" 'select count(*) from calendar_feed')" 0
csrf=$(form_csrf <"$T/page.html")
curl -s -b "$T/asha" --data-urlencode "csrf=$csrf" "$B/calendar/subscription" >"$T/made.html"
URL=$(sed -n 's|.*id="feed-url" type="text" readonly value="\(https://portal.example.in/calendar/[A-Za-z0-9_-]*\.ics\)".*|\1|p' "$T/made.html")
check "the new link is shown, on the public URL" test -n "$URL"
check "the page showing it passes tidy -e" tidy -e -q "$T/made.html"
TOKEN=${URL##*/}; TOKEN=${TOKEN%.ics}
is "the token is 43 base64url characters (32 bytes)" "${#TOKEN}" 43
is "one link on file" "$(store_sql "$DB" 'select count(*) from calendar_feed where revoked_at is null')" 1
check "only a 64-hex-digit hash is stored" \
    bash -c "$(declare -f store_sql store_is_pg); store_sql '$DB' 'select token_hash from calendar_feed' | grep -qxE '[0-9a-f]{64}'"
# The whole store, as bytes: SQLite's files, or a dump of the PostgreSQL database.
store_bytes() { if store_is_pg "$DB"; then pg_dump -d "$DB"; else cat "$DB"*; fi; }
check "the token itself is nowhere in the database" bash -c "! { $(declare -f store_bytes store_is_pg); DB='$DB'; store_bytes; } | grep -qa -- '$TOKEN'"
FEED="$B/calendar/$TOKEN.ics"

curl -s -D "$T/h" -o "$T/feed.ics" "$FEED"
is "the feed answers without a session" "$(sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' "$T/h")" 200
check "Content-Type text/calendar; charset=utf-8" grep -qi $'^content-type: text/calendar; charset=utf-8\r$' "$T/h"
check "Cache-Control private" grep -qi '^cache-control: private' "$T/h"
FROM=$(date -u -d '+5 hours 30 minutes -90 days' +%F)
TO=$(date -u -d '+5 hours 30 minutes +400 days' +%F)
curl -s -b "$T/asha" "$B/api/v1/enterprises/$PUNE/calendar?from=$FROM&to=$TO" >"$T/cal.json"
parse() { # parse ICS LINK: every event's UID, DTSTART, VALARM and URL; prints the count
    $PY - "$1" "$2" <<'PY'
import sys, icalendar
raw = open(sys.argv[1], 'rb').read()
cal = icalendar.Calendar.from_ical(raw)
evs = list(cal.walk('VEVENT'))
for ev in evs:
    assert str(ev['UID']).endswith('@samanvay'), ev['UID']
    assert ev.decoded('DTSTART'), 'DTSTART'
    assert len(ev.walk('VALARM')) == 1, 'VALARM'
    assert str(ev['URL']) == sys.argv[2], ev.get('URL')
for line in raw.split(b'\r\n'):
    assert len(line) <= 75, line
    line.decode('utf-8')
print(len(evs))
PY
}
n=$(parse "$T/feed.ics" https://portal.example.in/calendar 2>&1)
is "python3-icalendar reads one event per calendar item, each with UID, VALARM and link back" \
   "$n" "$(json 'len(d["items"])' <"$T/cal.json")"
check "there are events" test "$n" -gt 0
check "the fetch is noted" test -n "$(store_sql "$DB" 'select last_fetched_at from calendar_feed')"

curl -s -b "$T/asha" "$B/calendar" >"$T/page2.html"
check "the page no longer shows the URL" bash -c "! grep -q -- '$TOKEN' '$T/page2.html'"
check "... and offers to revoke it" grep -q 'action="/calendar/subscription/revoke"' "$T/page2.html"
FEED_ID=$(store_sql "$DB" 'select id from calendar_feed where revoked_at is null')

is "a malformed token: 404" "$(code "$B/calendar/abc.ics")" 404
is "an unknown token of the right shape: 404" "$(code "$B/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics")" 404
is "the token without .ics: 404" "$(code "$B/calendar/$TOKEN")" 404
check "the server's log never holds the token" bash -c "! grep -q -- '$TOKEN' '$LOG'"
check "... it logs the feed's route instead" grep -q 'path=/calendar/{feed}' "$LOG"

login "$T/ravi" ravi ravi-password-1 >/dev/null
rcsrf=$(curl -s -b "$T/ravi" "$B/calendar" | form_csrf)
is "another entrepreneur cannot revoke it: 404" \
   "$(code -b "$T/ravi" --data-urlencode "csrf=$rcsrf" -d "feed=$FEED_ID" "$B/calendar/subscription/revoke")" 404
is "... and the feed still answers" "$(code "$FEED")" 200
is "revoke without CSRF: 403" "$(code -b "$T/asha" -d "feed=$FEED_ID" "$B/calendar/subscription/revoke")" 403
is "revoke without a link id: 422" \
   "$(code -b "$T/asha" --data-urlencode "csrf=$csrf" "$B/calendar/subscription/revoke")" 422
is "the owner revokes it: 303" \
   "$(code -b "$T/asha" --data-urlencode "csrf=$csrf" -d "feed=$FEED_ID" "$B/calendar/subscription/revoke")" 303
is "the revoked feed: 404" "$(code "$FEED")" 404
is "revoking it again: 404" \
   "$(code -b "$T/asha" --data-urlencode "csrf=$csrf" -d "feed=$FEED_ID" "$B/calendar/subscription/revoke")" 404

# Replacing: a second link revokes the first.
new_link() { curl -s -b "$T/asha" --data-urlencode "csrf=$csrf" "$B/calendar/subscription$1" \
             | sed -n 's|.*readonly value="https://portal.example.in\(/calendar/[A-Za-z0-9_-]*\.ics\)".*|\1|p'; }
first=$(new_link "")
second=$(new_link "")
is "after a replacement the first link: 404" "$(code "$B$first")" 404
is "... and the second answers" "$(code "$B$second")" 200
is "one working link an enterprise" \
   "$(store_sql "$DB" "select count(*) from calendar_feed where enterprise_id = $PUNE and revoked_at is null")" 1

# A link made from the Hindi page gives events in Hindi.
hindi=$(new_link "?lang=hi")
curl -s -o "$T/hi.ics" "$B$hindi"
check "the Hindi link's events are in Hindi" grep -q '^SUMMARY:जीएसटीआर' "$T/hi.ics"
is "... and parse, folded without splitting a character" \
   "$(parse "$T/hi.ics" https://portal.example.in/calendar 2>&1)" "$n"

curl -s -D "$T/h2" -o "$T/dl.ics" -b "$T/asha" "$B/calendar.ics"
check "the signed-in download is an attachment" grep -qi '^content-disposition: attachment' "$T/h2"
is "... with the same events" "$(parse "$T/dl.ics" https://portal.example.in/calendar 2>&1)" "$n"
is "anonymous /calendar.ics: 401" "$(code "$B/calendar.ics")" 401

# Officers: the API's scope and audit.
API="$B/api/v1/enterprises/$PUNE/calendar.ics"
login "$T/pune" pune officer-pune-pass >/dev/null
login "$T/blr" blr officer-blr-pass >/dev/null
n0=$(store_sql "$DB" "select count(*) from audit_log where action = 'enterprise.calendar'")
is "the Pune officer downloads the unit's calendar" "$(code -b "$T/pune" "$API?reason=outreach")" 200
curl -s -o "$T/officer.ics" -b "$T/pune" "$API?reason=outreach"
is "... whose events (one per item of the JSON calendar) link to the officer's view of the enterprise" \
   "$(parse "$T/officer.ics" "https://portal.example.in/officer/enterprises/$PUNE" 2>&1)" \
   "$(curl -s -b "$T/asha" "$B/api/v1/enterprises/$PUNE/calendar" | json 'len(d["items"])')"
is "... and the read is audited" \
   "$(store_sql "$DB" "select count(*) from audit_log where action = 'enterprise.calendar'")" "$((n0 + 2))"
is "an officer of another district: 403" "$(code -b "$T/blr" "$API")" 403
is "... and that refusal reads nothing" \
   "$(store_sql "$DB" "select count(*) from audit_log where action = 'enterprise.calendar'")" "$((n0 + 2))"
is "another entrepreneur: 403" "$(code -b "$T/ravi" "$API")" 403
is "an officer's bad window: 400" "$(code -b "$T/pune" "$API?from=2025-13-01")" 400
is "officers have no /calendar page: 403" "$(code -b "$T/pune" "$B/calendar")" 403
done_testing
