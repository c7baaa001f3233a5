#!/usr/bin/env bash
# Browser test: headless Debian chromium (driven by npm playwright-core in
# tests/browser/node_modules, installed by scripts/ensure-node-deps) loads
# the home page on a 320 px screen, tabs to the sign-in link, signs in by
# keyboard and switches the language. Environment (tests/run): SAMANVAY,
# ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
HERE=$ROOT/tests/browser

. "$HERE/browser.sh"
browser_require

DB=$(store_new browser_home)
"$S" init --db "$DB" 2>/dev/null
printf 'browser-pass-123\n' | "$S" user add --db "$DB" --username asha --role policymaker --password-stdin 2>/dev/null
ok $? "a test account exists"
. "$ROOT/tests/web/web.sh"
web_serve "$DB" "$T/serve.log"
ok $? "serve starts"

# node's TAP lines are renumbered after ours so the suite counts as one plan.
mkdir -p "$T/profile"
browser_run "the browser test ran" 120 home.js "http://127.0.0.1:$PORT" asha browser-pass-123 "$T/profile"
done_testing
