# ingest gst: validation and quarantine, linking by GSTIN and by the
# GSTIN's PAN, enterprises for filers not on Udyam and the Udyam row that
# later fills them (both orders), reloads, corrections, input errors, and
# kill -9 safety.
. "$ROOT/tests/tap.sh"
. "$ROOT/tests/ingest/ingest_sql.sh"
. "$ROOT/tests/ingest/kill_resume.sh"
S=$SAMANVAY
DB=$(store_new g)
FIX=$ROOT/tests/ingest/gst_small.csv
UDYAM=$ROOT/tests/ingest/udyam_small.csv
q() { store_sql "$DB" "$1"; }
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

$S init --db "$DB" 2>/dev/null
$S ingest --db "$DB" udyam "$UDYAM" --quiet >/dev/null
out=$($S ingest --db "$DB" gst "$FIX" --json --quiet); rc=$?
is "ingest exits 0 with rows in quarantine" "$rc" 0
is "summary counts" "$(json 'd["feed"],d["rows"],d["loaded"],d["inserted"],d["quarantined"],d["linked"],d["new_entities"]' <<<"$out")" \
   "('gst', 19, 4, 4, 15, 3, 1)"
is "quarantine: one reason per bad row" "$(q "select row_no||':'||reason_code from quarantine where feed='gst' order by row_no" | tr '\n' ' ')" \
   "5:gstin_checksum 6:gstin_invalid 7:bad_enum 8:bad_enum 9:bad_date 10:bad_date 11:date_order 12:bad_amount 13:missing_field 14:duplicate_row 15:conflicting_duplicate 16:field_count 17:invalid_utf8 18:csv_quoting 19:date_order "
check "the CMP08 rule is named" grep -q "CMP08 is filed quarterly" <<<"$(q "select reason from quarantine where feed='gst' and row_no=8")"
is "returns attached: by GSTIN, by PAN, and to the new filer" \
   "$(q "select r.gstin||'>'||coalesce(e.udyam,'-')||'/'||e.pan from gst_return r join enterprise e on e.id=r.enterprise_id order by r.gstin" | tr '\n' ' ')" \
   "07BBBPK5678L1Z6>-/BBBPK5678L 09BBBPK5678L1Z2>-/BBBPK5678L 27AAAPS1234F1Z1>UDYAM-MH-26-0012345/AAAPS1234F 27AAAPS1234F2Z0>UDYAM-MH-26-0012345/AAAPS1234F "
is "the GSTIN found through its PAN joined its enterprise, vouched by gst" \
   "$(q "select e.udyam||'|'||g.src_feed from enterprise_gstin g join enterprise e on e.id=g.enterprise_id where gstin='27AAAPS1234F2Z0'")" "UDYAM-MH-26-0012345|gst"
is "the filer not on Udyam is one enterprise: its PAN, its state, no name, from gst" \
   "$(q "select (select count(*) from enterprise where pan='BBBPK5678L'), coalesce(udyam,'NULL'), name, state, src_feed from enterprise where pan='BBBPK5678L'")" "1|NULL||07|gst"
is "money in paise, Indian grouping read, not filed is NULL" \
   "$(q "select taxable_value_paise from gst_return where gstin='07BBBPK5678L1Z6'; select coalesce(filed_on,'NULL'), coalesce(cast(tax_paise as text),'NULL') from gst_return where gstin='09BBBPK5678L1Z2'" | tr '\n' ' ')" \
   "12000000 NULL|NULL "

dump() { q "select * from gst_return order by 1,2,3; select id,udyam,pan,name,state,src_feed from enterprise order by id; select * from enterprise_gstin order by 1; select row_no,reason_code,reason,$(raw_hex_sql "$DB") from quarantine order by ingest_file_id, row_no"; }
before=$(dump)
out=$($S ingest --db "$DB" gst "$FIX" --json --quiet)
is "reload: nothing new, nothing changed, still linked" "$(json 'd["inserted"],d["updated"],d["unchanged"],d["quarantined"],d["linked"],d["new_entities"]' <<<"$out")" "(0, 0, 4, 15, 4, 0)"
is "reload leaves every table byte-identical" "$(dump)" "$before"

# A corrected file: row 1's tax changes, row 2 is the same.
head -3 "$FIX" | sed '2s/,18000$/,18100/' > "$TMPDIR/corrected.csv"
out=$($S ingest --db "$DB" gst "$TMPDIR/corrected.csv" --json --quiet)
is "corrected file: one row updated, one unchanged" "$(json 'd["inserted"],d["updated"],d["unchanged"]' <<<"$out")" "(0, 1, 1)"
is "the corrected value replaced the old one, provenance moved" \
   "$(q "select r.tax_paise||'|'||f.name from gst_return r join ingest_file f on f.id=r.src_file where gstin='27AAAPS1234F1Z1'")" "1810000|corrected.csv"

# The filer registers on Udyam: its row fills the enterprise GST created.
U2=$TMPDIR/udyam_bbb.csv
{ head -1 "$UDYAM"
  echo 'UDYAM-DL-01-0000077,Kumar Textiles,Anil Kumar,BBBPK5678L,07BBBPK5678L1Z6;07BBBPK5678L2Z5,proprietorship,general,male,N,2018-01-01,2021-01-10,manufacturing,13111,07,New Delhi,110001,urban,500000,2500000,0,2,1,0'
  echo 'UDYAM-DL-01-0000078,Kumar Textiles,Anil Kumar,BBBPK5678L,,proprietorship,general,male,N,2018-01-01,2021-01-10,manufacturing,13111,07,New Delhi,110001,urban,500000,2500000,0,2,1,0'
} > "$U2"
check "the fixture's second GSTIN is valid" $S check-id gstin 07BBBPK5678L2Z5
id_before=$(q "select id from enterprise where pan='BBBPK5678L'")
out=$($S ingest --db "$DB" udyam "$U2" --json --quiet)
is "udyam after gst: the row merges (linked, no new enterprise), another Udyam number with that PAN is a pan_conflict" \
   "$(json 'd["inserted"],d["linked"],d["new_entities"],d["quarantined_by_reason"]' <<<"$out")" "(1, 1, 0, {'pan_conflict': 1})"
is "the same enterprise, now with the Udyam row's fields" \
   "$(q "select id||'|'||udyam||'|'||name||'|'||district||'|'||src_feed from enterprise where pan='BBBPK5678L'")" \
   "$id_before|UDYAM-DL-01-0000077|Kumar Textiles|NEW DELHI|udyam"
is "it keeps the GSTIN learned from GST and gains the row's" \
   "$(q "select gstin||'/'||src_feed from enterprise_gstin where enterprise_id=$id_before order by 1" | tr '\n' ' ')" \
   "07BBBPK5678L1Z6/udyam 07BBBPK5678L2Z5/udyam 09BBBPK5678L1Z2/gst "
is "its returns stay attached" "$(q "select count(*) from gst_return where enterprise_id=$id_before")" 2
is "one enterprise per PAN" "$(q "select count(*) from enterprise where pan='BBBPK5678L'")" 1

# The other order gives the same single enterprise.
DB2=$(store_new g2)
$S init --db "$DB2" 2>/dev/null
$S ingest --db "$DB2" udyam "$UDYAM" --quiet >/dev/null
$S ingest --db "$DB2" udyam "$U2" --quiet >/dev/null
out=$($S ingest --db "$DB2" gst "$FIX" --json --quiet)
is "gst after udyam: no new enterprise" "$(json 'd["linked"],d["new_entities"]' <<<"$out")" "(4, 0)"
$S ingest --db "$DB2" gst "$TMPDIR/corrected.csv" --quiet >/dev/null
# (its GSTINs by a second query: SQLite 3.40 has no string_agg, PostgreSQL no group_concat)
one="select udyam, pan, name, owner_name, state, district, turnover_paise, src_feed, content_hash
     from enterprise e where pan = 'BBBPK5678L';
     select g.gstin||'/'||g.src_feed from enterprise_gstin g join enterprise e on e.id = g.enterprise_id
     where e.pan = 'BBBPK5678L' order by g.gstin"
is "both orders: the same enterprise, GSTINs included" "$(store_sql "$DB2" "$one")" "$(q "$one")"
rets="select gstin, return_type, period, e.pan, r.content_hash from gst_return r join enterprise e on e.id=r.enterprise_id order by 1,2,3"
is "both orders: the same returns on the same enterprises" "$(store_sql "$DB2" "$rets")" "$(q "$rets")"

# Input errors: exit 2, the column named, nothing loads
printf 'gstin,return_type,frequency,period,filed_on\n27AAAPS1234F1Z1,GSTR3B,monthly,2024-03,2024-04-18\n' > "$TMPDIR/badheader.csv"
n=$(q 'select count(*) from gst_return')
err=$($S ingest --db "$DB" gst "$TMPDIR/badheader.csv" 2>&1); rc=$?
is "missing required column: exit 2" "$rc" 2
check "the missing column is named" grep -q "required column 'due_on' is missing" <<<"$err"
is "a failed load changed nothing" "$(q 'select count(*) from gst_return')" "$n"
python3 - "$TMPDIR/long.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("gstin,return_type,frequency,period,due_on,filed_on,taxable_value_rs,tax_rs\n")
    f.write("27AAAPS1234F1Z1,GSTR3B,monthly,2025-01,2025-02-20,2025-02-20,1000,\"%s\"\n" % ("9" * 70000))
    f.write("27AAAPS1234F1Z1,GSTR3B,monthly,2025-02,2025-03-20,2025-03-20,1000,180\n")
PY
out=$($S ingest --db "$DB" gst "$TMPDIR/long.csv" --json --quiet)
is "a record over 64 KiB is record_too_long, the next row loads" "$(json 'd["quarantined_by_reason"],d["loaded"]' <<<"$out")" "({'record_too_long': 1}, 1)"

# kill -9 in the middle of a generated GST feed (filers created as it goes)
$S generate --enterprises 8000 --seed 3 --out "$TMPDIR/gen" >/dev/null 2>&1
kill_resume gst "$TMPDIR/gen/gst.csv" "select count(*) from gst_return"
done_testing
