#!/usr/bin/env bash
# The insights and sustainability JSON API (issue 8): GET
# /api/v1/enterprises/{id}/insights under the scope and audit of every
# enterprise route (the owner 200, another entrepreneur's enterprise 403,
# anonymous 401, an officer of another district 403, an officer's read
# audited, a missing enterprise 404 for an officer, 403 for an
# entrepreneur), the same JSON as `samanvay insights --json`; and GET
# /api/v1/sustainability, the /sustainability page's readers and the shape
# of `samanvay sustainability --clusters --json` with every small cell and
# count withheld. Generated data: 3,000 enterprises, seed 11.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new insights_api)
LOG=$T/insights-api-serve.log
G=$T/g
. "$ROOT/tests/web/web.sh"
q() { store_sql "$DB" "$1"; }
audits() { q "SELECT COUNT(*) FROM audit_log WHERE action = 'enterprise.insights'"; }
# same_json NAME A B: the two documents agree, numbers to 1 part in 10^7
# (the CLI prints 8 significant digits, the server 15).
same_json() {
    python3 - "$2" "$3" <<'PY' >"$T/diff.txt" 2>&1
import json, math, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
def same(x, y, at):
    if isinstance(x, bool) or isinstance(y, bool) or not isinstance(x, (int, float)) \
            or not isinstance(y, (int, float)):
        if type(x) is not type(y):
            print(at, x, y); return False
        if isinstance(x, dict):
            if sorted(x) != sorted(y):
                print(at, sorted(x), sorted(y)); return False
            return all(same(x[k], y[k], f"{at}.{k}") for k in x)
        if isinstance(x, list):
            if len(x) != len(y):
                print(at, len(x), len(y)); return False
            return all(same(u, v, f"{at}[{i}]") for i, (u, v) in enumerate(zip(x, y)))
        return x == y or print(at, x, y) or False
    return math.isclose(x, y, rel_tol=1e-7, abs_tol=1e-12) or print(at, x, y) or False
sys.exit(0 if same(a, b, "") else 1)
PY
    ok $? "$1"
    [ -s "$T/diff.txt" ] && sed 's/^/#   /' "$T/diff.txt" | head -5
}

$S generate --enterprises 3000 --seed 11 --out "$G" >/dev/null 2>&1
ok $? "generate 3,000 enterprises"
$S init --db "$DB" 2>/dev/null
for f in udyam gst cluster cluster_member energy; do
    $S ingest --db "$DB" $f "$G/$f.csv" --quiet >/dev/null 2>&1 || break
done
ok $? "ingest the generated feeds"

# An enterprise with a declaration, its district, another enterprise, and
# a district of the same state that is not its own.
ENT=$(q "SELECT enterprise_id FROM energy_declaration ORDER BY 1 LIMIT 1")
UDYAM=$(q "SELECT udyam FROM enterprise WHERE id = $ENT")
ST=$(q "SELECT state FROM enterprise WHERE id = $ENT")
DI=$(q "SELECT district FROM enterprise WHERE id = $ENT")
OTHER=$(q "SELECT id FROM enterprise WHERE id <> $ENT ORDER BY id LIMIT 1")
FAR=$(q "SELECT district FROM enterprise WHERE state = '$ST' AND upper(district) <> upper('$DI') LIMIT 1")
MISSING=$(q "SELECT MAX(id) + 1000 FROM enterprise")
# A division with only 3 declaring enterprises, so a withheld cell is
# certain: every other declaration of the smallest division is removed.
DV=$(q "SELECT substr(e.nic, 1, 2) FROM energy_declaration d JOIN enterprise e ON e.id = d.enterprise_id
        WHERE substr(e.nic, 1, 2) <> substr((SELECT nic FROM enterprise WHERE id = $ENT), 1, 2)
        GROUP BY 1 HAVING COUNT(DISTINCT d.enterprise_id) >= 3 ORDER BY COUNT(DISTINCT d.enterprise_id), 1 LIMIT 1")
q "DELETE FROM energy_declaration WHERE enterprise_id IN (SELECT id FROM enterprise WHERE substr(nic, 1, 2) = '$DV')
   AND enterprise_id NOT IN (SELECT DISTINCT d.enterprise_id FROM energy_declaration d JOIN enterprise e
   ON e.id = d.enterprise_id WHERE substr(e.nic, 1, 2) = '$DV' ORDER BY 1 LIMIT 3)"
is "division $DV keeps 3 declaring enterprises" \
   "$(q "SELECT COUNT(DISTINCT d.enterprise_id) FROM energy_declaration d JOIN enterprise e ON e.id = d.enterprise_id WHERE substr(e.nic, 1, 2) = '$DV'")" 3

web_adduser "$DB" ent-pass-12345 --username ent --role entrepreneur --enterprise "$ENT"
web_adduser "$DB" ent2-pass-12345 --username ent2 --role entrepreneur --enterprise "$OTHER"
web_adduser "$DB" officer-pass-123 --username here --role officer --state "$ST" --district "$DI"
web_adduser "$DB" officer-pass-123 --username far --role officer --state "$ST" --district "$FAR"
web_adduser "$DB" officer-pass-123 --username stoff --role officer --state "$ST"
web_adduser "$DB" policy-pass-123 --username pol --role policymaker
web_serve "$DB" "$LOG"
ok $? "the server listens"
for u in ent:ent-pass-12345 ent2:ent2-pass-12345 here:officer-pass-123 far:officer-pass-123 \
         stoff:officer-pass-123 pol:policy-pass-123; do
    is "${u%%:*} signs in" "$(login "$T/${u%%:*}" "${u%%:*}" "${u#*:}")" 303
done

I=$B/api/v1/enterprises/$ENT/insights
is "anonymous insights: 401" "$(code "$I")" 401
is "anonymous sustainability: 401" "$(code "$B/api/v1/sustainability")" 401

# The owner.
n0=$(audits)
curl -s -D "$T/h" -o "$T/own.json" -b "$T/ent" "$I"
is "the owner: 200" "$(sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' "$T/h")" 200
like "as JSON" "$(cat "$T/h")" "application/json"
$S insights --db "$DB" --enterprise "$ENT" --json >"$T/cli.json"
same_json "the owner's answer is samanvay insights --json" "$T/own.json" "$T/cli.json"
is "the documented keys" "$(jq -c '[keys, (.market | keys), (.sustainability | keys), (.market.turnover_growth | keys | map(select(. == "unit" or . == "peer_group" or . == "peers_with_figure")))]' "$T/own.json")" \
   '[["enterprise_id","market","nic_division","nic_group","sustainability"],["export_share","gst_window","public_procurement","trade_fairs","turnover_growth"],["esg_readiness","footprint","green_schemes"],["peer_group","peers_with_figure","unit"]]'
is "its own id" "$(jq .enterprise_id "$T/own.json")" "$ENT"
is "by its Udyam number too" "$(code -b "$T/ent" "$B/api/v1/enterprises/$UDYAM/insights")" 200
is "an entrepreneur's read is not audited" "$(audits)" "$n0"
# Never a peer's figure: no other enterprise's id or name in the answer.
is "no other enterprise is named" "$(grep -cF "$(q "SELECT name FROM enterprise WHERE id = $OTHER")" "$T/own.json")" 0

# Other entrepreneurs and missing ids.
is "another entrepreneur's enterprise: 403" "$(code -b "$T/ent" "$B/api/v1/enterprises/$OTHER/insights")" 403
is "the other entrepreneur on this one: 403" "$(code -b "$T/ent2" "$I")" 403
is "an entrepreneur asking for a missing id: 403 (no oracle)" \
   "$(code -b "$T/ent" "$B/api/v1/enterprises/$MISSING/insights")" 403
is "a bad id: 400" "$(code -b "$T/ent" "$B/api/v1/enterprises/not-an-id/insights")" 400
is "a policymaker reads no enterprise: 403" "$(code -b "$T/pol" "$I")" 403

# Officers.
n0=$(audits)
curl -s -o "$T/off.json" -w '%{http_code}' -b "$T/here" "$I?reason=insights%20review" >"$T/code"
is "the district's officer: 200" "$(cat "$T/code")" 200
same_json "the officer sees the same report" "$T/off.json" "$T/cli.json"
is "the officer's read is audited with the route and reason" \
   "$(q "SELECT username || '|' || role || '|' || enterprise_id || '|' || route || '|' || reason FROM audit_log WHERE action = 'enterprise.insights' ORDER BY id DESC LIMIT 1")" \
   "here|officer|$ENT|GET /api/v1/enterprises/{id}/insights|insights review"
is "one audit row" "$(audits)" "$((n0 + 1))"
is "the state's officer: 200" "$(code -b "$T/stoff" "$I?reason=review")" 200
n0=$(audits)
is "an officer of another district: 403" "$(code -b "$T/far" "$I")" 403
is "a refused read leaves no audit row" "$(audits)" "$n0"
is "a missing enterprise, officer in scope: 404" "$(code -b "$T/stoff" "$B/api/v1/enterprises/$MISSING/insights")" 404
is "a reason with a control character: 400" "$(code -b "$T/here" "$I?reason=a%01b")" 400

# The aggregates.
is "an entrepreneur: 403" "$(code -b "$T/ent" "$B/api/v1/sustainability")" 403
is "a district officer: 403 (national figures, every cluster named)" \
   "$(code -b "$T/here" "$B/api/v1/sustainability")" 403
is "a state officer: 200" "$(code -b "$T/stoff" "$B/api/v1/sustainability")" 200
curl -s -o "$T/sus.json" -b "$T/pol" "$B/api/v1/sustainability"
$S sustainability --db "$DB" --clusters --json >"$T/c.json"
is "the documented keys" "$(jq -c '[keys, (.benchmarks | map(select(.suppressed | not))[0] | keys),
            (.clusters[0] | del(.tco2) | keys), (.factors[0] | keys)]' "$T/sus.json")" \
   '[["benchmarks","clusters","emissions_unit","enterprises_declared","factors","intensity_unit","scope","total_tco2"],["enterprises","median","nic_division","q1","q3","suppressed"],["cluster_id","declared","members","name","suppressed"],["factor_unit","kgco2_per_unit","reference","source","unit"]]'
is "division $DV withheld: no count, no figure" \
   "$(jq -c --arg d "$DV" '.benchmarks[] | select(.nic_division == $d)' "$T/sus.json")" \
   "{\"nic_division\":\"$DV\",\"enterprises\":null,\"suppressed\":true}"
is "the CLI keeps its count" "$(jq --arg d "$DV" '.benchmarks[] | select(.nic_division == $d) | .enterprises' "$T/c.json")" 3
is "no count of 1 to 4 anywhere" \
   "$(jq '[.. | objects | (.enterprises?, .declared?, .enterprises_declared?) | numbers | select(. > 0 and . < 5)] | length' "$T/sus.json")" 0
is "no withheld cell carries a figure" \
   "$(jq '[(.benchmarks[], .clusters[]) | select(.suppressed and (has("median") or has("tco2")))] | length' "$T/sus.json")" 0
# Otherwise the CLI's document: its small counts become null.
jq '(.benchmarks[].enterprises, .clusters[].declared, .enterprises_declared) |= (if . > 0 and . < 5 then null else . end)' \
    "$T/c.json" >"$T/c-withheld.json"
same_json "the rest is samanvay sustainability --clusters --json" "$T/sus.json" "$T/c-withheld.json"
jq -e '.paths["/api/v1/enterprises/{id}/insights"].get and .paths["/api/v1/sustainability"].get' \
    <(curl -s "$B/api/v1/openapi.json") >/dev/null
ok $? "both are in the OpenAPI document"
done_testing
