#!/usr/bin/env bash
# HTTP-level tests of `samanvay serve`: a temp database with two
# enterprises and one account per role, the server on a free port, curl
# as the client. Environment (tests/run): SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new web)
LOG=$T/serve.log

. "$ROOT/tests/web/web.sh"

# --- a database with two enterprises (Pune, Bengaluru Urban) ------------------
web_two_enterprises "$DB"
ok $? "init and ingest two enterprises"
is "two enterprises on file" "$(store_sql "$DB" 'SELECT COUNT(*) FROM enterprise')" "2"

adduser() { web_adduser "$DB" "$@"; }
adduser officer-pune-pass --username pune --role officer --state 27 --district Pune
ok $? "user add: district officer"
adduser officer-blr-pass --username blr --role officer --state 29 --district "Bengaluru Urban"
ok $? "user add: officer of another district"
adduser udyami-pass-123 --username udyami --role entrepreneur --enterprise UDYAM-MH-26-0012345
ok $? "user add: entrepreneur linked by Udyam number"
adduser policy-pass-123 --username policy --role policymaker
ok $? "user add: policymaker"
adduser admin-pass-1234 --username admin --role admin
ok $? "user add: admin"
adduser another-pass-1 --username pune --role admin
is "user add: a taken username exits 2" "$?" "2"
adduser short --username shorty --role admin
is "user add: a short password exits 2" "$?" "2"
adduser officer-pass-123 --username nostate --role officer
is "user add: an officer without --state exits 2" "$?" "2"
is "passwords are stored as Argon2id hashes" \
   "$(store_sql "$DB" "SELECT substr(password_hash, 1, 10) FROM app_user WHERE username = 'pune'")" '$argon2id$'

# --- the server on a free port --------------------------------------------------
web_serve "$DB" "$LOG"
ok $? "serve starts and logs its port"

# --- public pages -----------------------------------------------------------------
is "GET /healthz is 200" "$(code "$B/healthz")" "200"
is "/healthz says ok and the database is reachable" \
   "$(curl -s "$B/healthz" | json 'd["status"], d["database"]["reachable"]')" "ok True"
is "GET / is 200 without a redirect" "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$B/")" "200 "
curl -s "$B/" >"$T/home.html"
tidy -e -q "$T/home.html" >/dev/null 2>&1
ok $? "/ passes tidy -e"
grep -q 'href="/login"' "$T/home.html"
ok $? "/ links to /login"
grep -q '<html lang="en">' "$T/home.html"
ok $? "/ declares its language"
curl -s -c "$T/anon.jar" "$B/login" >"$T/login.html"
grep -q '<input type="hidden" name="csrf" value="[0-9a-f]\{64\}">' "$T/login.html"
ok $? "/login has a hidden csrf input"
tidy -e -q "$T/login.html" >/dev/null 2>&1
ok $? "/login passes tidy -e"
grep -q '<label for="username">' "$T/login.html" && grep -q '<label for="password">' "$T/login.html"
ok $? "/login labels its inputs"
is "GET /static/site.css is 200 and cacheable" \
   "$(curl -s -D - -o /dev/null "$B/static/site.css" | tr -d '\r' | grep -ci '^cache-control: public, max-age=')" "1"
etag=$(curl -s -D - -o /dev/null "$B/static/site.css" | tr -d '\r' | sed -n 's/^ETag: //Ip')
is "the style sheet answers 304 to its ETag" "$(code -H "If-None-Match: $etag" "$B/static/site.css")" "304"
curl -s -D "$T/h" -o /dev/null "$B/"
grep -qi "^Content-Security-Policy: default-src 'self'; script-src 'none'" "$T/h"
ok $? "pages carry a CSP without inline script"

# --- router: 404, 405 ----------------------------------------------------------------
is "unknown page is 404" "$(code "$B/no/such/page")" "404"
is "unknown API path is a 404 JSON error" \
   "$(curl -s "$B/api/v1/nothing" | json 'd["error"]["code"]')" "not_found"
is "wrong method is 405" "$(code -X DELETE "$B/login")" "405"
is "405 lists the allowed methods" \
   "$(curl -s -D - -o /dev/null -X PUT "$B/login" | tr -d '\r' | sed -n 's/^Allow: //p')" "GET, HEAD, POST"

# --- sign in ---------------------------------------------------------------------------
is "POST /login without csrf is 403" \
   "$(code -b "$T/anon.jar" --data 'username=pune&password=officer-pune-pass' "$B/login")" "403"
is "POST /login without any session is 403" \
   "$(code --data 'username=pune&password=officer-pune-pass&csrf=00' "$B/login")" "403"
is "wrong password is 401" "$(login "$T/bad.jar" pune wrong-password)" "401"
is "unknown user is 401" "$(login "$T/bad.jar" nobody whatever-pass)" "401"
csrf=$(curl -s -c "$T/pune.jar" -b "$T/pune.jar" "$B/login" | form_csrf)
before=$(session_id "$T/pune.jar")
curl -s -D "$T/login.h" -o /dev/null -c "$T/pune.jar" -b "$T/pune.jar" \
    --data-urlencode username=pune --data-urlencode password=officer-pune-pass \
    --data-urlencode "csrf=$csrf" "$B/login"
is "right password is 303 to the officer's worklist" "$(tr -d '\r' <"$T/login.h" | sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p;s/^Location: //p' | tr '\n' ' ')" "303 /officer/worklist "
grep -i '^Set-Cookie: samanvay_session=' "$T/login.h" | grep -i 'HttpOnly' | grep -qi 'SameSite=Strict'
ok $? "the session cookie is HttpOnly and SameSite=Strict"
after=$(session_id "$T/pune.jar")
[ -n "$before" ] && [ -n "$after" ] && [ "$before" != "$after" ]
ok $? "signing in rotates the session id"
is "the pre-login session id no longer works" \
   "$(code -b "samanvay_session=$before" "$B/api/v1/session")" "401"
grep -q 'pune' <(curl -s -b "$T/pune.jar" "$B/")
ok $? "/ shows who is signed in"
is "login status: officer" "$(login "$T/blr.jar" blr officer-blr-pass)" "303"
is "login status: entrepreneur" "$(login "$T/udyami.jar" udyami udyami-pass-123)" "303"
is "login status: policymaker" "$(login "$T/policy.jar" policy policy-pass-123)" "303"
is "login status: admin" "$(login "$T/admin.jar" admin admin-pass-1234)" "303"

# --- access before ids ------------------------------------------------------------------
curl -s -D "$T/h" -o "$T/body" "$B/api/v1/enterprises/1"
is "anonymous GET /api/v1/enterprises/1 is 401" "$(sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' "$T/h")" "401"
is "... with the JSON error shape" "$(json 'd["error"]["code"]' <"$T/body")" "unauthenticated"
is "anonymous request with a malformed id is still 401" "$(code "$B/api/v1/enterprises/%27;drop")" "401"
is "anonymous POST /api/v1/classify is 401" \
   "$(code -H 'Content-Type: application/json' --data '{}' "$B/api/v1/classify")" "401"
curl -s "$B/account" >"$T/account401.html"
is "anonymous GET /account is 401" "$(code "$B/account")" "401"
grep -q 'href="/login"' "$T/account401.html"
ok $? "the 401 page links to /login"
tidy -e -q "$T/account401.html" >/dev/null 2>&1
ok $? "the 401 page passes tidy -e"
is "policymaker may not read an enterprise (403)" "$(code -b "$T/policy.jar" "$B/api/v1/enterprises/1")" "403"

# --- classify -----------------------------------------------------------------------------
CJ='Content-Type: application/json'
pune_csrf=$(api_csrf "$T/pune.jar")
is "POST /api/v1/classify without CSRF is 403" \
   "$(code -b "$T/pune.jar" -H "$CJ" --data '{"investment":1,"turnover":1}' "$B/api/v1/classify")" "403"
is "... with a wrong CSRF token is 403" \
   "$(code -b "$T/pune.jar" -H "$CJ" -H "X-CSRF-Token: $(printf '0%.0s' $(seq 64))" \
        --data '{"investment":1,"turnover":1}' "$B/api/v1/classify")" "403"
classify() { curl -s -b "$T/pune.jar" -H "$CJ" -H "X-CSRF-Token: $pune_csrf" --data "$1" "$B/api/v1/classify"; }
is "2.5 crore investment, 10 crore turnover on 2025-06-01 is micro (limits inclusive)" \
   "$(classify '{"investment":25000000,"turnover":100000000,"on":"2025-06-01"}' | json 'd["class"]')" "micro"
is "one rupee more investment is small" \
   "$(classify '{"investment":25000001,"turnover":100000000,"on":"2025-06-01"}' | json 'd["class"]')" "small"
is "one rupee more turnover is small" \
   "$(classify '{"investment":25000000,"turnover":100000001,"on":"2025-06-01"}' | json 'd["class"]')" "small"
is "exports are not counted in turnover" \
   "$(classify '{"investment":100,"turnover":150000000,"exports":60000000,"on":"2025-06-01"}' | json 'd["class"], d["turnover_counted"]')" "micro 90000000"
is "the answer has the keys of classify --json" \
   "$(classify '{"investment":100,"turnover":100}' | json '",".join(sorted(d))')" \
   "checks,class,explanation,exports,investment,notification,on,regime,source,turnover,turnover_counted"
same_as_cli=$("$S" classify --investment 25000001 --turnover 100000000 --on 2025-06-01 --json | json 'json.dumps(d, sort_keys=True)')
is "the API answers exactly as samanvay classify --json" \
   "$(classify '{"investment":25000001,"turnover":100000000,"on":"2025-06-01"}' | json 'json.dumps(d, sort_keys=True)')" "$same_as_cli"
is "bad JSON is 400" "$(code -b "$T/pune.jar" -H "$CJ" -H "X-CSRF-Token: $pune_csrf" --data '{"investment":' "$B/api/v1/classify")" "400"
is "bad JSON names the problem" "$(classify '{"investment":' | json 'd["error"]["code"]')" "bad_json"
is "a string amount is 400 naming the field" \
   "$(classify '{"investment":"lots","turnover":1}' | json 'd["error"]["message"]')" \
   "field 'investment' must be a number of rupees, like 2500000 or 1234.50"
is "a missing amount names the field" \
   "$(classify '{"investment":1}' | json 'd["error"]["message"]')" "field 'turnover' is required (rupees)"
is "an unknown field is refused" "$(classify '{"investment":1,"turnover":1,"turnovr":2}' | json 'd["error"]["code"]')" "bad_field"
is "a bad date names the field" "$(classify '{"investment":1,"turnover":1,"on":"2025-13-01"}' | json 'd["error"]["message"][:11]')" "field 'on' "
is "a form-encoded body is 415" \
   "$(code -b "$T/pune.jar" -H "X-CSRF-Token: $pune_csrf" --data 'investment=1' "$B/api/v1/classify")" "415"
big=$(head -c 70000 /dev/zero | tr '\0' ' ')
is "a body over 64 KiB is 413" \
   "$(printf '%s' "$big" | code -b "$T/pune.jar" -H "$CJ" -H "X-CSRF-Token: $pune_csrf" --data-binary @- "$B/api/v1/classify")" "413"

# --- enterprises, scope and audit ----------------------------------------------------------
audit_rows() { store_sql "$DB" 'SELECT COUNT(*) FROM audit_log'; }
is "officer: unknown enterprise is 404" "$(code -b "$T/pune.jar" "$B/api/v1/enterprises/999999")" "404"
is "officer: a malformed id is 400" "$(code -b "$T/pune.jar" "$B/api/v1/enterprises/abc")" "400"
n0=$(audit_rows)
curl -s -b "$T/pune.jar" "$B/api/v1/enterprises/1?reason=grievance%20G-17" >"$T/ent.json"
is "officer reads an enterprise in their district" \
   "$(json 'd["id"], d["enterprise"]["udyam"], d["enterprise"]["state"]' <"$T/ent.json")" \
   "1 UDYAM-MH-26-0012345 27"
is "... with provenance" "$(json 'd["sources"][0]["feed"], d["sources"][0]["row"]' <"$T/ent.json")" "udyam 1"
is "... and one audit_log row" "$(audit_rows)" "$((n0 + 1))"
is "the audit row says who, what, how and why" \
   "$(store_sql "$DB" 'SELECT username, role, action, enterprise_id, route, reason FROM audit_log ORDER BY id DESC LIMIT 1')" \
   "pune|officer|enterprise.read|1|GET /api/v1/enterprises/{id}|grievance G-17"
is "officer reads by Udyam number" \
   "$(curl -s -b "$T/pune.jar" "$B/api/v1/enterprises/UDYAM-MH-26-0012345" | json 'd["id"]')" "1"
is "an officer of another district gets 403" "$(code -b "$T/blr.jar" "$B/api/v1/enterprises/1")" "403"
is "outside the worklist an officer must say why: 428" "$(code -b "$T/blr.jar" "$B/api/v1/enterprises/2")" "428"
is "... with a clear error" "$(curl -s -b "$T/blr.jar" "$B/api/v1/enterprises/2" | json 'd["error"]["code"]')" "reason_required"
is "... and may read their own district with a reason" "$(code -b "$T/blr.jar" "$B/api/v1/enterprises/2?reason=visit")" "200"
is "a reason of control characters is 400" "$(code -b "$T/admin.jar" "$B/api/v1/enterprises/2?reason=a%01b")" "400"
is "admin reads any enterprise" "$(code -b "$T/admin.jar" "$B/api/v1/enterprises/2?reason=audit")" "200"
is "entrepreneur reads their own enterprise" "$(code -b "$T/udyami.jar" "$B/api/v1/enterprises/1")" "200"
is "entrepreneur may not read another" "$(code -b "$T/udyami.jar" "$B/api/v1/enterprises/2")" "403"
is "entrepreneur gets 403, not 404, for an id that does not exist" \
   "$(code -b "$T/udyami.jar" "$B/api/v1/enterprises/999999")" "403"
n1=$(audit_rows)
curl -s -o /dev/null -b "$T/udyami.jar" "$B/api/v1/enterprises/1"
is "an entrepreneur's read of their own enterprise is not audited" "$(audit_rows)" "$n1"

# --- language -------------------------------------------------------------------------------
curl -s -c "$T/hi.jar" "$B/?lang=hi" >"$T/home-hi.html"
grep -q '<html lang="hi">' "$T/home-hi.html"
ok $? "?lang=hi serves a Hindi page"
python3 -c 'import sys; t=open(sys.argv[1], encoding="utf-8").read(); sys.exit(0 if sum(0x900 <= ord(c) <= 0x97f for c in t) > 200 else 1)' "$T/home-hi.html"
ok $? "the Hindi page is in Devanagari"
grep -q 'समन्वय' "$T/home-hi.html"
ok $? "the Hindi page names Samanvay in Hindi"
tidy -e -q "$T/home-hi.html" >/dev/null 2>&1
ok $? "the Hindi page passes tidy -e"
grep -q 'lang=en' "$T/home-hi.html"
ok $? "the Hindi page links back to English"
grep -q $'\tlang\thi' "$T/hi.jar"
ok $? "?lang=hi sets the lang cookie"
grep -q '<html lang="hi">' <(curl -s -b "$T/hi.jar" "$B/login")
ok $? "the cookie keeps the language"
grep -q '<html lang="hi">' <(curl -s -H 'Accept-Language: hi-IN,hi;q=0.9,en;q=0.8' "$B/")
ok $? "Accept-Language chooses Hindi"
grep -q '<html lang="en">' <(curl -s -H 'Accept-Language: en-GB,hi;q=0.5' "$B/")
ok $? "Accept-Language prefers English when it ranks first"
grep -q 'उपयोगकर्ता नाम' <(curl -s "$B/login?lang=hi")
ok $? "the login form is translated"

# Both worker threads serving both languages at once: each page must come
# out wholly in the language asked for (the per-thread locale at work).
mkdir -p "$T/mix"
pids=()
for i in $(seq 1 60); do
    l=$([ $((i % 2)) -eq 0 ] && echo hi || echo en)
    curl -s --max-time 20 "$B/?lang=$l" -o "$T/mix/$i.$l" &
    pids+=($!)
done
wait "${pids[@]}"
mixed=0
for f in "$T"/mix/*; do
    case "$f" in
        *.hi) grep -q '<title>मुख्य पृष्ठ – समन्वय</title>' "$f" || mixed=$((mixed + 1)) ;;
        *.en) grep -q '<title>Home – Samanvay</title>' "$f" || mixed=$((mixed + 1)) ;;
    esac
done
is "60 concurrent requests in two languages each get their own language" "$mixed" "0"

# --- every page under 50 KB ---------------------------------------------------------------
big_pages=0
for url in / /login /account "/?lang=hi" "/login?lang=hi" "/account?lang=hi" /no/such/page; do
    size=$(curl -s -b "$T/pune.jar" -o /dev/null -w '%{size_download}' "$B$url")
    [ "$size" -lt 51200 ] || { echo "# $url is $size bytes"; big_pages=1; }
done
ok $big_pages "every page is under 50 KB"
curl -s -b "$T/pune.jar" "$B/account?lang=hi" >"$T/account.html"
tidy -e -q "$T/account.html" >/dev/null 2>&1
ok $? "/account passes tidy -e"

# --- keep-alive, OpenAPI, logout, logs ------------------------------------------------------
out=$(curl -sv -o /dev/null -o /dev/null -w '%{http_code}\n' "$B/healthz" "$B/" 2>&1)
is "two requests on one connection are both answered" "$(grep -c '^200$' <<<"$out")" "2"
grep -q 'Re-using existing connection' <<<"$out"
ok $? "curl reuses the connection (keep-alive)"
curl -s "$B/api/v1/openapi.json" >"$T/openapi.json"
# The route table is the truth: every row of routes.c is in the document.
routes_in_table=$(sed -n 's/^ *{"\(GET\|POST\)", "\([^"]*\)".*/\1 \2/p' "$ROOT/src/web/routes.c" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
[ "$(wc -w <<<"$routes_in_table")" -gt 60 ]
ok $? "the route table reads (over 30 routes)"
is "OpenAPI lists every route" \
   "$(json '" ".join(sorted(m.upper() + " " + p for p, ops in d["paths"].items() for m in ops))' <"$T/openapi.json")" \
   "$routes_in_table"
is "OpenAPI is version 3" "$(json 'd["openapi"][:2]' <"$T/openapi.json")" "3."
logout_csrf=$(curl -s -b "$T/admin.jar" "$B/" | form_csrf)
is "POST /logout without csrf is 403" "$(code -b "$T/admin.jar" -X POST "$B/logout")" "403"
is "POST /logout is 303" "$(code -b "$T/admin.jar" -c "$T/admin.jar" --data "csrf=$logout_csrf" "$B/logout")" "303"
is "after logout the session is gone" "$(code -b "$T/admin.jar" "$B/api/v1/session")" "401"
curl -s -o /dev/null -b "$T/pune.jar" "$B/api/v1/enterprises/ABCPP1234K"
curl -s -o /dev/null -b "$T/pune.jar" "$B/api/v1/enterprises/27ABCPP1234K1Z5"
grep -q 'event=request method=GET path=/healthz status=200 ms=' "$LOG"
ok $? "one key=value log line per request"
! grep -q 'ABCPP1234K' "$LOG"
ok $? "the log never holds a PAN or GSTIN in full"
grep -q 'path=/api/v1/enterprises/XXXXXX234K status=400' "$LOG"
ok $? "a PAN in a path is logged masked"

kill -TERM "$PID"
wait "$PID"
is "SIGTERM stops the server cleanly" "$?" "0"
grep -q 'event=stopped' "$LOG"
ok $? "the server logs its stop"
trap - EXIT
done_testing
