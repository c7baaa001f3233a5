# ingest cluster, cluster_member and cfc_usage: every reason code each feed
# can produce, members before their cluster then reloaded, identical and
# corrected reloads, header and encoding errors, and kill -9 safety.
. "$ROOT/tests/tap.sh"
. "$ROOT/tests/ingest/ingest_sql.sh"
S=$SAMANVAY
DB=$(store_new c)
HERE=$ROOT/tests/ingest
q() { store_sql "$DB" "$1"; }
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
load() { $S ingest --db "$DB" "$1" "$2" --json 2>"$TMPDIR/stderr"; }

$S init --db "$DB" 2>/dev/null; ok $? "init creates the database"
$S ingest --db "$DB" udyam "$HERE/udyam_small.csv" --quiet >/dev/null 2>&1
is "two enterprises on file" "$(q 'select count(*) from enterprise')" 2

# Members before their clusters: every row that parses refers to nothing yet.
out=$(load cluster_member "$HERE/cluster_member_small.csv"); rc=$?
is "members before clusters: exit 0" "$rc" 0
is "members before clusters: nothing loads" "$(json 'd["loaded"],d["linked"]' <<<"$out")" "(0, 0)"
is "members before clusters: the 7 rows that parse are unknown_reference" \
   "$(json 'd["quarantined_by_reason"]["unknown_reference"]' <<<"$out")" 7

out=$(load cluster "$HERE/cluster_small.csv")
is "cluster: summary" "$(json 'd["feed"],d["rows"],d["loaded"],d["inserted"],d["quarantined"],d["linked"],d["new_entities"]' <<<"$out")" \
   "('cluster', 20, 3, 3, 17, 0, 0)"
is "cluster: every reason code" "$(json 'sorted(d["quarantined_by_reason"].items())' <<<"$out")" \
   "[('bad_amount', 2), ('bad_date', 1), ('bad_enum', 3), ('bad_nic', 1), ('bad_number', 1), ('conflicting_duplicate', 1), ('csv_quoting', 1), ('date_order', 1), ('duplicate_row', 1), ('field_count', 1), ('field_too_long', 1), ('missing_field', 1), ('unknown_district', 1), ('unknown_state', 1)]"
cf=$(json 'd["file_id"]' <<<"$out")
is "cluster: rows and reasons" "$(q "select row_no||':'||reason_code from quarantine where ingest_file_id=$cf order by row_no" | tr '\n' ' ')" \
   "3:duplicate_row 4:conflicting_duplicate 5:bad_enum 6:bad_enum 7:bad_enum 8:unknown_state 9:unknown_district 10:bad_nic 11:bad_date 12:date_order 13:bad_amount 14:bad_amount 15:bad_number 16:missing_field 17:field_too_long 18:csv_quoting 19:field_count "
check "cluster: the grant above the cost is named" grep -q "grant_rs: 30000000 exceeds project_cost_rs 25000000" <(q "select reason from quarantine where ingest_file_id=$cf and row_no=14")
is "cluster: stored with LGD district, paise, flags" \
   "$(q "select cluster_id, scheme, state, district, nic, traditional, approved_on, project_cost_paise, grant_paise, cfc_capacity_hours, status, src_row from cluster order by cluster_id" | tr '\n' ' ')" \
   "DL-STH-PLASTIC|other|07|SOUTH|22201|0|||||proposed|20 MH-PUN-AUTO|mse_cdp|27|PUNE|29301|0|2021-03-01|12000000000|8400000000|1000|approved|2 UP-LKO-CHIKAN|sfurti|09|LUCKNOW|13992|1|2019-06-12|2500000000|2250000000|600|functional|1 "
is "cluster: Devanagari name intact" "$(q "select name from cluster where cluster_id='UP-LKO-CHIKAN'")" "लखनऊ चिकन Cluster"

# The same member file again, now that the clusters are on file.
out=$(load cluster_member "$HERE/cluster_member_small.csv")
mf=$(json 'd["file_id"]' <<<"$out")
is "members reloaded after clusters: they load and link" \
   "$(json 'd["rows"],d["loaded"],d["inserted"],d["linked"],d["quarantined"]' <<<"$out")" "(15, 3, 3, 3, 12)"
is "cluster_member: every reason code" "$(json 'sorted(d["quarantined_by_reason"].items())' <<<"$out")" \
   "[('bad_date', 1), ('bad_enum', 1), ('conflicting_duplicate', 1), ('csv_quoting', 1), ('date_order', 1), ('duplicate_row', 1), ('field_count', 1), ('field_too_long', 1), ('missing_field', 1), ('udyam_invalid', 1), ('unknown_reference', 2)]"
is "the rows that loaded left quarantine" \
   "$(q "select row_no||':'||reason_code from quarantine where ingest_file_id=$mf order by row_no" | tr '\n' ' ')" \
   "3:duplicate_row 4:conflicting_duplicate 5:unknown_reference 6:unknown_reference 7:udyam_invalid 8:missing_field 9:bad_date 10:date_order 11:bad_enum 12:field_count 13:csv_quoting 14:field_too_long "
is "the file's quarantine count matches its table rows" \
   "$(q "select quarantined from ingest_file where id=$mf")" "$(q "select count(*) from quarantine where ingest_file_id=$mf")"
check "unknown cluster is named" grep -q "cluster_id NO-SUCH-CLUSTER is not a cluster on file" <(q "select reason from quarantine where ingest_file_id=$mf and row_no=5")
check "unknown enterprise is named" grep -q "udyam_number UDYAM-MH-26-0099999 is not an enterprise on file" <(q "select reason from quarantine where ingest_file_id=$mf and row_no=6")
is "members point at their enterprises" \
   "$(q "select m.cluster_id, e.udyam, m.role, coalesce(m.joined_on,'-') from cluster_member m join enterprise e on e.id=m.enterprise_id order by 1" | tr '\n' ' ')" \
   "DL-STH-PLASTIC|UDYAM-MH-26-0012345|spv_member|- MH-PUN-AUTO|UDYAM-MH-26-0012345|member|- UP-LKO-CHIKAN|UDYAM-UP-17-0028662|anchor|2020-01-15 "

out=$(load cfc_usage "$HERE/cfc_usage_small.csv")
uf=$(json 'd["file_id"]' <<<"$out")
is "cfc_usage: summary" "$(json 'd["rows"],d["loaded"],d["quarantined"],d["linked"],d["warnings"]' <<<"$out")" "(17, 3, 14, 0, 1)"
is "cfc_usage: every reason code" "$(json 'sorted(d["quarantined_by_reason"].items())' <<<"$out")" \
   "[('bad_amount', 1), ('bad_date', 2), ('bad_number', 2), ('conflicting_duplicate', 1), ('csv_quoting', 1), ('date_order', 1), ('duplicate_row', 1), ('field_count', 1), ('field_too_long', 1), ('missing_field', 2), ('unknown_reference', 1)]"
check "hours above capacity are a warning, and the row loads" grep -q "row 2: warning: cluster_id UP-LKO-CHIKAN, month 2026-05: hours_used 700 is above the CFC's capacity of 600" "$TMPDIR/stderr"
is "cfc_usage: stored by month" "$(q "select cluster_id, month, hours_used, user_units, coalesce(cast(revenue_paise as text),'-') from cfc_usage order by 1, 2" | tr '\n' ' ')" \
   "MH-PUN-AUTO|2026-06|100|3|1500000 UP-LKO-CHIKAN|2026-04|512|17|7680000 UP-LKO-CHIKAN|2026-05|700|18|10500000 "

# Identical reloads change nothing.
dump() { q "select * from cluster order by 1; select * from cluster_member order by 1, 2; select * from cfc_usage order by 1, 2; select ingest_file_id, row_no, reason_code, reason, $(raw_hex_sql "$DB") from quarantine order by 1, 2" | sed 's/|20[0-9-]*T[0-9:]*Z$//'; }
before=$(dump)
for f in cluster cluster_member cfc_usage; do
    out=$(load $f "$HERE/${f}_small.csv")
    is "$f: identical reload is unchanged" "$(json 'd["inserted"],d["updated"],d["unchanged"]==d["loaded"],d["loaded"]' <<<"$out")" "(0, 0, True, 3)"
done
is "identical reloads leave every table as it was" "$(dump)" "$before"

# Corrected files (another file, changed content) update the rows they change.
sed -n '1,2p' "$HERE/cluster_small.csv" | sed '2s/,22500000,600,functional/,22500000,800,functional/' > "$TMPDIR/cluster_fix.csv"
sed -n '3p' "$HERE/cluster_small.csv" >> "$TMPDIR/cluster_fix.csv"
out=$(load cluster "$TMPDIR/cluster_fix.csv")
is "cluster: corrected file updates one row, leaves one" "$(json 'd["inserted"],d["updated"],d["unchanged"]' <<<"$out")" "(0, 1, 1)"
is "cluster: the correction is stored with its provenance" \
   "$(q "select c.cfc_capacity_hours, f.name, c.src_row from cluster c join ingest_file f on f.id=c.src_file where cluster_id='UP-LKO-CHIKAN'")" "800|cluster_fix.csv|1"
printf 'cluster_id,udyam_number,joined_on,role\nMH-PUN-AUTO,UDYAM-MH-26-0012345,2022-04-01,anchor\n' > "$TMPDIR/member_fix.csv"
out=$(load cluster_member "$TMPDIR/member_fix.csv")
is "cluster_member: corrected row updates and links" "$(json 'd["updated"],d["linked"]' <<<"$out")" "(1, 1)"
is "cluster_member: corrected role and date" "$(q "select role, joined_on from cluster_member where cluster_id='MH-PUN-AUTO'")" "anchor|2022-04-01"
printf 'cluster_id,month,hours_used,user_units,revenue_rs\nUP-LKO-CHIKAN,2026-05,590,18,105000\n' > "$TMPDIR/usage_fix.csv"
out=$(load cfc_usage "$TMPDIR/usage_fix.csv")
is "cfc_usage: corrected row updates, no warning below capacity" "$(json 'd["updated"],d["warnings"]' <<<"$out")" "(1, 0)"
is "cfc_usage: corrected hours" "$(q "select hours_used from cfc_usage where cluster_id='UP-LKO-CHIKAN' and month='2026-05'")" 590

# A missing required column: exit 2, the column named, nothing loads.
n_before=$(q 'select (select count(*) from cluster)+(select count(*) from cluster_member)+(select count(*) from cfc_usage)')
for spec in "cluster:cluster_id,name,scheme,state_code,district,product,nic_code,approved_on,status:traditional" \
            "cluster_member:cluster_id,joined_on,role:udyam_number" \
            "cfc_usage:cluster_id,month,user_units:hours_used"; do
    IFS=: read -r feed header missing <<<"$spec"
    printf '%s\n' "$header" > "$TMPDIR/hdr.csv"
    err=$($S ingest --db "$DB" "$feed" "$TMPDIR/hdr.csv" 2>&1); rc=$?
    is "$feed: missing column '$missing' exits 2" "$rc" 2
    check "$feed: the message names '$missing'" grep -q "required column '$missing' is missing" <<<"$err"
done
is "failed loads changed nothing" "$(q 'select (select count(*) from cluster)+(select count(*) from cluster_member)+(select count(*) from cfc_usage)')" "$n_before"

# Invalid UTF-8 and an over-long record cost their row only.
for f in cluster cluster_member cfc_usage; do
    { head -2 "$HERE/${f}_small.csv"; printf 'BAD-\xff-ID'; tail -n +3 "$HERE/${f}_small.csv" | head -1; } > "$TMPDIR/utf8.csv"
    python3 -c 'import sys; print("X" * 70000 + ",a")' >> "$TMPDIR/utf8.csv"
    out=$(load $f "$TMPDIR/utf8.csv")
    is "$f: invalid UTF-8 and a 70 KB record are quarantined, the good row loads" \
       "$(json 'd["quarantined_by_reason"].get("invalid_utf8"),d["quarantined_by_reason"].get("record_too_long"),d["loaded"]' <<<"$out")" "(1, 1, 1)"
done

# kill -9 in the middle: no partial batch, and a rerun completes.
python3 - "$TMPDIR/big.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("cluster_id,name,scheme,state_code,district,product,nic_code,traditional,approved_on,"
            "project_cost_rs,grant_rs,cfc_capacity_hours,status\n")
    for i in range(200000):
        f.write("UP-LKO-K%06d,Cluster %d,sfurti,09,Lucknow,Chikan,13992,Y,2019-06-12,%d,%d,600,functional\n"
                % (i, i, 25000000 + i, 20000000 + i))
PY
K=$(store_new k)
$S init --db "$K" 2>/dev/null
$S ingest --db "$K" --batch 500 cluster "$TMPDIR/big.csv" --quiet >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 400); do
    committed=$(store_sql "$K" "select coalesce(max(rows_committed),0) from ingest_file" 2>/dev/null || echo 0)
    [ "${committed:-0}" -ge 2000 ] && break
    sleep 0.01
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
c=$(store_sql "$K" "select rows_committed from ingest_file")
n=$(store_sql "$K" "select count(*) from cluster")
check "the kill came mid-file" test "$c" -gt 0 -a "$c" -lt 200000
is "after kill -9 the table holds exactly the committed batches" "$n" "$c"
is "batches are whole (multiples of 500)" "$((n % 500))" 0
out=$($S ingest --db "$K" cluster "$TMPDIR/big.csv" --json --quiet)
is "the rerun resumes and completes" "$(json 'd["resumed"],d["rows"],d["loaded"],d["quarantined"]' <<<"$out")" "(True, 200000, 200000, 0)"
is "every cluster is there exactly once" "$(store_sql "$K" "select count(*), count(distinct cluster_id) from cluster")" "200000|200000"
is "the file is marked complete" "$(store_sql "$K" "select status from ingest_file")" complete
done_testing
