#!/usr/bin/env bash
# Browser check of the overlap and awareness pages (issue 8) in headless
# Debian chromium: the policymaker's matrix and awareness gap, the district
# officer's outreach list, each in English and Hindi on a 360 px screen,
# with axe-core (WCAG 2.0/2.1 A and AA) and the page size. Generated data:
# 5,000 enterprises, seed 7, Udyam and beneficiary feeds. Screenshots go to
# TMPDIR/screens-overlap. Environment (tests/run): SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
HERE=$ROOT/tests/browser

. "$HERE/browser.sh"
browser_require axe
. "$ROOT/tests/web/web.sh"

DB=$(store_new browser_overlap)
$S generate --enterprises 5000 --seed 7 --out "$T/g" >/dev/null 2>&1
$S init --db "$DB" 2>/dev/null
$S ingest --db "$DB" udyam "$T/g/udyam.csv" --quiet >/dev/null 2>&1 \
    && $S ingest --db "$DB" beneficiary "$T/g/beneficiary.csv" --quiet >/dev/null 2>&1
ok $? "generate and ingest 5,000 enterprises"
ST=$(store_sql "$DB" "select state from enterprise group by state order by count(*) desc, state limit 1")
DIST=$(store_sql "$DB" "select min(district) from enterprise where state = '$ST' group by upper(district)
                      order by count(*) desc, min(district) limit 1")
web_adduser "$DB" officer-pass-123 --username dist --role officer --state "$ST" --district "$DIST"
web_adduser "$DB" policy-pass-123 --username policy --role policymaker
web_serve "$DB" "$T/serve.log"
ok $? "the server listens"
browser_run "the browser check ran and passed" 180 overlap.js "$B" "$T/screens-overlap"
echo "1..$_tap_n"
exit "$_tap_failed"
