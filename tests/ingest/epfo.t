# ingest epfo (EPFO's monthly ECR, docs/data-feeds.md §10): validation and
# quarantine with reasons, linking by PAN, unknown establishments
# quarantined until their enterprise is on file, reloads unchanged
# (byte-identical tables), corrections, and the order rule.
. "$ROOT/tests/tap.sh"
. "$ROOT/tests/ingest/ingest_sql.sh"
S=$SAMANVAY
DB=$(store_new e)
FIX=$ROOT/tests/ingest/epfo_small.csv
UDYAM=$ROOT/tests/ingest/udyam_small.csv
q() { store_sql "$DB" "$1"; }
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

$S init --db "$DB" 2>/dev/null
# Before Udyam: every valid row refers to an enterprise not on file.
out=$($S ingest --db "$DB" epfo "$FIX" --json --quiet); rc=$?
is "before udyam: exit 0, the valid rows wait in quarantine" "$rc" 0
is "before udyam: nothing loaded" "$(json 'd["loaded"],d["quarantined_by_reason"].get("unknown_reference")' <<<"$out")" "(0, 5)"

$S ingest --db "$DB" udyam "$UDYAM" --quiet >/dev/null
out=$($S ingest --db "$DB" epfo "$FIX" --json --quiet); rc=$?
is "after udyam: the same file loads, exit 0" "$rc" 0
is "summary counts" "$(json 'd["feed"],d["rows"],d["loaded"],d["inserted"],d["quarantined"],d["linked"],d["new_entities"]' <<<"$out")" \
   "('epfo', 16, 2, 2, 14, 2, 0)"
is "quarantine: one reason per bad row" \
   "$(q "select row_no||':'||reason_code from quarantine where feed='epfo' order by row_no" | tr '\n' ' ')" \
   "3:unknown_reference 4:bad_enum 5:pan_invalid 6:gstin_pan_mismatch 7:bad_date 8:date_order 9:bad_number 10:bad_amount 11:bad_amount 12:missing_field 13:duplicate_row 14:conflicting_duplicate 15:gstin_checksum 16:bad_number "
check "the unknown establishment's PAN is named" grep -q "pan ZZZPZ9999Z is not an enterprise on file" \
      <<<"$(q "select reason from quarantine where feed='epfo' and row_no=3")"
check "wages without members are named" grep -q "no member contributing" \
      <<<"$(q "select reason from quarantine where feed='epfo' and row_no=10")"
is "rows attached to the PAN's enterprise; members, wages in paise, GSTIN kept or NULL" \
   "$(q "select r.wage_month||'>'||e.udyam||'/'||r.members||'/'||r.wages_paise||'/'||coalesce(r.gstin,'NULL') from epfo_return r join enterprise e on e.id=r.enterprise_id order by 1" | tr '\n' ' ')" \
   "2024-03>UDYAM-MH-26-0012345/12/15600000/27AAAPS1234F1Z1 2024-04>UDYAM-MH-26-0012345/13/16900050/NULL "

dump() { q "select * from epfo_return order by 1,2; select row_no,reason_code,reason,$(raw_hex_sql "$DB") from quarantine where feed='epfo' order by ingest_file_id, row_no"; }
before=$(dump)
out=$($S ingest --db "$DB" epfo "$FIX" --json --quiet)
is "reload: nothing new, nothing changed" "$(json 'd["inserted"],d["updated"],d["unchanged"],d["quarantined"]' <<<"$out")" "(0, 0, 2, 14)"
is "reload leaves every table byte-identical" "$(dump)" "$before"

# A corrected file: March's members change, April is the same.
head -3 "$FIX" | sed '2s/,12,156000$/,15,195000/' > "$TMPDIR/corrected.csv"
out=$($S ingest --db "$DB" epfo "$TMPDIR/corrected.csv" --json --quiet)
is "corrected file: one row updated, one unchanged" "$(json 'd["inserted"],d["updated"],d["unchanged"]' <<<"$out")" "(0, 1, 1)"
is "the corrected value replaced the old one, provenance moved" \
   "$(q "select r.members||'|'||f.name from epfo_return r join ingest_file f on f.id=r.src_file where wage_month='2024-03'")" \
   "15|corrected.csv"

printf 'establishment_code,pan\nMHPUN0012345000,AAAPS1234F\n' > "$TMPDIR/short.csv"
$S ingest --db "$DB" epfo "$TMPDIR/short.csv" --quiet 2>"$TMPDIR/err" >/dev/null
is "a header without the required columns: exit 2" "$?" 2
like "and names a missing column" "$(cat "$TMPDIR/err")" "wage_month"

done_testing
