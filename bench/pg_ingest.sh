#!/usr/bin/env bash
# bench/pg_ingest.sh OURS_DB COPY_DB FEED FILE: one feed ingested into a
# Samanvay store on PostgreSQL, beside psql's plain `\copy` of the same
# file into a plain table of text columns (named from the header) in
# another database of the same server. Prints one TSV row for bench/run
# (name, value, unit, baseline, baseline value, ratio; rows/s, so the
# ratio ours / baseline > 1 is ours faster).
#
# The server is bench/run's (scripts/pg-temp ... durable): PGHOST, PGPORT
# and PGUSER come from the environment. OURS_DB must already hold an
# initialised store (`samanvay init --db postgresql:///OURS_DB`) with the
# feeds this one refers to (GST rows name the Udyam enterprises). Both
# sides are timed as whole processes on the wall clock, so the client's
# start and the table's creation count on both.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
S=${SAMANVAY:-$ROOT/samanvay}
[ $# = 4 ] || { echo "usage: bench/pg_ingest.sh OURS_DB COPY_DB FEED FILE" >&2; exit 2; }
ours_db=$1 copy_db=$2 feed=$3 file=$4
now() { date +%s.%N; }
say() { echo "bench/pg_ingest.sh: $*" >&2; }

# Ours: validation, quarantine, linking and upserts with provenance.
out=$(mktemp)
trap 'rm -f "$out"' EXIT
t0=$(now)
if ! "$S" ingest --db "postgresql:///$ours_db" "$feed" "$file" --json --quiet >"$out"; then
    say "our ingest of $feed into PostgreSQL failed (the error is above)"
    exit 1
fi
t1=$(now)
rows=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["rows"])' "$out")

# Baseline: a plain table of text columns named from the header, and
# \copy of the same file (psql reads it, the server parses the CSV).
cols=$(head -1 "$file" | tr -d '\r' | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s\"%s\" text", (i > 1 ? ", " : ""), $i }')
t2=$(now)
psql -X -q -v ON_ERROR_STOP=1 -d "$copy_db" -c "CREATE TABLE \"$feed\" ($cols)" \
    -c "\\copy \"$feed\" FROM '$file' WITH (FORMAT csv, HEADER true)"
t3=$(now)
copied=$(psql -X -At -d "$copy_db" -c "SELECT count(*) FROM \"$feed\"")
[ "$copied" = "$rows" ] || { say "$feed: we read $rows rows, \\copy loaded $copied"; exit 1; }

awk -v f="$feed" -v n="$rows" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
    ours = n / (b - a); base = n / (d - c)
    printf "ingest %s on PostgreSQL (%d rows: validated, quarantined, upserted with provenance)\t%.0f\trows/s\tpsql \\copy of the same file into a plain table\t%.0f\t%.2f\n", f, n, ours, base, ours / base
}'
