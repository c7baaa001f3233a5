# retention: the deleting retention rules (docs/privacy.md, "Retention").
# A database with sessions live, idle and expired, quarantined rows of an
# old and a recent file, a revoked and a live calendar link, and reminder
# marks old and recent: --dry-run counts exactly what --apply then deletes,
# changes nothing itself, and --apply keeps what is still in its period.
set -u
. "$ROOT/tests/tap.sh"
S=$SAMANVAY
T=${TMPDIR:-/tmp}
DB=$(store_new retention)
"$S" init --db "$DB" >/dev/null 2>&1
"$S" ingest --db "$DB" udyam "$ROOT/tests/ingest/udyam_small.csv" --quiet >/dev/null 2>&1
"$S" ingest --db "$DB" credit "$ROOT/tests/ingest/credit_small.csv" --quiet >/dev/null 2>&1
NOW=1800000000                       # 2027-01-15T08:00:00Z
OLD_Q=$(store_sql "$DB" "select count(*) from quarantine q join ingest_file f on f.id = q.ingest_file_id where f.feed='udyam'")
NEW_Q=$(store_sql "$DB" "select count(*) from quarantine q join ingest_file f on f.id = q.ingest_file_id where f.feed='credit'")
[ "$OLD_Q" -gt 0 ] && [ "$NEW_Q" -gt 0 ]
ok $? "both files left quarantined rows ($OLD_Q and $NEW_Q)"
E=$(store_sql "$DB" "select min(id) from enterprise")
store_sql "$DB" "$(cat <<SQL
UPDATE ingest_file SET started_at = '2026-03-01T00:00:00Z' WHERE feed = 'udyam';
UPDATE ingest_file SET started_at = '2027-01-01T00:00:00Z' WHERE feed = 'credit';
INSERT INTO app_user(username, password_hash, role, created_at) VALUES ('x', 'h', 'admin', '2026-01-01T00:00:00Z');
INSERT INTO session(id_hash, user_id, csrf, created_at, last_seen_at, expires_at) VALUES
  ('live', 1, 'c', $((NOW - 600)), $((NOW - 60)), $((NOW + 3600))),
  ('idle', 1, 'c', $((NOW - 7200)), $((NOW - 3600)), $((NOW + 3600))),
  ('expired', NULL, 'c', $((NOW - 90000)), $((NOW - 60)), $((NOW - 1)));
INSERT INTO calendar_feed(enterprise_id, token_hash, lang, created_by, created_at, revoked_at) VALUES
  ($E, 'a', 'en', 1, 0, $((NOW - 100 * 86400))), ($E, 'b', 'en', 1, 0, $((NOW - 10 * 86400))), ($E, 'c', 'en', 1, 0, NULL);
INSERT INTO calendar_reminder(enterprise_id, obligation, period, due_on, reminded_on) VALUES
  ($E, 'gstr3b', '2025-06', '2025-07-20', '2025-07-15'), ($E, 'gstr3b', '2026-11', '2026-12-20', '2026-12-15');
SQL
)"
ok $? "sessions, links and reminder marks are on file"

"$S" retention --db "$DB" --dry-run --now $NOW --json >"$T/dry.json"
is "dry run: exit 0" "$?" 0
rows() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["applied"], " ".join("%s=%d" % (r["rule"], r["rows"]) for r in d["rules"]), d["rows"])' "$1"; }
is "it counts each rule's expired rows" "$(rows "$T/dry.json")" \
    "False sessions=2 quarantine=$OLD_Q calendar_subscriptions=1 calendar_reminders=1 $((OLD_Q + 4))"
is "and deletes nothing" \
    "$(store_sql "$DB" "select (select count(*) from session), (select count(*) from quarantine), (select count(*) from calendar_feed), (select count(*) from calendar_reminder)")" \
    "3|$((OLD_Q + NEW_Q))|3|2"
"$S" retention --db "$DB" --dry-run --now $NOW >"$T/dry.txt"
grep -q "^sessions *2  would delete: expired or idle sign-in sessions" "$T/dry.txt" \
    && tail -1 "$T/dry.txt" | grep -q 'dry run, would delete .* rows (nothing changed)'
ok $? "the text report says the same, one line per rule"

"$S" retention --db "$DB" --apply --now $NOW --json >"$T/apply.json"
is "apply: exit 0" "$?" 0
is "it deletes what the dry run counted" "$(rows "$T/apply.json")" \
    "True sessions=2 quarantine=$OLD_Q calendar_subscriptions=1 calendar_reminders=1 $((OLD_Q + 4))"
is "and keeps what is in its period" \
    "$(for c in "id_hash from session" "count(*) from quarantine" "token_hash from calendar_feed" "due_on from calendar_reminder"; do
           store_sql "$DB" "select $c order by 1" | paste -sd, -; done | paste -sd'|' -)" \
    "live|$NEW_Q|b,c|2026-12-20"
"$S" retention --db "$DB" --dry-run --now $NOW --json >"$T/again.json"
is "a second run finds nothing" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rows"])' "$T/again.json")" 0
"$S" retention --db "$DB" --apply --now $NOW --quarantine-days 0 --json >"$T/q0.json"
is "--quarantine-days 0 clears the recent file's rows too" "$(store_sql "$DB" "select count(*) from quarantine")" 0
is "the audit chain is untouched" "$("$S" audit verify --db "$DB" >/dev/null; echo $?)" 0

"$S" retention --db "$DB" 2>/dev/null; is "neither --dry-run nor --apply: exit 2" "$?" 2
"$S" retention --db "$DB" --dry-run --apply 2>/dev/null; is "both: exit 2" "$?" 2
"$S" retention --db "$DB" --dry-run --quarantine-days -1 2>/dev/null; is "a negative period: exit 2" "$?" 2
"$S" retention --dry-run 2>/dev/null; is "no database: exit 2" "$?" 2
done_testing
