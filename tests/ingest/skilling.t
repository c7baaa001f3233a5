# ingest skilling: validation, attaching records that name a Udyam number,
# keeping the rest for record linkage, reloads, corrections, input errors,
# and kill -9 safety.
. "$ROOT/tests/tap.sh"
. "$ROOT/tests/ingest/ingest_sql.sh"
. "$ROOT/tests/ingest/kill_resume.sh"
S=$SAMANVAY
DB=$(store_new k)
FIX=$ROOT/tests/ingest/skilling_small.csv
q() { store_sql "$DB" "$1"; }
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

$S init --db "$DB" 2>/dev/null
$S ingest --db "$DB" udyam "$ROOT/tests/ingest/udyam_small.csv" --quiet >/dev/null
out=$($S ingest --db "$DB" skilling "$FIX" --json --quiet); rc=$?
is "ingest exits 0 with rows in quarantine" "$rc" 0
is "summary counts" "$(json 'd["rows"],d["loaded"],d["inserted"],d["quarantined"],d["linked"],d["new_entities"]' <<<"$out")" \
   "(22, 3, 3, 19, 1, 0)"
is "quarantine: one reason per bad row" "$(q "select row_no||':'||reason_code from quarantine where feed='skilling' order by row_no" | tr '\n' ' ')" \
   "4:unknown_reference 5:udyam_invalid 6:bad_enum 7:bad_enum 8:bad_enum 9:bad_date 10:date_order 11:date_order 12:bad_number 13:bad_number 14:unknown_state 15:unknown_district 16:missing_field 17:duplicate_row 18:conflicting_duplicate 19:field_count 20:invalid_utf8 21:csv_quoting 22:field_too_long "
is "the record naming a Udyam number is attached to it" \
   "$(q "select e.udyam from skilling_record k join enterprise e on e.id=k.enterprise_id")" "UDYAM-UP-17-0028662"
is "the others wait for record linkage, name and mobile kept as given" \
   "$(q "select record_id||'|'||trainee_name||'|'||coalesce(mobile_last4,'')||'|'||district from skilling_record where enterprise_id is null order by 1" | tr '\n' ' ')" \
   "ATI-2024-0003|Ravi Kumar|4567|PUNE EDP-2024-0002|राम शर्मा||PUNE "
is "a leading zero of mobile_last4 is kept" "$(q "select mobile_last4 from skilling_record where record_id='ESDP-2024-0001'")" "0123"
is "a course still running has no completion date" \
   "$(q "select coalesce(completed_on,'NULL')||'|'||coalesce(cast(certified as text),'NULL') from skilling_record where record_id='EDP-2024-0002'")" "NULL|NULL"

dump() { q "select * from skilling_record order by 1; select row_no,reason_code,reason,$(raw_hex_sql "$DB") from quarantine order by ingest_file_id, row_no"; }
before=$(dump)
out=$($S ingest --db "$DB" skilling "$FIX" --json --quiet)
is "reload: nothing new, nothing changed, the attached row still linked" \
   "$(json 'd["inserted"],d["updated"],d["unchanged"],d["quarantined"],d["linked"]' <<<"$out")" "(0, 0, 3, 19, 1)"
is "reload leaves every table byte-identical" "$(dump)" "$before"

# A corrected file: the first record gets certified N, the second is the same.
head -3 "$FIX" | sed '2s/,Y$/,N/' > "$TMPDIR/corrected.csv"
out=$($S ingest --db "$DB" skilling "$TMPDIR/corrected.csv" --json --quiet)
is "corrected file: one row updated, one unchanged" "$(json 'd["inserted"],d["updated"],d["unchanged"]' <<<"$out")" "(0, 1, 1)"
is "the corrected value replaced the old one, provenance moved" \
   "$(q "select k.certified||'|'||f.name from skilling_record k join ingest_file f on f.id=k.src_file where record_id='ESDP-2024-0001'")" "0|corrected.csv"

# Input errors
printf 'record_id,programme,gender,state_code,district,course,started_on\n' > "$TMPDIR/badheader.csv"
err=$($S ingest --db "$DB" skilling "$TMPDIR/badheader.csv" 2>&1); rc=$?
is "missing required column: exit 2" "$rc" 2
check "the missing column is named" grep -q "required column 'trainee_name' is missing" <<<"$err"
is "a failed load changed nothing" "$(q 'select count(*) from skilling_record')" 3

# One record id three times in a file (so in one batch): the first names a
# Udyam number not on file (quarantined, never written), the second is
# written, the third meets the second, not the first, and is a conflicting
# duplicate, as row by row. On PostgreSQL a batch that met the first would
# write two rows of one key in one INSERT ... ON CONFLICT and fail.
DB3=$(store_new k3)
$S init --db "$DB3" 2>/dev/null
{ head -1 "$FIX"
  for v in "0123,UDYAM-UP-17-0000001" "0123," "0124,"; do
      echo "ESDP-2024-0901,esdp,Sita Devi,female,sc,1985,${v},09,Lucknow,Management Development Programme,2024-01-10,2024-01-20,Y"
  done; } >"$TMPDIR/same_id.csv"
out=$($S ingest --db "$DB3" skilling "$TMPDIR/same_id.csv" --json --quiet); rc=$?
is "a key three times, the first quarantined: exit 0" "$rc" 0
is "a key three times: the second written, the third meets it" \
   "$(json 'd["inserted"],d["quarantined_by_reason"].get("unknown_reference"),d["quarantined_by_reason"].get("conflicting_duplicate")' <<<"$out")" \
   "(1, 1, 1)"
is "a key three times: the stored row is the second's" \
   "$(store_sql "$DB3" "select src_row||':'||mobile_last4 from skilling_record where record_id='ESDP-2024-0901'")" "2:0123"

# kill -9 in the middle: a generated skilling feed is small, so its rows
# are repeated under new record ids (duplicates stay duplicates).
$S generate --enterprises 4000 --seed 9 --out "$TMPDIR/gen" >/dev/null 2>&1
python3 - "$TMPDIR/gen/skilling.csv" "$TMPDIR/big.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write(lines[0] + "\n")
    for k in range(100):
        for line in lines[1:]:
            rid, rest = line.split(",", 1)
            out.write("%s-%d,%s\n" % (rid, k, rest))
PY
kill_resume skilling "$TMPDIR/big.csv" "select count(*) from skilling_record" udyam "$TMPDIR/gen/udyam.csv"
done_testing
