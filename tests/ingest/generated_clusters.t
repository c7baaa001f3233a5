# The generated cluster feeds through ingest: after the Udyam feed, each of
# cluster, cluster_member and cfc_usage quarantines exactly the errors the
# generator injected (manifest.json), members link to their enterprises,
# and reloading every file changes nothing. Two sets: the 4,000-enterprise
# one injects no member or usage errors, the 40,000-enterprise one injects
# every reason of all three feeds.
. "$ROOT/tests/tap.sh"
S=$SAMANVAY
q() { store_sql "$DB" "$1"; }

compare() { # compare FEED JSON: the manifest's view of one feed's summary
    python3 - "$G/manifest.json" "$1" "$2" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
feed, s = sys.argv[2], json.loads(sys.argv[3])
want = {k: v for k, v in m["injected_errors"][feed].items() if v}
got = s["quarantined_by_reason"]
print("same" if got == want else "got %s want %s" % (sorted(got.items()), sorted(want.items())))
print(s["rows"] == m["rows"][feed], s["loaded"] + s["quarantined"] == s["rows"], s["loaded"] > 0)
PY
}

# The cluster tables and the quarantine count, updated_at left out.
dump() { q "select * from cluster order by 1; select * from cluster_member order by 1, 2; select * from cfc_usage order by 1, 2; select count(*) from quarantine" | sed 's/|20[0-9-]*T[0-9:]*Z$//'; }

run_set() { # run_set ENTERPRISES SEED
    local n=$1 seed=$2 f out rc cmp loaded before sum_cluster sum_member sum_usage
    G=$TMPDIR/g$n; DB=$(store_new g$n)
    $S generate --enterprises $n --seed $seed --out "$G" >/dev/null 2>&1
    ok $? "generate $n enterprises (seed $seed)"
    $S init --db "$DB" 2>/dev/null
    $S ingest --db "$DB" udyam "$G/udyam.csv" --quiet >/dev/null 2>&1
    ok $? "$n: ingest the generated Udyam feed"
    for f in cluster cluster_member cfc_usage; do
        out=$($S ingest --db "$DB" $f "$G/$f.csv" --json --quiet); rc=$?
        is "$n $f: exit 0" "$rc" 0
        cmp=$(compare $f "$out")
        is "$n $f: quarantine by reason equals the manifest's injected errors" "$(sed -n 1p <<<"$cmp")" same
        is "$n $f: every row read and loaded or quarantined" "$(sed -n 2p <<<"$cmp")" "True True True"
        case $f in cluster) sum_cluster=$out ;; cluster_member) sum_member=$out ;; *) sum_usage=$out ;; esac
    done
    is "$n cluster rows create no enterprise and link nothing" \
       "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["linked"], d["new_entities"])' "$sum_cluster")" "0 0"
    loaded=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["loaded"])' "$sum_member")
    is "$n cluster_member: linked equals the member rows loaded" \
       "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["linked"], d["new_entities"])' "$sum_member")" "$loaded 0"
    is "$n: one cluster_member row per loaded member row" "$(q 'select count(*) from cluster_member')" "$loaded"
    is "$n: every member's enterprise carries the member's Udyam number" \
       "$(q 'select count(*) from cluster_member m join enterprise e on e.id = m.enterprise_id and e.udyam = m.udyam')" "$loaded"
    is "$n: one cfc_usage row per loaded usage row" "$(q 'select count(*) from cfc_usage')" \
       "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["loaded"])' "$sum_usage")"

    before=$(dump)
    for f in udyam cluster cluster_member cfc_usage; do
        out=$($S ingest --db "$DB" $f "$G/$f.csv" --json --quiet)
        is "$n $f: reloading changes nothing" \
           "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["inserted"], d["updated"], d["unchanged"] == d["loaded"])' "$out")" "0 0 True"
        is "$n $f: the reload quarantines the same rows" "$(compare $f "$out" | head -1)" same
    done
    is "$n: reloads leave every cluster table as it was" "$(dump)" "$before"
}

run_set 4000 11
run_set 40000 5
is "the 40,000 set injected every reason of the three feeds" \
   "$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(all(v > 0 for f in ("cluster","cluster_member","cfc_usage") for v in m["injected_errors"][f].values()))' "$TMPDIR/g40000/manifest.json")" True
done_testing
