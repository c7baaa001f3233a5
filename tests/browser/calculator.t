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

if [ ! -x /usr/bin/chromium ] || [ ! -d "$HERE/node_modules/playwright-core" ] ||
   [ ! -d "$HERE/node_modules/axe-core" ] || ! command -v node >/dev/null; then
    ok 1 "chromium, node, playwright-core and axe-core are installed (scripts/ensure-deps scripts/deps-check.txt; scripts/ensure-node-deps)"
    done_testing
fi
. "$ROOT/tests/web/web.sh"
"$S" init --db "$T/calc.db" 2>/dev/null
ok $? "a database"
web_serve "$T/calc.db" "$T/calc-serve.log"
ok $? "the server listens"

# node's TAP lines are renumbered after ours so the suite counts as one plan.
for lang in en hi; do
    out=$(cd "$HERE" && timeout 120 node calculator.js "$B" "$T/calc-$lang" "$lang" 2>&1)
    status=$?
    while IFS= read -r line; do
        case "$line" in
            "ok "*) ok 0 "${line#ok * - }" ;;
            "not ok "*) ok 1 "${line#not ok * - }" ;;
            "#"*) echo "$line" ;;
        esac
    done <<<"$out"
    grep -qE '^(ok|not ok) ' <<<"$out" && [ $status -eq 0 ]
    ok $? "[$lang] the browser test ran and passed (node exit $status)"
    [ $status -eq 0 ] || sed 's/^/# /' <<<"$out" | tail -5
done
echo "1..$_tap_n"
exit "$_tap_failed"
