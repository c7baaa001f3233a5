#!/usr/bin/env bash
# /policy/impact over HTTP (issue 8, docs/impact.md §9): who may see it (401
# anonymous; 403 entrepreneur, district officer and admin; 200 policymaker
# and state officer), the page before any stored run, then after
# `impact --save`: the forest plot (SVG, zero line, inconclusive rows grey
# and labelled), the figures agreeing with the stored run, balance and time
# to benefit, the employment plot and table (EPFO), and the words for a
# run without EPFO returns, no script, tidy, under 50 KB, English and Hindi.
# Generated data: 10,000 enterprises, seed 7; 40 bootstrap draws.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new impact)
LOG=$T/impact-serve.log
G=$T/g
. "$ROOT/tests/web/web.sh"
q() { store_sql "$DB" "$1"; }

$S generate --enterprises 10000 --seed 7 --out "$G" >/dev/null 2>&1
ok $? "generate 10,000 enterprises"
$S init --db "$DB" 2>/dev/null
for f in udyam gst beneficiary epfo; do
    $S ingest --db "$DB" $f "$G/$f.csv" --quiet >/dev/null 2>&1 || break
done
ok $? "ingest udyam, gst, beneficiary and epfo"

ST=$(q "select state from enterprise group by state order by count(*) desc limit 1")
DIST=$(q "select district from enterprise where state = '$ST' limit 1")
ENT=$(q "select id from enterprise order by id limit 1")
web_adduser "$DB" officer-pass-123 --username off --role officer --state "$ST"
web_adduser "$DB" officer-pass-123 --username dist --role officer --state "$ST" --district "$DIST"
web_adduser "$DB" policy-pass-123 --username pol --role policymaker
web_adduser "$DB" admin-pass-1234 --username adm --role admin
web_adduser "$DB" ent-pass-12345 --username ent --role entrepreneur --enterprise "$ENT"
web_serve "$DB" "$LOG"
ok $? "the server listens"

P=/policy/impact
is "anonymous: 401" "$(code "$B$P")" 401
for who in "ent ent-pass-12345" "dist officer-pass-123" "adm admin-pass-1234" "off officer-pass-123" \
           "pol policy-pass-123"; do
    set -- $who
    is "$1 signs in" "$(login "$T/$1" "$1" "$2")" 303
done
is "entrepreneur: 403" "$(code -b "$T/ent" "$B$P")" 403
is "district officer: 403" "$(code -b "$T/dist" "$B$P")" 403
is "admin: 403" "$(code -b "$T/adm" "$B$P")" 403

page=$(curl -s -b "$T/pol" "$B$P")
like "before any run the page says how to make one" "$page" "impact --db FILE --save"

$S impact --db "$DB" --save --draws 40 >/dev/null
ok $? "impact --save stores a run"
is "one run is stored" "$(q 'select count(*) from impact_run')" 1
q 'select result from impact_run' >"$T/run.json"

for who in off pol; do
    for lang in en hi; do
        curl -s -D "$T/h" -o "$T/page.html" -b "$T/$who" "$B$P?lang=$lang"
        is "$who ($lang): 200" "$(sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' "$T/h")" 200
        size=$(wc -c <"$T/page.html")
        ok "$([ "$size" -lt 51200 ]; echo $?)" "$who ($lang): under 50 KB ($size bytes)"
        is "$who ($lang): tidy finds no errors" "$(tidy -e -q "$T/page.html" 2>&1 | grep -c 'Error:')" 0
        is "$who ($lang): no script" "$(grep -c '<script' "$T/page.html")" 0
    done
done

page=$(curl -s -b "$T/pol" "$B$P")
like "a forest plot as SVG" "$page" '<svg class="forest"'
like "the plot has an accessible name" "$page" 'aria-label="Effect of each scheme'
like "a dashed line at zero" "$page" 'stroke-dasharray="4 3"'
like "the balance table" "$page" "Standardised mean differences"
like "the time-to-benefit table" "$page" "Days from sanction to disbursal"
like "a second forest plot, for employment" "$page" 'aria-label="Effect of each scheme on log EPFO members'
like "the employment table" "$page" "Employment estimates"
out=$(python3 - "$T/run.json" <<PY
import json, sys, html, re
r = json.load(open(sys.argv[1]))
page = html.unescape('''$(sed "s/'''//g" <<<"$page")''')
svg = page[page.index('<svg class="forest"'):page.index('</svg>')]
def check(name, cond): print("%s %s" % ("ok" if cond else "FAIL", name))
S = r["schemes"]
check("every scheme has a row in the plot", all(('<title>%s' % s["id"]) in svg for s in S))
conc = [s for s in S if not s["inconclusive"]]
inc = [s for s in S if s["inconclusive"]]
check("the run has conclusive and inconclusive schemes", conc and inc)
check("each estimate is in the table as stored",
      all(("%+.3f" % s["estimate"]) in page for s in S if s["estimate"] is not None))
def row(s):
    m = re.search(r'<g><title>%s[^<]*</title>(.*?)</g>' % re.escape(s["id"]), svg)
    return m.group(1) if m else ""
check("inconclusive rows are grey and labelled in words",
      all('#6b6b6b' in row(s) and ('inconclusive' in row(s) or 'not estimable' in row(s)) for s in inc))
check("conclusive rows are dark and carry no such label",
      all('#1a4b8c' in row(s) and 'inconclusive' not in row(s) for s in conc))
PY
)
while read -r verdict name; do
    [ "$verdict" = ok ]; ok $? "$name"
done <<<"$out"
like "Hindi page" "$(curl -s -b "$T/pol" "$B$P?lang=hi")" "योजनाओं के परिणाम"

# A run made before EPFO returns were on file: employment said unmeasured.
python3 - "$T/run.json" >"$T/run_old.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["employment"] = {"measurable": False, "reason": "no EPFO returns on file"}
print(json.dumps(r))
PY
# The run as a string literal (SQLite's readfile() has no PostgreSQL twin).
q "insert into impact_run (created_at, draws, seed, result) values ('2099-01-01T00:00:00Z', 40, 1, '$(sed "s/'/''/g" "$T/run_old.json")')"
page=$(curl -s -b "$T/pol" "$B$P")
like "without EPFO returns employment is said to be unmeasured" "$page" "Not measured"
[ "$(grep -c 'log EPFO members' <<<"$page")" = 0 ]; ok $? "and no employment plot is drawn"

done_testing
