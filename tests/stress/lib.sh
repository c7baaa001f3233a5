# tests/stress/lib.sh: what the load and fault scripts share (sourced).
# Each script sets ROOT and S (the binary) and T (its scratch directory)
# before sourcing this file; it reports through say/pass/fail, and a
# script's exit status is 0 only when every check passed.

STRESS_FAILED=0
say() { echo "${0##*/}: $*" >&2; }
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; STRESS_FAILED=1; }
# check DESCRIPTION COMMAND...: PASS or FAIL by the command's status.
check() {
    local d=$1
    shift
    if "$@"; then pass "$d"; else fail "$d"; fi
}
# expect DESCRIPTION GOT WANT
expect() {
    if [ "$2" = "$3" ]; then pass "$1 ($2)"; else fail "$1: got '$2', want '$3'"; fi
}

need() {
    local t
    for t in "$@"; do
        command -v "$t" >/dev/null || { say "$t is missing (make deps-check installs scripts/deps-check.txt)"; exit 2; }
    done
}

# stress_demo_db N OUT: a demo database of N generated enterprises with
# the demo accounts (docs/demo.md), copied to OUT. `samanvay demo` builds
# it once into build/stress/demo-N.db (it loads every feed, then serves:
# stopped as soon as it listens); later runs copy that file.
# STRESS_FRESH=1 builds it again.
stress_demo_db() {
    local n=$1 out=$2 cache="$ROOT/build/stress/demo-$1.db" pid port log
    mkdir -p "$ROOT/build/stress"
    if [ "${STRESS_FRESH:-0}" = 1 ] || [ ! -s "$cache" ]; then
        rm -rf "$cache" "$cache"-wal "$cache"-shm "$cache.feeds"
        log=$T/demo-build.log
        say "building the $n-enterprise demo database (once; cached in $cache)"
        "$S" demo --db "$cache" --port 0 --enterprises "$n" 2>"$log" &
        pid=$!
        port=
        for _ in $(seq 1 3000); do
            port=$(sed -n 's/.*event=listening.* port=\([0-9]*\).*/\1/p' "$log")
            [ -n "$port" ] && break
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        [ -n "$port" ] || { say "the demo database was not built:"; tail -5 "$log" >&2; return 1; }
        sqlite3 "$cache" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
    fi
    cp "$cache" "$out"
}

# stress_serve DB LOG [THREADS]: `samanvay serve` in the background.
# Sets SERVER_PID, PORT and B. $SERVE_WRAP (e.g. valgrind ...) runs before
# the binary when set.
stress_serve() {
    # shellcheck disable=SC2086
    ${SERVE_WRAP:-} "$S" serve --db "$1" --port "${STRESS_PORT:-0}" --threads "${3:-2}" 2>"$2" &
    SERVER_PID=$!
    PORT=
    for _ in $(seq 1 600); do
        PORT=$(sed -n 's/.*event=listening.* port=\([0-9]*\).*/\1/p' "$2" | tail -1)
        [ -n "$PORT" ] && break
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    B=http://127.0.0.1:$PORT
    [ -n "$PORT" ] || { say "the server did not start:"; tail -5 "$2" >&2; return 1; }
}

# stress_stop PID: SIGTERM and wait.
stress_stop() {
    [ -n "${1:-}" ] || return 0
    kill "$1" 2>/dev/null
    wait "$1" 2>/dev/null
    return 0
}

# stress_login JAR USER PASSWORD: sign in; prints the session id.
stress_login() {
    local csrf status
    csrf=$(curl -s -c "$1" -b "$1" "$B/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
    status=$(curl -s -o /dev/null -w '%{http_code}' -c "$1" -b "$1" --data-urlencode "username=$2" \
        --data-urlencode "password=$3" --data-urlencode "csrf=$csrf" "$B/login")
    case "$status" in 2* | 3*) ;; *) say "sign-in as $2 answered $status"; return 1 ;; esac
    awk '$6 == "samanvay_session" { print $7 }' "$1" | tail -1
}

# drain PORT: wait (up to 60 s) until no client connection to the port
# is open. Back-to-back wrk runs otherwise overlap: the server closes the
# last run's connections only as their slow requests finish, and the next
# run's would pass its 64 connections per client address (server.c).
drain() {
    for _ in $(seq 1 600); do
        # Not only established: a connection wrk has closed stays the
        # server's (CLOSE-WAIT) until a worker finishes its last request.
        [ "$(ss -Htn state connected exclude time-wait "( sport = :$1 )" | wc -l)" = 0 ] && return 0
        sleep 0.1
    done
    say "connections to port $1 still open after 60 s"
}

# rss_kib PID: resident set size in KiB.
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# stress_verdict: the closing line, and the exit status.
stress_verdict() {
    if [ "$STRESS_FAILED" = 0 ]; then echo "${0##*/}: all checks passed"; else echo "${0##*/}: FAILED"; fi
    return "$STRESS_FAILED"
}
