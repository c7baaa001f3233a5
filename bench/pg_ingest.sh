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
accepted=$(mktemp)
trap 'rm -f "$out" "$accepted"' EXIT
t0=$(now)
if ! "$S" ingest --db "postgresql:///$ours_db" "$feed" "$file" --json --quiet >"$out"; then
    say "our ingest of $feed into PostgreSQL failed (the error is above)"
    exit 1
fi
t1=$(now)
rows=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["rows"])' "$out")

# Baseline: a plain table of text columns named from the header, and
# \copy of the same file (psql reads it, the server parses the CSV). The
# generated feeds hold malformed rows on purpose (ours quarantines them);
# sqlite3 .import takes them as it can, but one line that PostgreSQL's CSV
# parser refuses (a stray quote, a wrong field count) stops a whole \copy,
# since PostgreSQL 15 cannot skip bad rows. So the baseline loads the
# file less those lines: a copy made before the clock starts, by the rules
# of that parser (copyfromparse.c): a quote anywhere opens or closes
# quoting, a doubled quote inside is a literal one, and a record must have
# exactly the header's number of fields, valid UTF-8 and no NUL.
read -r kept dropped < <(python3 - "$file" "$accepted" <<'PY'
import sys
src, dst = sys.argv[1], sys.argv[2]
kept = dropped = 0

def fields(rec):
    """Fields of one record as PostgreSQL's CSV parser splits it, or -1."""
    n, inq = 1, False
    for ch in rec:
        if ch == '"':
            inq = not inq  # a doubled quote toggles twice: a literal quote
        elif ch == ',' and not inq:
            n += 1
        elif ch == '\r' and not inq:
            return -1  # a bare carriage return in an LF file
    return -1 if inq else n

with open(src, 'rb') as f, open(dst, 'wb') as out:
    header = f.readline()
    out.write(header)
    want = fields(header.rstrip(b'\r\n').decode())
    rec, parity = b'', False
    for line in f:
        rec += line
        parity ^= line.count(b'"') % 2 == 1
        if parity:
            continue  # a quoted newline: the record goes on
        body = rec[:-1] if rec.endswith(b'\n') else rec
        rec = b''
        try:
            ok = b'\0' not in body and fields(body.decode('utf-8')) == want
        except UnicodeDecodeError:
            ok = False
        if ok:
            out.write(body + b'\n')
            kept += 1
        else:
            dropped += 1
    if rec:
        dropped += 1  # an unterminated quote runs to the end of the file
print(kept, dropped)
PY
)
cols=$(head -1 "$file" | tr -d '\r' | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s\"%s\" text", (i > 1 ? ", " : ""), $i }')
t2=$(now)
psql -X -q -v ON_ERROR_STOP=1 -d "$copy_db" -c "CREATE TABLE \"$feed\" ($cols)" \
    -c "\\copy \"$feed\" FROM '$accepted' WITH (FORMAT csv, HEADER true)"
t3=$(now)
copied=$(psql -X -At -d "$copy_db" -c "SELECT count(*) FROM \"$feed\"")
[ "$copied" = "$kept" ] || { say "$feed: $kept rows for \\copy, it loaded $copied"; exit 1; }

awk -v f="$feed" -v n="$rows" -v k="$kept" -v x="$dropped" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" '
function commas(v,    s, o) { s = sprintf("%d", v); o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } return s o }
BEGIN {
    ours = n / (b - a); base = k / (d - c)
    printf "ingest %s on PostgreSQL (%s rows, the same work as on SQLite; %.1f s)\t%.0f\trows/s\tpsql \\copy of the same file into a plain table (%d lines its CSV parser refuses left out)\t%.0f\t%.2f\n", f, commas(n), b - a, ours, x, base, ours / base
}'
