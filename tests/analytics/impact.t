# `samanvay impact` end to end on generated data (docs/impact.md): generate
# 20,000 enterprises (seed 7), build a store from the udyam, gst, credit and
# beneficiary feeds, estimate with 200 bootstrap draws, and check the JSON
# contract (DESIGN.md §5), that every conclusive scheme's 95% interval holds
# the manifest's true effect, the inconclusive rule, the placebo, balance,
# suppression of small cells, time to benefit, and determinism by seed.
# Then the EPFO feed is loaded and a short run (20 draws) checks the
# employment rows (docs/impact.md §5) against true_effects_employment.
. "$ROOT/tests/tap.sh"
S=$SAMANVAY
G=$TMPDIR/g; DB=$(store_new g)

$S generate --enterprises 20000 --seed 7 --out "$G" >/dev/null 2>&1
ok $? "generate 20,000 enterprises"
$S init --db "$DB" >/dev/null 2>&1
for f in udyam gst credit beneficiary; do
    $S ingest --db "$DB" $f "$G/$f.csv" --quiet >/dev/null 2>&1 || break
done
ok $? "ingest udyam, gst, credit and beneficiary"

$S impact >/dev/null 2>&1
is "impact without --db: usage error" "$?" 2
$S impact --db "$DB" --draws -1 >/dev/null 2>&1
is "a negative --draws: usage error" "$?" 2
$S impact --db "$DB" --draws 10x 2>"$TMPDIR/err" >/dev/null
is "a non-number --draws: usage error" "$?" 2
like "and says which option" "$(cat "$TMPDIR/err")" "--draws"
$S impact --db "$DB" extra >/dev/null 2>&1
is "an extra argument: usage error" "$?" 2
EMPTY=$(store_new empty)
$S init --db "$EMPTY" >/dev/null 2>&1
is "an empty store: no schemes, exit 0" \
   "$($S impact --db "$EMPTY" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["schemes"])')" "[]"
if [ -w /dev/full ]; then
    $S impact --db "$DB" --draws 0 --json >/dev/full 2>/dev/null
    is "impact --json to a full disk: exit 2" "$?" 2
else
    ok 1 "/dev/full is missing: cannot test a failing write"
fi

$S impact --db "$DB" --json >"$TMPDIR/impact.json"
ok $? "impact --json (200 draws) exits 0"
out=$($S impact --db "$DB" --draws 0); ok $? "impact prints a summary"
like "the summary names a scheme" "$out" "cgtmse"

out=$(python3 - "$TMPDIR/impact.json" "$G/manifest.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); m = json.load(open(sys.argv[2]))
truth = m["true_effects"]
def check(name, cond): print("%s %s" % ("ok" if cond else "FAIL", name))
keys = {"id", "outcome", "estimate", "ci_low", "ci_high", "n_treated", "n_control"}
S = r["schemes"]
check("every scheme carries the contract's keys", S and all(set(s) >= keys for s in S))
check("outcome is log_turnover", all(s["outcome"] == "log_turnover" for s in S))
check("every scheme of the manifest is reported", set(truth) <= {s["id"] for s in S})
check("the true effects are distinct and non-zero",
      len(set(truth.values())) == len(truth) and all(v != 0 for v in truth.values()))
check("the manifest has >= 3 schemes with >= 100 treated units with 12 months of GST after",
      sum(v["with_12m_gst_after"] >= 100 for v in m["treated"].values()) >= 3)
check("the estimate has >= 3 schemes with >= 100 matched treated units (DESIGN.md contract)",
      sum(s["n_treated"] >= 100 for s in S) >= 3)
conc = [s for s in S if not s["inconclusive"]]
check("at least two schemes are conclusive", len(conc) >= 2)
check("a scheme with >= 100 matched treated units is conclusive",
      any(s["n_treated"] >= 100 for s in conc))
miss = [(s["id"], s["ci_low"], s["ci_high"], truth[s["id"]]) for s in conc
        if not s["ci_low"] <= truth[s["id"]] <= s["ci_high"]]
check("every conclusive interval holds the true effect %s" % miss, not miss)
check("an interval wider than +-0.1 is inconclusive",
      all(s["inconclusive"] for s in S if s["ci_low"] is None or (s["ci_high"] - s["ci_low"]) / 2 > 0.1))
check("the estimate lies inside its interval",
      all(s["ci_low"] <= s["estimate"] <= s["ci_high"] for s in conc))
check("a scheme that cannot be estimated says why and has no numbers",
      all(s["not_estimable"] and s["estimate"] is None and s["inconclusive"]
          for s in S if s["n_treated"] == 0))
check("the placebo on the pre-period holds zero for every conclusive scheme",
      all(s["pre_trend"]["passes"] for s in conc))
def mean_abs(s, k): return sum(abs(b[k]) for b in s["balance"]) / len(s["balance"])
check("matching improves balance (mean |SMD| falls) for every conclusive scheme",
      all(mean_abs(s, "smd_after") < mean_abs(s, "smd_before") for s in conc))
check("after matching every |SMD| is under 0.25",
      all(abs(b["smd_after"]) < 0.25 for s in conc for b in s["balance"]))
check("common support reports what it dropped",
      all({"dropped_treated", "dropped_control"} <= set(s["common_support"]) for s in S))
cells = [c for s in S for c in s["by_segment"] + s["by_district"]]
check("cells of fewer than 5 treated are suppressed, with no numbers",
      all(c["suppressed"] and c["estimate"] is None and c["ci_low"] is None for c in cells if c["n_treated"] < 5)
      and any(c["n_treated"] < 5 for c in cells))
check("segments: women, SC/ST, rural, urban",
      all({c["segment"] for c in s["by_segment"]} == {"women_owned", "scst_owned", "rural", "urban"} for s in conc))
check("without EPFO returns employment is declared not measurable, with a reason",
      r["employment"]["measurable"] is False and "EPFO" in r["employment"]["reason"])
t = r["time_to_benefit"]["by_scheme"]
# The generator sanctions 7 to 60 days before disbursal (docs/generator.md).
check("time to benefit per scheme lies in the generator's 7-60 days",
      t and all(7 <= c["median_days"] <= c["p90_days"] <= 60 for c in t if not c["suppressed"]))
check("time to benefit also covers the portal's applications (none disbursed in generated data)",
      r["time_to_benefit"]["applications"]["by_scheme"] == [])
check("each scheme reports the naive (unmatched) estimate beside the matched one",
      all("naive_estimate" in s for s in S) and all(s["naive_estimate"] is not None for s in conc))
check("time-to-benefit district cells under 5 are suppressed",
      all(c["median_days"] is None for c in r["time_to_benefit"]["by_district"] if c["n"] < 5))
for s in S:
    if s["estimate"] is not None:
        sys.stderr.write("# %-15s true %.3f est %+.4f [%+.4f, %+.4f] treated %d%s\n" % (
            s["id"], truth.get(s["id"], float("nan")), s["estimate"], s["ci_low"], s["ci_high"],
            s["n_treated"], " inconclusive" if s["inconclusive"] else ""))
PY
)
while read -r verdict name; do
    [ "$verdict" = ok ]; ok $? "$name"
done <<<"$out"

a=$($S impact --db "$DB" --json --draws 20 --seed 3)
b=$($S impact --db "$DB" --json --draws 20 --seed 3)
c=$($S impact --db "$DB" --json --draws 20 --seed 4)
is "the same seed gives the same answer" "$a" "$b"
[ "$a" != "$c" ]; ok $? "another seed gives other intervals"

$S ingest --db "$DB" epfo "$G/epfo.csv" --quiet >/dev/null 2>&1
ok $? "ingest epfo"
$S impact --db "$DB" --json --draws 20 >"$TMPDIR/impact_emp.json"
ok $? "impact --json with EPFO returns exits 0"
out=$(python3 - "$TMPDIR/impact_emp.json" "$G/manifest.json" "$TMPDIR/impact.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); m = json.load(open(sys.argv[2])); before = json.load(open(sys.argv[3]))
truth = m["true_effects_employment"]
def check(name, cond): print("%s %s" % ("ok" if cond else "FAIL", name))
check("the manifest's employment effects are distinct, non-zero, and not the turnover ones",
      len(set(truth.values())) == len(truth) and all(v != 0 for v in truth.values())
      and truth != m["true_effects"])
E = r["employment"]
check("employment is measurable, from EPFO", E["measurable"] is True and "EPFO" in E["source"])
check("one employment row per scheme, outcome log_employment",
      sorted(s["id"] for s in E["schemes"]) == sorted(s["id"] for s in r["schemes"])
      and all(s["outcome"] == "log_employment" for s in E["schemes"]))
check("the turnover rows stay log_turnover, as before EPFO arrived",
      [(s["id"], s["outcome"], s["n_treated"]) for s in r["schemes"]]
      == [(s["id"], s["outcome"], s["n_treated"]) for s in before["schemes"]])
check("pmegp (new units) has no employment before disbursal: not estimable, says why",
      all(s["not_estimable"] and "EPFO" in s["not_estimable"] and s["estimate"] is None
          for s in E["schemes"] if s["id"] == "pmegp"))
check("employment rows under 5 treated are suppressed and inconclusive",
      all(s["suppressed"] and s["inconclusive"] and s["estimate"] is None
          for s in E["schemes"] if s["n_treated"] < 5))
check("an employment interval wider than +-0.1 is inconclusive",
      all(s["inconclusive"] for s in E["schemes"] if s["ci_low"] is None or (s["ci_high"] - s["ci_low"]) / 2 > 0.1))
check("some scheme has an employment estimate", any(s["estimate"] is not None for s in E["schemes"]))
check("the employment balance names its own pre-period covariate",
      all(b["covariate"] != "log_pre_turnover" for s in E["schemes"] for b in s["balance"])
      and any(b["covariate"] == "log_pre_employment" for s in E["schemes"] for b in s["balance"]))
for s in E["schemes"]:
    if s["estimate"] is not None:
        sys.stderr.write("# employment %-15s true %.3f est %+.4f [%+.4f, %+.4f] treated %d%s\n" % (
            s["id"], truth.get(s["id"], float("nan")), s["estimate"], s["ci_low"], s["ci_high"],
            s["n_treated"], " inconclusive" if s["inconclusive"] else ""))
PY
)
while read -r verdict name; do
    [ "$verdict" = ok ]; ok $? "$name"
done <<<"$out"

done_testing
