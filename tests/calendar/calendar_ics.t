# samanvay calendar --ics: the iCalendar output read back by a real parser
# (Debian's python3-icalendar): one VEVENT per JSON item with a stable UID,
# an all-day DTSTART on the due date, a VALARM and the link back.
. "$ROOT/tests/tap.sh"
S=$SAMANVAY
P=$TMPDIR/p.json
cat >"$P" <<'JSON'
{"as_of": "2025-06-01",
 "enterprise": {"name": "श्री गणेश वस्त्र उद्योग", "udyam": "UDYAM-MH-19-0012345",
   "constitution": "proprietorship", "status": "existing", "state": "27",
   "turnover": 9000000, "employees": 12, "gst_scheme": "qrmp"}}
JSON
# Debian's python3 (python3-icalendar is a Debian package; a python3 earlier on PATH may lack it)
PY=/usr/bin/python3
LINK=https://samanvay.example.in/calendar
$S calendar --profile "$P" --from 2025-07-01 --to 2025-12-31 --today 2025-10-20 --json >"$TMPDIR/c.json"
is "json: exits 0" "$?" 0
$S calendar --profile "$P" --from 2025-07-01 --to 2025-12-31 --today 2025-10-20 --ics \
    --link "$LINK" >"$TMPDIR/c.ics"
is "ics: exits 0" "$?" 0

# Parse with python3-icalendar and compare with the JSON items, in order.
check_ics() {
    $PY - "$TMPDIR/c.ics" "$TMPDIR/c.json" "$LINK" "$1" <<'PY'
import sys, json, datetime, icalendar
raw = open(sys.argv[1], 'rb').read()
cal = icalendar.Calendar.from_ical(raw)
items = json.load(open(sys.argv[2]))['items']
link, days = sys.argv[3], int(sys.argv[4])
evs = [c for c in cal.walk('VEVENT')]
assert str(cal['VERSION']) == '2.0' and str(cal['METHOD']) == 'PUBLISH', 'header'
assert str(cal['X-WR-CALNAME']), 'calendar name'
assert len(evs) == len(items) > 0, (len(evs), len(items))
uids = set()
for ev, it in zip(evs, items):
    due = datetime.date.fromisoformat(it['due'])
    assert ev.decoded('DTSTART') == due, (ev.decoded('DTSTART'), due)
    assert ev.decoded('DTEND') == due + datetime.timedelta(days=1), 'DTEND'
    uid = str(ev['UID'])
    assert uid.startswith('%s-%s' % (it['obligation'], it['period'])) and uid.endswith('@samanvay'), uid
    assert it['due'].replace('-', '') not in uid, 'the UID must not carry the due date'
    uids.add(uid)
    assert str(ev['URL']) == link, ev.get('URL')
    assert it['period'] in str(ev['SUMMARY']), ev['SUMMARY']
    assert 'Status:' in str(ev['DESCRIPTION']), ev['DESCRIPTION']
    alarms = ev.walk('VALARM')
    assert len(alarms) == 1, 'one VALARM'
    assert str(alarms[0]['ACTION']) == 'DISPLAY'
    assert alarms[0].decoded('TRIGGER') == -datetime.timedelta(days=days), alarms[0].decoded('TRIGGER')
    assert str(ev['STATUS']) in ('CONFIRMED', 'TENTATIVE')
assert len(uids) == len(evs), 'UIDs are unique'
# every physical line at most 75 octets, each valid UTF-8
for line in raw.split(b'\r\n'):
    assert len(line) <= 75, len(line)
    line.decode('utf-8')
print('ok', len(evs))
PY
}
out=$(check_ics 7 2>&1)
is "python3-icalendar reads every event with its UID, date, VALARM and URL" "${out%% *}" ok
is "as many events as JSON items" "${out#ok }" "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["items"]))' "$TMPDIR/c.json")"

# The same items in a narrower window keep their UIDs (subscribers see updates, not copies).
uids() { grep '^UID:' | tr -d '\r' | sort; }
$S calendar --profile "$P" --from 2025-10-01 --to 2025-10-31 --ics >"$TMPDIR/oct.ics"
n_oct=$(uids <"$TMPDIR/oct.ics" | wc -l)
n_common=$(comm -12 <(uids <"$TMPDIR/c.ics") <(uids <"$TMPDIR/oct.ics") | wc -l)
check "October has events" test "$n_oct" -gt 0
is "every October UID is the same in the half-year file" "$n_common" "$n_oct"
check "UID does not carry the Udyam number" bash -c "! grep -q 'UDYAM' '$TMPDIR/c.ics'"

$S calendar --profile "$P" --from 2025-07-01 --to 2025-12-31 --today 2025-10-20 --ics \
    --link "$LINK" --reminder-days 3 >"$TMPDIR/c.ics"
is "--reminder-days 3: every alarm three days before" "$(check_ics 3 2>&1 | cut -d' ' -f1)" ok
check "TRIGGER is written as days" grep -q $'^TRIGGER:-P3D\r$' "$TMPDIR/c.ics"

$S calendar --profile "$P" --from 2025-07-01 --to 2025-12-31 --ics --json >/dev/null 2>&1
is "--ics with --json: exit 2" "$?" 2
$S calendar --profile "$P" --from 2025-07-01 --to 2025-12-31 --ics --reminder-days 0 >/dev/null 2>&1
is "--reminder-days 0: exit 2" "$?" 2
$S calendar --profile "$P" --from 2025-07-01 --to 2025-12-31 --ics --link 'javascript:x' >/dev/null 2>&1
is "a --link that is not http(s): exit 2" "$?" 2
$S calendar --profile "$P" --from 2025-07-01 --to 2025-12-31 --ics --link "$(printf 'https://x.in/\r\nX-EVIL:1')" >/dev/null 2>&1
is "a --link with a line break (it would add a property): exit 2" "$?" 2
done_testing
