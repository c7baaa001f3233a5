#!/usr/bin/env bash
# bench/calendar.sh: the compliance calendar across every stored enterprise
# (issue 6), beside a plain SQL report of the same store.
#
# Store: the 20,000-enterprise database bench/ingest.sh leaves (every feed
# loaded and linked), else one built here the same way. "Today" is a week
# after the last GST due date in the feed, the window the 30 days before it.
#
# Ours: `samanvay reminders` over the window (each enterprise's golden
# profile, its GST returns, every obligation's rules, status, late fee and
# interest), as text and as --json, and `samanvay reminders --notify` (the daily digest
# job: the same, plus one write transaction per enterprise reminded), first
# on a fresh copy and then again (nothing new to send). Baseline: the sqlite3
# CLI listing the GST returns due in the window, joined to their
# enterprises: what the feed alone says, with no rules. Each side runs
# BENCH_CALENDAR_RUNS (3) times; the median wall time is reported, as
# enterprises a second (ratio ours / baseline; > 1 is ours faster).
#
# Prints TSV rows for bench/run: name, value, unit, baseline, baseline value, ratio.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
S=${SAMANVAY:-$ROOT/samanvay}
RUNS=${BENCH_CALENDAR_RUNS:-3}
OUT=$ROOT/build/bench/calendar
DB=$ROOT/build/bench/ingest/ours1/samanvay.db
FEEDS=(udyam gst credit skilling cluster cluster_member cfc_usage beneficiary)

say() { echo "bench/calendar.sh: $*" >&2; }
now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

rm -rf "$OUT"
mkdir -p "$OUT"
if [ ! -f "$DB" ]; then
    DB=$OUT/samanvay.db
    say "no bench/ingest.sh store; building one of 20,000 enterprises"
    "$S" generate --enterprises 20000 --seed 1 --out "$OUT/gen" >/dev/null 2>&1
    "$S" init --db "$DB" 2>/dev/null
    for f in "${FEEDS[@]}"; do
        "$S" ingest --db "$DB" "$f" "$OUT/gen/$f.csv" --json --quiet >/dev/null
    done
fi
n=$(sqlite3 "$DB" "SELECT count(*) FROM enterprise")
today=$(sqlite3 "$DB" "SELECT date(max(due_on), '+7 day') FROM gst_return")
from=$(sqlite3 "$DB" "SELECT date('$today', '-30 day')")

# time_runs LABEL COMMAND...: median wall seconds of RUNS runs (before each, PREP if set)
time_runs() {
    local label=$1 r t0 t1
    shift
    for r in $(seq 1 "$RUNS"); do
        [ -n "${PREP:-}" ] && eval "$PREP"
        t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }'
    done | median >"$OUT/$label.wall"
    say "$label: $(cat "$OUT/$label.wall") s"
}

sql="SELECT e.id, e.udyam, e.name, g.return_type, g.period, g.due_on, g.filed_on
     FROM gst_return g JOIN enterprise e ON e.id = g.enterprise_id
     WHERE g.due_on BETWEEN '$from' AND '$today' ORDER BY e.id, g.due_on"
time_runs sql sqlite3 "$DB" "$sql"
time_runs list "$S" reminders --db "$DB" --from "$from" --to "$today" --today "$today"
time_runs list_json "$S" reminders --db "$DB" --from "$from" --to "$today" --today "$today" --json
PREP="cp '$DB' '$OUT/notify.db'; rm -f '$OUT/notify.db-wal' '$OUT/notify.db-shm'" \
    time_runs notify "$S" reminders --db "$OUT/notify.db" --notify --today "$from"
time_runs notify_again "$S" reminders --db "$OUT/notify.db" --notify --today "$from"
items=$("$S" reminders --db "$DB" --from "$from" --to "$today" --today "$today" --json \
        | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["items"]))')
digests=$(sqlite3 "$OUT/notify.db" "SELECT count(*) FROM notification WHERE kind = 'calendar.due'")

rate() { awk -v n="$n" -v t="$(cat "$OUT/$1.wall")" 'BEGIN { printf "%.0f", n / t }'; }
base=$(rate sql)
row() { # row NAME LABEL
    printf '%s\t%s\tenterprises/s\tsqlite3 CLI: the GST returns due in the window joined to their enterprises (no rules)\t%s\t%s\n' \
        "$1" "$(rate "$2")" "$base" "$(awk -v a="$(rate "$2")" -v b="$base" 'BEGIN { printf "%.2f", a / b }')"
}
fmt() { awk -v x="$1" 'BEGIN { s = sprintf("%.0f", x); o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } print s o }'; }
row "reminders: every obligation of $(fmt "$n") enterprises due $from to $today ($(fmt "$items") items with status, late fee and interest), as text" list
row "the same as JSON" list_json
row "reminders --notify: the daily digest ($digests digests written)" notify
row "reminders --notify again (nothing new to send)" notify_again
