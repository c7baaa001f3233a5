#!/usr/bin/env bash
# tests/stress/disk_full.sh: the database on a real full filesystem and on
# a read-only one (a small tmpfs mount: needs root, as CI has).
#
#   1. Disk fills during an ingest: the ingest exits 2 naming the cause; the
#      rows loaded before are intact, the interrupted file holds whole
#      batches only, PRAGMA integrity_check is ok; after freeing space the
#      same command resumes and the database equals a clean load.
#   2. Disk full under `serve`: sign-in, an application (API) and an
#      official's read (which must write its audit row first) answer 503
#      with a message and Retry-After, never 500; public pages still answer;
#      after freeing space the same server takes the same writes (no
#      restart) and the data written before is intact.
#   3. Read-only filesystem (remounted ro): ingest exits 2 naming it; serve
#      either refuses to start with exit 2 and a message or answers writes
#      503; after remounting rw, integrity_check is ok and nothing changed.
#   4. A read-only database file in a writable directory, as an unprivileged
#      user (root ignores file modes): the same.
#
#   tests/stress/disk_full.sh   SAMANVAY
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
S=${SAMANVAY:-$ROOT/samanvay}
T=$(mktemp -d)
. "$ROOT/tests/stress/lib.sh"
need sqlite3 python3 curl
[ "$(id -u)" = 0 ] || { say "needs root to mount a small tmpfs (CI runs as root)"; exit 2; }
M=$T/m
BATCH=2000    # --batch: small transactions, so some commit before the disk fills
SERVER_PID=
cleanup() {
    stress_stop "$SERVER_PID"
    mountpoint -q "$M" && umount "$M"
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$M"
mount -t tmpfs -o size=40m,mode=0755 tmpfs "$M" || { say "cannot mount a tmpfs"; exit 2; }
DB=$M/s.db
avail() { df --output=avail -B1 "$M" | tail -1 | tr -d ' '; }
# fill FREE_BYTES: a filler file leaving about that much free.
fill() {
    local n=$(( $(avail) - $1 ))
    [ "$n" -gt 0 ] && head -c "$n" /dev/zero >"$M/filler" 2>/dev/null
    [ "$1" = 0 ] && dd if=/dev/zero of="$M/filler2" bs=4k >/dev/null 2>&1
    return 0
}
unfill() { rm -f "$M/filler" "$M/filler2"; }
q() { sqlite3 "$DB" "$1"; }
digest_of() { # digest_of DB TABLES: the tables' contents, times aside
    ONLY_TABLES=$2 python3 "$ROOT/tests/stress/db_compare.py" "$1" | md5sum | cut -c1-12
}

"$S" generate --enterprises 6000 --seed 5 --out "$T/g" >/dev/null 2>&1 || { say "generate failed"; exit 2; }

# --- 1. the disk fills during an ingest ---------------------------------------------
"$S" init --db "$DB" >/dev/null 2>&1
"$S" ingest --db "$DB" udyam "$T/g/udyam.csv" --quiet >/dev/null 2>&1
sqlite3 "$DB" ".backup $T/before.db"
fill $((2 * 1024 * 1024))
say "1. ingest gst with $(( $(avail) / 1024 )) KiB free"
"$S" ingest --db "$DB" gst "$T/g/gst.csv" --quiet --batch "$BATCH" >"$T/out" 2>"$T/err"
expect "1. ingest on a full disk exits 2" "$?" 2
grep -qiE 'full|no space' "$T/err"
rc=$?; check "1. and says why: $(head -c 160 "$T/err")" [ "$rc" = 0 ]
expect "1. PRAGMA integrity_check on the full disk" "$(q 'PRAGMA integrity_check')" ok
# GST filers not on Udyam become enterprises of their own, so the table
# grows: every row from before must still be there as it was.
GONE=$(sqlite3 "$DB" "attach '$T/before.db' as b; select count(*) from (select * from b.enterprise except select * from main.enterprise)")
[ "$GONE" = 0 ]
rc=$?; check "1. the enterprises loaded before are intact ($GONE of $(sqlite3 "$T/before.db" 'select count(*) from enterprise') changed or gone)" [ "$rc" = 0 ]
IFS='|' read -r st committed ins < <(q "select status, rows_committed, inserted from ingest_file where feed = 'gst'")
[ "${st:-}" = loading ] && [ "${committed:-0}" -gt 0 ] && [ $(( committed % BATCH )) = 0 ] && [ "$(q 'select count(*) from gst_return')" = "${ins:-x}" ]
rc=$?; check "1. the interrupted file holds whole batches of $BATCH only (${committed:-0} rows committed, ${ins:-0} inserted)" [ "$rc" = 0 ]
unfill
"$S" ingest --db "$DB" gst "$T/g/gst.csv" --quiet --batch "$BATCH" >"$T/out" 2>"$T/err"
expect "1. after freeing space the same ingest ends with status 0" "$?" 0
"$S" init --db "$T/clean.db" >/dev/null 2>&1
"$S" ingest --db "$T/clean.db" udyam "$T/g/udyam.csv" --quiet >/dev/null 2>&1
"$S" ingest --db "$T/clean.db" gst "$T/g/gst.csv" --quiet >/dev/null 2>&1
SKIP_COLUMNS=ingest_file.inserted,ingest_file.updated,ingest_file.unchanged \
    python3 "$ROOT/tests/stress/db_compare.py" "$T/clean.db" "$DB" >"$T/cmp" 2>&1
rc=$?; check "1. and the database equals a clean load ($(tail -1 "$T/cmp"))" [ "$rc" = 0 ]
expect "1. PRAGMA integrity_check after" "$(q 'PRAGMA integrity_check')" ok

# --- 2. a full disk under serve --------------------------------------------------------
ENT=$(q "select id from enterprise order by id limit 1")
printf 'entre-pass-1\n' | "$S" user add --db "$DB" --username ent1 --role entrepreneur --enterprise "$ENT" --password-stdin 2>/dev/null
printf 'officer-pass-1\n' | "$S" user add --db "$DB" --username off1 --role officer --state "$(q "select state from enterprise where id = $ENT")" --password-stdin 2>/dev/null
stress_serve "$DB" "$T/serve.log" 2 || exit 2
stress_login "$T/ent.jar" ent1 entre-pass-1 >/dev/null || exit 2
stress_login "$T/off.jar" off1 officer-pass-1 >/dev/null || exit 2
CSRF=$(curl -s -b "$T/ent.jar" "$B/api/v1/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf"])')
# An application the entrepreneur can file: the first eligible scheme, its
# fields answered as each 422 names them.
apply() { # apply -> HTTP status, body in $T/apply.json
    curl -s -o "$T/apply.json" -D "$T/apply.h" -w '%{http_code}' -b "$T/ent.jar" -H 'Content-Type: application/json' \
        -H "X-CSRF-Token: $CSRF" --data "{\"schemes\":[\"$SCHEME\"],\"fields\":{$FIELDS},\"declarations_accepted\":true}" \
        "$B/api/v1/applications"
}
SCHEME=; FIELDS=
for sch in $(curl -s -b "$T/ent.jar" "$B/api/v1/enterprises/$ENT/eligibility" | python3 -c '
import json, sys
print(" ".join(x["id"] for x in json.load(sys.stdin)["schemes"] if x["status"] == "eligible"))'); do
    SCHEME=$sch; FIELDS=
    for _ in $(seq 1 12); do
        code=$(apply)
        [ "$code" = 422 ] || break
        f=$(sed -n 's/.*fields\.\([a-z0-9_]*\) must be answered.*/\1/p' "$T/apply.json")
        [ -n "$f" ] || break
        FIELDS+="${FIELDS:+,}\"$f\":\"answer for $f\""
    done
    [ "$code" = 201 ] && break
done
expect "2. with space, an application is filed" "${code:-none}" 201
APP1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["applications"][0]["id"])' "$T/apply.json")
# Withdraw it so the same scheme can be applied to again.
curl -s -o /dev/null -b "$T/ent.jar" -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" \
    --data '{"action":"withdraw","reason":"stress test"}' "$B/api/v1/applications/$APP1/actions"
sqlite3 "$DB" ".backup $T/before2.db"
BEFORE=$(digest_of "$T/before2.db" enterprise,gst_return,application,application_event,bundle,app_user)
# Every later write must grow the WAL: empty it, then fill the disk.
q 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
fill 0
say "2. disk full: $(avail) bytes free"
code=$(apply)
expect "2. full disk: POST /api/v1/applications answers 503" "$code" 503
grep -q '"code":"unavailable"' "$T/apply.json" && grep -qi 'storage is full or read-only' "$T/apply.json"
rc=$?; check "2. with a JSON error naming the cause: $(head -c 160 "$T/apply.json")" [ "$rc" = 0 ]
grep -qi '^Retry-After: 60' "$T/apply.h"
rc=$?; check "2. and Retry-After" [ "$rc" = 0 ]
code=$(curl -s -o "$T/login.html" -w '%{http_code}' "$B/login")
expect "2. full disk: GET /login (which starts a session) answers 503" "$code" 503
grep -q 'storage is full or read-only' "$T/login.html"
rc=$?; check "2. with a page naming the cause" [ "$rc" = 0 ]
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$T/off.jar" "$B/officer/enterprises/$ENT?reason=stress%20test")
expect "2. full disk: an official's read, which must be audited first, answers 503" "$code" 503
expect "2. full disk: a public read answers (GET /api/v1/schemes)" "$(curl -s -o /dev/null -w '%{http_code}' "$B/api/v1/schemes")" 200
N500=$(grep -c ' event=request .* status=500 ' "$T/serve.log")
expect "2. no 500 answers on the full disk" "$N500" 0
kill -0 "$SERVER_PID" 2>/dev/null
rc=$?; check "2. the server is still running" [ "$rc" = 0 ]
expect "2. PRAGMA integrity_check on the full disk" "$(q 'PRAGMA integrity_check')" ok
unfill
code=$(apply)
expect "2. after freeing space, the same server files the application" "$code" 201
expect "2. and serves the official's read" "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/off.jar" "$B/officer/enterprises/$ENT?reason=stress%20test")" 200
stress_stop "$SERVER_PID"; SERVER_PID=
sqlite3 "$DB" ".backup $T/after2.db"
# The data written before the disk filled is still there, unchanged: the
# new application and its events come on top.
ONLY_TABLES=enterprise,gst_return,app_user python3 "$ROOT/tests/stress/db_compare.py" "$T/before2.db" "$T/after2.db" >"$T/cmp"
rc=$?; check "2. enterprises, returns and accounts unchanged ($(tail -1 "$T/cmp"))" [ "$rc" = 0 ]
expect "2. the application filed before is intact" \
    "$(sqlite3 "$T/after2.db" "select state || ' ' || (select count(*) from application_event where application_id = $APP1) from application where id = $APP1")" \
    "$(sqlite3 "$T/before2.db" "select state || ' ' || (select count(*) from application_event where application_id = $APP1) from application where id = $APP1")"
expect "2. PRAGMA integrity_check after" "$(q 'PRAGMA integrity_check')" ok

# --- 3. a read-only filesystem -----------------------------------------------------------
q 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
BEFORE=$(digest_of "$DB" enterprise,gst_return,application,application_event,bundle,app_user,session,audit_log)
mount -o remount,ro "$M" || { fail "3. cannot remount read-only"; }
"$S" ingest --db "$DB" credit "$T/g/credit.csv" --quiet >"$T/out" 2>"$T/err"
expect "3. ingest on a read-only filesystem exits 2" "$?" 2
grep -qiE 'read-only|readonly|unable to open' "$T/err"
rc=$?; check "3. and says why: $(head -c 160 "$T/err")" [ "$rc" = 0 ]
serve_readonly() { # serve_readonly LABEL: serve must refuse with 2 or answer writes 503
    local label=$1 rc
    if stress_serve "$DB" "$T/serve-ro.log" 2 2>/dev/null; then
        code=$(curl -s -o "$T/ro.html" -w '%{http_code}' "$B/login")
        case "$code" in
        503) pass "$label: serve starts; a write (GET /login starts a session) answers 503" ;;
        *) fail "$label: serve starts; GET /login answered $code, want 503" ;;
        esac
        stress_stop "$SERVER_PID"; SERVER_PID=
    else
        wait "$SERVER_PID"; rc=$?
        SERVER_PID=
        if [ "$rc" = 2 ] && [ -s "$T/serve-ro.log" ]; then
            pass "$label: serve refuses to start, exit 2: $(grep -v '^ts=' "$T/serve-ro.log" | head -c 160)"
        else
            fail "$label: serve exited $rc: $(head -c 200 "$T/serve-ro.log")"
        fi
    fi
}
serve_readonly "3. read-only filesystem"
mount -o remount,rw "$M"
expect "3. after remounting rw: PRAGMA integrity_check" "$(q 'PRAGMA integrity_check')" ok
expect "3. nothing changed" "$(digest_of "$DB" enterprise,gst_return,application,application_event,bundle,app_user,session,audit_log)" "$BEFORE"

# --- 4. a read-only database file, as an unprivileged user ---------------------------------
# root may write any file, so this part runs the binary as nobody on a
# copy (file 0444 in a directory nobody may write: SQLite needs the
# directory for its -wal and -shm files, and gets them).
if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$S"; then
    RO=$(mktemp -d)
    chmod 0755 "$RO"
    sqlite3 "$DB" ".backup $RO/ro.db"
    sqlite3 "$RO/ro.db" 'PRAGMA journal_mode=WAL;' >/dev/null
    chown 65534:65534 "$RO" && chmod 0444 "$RO/ro.db"
    cp "$T/g/credit.csv" "$RO/credit.csv"
    BEFORE=$(digest_of "$RO/ro.db" enterprise,gst_return,application,session)
    as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    as_nobody "$S" ingest --db "$RO/ro.db" credit "$RO/credit.csv" --quiet >"$T/out" 2>"$T/err"
    expect "4. ingest into a read-only database file exits 2" "$?" 2
    grep -qiE 'read-only|readonly' "$T/err"
    rc=$?; check "4. and says why: $(head -c 160 "$T/err")" [ "$rc" = 0 ]
    SERVE_WRAP="setpriv --reuid=65534 --regid=65534 --clear-groups" DB=$RO/ro.db serve_readonly "4. read-only file"
    expect "4. PRAGMA integrity_check" "$(sqlite3 "$RO/ro.db" 'PRAGMA integrity_check')" ok
    expect "4. nothing changed" "$(digest_of "$RO/ro.db" enterprise,gst_return,application,session)" "$BEFORE"
    rm -rf "$RO"
else
    say "4. skipped: setpriv cannot run $S as nobody (is a parent directory closed to others?)"
fi
stress_verdict
