#!/bin/sh
# Coverage of `samanvay impact` on generated data (docs/impact.md §8): for
# each seed, generate N enterprises, build a store, estimate, and check
# whether each scheme's 95% interval holds the manifest's true effect:
# log turnover against true_effects, and (with the epfo feed loaded) log
# EPFO members against true_effects_employment.
# Usage: bench/impact_coverage.sh [N] [SEEDS...]   (default 20000, seeds 1-5)
# Prints one line per outcome, scheme and seed, then per outcome the
# coverage over conclusive schemes and over all estimated ones.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
S="$ROOT/samanvay"
N=${1:-20000}
[ $# -gt 0 ] && shift
SEEDS=${*:-1 2 3 4 5}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
for seed in $SEEDS; do
    rm -rf "$T/g" "$T/s.db"
    "$S" generate --enterprises "$N" --seed "$seed" --out "$T/g" >/dev/null 2>&1
    "$S" init --db "$T/s.db" >/dev/null 2>&1
    for f in udyam gst credit beneficiary epfo; do
        "$S" ingest --db "$T/s.db" "$f" "$T/g/$f.csv" --quiet >/dev/null 2>&1
    done
    "$S" impact --db "$T/s.db" --json >"$T/impact.$seed.json"
    cp "$T/g/manifest.json" "$T/manifest.$seed.json"
done
python3 - "$T" $SEEDS <<'PY'
import json, sys
d, seeds = sys.argv[1], sys.argv[2:]
print("outcome seed scheme true estimate ci_low ci_high n_treated conclusive covered naive")
for outcome, truth_key in (("log_turnover", "true_effects"), ("log_employment", "true_effects_employment")):
    tot = cov = tot_c = cov_c = 0
    err_m = err_n = 0.0
    for s in seeds:
        truth = json.load(open("%s/manifest.%s.json" % (d, s)))[truth_key]
        doc = json.load(open("%s/impact.%s.json" % (d, s)))
        rows = doc["schemes"] if outcome == "log_turnover" else doc["employment"].get("schemes", [])
        for r in rows:
            if r["estimate"] is None or r["ci_low"] is None or r["id"] not in truth:
                continue
            t = truth[r["id"]]
            c = r["ci_low"] <= t <= r["ci_high"]
            tot += 1; cov += c
            if not r["inconclusive"]:
                tot_c += 1; cov_c += c
            naive = r.get("naive_estimate")
            if naive is not None:
                err_m += (r["estimate"] - t) ** 2; err_n += (naive - t) ** 2
            print("%s %s %s %.3f %.4f %.4f %.4f %d %s %s %s" % (outcome, s, r["id"], t, r["estimate"], r["ci_low"],
                  r["ci_high"], r["n_treated"], "yes" if not r["inconclusive"] else "no", "yes" if c else "NO",
                  "%.4f" % naive if naive is not None else "-"))
    print("%s coverage conclusive: %d/%d" % (outcome, cov_c, tot_c))
    print("%s coverage all estimated: %d/%d" % (outcome, cov, tot))
    if tot:
        print("%s root mean square error: matched %.4f, naive %.4f" % (outcome, (err_m / tot) ** 0.5, (err_n / tot) ** 0.5))
PY
