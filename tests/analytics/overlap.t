# `samanvay overlap --json [--awareness]` on a generated set (20,000
# enterprises, seed 7): usage errors, the contract keys, every pair's counts
# consistent with the per-scheme sets, beneficiary overlap recomputed here
# from the database, double-funding alerts equal to the generator's truth
# (every pair of its rows that loaded and linked), the window option, and
# the awareness gap's totals, segments (traditional: members of the
# traditional clusters) and small cells. docs/overlap.md.
. "$ROOT/tests/tap.sh"
S=$SAMANVAY
G=$TMPDIR/g; DB=$(store_new g)

$S generate --enterprises 20000 --seed 7 --out "$G" >/dev/null 2>&1
ok $? "generate 20,000 enterprises"
$S init --db "$DB" 2>/dev/null
for f in udyam beneficiary cluster cluster_member; do
    $S ingest --db "$DB" $f "$G/$f.csv" --quiet >/dev/null 2>&1 || break
done
ok $? "ingest udyam, the beneficiary lists and the clusters"

$S overlap >/dev/null 2>&1
is "overlap without --db: usage error" "$?" 2
$S overlap --db "$DB" --window-days -3 >/dev/null 2>&1
is "a negative window: usage error" "$?" 2
$S overlap --db "$DB" --window-days 12x >/dev/null 2>&1
is "a window that is not a number: usage error" "$?" 2
$S overlap --db "$DB" --purpose holiday >/dev/null 2>&1
is "an unknown purpose: usage error" "$?" 2
$S overlap --db "$DB" --amount lots >/dev/null 2>&1
is "an amount that is not one: usage error" "$?" 2
unk=$($S overlap --db "$DB" --json --purpose unknown --amount unknown | python3 -c 'import json,sys; print(json.load(sys.stdin)["need"])')
is "--purpose unknown: no need assumed" "$unk" "{'purpose': None, 'amount': None}"
$S overlap --db "$DB" extra >/dev/null 2>&1
is "a stray argument: usage error" "$?" 2
$S overlap --db "$DB" --on 2025-13-01 >/dev/null 2>&1
is "a bad date: usage error" "$?" 2
if [ -w /dev/full ]; then
    $S overlap --db "$DB" --json >/dev/full 2>/dev/null
    is "overlap --json to a full disk: exit 2" "$?" 2
else
    ok 0 "/dev/full is missing: cannot test a failing write"
fi

$S overlap --db "$DB" --json --awareness --on 2026-01-01 >"$TMPDIR/o.json"
ok $? "overlap --json --awareness exits 0"
$S overlap --db "$DB" --json --on 2026-01-01 --window-days 180 >"$TMPDIR/o180.json"
ok $? "overlap --window-days 180 exits 0"
out=$($S overlap --db "$DB" --awareness --on 2026-01-01); ok $? "overlap prints a summary"
like "the summary counts the alerts" "$out" "double funding alerts"
like "and the awareness gap" "$out" "awareness gap"

python3 - "$TMPDIR/o.json" "$TMPDIR/o180.json" "$DB" "$G" "$ROOT/tests/analytics" >"$TMPDIR/check" <<'PY'
import csv, datetime, json, sys; sys.path.insert(0, sys.argv[5]); import store_db
o = json.load(open(sys.argv[1])); o180 = json.load(open(sys.argv[2]))
db = store_db.connect(sys.argv[3]); G = sys.argv[4]
def check(name, cond): print("%s %s" % ("ok" if cond else "FAIL", name))

check("top-level keys", set(o) >= {"as_of", "population", "window_days", "schemes", "eligible", "possible",
                                  "availed", "eligibility", "eligibility_possible", "objective",
                                  "beneficiary", "double_funding", "awareness"})
check("without --awareness no awareness", "awareness" not in o180)
check("the need assumed by default: working capital of 5 lakh",
      o["need"] == {"purpose": "working_capital", "amount": 500000})
check("as_of", o["as_of"] == "2026-01-01")
check("window 365 by default, 180 when asked", o["window_days"] == 365 and o180["window_days"] == 180)
pop = db.execute("SELECT COUNT(*) FROM enterprise").fetchone()[0]
check("population is every enterprise", o["population"] == pop)
ids = o["schemes"]
n = len(ids)
check("every scheme of the catalogue", n >= 25 and ids == sorted(ids))
for key in ("eligibility", "eligibility_possible", "objective", "beneficiary"):
    check("%s: one entry per pair" % key, len(o[key]) == n * (n - 1) // 2)
    check("%s: pairs a < b in order" % key,
          [(p["a"], p["b"]) for p in o[key]] == [(ids[i], ids[j]) for i in range(n) for j in range(i + 1, n)])

def consistent(pairs, counts):
    for p in pairs:
        a, b = counts[p["a"]], counts[p["b"]]
        if p["either"] != a + b - p["both"] or p["both"] > min(a, b):
            return False
        if abs(p["jaccard"] - (p["both"] / p["either"] if p["either"] else 0)) > 1e-9:
            return False
    return True
check("eligibility pairs agree with the eligible counts", consistent(o["eligibility"], o["eligible"]))
check("possible pairs agree with the possible counts", consistent(o["eligibility_possible"], o["possible"]))
check("beneficiary pairs agree with the availed counts", consistent(o["beneficiary"], o["availed"]))
check("eligible within possible", all(o["eligible"][s] <= o["possible"][s] <= pop for s in ids))
check("someone is eligible for something", sum(o["eligible"].values()) > 0)

# availed: recomputed from the linked list rows (the generated set has no applications)
avail = dict(db.execute("SELECT scheme, COUNT(DISTINCT enterprise_id) FROM beneficiary"
                        " WHERE enterprise_id IS NOT NULL GROUP BY scheme").fetchall())
check("availed per scheme = distinct linked enterprises per list",
      all(o["availed"][s] == avail.get(s, 0) for s in ids))
both = {(a, b): c for a, b, c in db.execute(
    "SELECT x.scheme, y.scheme, COUNT(DISTINCT x.enterprise_id) FROM beneficiary x JOIN beneficiary y"
    " ON x.enterprise_id = y.enterprise_id AND x.scheme < y.scheme GROUP BY x.scheme, y.scheme")}
check("beneficiary overlap = enterprises on both lists (SQL)",
      all(p["both"] == both.get((p["a"], p["b"]), 0) for p in o["beneficiary"]))
check("some enterprises availed two schemes", sum(p["both"] for p in o["beneficiary"]) > 50)

# objective overlap: pmegp and pmmy are both credit schemes
op = {(p["a"], p["b"]): p for p in o["objective"]}
check("pmegp and pmmy share the credit objective", "credit" in op[("pmegp", "pmmy")]["objectives"])
check("objective Jaccard within [0,1]", all(0 <= p["jaccard"] <= 1 for p in o["objective"]))

# double funding against the generator's truth: every truth pair whose two
# rows loaded and were linked to the same enterprise, and nothing else
linked = {r: e for r, e in db.execute("SELECT list_ref, enterprise_id FROM beneficiary"
                                     " WHERE enterprise_id IS NOT NULL")}
truth = list(csv.DictReader(open(G + "/truth/double_funding.csv")))
check("the generator made double funding", len(truth) > 300)
want = {frozenset((t["list_ref_a"], t["list_ref_b"])) for t in truth
        if t["list_ref_a"] in linked and linked.get(t["list_ref_a"]) == linked.get(t["list_ref_b"])}
got = {frozenset((a["a"]["ref"], a["b"]["ref"])) for a in o["double_funding"]}
check("every truth pair that loaded and linked is alerted (%d)" % len(want), want <= got)
# An alert beyond the truth can only come from a false link: a row the
# linker gave to an enterprise the generator did not make it for.
true_link = {r["list_ref"]: r["udyam_number"] for r in csv.DictReader(open(G + "/truth/beneficiary_links.csv"))}
udyam = dict(db.execute("SELECT id, udyam FROM enterprise"))
def falsely_linked(ref):
    return true_link.get(ref, "") != udyam.get(linked[ref])
extra = got - want
check("alerts beyond the truth (%d) each rest on a false link" % len(extra),
      all(any(falsely_linked(r) for r in pair) for pair in extra))
check("false-link alerts are rare", len(extra) <= len(want) // 50)
al = o["double_funding"]
check("alert keys", all(set(a) >= {"enterprise_id", "purpose", "days", "a", "b"}
                        and set(a["a"]) >= {"scheme", "amount", "on", "ref"} for a in al))
check("alerts: two schemes, one purpose, within the window",
      all(a["a"]["scheme"] != a["b"]["scheme"] and 0 <= a["days"] <= 365 for a in al))
def days(a):
    d = lambda s: datetime.date.fromisoformat(s)
    return (d(a["b"]["on"]) - d(a["a"]["on"])).days
check("days = the dates' difference", all(days(a) == a["days"] for a in al))
check("amounts in rupees", all(isinstance(a["a"]["amount"], (int, float)) and a["a"]["amount"] > 0 for a in al))
w180 = {frozenset((a["a"]["ref"], a["b"]["ref"])) for a in o180["double_funding"]}
check("a 180-day window keeps exactly the alerts within 180 days",
      w180 == {frozenset((a["a"]["ref"], a["b"]["ref"])) for a in al if a["days"] <= 180} and len(w180) < len(al))

# awareness
aw = o["awareness"]
check("awareness keys", set(aw) >= {"min_cell", "total", "segments", "schemes", "districts"})
check("segments", set(aw["segments"]) == {"women", "sc_st", "rural", "ner", "traditional"})
trad = db.execute("SELECT COUNT(DISTINCT m.enterprise_id) FROM cluster_member m JOIN cluster c"
                  " ON c.cluster_id = m.cluster_id WHERE c.traditional = 1").fetchone()[0]
check("traditional: every member of a traditional cluster (%d)" % trad,
      trad >= 5 and aw["segments"]["traditional"]["enterprises"] == trad)
check("the total covers the population", aw["total"]["enterprises"] == pop)
check("gap within eligible", aw["total"]["gap"] <= aw["total"]["eligible"])
ds = aw["districts"]
check("districts' enterprises sum to the population",
      sum(d["enterprises"] or 0 for d in ds) + sum(1 for d in ds if d["enterprises"] is None) <= pop
      and sum(d["enterprises"] or 0 for d in ds) >= pop - 4 * sum(1 for d in ds if d["enterprises"] is None))
check("no published count is below 5", all(v is None or v == 0 or v >= 5
      for d in ds for v in (d["enterprises"], d["eligible"], d["gap"], d["gap_pairs"], d["eligible_pairs"])))
check("a withheld gap withholds its pairs", all(d["gap_pairs"] is None for d in ds if d["gap"] is None))
check("pair gap rate = gap pairs / eligible pairs", all(
      d["pair_gap_rate"] is None or abs(d["pair_gap_rate"] - d["gap_pairs"] / d["eligible_pairs"]) < 1e-9
      for d in ds))
check("someone took a scheme up: a pair rate below 1", any((d["pair_gap_rate"] or 1) < 1 for d in ds))
check("small cells are withheld, not dropped", any(d["gap"] is None for d in ds))
check("withheld gap: no rate either", all(d["gap_rate"] is None for d in ds if d["gap"] is None))
women = db.execute("SELECT COUNT(*) FROM enterprise WHERE owner_gender = 'female'").fetchone()[0]
check("women: every woman-owned enterprise", aw["segments"]["women"]["enterprises"] == women)
rural = db.execute("SELECT COUNT(*) FROM enterprise WHERE area = 'rural'").fetchone()[0]
check("rural: every rural enterprise", aw["segments"]["rural"]["enterprises"] == rural)
check("schemes: gap within eligible", all((s["gap"] or 0) <= (s["eligible"] or 0) or s["eligible"] is None
                                          for s in aw["schemes"]))
PY
ok $? "the JSON checks ran to the end"
while read -r verdict name; do
    if [ "$verdict" = ok ]; then ok 0 "$name"; else ok 1 "$name"; fi
done <"$TMPDIR/check"

done_testing
