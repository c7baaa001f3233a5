#!/usr/bin/env bash
# tests/stress/kill_submit.sh: `kill -9` the server while many clients
# submit applications concurrently, restart it, several times; then check
# that every acknowledged write is there exactly once and nothing is half
# written.
#
# STRESS_CLIENTS (8) entrepreneurs, each signed in to a different
# enterprise of the 20,000-enterprise demo database, loop with curl: submit
# an application to a scheme (POST /api/v1/applications, 201 = acknowledged
# bundle), then withdraw it (POST .../actions, 200 = acknowledged event),
# and again. The server is killed with SIGKILL STRESS_KILLS (4) times at a
# random moment 2-5 s into a round and restarted on the same port and
# database; clients retry what was not acknowledged (a 409 means the
# submission did commit before the kill: the client withdraws the open
# application and goes on). Afterwards, in the database:
#   - every acknowledged bundle exists once, holding exactly the
#     acknowledged applications, of the client's enterprise and scheme;
#   - every application has exactly one 'create' and one 'submit' event
#     (what a submission writes), an acknowledged withdrawal exactly one
#     'withdraw' event, and no application has any other or duplicated
#     event;
#   - no bundle without applications, no application without its create
#     event, every application's state equals its last event's to_state;
#   - no id was acknowledged twice; PRAGMA integrity_check is ok and
#     `samanvay audit verify` passes.
#
#   tests/stress/kill_submit.sh   STRESS_CLIENTS, STRESS_KILLS, STRESS_SEED, SAMANVAY
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
S=${SAMANVAY:-$ROOT/samanvay}
CLIENTS=${STRESS_CLIENTS:-8}
KILLS=${STRESS_KILLS:-4}
SEED=${STRESS_SEED:-$((RANDOM * 32768 + RANDOM))}
T=$(mktemp -d)
. "$ROOT/tests/stress/lib.sh"
need curl sqlite3 python3
SERVER_PID=
CLIENT_PIDS=()
cleanup() {
    touch "$T/stop"
    for p in "${CLIENT_PIDS[@]}"; do wait "$p" 2>/dev/null; done
    stress_stop "$SERVER_PID"
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
RANDOM=$SEED
say "seed $SEED"

DB=$T/demo.db
stress_demo_db 20000 "$DB" || exit 2
# Enterprises with no application yet, one per client.
mapfile -t ENTS < <(sqlite3 "$DB" "select id from enterprise where id > 1 and id not in
    (select enterprise_id from application) and id not in (select enterprise_id from app_user
    where enterprise_id is not null) order by id limit $CLIENTS")
for i in $(seq 0 $((CLIENTS - 1))); do
    printf 'stress-pass-%d\n' "$i" | "$S" user add --db "$DB" --username "stress$i" --role entrepreneur \
        --enterprise "${ENTS[$i]}" --password-stdin 2>/dev/null || { say "user add failed"; exit 2; }
done
export STRESS_PORT
STRESS_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stress_serve "$DB" "$T/server.log" 2 || exit 2

# --- each client finds a scheme it can apply to, and its fields ---------------------
declare -A SCHEME FIELDS
for i in $(seq 0 $((CLIENTS - 1))); do
    stress_login "$T/c$i.jar" "stress$i" "stress-pass-$i" >/dev/null || exit 2
    csrf=$(curl -s -b "$T/c$i.jar" "$B/api/v1/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf"])')
    echo "$csrf" >"$T/c$i.csrf"
    # Each 422 names one missing field: answer it and try again.
    for sch in $(curl -s -b "$T/c$i.jar" "$B/api/v1/enterprises/${ENTS[$i]}/eligibility" | python3 -c '
import json, sys
print(" ".join(x["id"] for x in json.load(sys.stdin)["schemes"] if x["status"] == "eligible"))'); do
        fields=
        for _ in $(seq 1 12); do
            code=$(curl -s -o "$T/probe.json" -w '%{http_code}' -b "$T/c$i.jar" -H 'Content-Type: application/json' \
                -H "X-CSRF-Token: $csrf" --data "{\"schemes\":[\"$sch\"],\"fields\":{$fields},\"declarations_accepted\":true}" \
                "$B/api/v1/applications")
            [ "$code" = 422 ] || break
            f=$(sed -n 's/.*fields\.\([a-z0-9_]*\) must be answered.*/\1/p' "$T/probe.json")
            [ -n "$f" ] || break
            fields+="${fields:+,}\"$f\":\"answer for $f\""
        done
        if [ "$code" = 201 ]; then
            SCHEME[$i]=$sch
            FIELDS[$i]=$fields
            app=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["applications"][0]["id"])' "$T/probe.json")
            bundle=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["bundle_id"])' "$T/probe.json")
            echo "bundle $bundle ${ENTS[$i]} $sch $app" >>"$T/acks.txt"
            curl -s -o /dev/null -w '%{http_code}' -b "$T/c$i.jar" -H 'Content-Type: application/json' \
                -H "X-CSRF-Token: $csrf" --data '{"action":"withdraw","reason":"stress test"}' "$B/api/v1/applications/$app/actions" \
                | grep -q 200 && echo "withdraw $app" >>"$T/acks.txt"
            break
        fi
    done
    [ -n "${SCHEME[$i]:-}" ] || { say "client $i (enterprise ${ENTS[$i]}) found no scheme to apply to"; exit 2; }
done
say "$CLIENTS clients, schemes: ${SCHEME[*]}; server on port $STRESS_PORT"

# --- the clients ------------------------------------------------------------------------
# client I: submit, withdraw, again, until $T/stop exists. Acknowledgements
# are appended to its own file as they arrive (one write per line).
client() {
    local i=$1 ent=${ENTS[$1]} sch=${SCHEME[$1]} jar=$T/c$1.jar csrf acks=$T/acks.$1 code app bundle open
    csrf=$(cat "$T/c$i.csrf")
    local post=(curl -s -m 10 -b "$jar" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf")
    while [ ! -e "$T/stop" ]; do
        code=$("${post[@]}" -o "$T/r$i.json" -w '%{http_code}' \
            --data "{\"schemes\":[\"$sch\"],\"fields\":{${FIELDS[$i]}},\"declarations_accepted\":true}" "$B/api/v1/applications")
        case "$code" in
        201)
            bundle=$(sed -n 's/.*"bundle_id": *\([0-9]*\).*/\1/p' "$T/r$i.json")
            app=$(grep -o '"id": *[0-9]*' "$T/r$i.json" | head -1 | grep -o '[0-9]*$')
            echo "bundle $bundle $ent $sch $app" >>"$acks"
            open=$app ;;
        409) # committed before a kill, never acknowledged: find it to withdraw it
            open=$(curl -s -m 10 -b "$jar" "$B/api/v1/applications" | python3 -c '
import json, sys
for a in json.load(sys.stdin)["applications"]:
    if a.get("scheme_id") == sys.argv[1] and a.get("state") not in ("withdrawn", "rejected", "disbursed"):
        print(a["id"]); break' "$sch" 2>/dev/null) ;;
        000) sleep 0.05; continue ;;
        *) echo "unexpected $code on submit: $(head -c 200 "$T/r$i.json")" >>"$acks"; sleep 0.2; continue ;;
        esac
        [ -n "$open" ] || continue
        while [ ! -e "$T/stop" ]; do
            code=$("${post[@]}" -o "$T/w$i.json" -w '%{http_code}' --data '{"action":"withdraw","reason":"stress test"}' \
                "$B/api/v1/applications/$open/actions")
            case "$code" in
            200) echo "withdraw $open" >>"$acks"; break ;;
            409) break ;;   # withdrawn before a kill, never acknowledged
            000) sleep 0.05 ;;
            *) echo "unexpected $code on withdraw: $(head -c 200 "$T/w$i.json")" >>"$acks"; break ;;
            esac
        done
        open=
    done
}
for i in $(seq 0 $((CLIENTS - 1))); do
    client "$i" &
    CLIENT_PIDS+=($!)
done

# --- kill -9 and restart ------------------------------------------------------------------
for k in $(seq 1 "$KILLS"); do
    sleep "$((2 + RANDOM % 4)).$((RANDOM % 10))"
    n=$(cat "$T"/acks.* 2>/dev/null | grep -c '^bundle')
    kill -9 "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null
    say "kill $k: server killed after $n acknowledged submissions"
    sleep 0.$((RANDOM % 10))
    stress_serve "$DB" "$T/server.$k.log" 2 || { fail "the server did not restart after kill $k"; break; }
done
sleep 3
touch "$T/stop"
for p in "${CLIENT_PIDS[@]}"; do wait "$p" 2>/dev/null; done
CLIENT_PIDS=()
stress_stop "$SERVER_PID"
SERVER_PID=

# --- what the database holds against what was acknowledged ---------------------------------
cat "$T"/acks.* >>"$T/acks.txt" 2>/dev/null
NB=$(grep -c '^bundle' "$T/acks.txt"); NW=$(grep -c '^withdraw' "$T/acks.txt")
echo "acknowledged: $NB submissions, $NW withdrawals, over $KILLS kills; $CLIENTS clients"
check "at least 50 acknowledged submissions (the load was real)" [ "$NB" -ge 50 ]
expect "no unexpected answers" "$(grep -c '^unexpected' "$T/acks.txt")" 0
grep '^unexpected' "$T/acks.txt" | sort | uniq -c | head -5
python3 - "$DB" "$T/acks.txt" <<'PY' >"$T/verdict.txt"
import collections, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
bundles, withdrawn, ids = {}, set(), collections.Counter()
for line in open(sys.argv[2]):
    f = line.split()
    if f[0] == "bundle":
        bundles[int(f[1])] = (int(f[2]), f[3], int(f[4]))
        ids["b%s" % f[1]] += 1
        ids["a%s" % f[4]] += 1
    elif f[0] == "withdraw":
        withdrawn.add(int(f[1]))
        ids["w%s" % f[1]] += 1
problems = []
dup = [k for k, n in ids.items() if n > 1]
if dup:
    problems.append("ids acknowledged twice: %s" % dup[:5])
for b, (ent, sch, app) in bundles.items():
    rows = db.execute("select id, enterprise_id, scheme_id from application where bundle_id = ?", (b,)).fetchall()
    if db.execute("select count(*) from bundle where id = ? and enterprise_id = ?", (b, ent)).fetchone()[0] != 1:
        problems.append("acknowledged bundle %d is missing" % b)
    elif rows != [(app, ent, sch)]:
        problems.append("bundle %d holds %s, acknowledged (%d, %d, %s)" % (b, rows, app, ent, sch))
for b, in db.execute("select id from bundle b where not exists (select 1 from application a where a.bundle_id = b.id)"):
    problems.append("bundle %d has no application (half written)" % b)
ents = sorted({v[0] for v in bundles.values()})
q = "select id from application where enterprise_id in (%s)" % ",".join("?" * len(ents))
apps = [r[0] for r in db.execute(q, ents)]
for a in apps:
    ev = db.execute("select action, to_state from application_event where application_id = ? order by id", (a,)).fetchall()
    acts = [x[0] for x in ev]
    state = db.execute("select state from application where id = ?", (a,)).fetchone()[0]
    if acts[:2] != ["create", "submit"] or acts.count("create") != 1 or acts.count("submit") != 1:
        problems.append("application %d: events %s (want create, submit first, once each)" % (a, acts))
    if a in withdrawn and acts.count("withdraw") != 1:
        problems.append("application %d: withdrawal acknowledged, events %s" % (a, acts))
    if any(x not in ("create", "submit", "withdraw") for x in acts) or acts.count("withdraw") > 1:
        problems.append("application %d: events %s" % (a, acts))
    if ev and ev[-1][1] != state:
        problems.append("application %d: state %s, last event says %s" % (a, state, ev[-1][1]))
unacked = len([a for a in apps if a not in {v[2] for v in bundles.values()}])
print("applications of the clients' enterprises: %d (%d committed but never acknowledged: answer lost in a kill)" % (len(apps), unacked))
for p in problems[:20]:
    print("PROBLEM " + p)
print("problems %d" % len(problems))
PY
cat "$T/verdict.txt" | grep -v '^problems'
expect "acknowledged submissions and withdrawals all present exactly once, nothing half written" \
    "$(sed -n 's/^problems //p' "$T/verdict.txt")" 0
expect "PRAGMA integrity_check" "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok
"$S" audit verify --db "$DB" >"$T/audit.txt" 2>&1
rc=$?; check "samanvay audit verify passes ($(head -1 "$T/audit.txt"))" [ "$rc" = 0 ]
stress_verdict
