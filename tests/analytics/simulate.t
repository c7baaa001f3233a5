# `samanvay simulate` end to end on a generated store (20,000 enterprises,
# seed 7): every file in scenarios/ runs; the JSON contract; the model's
# arithmetic recomputed from the JSON (beneficiaries, cost, budget scale,
# shares, the fall flag, reservations); what is checked against the
# database itself; and bad input refused with exit 2.
. "$ROOT/tests/tap.sh"
S=$SAMANVAY
G=$TMPDIR/g; DB=$(store_new g)
q() { store_sql "$DB" "$1"; }

$S generate --enterprises 20000 --seed 7 --out "$G" >/dev/null 2>&1
ok $? "generate 20,000 enterprises"
$S init --db "$DB" >/dev/null 2>&1
for f in udyam cluster cluster_member; do
    $S ingest --db "$DB" $f "$G/$f.csv" --quiet >/dev/null 2>&1 || break
done
ok $? "ingest udyam and the cluster feeds"

n=0
for f in "$ROOT"/scenarios/*.yaml; do
    b=$(basename "$f" .yaml)
    $S simulate "$f" --db "$DB" --json >"$TMPDIR/$b.json" 2>"$TMPDIR/$b.err"
    ok $? "simulate $b exits 0"
    out=$($S simulate "$f" --db "$DB" 2>&1)
    like "simulate $b prints a summary" "$out" "beneficiaries"
    n=$((n + 1))
done
ok "$([ "$n" -ge 4 ]; echo $?)" "the four NITI scenarios ship ($n files)"

enterprises=$(q "select count(*) from enterprise")
traditional=$(q "select count(distinct m.enterprise_id) from cluster_member m join cluster c on c.cluster_id = m.cluster_id where c.traditional = 1")
python3 - "$TMPDIR" "$enterprises" "$traditional" >"$TMPDIR/check" <<'PY'
import glob, json, os, sys
tmp, enterprises, traditional = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def check(name, cond): print("%s %s" % ("ok" if cond else "FAIL", name))
groups = ["women", "sc_st", "ner", "traditional", "rural"]
for path in sorted(glob.glob(os.path.join(tmp, "niti_*.json"))):
    j = json.load(open(path)); sid = j["scenario"]
    check("%s: contract keys" % sid, set(j) >= {"scenario", "as_of", "before", "after", "groups", "burden", "schemes"})
    check("%s: burden keys" % sid, set(j["burden"]) == {"fields_before", "fields_after", "documents_before", "documents_after"})
    check("%s: five groups in order" % sid, [g["group"] for g in j["groups"]] == groups)
    check("%s: every enterprise read" % sid, j["model"]["enterprises"] == enterprises)
    scale = enterprises / j["model"]["population"]
    check("%s: budget scale = store / population" % sid, abs(j["model"]["budget_scale"] - scale) < 1e-9)
    before = [s for s in j["schemes"] if s["side"] == "before"]
    after = [s for s in j["schemes"] if s["side"] == "after"]
    text = open(os.path.join(os.environ["ROOT"], "scenarios", sid + ".yaml")).read()
    merges = "- merge:" in text
    if merges:
        check("%s: fewer schemes after a merger" % sid, len(after) < len(before))
    else:
        check("%s: as many schemes after (components move, schemes stay)" % sid, len(after) == len(before))
    moved = [c["budget"] for c in j["components"]]
    check("%s: money moved out = money moved in = the components'" % sid,
          abs(sum(u["moved_out"] for u in after) - sum(moved)) < 0.01 * (1 + len(moved))
          and abs(sum(u["moved_in"] for u in after) - sum(moved)) < 0.01 * (1 + len(moved)))
    if "param: budget" not in text:
        check("%s: moves and mergers keep the total budget" % sid,
              abs(j["after"]["budget"] - j["before"]["budget"]) < 0.01 * len(j["schemes"]))
    for side, units in (("before", before), ("after", after)):
        tot = j[side]
        b = sum(u["beneficiaries"] for u in units)
        check("%s %s: beneficiaries add up" % (sid, side), abs(b - tot["beneficiaries"]) < 1e-5)
        check("%s %s: cost within budget" % (sid, side), tot["cost"] <= tot["budget"] + 0.01 * len(units))
        check("%s %s: distinct eligible <= store" % (sid, side), tot["eligible"] <= enterprises)
        check("%s %s: eligible_sum = pools" % (sid, side), tot["eligible_sum"] == sum(u["eligible"] for u in units))
        for u in units:
            # served = min(pool x take-up, budget / unit benefit)
            want = min(u["eligible"] * u["take_up"], u["budget"] / u["unit_benefit"])
            check("%s %s %s: beneficiaries = min(pool x take-up, budget / benefit)" % (sid, side, u["id"]),
                  abs(u["beneficiaries"] - want) <= 1e-5 + 1e-6 * want)
            check("%s %s %s: cost = beneficiaries x benefit" % (sid, side, u["id"]),
                  abs(u["cost"] - want * u["unit_benefit"]) <= 1e-5 * u["unit_benefit"] + 0.01)
            check("%s %s %s: certain <= pool" % (sid, side, u["id"]), u["eligible_certain"] <= u["eligible"])
            for r in u["reservations"]:
                share = u["beneficiaries_by_group"][r["group"]] * u["unit_benefit"] / u["budget"]
                check("%s %s: reservation %s honoured" % (sid, u["id"], r["group"]), r["honoured"])
                check("%s %s: reserved group gets its budget share" % (sid, u["id"]), share >= r["share"] - 1e-3)
    # union: a merged scheme's pool is at least its largest member's
    for u in after:
        members = [s for s in before if s["id"] in u["members"]]
        check("%s %s: merged pool >= largest member pool" % (sid, u["id"]),
              len(members) < 2 or u["eligible"] >= max(m["eligible"] for m in members) or "narrow" in open(path).read())
        check("%s %s: burden after <= burden before" % (sid, u["id"]),
              u["fields"] <= sum(m["fields"] for m in members) and u["documents"] <= sum(m["documents"] for m in members))
    if merges:
        check("%s: burden removed" % sid, j["burden"]["fields_after"] + j["burden"]["documents_after"]
              < j["burden"]["fields_before"] + j["burden"]["documents_before"])
    else:
        check("%s: burden not raised" % sid, j["burden"]["fields_after"] <= j["burden"]["fields_before"]
              and j["burden"]["documents_after"] <= j["burden"]["documents_before"])
    for g in j["groups"]:
        fb = sum(u["beneficiaries_by_group"][g["group"]] for u in before)
        fa = sum(u["beneficiaries_by_group"][g["group"]] for u in after)
        sb = fb / j["before"]["beneficiaries"] if j["before"]["beneficiaries"] else 0
        sa = fa / j["after"]["beneficiaries"] if j["after"]["beneficiaries"] else 0
        check("%s %s: shares recomputed" % (sid, g["group"]),
              abs(sb - g["before_share"]) < 1e-4 and abs(sa - g["after_share"]) < 1e-4)
        check("%s %s: falls = after < before - tolerance" % (sid, g["group"]),
              g["falls"] == (g["after_share"] < g["before_share"] - j["model"]["tolerance"] - 1e-4)
              or abs(g["after_share"] - (g["before_share"] - j["model"]["tolerance"])) < 2e-4)
    t = [g for g in j["groups"] if g["group"] == "traditional"][0]
    check("%s: traditional eligible <= traditional cluster members" % sid, t["eligible_before"] <= traditional)
s = json.load(open(os.path.join(tmp, "niti_sfurti_into_mse_cdp.json")))
t = [g for g in s["groups"] if g["group"] == "traditional"][0]
check("sfurti merger: traditional share after >= the 15% reserved", t["after_share"] >= 0.15 - 1e-4)
check("sfurti merger: cited budgets (362 + 410 crore) scaled",
      abs(s["after"]["budget"] - 7720000000 * s["model"]["budget_scale"]) < 1)
k = json.load(open(os.path.join(tmp, "niti_skilling_under_esdp.json")))
esdp = [u for u in k["schemes"] if u["id"] == "esdp"]
check("skilling: ESDP after = ESDP before + 2% of PMEGP + 50% of IC + 25% of PMS",
      abs(esdp[1]["budget"] - esdp[0]["budget"] - (0.02 * 27108840000 + 0.5 * 200000000 + 0.25 * 400000000)
          * k["model"]["budget_scale"]) < 0.05)
PY
grep -E '^(ok|FAIL) ' "$TMPDIR/check" | while read -r verdict name; do ok "$([ "$verdict" = ok ]; echo $?)" "$name"; done
ok "$([ "$(grep -c '' "$TMPDIR/check")" -ge 100 ]; echo $?)" "the JSON checks ran"

# A rule parameter changed: PMEGP's ceiling for services (and trading)
# raised from ₹20 to ₹30 lakh for a new unit of ₹25 lakh. The pool grows
# by exactly the non-manufacturing units of an applicant constitution
# (the ceiling is the only rule that changes; the others the store cannot
# decide stay unknown, in the pool on both sides).
cat >"$TMPDIR/ceiling.yaml" <<'EOF'
id: pmegp_ceiling
title: PMEGP services ceiling ₹30 lakh
title_hi: पीएमईजीपी सेवा सीमा ₹30 लाख
as_of: 2026-01-15
sources: [https://msme.gov.in/1-prime-ministers-employment-generation-programme-pmegp]
budget: {pmegp: 27108840000}
unit_benefit: {pmegp: 279000}
need: {pmegp: {purpose: new_unit, amount: 2500000}}
actions:
  - set: {scheme: pmegp, rule_param: ceiling_services, value: 30 lakh}
EOF
$S simulate "$TMPDIR/ceiling.yaml" --db "$DB" --json >"$TMPDIR/ceiling.json"
ok $? "a rule parameter set: exit 0"
grow=$(q "select count(*) from enterprise where activity in ('services', 'trading')
          and constitution in ('proprietorship', 'shg', 'society', 'cooperative', 'trust')")
got=$(python3 -c "import json,sys; j=json.load(open(sys.argv[1])); s=j['schemes']; print(s[1]['eligible'] - s[0]['eligible'], j['rule_params'][0]['before'], j['rule_params'][0]['after'])" "$TMPDIR/ceiling.json")
is "raising the ceiling adds the $grow non-manufacturing applicants to the pool" "$got" "$grow ₹20,00,000 ₹30,00,000"
sed 's/value: 30 lakh/value: 30%/' "$TMPDIR/ceiling.yaml" >"$TMPDIR/bad3.yaml"
err=$($S simulate "$TMPDIR/bad3.yaml" --db "$DB" 2>&1 >/dev/null); st=$?
is "a rule parameter of the wrong kind: exit 2" "$st" 2
like "and the error has file:line:column" "$err" "bad3.yaml:10:63: ceiling_services of pmegp is an amount"

# Bad input: exit 2 with one line naming the place.
$S simulate --db "$DB" >/dev/null 2>&1
is "no scenario: usage error" "$?" 2
$S simulate "$ROOT/scenarios/niti_marketing_wing.yaml" >/dev/null 2>&1
is "no --db: usage error" "$?" 2
$S simulate "$TMPDIR/none.yaml" --db "$DB" >/dev/null 2>&1
is "missing file: exit 2" "$?" 2
sed 's/share: 0.15/share: 1.15/' "$ROOT/scenarios/niti_sfurti_into_mse_cdp.yaml" >"$TMPDIR/bad.yaml"
err=$($S simulate "$TMPDIR/bad.yaml" --db "$DB" 2>&1 >/dev/null); st=$?
is "share above 1: exit 2" "$st" 2
like "and the error has file:line:column" "$err" "bad.yaml:48:59: share must be from 0 to 1"
sed 's/  sfurti: 3620000000/  sfurti_x: 3620000000/' "$ROOT/scenarios/niti_sfurti_into_mse_cdp.yaml" >"$TMPDIR/bad2.yaml"
err=$($S simulate "$TMPDIR/bad2.yaml" --db "$DB" 2>&1 >/dev/null); st=$?
is "unknown scheme: exit 2" "$st" 2
like "and names it" "$err" "unknown scheme 'sfurti_x'"
if [ -w /dev/full ]; then
    $S simulate "$ROOT/scenarios/niti_marketing_wing.yaml" --db "$DB" --json >/dev/full 2>/dev/null
    is "a failed write: exit 2" "$?" 2
fi
done_testing
