#!/usr/bin/env bash
# bench/web.sh: the portal under wrk on loopback, beside nginx serving a
# static file of the same size on the same machine in the same run (issue 4).
#
# Signs in to a `samanvay demo` server as the demo entrepreneur (udyami,
# docs/demo.md) and, for each target (their eligibility through the API,
# their dashboard page), runs wrk with 64 connections carrying the session
# cookie against our server and against nginx. Prints TSV rows for
# bench/run (name, value, unit, baseline, baseline value, ratio):
# requests/s (ratio ours/nginx) and p99 latency (ratio nginx/ours, so > 1
# is ours faster, as every other ratio). The goals (p99 < 20 ms; the API at
# least a third of nginx's requests/s) are judged on stderr and in the
# row names.
#
#   bench/web.sh            BENCH_WEB_SECONDS (10), BENCH_WEB_ENTERPRISES (20000),
#                           SAMANVAY (the binary, ./samanvay)
set -euo pipefail

# The page row measures the dashboard. The fallback dates from before the
# dashboard existed: if GET /dashboard does not answer 200, the row measures
# /account instead and says so in its name.
DASHBOARD_PATH=/dashboard
FALLBACK_PATH=/account
FALLBACK_LABEL="account page (dashboard not built yet)"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
S=${SAMANVAY:-$ROOT/samanvay}
SECONDS_EACH=${BENCH_WEB_SECONDS:-10}
WARMUP=2
ENTERPRISES=${BENCH_WEB_ENTERPRISES:-20000}
CONNECTIONS=64
WRK_THREADS=2
P99_GOAL_MS=20
NGINX=${NGINX:-/usr/sbin/nginx}

for tool in wrk "$NGINX" curl python3 ss; do
    command -v "$tool" >/dev/null || { echo "bench/web.sh: $tool is missing (scripts/deps-check.txt)" >&2; exit 1; }
done
[ -x "$S" ] || { echo "bench/web.sh: no binary at $S (run make)" >&2; exit 1; }

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
T=$(mktemp -d)
SAM_PID=
NGINX_PID=
stop() { # stop PID: SIGTERM, then wait, whatever it answers
    if [ -n "$1" ]; then
        kill "$1" 2>/dev/null || true
        wait "$1" 2>/dev/null || true
    fi
}
cleanup() {
    stop "$SAM_PID"
    stop "$NGINX_PID"
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "bench/web.sh: $*" >&2; }

# A free loopback port (the kernel picks; nginx cannot report its own).
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- our server: the demo database, accounts, and `serve` ------------------
# Every request is logged to stderr (server.c on_completed): into a file,
# never a terminal.
"$S" demo --db "$T/demo.db" --port 0 --enterprises "$ENTERPRISES" 2>"$T/server.log" &
SAM_PID=$!
PORT=
for _ in $(seq 1 1200); do
    PORT=$(sed -n 's/.*event=listening.* port=\([0-9]*\).*/\1/p' "$T/server.log")
    [ -n "$PORT" ] && break
    kill -0 "$SAM_PID" 2>/dev/null || break
    sleep 0.1
done
[ -n "$PORT" ] || { say "the demo server did not start:"; cat "$T/server.log" >&2; exit 1; }
B=http://127.0.0.1:$PORT
THREADS=$(sed -n 's/.*event=listening.* threads=\([0-9]*\).*/\1/p' "$T/server.log")
[ "$(curl -s -o /dev/null -w '%{http_code}' "$B/healthz")" = 200 ] || { say "/healthz is not 200"; exit 1; }

# --- sign in as the entrepreneur --------------------------------------------
JAR=$T/cookies
csrf=$(curl -s -c "$JAR" -b "$JAR" "$B/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" --data-urlencode username=udyami \
    --data-urlencode password=demo-udyami-2025 --data-urlencode "csrf=$csrf" "$B/login")
case "$status" in 2* | 3*) ;; *) say "sign-in answered $status"; exit 1 ;; esac
SESSION=$(awk '$6 == "samanvay_session" { print $7 }' "$JAR" | tail -1)
[ -n "$SESSION" ] || { say "no session cookie after sign-in"; exit 1; }
COOKIE="Cookie: samanvay_session=$SESSION"
ENT=$(curl -s -H "$COOKIE" "$B/api/v1/session" \
    | python3 -c 'import json, sys; d = json.load(sys.stdin); assert d["role"] == "entrepreneur"; print(d["enterprise_id"])')
say "signed in as udyami, enterprise $ENT; server on port $PORT with $THREADS threads"

# --- nginx: the same machine, a private configuration ------------------------
mkdir -p "$T/nginx/root" "$T/nginx/logs"
NPORT=$(free_port)
CORES=$(nproc)
# As root, nginx would hand its workers to 'nobody', who cannot read a
# private temp dir; it serves as whoever runs this script.
user_line=
[ "$(id -u)" = 0 ] && user_line="user $(id -un) $(id -gn);"
cat >"$T/nginx/nginx.conf" <<CONF
$user_line
worker_processes $CORES;
daemon off;
pid $T/nginx/nginx.pid;
error_log $T/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    # libmicrohttpd keeps a connection for any number of requests; nginx's
    # default of 1000 would make it reconnect where we do not.
    keepalive_requests 1000000;
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$NPORT;
        root $T/nginx/root;
    }
}
CONF
"$NGINX" -p "$T/nginx/" -c "$T/nginx/nginx.conf" -e "$T/nginx/logs/error.log" &
NGINX_PID=$!

# --- wrk ---------------------------------------------------------------------
# drain PORT: wait (up to 60 s) until the server holds no connection on
# PORT. The server allows 64 connections per client address (server.c),
# exactly wrk's 64, and refuses new ones while it still holds the last
# run's: a fixed pause is too short on a loaded machine. Not only
# established ones: a connection wrk has closed stays the server's
# (CLOSE-WAIT) until a worker has finished its last request.
drain() {
    for _ in $(seq 1 600); do
        [ "$(ss -Htn state connected exclude time-wait "( sport = :$1 )" | wc -l)" = 0 ] && return 0
        sleep 0.1
    done
    say "connections to port $1 still open after 60 s"
    exit 1
}
# wrk_run SECONDS URL OUTFILE: one run, its report kept; refuses a run with
# errors or non-2xx answers (a benchmark of 403s measures nothing). Waits
# for the server to close the run's connections before the next one.
wrk_run() {
    local script=() port
    [ -n "${WRK_SCRIPT:-}" ] && script=(-s "$WRK_SCRIPT")
    port=${2#http://127.0.0.1:}
    port=${port%%/*}
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${1}s" --latency "${script[@]}" -H "$COOKIE" "$2" >"$3"
    drain "$port"
    if grep -q 'Non-2xx or 3xx responses\|Socket errors' "$3"; then
        say "wrk against $2 saw errors:"
        cat "$3" >&2
        grep 'component=libmicrohttpd' "$T/server.log" | tail -3 >&2 || true
        exit 1
    fi
}
# measure URL OUTFILE: a warm-up run (caches, allocator, connections),
# then the measured one.
measure() {
    wrk_run "$WARMUP" "$1" "$2"
    wrk_run "$SECONDS_EACH" "$1" "$2"
}
# wrk's figures: requests/s, and the 99% latency in ms (wrk writes us, ms or s).
wrk_rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }
wrk_p99() {
    awk '$1 == "99%" {
        v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
        f = u == "us" ? 0.001 : u == "ms" ? 1 : u == "s" ? 1000 : u == "m" ? 60000 : -1
        if (f < 0) { print "unknown unit " u > "/dev/stderr"; exit 1 }
        printf "%.2f", v * f }' "$1"
}

for _ in $(seq 1 50); do
    curl -s -o /dev/null "http://127.0.0.1:$NPORT/" && break
    sleep 0.1
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
api_ok=unknown
p99_ok=yes

# bench_target LABEL PATH GOAL_RPS_RATIO [WRK_SCRIPT]: ours and nginx, two TSV rows.
bench_target() {
    local label=$1 path=$2 rps_goal=$3 size file ours_rps ours_p99 ng_rps ng_p99 r verdict
    size=$(curl -s -o "$T/body" -w '%{size_download}' -H "$COOKIE" "$B$path")
    file=$(printf '%s' "$path" | tr -c 'a-zA-Z0-9\n' '_').bin
    head -c "$size" /dev/zero | tr '\0' 'x' >"$T/nginx/root/$file"
    [ "$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "http://127.0.0.1:$NPORT/$file")" = "200 $size" ] \
        || { say "nginx does not serve $file"; exit 1; }
    say "$label: $size bytes; wrk -t$WRK_THREADS -c$CONNECTIONS -d${SECONDS_EACH}s after ${WARMUP}s of warm-up, ours then nginx"
    WRK_SCRIPT=${4:-} measure "$B$path" "$T/ours.txt"
    WRK_SCRIPT= measure "http://127.0.0.1:$NPORT/$file" "$T/nginx.txt"
    ours_rps=$(wrk_rps "$T/ours.txt"); ours_p99=$(wrk_p99 "$T/ours.txt")
    ng_rps=$(wrk_rps "$T/nginx.txt"); ng_p99=$(wrk_p99 "$T/nginx.txt")
    r=$(ratio "$ours_rps" "$ng_rps")
    verdict=
    if [ -n "$rps_goal" ]; then
        if awk -v r="$ours_rps" -v n="$ng_rps" -v g="$rps_goal" 'BEGIN { exit !(r * g >= n) }'; then
            api_ok=yes; verdict="; goal >= 1/$rps_goal of nginx: met"
        else
            api_ok=no; verdict="; goal >= 1/$rps_goal of nginx: MISSED"
        fi
    fi
    printf 'web: %s, %s bytes, %d connections, as the entrepreneur (requests/s%s)\t%s\treq/s\tnginx, static file of the same size\t%s\t%s\n' \
        "$label" "$size" "$CONNECTIONS" "$verdict" "$ours_rps" "$ng_rps" "$r"
    if [ -n "${4:-}" ]; then
        verdict="context, not a goal"   # the uncached path: the goals are for the reads people repeat
    elif awk -v p="$ours_p99" -v g="$P99_GOAL_MS" 'BEGIN { exit !(p < g) }'; then
        verdict="goal < $P99_GOAL_MS ms: met"
    else
        verdict="goal < $P99_GOAL_MS ms: MISSED"; p99_ok=no
    fi
    printf 'web: %s, p99 latency (lower is better; ratio nginx/ours; %s)\t%s\tms\tnginx, static file of the same size\t%s\t%s\n' \
        "$label" "$verdict" "$ours_p99" "$ng_p99" "$(ratio "$ng_p99" "$ours_p99")"
    say "  ours  $ours_rps req/s, p99 $ours_p99 ms; nginx $ng_rps req/s, p99 $ng_p99 ms"
}

bench_target "GET /api/v1/enterprises/{id}/eligibility" "/api/v1/enterprises/$ENT/eligibility" 3

# The same call with a different evaluation date on every request (?on=,
# 3,000 dates through the server's 1,024 cache slots): nearly every answer
# is built and encoded afresh, the cost of a first read or of a changed
# profile. Reported beside the cached figure, not judged by the goal.
cat >"$T/dates.lua" <<'LUA'
local i = 0
local path = os.getenv("BENCH_PATH")
request = function()
    i = i + 1
    local day = os.date("!%Y-%m-%d", 1704067200 + (i % 3000) * 86400)
    return wrk.format("GET", path .. "?on=" .. day)
end
LUA
BENCH_PATH="/api/v1/enterprises/$ENT/eligibility" \
    bench_target "GET /api/v1/enterprises/{id}/eligibility?on= a new date each time (built, not cached)" \
    "/api/v1/enterprises/$ENT/eligibility" "" "$T/dates.lua"

bench_target "dashboard page (GET $DASHBOARD_PATH)" "$DASHBOARD_PATH" ""

say "goals: p99 < $P99_GOAL_MS ms on the API (cached) and the dashboard: $p99_ok; API requests/s >= 1/3 of nginx: $api_ok"
say "machine: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $CORES cores;" \
    "our server $THREADS libmicrohttpd threads, nginx $CORES workers, wrk $WRK_THREADS threads, all on these cores;" \
    "load average before the run $LOAD_AT_START (anything else running skews both sides)"
