#!/usr/bin/env bash
# bench/ingest.sh: every feed of BENCH_INGEST_ENTERPRISES (20,000) generated
# enterprises ingested and linked into one fresh database, beside sqlite3's
# plain `.import --csv` of the same files into a fresh database (issue 5).
#
# Ours: `samanvay init`, then `samanvay ingest --json --quiet` per feed in
# the order the demo loads them, each under /usr/bin/time -v for its peak
# RSS. Skilling and beneficiary ingest run the record linker after loading
# (their unlinked rows against every enterprise on file), so their time
# includes linking. Baseline: sqlite3 `.import --csv` of each file into a
# plain table it creates from the header, one transaction per file: no
# validation, no keys, no linking. Both sides are timed as whole processes
# on the wall clock. The pipeline runs BENCH_INGEST_RUNS (5) times on fresh
# databases and the run with the median total is reported, each side's.
#
# Prints TSV rows for bench/run on stdout (name, value, unit, baseline,
# baseline value, ratio; ratio baseline seconds / ours, so > 1 is ours
# faster, as every other bench/run row); the per-feed table, whose ratio is
# ours / import in seconds (> 1 is ours slower), goes to stderr and to
# build/bench/ingest/results.md.
#
#   bench/ingest.sh         SAMANVAY (./samanvay), BENCH_INGEST_ENTERPRISES (20000),
#                           BENCH_INGEST_RUNS (5)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
S=${SAMANVAY:-$ROOT/samanvay}
N=${BENCH_INGEST_ENTERPRISES:-20000}
RUNS=${BENCH_INGEST_RUNS:-5}
OUT=$ROOT/build/bench/ingest
FEEDS=(udyam gst credit skilling cluster cluster_member cfc_usage beneficiary)
TIME=/usr/bin/time

for tool in "$TIME" sqlite3 python3; do
    command -v "$tool" >/dev/null || { echo "bench/ingest.sh: $tool is missing (scripts/deps.txt)" >&2; exit 1; }
done
[ -x "$S" ] || { echo "bench/ingest.sh: no binary at $S (run make)" >&2; exit 1; }

say() { echo "bench/ingest.sh: $*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f\n", b - a }'; }

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
rm -rf "$OUT"
mkdir -p "$OUT"

# 1. The feeds, timed as context (the generator has its own row in bench/run).
t0=$(now)
"$S" generate --enterprises "$N" --seed 1 --out "$OUT/gen" >/dev/null 2>&1
t1=$(now)
elapsed "$t0" "$t1" >"$OUT/generate.wall"
say "generated $N enterprises in $(cat "$OUT/generate.wall") s"

# 2. Ours: init, then every feed in order. Each run keeps, per feed, the
#    summary JSON, /usr/bin/time's report and the wall seconds.
run_ours() { # run_ours DIR
    local d=$1 f t0 t1 p0 report
    mkdir -p "$d"
    p0=$(now)
    "$S" init --db "$d/samanvay.db" 2>/dev/null
    for f in "${FEEDS[@]}"; do
        t0=$(now)
        report=()
        case "$f" in skilling | beneficiary) report=(--link-report "$d/$f.link.json") ;; esac
        "$TIME" -v -o "$d/$f.time" "$S" ingest --db "$d/samanvay.db" "$f" "$OUT/gen/$f.csv" \
            --json --quiet "${report[@]}" >"$d/$f.json"
        t1=$(now)
        elapsed "$t0" "$t1" >"$d/$f.wall"
    done
    elapsed "$p0" "$t1" >"$d/pipeline.wall"
}

# 3. Baseline: the same files into one fresh database with the sqlite3 CLI.
run_import() { # run_import DIR
    local d=$1 f t0 t1
    mkdir -p "$d"
    for f in "${FEEDS[@]}"; do
        t0=$(now)
        "$TIME" -v -o "$d/$f.time" sqlite3 "$d/import.db" "BEGIN" ".import --csv $OUT/gen/$f.csv $f" "COMMIT"
        t1=$(now)
        elapsed "$t0" "$t1" >"$d/$f.wall"
        sqlite3 "$d/import.db" "SELECT count(*) FROM \"$f\"" >"$d/$f.rows"
    done
}

for r in $(seq 1 "$RUNS"); do
    run_ours "$OUT/ours$r"
    run_import "$OUT/import$r"
    say "run $r of $RUNS: ours $(cat "$OUT/ours$r/pipeline.wall") s, import" \
        "$(cat "$OUT"/import"$r"/*.wall | awk '{ s += $1 } END { printf "%.3f", s }') s"
done

# 4. The counts the linker was given, from the reported run's database, and the table.
machine="$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(. /etc/os-release; echo "$PRETTY_NAME"), $(sqlite3 --version | cut -d' ' -f1) SQLite, $(df -T "$OUT" | awk 'NR == 2 { print $2 }')"

python3 - "$OUT" "$RUNS" "$N" "$machine" "$LOAD_AT_START" "${FEEDS[@]}" <<'PY'
import json, os, re, sqlite3, statistics, sys

out, runs, n, machine, load = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
feeds = sys.argv[6:]

def read(path):
    with open(path) as f:
        return f.read().strip()

def peak_kib(path):
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", read(path))
    if not m:
        sys.exit("bench/ingest.sh: no peak RSS in " + path)
    return int(m.group(1))

def median_run(prefix):
    """The run whose total of feed seconds is the median (the lower one of an even count)."""
    totals = [(sum(float(read(f"{out}/{prefix}{r}/{f}.wall")) for f in feeds), r)
              for r in range(1, runs + 1)]
    totals.sort()
    return totals[(len(totals) - 1) // 2][1], [t for t, _ in totals]

ours_run, ours_totals = median_run("ours")
imp_run, imp_totals = median_run("import")
od, idir = f"{out}/ours{ours_run}", f"{out}/import{imp_run}"

db = sqlite3.connect(f"file:{od}/samanvay.db?mode=ro", uri=True)
enterprises = db.execute("SELECT count(*) FROM enterprise").fetchone()[0]
# Rows the linker was given: those no identifier placed (linked by it, or left unmatched).
given = {
    "skilling": db.execute("SELECT count(*) FROM skilling_record"
                           " WHERE link_method IN ('probabilistic', 'none')").fetchone()[0],
    "beneficiary": db.execute("SELECT count(*) FROM beneficiary"
                              " WHERE link_method IN ('probabilistic', 'none')").fetchone()[0],
}
by_linker = {
    "skilling": db.execute("SELECT count(*) FROM skilling_record WHERE link_method = 'probabilistic'"
                           " AND enterprise_id IS NOT NULL").fetchone()[0],
    "beneficiary": db.execute("SELECT count(*) FROM beneficiary WHERE link_method = 'probabilistic'"
                              " AND enterprise_id IS NOT NULL").fetchone()[0],
}
db.close()

def num(x):
    return f"{x:,.0f}"

rows, tsv = [], []
tot_ours = tot_imp = tot_rows = 0.0
peak_all = 0
for f in feeds:
    j = json.loads(read(f"{od}/{f}.json"))
    if f == "beneficiary" and j.get("linked_by_linker") != by_linker[f]:
        sys.exit(f"bench/ingest.sh: beneficiary linked_by_linker {j.get('linked_by_linker')}"
                 f" in the summary, {by_linker[f]} in the database")
    imported = int(read(f"{idir}/{f}.rows"))
    if imported != j["rows"]:
        sys.exit(f"bench/ingest.sh: {f}: we read {j['rows']} rows, sqlite3 imported {imported}")
    ours, imp = float(read(f"{od}/{f}.wall")), float(read(f"{idir}/{f}.wall"))
    kib, imp_kib = peak_kib(f"{od}/{f}.time"), peak_kib(f"{idir}/{f}.time")
    tot_ours, tot_imp, tot_rows = tot_ours + ours, tot_imp + imp, tot_rows + j["rows"]
    peak_all = max(peak_all, kib)
    rss = kib * 1024
    linker = num(by_linker[f]) if f in by_linker else ""
    rows.append(f"| {f} | {num(j['rows'])} | {num(j['loaded'])} | {num(j['quarantined'])}"
                f" | {num(j['linked'])} | {linker} | {j['seconds']:.3f} | {ours:.3f} | {imp:.3f}"
                f" | {ours / imp:.2f} | {num(j['rows'] / ours)} | {rss / 1e6:.1f} | {num(rss / j['rows'])}"
                f" | {imp_kib * 1024 / 1e6:.1f} |")
    tsv.append(f"ingest and link {f} of {n:,} enterprises ({j['rows']:,} rows, {j['quarantined']:,}"
               f" quarantined, {j['linked']:,} linked{', ' + linker + ' by the record linker' if linker else ''};"
               f" peak RSS {rss / 1e6:.1f} MB, {rss / j['rows']:,.0f} bytes/row)\t{ours:.3f}\ts"
               f"\tsqlite3 .import --csv of the same file (plain table, one transaction)\t{imp:.3f}"
               f"\t{imp / ours:.2f}")

pipeline = float(read(f"{od}/pipeline.wall"))
rows.append(f"| **all feeds** | {num(tot_rows)} | | | | | | {tot_ours:.3f} | {tot_imp:.3f}"
            f" | {tot_ours / tot_imp:.2f} | {num(tot_rows / tot_ours)} | {peak_all * 1024 / 1e6:.1f} (max) | | |")
tsv.append(f"ingest and link every feed of {n:,} enterprises ({tot_rows:,.0f} rows, 8 files, the sum of"
           f" the per-feed processes; init and all eight end to end: {pipeline:.1f} s)\t{tot_ours:.3f}\ts\tsqlite3 .import --csv of the same files\t{tot_imp:.3f}"
           f"\t{tot_imp / tot_ours:.2f}")

linked_lines = []
for f in ("skilling", "beneficiary"):
    rss = peak_kib(f"{od}/{f}.time") * 1024
    records = given[f] + enterprises
    rep = json.loads(read(f"{od}/{f}.link.json"))
    # Beneficiary rows are also tried with the two names swapped: two left records a row.
    if rep["right_records"] != enterprises or rep["left_records"] not in (given[f], 2 * given[f]):
        sys.exit(f"bench/ingest.sh: {f}: the linker read {rep['left_records']} x {rep['right_records']},"
                 f" the database says {given[f]} rows x {enterprises} enterprises")
    swapped = (f" ({num(rep['left_records'])} left records: each row as written and with its names"
               " swapped)" if rep["left_records"] != given[f] else "")
    phases = sum(rep["seconds"].values())
    linked_lines.append(f"- {f}: peak RSS {rss / 1e6:.1f} MB / ({num(given[f])} unlinked rows given to"
                        f" the linker{swapped} + {num(enterprises)} enterprises on file) ="
                        f" **{num(rss / records)} bytes per linked record**; the linker placed"
                        f" {num(by_linker[f])} of the {num(given[f])} ({num(rep['candidate_pairs'])}"
                        f" candidate pairs; blocking, comparing, EM, scoring and assignment took"
                        f" {phases:.3f} s of the feed's {float(read(f'{od}/{f}.wall')):.3f} s)")

spread = lambda ts: ", ".join(f"{t:.2f}" for t in ts)
md = "\n".join([
    f"Machine: {machine}",
    "",
    f"Command: `bench/ingest.sh` ({n:,} enterprises, seed 1; generating the feeds took"
    f" {float(read(out + '/generate.wall')):.2f} s). Run {ours_run} of {runs} reported for ours and"
    f" {imp_run} for the import, each the median total (ours over the runs: {spread(ours_totals)} s;"
    f" import: {spread(imp_totals)} s). Load average before the run: {load} (anything else running"
    " slows both sides).",
    "",
    "| feed | rows | loaded | quarantined | linked | by the linker | ingest's own seconds |"
    " ours, wall s | sqlite3 `.import`, wall s | ours ÷ import (time) | our rows/s | our peak RSS MB |"
    " bytes/row | `.import` peak RSS MB |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    *rows,
    "",
    f"**{n:,} enterprises, every feed ingested and linked: {pipeline:.1f} s** (`init` and the eight"
    f" `ingest` processes, end to end; {num(enterprises)} enterprises on file after).",
    "",
    "Bytes per linked record, peak RSS of the ingest process ÷ (unlinked rows given to the linker"
    " + enterprises on file):",
    "",
    *linked_lines,
])
with open(f"{out}/results.md", "w") as fh:
    fh.write(md + "\n")
print(md, file=sys.stderr)
print("\n".join(tsv))
PY
