#!/usr/bin/env bash
# bench/stress.sh: the stress early-warning over every enterprise of a
# store (issue 7), beside a plain SQL scan of the same rows.
#
# Store: STRESS_BENCH_N generated enterprises (default 20,000; seed 1) with
# the Udyam, GST and credit feeds loaded, kept in build/bench/stress/N so a
# second run reuses it. A model is trained on it first (timed, one run).
#
# Ours: `samanvay stress score`: stream every enterprise's GST returns,
# credit months and claims, build its features at the latest month, score
# them with the booster, the calibration and TreeSHAP reasons, and write
# the month's stress_score rows in one transaction. Baseline: the sqlite3
# CLI reading the same gst_return and credit_status rows in enterprise
# order (the two scans score reads, with nothing computed and nothing
# written). Each side runs STRESS_BENCH_RUNS times (3; 1 at a million); the
# median wall time is reported as enterprises scored a second (ratio ours /
# baseline; > 1 is ours faster).
#
# Prints TSV rows for bench/run: name, value, unit, baseline, baseline value, ratio.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
S=${SAMANVAY:-$ROOT/samanvay}
N=${STRESS_BENCH_N:-20000}
if [ "$N" -ge 500000 ]; then RUNS=${STRESS_BENCH_RUNS:-1}; else RUNS=${STRESS_BENCH_RUNS:-3}; fi
OUT=$ROOT/build/bench/stress/$N
DB=$OUT/samanvay.db

say() { echo "bench/stress.sh: $*" >&2; }
now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
fmt() { awk -v x="$1" 'BEGIN { s = sprintf("%.0f", x); o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } print s o }'; }

mkdir -p "$OUT"
if [ ! -f "$OUT/complete" ]; then
    rm -rf "$OUT/gen" "$DB"
    say "building a store of $(fmt "$N") enterprises"
    "$S" generate --enterprises "$N" --seed 1 --out "$OUT/gen" >/dev/null 2>&1
    "$S" init --db "$DB" >/dev/null 2>&1
    for f in udyam gst credit; do
        "$S" ingest --db "$DB" "$f" "$OUT/gen/$f.csv" --quiet >/dev/null
    done
    rm -rf "$OUT/gen"
    touch "$OUT/complete"
fi

t0=$(now)
/usr/bin/time -f "%U %S" -o "$OUT/train.cpu" "$S" stress train --db "$DB" >/dev/null
t1=$(now)
train=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
say "train: $train s"

# time_runs LABEL COMMAND...: median wall seconds of RUNS runs (KEEP=FILE keeps the last run's output)
time_runs() {
    local label=$1 r t0 t1
    shift
    for r in $(seq 1 "$RUNS"); do
        t0=$(now); "$@" >"${KEEP:-/dev/null}" 2>/dev/null; t1=$(now)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }'
    done | median >"$OUT/$label.wall"
    say "$label: $(cat "$OUT/$label.wall") s"
}

sql="SELECT enterprise_id, period, due_on, filed_on, taxable_value_paise, tax_paise, frequency
     FROM gst_return ORDER BY enterprise_id;
     SELECT f.enterprise_id, f.facility_id, f.facility_type, f.sanctioned_on, f.sanctioned_paise,
            s.month, s.outstanding_paise, s.dpd
     FROM credit_facility f JOIN credit_status s ON s.facility_id = f.facility_id
     ORDER BY f.enterprise_id;"
time_runs sql sqlite3 "$DB" "$sql"
KEEP=$OUT/score.out time_runs score "$S" stress score --db "$DB" --json
scored=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["scored"])' "$OUT/score.out")

rate() { awk -v n="$scored" -v t="$(cat "$OUT/$1.wall")" 'BEGIN { printf "%.0f", n / t }'; }
ours=$(rate score)
base=$(rate sql)
printf '%s\t%s\tenterprises/s\t%s\t%s\t%s\n' \
    "stress score: features, booster, calibration, TreeSHAP reasons and the stress_score rows of $(fmt "$scored") enterprises ($(fmt "$N") generated; $(cat "$OUT/score.wall" | awk '{ printf "%.1f", $1 }') s; training took $train s)" \
    "$ours" "sqlite3 CLI: the same GST and credit rows read in enterprise order (nothing computed or written)" \
    "$base" "$(awk -v a="$ours" -v b="$base" 'BEGIN { printf "%.2f", a / b }')"
