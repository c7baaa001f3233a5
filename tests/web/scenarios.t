#!/usr/bin/env bash
# The merger what-if pages over HTTP (issue 8): who may see them (401
# anonymous, 403 entrepreneur, admin and district officer; 200 for a
# policymaker and a state officer), every shipped scenario listed and
# rendered with its SVG chart of protected-group shares, the figures the
# same as `samanvay simulate --json`, unknown and malformed ids 404, tidy,
# under 50 KB, and Hindi. Generated data: 20,000 enterprises, seed 7.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new scenarios)
LOG=$T/scenarios-serve.log
G=$T/g
. "$ROOT/tests/web/web.sh"
q() { store_sql "$DB" "$1"; }

$S generate --enterprises 20000 --seed 7 --out "$G" >/dev/null 2>&1
ok $? "generate 20,000 enterprises"
$S init --db "$DB" 2>/dev/null
for f in udyam cluster cluster_member; do
    $S ingest --db "$DB" $f "$G/$f.csv" --quiet >/dev/null 2>&1 || break
done
ok $? "ingest udyam and the cluster feeds"
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

PAGES="/policy/scenarios /policy/scenarios/niti_sfurti_into_mse_cdp"
for p in $PAGES; do is "anonymous $p: 401" "$(code "$B$p")" 401; done
is "anonymous, unknown id: still 401 (role before id)" "$(code "$B/policy/scenarios/nonesuch")" 401
for who in ent:ent-pass-12345 dist:officer-pass-123 adm:admin-pass-1234 off:officer-pass-123 pol:policy-pass-123; do
    is "${who%%:*} signs in" "$(login "$T/${who%%:*}" "${who%%:*}" "${who#*:}")" 303
done
for who in ent dist adm; do
    for p in $PAGES; do is "$who $p: 403" "$(code -b "$T/$who" "$B$p")" 403; done
done

list=$(curl -s -b "$T/pol" "$B/policy/scenarios")
for f in "$ROOT"/scenarios/*.yaml; do
    id=$(basename "$f" .yaml)
    like "the list links $id" "$list" "href=\"/policy/scenarios/$id\""
    for who in off pol; do
        for lang in en hi; do
            p="/policy/scenarios/$id?lang=$lang"
            curl -s -D "$T/h" -o "$T/page.html" -b "$T/$who" "$B$p"
            is "$who $p: 200" "$(sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' "$T/h")" 200
            size=$(wc -c <"$T/page.html")
            ok "$([ "$size" -lt 51200 ]; echo $?)" "$who $p: under 50 KB ($size bytes)"
            is "$who $p: tidy finds no errors" "$(tidy -e -q "$T/page.html" 2>&1 | grep -c 'Error:')" 0
            is "$who $p: one SVG bar chart" "$(grep -o '<svg class="bars"' "$T/page.html" | wc -l)" 1
            is "$who $p: no script" "$(grep -c '<script' "$T/page.html")" 0
        done
    done
done
for p in /policy/scenarios "/policy/scenarios?lang=hi"; do
    curl -s -o "$T/list.html" -b "$T/off" "$B$p"
    is "$p: tidy finds no errors" "$(tidy -e -q "$T/list.html" 2>&1 | grep -c 'Error:')" 0
done

# The page shows what the CLI computes.
$S simulate "$ROOT/scenarios/niti_sfurti_into_mse_cdp.yaml" --db "$DB" --json >"$T/s.json"
page=$(curl -s -b "$T/pol" "$B/policy/scenarios/niti_sfurti_into_mse_cdp")
want=$(python3 -c "
import json; j = json.load(open('$T/s.json'))
t = [g for g in j['groups'] if g['group'] == 'traditional'][0]
print('%.1f%%' % (t['after_share'] * 100))
print('%.1f' % j['after']['beneficiaries'])
b = j['burden']; print('%d fields and %d documents fewer' % (b['fields_before'] - b['fields_after'], b['documents_before'] - b['documents_after']))")
while IFS= read -r w; do like "the page shows $w as the CLI does" "$page" "$w"; done <<<"$want"
like "the chart has an accessible name" "$page" 'role="img" aria-label="Protected groups'
like "the reservation is honoured" "$page" "15% honoured"
like "the time is stated" "$page" "Computed in"
like "sources are cited" "$page" "https://www.policyedge.in/p/niti-aayog-roadmap-optimizing-indias"
like "Hindi page" "$(curl -s -b "$T/pol" "$B/policy/scenarios/niti_sfurti_into_mse_cdp?lang=hi")" "संरक्षित"
like "Hindi assumptions on the Hindi page" "$(curl -s -b "$T/pol" "$B/policy/scenarios/niti_sfurti_into_mse_cdp?lang=hi")" "रिपोर्ट से इसकी पुष्टि नहीं हुई"
like "Hindi list" "$(curl -s -b "$T/pol" "$B/policy/scenarios?lang=hi")" "स्फूर्ति का एमएसई-सीडीपी में विलय"

# A scenario that moves components lists them with the money moved (the
# CLI's figure, at the store's scale) and the schemes' names.
$S simulate "$ROOT/scenarios/niti_skilling_under_esdp.yaml" --db "$DB" --json >"$T/k.json"
page=$(curl -s -b "$T/pol" "$B/policy/scenarios/niti_skilling_under_esdp")
like "the skilling page lists the components moved" "$page" "<h2>Components moved</h2>"
for amount in $(python3 -c "
import json
def inr(x):   # as money_format_inr: Indian grouping, paise when any
    p = int(round(x * 100)); r, f = divmod(p, 100); d = str(r)
    head, tail = d[:-3], d[-3:]
    while len(head) > 2: tail = head[-2:] + ',' + tail; head = head[:-2]
    return (head + ',' + tail if head else tail) + ('.%02d' % f if f else '')
for c in json.load(open('$T/k.json'))['components']: print(inr(c['budget']))"); do
    like "the page shows the moved amount $amount" "$page" "$amount"
done
like "the moves name the target scheme" "$page" "→ Entrepreneurship"
like "Hindi moves" "$(curl -s -b "$T/pol" "$B/policy/scenarios/niti_skilling_under_esdp?lang=hi")" "स्थानांतरित घटक"

# Kept until the next ingest: a later view says so; after an ingest the
# result is computed afresh.
like "a second view is the kept result" "$(curl -s -b "$T/pol" "$B/policy/scenarios/niti_marketing_wing")" \
    "kept until the next data load"
$S ingest --db "$DB" cfc_usage "$G/cfc_usage.csv" --quiet >/dev/null 2>&1
ok $? "ingest another feed while serving"
fresh=$(curl -s -b "$T/pol" "$B/policy/scenarios/niti_marketing_wing")
like "after the ingest the page is computed again" "$fresh" "Computed in"
ok "$(grep -q 'kept until the next data load' <<<"$fresh"; [ $? -ne 0 ]; echo $?)" "and not served from the cache"
like "the view after that is kept again" "$(curl -s -b "$T/pol" "$B/policy/scenarios/niti_marketing_wing")" \
    "kept until the next data load"

is "an unknown scenario is 404" "$(code -b "$T/pol" "$B/policy/scenarios/nonesuch")" 404
is "a malformed id is 404" "$(code -b "$T/pol" "$B/policy/scenarios/..%2Fschemes%2Fpmegp")" 404
is "an upper-case id is 404" "$(code -b "$T/pol" "$B/policy/scenarios/NITI_MARKETING_WING")" 404
done_testing
