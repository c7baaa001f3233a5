#!/usr/bin/env bash
# bench/overlap.sh: the full eligibility-overlap matrix over N enterprises
# x the whole catalogue (issue 8, docs/overlap.md), beside the batch
# eligibility pass alone, so the ratio is what the overlap adds.
#
# For each N in OVERLAP_BENCH_N (default 20000; e.g. "20000 200000"): a
# generated set (seed 1) with the Udyam and beneficiary feeds is built
# under build/bench/overlap/N, then
#   - bench/overlap_matrix (in process, best of BENCH_OVERLAP_RUNS = 3):
#     the overlap report (eligibility, not-ruled-out and availed pairs,
#     objectives, double funding, awareness) beside the pass alone; the
#     pairwise popcounts alone; the store reads;
#   - the command end to end, `samanvay overlap --json --awareness`
#     (store reads, pass, report, JSON out), median of the runs, beside
#     the in-process pass alone.
# Prints TSV rows: name, value, unit, baseline, baseline value, ratio.
# Run: make -j2 && make build/release/bench/overlap_matrix && bench/overlap.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build/release}
S=${SAMANVAY:-$ROOT/samanvay}
B=$ROOT/$BUILD/bench/overlap_matrix
RUNS=${BENCH_OVERLAP_RUNS:-3}
export BENCH_OVERLAP_RUNS=$RUNS

say() { echo "bench/overlap.sh: $*" >&2; }
. "$ROOT/bench/overlap_store.sh"
now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

[ -x "$B" ] || make -C "$ROOT" --no-print-directory -j2 "$BUILD/bench/overlap_matrix" >&2
for N in ${OVERLAP_BENCH_N:-20000}; do
    overlap_store "$N"
    "$B" "$DB" | tee "$OUT/inprocess.tsv"
    pass_ms=$(awk -F'\t' '/^\(context\) overlap report\t/ { print $5 }' "$OUT/inprocess.tsv")
    n=$(sqlite3 "$DB" "SELECT count(*) FROM enterprise")
    for r in $(seq 1 "$RUNS"); do
        t0=$(now); "$S" overlap --db "$DB" --json --awareness --on 2026-01-01 >/dev/null; t1=$(now)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }'
    done | median >"$OUT/cli.wall"
    cli_ms=$(awk -v t="$(cat "$OUT/cli.wall")" 'BEGIN { printf "%.1f", t * 1000 }')
    say "N=$n: samanvay overlap --json --awareness ${cli_ms} ms; the pass alone ${pass_ms} ms"
    printf 'samanvay overlap --json --awareness, %s enterprises (end to end)\t%s\tms\tbatch eligibility pass alone\t%s\t%s\n' \
        "$n" "$cli_ms" "$pass_ms" "$(awk -v a="$cli_ms" -v b="$pass_ms" 'BEGIN { printf "%.2f", a / b }')"
done
