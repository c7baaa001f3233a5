#!/usr/bin/env bash
# Browser check of the policymaker's merger what-ifs and scheme outcomes
# (issue 8) in headless Debian chromium: /policy/scenarios, one scenario's
# before and after, and /policy/impact after a saved run, each in English
# and Hindi on a 360 px screen, with axe-core (WCAG 2.0/2.1 A and AA) and
# the page size. Generated data: 5,000 enterprises, seed 7, Udyam, GST and
# beneficiary feeds. Screenshots go to TMPDIR/screens-policy. Environment
# (tests/run): SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
HERE=$ROOT/tests/browser

. "$HERE/browser.sh"
browser_require axe
. "$ROOT/tests/web/web.sh"

DB=$(store_new browser_policy)
$S generate --enterprises 5000 --seed 7 --out "$T/g" >/dev/null 2>&1
$S init --db "$DB" 2>/dev/null
for f in udyam gst beneficiary; do
    $S ingest --db "$DB" $f "$T/g/$f.csv" --quiet >/dev/null 2>&1 || break
done
ok $? "generate and ingest 5,000 enterprises"
$S impact --db "$DB" --save --draws 20 >/dev/null 2>&1
ok $? "impact --save stores a run for the page"
web_adduser "$DB" policy-pass-123 --username policy --role policymaker
web_serve "$DB" "$T/serve.log"
ok $? "the server listens"
browser_run "the browser check ran and passed" 180 policy.js "$B" "$T/screens-policy"
echo "1..$_tap_n"
exit "$_tap_failed"
