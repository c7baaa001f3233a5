#!/usr/bin/env bash
# Browser test of the delayed-payment calculator (issue 6) on a 360 px
# phone screen, in headless Debian chromium driven by npm playwright-core
# (tests/browser/node_modules), signed out: reached and filled by keyboard
# alone, the hand-worked example's result, and axe-core's WCAG 2.0/2.1 A and
# AA checks of the form and the result (calculator.js), in English and in
# Hindi. Screenshots go to TMPDIR/calc-LANG. Environment (tests/run):
# SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
HERE=$ROOT/tests/browser

. "$HERE/browser.sh"
browser_require axe
. "$ROOT/tests/web/web.sh"
DB=$(store_new browser_calculator)
"$S" init --db "$DB" 2>/dev/null
ok $? "a database"
web_serve "$DB" "$T/calc-serve.log"
ok $? "the server listens"

# node's TAP lines are renumbered after ours so the suite counts as one plan.
for lang in en hi; do
    browser_run "[$lang] the browser test ran and passed" 120 calculator.js "$B" "$T/calc-$lang" "$lang"
done
echo "1..$_tap_n"
exit "$_tap_failed"
