#!/usr/bin/env bash
# The insights and sustainability pages over HTTP (issue 8): who may see
# them (401 anonymous; /insights for entrepreneurs, /sustainability for
# officers and policymakers), the energy declaration form (CSRF, bad input
# 422, saved with its provenance, shown with units and sources, winning
# over a feed's figure), no other firm's figure on the page, withheld cells,
# tidy, size and Hindi. Generated data: 3,000 enterprises, seed 11.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new insights)
LOG=$T/insights-serve.log
G=$T/g
. "$ROOT/tests/web/web.sh"
q() { store_sql "$DB" "$1"; }

$S generate --enterprises 3000 --seed 11 --out "$G" >/dev/null 2>&1
ok $? "generate 3,000 enterprises"
$S init --db "$DB" 2>/dev/null
for f in udyam gst cluster cluster_member energy; do
    $S ingest --db "$DB" $f "$G/$f.csv" --quiet >/dev/null 2>&1 || break
done
ok $? "ingest the generated feeds"

# An enterprise with a feed declaration of electricity, and one without any.
ENT=$(q "SELECT enterprise_id FROM energy_declaration WHERE source = 'electricity' ORDER BY 1 LIMIT 1")
FY=$(q "SELECT MAX(fiscal_year) FROM energy_declaration WHERE enterprise_id = $ENT")
web_adduser "$DB" ent-pass-12345 --username ent --role entrepreneur --enterprise "$ENT"
web_adduser "$DB" officer-pass-123 --username off --role officer --state 27
web_adduser "$DB" officer-pass-123 --username dist --role officer --state 27 --district Pune
web_adduser "$DB" policy-pass-123 --username pol --role policymaker
web_serve "$DB" "$LOG"
ok $? "the server listens"

is "anonymous /insights: 401" "$(code "$B/insights")" 401
is "anonymous /sustainability: 401" "$(code "$B/sustainability")" 401
is "entrepreneur signs in" "$(login "$T/ent" ent ent-pass-12345)" 303
is "officer signs in" "$(login "$T/off" off officer-pass-123)" 303
is "policymaker signs in" "$(login "$T/pol" pol policy-pass-123)" 303
is "entrepreneur /sustainability: 403" "$(code -b "$T/ent" "$B/sustainability")" 403
is "officer /insights: 403 (an entrepreneur's own page)" "$(code -b "$T/off" "$B/insights")" 403
is "district officer signs in" "$(login "$T/dist" dist officer-pass-123)" 303
is "district officer /sustainability: 403 (national figures, every cluster named)" \
    "$(code -b "$T/dist" "$B/sustainability")" 403

for who in ent:/insights ent:/insights?lang=hi off:/sustainability pol:/sustainability pol:/sustainability?lang=hi; do
    jar=${who%%:*}; p=${who#*:}
    curl -s -D "$T/h" -o "$T/page.html" -b "$T/$jar" "$B$p"
    is "$jar $p: 200" "$(sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' "$T/h")" 200
    size=$(wc -c <"$T/page.html")
    ok "$([ "$size" -lt 51200 ]; echo $?)" "$jar $p: under 50 KB ($size bytes)"
    is "$jar $p: tidy finds no errors" "$(tidy -e -q "$T/page.html" 2>&1 | grep -c 'Error:')" 0
    is "$jar $p: no script" "$(grep -c '<script' "$T/page.html")" 0
done

curl -s -b "$T/ent" "$B/insights" >"$T/ins.html"
like "the page shows the fed electricity with its unit" "$(cat "$T/ins.html")" "kWh"
like "and the factor's source" "$(cat "$T/ins.html")" "CEA CO2 Baseline Database"
like "a percentile bar is SVG with an accessible name" "$(cat "$T/ins.html")" 'role="img" aria-label='
like "the procurement target of 25%" "$(cat "$T/ins.html")" "25%"
curl -s -b "$T/ent" "$B/insights?lang=hi" >"$T/hi.html"
like "Hindi page: its title in Hindi" "$(cat "$T/hi.html")" "बाज़ार जानकारी और स्थिरता"
curl -s -b "$T/pol" "$B/sustainability?lang=hi" >"$T/shi.html"
like "Hindi aggregates page" "$(cat "$T/shi.html")" "एनआईसी प्रभाग के अनुसार तीव्रता"

# No other firm's figure: no other enterprise's name on the page.
OTHER=$(q "SELECT name FROM enterprise WHERE id <> $ENT AND name <> '' ORDER BY id LIMIT 1")
is "no other enterprise is named" "$(grep -cF "$OTHER" "$T/ins.html")" 0

# The form: CSRF required, bad input 422, a good declaration saved.
CSRF=$(form_csrf <"$T/ins.html")
is "declaration without CSRF: 403" "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/ent" \
    --data "fiscal_year=$FY&q_electricity=100" "$B/insights/energy")" 403
is "a bad quantity: 422" "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/ent" \
    --data "csrf=$CSRF&fiscal_year=$FY&q_electricity=12.34567" "$B/insights/energy")" 422
is "a year not offered: 422" "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/ent" \
    --data "csrf=$CSRF&fiscal_year=2001-02&q_electricity=1" "$B/insights/energy")" 422
is "nothing entered: 422" "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/ent" \
    --data "csrf=$CSRF&fiscal_year=$FY" "$B/insights/energy")" 422
is "a good declaration: 303" "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/ent" \
    --data "csrf=$CSRF&fiscal_year=$FY&q_electricity=12345.5&q_diesel=100" "$B/insights/energy")" 303
is "stored with its provenance" \
   "$(q "SELECT quantity_milli || ' ' || unit || ' ' || origin || ' ' || CASE WHEN declared_by IS NOT NULL THEN 1 ELSE 0 END FROM energy_declaration WHERE enterprise_id = $ENT AND fiscal_year = '$FY' AND source = 'electricity' AND origin = 'portal'")" \
   "12345500 kWh portal 1"
is "the feed's row is kept beside it" \
   "$(q "SELECT COUNT(*) FROM energy_declaration WHERE enterprise_id = $ENT AND fiscal_year = '$FY' AND source = 'electricity'")" 2
curl -s -b "$T/ent" "$B/insights?saved=1" >"$T/ins2.html"
like "the page says it was saved" "$(cat "$T/ins2.html")" 'role="status"'
like "the declared figure is the one used" "$(cat "$T/ins2.html")" "12345.500 kWh"
like "declared on the portal" "$(cat "$T/ins2.html")" "you, on this portal"
$S insights --db "$DB" --enterprise "$ENT" --json >"$T/x.json"
is "the CLI uses it too" "$(jq '.sustainability.footprint.lines[] | select(.source=="electricity") | .quantity' "$T/x.json")" 12345.5

# Aggregates: withheld cells carry no figure.
curl -s -b "$T/pol" "$B/sustainability" >"$T/sus.html"
like "benchmarks table" "$(cat "$T/sus.html")" "tCO2 per lakh rupees"
like "a bar chart in SVG" "$(cat "$T/sus.html")" 'class="bars"'
$S sustainability --db "$DB" --clusters --json >"$T/c.json"
W=$(jq '[.benchmarks[] | select(.suppressed)] | length' "$T/c.json")
if [ "$W" -gt 0 ]; then
    check "every withheld division is shown as withheld" grep -q 'Fewer than 5: withheld' "$T/sus.html"
else
    ok 0 "no division is withheld at this size"
fi
check "no withheld figure leaks: the page's benchmark rows match the JSON's shown ones" \
    test "$(grep -o '<tr><td>[0-9][0-9]</td><td>[0-9]' "$T/sus.html" | wc -l)" = \
         "$(jq '[.benchmarks[] | select(.suppressed|not)] | length' "$T/c.json")"
# A cluster's count of 1 to 4 declaring enterprises is withheld too.
is "every cluster's declared count of 1-4 reads 'fewer than 5'" \
   "$(grep -c '</td><td>[0-9]*</td><td>fewer than 5</td><td>' "$T/sus.html")" \
   "$(jq '[.clusters[] | select(.declared > 0 and .declared < 5)] | length' "$T/c.json")"
is "and no such count is printed" "$(grep -c '</td><td>[0-9]*</td><td>[1-4]</td><td>' "$T/sus.html")" 0
done_testing
