# `samanvay eligible --db/--pg`: the whole catalogue over every enterprise in
# a store (the batch stage of the scale run, bench/scale.sh). Its counts must
# add up to the population, match the store's enterprise count, and equal
# the per-scheme eligible counts of `overlap --json`, which reaches the
# same batch evaluator by another path with the same assumed need.
. "$ROOT/tests/tap.sh"
S=$SAMANVAY
G=$TMPDIR/g
P=$ROOT/tests/rules/profiles

$S generate --enterprises 3000 --seed 7 --out "$G" >/dev/null 2>&1
ok $? "generate 3,000 enterprises"
DB=$(store_new batch)
$S init --db "$DB" 2>/dev/null
$S ingest --db "$DB" udyam "$G/udyam.csv" --quiet >/dev/null 2>&1
ok $? "ingest udyam"

$S eligible --db "$DB" --profile "$P/rural_woman_new_unit.json" >/dev/null 2>&1
is "a profile and a store: usage error" "$?" 2
$S eligible --db "$DB" --lang hi >/dev/null 2>&1
is "--lang with a store: usage error" "$?" 2
$S eligible --db "$DB" --on 2025-02-30 >/dev/null 2>&1
is "a bad date: usage error" "$?" 2
$S eligible --db "$TMPDIR/empty.db" >/dev/null 2>&1
is "a file that is no store: exit 2" "$?" 2

$S eligible --db "$DB" --json --on 2026-01-01 >"$TMPDIR/b.json"
ok $? "eligible --db --json exits 0"
$S overlap --db "$DB" --json --on 2026-01-01 >"$TMPDIR/o.json"
ok $? "overlap --json exits 0"
n_db=$(store_sql "$DB" "SELECT count(*) FROM enterprise")
n_cat=$($S schemes list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')

python3 - "$TMPDIR/b.json" "$TMPDIR/o.json" "$n_db" "$n_cat" >"$TMPDIR/check" <<'PY'
import json, sys
b = json.load(open(sys.argv[1])); o = json.load(open(sys.argv[2]))
n_db, n_cat = int(sys.argv[3]), int(sys.argv[4])
def check(name, cond): print("%s %s" % ("ok" if cond else "FAIL", name))
check("as_of is the --on date", b["as_of"] == "2026-01-01")
check("every enterprise in the store is counted", b["enterprises"] == n_db > 2900)
check("every scheme of the catalogue", len(b["schemes"]) == n_cat)
check("each scheme's three counts add up to the population",
      all(s["eligible"] + s["ineligible"] + s["unknown"] == b["enterprises"] for s in b["schemes"]))
check("some scheme has eligible enterprises", any(s["eligible"] > 0 for s in b["schemes"]))
check("the need is overlap's", b["need"] == {"purpose": "working_capital", "amount": 500000})
check("the population is overlap's", b["enterprises"] == o["population"])
check("each scheme's eligible count is overlap's",
      {s["id"]: s["eligible"] for s in b["schemes"]} == {k: v for k, v in o["eligible"].items()})
PY
while read -r res name; do ok "$([ "$res" = ok ] && echo 0 || echo 1)" "$name"; done <"$TMPDIR/check"

out=$($S eligible --db "$DB" --on 2026-01-01)
ok $? "eligible --db prints a table"
is "a header line and a line per scheme" "$(printf '%s\n' "$out" | wc -l)" "$((n_cat + 1))"
like "the header names the population" "$out" "$n_db enterprises"
done_testing
