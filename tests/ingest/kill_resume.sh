# kill_resume.sh: the kill -9 test every feed shares (source it from a .t
# after tap.sh). kill_resume FEED FILE ROWS_SQL [PRE_FEED PRE_FILE] loads
# PRE_FILE first when given (the enterprises a feed points at), then FILE in batches of
# 500, kills the load mid-file, checks that exactly whole batches are
# stored (ROWS_SQL counts the feed's stored rows; with the quarantined rows
# they make the committed rows), resumes it, and compares every table with
# a load of the same file in one go.
kill_resume() {
    local feed=$1 file=$2 rows_sql=$3 K O
    K=$(store_new "kill_$1") O=$(store_new "once_$1")
    local pid committed=0 state c n
    $S init --db "$K" 2>/dev/null
    $S init --db "$O" 2>/dev/null
    if [ $# -ge 5 ]; then
        $S ingest --db "$K" "$4" "$5" --quiet >/dev/null 2>&1
        $S ingest --db "$O" "$4" "$5" --quiet >/dev/null 2>&1
    fi
    $S ingest --db "$K" --batch 500 "$feed" "$file" --quiet >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 1000); do
        committed=$(store_sql "$K" "select coalesce(max(rows_committed),0) from ingest_file where feed = '$feed'" 2>/dev/null || echo 0)
        [ "${committed:-0}" -ge 2000 ] && break
        sleep 0.005
    done
    kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
    state=$(store_sql "$K" "select rows_committed, status from ingest_file where feed = '$feed'")
    c=${state%%|*}
    n=$(store_sql "$K" "select ($rows_sql) + (select count(*) from quarantine where feed = '$feed')")
    check "$feed: the kill came mid-file" test "$c" -gt 0 -a "$state" != "$c|complete"
    is "$feed: after kill -9 the tables hold exactly the committed rows" "$n" "$c"
    is "$feed: batches are whole (multiples of 500)" "$((n % 500))" 0
    out=$($S ingest --db "$K" "$feed" "$file" --json --quiet)
    is "$feed: the rerun resumes and completes" \
       "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["resumed"], d["loaded"] + d["quarantined"] == d["rows"])' "$out")" "True True"
    $S ingest --db "$O" "$feed" "$file" --quiet >/dev/null 2>&1
    local dump="select * from gst_return order by 1,2,3; select * from credit_facility order by 1;
                select * from credit_status order by 1,2; select * from skilling_record order by 1;
                select id, udyam, pan, name, state, src_feed, src_file, src_row from enterprise order by id;
                select * from enterprise_gstin order by 1; select * from beneficiary order by 1;
                select row_no, reason_code, reason from quarantine order by 1, 2, 3;
                select rows_committed, inserted, updated, unchanged, quarantined, linked, new_entities, status from ingest_file order by id"
    is "$feed: killed and resumed gives the same tables and counts as one load" \
       "$(store_sql "$K" "$dump" | md5sum)" "$(store_sql "$O" "$dump" | md5sum)"
}
