#!/usr/bin/env bash
# HTTP tests of the scheme catalogue, search and eligibility routes: a temp
# database with two enterprises (Pune, Bengaluru Urban), an account per
# reader, the server on a free port, curl as the client. Tests name only
# schemes the catalogue has had from the start (pmmy, pmegp, cgtmse), so
# they hold while scheme files are added. Environment (tests/run):
# SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new schemes)
LOG=$T/serve.log

. "$ROOT/tests/web/web.sh"

web_two_enterprises "$DB"
ok $? "init and ingest two enterprises"
is "two enterprises on file" "$(store_sql "$DB" 'SELECT COUNT(*) FROM enterprise')" "2"
adduser() { web_adduser "$DB" "$@"; }
adduser officer-pune-pass --username pune --role officer --state 27 --district Pune
ok $? "user add: district officer"
adduser officer-blr-pass --username blr --role officer --state 29 --district "Bengaluru Urban"
ok $? "user add: officer of another district"
adduser udyami-pass-123 --username udyami --role entrepreneur --enterprise UDYAM-MH-26-0012345
ok $? "user add: entrepreneur"

web_serve "$DB" "$LOG"
ok $? "serve starts (the scheme catalogue loads)"
search() { curl -s -G --data-urlencode "q=$1" "$B/api/v1/schemes/search"; }
ids() { json '" ".join(r["id"] for r in d["results"])'; }

# --- the catalogue, public --------------------------------------------------------
is "GET /api/v1/schemes is 200 without a session" "$(code "$B/api/v1/schemes")" "200"
curl -s "$B/api/v1/schemes" >"$T/list.json"
is "the catalogue lists pmmy" "$(json '"pmmy" in [s["id"] for s in d]' <"$T/list.json")" "True"
is "each entry has the contract keys" \
   "$(json 'all({"id","name","name_hi","summary","summary_hi","objectives","target_groups","valid_from","valid_to","sources","sources_read","benefit_kind","level"} <= set(s) for s in d)' <"$T/list.json")" "True"
is "sources are URL strings" "$(json 'all(u.startswith("http") for s in d for u in s["sources"])' <"$T/list.json")" "True"
is "the API lists exactly what samanvay schemes list --json prints" \
   "$(json 'json.dumps(d, sort_keys=True)' <"$T/list.json")" \
   "$("$S" schemes list --json | json 'json.dumps(d, sort_keys=True)')"
is "GET /api/v1/schemes/pmmy is 200 without a session" "$(code "$B/api/v1/schemes/pmmy")" "200"
curl -s "$B/api/v1/schemes/pmmy" >"$T/pmmy.json"
is "a scheme's detail has its criteria with ids, texts and sources" \
   "$(json 'len(d["criteria"]) > 0 and all(c["id"] and c["pass"] and c["pass_hi"] and c["source"] for c in d["criteria"])' <"$T/pmmy.json")" "True"
is "... its documents with their names" \
   "$(json 'all(x["name"] and x["name_hi"] for x in d["document_details"]) and [x["id"] for x in d["document_details"]] == d["documents"]' <"$T/pmmy.json")" "True"
is "... its application fields with labels" \
   "$(json '[x["id"] for x in d["field_details"]] == d["fields"] and all(x["label"] for x in d["field_details"])' <"$T/pmmy.json")" "True"
is "... and its declarations" "$(json 'all("text" in x and "text_hi" in x for x in d["declarations"])' <"$T/pmmy.json")" "True"
is "an unknown scheme is 404" "$(code "$B/api/v1/schemes/no_such_scheme")" "404"
is "... with the JSON error shape" "$(curl -s "$B/api/v1/schemes/no_such_scheme" | json 'd["error"]["code"]')" "not_found"

# --- search -----------------------------------------------------------------------------
is "search is public" "$(code "$B/api/v1/schemes/search?q=mudra")" "200"
is "MUDRA finds pmmy first" "$(search MUDRA | json 'd["results"][0]["id"]')" "pmmy"
is "... by its name" "$(search MUDRA | json 'd["results"][0]["matched_in"], d["match"]')" "name exact"
is "Hindi finds the Hindi name" "$(search 'मुद्रा' | json 'd["results"][0]["id"], d["results"][0]["matched_in"]')" "pmmy name"
search loan >"$T/loan.json"
is "loan finds pmmy, pmegp and cgtmse (synonyms: credit, ऋण …)" \
   "$(json '" ".join(sorted({"pmmy","pmegp","cgtmse"} & {r["id"] for r in d["results"]}))' <"$T/loan.json")" "cgtmse pmegp pmmy"
is "ऋण finds them too" \
   "$(search 'ऋण' | json '" ".join(sorted({"pmmy","pmegp","cgtmse"} & {r["id"] for r in d["results"]}))')" "cgtmse pmegp pmmy"
is "results carry a snippet with the match marked" "$(json 'all("[" in r["snippet"] for r in d["results"])' <"$T/loan.json")" "True"
is "a misspelling falls back to similar words" "$(search cgtmes | json 'd["match"], d["results"][0]["id"], d["similar"][0]["terms"][0]')" "fuzzy cgtmse cgtmse"
is "the last word typed matches as a prefix" "$(search 'mudr' | json 'd["results"][0]["id"]')" "pmmy"
is "FTS5 syntax in q is only words" "$(code -G --data-urlencode 'q="AND( NEAR* {name}: ^x OR' "$B/api/v1/schemes/search")" "200"
is "a missing q is 400" "$(code "$B/api/v1/schemes/search")" "400"
is "an empty q is 400" "$(code "$B/api/v1/schemes/search?q=")" "400"
is "... naming the field" "$(curl -s "$B/api/v1/schemes/search?q=" | json 'd["error"]["code"], d["error"]["message"][:2]')" "bad_field q:"
is "q of punctuation only is 400" "$(code -G --data-urlencode 'q=!!! ...' "$B/api/v1/schemes/search")" "400"
is "q over 200 bytes is 400" "$(code "$B/api/v1/schemes/search?q=$(printf 'a%.0s' $(seq 201))")" "400"
is "q of 200 bytes is fine" "$(code "$B/api/v1/schemes/search?q=$(printf 'a%.0s' $(seq 200))")" "200"
is "q that is not UTF-8 is 400" "$(code "$B/api/v1/schemes/search?q=%ff%fe")" "400"
is "limit is honoured" "$(curl -s "$B/api/v1/schemes/search?q=loan&limit=2" | json 'len(d["results"])')" "2"
is "a bad limit is 400" "$(code "$B/api/v1/schemes/search?q=loan&limit=0")" "400"
is "search answers as samanvay schemes search --json" \
   "$(search 'women loan' | json 'json.dumps(d, sort_keys=True)')" \
   "$("$S" schemes search --json women loan | json 'json.dumps(d, sort_keys=True)')"

# --- POST /api/v1/eligibility -----------------------------------------------------------
CJ='Content-Type: application/json'
cat >"$T/good.json" <<'EOF'
{"as_of": "2025-06-01",
 "enterprise": {"status": "existing", "commenced_on": "2019-04-01", "constitution": "proprietorship",
   "activity": "manufacturing", "state": "27", "district": "Pune", "area": "urban",
   "investment": 4500000, "turnover": 12000000, "exports": 0, "employees": 12, "udyam": null},
 "owner": {"gender": "female", "category": "obc", "age": 34},
 "need": {"purpose": "machinery", "amount": 1500000}}
EOF
is "anonymous POST /api/v1/eligibility is 401" \
   "$(code -H "$CJ" --data-binary @"$T/good.json" "$B/api/v1/eligibility")" "401"
is "login: officer" "$(login "$T/pune.jar" pune officer-pune-pass)" "303"
is "login: officer of another district" "$(login "$T/blr.jar" blr officer-blr-pass)" "303"
is "login: entrepreneur" "$(login "$T/udyami.jar" udyami udyami-pass-123)" "303"
csrf=$(api_csrf "$T/pune.jar")
elig() { curl -s -b "$T/pune.jar" -H "$CJ" -H "X-CSRF-Token: $csrf" "$@"; }
is "without CSRF it is 403" \
   "$(code -b "$T/pune.jar" -H "$CJ" --data-binary @"$T/good.json" "$B/api/v1/eligibility")" "403"
is "a good profile is 200" \
   "$(code -b "$T/pune.jar" -H "$CJ" -H "X-CSRF-Token: $csrf" --data-binary @"$T/good.json" "$B/api/v1/eligibility")" "200"
elig --data-binary @"$T/good.json" "$B/api/v1/eligibility" >"$T/elig.json"
is "the answer has the class" "$(json 'd["class"], d["as_of"]' <"$T/elig.json")" "micro 2025-06-01"
is "every scheme of the catalogue is in the answer, once" \
   "$(json '" ".join(sorted(s["id"] for s in d["schemes"]))' <"$T/elig.json")" \
   "$(json '" ".join(sorted(s["id"] for s in d))' <"$T/list.json")"
is "the answer is exactly samanvay eligible --json" \
   "$(json 'json.dumps(d, sort_keys=True)' <"$T/elig.json")" \
   "$("$S" eligible --profile "$T/good.json" --json | json 'json.dumps(d, sort_keys=True)')"
is "?lang=hi is exactly samanvay eligible --lang hi --json" \
   "$(elig --data-binary @"$T/good.json" "$B/api/v1/eligibility?lang=hi" | json 'json.dumps(d, sort_keys=True)')" \
   "$("$S" eligible --profile "$T/good.json" --lang hi --json | json 'json.dumps(d, sort_keys=True)')"
is "?on= sets the date" "$(elig --data-binary @"$T/good.json" "$B/api/v1/eligibility?on=2024-01-15" | json 'd["as_of"]')" "2024-01-15"
bad='{"enterprise": {"turnover": "lots", "state": "27"}, "owner": {"gender": "woman"}, "need": {"amount": -5}}'
is "a malformed profile is 422" \
   "$(code -b "$T/pune.jar" -H "$CJ" -H "X-CSRF-Token: $csrf" --data "$bad" "$B/api/v1/eligibility")" "422"
elig --data "$bad" "$B/api/v1/eligibility" >"$T/bad.json"
is "... invalid_profile, listing every bad field" \
   "$(json 'd["error"]["code"], " ".join(sorted(f["path"] for f in d["error"]["fields"]))' <"$T/bad.json")" \
   "invalid_profile enterprise.turnover need.amount owner.gender"
is "... each with a message" "$(json 'all(f["message"] for f in d["error"]["fields"])' <"$T/bad.json")" "True"
is "invalid JSON is 400" \
   "$(code -b "$T/pune.jar" -H "$CJ" -H "X-CSRF-Token: $csrf" --data '{"enterprise":' "$B/api/v1/eligibility")" "400"
is "... bad_json" "$(elig --data '{"enterprise":' "$B/api/v1/eligibility" | json 'd["error"]["code"]')" "bad_json"
is "a form body is 415" \
   "$(code -b "$T/pune.jar" -H "X-CSRF-Token: $csrf" --data 'a=1' "$B/api/v1/eligibility")" "415"
is "a bad ?lang is 400" "$(code -b "$T/pune.jar" -H "$CJ" -H "X-CSRF-Token: $csrf" --data-binary @"$T/good.json" "$B/api/v1/eligibility?lang=fr")" "400"

# --- GET /api/v1/enterprises/{id}/eligibility ---------------------------------------------
audit_rows() { store_sql "$DB" 'SELECT COUNT(*) FROM audit_log'; }
is "anonymous is 401" "$(code "$B/api/v1/enterprises/1/eligibility")" "401"
is "anonymous with a malformed id is still 401" "$(code "$B/api/v1/enterprises/%27x/eligibility")" "401"
n0=$(audit_rows)
curl -s -b "$T/pune.jar" "$B/api/v1/enterprises/1/eligibility?on=2025-06-01&reason=outreach" >"$T/ent.json"
is "officer of the district gets every scheme" \
   "$(json '" ".join(sorted(s["id"] for s in d["schemes"]))' <"$T/ent.json")" \
   "$(json '" ".join(sorted(s["id"] for s in d))' <"$T/list.json")"
is "... evaluated on ?on= with the stored figures" "$(json 'd["as_of"], d["class"]' <"$T/ent.json")" "2025-06-01 micro"
is "... and one audit row" "$(audit_rows)" "$((n0 + 1))"
is "the audit row says who, what, how and why" \
   "$(store_sql "$DB" 'SELECT username, role, action, enterprise_id, route, reason FROM audit_log ORDER BY id DESC LIMIT 1')" \
   "pune|officer|enterprise.eligibility|1|GET /api/v1/enterprises/{id}/eligibility|outreach"
is "by Udyam number too" "$(code -b "$T/pune.jar" "$B/api/v1/enterprises/UDYAM-MH-26-0012345/eligibility")" "200"
is "today when ?on is absent" \
   "$(curl -s -b "$T/pune.jar" "$B/api/v1/enterprises/1/eligibility" | json 'd["as_of"]')" "$(TZ=Asia/Kolkata date +%F)"
n1=$(audit_rows)
is "an officer of another district gets 403" "$(code -b "$T/blr.jar" "$B/api/v1/enterprises/1/eligibility")" "403"
is "... and nothing is audited" "$(audit_rows)" "$n1"
is "an unknown enterprise is 404" "$(code -b "$T/pune.jar" "$B/api/v1/enterprises/999999/eligibility")" "404"
is "a malformed id is 400" "$(code -b "$T/pune.jar" "$B/api/v1/enterprises/abc/eligibility")" "400"
is "a bad ?on is 400" "$(code -b "$T/pune.jar" "$B/api/v1/enterprises/1/eligibility?on=2025-02-30")" "400"
is "the entrepreneur reads their own" "$(code -b "$T/udyami.jar" "$B/api/v1/enterprises/1/eligibility")" "200"
is "... and no other" "$(code -b "$T/udyami.jar" "$B/api/v1/enterprises/2/eligibility")" "403"

# --- OpenAPI ------------------------------------------------------------------------------
curl -s "$B/api/v1/openapi.json" >"$T/openapi.json"
is "OpenAPI documents search's q as required" \
   "$(json '[(p["name"], p["in"], p["required"]) for p in d["paths"]["/api/v1/schemes/search"]["get"]["parameters"]][0]' <"$T/openapi.json")" \
   "('q', 'query', True)"
is "OpenAPI marks the catalogue public" "$(json 'd["paths"]["/api/v1/schemes"]["get"]["x-access"]' <"$T/openapi.json")" "['public']"
is "OpenAPI lists the 422 of eligibility" \
   "$(json '"422" in d["paths"]["/api/v1/eligibility"]["post"]["responses"]' <"$T/openapi.json")" "True"

kill -TERM "$PID"
wait "$PID"
is "SIGTERM stops the server cleanly" "$?" "0"
trap - EXIT
done_testing
