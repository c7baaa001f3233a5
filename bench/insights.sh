#!/usr/bin/env bash
# bench/insights.sh: sector benchmarks and cluster totals (issue 8) over a
# generated store, beside a plain sqlite3 aggregate of the same figures.
#
# Ours: `samanvay sustainability --clusters --json` as a whole process:
# every energy declaration read with its enterprise's NIC division and
# turnover, each enterprise's footprint with the cited factors (latest
# year, the portal's word before a feed's), intensity quartiles by NIC
# division with the small-cell rule, and every registered cluster's total.
# Baseline: one sqlite3 process running the same arithmetic in SQL (a CTE
# picks each enterprise's latest year and one row per source, multiplies by
# a constant factor per source, window functions give each division's
# median and quartiles by rank, and a join sums cluster members); no
# factor table, no source text, no JSON. Also timed, as context: one
# enterprise's whole `samanvay insights --json` (peers, percentiles,
# procurement, fairs, footprint, benchmark rank, ESG, green schemes), for
# an enterprise of a large NIC group and one of a small group, beside the
# same binary on a copy of the store without the index enterprise_nic
# (migration 0021): the plan before it, every enterprise scanned for the
# NIC group and for the division.
#
# Prints TSV rows (name, value, unit, baseline, baseline value, ratio =
# baseline seconds / ours, so > 1 is ours faster); the median of
# BENCH_INSIGHTS_RUNS (5) runs each.
#
#   bench/insights.sh    SAMANVAY (./samanvay), BENCH_INSIGHTS_ENTERPRISES ("20000"; a
#                        space-separated list runs each size), BENCH_INSIGHTS_RUNS (5)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
S=${SAMANVAY:-$ROOT/samanvay}
SIZES=${BENCH_INSIGHTS_ENTERPRISES:-20000}
RUNS=${BENCH_INSIGHTS_RUNS:-5}
OUT=$ROOT/build/bench/insights

for tool in sqlite3 python3; do
    command -v "$tool" >/dev/null || { echo "bench/insights.sh: $tool is missing" >&2; exit 1; }
done
[ -x "$S" ] || { echo "bench/insights.sh: no binary at $S (run make)" >&2; exit 1; }
say() { echo "bench/insights.sh: $*" >&2; }
now() { date +%s.%N; }
secs() { local t0 t1; t0=$(now); "$@" >/dev/null 2>&1; t1=$(now); awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The factors of data/ for FY 2024-25 (kgCO2 per declared unit), as constants.
BASELINE_SQL="
WITH f(source, k) AS (VALUES ('electricity', 0.7117), ('diesel', 3.186), ('lpg', 63.1),
                             ('natural_gas', 56.1), ('coal', 94.6)),
latest AS (SELECT enterprise_id, MAX(fiscal_year) AS fy FROM energy_declaration GROUP BY 1),
pick AS (SELECT d.enterprise_id, d.source, d.quantity_milli,
                ROW_NUMBER() OVER (PARTITION BY d.enterprise_id, d.source
                                   ORDER BY d.origin = 'portal' DESC, d.declared_at DESC) AS rn
         FROM energy_declaration d JOIN latest l
           ON l.enterprise_id = d.enterprise_id AND l.fy = d.fiscal_year),
u AS (SELECT p.enterprise_id, SUM(p.quantity_milli / 1000.0 * f.k) / 1000.0 AS t
      FROM pick p JOIN f ON f.source = p.source WHERE rn = 1 GROUP BY 1),
i AS (SELECT substr(e.nic, 1, 2) AS dv, u.t / (e.turnover_paise / 1e7) AS x
      FROM u JOIN enterprise e ON e.id = u.enterprise_id WHERE e.turnover_paise > 0),
r AS (SELECT dv, x, ROW_NUMBER() OVER (PARTITION BY dv ORDER BY x) AS rn,
             COUNT(*) OVER (PARTITION BY dv) AS n FROM i)
SELECT dv, n, MAX(CASE WHEN rn = (n + 3) / 4 THEN x END), MAX(CASE WHEN rn = (n + 1) / 2 THEN x END),
       MAX(CASE WHEN rn = (3 * n + 3) / 4 THEN x END) FROM r GROUP BY dv HAVING n >= 5;
WITH f(source, k) AS (VALUES ('electricity', 0.7117), ('diesel', 3.186), ('lpg', 63.1),
                             ('natural_gas', 56.1), ('coal', 94.6)),
latest AS (SELECT enterprise_id, MAX(fiscal_year) AS fy FROM energy_declaration GROUP BY 1),
u AS (SELECT d.enterprise_id, SUM(d.quantity_milli / 1000.0 * f.k) / 1000.0 AS t
      FROM energy_declaration d JOIN latest l ON l.enterprise_id = d.enterprise_id AND l.fy = d.fiscal_year
      JOIN f ON f.source = d.source GROUP BY 1)
SELECT m.cluster_id, COUNT(u.t), CASE WHEN COUNT(u.t) >= 5 THEN SUM(u.t) END
FROM cluster_member m LEFT JOIN u ON u.enterprise_id = m.enterprise_id GROUP BY 1;"

for N in $SIZES; do
    D=$OUT/$N
    rm -rf "$D"; mkdir -p "$D"
    "$S" generate --enterprises "$N" --seed 1 --out "$D/gen" >/dev/null 2>&1
    "$S" init --db "$D/s.db" 2>/dev/null
    for f in udyam gst cluster cluster_member energy; do
        "$S" ingest --db "$D/s.db" $f "$D/gen/$f.csv" --quiet >/dev/null 2>&1
    done
    decl=$(sqlite3 "$D/s.db" "SELECT COUNT(*) FROM energy_declaration")
    say "$N enterprises: $decl declarations"
    ID=$(sqlite3 "$D/s.db" "SELECT enterprise_id FROM energy_declaration ORDER BY enterprise_id LIMIT 1 OFFSET 7")
    # Warm the page cache once, then time.
    "$S" sustainability --db "$D/s.db" --clusters --json >/dev/null
    ours=$(for _ in $(seq "$RUNS"); do secs "$S" sustainability --db "$D/s.db" --clusters --json; done | median)
    base=$(for _ in $(seq "$RUNS"); do secs sqlite3 "$D/s.db" "$BASELINE_SQL"; done | median)
    printf 'insights_benchmarks_%s\t%s\ts\tsqlite3_window_aggregate\t%s\t%s\n' "$N" "$ours" "$base" \
        "$(awk -v b="$base" -v o="$ours" 'BEGIN { printf "%.2f", b / o }')"
    # One enterprise, with and without enterprise_nic; runs interleaved so
    # both see the same load.
    cp "$D/s.db" "$D/noidx.db"
    sqlite3 "$D/noidx.db" "DROP INDEX enterprise_nic"
    SMALL=$(sqlite3 "$D/s.db" "SELECT MIN(d.enterprise_id) FROM energy_declaration d JOIN enterprise e
        ON e.id = d.enterprise_id WHERE substr(e.nic, 1, 3) = (SELECT substr(nic, 1, 3) FROM enterprise
        WHERE nic IS NOT NULL GROUP BY 1 HAVING COUNT(*) >= 50 ORDER BY COUNT(*), 1 LIMIT 1)")
    for who in "large_group:$ID" "small_group:$SMALL"; do
        id=${who#*:}
        say "$N enterprises, ${who%%:*}: enterprise $id, NIC group of $(sqlite3 "$D/s.db" \
            "SELECT COUNT(*) FROM enterprise WHERE substr(nic, 1, 3) = (SELECT substr(nic, 1, 3) FROM enterprise WHERE id = $id)")"
        "$S" insights --db "$D/s.db" --enterprise "$id" --json >/dev/null
        "$S" insights --db "$D/noidx.db" --enterprise "$id" --json >/dev/null
        for _ in $(seq "$RUNS"); do
            echo "$(secs "$S" insights --db "$D/s.db" --enterprise "$id" --json) $(secs "$S" insights --db "$D/noidx.db" --enterprise "$id" --json)"
        done >"$D/one.txt"
        one=$(cut -d' ' -f1 "$D/one.txt" | median)
        scan=$(cut -d' ' -f2 "$D/one.txt" | median)
        printf 'insights_one_enterprise_%s_%s\t%s\ts\twithout_enterprise_nic\t%s\t%s\n' "${who%%:*}" "$N" \
            "$one" "$scan" "$(awk -v b="$scan" -v o="$one" 'BEGIN { printf "%.2f", b / o }')"
    done
done
