# Generated feeds through ingest: every injected error is quarantined with
# its own reason and nothing else is (manifest.json is the ground truth).
. "$ROOT/tests/tap.sh"
S=$SAMANVAY
G=$TMPDIR/g
DB=$(store_new g)

$S generate --enterprises 20000 --seed 11 --out "$G" >/dev/null 2>&1
ok $? "generate 20,000 enterprises"
$S init --db "$DB" 2>/dev/null
out=$($S ingest --db "$DB" udyam "$G/udyam.csv" --json --quiet); rc=$?
is "ingest of the generated Udyam feed exits 0" "$rc" 0
cmp=$(python3 - "$G/manifest.json" <<PY
import json, sys
m = json.load(open(sys.argv[1]))
s = json.loads('''$out''')
want = {k: v for k, v in m["injected_errors"]["udyam"].items() if v}
got = s["quarantined_by_reason"]
rows = m["rows"]["udyam"]
print("same" if got == want else "got %s want %s" % (sorted(got.items()), sorted(want.items())))
print(s["rows"] == rows, s["loaded"] + s["quarantined"] == s["rows"], sum(want.values()) > 0)
PY
)
is "quarantine counts by reason equal the manifest's injected errors" "$(sed -n 1p <<<"$cmp")" same
is "every row read, every row loaded or quarantined, some errors injected" "$(sed -n 2p <<<"$cmp")" "True True True"
is "one enterprise row per loaded Udyam row" \
   "$(store_sql "$DB" 'select count(*) from enterprise')" \
   "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["loaded"])' "$out")"
out2=$($S ingest --db "$DB" udyam "$G/udyam.csv" --json --quiet)
is "reloading the generated file changes nothing" \
   "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["inserted"], d["updated"])' "$out2")" "0 0"
done_testing
