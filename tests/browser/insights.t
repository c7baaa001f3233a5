#!/usr/bin/env bash
# Browser check of the insights pages (issue 8) in headless Debian chromium:
# the entrepreneur's /insights and the policymaker's /sustainability on a
# 360 px screen, in English and Hindi: axe-core (WCAG 2.0/2.1 A and AA),
# page size, no sideways scrolling, and the percentile bar drawn. Generated
# data: 3,000 enterprises, seed 11. Screenshots go to TMPDIR/screens-insights.
# Environment (tests/run): SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
HERE=$ROOT/tests/browser

. "$HERE/browser.sh"
browser_require axe
. "$ROOT/tests/web/web.sh"

DB=$(store_new browser_insights)
$S generate --enterprises 3000 --seed 11 --out "$T/g" >/dev/null 2>&1
$S init --db "$DB" 2>/dev/null
for f in udyam gst cluster cluster_member energy; do
    $S ingest --db "$DB" $f "$T/g/$f.csv" --quiet >/dev/null 2>&1 || break
done
ok $? "generate and ingest 3,000 enterprises"
ENT=$(store_sql "$DB" "SELECT d.enterprise_id FROM energy_declaration d JOIN enterprise e ON e.id = d.enterprise_id
                     WHERE e.activity = 'manufacturing' ORDER BY 1 LIMIT 1")
web_adduser "$DB" ent-pass-12345 --username ent --role entrepreneur --enterprise "$ENT"
web_adduser "$DB" policy-pass-123 --username policy --role policymaker
web_serve "$DB" "$T/serve.log"
ok $? "the server listens"
browser_run "the browser check ran and passed" 180 insights.js "$B" "$T/screens-insights"
echo "1..$_tap_n"
exit "$_tap_failed"
