#!/usr/bin/env bash
# Browser check of the stress views (issue 7) in headless Debian chromium:
# the watchlist and the heatmaps on a 360 px screen, axe-core (WCAG 2.0/2.1
# A and AA), page size, and the heatmap drawn with site.css. The store is
# tests/web/stress_fixture.sh's. Screenshots go to TMPDIR/screens-stress.
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
. "$ROOT/tests/web/stress_fixture.sh"

DB=$(store_new browser_stress)
stress_fixture "$DB"
web_adduser "$DB" officer-pune-pass --username pune --role officer --state 27 --district Pune
web_adduser "$DB" policy-pass-123 --username policy --role policymaker
web_serve "$DB" "$T/serve.log"
ok $? "the server listens"
browser_run "the browser check ran and passed" 180 stress.js "$B" "$T/screens-stress"
echo "1..$_tap_n"
exit "$_tap_failed"
