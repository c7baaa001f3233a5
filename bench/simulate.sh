#!/usr/bin/env bash
# bench/simulate.sh: merger what-ifs (issue 8, docs/scenarios.md) over a
# generated store, beside the plain batch-eligibility pass.
#
# For each size in BENCH_SIMULATE_SIZES (default "20000"; add 200000 for
# the large run) a store is generated (seed 1) with the udyam and cluster
# feeds, then:
#   1. `samanvay simulate` end to end per shipped scenario (process start,
#      catalogue, store read, evaluation, JSON out): median wall time of
#      BENCH_SIMULATE_RUNS (3), beside `samanvay clusters map --json` is not
#      comparable, so the baseline is the in-process plain batch pass below;
#   2. bench_simulate (in process): the store read, and each scenario's
#      evaluation and allocation, beside the plain batch pass of the whole
#      catalogue over the same columns (best of five).
# Prints TSV rows: name, value, unit, baseline, baseline value, ratio (ours
# / baseline as rates; > 1 is ours faster). Run: bench/simulate.sh
# (BENCH_SIMULATE_SIZES="20000 200000" bench/simulate.sh for both sizes).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
S=${SAMANVAY:-$ROOT/samanvay}
BUILD=${BUILD:-build/release}   # relative to ROOT, as the Makefile names its targets
RUNS=${BENCH_SIMULATE_RUNS:-3}
SIZES=${BENCH_SIMULATE_SIZES:-20000}
OUT=$ROOT/build/bench/simulate

say() { echo "bench/simulate.sh: $*" >&2; }
now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

make -C "$ROOT" -s -j2 "$BUILD/bench/bench_simulate" >/dev/null
BIN=$ROOT/$BUILD/bench/bench_simulate
for n in $SIZES; do
    dir=$OUT/$n; db=$dir/samanvay.db
    rm -rf "$dir"; mkdir -p "$dir"
    say "generating and loading $n enterprises"
    "$S" generate --enterprises "$n" --seed 1 --out "$dir/gen" >/dev/null 2>&1
    "$S" init --db "$db" 2>/dev/null
    for f in udyam cluster cluster_member; do
        "$S" ingest --db "$db" "$f" "$dir/gen/$f.csv" --quiet >/dev/null 2>&1
    done
    stored=$(sqlite3 "$db" "SELECT count(*) FROM enterprise")
    # The in-process rows first: they carry the baseline.
    "$BIN" "$db" "$ROOT"/scenarios/*.yaml | tee "$dir/inproc.tsv"
    base=$(awk -F'\t' 'NR == 2 { print $5 }' "$dir/inproc.tsv")
    for f in "$ROOT"/scenarios/*.yaml; do
        id=$(basename "$f" .yaml)
        secs=$(for r in $(seq 1 "$RUNS"); do
            t0=$(now); "$S" simulate "$f" --db "$db" --json >/dev/null; t1=$(now)
            awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
        done | median)
        awk -v id="$id" -v n="$stored" -v s="$secs" -v b="$base" 'BEGIN {
            printf "samanvay simulate %s --json end to end, %d enterprises (%.3f s)\t%.0f\tenterprises/s\tplain batch pass, whole catalogue (in process)\t%.0f\t%.2f\n",
                   id, n, s, n / s, b, (n / s) / b }'
    done
done
