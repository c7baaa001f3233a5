#!/usr/bin/env bash
# tests/stress/valgrind.sh: the HTTP integration suites (tests/web/*.t, or
# those matching STRESS_VALGRIND_ONLY) with every `samanvay serve` they
# start running under valgrind memcheck; the other commands the suites run
# (init, ingest, user add) run natively, as they are short and covered by
# the ASan build. Reports, per server run, memcheck's errors and definitely
# lost bytes; fails unless both are 0 everywhere. Suppressions
# (tests/stress/valgrind.supp) cover only libraries outside the project,
# each with a comment saying why. The suites' own TAP results are
# reported beside (a suite can fail under valgrind's slowness alone: its
# failures are listed, not counted against memcheck).
#
#   tests/stress/valgrind.sh   STRESS_VALGRIND_ONLY (substring of suite names),
#                              BUILD (build/release), SAMANVAY
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${SAMANVAY:-$ROOT/build/release/samanvay}
ONLY=${STRESS_VALGRIND_ONLY:-}
T=$(mktemp -d)
S=$BIN
. "$ROOT/tests/stress/lib.sh"
need valgrind curl sqlite3 python3 tidy
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
VG=$T/vg
mkdir -p "$VG"

# The wrapper the suites see as their binary: `serve` under memcheck.
cat >"$T/samanvay" <<WRAP
#!/bin/sh
if [ "\$1" = serve ]; then
    exec valgrind --tool=memcheck --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \\
        --errors-for-leak-kinds=definite --track-origins=yes --num-callers=30 \\
        --suppressions="$ROOT/tests/stress/valgrind.supp" --log-file="$VG/%p.log" "$BIN" "\$@"
fi
exec "$BIN" "\$@"
WRAP
chmod +x "$T/samanvay"

total_err=0
total_def=0
runs=0
for suite in "$ROOT"/tests/web/*.t; do
    name=$(basename "$suite")
    [ -n "$ONLY" ] && [[ "$name" != *"$ONLY"* ]] && continue
    grep -q 'serve' "$suite" || continue
    rm -f "$VG"/*.log
    scratch=$(mktemp -d)
    t0=$(date +%s)
    out=$(cd "$ROOT" && TMPDIR="$scratch" ROOT="$ROOT" SAMANVAY="$T/samanvay" BUILD="$ROOT/build/release" \
        WEB_LISTEN_TENTHS=1800 bash "$suite" 2>&1)
    secs=$(( $(date +%s) - t0 ))
    rm -rf "$scratch"
    n_ok=$(grep -cE '^ok ' <<<"$out"); n_not=$(grep -cE '^not ok ' <<<"$out")
    # Each valgrind log: its errors (suppressed ones aside) and definite leaks.
    errs=0; def=0; logs=0
    for log in "$VG"/*.log; do
        [ -e "$log" ] || continue
        logs=$((logs + 1))
        e=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$log" | tail -1 | tr -d ,)
        d=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -1 | tr -d ,)
        if [ -z "$e" ]; then
            fail "$name: valgrind log $(basename "$log") has no error summary (server killed?)"
            tail -5 "$log"
            continue
        fi
        errs=$((errs + e)); def=$((def + ${d:-0}))
        if [ "$e" != 0 ] || [ "${d:-0}" != 0 ]; then
            echo "--- $name: $(basename "$log"): $e errors, ${d:-0} bytes definitely lost"
            grep -E '^==[0-9]+== (Invalid|Conditional|Use of|Syscall|Mismatched|Source and|[0-9,]+ bytes in)|^==[0-9]+==    (at|by) ' "$log" | head -40
            cp "$log" "$ROOT/build/stress/valgrind-$name-$(basename "$log")" 2>/dev/null
        fi
    done
    runs=$((runs + logs))
    total_err=$((total_err + errs)); total_def=$((total_def + def))
    printf '%-22s %3d server run(s) under memcheck: %d errors, %d bytes definitely lost; suite %d ok, %d not ok, %ds\n' \
        "$name" "$logs" "$errs" "$def" "$n_ok" "$n_not" "$secs"
    [ "$n_not" -gt 0 ] && grep -E '^not ok ' <<<"$out" | head -5 | sed 's/^/    /'
done
mkdir -p "$ROOT/build/stress"
echo "memcheck over $runs server runs: $total_err errors, $total_def bytes definitely lost"
expect "memcheck errors" "$total_err" 0
expect "bytes definitely lost" "$total_def" 0
check "at least one server ran under memcheck" [ "$runs" -gt 0 ]
stress_verdict
