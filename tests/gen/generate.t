# samanvay generate: the CLI contract (DESIGN.md §5, docs/generator.md):
# files, determinism, defaults, and exit code 2 with one line on stderr.
. "$ROOT/tests/tap.sh"
S=$SAMANVAY
FEEDS="udyam gst credit skilling cluster cluster_member cfc_usage beneficiary"

digest() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1); }

err=$($S generate --enterprises 500 --out "$TMPDIR/a/b/c" 2>&1 >/dev/null); rc=$?
is "generate exits 0" "$rc" 0
is "nothing on stderr when it is not a terminal" "$err" ""
missing=""
for f in $FEEDS; do [ -s "$TMPDIR/a/b/c/$f.csv" ] || missing="$missing $f"; done
for f in manifest.json truth/stress.csv truth/beneficiary_links.csv truth/gst_filers_without_udyam.csv \
         truth/double_funding.csv truth/skilling_links.csv truth/injected_errors.csv; do
    [ -s "$TMPDIR/a/b/c/$f" ] || missing="$missing $f"
done
is "creates the directory and writes every feed, the manifest and the truth files" "$missing" ""
is "no partial files are left" "$(find "$TMPDIR/a" -name '*.partial' | wc -l)" 0
is "udyam.csv header is the data-feeds.md column list" "$(head -1 "$TMPDIR/a/b/c/udyam.csv")" \
   "udyam_number,enterprise_name,owner_name,pan,gstins,constitution,social_category,owner_gender,owner_disabled,commenced_on,registered_on,activity,nic_code,state_code,district,pincode,area,investment_rs,turnover_rs,exports_rs,employees_male,employees_female,employees_other"
is "gst.csv header" "$(head -1 "$TMPDIR/a/b/c/gst.csv")" \
   "gstin,return_type,frequency,period,due_on,filed_on,taxable_value_rs,tax_rs"

meta=$(python3 - "$TMPDIR/a/b/c/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print(m["seed"], m["enterprises"], m["as_of"], m["window"]["first_month"], m["window"]["last_month"],
      len(m["true_effects"]), sorted(m["injected_errors"]) == sorted(m["rows"]), "model" in m)
PY
)
is "manifest: default seed 1 and as-of 2026-09-30, a 36-month window, effects, errors, model" \
   "$meta" "1 500 2026-09-30 2023-10 2026-09 7 True True"

$S generate --enterprises 500 --out "$TMPDIR/d1" --threads 1 >/dev/null 2>&1
$S generate --enterprises 500 --seed 1 --as-of 2026-09-30 --out "$TMPDIR/d2" --threads 2 >/dev/null 2>&1
$S generate --enterprises 500 --seed 2 --out "$TMPDIR/d3" >/dev/null 2>&1
is "same arguments give the same bytes, whatever the thread count" "$(digest "$TMPDIR/d1")" \
   "$(digest "$TMPDIR/a/b/c")"
is "explicit defaults give the same bytes" "$(digest "$TMPDIR/d2")" "$(digest "$TMPDIR/d1")"
check "another seed gives other data" test "$(digest "$TMPDIR/d3")" != "$(digest "$TMPDIR/d1")"

$S generate --enterprises 500 --as-of 2024-02-15 --out "$TMPDIR/d4" >/dev/null 2>&1
is "an earlier as-of moves the window" \
   "$(python3 -c 'import json,sys; w=json.load(open(sys.argv[1]))["window"]; print(w["first_month"], w["last_month"])' \
      "$TMPDIR/d4/manifest.json")" "2021-03 2024-02"

usage() { # usage NAME ARGS...: exit 2 and exactly one line "samanvay: ..." on stderr
    local name=$1; shift
    local out rc
    out=$($S generate "$@" 2>&1 >/dev/null); rc=$?
    is "$name: exit 2" "$rc" 2
    is "$name: one line starting 'samanvay: '" "$(wc -l <<<"$out") ${out:0:10}" "1 samanvay: "
}
tomorrow=$(date -u -d '+2 days' +%F)
usage "no --enterprises" --out "$TMPDIR/x"
usage "no --out" --enterprises 10
usage "--enterprises 0" --enterprises 0 --out "$TMPDIR/x"
usage "--enterprises above 100000000" --enterprises 100000001 --out "$TMPDIR/x"
usage "--enterprises not a number" --enterprises 12k --out "$TMPDIR/x"
usage "--seed negative" --enterprises 10 --seed -1 --out "$TMPDIR/x"
usage "--as-of after today" --enterprises 10 --as-of "$tomorrow" --out "$TMPDIR/x"
usage "--as-of not a date" --enterprises 10 --as-of 2026-02-30 --out "$TMPDIR/x"
usage "--as-of before Udyam" --enterprises 10 --as-of 2019-12-31 --out "$TMPDIR/x"
usage "unexpected argument" --enterprises 10 --out "$TMPDIR/x" extra
usage "unknown option" --enterprises 10 --out "$TMPDIR/x" --colour
touch "$TMPDIR/file"
usage "--out is a file" --enterprises 10 --out "$TMPDIR/file"
check "a refused run writes nothing" test ! -e "$TMPDIR/x"
done_testing
