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

if [ ! -x /usr/bin/chromium ] || [ ! -d "$HERE/node_modules/playwright-core" ] ||
   [ ! -d "$HERE/node_modules/axe-core" ] || ! command -v node >/dev/null; then
    ok 1 "chromium, node, playwright-core and axe-core are installed (scripts/ensure-deps scripts/deps-check.txt; scripts/ensure-node-deps)"
    done_testing
fi
. "$ROOT/tests/web/web.sh"
. "$ROOT/tests/web/stress_fixture.sh"

stress_fixture "$T/stress.db"
web_adduser "$T/stress.db" officer-pune-pass --username pune --role officer --state 27 --district Pune
web_adduser "$T/stress.db" policy-pass-123 --username policy --role policymaker
web_serve "$T/stress.db" "$T/serve.log"
ok $? "the server listens"
out=$(cd "$HERE" && timeout 180 node stress.js "$B" "$T/screens-stress" 2>&1)
status=$?
while IFS= read -r line; do
    case "$line" in
        "ok "*) ok 0 "${line#ok * - }" ;;
        "not ok "*) ok 1 "${line#not ok * - }" ;;
        "#"*) echo "$line" ;;
    esac
done <<<"$out"
grep -qE '^(ok|not ok) ' <<<"$out" && [ $status -eq 0 ]
ok $? "the browser check ran and passed (node exit $status)"
[ $status -eq 0 ] || sed 's/^/# /' <<<"$out" | tail -5
echo "1..$_tap_n"
exit "$_tap_failed"
