#!/usr/bin/env bash
# bench/clusters.sh: cluster mapping and cluster health over every stored
# enterprise (issue 7, docs/clusters.md), beside the bare SQL they stand on.
#
# Store: the database bench/ingest.sh leaves (every feed loaded), else one
# of BENCH_CLUSTERS_ENTERPRISES (20,000) generated here.
#
# Ours: `samanvay clusters map --json` (the district x NIC group employment
# table, location quotients and stars at two levels, detection, candidates,
# the register placed on it, JSON out) and `samanvay clusters health
# --json` (members' matched-return turnover, SMA stress, joining, CFC
# hours; index, signs, benchmark). Baseline: the sqlite3 CLI running only
# the employment GROUP BY (for map) and only the turnover query (for
# health), printing the rows: what the database alone costs. Each side runs
# BENCH_CLUSTERS_RUNS (3) times; the median wall time is reported as
# enterprises a second (ratio ours / baseline; > 1 is ours faster).
#
# Prints TSV rows for bench/run: name, value, unit, baseline, baseline value, ratio.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
S=${SAMANVAY:-$ROOT/samanvay}
RUNS=${BENCH_CLUSTERS_RUNS:-3}
OUT=$ROOT/build/bench/clusters
DB=$ROOT/build/bench/ingest/ours1/samanvay.db
N=${BENCH_CLUSTERS_ENTERPRISES:-20000}

say() { echo "bench/clusters.sh: $*" >&2; }
now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

rm -rf "$OUT"
mkdir -p "$OUT"
if [ ! -f "$DB" ]; then
    DB=$OUT/samanvay.db
    say "no bench/ingest.sh store; building one of $N enterprises"
    "$S" generate --enterprises "$N" --seed 1 --out "$OUT/gen" >/dev/null 2>&1
    "$S" init --db "$DB" 2>/dev/null
    for f in udyam gst credit cluster cluster_member cfc_usage; do
        "$S" ingest --db "$DB" "$f" "$OUT/gen/$f.csv" --json --quiet >/dev/null
    done
fi
n=$(sqlite3 "$DB" "SELECT count(*) FROM enterprise")
as_of=$(sqlite3 "$DB" "SELECT max(period) FROM gst_return")
year_before=$(sqlite3 "$DB" "SELECT strftime('%Y-%m', date('$as_of-01', '-12 month'))")

time_runs() { # time_runs LABEL COMMAND...: median wall seconds of RUNS runs
    local label=$1 r t0 t1
    shift
    for r in $(seq 1 "$RUNS"); do
        t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }'
    done | median >"$OUT/$label.wall"
    say "$label: $(cat "$OUT/$label.wall") s"
}

employment="SELECT state, upper(district), substr(nic, 1, 3), COUNT(*),
  SUM(COALESCE(employees_male, 0) + COALESCE(employees_female, 0) + COALESCE(employees_other, 0))
  FROM enterprise WHERE district IS NOT NULL AND district <> '' AND length(nic) >= 3
  GROUP BY state, upper(district), substr(nic, 1, 3) ORDER BY 1, 2, 3"
turnover="WITH w AS (SELECT m.cluster_id, c.enterprise_id, SUM(COALESCE(c.taxable_value_paise, 0)) AS cur,
  SUM(COALESCE(p.taxable_value_paise, 0)) AS prev
  FROM cluster_member m JOIN gst_return c ON c.enterprise_id = m.enterprise_id
  JOIN gst_return p ON p.gstin = c.gstin AND p.return_type = c.return_type
   AND p.period = CAST(CAST(substr(c.period, 1, 4) AS INTEGER) - 1 AS TEXT) || substr(c.period, 5)
  WHERE c.period > '$year_before' AND c.period <= '$as_of' AND c.filed_on IS NOT NULL AND p.filed_on IS NOT NULL
  GROUP BY m.cluster_id, c.enterprise_id)
  SELECT cluster_id, COUNT(*), SUM(cur), SUM(prev) FROM w WHERE prev > 0 GROUP BY cluster_id"
time_runs map_sql sqlite3 "$DB" "$employment"
time_runs map "$S" clusters map --db "$DB" --json
time_runs health_sql sqlite3 "$DB" "$turnover"
time_runs health "$S" clusters health --db "$DB" --json
summary=$("$S" clusters map --db "$DB" --json | python3 -c 'import json, sys; s = json.load(sys.stdin)["summary"]; print(s["detected"], s["candidates"], s["registered"], s["registered_specialised"])')
sick=$("$S" clusters health --db "$DB" --json | python3 -c 'import json, sys; s = json.load(sys.stdin)["summary"]; print(s["with_index"], s["sick"])')
read -r detected candidates registered specialised <<<"$summary"
read -r with_index n_sick <<<"$sick"

rate() { awk -v n="$n" -v t="$(cat "$OUT/$1.wall")" 'BEGIN { printf "%.0f", n / t }'; }
fmt() { awk -v x="$1" 'BEGIN { s = sprintf("%.0f", x); o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } print s o }'; }
row() { # row NAME LABEL BASELINE-LABEL BASELINE-WORDS
    printf '%s\t%s\tenterprises/s\t%s\t%s\t%s\n' "$1" "$(rate "$2")" "$4" "$(rate "$3")" \
        "$(awk -v a="$(rate "$2")" -v b="$(rate "$3")" 'BEGIN { printf "%.2f", a / b }')"
}
row "clusters map of $(fmt "$n") enterprises ($detected detected, $candidates candidates, $specialised of $registered registered found as specialisations)" \
    map map_sql "sqlite3 CLI: the district x NIC group employment GROUP BY alone"
row "clusters health of $registered registered clusters ($with_index with an index, $n_sick sick), per enterprise stored" \
    health health_sql "sqlite3 CLI: the members' matched-return turnover query alone"
