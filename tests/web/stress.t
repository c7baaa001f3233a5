#!/usr/bin/env bash
# The stress views (issue 7): the officer's watchlist, its spreadsheet and
# API, and the heatmap, over HTTP on a real store whose stress_model and
# stress_score rows are written here by hand (the model that fills them is
# tested on its own). Roles and scopes, ranking, reasons in English and
# Hindi, the audit of every enterprise shown, the small-cell rule and its
# complement, tidy, page size. Environment (tests/run): SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new stress)
. "$ROOT/tests/web/web.sh"

# --- the store (tests/web/stress_fixture.sh) -------------------------------------
. "$ROOT/tests/web/stress_fixture.sh"
stress_fixture "$DB"
web_adduser "$DB" officer-pune-pass --username pune --role officer --state 27 --district Pune
web_adduser "$DB" officer-blr-pass --username blr --role officer --state 29 --district "Bengaluru Urban"
web_adduser "$DB" officer-mh-pass1 --username mhstate --role officer --state 27
web_adduser "$DB" policy-pass-123 --username policy --role policymaker
web_adduser "$DB" admin-pass-1234 --username admin --role admin
web_serve "$DB" "$T/serve.log"
ok $? "the server listens"

page() { curl -s -b "$1" -c "$1" "$B$2"; }
size_ok() { [ "$(wc -c <"$1")" -lt 51200 ]; }
P=$T/pune.jar K=$T/blr.jar M=$T/mh.jar Y=$T/policy.jar A=$T/admin.jar
is "the Pune officer signs in" "$(login "$P" pune officer-pune-pass)" 303
login "$K" blr officer-blr-pass >/dev/null
login "$M" mhstate officer-mh-pass1 >/dev/null
login "$Y" policy policy-pass-123 >/dev/null
login "$A" admin admin-pass-1234 >/dev/null

# --- who may see what ------------------------------------------------------------
is "anonymous: watchlist 401" "$(code "$B/officer/watchlist")" 401
is "anonymous: heatmap 401" "$(code "$B/stress/heatmap")" 401
is "anonymous: API 401" "$(code "$B/api/v1/stress/watchlist")" 401
is "anonymous: spreadsheet 401" "$(code "$B/officer/watchlist.xlsx?lang=en")" 401
web_adduser "$DB" ent-pass-12345 --username ent --role entrepreneur --enterprise 1
login "$T/ent.jar" ent ent-pass-12345 >/dev/null
is "entrepreneur: watchlist 403" "$(code -b "$T/ent.jar" "$B/officer/watchlist")" 403
is "entrepreneur: heatmap 403" "$(code -b "$T/ent.jar" "$B/stress/heatmap")" 403
is "policymaker: heatmap 200" "$(code -b "$Y" "$B/stress/heatmap")" 200
is "policymaker: watchlist 403" "$(code -b "$Y" "$B/officer/watchlist")" 403
is "policymaker: watchlist API 403" "$(code -b "$Y" "$B/api/v1/stress/watchlist")" 403
is "policymaker: spreadsheet 403" "$(code -b "$Y" "$B/officer/watchlist.xlsx?lang=en")" 403
is "district officer: heatmap 403" "$(code -b "$P" "$B/stress/heatmap")" 403
is "state officer: heatmap 200" "$(code -b "$M" "$B/stress/heatmap?state=27")" 200
is "admin: heatmap 200" "$(code -b "$A" "$B/stress/heatmap")" 200
# Who sees which state: the rule of the cluster pages (scope_area_of).
web_adduser "$DB" admin-pune-pass1 --username adminpune --role admin --state 27 --district Pune
web_adduser "$DB" policy-ka-pass12 --username policyka --role policymaker --state 29
login "$T/adminpune.jar" adminpune admin-pune-pass1 >/dev/null
login "$T/policyka.jar" policyka policy-ka-pass12 >/dev/null
is "an admin scoped to a district: heatmap 403, as a district officer" "$(code -b "$T/adminpune.jar" "$B/stress/heatmap")" 403
is "a state officer asking for another state: 403 (narrowing never widens)" "$(code -b "$M" "$B/stress/heatmap?state=29")" 403
page "$M" /stress/heatmap | grep -q '<h1>Stress in Maharashtra by district and sector</h1>'
ok $? "a state officer without ?state= sees their own state by district"
page "$M" /stress/heatmap | grep -q 'All states'
is "with no link to all states" "$?" 1
page "$Y" "/stress/heatmap?state=27&lang=en" | grep -q '<a href="/stress/heatmap">All states</a>'
ok $? "which a national reader has"
page "$T/policyka.jar" /stress/heatmap | grep -q '<h1>Stress in Karnataka by district and sector</h1>'
ok $? "a policymaker with a state sees that state"
is "a policymaker with a state asking for another: 403" "$(code -b "$T/policyka.jar" "$B/stress/heatmap?state=27")" 403
is "the admin without a scope may open any state" "$(code -b "$A" "$B/stress/heatmap?state=29")" 200
# Query values: digits only (web_parse_long, web_parse_state).
is "state=+9: 400" "$(code -b "$Y" "$B/stress/heatmap?state=%2B9")" 400
is "state=' 9': 400" "$(code -b "$Y" "$B/stress/heatmap?state=%209")" 400
is "state=9 (one digit): 400" "$(code -b "$Y" "$B/stress/heatmap?state=9")" 400
page "$Y" "/stress/heatmap?state=%2B9" | grep -q 'GST state code of two digits'
ok $? "and the page says what a state must be"
is "heatmap page=+1: 400" "$(code -b "$Y" "$B/stress/heatmap?page=%2B1")" 400
is "watchlist page=' 1': 400" "$(code -b "$P" "$B/officer/watchlist?page=%201")" 400
is "API limit=+5: 400" "$(code -b "$P" "$B/api/v1/stress/watchlist?limit=%2B5")" 400
is "API offset=-0: 400" "$(code -b "$P" "$B/api/v1/stress/watchlist?offset=-0")" 400

page "$Y" / | grep -q 'href="/stress/heatmap">Stress map' && ! page "$Y" / | grep -q 'href="/officer/watchlist"'
ok $? "the policymaker's menu leads to the heatmap, not the watchlist"
page "$P" / | grep -q 'href="/officer/watchlist">In stress' && ! page "$P" / | grep -q 'href="/stress/heatmap"'
ok $? "the district officer's menu leads to the watchlist, not the heatmap"
page "$M" / | grep -q 'href="/stress/heatmap"' && page "$M" / | grep -q 'href="/officer/watchlist"'
ok $? "the state officer's menu leads to both"

# --- the watchlist ----------------------------------------------------------------
before=$(store_sql "$DB" "select count(*) from audit_log where action='stress.watchlist.read' and username='pune'")
page "$P" /officer/watchlist >"$T/w.html"
grep -q '<h1>Enterprises in stress</h1>' "$T/w.html"
ok $? "the Pune officer's watchlist answers"
order=$(grep -o 'href="/officer/enterprises/[0-9]*">[^<]*' "$T/w.html" | sed 's/.*>//' | paste -sd, -)
is "ranked by probability; 0.25 is in, 0.249 is out" "$order" "Textile Pune 3,Shop Pune 2,Textile Pune 1,Shop Pune 5"
grep -q 'Scores of March 2026, the latest' "$T/w.html" && grep -q 'in stress: 4\|or more: 4' "$T/w.html"
ok $? "the month in words and the count in the area"
grep -q '<li>GST turnover down 38% in 6 months</li>' "$T/w.html" \
    && grep -q '<li>SMA-1 since March 2026</li>' "$T/w.html" \
    && grep -q '<li>4 GST returns filed late in 12 months</li>' "$T/w.html"
ok $? "the top three reasons in plain English"
grep -q '2 delayed payments from buyers still unpaid' "$T/w.html"
ok $? "a one-reason score shows its one reason"
grep -q 'in stress since February 2026' "$T/w.html"
ok $? "the month since which the signal shows (a run that began in February)"
grep -q 'href="#help-treds"' "$T/w.html" && grep -q 'href="#help-samadhaan"' "$T/w.html" \
    && grep -q 'href="#help-revival"' "$T/w.html" && grep -q 'href="#help-cgtmse"' "$T/w.html" \
    && grep -q 'href="/api/v1/schemes/pmmy?lang=en"' "$T/w.html" \
    && grep -q 'Framework for Revival and Rehabilitation of MSMEs' "$T/w.html"
ok $? "links to the help that fits: TReDS, Samadhaan, CGTMSE, PMMY and the RBI framework"
grep -qi 'Nashik\|Bengaluru' "$T/w.html"
is "no enterprise of another district" "$?" 1
after=$(store_sql "$DB" "select count(*) from audit_log where action='stress.watchlist.read' and username='pune'")
is "one audit row per enterprise shown" "$((after - before))" 4
is "each names the enterprise" \
   "$(store_sql "$DB" "select count(distinct enterprise_id) from audit_log where action='stress.watchlist.read' and username='pune' and enterprise_id in (select id from enterprise where district='PUNE')")" 4
check "the watchlist passes tidy -e" tidy -e -q "$T/w.html"
size_ok "$T/w.html"
ok $? "the watchlist is under 50 KB ($(wc -c <"$T/w.html") bytes)"

page "$P" "/officer/watchlist?lang=hi" >"$T/w-hi.html"
grep -q '6 महीनों में GST टर्नओवर 38% घटा' "$T/w-hi.html" && grep -q 'मार्च 2026 से SMA-1' "$T/w-hi.html"
ok $? "the reasons in Hindi, with the month's Hindi name"
check "the Hindi watchlist passes tidy -e" tidy -e -q "$T/w-hi.html"
size_ok "$T/w-hi.html"
ok $? "the Hindi watchlist is under 50 KB ($(wc -c <"$T/w-hi.html") bytes)"
is "a bad page number is 400" "$(code -b "$P" "$B/officer/watchlist?page=0")" 400

page "$K" /officer/watchlist >"$T/w-blr.html"
grep -q 'Textile Bengaluru Urban 1' "$T/w-blr.html" && ! grep -q 'Pune' "$T/w-blr.html"
ok $? "the Bengaluru officer sees Bengaluru's, not Pune's"

# --- spreadsheet and API ---------------------------------------------------------
curl -s -o "$T/w.xlsx" -D "$T/xh" -b "$P" "$B/officer/watchlist.xlsx?lang=en"
grep -qi 'spreadsheetml' "$T/xh" && python3 - "$T/w.xlsx" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/"))
ok = all(s in text for s in ["Textile Pune 3", "GST turnover down 38% in 6 months", "Shop Pune 5"])
sys.exit(0 if ok and "Nashik" not in text else 1)
PY
ok $? "the spreadsheet opens (zip) and holds the area's list with reasons"

curl -s -b "$P" "$B/api/v1/stress/watchlist?limit=2&lang=en" >"$T/w.json"
python3 - "$T/w.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["month"] == "2026-03" and d["threshold"] == 0.25 and d["total"] == 4 and d["offset"] == 0, d
e = d["enterprises"]
assert [x["name"] for x in e] == ["Textile Pune 3", "Shop Pune 2"], e
x = e[0]
assert set(x) == {"id", "name", "udyam", "state", "district", "nic", "sector", "probability", "since", "reasons", "help"}, x
assert x["state"] == "27" and x["district"] == "PUNE" and x["sector"] == "textiles" and x["probability"] == 0.81
assert x["since"] == "2026-03"
r = x["reasons"][0]
assert r["code"] == "turnover_down" and r["value"] == -0.38 and r["months"] == 6
assert r["text"] == "GST turnover down 38% in 6 months", r
assert x["help"] == ["rbi_revival_framework", "cgtmse", "pmmy"], x["help"]
assert e[1]["help"] == ["treds", "samadhaan"], e[1]["help"]
PY
ok $? "the API's JSON: month, threshold, total, ranked enterprises with reasons and help"
curl -s -b "$P" "$B/api/v1/stress/watchlist?offset=2&lang=hi" >"$T/w2.json"
is "paged by offset, words in Hindi" "$(json '[x["name"] for x in d["enterprises"]]' <"$T/w2.json")" "['Textile Pune 1', 'Shop Pune 5']"
is "a bad limit is 400" "$(code -b "$P" "$B/api/v1/stress/watchlist?limit=0")" 400

# --- the heatmap ----------------------------------------------------------------------
page "$Y" "/stress/heatmap?state=27" >"$T/h.html"
page "$Y" "/stress/heatmap" >"$T/n.html"
grep -q 'role="img"' "$T/h.html" && grep -q 'aria-label="Heatmap of the share' "$T/h.html" \
    && grep -q '<title>PUNE</title>' "$T/h.html"
ok $? "an SVG heatmap with role, label and titles"
# Rows of the table: district, then food, textiles, trade, all sectors.
row() { tr -d '\n' <"$T/h.html" | grep -o "<tr><th scope=\"row\">$1</th>.*" | sed 's|</tr>.*||'; }
# The attribute rule: a shown cell's share is withheld when 1 to 4 of it
# are in stress, or 1 to 4 are not; the number scored still shows.
is "Pune: no food; textiles 2 of 5 and trade 2 of 7 in stress: shares withheld, counts shown" "$(row PUNE)" \
   '<tr><th scope="row">PUNE</th><td>–</td><td>withheld (5)</td><td>withheld (7)</td><td>withheld (12); mean chance 22%</td>'
is "Nashik: food 4 withheld, and textiles too, or food = total - the others" "$(row NASHIK)" \
   '<tr><th scope="row">NASHIK</th><td>withheld</td><td>withheld</td><td>withheld (9)</td><td>withheld (19); mean chance 14%</td>'
is "Nagpur: two small cells withheld, no complement needed" "$(row NAGPUR)" \
   '<tr><th scope="row">NAGPUR</th><td>withheld</td><td>withheld</td><td>0% (8)</td><td>0% (13); mean chance 5%</td>'
grep -q '\b4)' "$T/h.html"
is "no cell shows a count of 4" "$?" 1
grep -q 'Textile [PNB]\|Shop [PN]\|Food N\|UDYAM-\|/officer/enterprises' "$T/h.html" "$T/n.html"
is "the policymaker sees no enterprise" "$?" 1
check "the heatmap passes tidy -e" tidy -e -q "$T/h.html"
size_ok "$T/h.html"
ok $? "the heatmap is under 50 KB ($(wc -c <"$T/h.html") bytes)"

row2() { tr -d '\n' <"$T/n.html" | grep -o "<tr><th scope=\"row\"><a href=\"/stress/heatmap?state=$1\">[^<]*</a></th>.*" | sed 's|</tr>.*||'; }
like "national: Maharashtra by sector (3 of 24 in trade: withheld, and so the total)" "$(row2 27)" '<td>0% (6)</td><td>36% (14)</td><td>withheld (24)</td><td>withheld (44); mean chance 14%</td>'
like "national: Karnataka by sector (its districts' small cells add up to more than 5)" "$(row2 29)" \
    '<td>–</td><td>withheld (8)</td><td>0% (13)</td><td>withheld (21)'
# Karnataka by district: Bengaluru's 3 textiles are withheld and its trade
# with them (the row's total). The national row publishes Karnataka's
# textiles (8) and trade (13), the columns' totals here, so Mysuru's 5 and 6
# would give Bengaluru's away by subtraction: they are withheld too.
page "$Y" "/stress/heatmap?state=29" >"$T/k.html"
rowk() { tr -d '\n' <"$T/k.html" | grep -o "<tr><th scope=\"row\">$1</th>.*" | sed 's|</tr>.*||'; }
is "Bengaluru Urban: 3 withheld, its row's complement too" "$(rowk 'BENGALURU URBAN')" \
   '<tr><th scope="row">BENGALURU URBAN</th><td>withheld</td><td>withheld</td><td>withheld (10); mean chance 14%</td>'
is "Mysuru: withheld for the columns' totals, though 5 and 6" "$(rowk MYSURU)" \
   '<tr><th scope="row">MYSURU</th><td>withheld</td><td>withheld</td><td>0% (11); mean chance 5%</td>'
# Goa by district: North Goa's 3 are withheld with their total; the national
# row gives Goa's total, so South Goa's total would give it away: South Goa
# is withheld whole.
page "$Y" "/stress/heatmap?state=30" >"$T/g.html"
rowg() { tr -d '\n' <"$T/g.html" | grep -o "<tr><th scope=\"row\">$1</th>.*" | sed 's|</tr>.*||'; }
is "North Goa: 3, withheld with its total" "$(rowg 'NORTH GOA')" \
   '<tr><th scope="row">NORTH GOA</th><td>withheld</td><td>–</td><td>withheld</td>'
is "South Goa: withheld whole, or Goa's total would give North Goa away" "$(rowg 'SOUTH GOA')" \
   '<tr><th scope="row">SOUTH GOA</th><td>withheld</td><td>withheld</td><td>withheld</td>'
like "national: Goa's figures are shown (8 and 6)" "$(row2 30)" '<td>0% (8)</td><td>0% (6)</td>'
check "the national heatmap passes tidy -e" tidy -e -q "$T/n.html"
page "$Y" "/stress/heatmap?lang=hi" >"$T/n-hi.html"
grep -q 'lang="hi"' "$T/n-hi.html" && grep -q 'महाराष्ट्र' "$T/n-hi.html"
ok $? "the heatmap in Hindi"
check "the Hindi heatmap passes tidy -e" tidy -e -q "$T/n-hi.html"
is "an unknown state is 400" "$(code -b "$Y" "$B/stress/heatmap?state=77")" 400
is "a state that is not a number is 400" "$(code -b "$Y" "$B/stress/heatmap?state=MH")" 400
is "a page past the end is 400" "$(code -b "$Y" "$B/stress/heatmap?page=9")" 400

# --- the worst page: a state of 21 districts × 10 sectors, all scored, in Hindi ---------
# Uttar Pradesh (09): 5 enterprises in each district and sector, so no cell
# is withheld and every cell is drawn; Agra's 50 are all in stress with three
# reasons each, for the longest watchlist page.
{
    head -1 "$T/udyam.csv"
    awk -F, -v n=1000 '$4 == "09" && ++d <= 21 {
        split("01110 10712 13111 16101 25910 31001 41001 47110 49231 62011", nics, " ")
        for (k = 1; k <= 10; k++) for (i = 1; i <= 5; i++)
            printf "UDYAM-UP-01-%07d,Sri Lakshmi Narayan Enterprises and Sons %s %d,Owner,,,proprietorship,general,male,N,2019-04-01,2021-02-10,manufacturing,%s,09,%s,208001,urban,1000000,5000000,0,3,1,0\n", ++n, nics[k], i, nics[k], $5
    }' "$ROOT/data/districts.csv"
} >"$T/udyam-up.csv"
"$S" ingest --db "$DB" udyam "$T/udyam-up.csv" >/dev/null 2>&1
store_sql "$DB" "$(cat <<SQL
INSERT INTO stress_score(enterprise_id, month, model_id, probability, reasons)
  SELECT id, '2026-03', 1, (id % 7) / 10.0, '[]' FROM enterprise WHERE state = '09';
UPDATE stress_score SET probability = 0.3 + (enterprise_id % 7) / 10.0, reasons = '$R_TURN'
  WHERE month = '2026-03' AND enterprise_id IN (SELECT id FROM enterprise WHERE district = 'AGRA');
SQL
)"
is "1,050 more enterprises scored" "$(store_sql "$DB" "select count(*) from stress_score s join enterprise e on e.id = s.enterprise_id where e.state = '09'")" 1050
page "$Y" "/stress/heatmap?state=09&lang=hi" >"$T/up-hi.html"
is "a full page of the heatmap: 20 districts × 10 sectors drawn (and 5 legend steps and the withheld key)" "$(grep -o 'class="c h[0-9w]"' "$T/up-hi.html" | wc -l)" 206
size_ok "$T/up-hi.html"
ok $? "and under 50 KB in Hindi ($(wc -c <"$T/up-hi.html") bytes)"
check "and passes tidy -e" tidy -e -q "$T/up-hi.html"
grep -q 'href="/stress/heatmap?state=09&amp;page=2" rel="next"' "$T/up-hi.html"
ok $? "the 21st district is on the next page"
page "$Y" "/stress/heatmap?state=09&page=2" | grep -c '<tr><th scope="row">' | grep -qx 1
ok $? "which holds one row"
curl -s -o "$T/all.xlsx" -b "$A" "$B/officer/watchlist.xlsx"
want=$(store_sql "$DB" "select count(*) from stress_score where month = '2026-03' and probability >= 0.25")
python3 - "$T/all.xlsx" "$want" <<'PY'
import re, sys, zipfile
sheet = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
rows = len(re.findall(r"<row ", sheet)) - 1
sys.exit(0 if rows == int(sys.argv[2]) > 500 else 1)
PY
ok $? "the admin's spreadsheet holds every one of the $want in stress (more than one store call)"
web_adduser "$DB" officer-agra-pass --username agra --role officer --state 09 --district Agra
login "$T/agra.jar" agra officer-agra-pass >/dev/null
page "$T/agra.jar" "/officer/watchlist?lang=hi" >"$T/agra-hi.html"
is "a full watchlist page: 25 enterprises" "$(grep -c '^<li><a href="/officer/enterprises/' "$T/agra-hi.html")" 25
size_ok "$T/agra-hi.html"
ok $? "and under 50 KB in Hindi ($(wc -c <"$T/agra-hi.html") bytes)"
check "and passes tidy -e" tidy -e -q "$T/agra-hi.html"

# --- one district, two spellings -------------------------------------------------------
# The watchlist's scope compares districts case-blind; the heatmap groups them so too.
store_sql "$DB" "UPDATE enterprise SET district = 'Pune' WHERE id = (SELECT MIN(id) FROM enterprise WHERE district = 'PUNE' AND state = '27')"
page "$Y" "/stress/heatmap?state=27&lang=en" >"$T/h2.html"
is "'Pune' and 'PUNE' are one row of the heatmap" "$(tr -d '\n' <"$T/h2.html" | grep -oi '<tr><th scope="row">pune</th>' | wc -l)" 1
tr -d '\n' <"$T/h2.html" | grep -qi '<tr><th scope="row">pune</th>.*withheld (12); mean chance 22%'
ok $? "holding all 12 of Pune's scored"
done_testing
