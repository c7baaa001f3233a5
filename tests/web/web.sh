# web.sh: what the HTTP tests share. Source it after tap.sh, with S (the
# binary) and T (a temporary directory) set.

# web_two_enterprises DB: a new database holding two enterprises, one in
# Pune (UDYAM-MH-26-0012345, a woman-owned micro unit) and one in
# Bengaluru Urban (UDYAM-KR-03-0000042, exports unknown).
web_two_enterprises() {
    "$S" init --db "$1" 2>/dev/null || return 1
    cat >"$T/udyam.csv" <<'CSV'
udyam_number,enterprise_name,owner_name,pan,gstins,constitution,social_category,owner_gender,owner_disabled,commenced_on,registered_on,activity,nic_code,state_code,district,pincode,area,investment_rs,turnover_rs,exports_rs,employees_male,employees_female,employees_other
UDYAM-MH-26-0012345,Shakti Textiles,Asha Patil,ABCPP1234K,,proprietorship,obc,female,N,2019-04-01,2021-02-10,manufacturing,13111,27,Pune,411001,urban,4500000,12000000,0,5,7,0
UDYAM-KR-03-0000042,Kaveri Foods,Ravi Gowda,,,proprietorship,general,male,N,2018-01-01,2021-03-01,manufacturing,10712,29,Bengaluru Urban,560001,urban,1000000,3000000,,2,1,0
CSV
    "$S" ingest --db "$1" udyam "$T/udyam.csv" >/dev/null 2>&1
}

# web_gst DB < ROWS: ingest GST returns (rows of the gst feed, without its
# header, on stdin); Shakti Textiles files as 27ABCPP1234K1ZP.
web_gst() {
    { echo "gstin,return_type,frequency,period,due_on,filed_on,taxable_value_rs,tax_rs"; cat; } >"$T/gst.csv"
    "$S" ingest --db "$1" gst "$T/gst.csv" >/dev/null 2>&1
}

# web_adduser DB PASSWORD ARGS...: `samanvay user add` with the password on stdin.
web_adduser() {
    local db=$1 pw=$2
    shift 2
    printf '%s\n' "$pw" | "$S" user add --db "$db" "$@" --password-stdin 2>/dev/null
}

# web_serve DB LOG: `samanvay serve` on a free port, stopped when the test
# exits. Sets PID, PORT and B (the base URL); fails if it never listens.
web_serve() {
    "$S" serve --db "$1" --port 0 --threads 2 2>"$2" &
    PID=$!
    web_wait_listening "$2" 200
}

# web_wait_listening LOG TENTHS: wait for the server started as $PID to log
# its port; stop it when the test exits. Sets PORT and B.
web_wait_listening() {
    trap 'kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null' EXIT
    PORT=
    # WEB_LISTEN_TENTHS: longer, for a server under valgrind (tests/stress/valgrind.sh).
    for _ in $(seq 1 "${WEB_LISTEN_TENTHS:-$2}"); do
        # this server's own line: a restart on the same log must not read the last one's
        PORT=$(sed -n "s/.*event=listening.* port=\([0-9]*\) pid=$PID .*/\1/p" "$1")
        [ -n "$PORT" ] && break
        sleep 0.1
    done
    B=http://127.0.0.1:$PORT
    [ -n "$PORT" ]
}

code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
form_csrf() { sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1; }
session_id() { awk '$6 == "samanvay_session" {print $7}' "$1"; }
login() { # login JAR USER PASSWORD -> HTTP status of the POST
    local csrf
    csrf=$(curl -s -c "$1" -b "$1" "$B/login" | form_csrf)
    curl -s -o /dev/null -w '%{http_code}' -c "$1" -b "$1" --data-urlencode "username=$2" \
        --data-urlencode "password=$3" --data-urlencode "csrf=$csrf" "$B/login"
}
api_csrf() { curl -s -b "$1" "$B/api/v1/session" | json 'd["csrf"]'; }
