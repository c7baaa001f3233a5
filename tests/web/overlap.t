#!/usr/bin/env bash
# The overlap and awareness pages over HTTP (issue 8, docs/overlap.md):
# who may see them (401 anonymous, 403 entrepreneur, 403 a district
# officer on the aggregates, policymakers and state officers 200), bad
# parameters (400), the matrix as SVG, the spreadsheet, small cells
# withheld, the district officer's outreach list (ranked, audited, XLSX and
# CSV), tidy, size and Hindi. Generated data: 10,000 enterprises, seed 7,
# the Udyam and beneficiary feeds.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new overlap)
LOG=$T/overlap-serve.log
G=$T/g
. "$ROOT/tests/web/web.sh"
q() { store_sql "$DB" "$1"; }

$S generate --enterprises 10000 --seed 7 --out "$G" >/dev/null 2>&1
ok $? "generate 10,000 enterprises"
$S init --db "$DB" 2>/dev/null
$S ingest --db "$DB" udyam "$G/udyam.csv" --quiet >/dev/null 2>&1 \
    && $S ingest --db "$DB" beneficiary "$G/beneficiary.csv" --quiet >/dev/null 2>&1
ok $? "ingest udyam and the beneficiary lists"

# The state with most enterprises and its district with most; another state.
ST=$(q "select state from enterprise group by state order by count(*) desc, state limit 1")
DIST=$(q "select min(district) from enterprise where state = '$ST' group by upper(district)
          order by count(*) desc, min(district) limit 1")
OTHER=$(q "select state from enterprise where state <> '$ST' group by state order by count(*) desc limit 1")
ENT=$(q "select id from enterprise order by id limit 1")

web_adduser "$DB" officer-pass-123 --username off --role officer --state "$ST"
web_adduser "$DB" officer-pass-123 --username dist --role officer --state "$ST" --district "$DIST"
web_adduser "$DB" policy-pass-123 --username pol --role policymaker
web_adduser "$DB" ent-pass-12345 --username ent --role entrepreneur --enterprise "$ENT"
web_serve "$DB" "$LOG"
ok $? "the server listens"

AGG="/overlap /overlap.xlsx /overlap/awareness"
OUT="/officer/awareness /officer/awareness.xlsx /officer/awareness.csv"
for p in $AGG $OUT; do is "anonymous $p: 401" "$(code "$B$p")" 401; done

is "entrepreneur signs in" "$(login "$T/ent" ent ent-pass-12345)" 303
for p in $AGG $OUT; do is "entrepreneur $p: 403" "$(code -b "$T/ent" "$B$p")" 403; done
is "officer signs in" "$(login "$T/off" off officer-pass-123)" 303
is "district officer signs in" "$(login "$T/dist" dist officer-pass-123)" 303
is "policymaker signs in" "$(login "$T/pol" pol policy-pass-123)" 303
for p in $AGG; do is "district officer $p: 403 (aggregates are not at district level)" "$(code -b "$T/dist" "$B$p")" 403; done
for p in $OUT; do is "policymaker $p: 403 (never a list of enterprises)" "$(code -b "$T/pol" "$B$p")" 403; done

for who in off pol; do
    for p in /overlap /overlap/awareness "/overlap?lang=hi" "/overlap/awareness?lang=hi" "/overlap?basis=possible" \
             "/overlap/awareness?scheme=pmmy"; do
        curl -s -D "$T/h" -o "$T/page.html" -b "$T/$who" "$B$p"
        is "$who $p: 200" "$(sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' "$T/h")" 200
        size=$(wc -c <"$T/page.html")
        ok "$([ "$size" -lt 51200 ]; echo $?)" "$who $p: under 50 KB ($size bytes)"
        errs=$(tidy -e -q "$T/page.html" 2>&1 | grep -c 'Error:')
        is "$who $p: tidy finds no errors" "$errs" 0
    done
done

for bad in "state=9x" "state=100" "purpose=holiday" "amount=-5" "amount=12.5" "basis=all"; do
    is "/overlap?$bad: 400" "$(code -b "$T/pol" "$B/overlap?$bad")" 400
done
is "/overlap/awareness?scheme=nosuch: 400" "$(code -b "$T/pol" "$B/overlap/awareness?scheme=nosuch")" 400
is "a state officer asking for another state: 403" "$(code -b "$T/off" "$B/overlap?state=$OTHER")" 403
is "a state officer narrowing to his own state: 200" "$(code -b "$T/off" "$B/overlap?state=$ST")" 200

# The matrix: an SVG with an accessible name, and the same population as the CLI.
page=$(curl -s -b "$T/pol" "$B/overlap")
like "the matrix is an SVG image with a name" "$page" '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox'
like "its aria-label says what it shows" "$page" 'aria-label="Overlap between schemes'
pop=$(q "select count(*) from enterprise")
like "the page counts every enterprise" "$page" "Enterprises: $pop."
like "the double-funding table" "$page" "Double funding by pair of schemes"
alerts=$($S overlap --db "$DB" --json | json 'len(d["double_funding"])')
like "the page counts the CLI's alerts" "$page" "Alerts in all: $alerts."
ok "$(grep -q 'MUDRA-\|CGTMSE-\|UDYAM-' <<<"$page"; [ $? -ne 0 ]; echo $?)" "no enterprise or list reference on the policymaker's page"
stpop=$(q "select count(*) from enterprise where state = '$ST'")
like "the state officer's page counts his state" "$(curl -s -b "$T/off" "$B/overlap")" "Enterprises: $stpop."
like "Hindi overlap page" "$(curl -s -b "$T/pol" "$B/overlap?lang=hi")" "योजनाओं के बीच ओवरलैप"

# The JSON API: aggregates only, small counts withheld, no enterprise named.
is "anonymous /api/v1/overlap: 401" "$(code "$B/api/v1/overlap")" 401
is "entrepreneur /api/v1/overlap: 403" "$(code -b "$T/ent" "$B/api/v1/overlap")" 403
is "district officer /api/v1/overlap: 403" "$(code -b "$T/dist" "$B/api/v1/overlap")" 403
is "/api/v1/overlap?amount=lots: 400" "$(code -b "$T/pol" "$B/api/v1/overlap?amount=lots")" 400
curl -s -o "$T/api.json" -w '%{http_code}' -b "$T/pol" "$B/api/v1/overlap" >"$T/code"
is "policymaker /api/v1/overlap: 200" "$(cat "$T/code")" 200
$S overlap --db "$DB" --json --awareness >"$T/cli.json"
python3 - "$T/api.json" "$T/cli.json" >"$T/api.check" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); c = json.load(open(sys.argv[2]))
def check(name, cond): print("%s %s" % ("ok" if cond else "FAIL", name))
check("the API has the CLI's keys", set(a) == set(c))
check("the same population and pairs", a["population"] == c["population"]
      and [(p["a"], p["b"]) for p in a["eligibility"]] == [(p["a"], p["b"]) for p in c["eligibility"]])
small = lambda v: v is not None and 0 < v < 5
check("no count of 1 to 4 in any pair", not any(small(p[k]) for f in ("eligibility", "eligibility_possible",
      "beneficiary") for p in a[f] for k in ("both", "either")))
same = lambda p, q: (p["both"], p["either"]) == (q["both"], q["either"]) and abs(p["jaccard"] - q["jaccard"]) < 1e-12
check("unwithheld pairs agree with the CLI", all(same(p, q) for f in ("eligibility", "beneficiary")
      for p, q in zip(a[f], c[f]) if p["both"] is not None and p["either"] is not None))
check("double funding by pair of schemes only", all(set(d) == {"a", "b", "alerts", "amount"} for d in a["double_funding"]))
check("the alerts add up to the CLI's", sum(d["alerts"] or 0 for d in a["double_funding"]) <= len(c["double_funding"])
      and sum(d["alerts"] or 0 for d in a["double_funding"]) >= len(c["double_funding"]) - 4 * len(a["double_funding"]))
check("no enterprise id or list reference", "enterprise_id" not in open(sys.argv[1]).read() and "MUDRA-" not in open(sys.argv[1]).read())
check("awareness included", "awareness" in a and a["awareness"]["total"]["enterprises"] == c["awareness"]["total"]["enterprises"])
def alike(x, y):   # the API writes reals to 15 digits, the CLI to 17
    if isinstance(x, float) or isinstance(y, float):
        return x is not None and y is not None and abs(x - y) < 1e-9
    if isinstance(x, dict):
        return isinstance(y, dict) and set(x) == set(y) and all(alike(x[k], y[k]) for k in x)
    if isinstance(x, list):
        return isinstance(y, list) and len(x) == len(y) and all(alike(p, q) for p, q in zip(x, y))
    return x == y
check("the awareness part is the CLI's, withheld cells and complements alike", alike(a.get("awareness"), c["awareness"]))
PY
ok $? "the API checks ran to the end"
while read -r verdict name; do
    if [ "$verdict" = ok ]; then ok 0 "$name"; else ok 1 "$name"; fi
done <"$T/api.check"

# The spreadsheet: one row per pair of schemes.
curl -s -D "$T/h" -o "$T/ov.xlsx" -b "$T/pol" "$B/overlap.xlsx"
like "the spreadsheet's media type" "$(tr -d '\r' <"$T/h")" "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
n=$($S schemes list --json | json 'len(d)')
rows=$(python3 - "$T/ov.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sheet = z.read("xl/worksheets/sheet1.xml").decode()
print(len(re.findall(r"<row ", sheet)) - 1)
PY
)
is "the spreadsheet has a row per pair" "$rows" "$((n * (n - 1) / 2))"

# The awareness page: the chart, small cells withheld in words.
aw=$(curl -s -b "$T/pol" "$B/overlap/awareness")
like "the awareness chart is an SVG with a name" "$aw" 'aria-label="Awareness gap by district'
like "withheld districts are said so" "$aw" "districts withheld: fewer than 5 enterprises"
like "segments" "$aw" "Women-owned"
like "the state map is an SVG with a name" "$aw" 'aria-label="Awareness gap by state"'
like "a state's tile opens its districts" "$aw" "<a href=\"/overlap/awareness?purpose=working_capital&amp;amount=500000&amp;state=$ST\">"
is "the state view the tile opens" "$(code -b "$T/pol" "$B/overlap/awareness?state=$ST")" 200
# The state table: shown rows add up to the national total, or two or more
# states are withheld (one alone could be recovered by subtraction).
python3 - "$aw" <<'PY'
import re, sys
html = sys.argv[1]
table = html.split("<caption>Awareness gap by state</caption>")[1].split("</table>")[0]
rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", table)
shown = [int(r[1]) for r in rows if r[1] != "x"]
withheld = sum(1 for r in rows if r[1] == "x")
print("rows", len(rows), "withheld", withheld, file=sys.stderr)
sys.exit(0 if rows and withheld != 1 else 1)
PY
ok $? "the state table: rows, and never exactly one state withheld"
like "the traditional-industry segment" "$aw" "In a traditional-industry cluster"
like "Hindi awareness page" "$(curl -s -b "$T/pol" "$B/overlap/awareness?lang=hi")" "जागरूकता"

# The district officer's outreach list, ranked and audited.
before=$(q "select count(*) from audit_log where action = 'awareness.outreach.read'")
curl -s -D "$T/h" -o "$T/out.html" -b "$T/dist" "$B/officer/awareness?scheme=pmmy"
is "district officer's outreach list: 200" "$(sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' "$T/h")" 200
listed=$(grep -o 'href="/officer/enterprises/[0-9]*"' "$T/out.html" | wc -l)
ok "$([ "$listed" -ge 5 ]; echo $?)" "the list names enterprises ($listed)"
after=$(q "select count(*) from audit_log where action = 'awareness.outreach.read'")
is "every enterprise shown is audited" "$((after - before))" "$listed"
ids=$(grep -o 'href="/officer/enterprises/[0-9]*"' "$T/out.html" | grep -o '[0-9]*' | tr '\n' ',' | sed 's/,$//')
is "every enterprise listed is of the district" \
   "$(q "select count(*) from enterprise where id in ($ids) and state = '$ST' and upper(district) = upper('$DIST')")" "$listed"
is "none listed has a pmmy benefit on file" "$(q "select count(*) from beneficiary where scheme = 'pmmy' and enterprise_id in ($ids)")" 0
want=$($S overlap --db "$DB" --json --awareness | python3 -c "
import json, sys
d = json.load(sys.stdin)
print(sum(1 for x in d['awareness']['districts'] if x['state'] == '$ST' and x['district'] == '$DIST'.upper()))")
is "the district is one row of the CLI's awareness" "$want" 1
errs=$(tidy -e -q "$T/out.html" 2>&1 | grep -c 'Error:')
is "outreach page: tidy finds no errors" "$errs" 0
size=$(wc -c <"$T/out.html")
ok "$([ "$size" -lt 51200 ]; echo $?)" "outreach page under 50 KB ($size bytes)"
python3 - "$T/out.html" <<'PY'
import re, sys
rows = re.findall(r"<td>([^<]*)</td></tr>", open(sys.argv[1]).read())
amounts = [int(re.sub(r"[^0-9]", "", a.split(".")[0]) or 0) for a in rows if a.startswith("₹")]
sys.exit(0 if amounts == sorted(amounts, reverse=True) and len(amounts) > 0 else 1)
PY
ok $? "the list is ranked by estimated benefit, largest first"
like "Hindi outreach list" "$(curl -s -b "$T/dist" "$B/officer/awareness?lang=hi")" "<html lang=\"hi\""
is "district officer asking for another district: 403" \
   "$(code -b "$T/dist" "$B/officer/awareness?district=NOWHERE")" 403
is "state officer without a district: 400" "$(code -b "$T/off" "$B/officer/awareness")" 400
is "state officer naming a district: 200" "$(code -b "$T/off" "$B/officer/awareness?district=$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))" "$DIST")")" 200

before=$(q "select count(*) from audit_log where action = 'awareness.outreach.export'")
curl -s -D "$T/h" -o "$T/out.csv" -b "$T/dist" "$B/officer/awareness.csv?scheme=pmmy"
like "the CSV's media type" "$(tr -d '\r' <"$T/h")" "Content-Type: text/csv"
is "the CSV's header" "$(head -1 "$T/out.csv" | tr -d '\r')" "rank,enterprise_id,enterprise,udyam_number,district,schemes,benefit_rs"
csvrows=$(($(wc -l <"$T/out.csv") - 1))
after=$(q "select count(*) from audit_log where action = 'awareness.outreach.export'")
is "every CSV row is audited" "$((after - before))" "$csvrows"
ok "$([ "$csvrows" -ge "$listed" ]; echo $?)" "the CSV holds the whole list ($csvrows rows)"
# An application takes an enterprise off the scheme's list; a draft does not.
# Written as the store writes them: the application and its 'create' event
# (the append-only event is what tells the kept run that who applied changed).
X=$(sed -n 2p "$T/out.csv" | cut -d, -f2)
Y=$(sed -n 3p "$T/out.csv" | cut -d, -f2)
UID_=$(q "select id from app_user where username = 'dist'")
q "insert into bundle (enterprise_id, user_id, answers, created_at) values ($X, $UID_, '{}', '2026-01-01T00:00:00Z');
   insert into application (bundle_id, enterprise_id, scheme_id, state, gst_state, district, sla_days, eligibility,
     created_on, updated_at) values ((select max(id) from bundle), $X, 'pmmy', 'submitted', '$ST', '$DIST', 30, 'eligible',
     '2026-01-01', '2026-01-01T00:00:00Z');
   insert into application_event (application_id, application_gst_state, action, to_state, user_id, role, on_date, at)
     values ((select max(id) from application), '$ST', 'create', 'submitted', $UID_, 'entrepreneur', '2026-01-01', '2026-01-01T00:00:00Z');
   insert into bundle (enterprise_id, user_id, answers, created_at) values ($Y, $UID_, '{}', '2026-01-01T00:00:00Z');
   insert into application (bundle_id, enterprise_id, scheme_id, state, gst_state, district, sla_days, eligibility,
     created_on, updated_at) values ((select max(id) from bundle), $Y, 'pmmy', 'draft', '$ST', '$DIST', 30, 'eligible',
     '2026-01-01', '2026-01-01T00:00:00Z');
   insert into application_event (application_id, application_gst_state, action, to_state, user_id, role, on_date, at)
     values ((select max(id) from application), '$ST', 'create', 'draft', $UID_, 'entrepreneur', '2026-01-01', '2026-01-01T00:00:00Z');"
curl -s -o "$T/out2.csv" -b "$T/dist" "$B/officer/awareness.csv?scheme=pmmy"
is "after an application for pmmy the list is one shorter" "$(($(wc -l <"$T/out2.csv") - 1))" "$((csvrows - 1))"
ok "$(cut -d, -f2 "$T/out2.csv" | grep -qx "$X"; [ $? -ne 0 ]; echo $?)" "the enterprise that applied is off the list"
ok "$(cut -d, -f2 "$T/out2.csv" | grep -qx "$Y"; echo $?)" "the one with only a draft is still on it"
curl -s -D "$T/h" -o "$T/out.xlsx" -b "$T/dist" "$B/officer/awareness.xlsx?scheme=pmmy"
like "the outreach spreadsheet's media type" "$(tr -d '\r' <"$T/h")" "spreadsheetml.sheet"
done_testing
