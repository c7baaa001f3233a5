# ingest credit: validation (the RBI buckets included), linking by Udyam
# number or PAN, unknown borrowers, the PAN-disagrees warning, facility
# terms from the latest month, reloads, corrections, input errors, and
# kill -9 safety.
. "$ROOT/tests/tap.sh"
. "$ROOT/tests/ingest/ingest_sql.sh"
. "$ROOT/tests/ingest/kill_resume.sh"
S=$SAMANVAY
DB=$(store_new c)
FIX=$ROOT/tests/ingest/credit_small.csv
q() { store_sql "$DB" "$1"; }
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

$S init --db "$DB" 2>/dev/null
$S ingest --db "$DB" udyam "$ROOT/tests/ingest/udyam_small.csv" --quiet >/dev/null
out=$($S ingest --db "$DB" credit "$FIX" --json --quiet 2>"$TMPDIR/warn"); rc=$?
is "ingest exits 0 with rows in quarantine" "$rc" 0
is "summary counts" "$(json 'd["rows"],d["loaded"],d["inserted"],d["quarantined"],d["linked"],d["new_entities"],d["warnings"]' <<<"$out")" \
   "(27, 6, 6, 21, 6, 0, 1)"
is "quarantine: one reason per bad row" "$(q "select row_no||':'||reason_code from quarantine where feed='credit' order by row_no" | tr '\n' ' ')" \
   "7:unknown_reference 8:unknown_reference 9:ifsc_invalid 10:pan_invalid 11:udyam_invalid 12:missing_field 13:bad_enum 14:bad_enum 15:bad_enum 16:bad_date 17:bad_date 18:date_order 19:bad_amount 20:bad_number 21:duplicate_row 22:conflicting_duplicate 23:field_count 24:invalid_utf8 25:csv_quoting 26:field_too_long 27:missing_field "
is "an asset class against the days past due names both" \
   "$(q "select reason from quarantine where feed='credit' and row_no=14")" "asset_class: STD, but 45 days past due is SMA1"
check "both identifiers disagreeing is a warning naming the Udyam number" grep -q "row 5: warning: borrower_pan ZZZPZ\*\*\*\*\* is not the PAN on file for UDYAM-MH-26-0012345" "$TMPDIR/warn"
is "borrowers: by Udyam number (also when the PAN disagrees), by PAN, without a PAN" \
   "$(q "select f.facility_id||'>'||e.udyam from credit_facility f join enterprise e on e.id=f.enterprise_id order by 1" | tr '\n' ' ')" \
   "F001>UDYAM-MH-26-0012345 F002>UDYAM-MH-26-0012345 F003>UDYAM-UP-17-0028662 F004>UDYAM-MH-26-0012345 "
is "an NPA under 91 days past due stays NPA (accepted)" "$(q "select dpd||asset_class from credit_status where facility_id='F003' and month='2024-03'")" "45NPA"
is "money in paise, identifiers as the lender gave them" \
   "$(q "select sanctioned_paise from credit_facility where facility_id='F002'; select coalesce(borrower_pan,'NULL')||'|'||borrower_udyam from credit_status where facility_id='F003' and month='2024-02'" | tr '\n' ' ')" \
   "20000000 NULL|UDYAM-UP-17-0028662 "
is "facility terms from its latest month" "$(q "select as_of_month||'|'||src_row from credit_facility where facility_id='F001'")" "2024-02|2"

dump() { q "select * from credit_facility order by 1; select * from credit_status order by 1,2; select row_no,reason_code,reason,$(raw_hex_sql "$DB") from quarantine order by ingest_file_id, row_no"; }
before=$(dump)
out=$($S ingest --db "$DB" credit "$FIX" --json --quiet 2>/dev/null)
is "reload: nothing new, nothing changed" "$(json 'd["inserted"],d["updated"],d["unchanged"],d["quarantined"],d["linked"]' <<<"$out")" "(0, 0, 6, 21, 6)"
is "reload leaves every table byte-identical" "$(dump)" "$before"

# A corrected file: February's limit becomes 6 lakh; January is the same.
head -3 "$FIX" | sed '3s/,500000,2024-02,/,600000,2024-02,/' > "$TMPDIR/corrected.csv"
out=$($S ingest --db "$DB" credit "$TMPDIR/corrected.csv" --json --quiet)
is "corrected file: one row updated, one unchanged" "$(json 'd["inserted"],d["updated"],d["unchanged"]' <<<"$out")" "(0, 1, 1)"
is "the facility takes February's corrected terms" "$(q "select sanctioned_paise from credit_facility where facility_id='F001'")" 60000000
# A later file corrects only January: its month's row changes, the terms
# (set by February) do not.
{ head -1 "$FIX"; sed -n 2p "$FIX" | sed 's/,500000,2024-01,500000,/,700000,2024-01,499000,/'; } > "$TMPDIR/january.csv"
out=$($S ingest --db "$DB" credit "$TMPDIR/january.csv" --json --quiet)
is "an earlier month's correction updates its row" "$(json 'd["updated"]' <<<"$out")" 1
is "but not the terms a later month set" \
   "$(q "select sanctioned_paise||'|'||as_of_month from credit_facility where facility_id='F001'; select outstanding_paise from credit_status where facility_id='F001' and month='2024-01'" | tr '\n' ' ')" \
   "60000000|2024-02 49900000 "

# Input errors
printf 'lender_ifsc,facility_id,borrower_pan,facility_type,sanctioned_on,sanctioned_rs,month,outstanding_rs,dpd\n' > "$TMPDIR/badheader.csv"
n=$(q 'select count(*) from credit_status')
err=$($S ingest --db "$DB" credit "$TMPDIR/badheader.csv" 2>&1); rc=$?
is "missing required column: exit 2" "$rc" 2
check "the missing column is named" grep -q "required column 'asset_class' is missing" <<<"$err"
is "a failed load changed nothing" "$(q 'select count(*) from credit_status')" "$n"

# kill -9 in the middle of a generated credit feed, its Udyam feed loaded first
$S generate --enterprises 6000 --seed 5 --out "$TMPDIR/gen" >/dev/null 2>&1
kill_resume credit "$TMPDIR/gen/credit.csv" "select count(*) from credit_status" udyam "$TMPDIR/gen/udyam.csv"
done_testing
