#!/usr/bin/env bash
# `samanvay demo` (what `make run` serves): generated data, the demo
# accounts of docs/demo.md, applications in the demo officer's district,
# and a second run that adds nothing. Environment (tests/run): SAMANVAY,
# ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new demo)
. "$ROOT/tests/web/web.sh"

# demo_serve LOG: `samanvay demo` on a free port; sets PID and B. It runs
# in $T: on PostgreSQL the generated feeds go to the working directory.
# The first run generates and loads 20,000 enterprises, minutes on a shared
# machine and more on PostgreSQL: wait while it works (this is no timing
# check), up to 20 minutes, and stop waiting as soon as it exits.
demo_serve() {
    (cd "$T" && exec "$S" demo --db "$DB" --enterprises 20000 --seed 7 --port 0 2>"$1") &
    PID=$!
    for _ in $(seq 1 1200); do
        grep -q "event=listening.* pid=$PID " "$1" 2>/dev/null && break
        kill -0 "$PID" 2>/dev/null || break
        sleep 1
    done
    web_wait_listening "$1" 10
}

demo_serve "$T/demo1.log"
ok $? "samanvay demo generates, loads and serves"
is "the four demo accounts and the loader exist" \
   "$(store_sql "$DB" "select username from app_user order by username" | paste -sd' ' -)" \
   "admin demo-loader officer policy udyami"
is "the loader cannot sign in" "$(store_sql "$DB" "select disabled from app_user where username='demo-loader'")" 1
apps=$(store_sql "$DB" "select count(*) from application a join app_user u on u.username='officer' and a.gst_state=u.state and lower(a.district)=lower(u.district)")
[ "$apps" -ge 5 ]
ok $? "the officer's district has applications ($apps)"
[ "$(store_sql "$DB" "select count(distinct state) from application")" -ge 3 ]
ok $? "in several states of their life"
is "none for the demo entrepreneur's own enterprise" \
   "$(store_sql "$DB" "select count(*) from application a join app_user u on u.username='udyami' and a.enterprise_id=u.enterprise_id")" 0
is "the officer signs in with the documented password" "$(login "$T/o.jar" officer demo-officer-2025)" 303
[ "$(curl -s -b "$T/o.jar" "$B/officer/worklist" | grep -c '/applications/')" -ge 3 ]
ok $? "and sees a worklist"
is "the entrepreneur signs in with the documented password" "$(login "$T/u.jar" udyami demo-udyami-2025)" 303
is "and sees the dashboard" "$(code -b "$T/u.jar" "$B/dashboard")" 200
kill "$PID"; wait "$PID" 2>/dev/null

demo_serve "$T/demo2.log"
ok $? "a second demo run on the same database serves"
is "the same number as before" "$(store_sql "$DB" "select count(*) from application a join app_user u on u.username='officer' and a.gst_state=u.state and lower(a.district)=lower(u.district)")" "$apps"
done_testing
