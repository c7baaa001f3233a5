# samanvay eligible: the contract (DESIGN.md §5) and hand-written profiles
# whose outcomes the guidelines give (domain.md §3 for the figures).
. "$ROOT/tests/tap.sh"
S=$SAMANVAY
P=$ROOT/tests/rules/profiles

q() { # q FILE.json PYTHON-EXPR: evaluate over the eligible JSON (d; s = schemes by id)
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = {x["id"]: x for x in d["schemes"]}
print(eval(sys.argv[2]))' "$1" "$2"
}

$S eligible --profile "$P/rural_woman_new_unit.json" --json > "$TMPDIR/w.json"; ok $? "eligible --json exits 0"
n_cat=$($S schemes list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
is "every scheme of the catalogue is listed" "$(q "$TMPDIR/w.json" 'len(d["schemes"])')" "$n_cat"
is "class and as_of" "$(q "$TMPDIR/w.json" 'd["class"], d["as_of"]')" "('micro', '2024-06-01')"
is "every scheme has the contract keys" "$(q "$TMPDIR/w.json" 'all({"id","status","score","benefit","reasons","missing"} <= set(x) and {"kind","amount","rate"} <= set(x["benefit"]) for x in d["schemes"])')" True
is "statuses are ordered eligible, unknown, ineligible" "$(q "$TMPDIR/w.json" '[x["status"] for x in d["schemes"]] == sorted([x["status"] for x in d["schemes"]], key=["eligible","unknown","ineligible"].index)')" True
is "scores descend within a status" "$(q "$TMPDIR/w.json" 'all(a["score"] >= b["score"] for a, b in zip(d["schemes"], d["schemes"][1:]) if a["status"] == b["status"])')" True
is "every reason cites a source URL" "$(q "$TMPDIR/w.json" 'all(r["source"].startswith("http") for x in d["schemes"] for r in x["reasons"] if not r["criterion"].startswith("unconfirmed"))')" True

# PMEGP guideline table: special category (SC, woman) in a rural area gets 35% of a ₹15 lakh project.
is "PMEGP: rural woman, SC, new ₹15 lakh unit → 35% = ₹5,25,000" \
   "$(q "$TMPDIR/w.json" 's["pmegp"]["status"], s["pmegp"]["benefit"]["amount"], s["pmegp"]["benefit"]["rate"]')" "('eligible', 525000, 0.35)"
is "PMEGP ranks first for a new unit" "$(q "$TMPDIR/w.json" 'd["schemes"][0]["id"]')" pmegp
is "Stand-Up India: woman, SC, greenfield, ₹10 lakh to ₹1 crore → eligible" "$(q "$TMPDIR/w.json" 's["standup_india"]["status"]')" eligible
is "MUDRA: ₹15 lakh is above the ₹10 lakh limit in force in June 2024" "$(q "$TMPDIR/w.json" 's["pmmy"]["status"], [r["criterion"] for r in s["pmmy"]["reasons"] if r["result"] == "fail"][0]')" "('ineligible', 'within_ceiling')"
is "CGTMSE: women-owned → 85% cover" "$(q "$TMPDIR/w.json" 's["cgtmse"]["benefit"]["rate"]')" 0.85
is "Samadhaan: no Udyam registration → ineligible" "$(q "$TMPDIR/w.json" 's["samadhaan"]["status"]')" ineligible

$S eligible --profile "$P/urban_services_working_capital.json" --json > "$TMPDIR/m.json"; ok $? "second profile"
is "MUDRA Tarun: ₹8 lakh working capital for a proprietorship → eligible, the whole loan" "$(q "$TMPDIR/m.json" 's["pmmy"]["status"], s["pmmy"]["benefit"]["amount"]')" "('eligible', 800000)"
is "CGTMSE: general category, not NER → 75% cover of ₹8 lakh = ₹6,00,000" "$(q "$TMPDIR/m.json" 's["cgtmse"]["benefit"]["rate"], s["cgtmse"]["benefit"]["amount"]')" "(0.75, 600000)"
is "PMEGP: an existing unit cannot take a first PMEGP loan" "$(q "$TMPDIR/m.json" 's["pmegp"]["status"]')" ineligible
is "Samadhaan: a micro supplier with Udyam → eligible" "$(q "$TMPDIR/m.json" 's["samadhaan"]["status"]')" eligible
is "Stand-Up India is not in force in June 2025 (lapsed 31 March 2025)" "$(q "$TMPDIR/m.json" 's["standup_india"]["reasons"][0]["criterion"]')" in_force

# --on overrides the profile's date; Hindi reasons
$S eligible --profile "$P/urban_services_working_capital.json" --on 2024-06-01 --json > "$TMPDIR/on.json"
is "--on overrides as_of" "$(q "$TMPDIR/on.json" 'd["as_of"]')" 2024-06-01
$S eligible --profile "$P/rural_woman_new_unit.json" --json --lang hi > "$TMPDIR/hi.json"
check "--lang hi gives Hindi reasons" grep -q "परियोजना" "$TMPDIR/hi.json"

# Unknown facts: the missing ones are named
python3 - "$P/rural_woman_new_unit.json" "$TMPDIR/partial.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
del d["owner"]["education"]; d["need"]["amount"] = 1500000
json.dump(d, open(sys.argv[2], "w"))
PY
$S eligible --profile "$TMPDIR/partial.json" --json > "$TMPDIR/p.json"
is "PMEGP above ₹10 lakh without the owner's education → unknown, asks for it" "$(q "$TMPDIR/p.json" 's["pmegp"]["status"], s["pmegp"]["missing"]')" "('unknown', ['owner.education'])"

# A malformed profile: exit 2 and every bad field listed
printf '{"enterprise":{"turnover":"big","activity":"farming","state":27},"owner":{"age":-1}}' > "$TMPDIR/bad.json"
err=$($S eligible --profile "$TMPDIR/bad.json" 2>&1 >/dev/null); rc=$?
is "a malformed profile exits 2" "$rc" 2
for f in enterprise.turnover enterprise.activity enterprise.state owner.age; do
    check "the error names $f" grep -q "$f" <<<"$err"
done
printf '{"enterprise": {' > "$TMPDIR/broken.json"
err=$($S eligible --profile "$TMPDIR/broken.json" 2>&1 >/dev/null); rc=$?
is "broken JSON exits 2" "$rc" 2
check "with line and column" grep -qE 'broken.json:[0-9]+:[0-9]+' <<<"$err"
$S eligible 2>/dev/null; is "no --profile: exit 2" "$?" 2
done_testing
