#!/usr/bin/env bash
# Browser test of the portal's main journey (issue 4) on a 360 px phone
# screen, in headless Debian chromium driven by npm playwright-core
# (tests/browser/node_modules): register with Udyam number and PAN, the
# pre-filled profile, two schemes in one application, the dashboard, the
# district officer's review and sanction with a reason, and the entrepreneur
# seeing it. Every page on the way is checked by axe-core (npm, WCAG 2.0/2.1
# A and AA) and must fit 360 px without sideways scrolling; the browser
# bypasses the site's Content-Security-Policy only to inject axe, and
# portal.js checks the policy header instead. Runs once in English and once
# in Hindi, each on its own database and server because the Pune enterprise
# can be claimed only once.
# Screenshots go to TMPDIR/screens-LANG. Environment (tests/run): SAMANVAY,
# ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
HERE=$ROOT/tests/browser

. "$HERE/browser.sh"
browser_require axe
. "$ROOT/tests/web/web.sh"

# journey LANG: a fresh database and server, then portal.js against it.
# node's TAP lines are renumbered after ours so the suite counts as one plan.
journey() {
    local lang=$1 db out status
    db=$(store_new "browser_portal_$lang")
    web_two_enterprises "$db"
    ok $? "[$lang] a database with two enterprises"
    web_adduser "$db" officer-pune-pass --username pune --role officer --state 27 --district Pune
    ok $? "[$lang] the Pune district officer has an account"
    web_serve "$db" "$T/portal-serve-$lang.log"
    ok $? "[$lang] the server listens"
    browser_run "[$lang] the browser journey ran and passed" 180 portal.js "$B" "$T/screens-$lang" "$lang"
    kill "$PID" 2>/dev/null
    wait "$PID" 2>/dev/null
    trap - EXIT
}

journey en
journey hi
# done_testing always exits 0; a failed step must fail the run on its own too.
echo "1..$_tap_n"
exit "$_tap_failed"
