#!/usr/bin/env bash
# bench/impact.sh: scheme impact estimation (issue 8, docs/impact.md) with
# 200 bootstrap draws, beside two baselines measured here on the same store.
#
# Store: BENCH_IMPACT_ENTERPRISES (20,000) generated enterprises, seed 7,
# with the udyam, gst and beneficiary feeds, and epfo when the generator
# writes it (then employment is estimated too, docs/impact.md §5). With BENCH_IMPACT_100K=1 a
# second store of 100,000 is measured too.
#
# Ours: `samanvay impact --json` (200 draws: each draw resamples treated
# units and control enterprises, refits the propensity, trims, re-matches
# and re-estimates every scheme, segment and district; plus time to
# benefit). Baselines: the same command with --draws 0 (the point
# estimates alone: load, one fit and one match per scheme), and the sqlite3
# CLI computing the naive aggregate of the same outcome (beneficiaries'
# GST turnover in the 12 months after disbursal over the 12 months before,
# per scheme, with no matching): what the database alone costs. Each side
# runs BENCH_IMPACT_RUNS (1) times (median); rates are enterprises a second,
# ratio ours / baseline (< 1: ours slower, by that factor).
#
# Prints TSV rows for bench/run: name, value, unit, baseline, baseline value, ratio.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
S=${SAMANVAY:-$ROOT/samanvay}
RUNS=${BENCH_IMPACT_RUNS:-1}
OUT=$ROOT/build/bench/impact

say() { echo "bench/impact.sh: $*" >&2; }
now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
fmt() { awk -v x="$1" 'BEGIN { s = sprintf("%.0f", x); o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } print s o }'; }

naive="WITH b AS (SELECT enterprise_id, scheme, substr(disbursed_on, 1, 7) AS m FROM beneficiary
  WHERE enterprise_id IS NOT NULL AND disbursed_on IS NOT NULL)
  SELECT b.scheme, COUNT(DISTINCT b.enterprise_id),
   SUM(CASE WHEN g.period > b.m THEN g.taxable_value_paise ELSE 0 END) * 1.0
   / SUM(CASE WHEN g.period < b.m THEN g.taxable_value_paise ELSE 0 END)
  FROM b JOIN gst_return g ON g.enterprise_id = b.enterprise_id
   AND g.period >= strftime('%Y-%m', date(b.m || '-01', '-12 month'))
   AND g.period <= strftime('%Y-%m', date(b.m || '-01', '+12 month'))
  WHERE g.filed_on IS NOT NULL GROUP BY b.scheme"

time_runs() { # time_runs DIR LABEL COMMAND...: median wall seconds of RUNS runs
    local dir=$1 label=$2 r t0 t1
    shift 2
    for r in $(seq 1 "$RUNS"); do
        t0=$(now); "$@" >"$dir/$label.out" 2>/dev/null; t1=$(now)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }'
    done | median >"$dir/$label.wall"
    say "$label: $(cat "$dir/$label.wall") s"
}

one_size() { # one_size N
    local n=$1 dir=$OUT/$1 db
    db=$dir/samanvay.db
    rm -rf "$dir"
    mkdir -p "$dir"
    say "building a store of $n enterprises"
    "$S" generate --enterprises "$n" --seed 7 --out "$dir/gen" >/dev/null 2>&1
    "$S" init --db "$db" >/dev/null 2>&1
    for f in udyam gst beneficiary epfo; do
        [ -f "$dir/gen/$f.csv" ] || continue
        "$S" ingest --db "$db" "$f" "$dir/gen/$f.csv" --quiet >/dev/null 2>&1
    done
    time_runs "$dir" naive sqlite3 "$db" "$naive"
    time_runs "$dir" point "$S" impact --db "$db" --json --draws 0
    time_runs "$dir" boot "$S" impact --db "$db" --json --draws 200
    local treated
    treated=$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); e = r["employment"].get("schemes", []); print(sum(s["n_treated"] for s in r["schemes"]), sum(1 for s in r["schemes"] if not s["inconclusive"]), sum(s["n_treated"] for s in e))' "$dir/boot.out")
    read -r nt conc ne <<<"$treated"
    say "employment rows: $ne matched treated"
    rate() { awk -v n="$n" -v t="$(cat "$dir/$1.wall")" 'BEGIN { printf "%.0f", n / t }'; }
    ratio() { awk -v a="$(rate "$1")" -v b="$(rate "$2")" 'BEGIN { printf "%.3f", a / b }'; }
    printf 'impact, 200 bootstrap draws, %s enterprises (%s matched treated, %s conclusive schemes; %.1f s)\t%s\tenterprises/s\t%s\t%s\t%s\n' \
        "$(fmt "$n")" "$nt" "$conc" "$(cat "$dir/boot.wall")" "$(rate boot)" \
        "impact --draws 0: point estimates only ($(awk '{ printf "%.2f", $1 }' "$dir/point.wall") s)" "$(rate point)" "$(ratio boot point)"
    printf 'impact, 200 bootstrap draws, %s enterprises\t%s\tenterprises/s\t%s\t%s\t%s\n' \
        "$(fmt "$n")" "$(rate boot)" \
        "sqlite3 CLI: naive after/before turnover per scheme, no matching ($(awk '{ printf "%.2f", $1 }' "$dir/naive.wall") s)" \
        "$(rate naive)" "$(ratio boot naive)"
}

one_size "${BENCH_IMPACT_ENTERPRISES:-20000}"
if [ "${BENCH_IMPACT_100K:-0}" = 1 ]; then
    one_size 100000
fi
