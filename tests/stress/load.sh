#!/usr/bin/env bash
# tests/stress/load.sh: `samanvay serve` at saturation for two minutes on
# a 20,000-enterprise demo database, under a mix of public pages, the
# signed-in entrepreneur's pages and API, the officer's pages and the
# policymaker's aggregates (tests/stress/load_mix.lua picks each request).
#
# Reports requests/s, latency percentiles and the answers by status, and
# the same server's requests/s on a static file (/static/site.css) and
# nginx's on a file of the same size, so the figure is a ratio. Fails on
# any 5xx, any other status outside 2xx/3xx, socket errors other than
# wrk's closing timeouts, or the server's resident memory growing by more
# than STRESS_RSS_GROWTH_PCT (15) percent plus STRESS_RSS_SLACK_MIB (24)
# between the end of the warm-up and the end of the run. The bound leaves
# room for SQLite's page cache (up to 64 MiB per connection) and the
# answer caches still filling; the report divides the growth by the
# requests served, the size of leak per request the bound would catch.
#
#   tests/stress/load.sh   STRESS_SECONDS (120), STRESS_WARMUP (20),
#                          STRESS_ENTERPRISES (20000), STRESS_CONNECTIONS (48),
#                          SAMANVAY (./samanvay)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
S=${SAMANVAY:-$ROOT/samanvay}
SECONDS_RUN=${STRESS_SECONDS:-120}
WARMUP=${STRESS_WARMUP:-20}
N=${STRESS_ENTERPRISES:-20000}
# Below the server's 64 connections per client address (server.c).
CONNS=${STRESS_CONNECTIONS:-48}
GROWTH_PCT=${STRESS_RSS_GROWTH_PCT:-15}
SLACK_MIB=${STRESS_RSS_SLACK_MIB:-24}
NGINX=${NGINX:-/usr/sbin/nginx}
T=$(mktemp -d)
. "$ROOT/tests/stress/lib.sh"
need wrk curl sqlite3 python3 ss
SERVER_PID=
NGINX_PID=
trap 'stress_stop "$SERVER_PID"; stress_stop "$NGINX_PID"; rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

stress_demo_db "$N" "$T/demo.db" || exit 2
stress_serve "$T/demo.db" "$T/server.log" 2 || exit 2
THREADS=$(sed -n 's/.*event=listening.* threads=\([0-9]*\).*/\1/p' "$T/server.log")
ENT_COOKIE=$(stress_login "$T/ent.jar" udyami demo-udyami-2025) || exit 2
OFF_COOKIE=$(stress_login "$T/off.jar" officer demo-officer-2025) || exit 2
POL_COOKIE=$(stress_login "$T/pol.jar" policy demo-policy-2025) || exit 2
ENT=$(sqlite3 "$T/demo.db" "select enterprise_id from app_user where username = 'udyami'")
# An application and a cluster the officer may open (the demo files some
# in the officer's district).
APP=$(curl -s -b "$T/off.jar" "$B/api/v1/worklist?limit=1" \
    | python3 -c 'import json,sys; a=json.load(sys.stdin)["applications"]; print(a[0]["id"] if a else "")')

# --- the mix: weight, role, path ---------------------------------------------
{
    cat <<MIX
10 public /
4 public /login
4 public /payments/calculator
6 public /api/v1/schemes
4 public /api/v1/schemes/search?q=credit
3 public /healthz
10 ent /dashboard
6 ent /schemes
4 ent /profile
10 ent /api/v1/enterprises/$ENT/eligibility
4 ent /api/v1/applications
3 ent /calendar
3 ent /insights
3 ent /api/v1/enterprises/$ENT/calendar
4 off /officer/worklist
4 off /api/v1/worklist
3 off /officer/enterprises/$ENT?reason=load%20test
2 off /clusters
3 pol /policy/impact
3 pol /sustainability
3 pol /overlap
2 pol /stress/heatmap
2 pol /clusters/health
2 pol /api/v1/overlap
MIX
    [ -n "$APP" ] && echo "3 off /applications/$APP?reason=load%20test"
} >"$T/mix.txt"

# Every path answers 2xx/3xx once before the load: a mix of 403s measures nothing.
declare -A JAR=([public]=/dev/null [ent]=$T/ent.jar [off]=$T/off.jar [pol]=$T/pol.jar)
while read -r _ role path; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -b "${JAR[$role]}" "$B$path")
    case "$code" in 2* | 3*) ;; *) fail "before the load, $role GET $path answered $code" ;; esac
done <"$T/mix.txt"
[ "$STRESS_FAILED" = 0 ] || { stress_verdict; exit 1; }
say "$(wc -l <"$T/mix.txt") paths answer; server on port $PORT with $THREADS threads, enterprise $ENT"

export STRESS_MIX=$T/mix.txt STRESS_COOKIE_ENT=$ENT_COOKIE STRESS_COOKIE_OFF=$OFF_COOKIE STRESS_COOKIE_POL=$POL_COOKIE
wrk_mix() { # wrk_mix SECONDS OUT
    wrk -t2 -c"$CONNS" -d"${1}s" --timeout 10s --latency -s "$ROOT/tests/stress/load_mix.lua" "$B/" >"$2" 2>&1
}

# --- warm-up, then the measured run -------------------------------------------
say "warm-up: ${WARMUP}s of the mix"
wrk_mix "$WARMUP" "$T/warmup.txt"
drain "$PORT"
RSS0=$(rss_kib "$SERVER_PID")
LOG0=$(wc -l <"$T/server.log")
say "measured run: wrk -t2 -c$CONNS -d${SECONDS_RUN}s; server RSS after warm-up $((RSS0 / 1024)) MiB"
# RSS sampled every 10 s during the run, to show a trend and not only two points.
( while kill -0 "$SERVER_PID" 2>/dev/null; do rss_kib "$SERVER_PID"; sleep 10; done ) >"$T/rss.txt" &
SAMPLER=$!
wrk_mix "$SECONDS_RUN" "$T/run.txt"
kill "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null
drain "$PORT"
RSS1=$(rss_kib "$SERVER_PID")
kill -0 "$SERVER_PID" 2>/dev/null
rc=$?; check "the server is still running after the load" [ "$rc" = 0 ]

v() { awk -v k="$1" '$1 == k { print $2 }' "$T/run.txt"; }
ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
REQS=$(v requests)
RPS=$(awk -v n="$REQS" -v d="$(v duration_us)" 'BEGIN { printf "%.0f", n / (d / 1e6) }')
echo "== mixed load: $(wc -l <"$T/mix.txt") paths, 4 roles, ${SECONDS_RUN}s, $CONNS connections, wrk 2 threads; server $THREADS threads"
echo "requests        $REQS"
echo "requests/s      $RPS"
echo "latency ms      p50 $(ms "$(v latency_p50_us)")  p90 $(ms "$(v latency_p90_us)")  p99 $(ms "$(v latency_p99_us)")  p99.9 $(ms "$(v latency_p99.9_us)")  max $(ms "$(v latency_max_us)")"
echo "answers         $(awk '$1 == "status" { printf "%s: %s  ", $2, $3 }' "$T/run.txt")"
grep '^errors' "$T/run.txt"

# Where the server's time went: per path, answers and mean ms (server log).
echo "slowest paths (server time: answers, mean ms, share of all server time):"
tail -n +"$((LOG0 + 1))" "$T/server.log" | grep ' event=request ' \
    | sed -n 's/.* path=\([^ ]*\) status=[0-9]* ms=\([0-9.]*\).*/\1 \2/p' \
    | awk '{ n[$1]++; t[$1] += $2; all += $2 }
           END { for (p in n) printf "  %-44s %7d %8.1f %5.1f%%\n", p, n[p], t[p] / n[p], 100 * t[p] / all }' \
    | sort -k4 -rn | head -8

# Answers outside 2xx/3xx, by status and path, from the server's own log.
tail -n +"$((LOG0 + 1))" "$T/server.log" | grep ' event=request ' \
    | sed -n 's/.* path=\([^ ]*\) status=\([0-9]*\) .*/\2 \1/p' | awk '$1 >= 400' | sort | uniq -c | sort -rn >"$T/bad.txt"
N5=$(awk '$1 == "status" && $2 >= 500 { n += $3 } END { print n + 0 }' "$T/run.txt")
N4=$(awk '$1 == "status" && $2 >= 400 && $2 < 500 { n += $3 } END { print n + 0 }' "$T/run.txt")
expect "no 5xx answers under load" "$N5" 0
expect "no 4xx answers under load (every path was checked to answer before)" "$N4" 0
[ -s "$T/bad.txt" ] && { echo "non-2xx/3xx by status and path (server log):"; head -20 "$T/bad.txt"; }
SOCK=$(awk '$1 == "errors" { print $3 + $5 + $7 }' "$T/run.txt")
expect "no connect, read or write errors" "$SOCK" 0
TIMEOUTS=$(awk '$1 == "errors" { print $9 }' "$T/run.txt")
expect "no request took over 10 s (wrk timeouts)" "$TIMEOUTS" 0
FAULTS=$(tail -n +"$((LOG0 + 1))" "$T/server.log" | grep -c 'level=error' || true)
expect "no handler errors in the server log" "$FAULTS" 0
tail -n +"$((LOG0 + 1))" "$T/server.log" | grep 'level=error' | sed 's/^ts=[^ ]* //' | sort | uniq -c | sort -rn | head -5

# --- memory ---------------------------------------------------------------------
LIMIT=$((RSS0 + RSS0 * GROWTH_PCT / 100 + SLACK_MIB * 1024))
echo "server RSS MiB  after warm-up $((RSS0 / 1024)), during the run $(awk '{ printf "%d ", $1 / 1024 }' "$T/rss.txt"), end $((RSS1 / 1024)) (limit $((LIMIT / 1024)): +${GROWTH_PCT}% + ${SLACK_MIB} MiB)"
check "resident memory stable: end $((RSS1 / 1024)) MiB <= $((LIMIT / 1024)) MiB" [ "$RSS1" -le "$LIMIT" ]
echo "RSS growth      $(( (RSS1 - RSS0) / 1024 )) MiB over $REQS requests ($(awk -v g="$((RSS1 - RSS0))" -v n="$REQS" 'BEGIN { printf "%.2f", g * 1024 / n }') bytes/request); the bound would catch a leak of $(awk -v l="$((LIMIT - RSS0))" -v n="$REQS" 'BEGIN { printf "%.0f", l * 1024 / n }') bytes/request or more"

# --- baselines: the same server on a static file, nginx on a file of that size ---
wrk -t2 -c"$CONNS" -d"$WARMUP"s "$B/static/site.css" >/dev/null 2>&1
drain "$PORT"
wrk -t2 -c"$CONNS" -d30s --latency "$B/static/site.css" >"$T/static.txt" 2>&1
SRPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$T/static.txt")
echo "== baseline: the same server, GET /static/site.css, 30s: $SRPS requests/s (p99 $(awk '$1 == "99%" { print $2 }' "$T/static.txt"))"
echo "mix / static    $(awk -v a="$RPS" -v b="$SRPS" 'BEGIN { printf "%.3f", a / b }')"
if [ -x "$NGINX" ]; then
    mkdir -p "$T/nginx/root" "$T/nginx/logs"
    curl -s -o "$T/nginx/root/site.css" "$B/static/site.css"
    NPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    user_line=
    [ "$(id -u)" = 0 ] && user_line="user $(id -un) $(id -gn);"
    cat >"$T/nginx/nginx.conf" <<CONF
$user_line
worker_processes $(nproc);
daemon off;
pid $T/nginx/nginx.pid;
error_log $T/nginx/logs/error.log warn;
events { worker_connections 1024; }
http { access_log off; sendfile on; keepalive_requests 1000000;
       server { listen 127.0.0.1:$NPORT; root $T/nginx/root; } }
CONF
    "$NGINX" -p "$T/nginx/" -c "$T/nginx/nginx.conf" -e "$T/nginx/logs/error.log" &
    NGINX_PID=$!
    for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$NPORT/site.css" && break; sleep 0.1; done
    wrk -t2 -c"$CONNS" -d30s --latency "http://127.0.0.1:$NPORT/site.css" >"$T/nginx.txt" 2>&1
    NRPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$T/nginx.txt")
    echo "== baseline: nginx, the same file, 30s: $NRPS requests/s (p99 $(awk '$1 == "99%" { print $2 }' "$T/nginx.txt"))"
    echo "mix / nginx     $(awk -v a="$RPS" -v b="$NRPS" 'BEGIN { printf "%.3f", a / b }')"
fi
echo "machine: $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg) (shared: other work skews every figure)"
stress_verdict
