#!/usr/bin/env bash
# tests/stress/kill_ingest.sh: `kill -9` the ingest at random points during
# a large load, several times per feed, then let it resume, and compare the
# result with a clean load of the same files.
#
# A clean load of five generated feeds (udyam, gst, credit, skilling,
# beneficiary; STRESS_INGEST_ENTERPRISES, default 50,000 enterprises, about
# a million rows) times each feed. Then the same files go into a second
# database, each feed killed STRESS_KILLS (3) times at a uniformly random
# moment between 5% and 95% of what is left of its clean load time, then
# run to the end.
# After every kill: the file's progress row is still `loading`; the rows
# committed are a whole number of batches; loaded + quarantined equals the
# rows committed; the quarantine holds exactly the rows the progress row
# counts; the feed's table holds exactly the rows counted as inserted (no
# partial batch); PRAGMA integrity_check is ok. At the end: every table
# equals the clean load's, times aside (tests/stress/db_compare.py), the
# quarantine by feed and reason too, and `samanvay audit verify` passes.
#
#   tests/stress/kill_ingest.sh   STRESS_SEED (random), STRESS_KILLS (3),
#                                 STRESS_INGEST_ENTERPRISES (50000), SAMANVAY
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
S=${SAMANVAY:-$ROOT/samanvay}
N=${STRESS_INGEST_ENTERPRISES:-50000}
KILLS=${STRESS_KILLS:-3}
SEED=${STRESS_SEED:-$((RANDOM * 32768 + RANDOM))}
BATCH=10000   # ingest.c DEFAULT_BATCH: the transaction size
FEEDS="udyam gst credit skilling beneficiary"
T=$(mktemp -d)
. "$ROOT/tests/stress/lib.sh"
need sqlite3 python3
PID=
trap '[ -n "$PID" ] && kill -9 "$PID" 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
RANDOM=$SEED
say "seed $SEED (STRESS_SEED=$SEED repeats the kill points)"

"$S" generate --enterprises "$N" --seed 11 --out "$T/g" >/dev/null 2>&1 || { say "generate failed"; exit 2; }
rows_of() { echo $(($(wc -l <"$T/g/$1.csv") - 1)); }
# The table each feed's rows land in, one row per loaded input row.
declare -A TABLE=([udyam]=enterprise [gst]=gst_return [credit]=credit_status [skilling]=skilling_record
    [beneficiary]=beneficiary)
q() { sqlite3 "$T/killed.db" "$1"; }

# --- the clean load, timed ------------------------------------------------------
"$S" init --db "$T/clean.db" 2>/dev/null
declare -A MS
for f in $FEEDS; do
    t0=$(date +%s%N)
    "$S" ingest --db "$T/clean.db" "$f" "$T/g/$f.csv" --quiet >/dev/null 2>&1 || { fail "clean load of $f"; }
    MS[$f]=$((($(date +%s%N) - t0) / 1000000))
    say "clean load: $f, $(rows_of "$f") rows in ${MS[$f]} ms"
done

# --- the killed load --------------------------------------------------------------
# after_kill FEED: the invariants that must hold whenever the ingest dies.
after_kill() {
    local f=$1 st committed loaded quar inq tab before
    IFS='|' read -r st committed loaded quar < <(q "select status, rows_committed, inserted + updated + unchanged,
        quarantined from ingest_file where feed = '$f'")
    [ -n "${st:-}" ] || { pass "$f: killed before the file was registered (nothing to check)"; return; }
    inq=$(q "select count(*) from quarantine q join ingest_file i on i.id = q.ingest_file_id where i.feed = '$f'")
    tab=$(q "select count(*) from ${TABLE[$f]}")
    before=${BASE[$f]}
    local ok=1 why=""
    [ "$st" = loading ] || [ "$st" = complete ] || { ok=0; why+=" status=$st"; }
    if [ "$st" = loading ] && [ $((committed % BATCH)) != 0 ]; then ok=0; why+=" rows_committed=$committed is not whole batches"; fi
    [ $((loaded + quar)) = "$committed" ] || { ok=0; why+=" loaded $loaded + quarantined $quar != committed $committed"; }
    [ "$inq" = "$quar" ] || { ok=0; why+=" quarantine holds $inq rows, the progress row says $quar"; }
    # The feed's table: what was there before this feed plus this file's
    # inserts; once the file has been complete (a kill in the link pass),
    # a rerun reads it again from the top, finds every row unchanged and
    # counts afresh, so the table must then hold what it held at completion.
    if [ -n "${DONE[$f]:-}" ]; then
        [ "$tab" = "${DONE[$f]}" ] || { ok=0; why+=" ${TABLE[$f]} holds $tab rows, ${DONE[$f]} when the file completed"; }
    else
        [ "$tab" = $((before + $(q "select inserted from ingest_file where feed = '$f'"))) ] \
            || { ok=0; why+=" ${TABLE[$f]} holds $tab rows, expected $before + inserted"; }
    fi
    [ "$st" = complete ] && [ -z "${DONE[$f]:-}" ] && DONE[$f]=$tab
    [ "$(q 'PRAGMA integrity_check')" = ok ] || { ok=0; why+=" integrity_check failed"; }
    if [ $ok = 1 ]; then
        pass "$f killed at $committed/$(rows_of "$f") rows ($st): whole batches, counts, quarantine and integrity agree"
    else
        fail "$f killed at $committed rows:$why"
    fi
}

"$S" init --db "$T/killed.db" 2>/dev/null
declare -A BASE DONE
for f in $FEEDS; do
    BASE[$f]=$(q "select count(*) from ${TABLE[$f]}")
    for k in $(seq 1 "$KILLS"); do
        # A moment between 5% and 95% of what is left of the clean load's
        # time: a resumed run skips the rows already committed.
        done_rows=$(q "select case status when 'loading' then rows_committed else 0 end from ingest_file where feed = '$f'")
        left=$(( MS[$f] * ($(rows_of "$f") - ${done_rows:-0}) / $(rows_of "$f") ))
        at=$(( left * (5 + RANDOM % 91) / 100 ))
        "$S" ingest --db "$T/killed.db" "$f" "$T/g/$f.csv" --quiet >/dev/null 2>"$T/ingest.err" &
        PID=$!
        sleep "$(awk -v ms="$at" 'BEGIN { printf "%.3f", ms / 1000 }')"
        if kill -9 "$PID" 2>/dev/null; then
            wait "$PID" 2>/dev/null
            PID=
            say "$f: kill $k at ${at} ms"
            after_kill "$f"
        else
            wait "$PID"; rc=$?
            PID=
            say "$f: run $k ended (status $rc) before its kill at ${at} ms"
            [ "$rc" = 0 ] || fail "$f: an ingest run exited $rc: $(head -2 "$T/ingest.err")"
            break
        fi
    done
    "$S" ingest --db "$T/killed.db" "$f" "$T/g/$f.csv" --quiet >"$T/resume.out" 2>"$T/ingest.err"
    expect "$f: the resumed load ends with status 0" "$?" 0
    expect "$f: the file is complete" "$(q "select status from ingest_file where feed = '$f'")" complete
done

# --- the two loads agree ----------------------------------------------------------
# The progress row's counters say how the last run found the rows (a
# completed file read again finds them all unchanged, its link pass links
# only what the killed one had not), so they are compared by what was
# loaded, not by how.
SKIP_COLUMNS=ingest_file.inserted,ingest_file.updated,ingest_file.unchanged,ingest_file.linked,ingest_file.new_entities \
    python3 "$ROOT/tests/stress/db_compare.py" "$T/clean.db" "$T/killed.db" >"$T/compare.txt"
rc=$?; check "every table equals the clean load's ($(tail -1 "$T/compare.txt"))" [ "$rc" = 0 ]
grep -v 'tables equal' "$T/compare.txt" | head -10
qr='select i.feed, q.reason_code, count(*) from quarantine q join ingest_file i on i.id = q.ingest_file_id group by 1, 2 order by 1, 2'
expect "the quarantine by feed and reason equals the clean load's" \
    "$(sqlite3 "$T/killed.db" "$qr" | md5sum | cut -c1-12)" "$(sqlite3 "$T/clean.db" "$qr" | md5sum | cut -c1-12)"
lr='select feed, rows_committed, inserted + updated + unchanged, quarantined from ingest_file order by feed'
expect "rows committed, loaded and quarantined per file equal the clean load's" \
    "$(sqlite3 "$T/killed.db" "$lr" | md5sum | cut -c1-12)" "$(sqlite3 "$T/clean.db" "$lr" | md5sum | cut -c1-12)"
"$S" audit verify --db "$T/killed.db" >"$T/audit.txt" 2>&1
rc=$?; check "samanvay audit verify passes ($(head -1 "$T/audit.txt"))" [ "$rc" = 0 ]
expect "PRAGMA integrity_check" "$(q 'PRAGMA integrity_check')" ok
echo "feeds: $FEEDS; $N enterprises, $(( $(cat "$T"/g/{udyam,gst,credit,skilling,beneficiary}.csv | wc -l) - 5 )) rows; seed $SEED"
stress_verdict
