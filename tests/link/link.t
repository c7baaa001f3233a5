#!/usr/bin/env bash
# samanvay link on the public benchmarks (FEBRL4 link, FEBRL3 dedup), scored
# by an independent scorer against the published truth, and its errors on bad input.
. "$ROOT/tests/tap.sh"
S=$SAMANVAY
D=$ROOT/bench/linkage/data
C=$ROOT/bench/linkage
T=$TMPDIR

f1_at_least() { # f1_at_least NAME MIN SCORE-LINE
    awk -v f="$(echo "$3" | cut -d' ' -f3)" -v m="$2" 'BEGIN { exit !(f >= m) }'
    ok $? "$1: F1 $(echo "$3" | cut -d' ' -f3) >= $2 (precision recall F1 found correct true: $3)"
}

# FEBRL4: 4a x 4b, one to one.
$S link --config "$C/febrl4.yaml" --left "$D/febrl_dataset4a.csv" --right "$D/febrl_dataset4b.csv" \
    --out "$T/p4.csv" --report "$T/r4.json" --quiet
ok $? "febrl4 runs"
s4=$(python3 "$ROOT/tests/link/score_pairs.py" "$T/p4.csv" febrl rec_id "$D/febrl_dataset4a.csv" "$D/febrl_dataset4b.csv")
f1_at_least "febrl4" 0.99 "$s4"
is "febrl4: the engine's own F1 agrees with the scorer" \
    "$(python3 -c "import json; print('%.4f' % json.load(open('$T/r4.json'))['evaluation']['f1'])")" \
    "$(echo "$s4" | cut -d' ' -f3)"
python3 - "$T/r4.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
b = r["blocking"]
assert all("recall" in x and "cumulative_recall" in x for x in b), b
assert b[-1]["cumulative_recall"] >= 0.99, b[-1]
assert sum(x["new_pairs"] for x in b) == r["candidate_pairs"]
PY
ok $? "febrl4: every blocking rule reports recall; cumulative >= 0.99; new pairs add up"
python3 - "$T/p4.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for r in rows:
    parts = float(r["prior_weight"]) + sum(float(v) for k, v in r.items() if k.endswith("_weight")
                                           and k not in ("match_weight", "prior_weight"))
    assert abs(parts - float(r["match_weight"])) < 0.01, (r, parts)
    assert all(r[k] for k in r if k.endswith("_level"))
left = [r["left_id"] for r in rows]; right = [r["right_id"] for r in rows]
assert len(set(left)) == len(left) and len(set(right)) == len(right)  # one to one
PY
ok $? "febrl4: each row's field weights and prior add up to its match weight; one to one"

# FEBRL3: deduplication.
$S link --config "$C/febrl3.yaml" --left "$D/febrl_dataset3.csv" --out "$T/p3.csv" --quiet
ok $? "febrl3 runs"
s3=$(python3 "$ROOT/tests/link/score_pairs.py" "$T/p3.csv" febrl rec_id "$D/febrl_dataset3.csv")
f1_at_least "febrl3" 0.95 "$s3"

# Bad input: exit 2 and one line naming file, line and column.
head -3 "$D/febrl_dataset3.csv" > "$T/small.csv"
bad() { # bad NAME WANT-IN-MESSAGE FILE [CONFIG]
    local out status
    out=$($S link --config "${4:-$C/febrl3.yaml}" --left "$3" --out "$T/x.csv" --quiet 2>&1)
    status=$?
    [ $status -eq 2 ] && [ "$(echo "$out" | wc -l)" -eq 1 ] && [[ "$out" == *"$2"* ]]
    ok $? "$1 (exit $status: $out)"
}
sed 's/surname/family/' "$T/small.csv" > "$T/nocol.csv"
bad "missing header column" "nocol.csv:1: the header has no column 'surname'" "$T/nocol.csv"
{ cat "$T/small.csv"; echo "rec-9-org, ann, lee"; } > "$T/count.csv"
bad "wrong column count" "count.csv:4: 3 fields, but the header has 11" "$T/count.csv"
{ cat "$T/small.csv"; printf 'rec-9-org, ann, l\xffee, 1, a, b, c, 2000, nsw, 19700101, 1\n'; } > "$T/utf8.csv"
bad "invalid UTF-8" "utf8.csv:4: column 'surname': invalid UTF-8" "$T/utf8.csv"
{ cat "$T/small.csv"; printf 'rec-9-org, ann, %s, 1, a, b, c, 2000, nsw, 19700101, 1\n' "$(head -c 2000 /dev/zero | tr '\0' x)"; } > "$T/long.csv"
bad "overlong field" "long.csv:4: column 'surname': field of 2000 bytes is longer than 1024" "$T/long.csv"
sed 's/compare: exact/compare: same/' "$C/febrl3.yaml" > "$T/bad.yaml"
bad "bad config" "bad.yaml:9:" "$T/small.csv" "$T/bad.yaml"
out=$($S link --config "$C/febrl3.yaml" --left "$T/small.csv" --right "$T/small.csv" --out "$T/x.csv" 2>&1)
[ $? -eq 2 ] && [[ "$out" == *"takes no --right"* ]]
ok $? "dedup config with --right is a usage error"
$S link --config "$C/febrl3.yaml" >/dev/null 2>&1
is "missing options: exit 2" "$?" "2"
done_testing
