# `samanvay insights` and `samanvay sustainability` end to end on generated
# data (3,000 enterprises, seed 11): the energy feed loads with its injected
# faults quarantined under the generator's own counts; the JSON contract;
# the emission arithmetic recomputed here from the store with the cited
# factor; no withheld cell carries a figure; usage errors exit 2.
. "$ROOT/tests/tap.sh"
S=$SAMANVAY
G=$TMPDIR/g; DB=$(store_new g)
q() { store_sql "$DB" "$1"; }

$S generate --enterprises 3000 --seed 11 --out "$G" >/dev/null 2>&1
ok $? "generate 3,000 enterprises"
check "energy.csv is written" test -s "$G/energy.csv"
is "energy.csv header" "$(head -1 "$G/energy.csv")" "udyam_number,fiscal_year,source,quantity,unit"
$S init --db "$DB" 2>/dev/null
for f in udyam gst cluster cluster_member; do
    $S ingest --db "$DB" $f "$G/$f.csv" --quiet >/dev/null 2>&1 || break
done
ok $? "ingest the generated feeds"
$S ingest --db "$DB" energy "$G/energy.csv" --quiet --json >"$TMPDIR/ing.json" 2>/dev/null
ok $? "ingest energy"
injected=$(jq '[.injected_errors.energy // {} | to_entries[].value] | add // 0' "$G/manifest.json")
quarantined=$(jq .quarantined "$TMPDIR/ing.json")
is "every injected energy fault is quarantined, no more" "$quarantined" "$injected"
is "quarantine reasons are the injected ones" \
   "$(q "SELECT reason_code || ':' || COUNT(*) FROM quarantine WHERE feed='energy' GROUP BY reason_code ORDER BY reason_code" | paste -sd, -)" \
   "$(jq -r '.injected_errors.energy | to_entries | sort_by(.key) | map(.key + ":" + (.value|tostring)) | join(",")' "$G/manifest.json")"
$S ingest --db "$DB" energy "$G/energy.csv" --quiet --json >"$TMPDIR/ing2.json" 2>/dev/null
is "a rerun of the same file changes nothing" "$(jq .inserted "$TMPDIR/ing2.json")" 0

# A hand-made file: one good row, four bad ones.
U=$(q "SELECT udyam FROM enterprise WHERE udyam IS NOT NULL ORDER BY id LIMIT 1")
printf 'udyam_number,fiscal_year,source,quantity,unit\n%s,2023-24,electricity,1000,kWh\n%s,2023-24,diesel,5,litre\n%s,2023-25,electricity,1,kWh\n%s,2023-24,electricity,-3,kWh\nUDYAM-MH-26-0000001,2023-24,coal,1,GJ\n' \
    "$U" "$U" "$U" "$U" >"$TMPDIR/hand.csv"
$S ingest --db "$DB" energy "$TMPDIR/hand.csv" --quiet --json >"$TMPDIR/hand.json" 2>/dev/null
is "hand file: 1 loaded" "$(jq .loaded "$TMPDIR/hand.json")" 1
is "hand file: 4 quarantined" "$(jq .quarantined "$TMPDIR/hand.json")" 4
is "reasons" "$(jq -c '.quarantined_by_reason | to_entries | map(.key) | sort' "$TMPDIR/hand.json")" \
   '["bad_date","bad_enum","bad_number","unknown_reference"]'

$S insights >/dev/null 2>&1; is "insights without --enterprise: usage error" "$?" 2
$S insights --db "$DB" --enterprise x >/dev/null 2>&1; is "a bad id: usage error" "$?" 2
$S insights --db "$DB" --enterprise 999999 >/dev/null 2>&1; is "no such enterprise: exit 1" "$?" 1
$S sustainability --db "$DB" >/dev/null 2>&1; is "sustainability without a mode: usage error" "$?" 2

ID=$(q "SELECT d.enterprise_id FROM energy_declaration d JOIN enterprise e ON e.id = d.enterprise_id WHERE d.source = 'electricity' AND e.turnover_paise > 0 AND d.fiscal_year = (SELECT MAX(fiscal_year) FROM energy_declaration) ORDER BY 1 LIMIT 1")
$S insights --db "$DB" --enterprise "$ID" --json >"$TMPDIR/x.json"
ok $? "insights --json exits 0"
# A write that fails (a full disk) is an error, never a silent exit 0.
if [ -w /dev/full ]; then
    $S insights --db "$DB" --enterprise "$ID" >/dev/full 2>/dev/null
    is "insights to a full disk: exit 2" "$?" 2
    $S sustainability --db "$DB" --clusters --json >/dev/full 2>/dev/null
    is "sustainability --clusters --json to a full disk: exit 2" "$?" 2
else
    ok 1 "/dev/full is missing: cannot test a failing write"
fi
like "the text report states the factor behind each line" "$($S insights --db "$DB" --enterprise "$ID")" "kgCO2/kWh"
like "the clusters report states its factors' sources" "$($S sustainability --db "$DB" --clusters)" "CEA CO2 Baseline Database"
is "contract keys" "$(jq -c 'keys' "$TMPDIR/x.json")" '["enterprise_id","market","nic_division","nic_group","sustainability"]'
is "procurement targets 25/4/3" "$(jq -c '[.market.public_procurement[].share_pct]' "$TMPDIR/x.json")" '[25,4,3]'
is "sub-target progress is marked unconfirmed" "$(jq -r '.market.public_procurement[1].progress' "$TMPDIR/x.json")" unconfirmed
is "growth percentile only with a peer group" \
   "$(jq '.market.turnover_growth | (.peer_group == "none") == (has("percentile") | not)' "$TMPDIR/x.json")" true

# kWh x factor, recomputed from the store and the shipped CEA table.
kwh=$(q "SELECT quantity_milli / 1000.0 FROM energy_declaration WHERE enterprise_id = $ID AND source = 'electricity' ORDER BY fiscal_year DESC, origin DESC LIMIT 1")
fact=$(jq '.sustainability.footprint.lines[] | select(.source=="electricity") | .kgco2_per_unit' "$TMPDIR/x.json")
t=$(jq '.sustainability.footprint.lines[] | select(.source=="electricity") | .tco2' "$TMPDIR/x.json")
check "electricity tCO2 = kWh x kgCO2/kWh / 1000" awk -v k="$kwh" -v f="$fact" -v t="$t" \
    'BEGIN { d = k * f / 1000 - t; exit !(d < 1e-6 && d > -1e-6) }'
check "the factor is a CEA value from data/grid_emission_factor.csv" \
    grep -q "weighted_average_incl_RES_and_captive,21.0,$fact" "$ROOT/data/grid_emission_factor.csv"
is "units are stated" "$(jq -r '.sustainability.footprint | .tco2_unit + "|" + .energy_unit + "|" + .lines[0].unit' "$TMPDIR/x.json")" "tCO2|GJ|kWh"
like "the factor's source is stated" "$(jq -r '.sustainability.footprint.lines[0].factor_reference' "$TMPDIR/x.json")" "CEA CO2 Baseline Database"
is "ESG checklist items" "$(jq -c '[.sustainability.esg_readiness[].item]' "$TMPDIR/x.json")" \
   '["energy_declared","zed_certified","udyam_registered","gst_compliant","workforce_reported"]'
is "every ESG item says why" "$(jq '[.sustainability.esg_readiness[] | select(.why == "")] | length' "$TMPDIR/x.json")" 0
is "green schemes: zed and lean" "$(jq -c '[.sustainability.green_schemes[].scheme]' "$TMPDIR/x.json")" '["zed","lean"]'

$S sustainability --db "$DB" --clusters --json >"$TMPDIR/c.json"
ok $? "sustainability --clusters --json exits 0"
is "no withheld benchmark carries a figure" \
   "$(jq '[.benchmarks[] | select(.suppressed and (has("median") or has("q1")))] | length' "$TMPDIR/c.json")" 0
is "every withheld benchmark has fewer than 5" \
   "$(jq '[.benchmarks[] | select(.suppressed != (.enterprises < 5))] | length' "$TMPDIR/c.json")" 0
is "no withheld cluster carries a figure" \
   "$(jq '[.clusters[] | select(.suppressed and has("tco2"))] | length' "$TMPDIR/c.json")" 0
check "quartiles are ordered" test "$(jq '[.benchmarks[] | select(.suppressed|not) | select(.q1 > .median or .median > .q3)] | length' "$TMPDIR/c.json")" = 0
is "enterprises declared = enterprises with a declaration" "$(jq .enterprises_declared "$TMPDIR/c.json")" \
   "$(q "SELECT COUNT(DISTINCT enterprise_id) FROM energy_declaration")"
$S sustainability --db "$DB" --enterprise "$ID" --json >"$TMPDIR/s.json"
is "sustainability --enterprise is the insights report" "$(jq -c .sustainability "$TMPDIR/s.json")" "$(jq -c .sustainability "$TMPDIR/x.json")"
done_testing
