#!/usr/bin/env bash
# bench/scale.sh: the scale run (issue 10, `make bench-scale`; not part of
# `make check` or CI). N generated enterprises with 36 months of GST returns
# and credit records go through the whole pipeline, first on SQLite and then
# on PostgreSQL:
#
#   generate   samanvay generate (once; both backends load the same files)
#   init       samanvay init
#   ingest     samanvay ingest, every feed that names its enterprise by an
#              identifier (udyam gst credit cluster cluster_member cfc_usage
#              energy epfo consent)
#   link       samanvay ingest skilling and beneficiary: their rows are
#              loaded and then the record linker places the rows that carry
#              no identifier on file against every enterprise (the linker
#              runs inside ingest, docs/linkage.md, so this stage is both)
#   eligibility  samanvay eligible --db: the whole catalogue over every
#              enterprise in the store (the batch evaluator, src/rules/batch.c)
#   stress     samanvay stress train, then samanvay stress score
#   clusters   samanvay clusters map
#   overlap    samanvay overlap --awareness
#
# Each stage is timed on the wall clock; its peak memory is the largest
# maximum RSS (/usr/bin/time -v) of its processes, the client's only: on
# PostgreSQL the server's memory is separate and not counted. The database
# size is taken after each stage: the SQLite file with its -wal and -shm, or
# pg_database_size. PostgreSQL is a throwaway server this script starts with
# `scripts/pg-temp start DIR durable` (fsync on, PostgreSQL's defaults) and
# stops at the end.
#
# Prints one Markdown table (stage × backend) on stdout and writes it to
# build/bench/scale.md. On a terminal a progress line shows the stage.
#
#   bench/scale.sh    SAMANVAY (./samanvay), SCALE_ENTERPRISES (1000000),
#                     SCALE_SEED (1), SCALE_BACKENDS ("sqlite postgresql"),
#                     SCALE_DIR (build/bench/scale; the feeds and stores, kept),
#                     SCALE_REPORT_ONLY=1 (print the table of the runs in SCALE_DIR again,
#                     running nothing)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
S=${SAMANVAY:-$ROOT/samanvay}
N=${SCALE_ENTERPRISES:-1000000}
SEED=${SCALE_SEED:-1}
BACKENDS=${SCALE_BACKENDS:-sqlite postgresql}
DIR=${SCALE_DIR:-$ROOT/build/bench/scale}
TABLE=$ROOT/build/bench/scale.md
TIME=/usr/bin/time
INGEST_FEEDS=(udyam gst credit cluster cluster_member cfc_usage energy epfo consent)
LINK_FEEDS=(skilling beneficiary)

case "$N" in '' | *[!0-9]*) echo "bench/scale.sh: SCALE_ENTERPRISES must be a number" >&2; exit 2 ;; esac
for tool in "$TIME" python3; do
    command -v "$tool" >/dev/null || { echo "bench/scale.sh: $tool is missing (scripts/deps.txt)" >&2; exit 1; }
done
[ -x "$S" ] || { echo "bench/scale.sh: no binary at $S (run make)" >&2; exit 1; }

TTY=0
[ -t 2 ] && TTY=1
T_START=$(date +%s)
progress() { # one line, rewritten in place on a terminal; a log line otherwise
    if [ "$TTY" = 1 ]; then
        printf '\r\033[Kscale: %s elapsed %ss  %s' "$N" "$(($(date +%s) - T_START))" "$*" >&2
    else
        echo "bench/scale.sh: $*" >&2
    fi
}
fail() {
    [ "$TTY" = 1 ] && echo >&2
    echo "bench/scale.sh: $*" >&2
    exit 1
}
now() { date +%s.%N; }

# run STAGE_DIR NAME CMD...: one process under /usr/bin/time -v; its report
# goes to STAGE_DIR/NAME.time, its stdout to NAME.out, its stderr to NAME.err.
run() {
    local d=$1 name=$2
    shift 2
    "$TIME" -v -o "$d/$name.time" "$@" >"$d/$name.out" 2>"$d/$name.err" \
        || fail "$name failed: $* (see $d/$name.err: $(tail -c 300 "$d/$name.err"))"
}

# stage_done RESULT_DIR STAGE T0: the stage's wall seconds, peak RSS (the
# largest of its processes' reports) and the store's size, one file each.
stage_done() {
    local r=$1 stage=$2 t0=$3 t1
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", b - a }' >"$r/$stage.seconds"
    awk '/Maximum resident set size/ { if ($NF > m) m = $NF } END { print m + 0 }' \
        "$r/$stage".*.time >"$r/$stage.rss_kb"
    db_size >"$r/$stage.bytes"
}

db_size() {
    case "$BACKEND" in
    none) echo 0 ;;
    sqlite) # the -wal and -shm files exist only while a connection is open
        local f total=0
        for f in "$DB" "$DB-wal" "$DB-shm"; do
            [ -f "$f" ] && total=$((total + $(stat -c %s "$f")))
        done
        echo "$total"
        ;;
    postgresql) psql -X -d "$PGDB" -Atc "SELECT pg_database_size(current_database())" ;;
    esac
}

db_count() { # db_count TABLE
    case "$BACKEND" in
    sqlite) python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM " + sys.argv[2]).fetchone()[0])' "$DB" "$1" ;;
    postgresql) psql -X -d "$PGDB" -Atc "SELECT count(*) FROM $1" ;;
    esac
}

# rows read by the ingest processes of FEEDS... in result dir R
ingest_rows() {
    local r=$1 f total=0
    shift
    for f in "$@"; do
        total=$((total + $(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["rows"])' "$r/$f.out")))
    done
    echo "$total"
}

# --- 1. the feeds --------------------------------------------------------
mkdir -p "$DIR" "$(dirname "$TABLE")"
GEN=$DIR/gen
G=$DIR/generate
mkdir -p "$G"
if [ "${SCALE_REPORT_ONLY:-0}" = 1 ]; then
    [ -f "$GEN/manifest.json" ] || fail "no run in $DIR"
elif [ -f "$GEN/manifest.json" ] && python3 -c 'import json, sys; m = json.load(open(sys.argv[1])); sys.exit(not (m["enterprises"] == int(sys.argv[2]) and m["seed"] == int(sys.argv[3])))' \
    "$GEN/manifest.json" "$N" "$SEED" && [ -f "$G/generate.seconds" ]; then
    progress "generate: reusing $GEN"
else
    rm -rf "$GEN"
    progress "generate $N enterprises"
    t0=$(now)
    run "$G" generate.1 "$S" generate --enterprises "$N" --seed "$SEED" --out "$GEN"
    BACKEND=none stage_done "$G" generate "$t0"
    du -sb "$GEN" | cut -f1 >"$G/generate.bytes"
fi
GEN_ROWS=$(python3 -c 'import json, sys; print(sum(json.load(open(sys.argv[1]))["rows"].values()))' "$GEN/manifest.json")
MONTHS=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["window"]["months"])' "$GEN/manifest.json")

# --- 2. the pipeline on one backend ---------------------------------------
pipeline() { # pipeline RESULT_DIR
    local r=$1 t0 f n_ent
    rm -rf "$r"
    mkdir -p "$r"
    progress "$BACKEND: init"
    t0=$(now)
    run "$r" init.1 "$S" init --db "$DB"
    stage_done "$r" init "$t0"

    t0=$(now)
    for f in "${INGEST_FEEDS[@]}"; do
        progress "$BACKEND: ingest $f"
        run "$r" "ingest.$f" "$S" ingest --db "$DB" "$f" "$GEN/$f.csv" --json --quiet
        cp "$r/ingest.$f.out" "$r/$f.out"
    done
    stage_done "$r" ingest "$t0"
    ingest_rows "$r" "${INGEST_FEEDS[@]}" >"$r/ingest.rows"

    t0=$(now)
    for f in "${LINK_FEEDS[@]}"; do
        progress "$BACKEND: ingest and link $f"
        run "$r" "link.$f" "$S" ingest --db "$DB" "$f" "$GEN/$f.csv" --json --quiet
        cp "$r/link.$f.out" "$r/$f.out"
    done
    stage_done "$r" link "$t0"
    ingest_rows "$r" "${LINK_FEEDS[@]}" >"$r/link.rows"

    n_ent=$(db_count enterprise)
    echo "$n_ent" >"$r/enterprises"
    for f in eligibility stress clusters overlap; do echo "$n_ent" >"$r/$f.rows"; done

    progress "$BACKEND: batch eligibility"
    t0=$(now)
    run "$r" eligibility.1 "$S" eligible --db "$DB" --json
    stage_done "$r" eligibility "$t0"

    progress "$BACKEND: stress train"
    t0=$(now)
    run "$r" stress.train "$S" stress train --db "$DB" --json --quiet
    progress "$BACKEND: stress score"
    run "$r" stress.score "$S" stress score --db "$DB" --json --quiet
    stage_done "$r" stress "$t0"

    progress "$BACKEND: clusters map"
    t0=$(now)
    run "$r" clusters.1 "$S" clusters map --db "$DB" --json
    stage_done "$r" clusters "$t0"

    progress "$BACKEND: overlap"
    t0=$(now)
    run "$r" overlap.1 "$S" overlap --db "$DB" --awareness --json
    stage_done "$r" overlap "$t0"

    progress "$BACKEND: table sizes"
    table_sizes >"$r/tables.tsv"
}

# Every table's rows and bytes with its indexes (tab-separated, largest
# first), for the per-row arithmetic of docs/scaling.md.
table_sizes() {
    case "$BACKEND" in
    sqlite)
        python3 - "$DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
size = dict(c.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"))
rows = []
for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
    idx = [i for (i,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (t,))]
    n = c.execute('SELECT count(*) FROM "%s"' % t).fetchone()[0]
    rows.append((t, n, size.get(t, 0) + sum(size.get(i, 0) for i in idx)))
for t, n, b in sorted(rows, key=lambda r: -r[2]):
    print(f"{t}\t{n}\t{b}")
PY
        ;;
    postgresql) # reltuples after ANALYZE: an estimate from a sample, close enough for bytes a row
        psql -X -q -d "$PGDB" -c "ANALYZE"
        # a partitioned table (migration 0025) counts as the sum of its partitions
        psql -X -d "$PGDB" -At -F $'\t' -c "SELECT COALESCE(pg_partition_root(c.oid)::regclass::text, c.relname) t,
                SUM(GREATEST(c.reltuples, 0))::bigint, SUM(pg_total_relation_size(c.oid))
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname = 'public' GROUP BY 1 ORDER BY 3 DESC"
        ;;
    esac
}

PG_DIR=$DIR/pg
pg_stop() { [ -d "$PG_DIR" ] && "$ROOT/scripts/pg-temp" stop "$PG_DIR" || true; }

for BACKEND in $BACKENDS; do
    [ "${SCALE_REPORT_ONLY:-0}" = 1 ] && break
    case "$BACKEND" in
    sqlite)
        DB=$DIR/sqlite/samanvay.db
        rm -rf "$DIR/sqlite"
        mkdir -p "$DIR/sqlite"
        ;;
    postgresql)
        command -v psql >/dev/null || fail "psql is missing (apt-get install postgresql)"
        pg_stop
        trap pg_stop EXIT
        progress "postgresql: starting a durable throwaway server in $PG_DIR"
        eval "$("$ROOT/scripts/pg-temp" start "$PG_DIR" durable)"
        PGDB=scale
        psql -X -q -d postgres -c "CREATE DATABASE $PGDB" || fail "CREATE DATABASE failed"
        DB=postgresql:///$PGDB
        ;;
    *) fail "unknown backend '$BACKEND' (sqlite|postgresql)" ;;
    esac
    pipeline "$DIR/result.$BACKEND"
    if [ "$BACKEND" = postgresql ]; then
        pg_stop
        trap - EXIT
    fi
done
[ "$TTY" = 1 ] && printf '\r\033[K' >&2

# --- 3. the table -----------------------------------------------------------
python3 - "$DIR" "$N" "$SEED" "$GEN_ROWS" "$MONTHS" "$TABLE" $BACKENDS <<'EOF'
import os, sys, platform, datetime
d, n, seed, gen_rows, months, table = sys.argv[1:7]
backends = sys.argv[7:]
names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
stages = [
    ("generate", "generate (all feeds, files)"),
    ("init", "init (schema)"),
    ("ingest", "ingest: udyam gst credit cluster cluster_member cfc_usage energy epfo consent"),
    ("link", "link: skilling + beneficiary ingest with the record-linkage pass"),
    ("eligibility", "batch eligibility (`eligible --db`, whole catalogue)"),
    ("stress", "stress train + score"),
    ("clusters", "cluster map (`clusters map`)"),
    ("overlap", "overlap (`overlap --awareness`)"),
]
def read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None
def mb(b):
    return "" if b is None else f"{int(b) / 1e6:,.0f} MB"
def cpu_seconds(r, stage):
    """user + system seconds of the stage's processes (the client's only)"""
    total = 0.0
    for name in os.listdir(r):
        if name.startswith(stage + ".") and name.endswith(".time"):
            for line in open(os.path.join(r, name)):
                if line.strip().startswith(("User time", "System time")):
                    total += float(line.rsplit(":", 1)[1])
    return f"{total:.1f}"
def cells(r, stage):
    sec = read(f"{r}/{stage}.seconds")
    if sec is None:
        return ["—"] * 5
    rss_kb = read(f"{r}/{stage}.rss_kb")
    rows = read(f"{r}/{stage}.rows")
    rate = ""
    if rows and float(sec) > 0:
        unit = "rows/s" if stage in ("generate", "ingest", "link") else "ent/s"
        rate = f"{int(rows) / float(sec):,.0f} {unit}"
    return [sec, cpu_seconds(r, stage), rate, mb(int(rss_kb) * 1000) if rss_kb else "", mb(read(f"{r}/{stage}.bytes"))]
with open(f"{d}/generate/generate.rows", "w") as f:
    f.write(gen_rows + "\n")
out = []
cpu = ""
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass
mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
load = open("/proc/loadavg").read().split()[:3]
out.append(f"Scale run, {datetime.date.today().isoformat()}: {int(n):,} generated enterprises (seed {seed}), "
           f"{months} months of GST returns and credit records, {int(gen_rows):,} feed rows. "
           f"Machine: {os.cpu_count()} CPUs ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}.")
out.append("")
head = ["stage"]
rule = ["---"]
for b in backends:
    nm = names.get(b, b)
    head += [f"{nm} s", f"{nm} CPU s", f"{nm} rate", f"{nm} peak RSS", f"{nm} DB size"]
    rule += ["---:"] * 5
out.append("| " + " | ".join(head) + " |")
out.append("|" + "|".join(rule) + "|")
for stage, label in stages:
    row = [label]
    for b in backends:
        r = f"{d}/generate" if stage == "generate" else f"{d}/result.{b}"
        c = cells(r, stage)
        if stage == "generate":
            c[4] = mb(read(f"{d}/generate/generate.bytes")) + " of CSV"
        row += c
    out.append("| " + " | ".join(row) + " |")
ents = [read(f"{d}/result.{b}/enterprises") for b in backends]
out.append("")
out.append("Seconds are wall-clock per stage; CPU s is the user + system time of the stage's samanvay processes "
           "(on PostgreSQL the server's CPU is not in it), the figure to compare on a shared machine "
           f"(load average when the table was made: {' '.join(load)}); rate is feed rows read per second (generate: rows written) or "
           "enterprises in the store per second (" + ", ".join(f"{names.get(b, b)}: {int(e):,}" for b, e in zip(backends, ents) if e) + "). "
           "Peak RSS is the largest maximum RSS of the stage's samanvay processes (/usr/bin/time -v); "
           "on PostgreSQL the server's own memory is separate and not counted. DB size is taken after the stage: "
           "the SQLite file with its -wal and -shm, or pg_database_size. The generate row is shared by both backends.")
text = "\n".join(out) + "\n"
with open(table, "w") as f:
    f.write(text)
sys.stdout.write(text)
EOF
