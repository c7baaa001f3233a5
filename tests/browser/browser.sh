# browser.sh: what the headless-Chromium suites share. Sourced after
# tests/tap.sh, with HERE set to tests/browser.

# End the suite with one failing line unless chromium, node and
# playwright-core are installed (and axe-core, when the first argument is
# "axe"): a machine without them must not pass the browser tests by
# skipping them.
browser_require() {
    local need_axe=${1:-}
    if [ ! -x /usr/bin/chromium ] || [ ! -d "$HERE/node_modules/playwright-core" ] ||
       { [ "$need_axe" = axe ] && [ ! -d "$HERE/node_modules/axe-core" ]; } ||
       ! command -v node >/dev/null; then
        ok 1 "chromium, node, playwright-core and axe-core are installed (scripts/ensure-deps scripts/deps-check.txt; scripts/ensure-node-deps)"
        done_testing
    fi
}

# browser_run WHAT SECONDS SCRIPT.js ARGS...: run a node script of
# tests/browser, relay its TAP lines as this suite's (renumbered), then one
# line for the run itself: it printed results and node exited 0.
browser_run() {
    local what=$1 limit=$2 out status line
    shift 2
    out=$(cd "$HERE" && timeout "$limit" node "$@" 2>&1)
    status=$?
    while IFS= read -r line; do
        case "$line" in
            "ok "*) ok 0 "${line#ok * - }" ;;
            "not ok "*) ok 1 "${line#not ok * - }" ;;
            "#"*) echo "$line" ;;
        esac
    done <<<"$out"
    grep -qE '^(ok|not ok) ' <<<"$out" && [ $status -eq 0 ]
    ok $? "$what (node exit $status)"
    [ $status -eq 0 ] || sed 's/^/# /' <<<"$out" | tail -5
}
