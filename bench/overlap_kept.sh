#!/usr/bin/env bash
# bench/overlap_kept.sh: the overlap and awareness pages kept on the
# server until the next data load (web/overlap_cache.h, docs/overlap.md):
# the first view (the run made: every enterprise read, the catalogue
# evaluated) beside a kept view (the same page from the kept run), over
# HTTP against `samanvay serve`.
#
# For each N in OVERLAP_BENCH_N (default 20000; e.g. "20000 200000"): the
# store of bench/overlap.sh (build/bench/overlap/N, built here when
# missing: seed 1, Udyam and beneficiary feeds). Per run (BENCH_OVERLAP_RUNS,
# default 3), a fresh server, then
#   - GET /overlap/awareness as a policymaker (the national run): the
#     first view, then the median of 5 kept views;
#   - GET /officer/awareness as the officer of the largest district (his
#     state's run, and each listed enterprise evaluated alone for its
#     benefit): the first view, then the median of 5 kept views (each
#     still writes its audit rows).
# Prints TSV rows: name, value, unit, baseline, baseline value, ratio
# (kept / first: the share of the first view's time a kept view takes).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
S=${SAMANVAY:-$ROOT/samanvay}
RUNS=${BENCH_OVERLAP_RUNS:-3}

say() { echo "bench/overlap_kept.sh: $*" >&2; }
. "$ROOT/bench/overlap_store.sh"
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ms() { curl -s -o /dev/null -w '%{time_total}\n' -b "$1" "$2" | awk '{ printf "%.1f\n", $1 * 1000 }'; }
login() { # login JAR USER PASSWORD
    local csrf
    csrf=$(curl -s -c "$1" -b "$1" "$B/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
    curl -s -o /dev/null -c "$1" -b "$1" --data-urlencode "username=$2" --data-urlencode "password=$3" \
        --data-urlencode "csrf=$csrf" "$B/login"
}
row() { # row NAME KEPT FIRST
    printf '%s\t%s\tms\t%s\t%s\t%s\n' "$1 (kept view)" "$2" "first view" "$3" \
        "$(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.4f", a / b }')"
}

for N in ${OVERLAP_BENCH_N:-20000}; do
    overlap_store "$N"
    ST=$(sqlite3 "$DB" "SELECT state FROM enterprise GROUP BY state ORDER BY count(*) DESC, state LIMIT 1")
    DIST=$(sqlite3 "$DB" "SELECT district FROM enterprise WHERE state = '$ST' GROUP BY upper(district)
                          ORDER BY count(*) DESC, district LIMIT 1")
    for u in benchpol benchdist; do
        [ -n "$(sqlite3 "$DB" "SELECT id FROM app_user WHERE username = '$u'")" ] && continue
        if [ $u = benchpol ]; then set -- --role policymaker; else set -- --role officer --state "$ST" --district "$DIST"; fi
        printf 'bench-pass-12345\n' | "$S" user add --db "$DB" --username $u "$@" --password-stdin 2>/dev/null
    done
    : >"$OUT/kept.raw"
    for r in $(seq 1 "$RUNS"); do
        LOG=$OUT/serve.log
        "$S" serve --db "$DB" --port 0 --threads 2 2>"$LOG" &
        PID=$!
        PORT=
        for _ in $(seq 1 300); do
            PORT=$(sed -n 's/.*event=listening.* port=\([0-9]*\).*/\1/p' "$LOG")
            [ -n "$PORT" ] && break
            sleep 0.1
        done
        B=http://127.0.0.1:$PORT
        login "$OUT/pol.jar" benchpol bench-pass-12345
        login "$OUT/dist.jar" benchdist bench-pass-12345
        printf 'aw_first\t%s\n' "$(ms "$OUT/pol.jar" "$B/overlap/awareness")" >>"$OUT/kept.raw"
        for _ in 1 2 3 4 5; do printf 'aw_kept\t%s\n' "$(ms "$OUT/pol.jar" "$B/overlap/awareness")"; done >>"$OUT/kept.raw"
        printf 'out_first\t%s\n' "$(ms "$OUT/dist.jar" "$B/officer/awareness")" >>"$OUT/kept.raw"
        for _ in 1 2 3 4 5; do printf 'out_kept\t%s\n' "$(ms "$OUT/dist.jar" "$B/officer/awareness")"; done >>"$OUT/kept.raw"
        kill "$PID"
        wait "$PID" 2>/dev/null || true
    done
    n=$(sqlite3 "$DB" "SELECT count(*) FROM enterprise")
    pick() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$OUT/kept.raw" | median; }
    say "N=$n: awareness first $(pick aw_first) ms, kept $(pick aw_kept) ms; outreach ($DIST) first $(pick out_first) ms, kept $(pick out_kept) ms"
    row "GET /overlap/awareness, national, $n enterprises" "$(pick aw_kept)" "$(pick aw_first)"
    row "GET /officer/awareness, $DIST ($ST), $n enterprises" "$(pick out_kept)" "$(pick out_first)"
done
