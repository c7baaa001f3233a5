# Every test embedded in the scheme files (schemes/*.yaml), through the CLI.
# `schemes test` prints TAP lines itself; this checks its contract around them.
. "$ROOT/tests/tap.sh"
S=$SAMANVAY

out=$($S schemes test); rc=$?
printf '%s\n' "$out" | grep -E '^(ok|not ok) ' | sed 's/^\(not \)\{0,1\}ok [0-9]* - /&schemes test: /' \
  | while IFS= read -r line; do echo "$line"; done > "$TMPDIR/lines"
# Renumber the embedded results into this file's TAP stream.
while IFS= read -r line; do
    case "$line" in
        "ok "*) ok 0 "${line#ok * - }" ;;
        "not ok "*) ok 1 "${line#not ok * - }" ;;
    esac
done < "$TMPDIR/lines"
last=$(tail -1 <<<"$out")
is "schemes test ends with its count line" "$(sed -E 's/[0-9]+ passed, [0-9]+ failed/COUNT/' <<<"$last")" COUNT
n=$(sed -E 's/ passed.*//' <<<"$last")
check "at least 75 embedded tests" test "$n" -ge 75
is "schemes test exits 0 when all pass" "$rc" 0

# A broken rule file: a precise position, and the catalogue does not load at all.
mkdir -p "$TMPDIR/broken"
cp "$ROOT/schemes/"*.yaml "$TMPDIR/broken/"
sed -i 's/when: class in {"micro", "small"}/when: class in {"micro", "smal"}/' "$TMPDIR/broken/samadhaan.yaml"
err=$($S schemes test --schemes "$TMPDIR/broken" 2>&1); rc=$?
is "a broken catalogue exits 2" "$rc" 2
check "the error names file:line:column" grep -qE 'samadhaan.yaml:[0-9]+:[0-9]+: "smal" is not a value of class' <<<"$err"
check "nothing is listed from a broken catalogue" test -z "$($S schemes list --schemes "$TMPDIR/broken" 2>/dev/null)"

# A failing embedded test makes `schemes test` exit 1.
mkdir -p "$TMPDIR/failing"
cp "$ROOT/schemes/treds.yaml" "$TMPDIR/failing/"
python3 - "$TMPDIR/failing/treds.yaml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("status: eligible", "status: ineligible", 1)
open(p, "w").write(s)
PY
$S schemes test --schemes "$TMPDIR/failing" > "$TMPDIR/failing.out"; rc=$?
is "a failing embedded test exits 1" "$rc" 1
check "and says why" grep -q "status: got eligible, want ineligible" "$TMPDIR/failing.out"

# schemes list --json: the contract keys
out=$($S schemes list --json)
keys=$(python3 -c '
import json, sys
d = json.load(sys.stdin)
need = {"id", "name", "name_hi", "objectives", "valid_from", "valid_to", "sources"}
bad = [s["id"] for s in d if not need <= set(s) or not all(isinstance(u, str) and u.startswith("http") for u in s["sources"])]
print(len(d), "bad:", bad)' <<<"$out")
check "schemes list --json has at least 25 schemes, each with the contract keys" grep -qE '^(2[5-9]|[3-9][0-9]) bad: \[\]$' <<<"$keys"
$S schemes show pmegp > "$TMPDIR/show"; ok $? "schemes show pmegp"
check "show prints criteria with sources" grep -q "source: http" "$TMPDIR/show"
$S schemes show nosuch 2>/dev/null; is "schemes show of an unknown id exits 2" "$?" 2
detail=$($S schemes show cgtmse --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
c = d["criteria"][0]
print(d["id"], d["tests"] >= 3, c["id"], c["when"], c["source"].startswith("http"), bool(d["document_details"]))')
is "show --json gives the API detail: criteria with rule and source, tests, documents" "$detail" \
   "cgtmse True micro_or_small class in {\"micro\", \"small\"} True True"

# The id "search" is reserved: /api/v1/schemes/search is the search route.
mkdir -p "$TMPDIR/reserved"
sed 's/^id: samadhaan$/id: search/' "$ROOT/schemes/samadhaan.yaml" > "$TMPDIR/reserved/search.yaml"
err=$($S schemes list --schemes "$TMPDIR/reserved" 2>&1); rc=$?
is "a scheme called 'search' does not load" "$rc" 2
check "... and the error says the id is reserved" grep -q "search.yaml:[0-9]*:[0-9]*: the id 'search' is reserved" <<<"$err"
done_testing
