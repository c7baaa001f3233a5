# ingest udyam: validation, quarantine, idempotent reloads, corrections,
# input errors, and kill -9 safety.
. "$ROOT/tests/tap.sh"
. "$ROOT/tests/ingest/ingest_sql.sh"
S=$SAMANVAY
DB=$(store_new u)
FIX=$ROOT/tests/ingest/udyam_small.csv
q() { store_sql "$DB" "$1"; }
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

$S init --db "$DB" 2>/dev/null; ok $? "init creates the database"
$S init --db "$DB" 2>/dev/null; ok $? "init again changes nothing and succeeds"

out=$($S ingest --db "$DB" udyam "$FIX" --json); rc=$?
is "ingest exits 0 with rows in quarantine" "$rc" 0
is "summary counts" "$(json 'd["feed"],d["rows"],d["loaded"],d["inserted"],d["quarantined"]' <<<"$out")" \
   "('udyam', 12, 2, 2, 10)"
is "one row per reason" "$(json 'sorted(d["quarantined_by_reason"].items())' <<<"$out")" \
   "[('bad_amount', 1), ('bad_date', 1), ('conflicting_duplicate', 1), ('csv_quoting', 1), ('duplicate_row', 1), ('field_count', 1), ('gstin_checksum', 1), ('pan_conflict', 1), ('pan_invalid', 1), ('unknown_district', 1)]"
is "quarantine keeps row numbers and reasons" "$(q "select row_no||':'||reason_code from quarantine order by row_no" | tr '\n' ' ')" \
   "3:gstin_checksum 4:bad_date 5:duplicate_row 6:csv_quoting 7:pan_conflict 8:unknown_district 9:bad_amount 10:conflicting_duplicate 11:pan_invalid 12:field_count "
is "quarantine keeps the raw row" "$(q "select $(raw_text_sql "$DB") from quarantine where row_no=6" | cut -c1-41)" \
   'UDYAM-MH-26-0099997,Shree "Ganesh Traders'
is "one row per enterprise in table enterprise" "$(q 'select count(*) from enterprise')" 2
is "GSTINs stored" "$(q 'select count(*) from enterprise_gstin')" 2
is "district matched ignoring case, stored as LGD name" "$(q "select district from enterprise where udyam='UDYAM-UP-17-0028662'")" LUCKNOW
is "Devanagari name stored intact" "$(q "select name from enterprise where udyam='UDYAM-UP-17-0028662'")" "लक्ष्मी इंडस्ट्रीज"
is "money stored in paise" "$(q "select turnover_paise from enterprise where udyam='UDYAM-MH-26-0012345'")" 1200000000

dump() { q "select * from enterprise order by id; select * from enterprise_gstin order by gstin; select ingest_file_id,row_no,reason_code,reason,$(raw_hex_sql "$DB") from quarantine order by ingest_file_id, row_no"; }
before=$(dump)
out=$($S ingest --db "$DB" udyam "$FIX" --json)
is "reload: nothing new, nothing changed" "$(json 'd["inserted"],d["updated"],d["unchanged"],d["quarantined"]' <<<"$out")" "(0, 0, 2, 10)"
is "reload leaves every table byte-identical" "$(dump)" "$before"

# A corrected file: row 2's turnover changes, row 1 is the same.
head -3 "$FIX" | sed '3s/,800000,/,900000,/' > "$TMPDIR/corrected.csv"
out=$($S ingest --db "$DB" udyam "$TMPDIR/corrected.csv" --json)
is "corrected file: one row updated, one unchanged" "$(json 'd["inserted"],d["updated"],d["unchanged"]' <<<"$out")" "(0, 1, 1)"
is "the corrected value replaced the old one" "$(q "select turnover_paise from enterprise where udyam='UDYAM-UP-17-0028662'")" 90000000
is "provenance points at the corrected file" "$(q "select f.name from enterprise e join ingest_file f on f.id=e.src_file where udyam='UDYAM-UP-17-0028662'")" corrected.csv

# Input errors: exit 2 and nothing loads
printf 'udyam_number,enterprise_name\nUDYAM-MH-26-0000001,X\n' > "$TMPDIR/badheader.csv"
err=$($S ingest --db "$DB" udyam "$TMPDIR/badheader.csv" 2>&1); rc=$?
is "missing required column: exit 2" "$rc" 2
check "missing required column is named" grep -q "required column 'pan'\|required column" <<<"$err"
$S ingest --db "$DB" udyam "$TMPDIR/nonexistent.csv" 2>/dev/null; is "unreadable file: exit 2" "$?" 2
: > "$TMPDIR/empty.csv"
$S ingest --db "$DB" udyam "$TMPDIR/empty.csv" 2>/dev/null; is "empty file: exit 2" "$?" 2
$S ingest --db "$DB" nosuchfeed "$FIX" 2>/dev/null; is "unknown feed: exit 2" "$?" 2
$S ingest udyam "$FIX" 2>/dev/null; is "no --db: exit 2" "$?" 2
is "failed loads changed nothing" "$(q 'select count(*) from enterprise')" 2

# Header columns in another order, plus an unknown column: still loads
python3 - "$FIX" "$TMPDIR/reordered.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))[:3]
out = csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""), lineterminator="\r\n")
for r in rows:
    r = r[::-1] + ["extra"]
    out.writerow(r)
PY
R=$(store_new r)
$S init --db "$R" 2>/dev/null
out=$($S ingest --db "$R" udyam "$TMPDIR/reordered.csv" --json 2>"$TMPDIR/warn")
is "reordered columns, CRLF and an unknown column load" "$(json 'd["loaded"]' <<<"$out")" 2
check "unknown column is warned about" grep -q "unknown column 'extra'" "$TMPDIR/warn"

# kill -9 in the middle: no partial batch, and a rerun completes
python3 "$ROOT/tests/ingest/make_udyam.py" 60000 "$TMPDIR/big.csv"
K=$(store_new k)
$S init --db "$K" 2>/dev/null
$S ingest --db "$K" --batch 500 udyam "$TMPDIR/big.csv" --quiet >/dev/null 2>&1 &
pid=$!
committed=0
for _ in $(seq 1 400); do
    committed=$(store_sql "$K" "select coalesce(max(rows_committed),0) from ingest_file" 2>/dev/null || echo 0)
    [ "${committed:-0}" -ge 2000 ] && break
    sleep 0.01
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
state=$(store_sql "$K" "select rows_committed, status from ingest_file")
n=$(store_sql "$K" "select count(*) from enterprise")
c=${state%%|*}
check "the kill came mid-file" test "$c" -gt 0 -a "$c" -lt 60000
is "after kill -9 the table holds exactly the committed batches" "$n" "$c"
is "batches are whole (multiples of 500)" "$((n % 500))" 0
out=$($S ingest --db "$K" udyam "$TMPDIR/big.csv" --json --quiet)
is "the rerun resumes and completes" "$(json 'd["resumed"],d["rows"],d["loaded"],d["quarantined"]' <<<"$out")" "(True, 60000, 60000, 0)"
is "every row is there exactly once" "$(store_sql "$K" "select count(*), count(distinct udyam) from enterprise")" "60000|60000"
is "the file is marked complete" "$(store_sql "$K" "select status from ingest_file")" complete
done_testing
