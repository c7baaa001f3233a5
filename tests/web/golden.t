#!/usr/bin/env bash
# The golden record over HTTP (issue 5): an officer of the enterprise's
# district sees every field with its value, source and the other sources'
# values; corrects a field with a reason (kept with author and reason,
# audit-logged, winning over the feed and over the entrepreneur's own
# word); the entrepreneur's profile then says an officer corrected it; an
# officer of another district sees nothing; bad input is refused.
# Environment (tests/run): SAMANVAY, ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
S=${SAMANVAY:?SAMANVAY must name the binary under test}
T=${TMPDIR:-/tmp}
DB=$(store_new golden)
LOG=$T/golden-serve.log
. "$ROOT/tests/web/web.sh"

web_two_enterprises "$DB"
ok $? "a database with two enterprises"
PUNE=$(store_sql "$DB" "select id from enterprise where udyam='UDYAM-MH-26-0012345'")
web_adduser "$DB" officer-pune-pass --username pune --role officer --state 27 --district Pune
web_adduser "$DB" officer-blr-pass --username blr --role officer --state 29 --district "Bengaluru Urban"
web_adduser "$DB" asha-password-1 --username asha --role entrepreneur --enterprise "$PUNE"
cat >"$T/cluster.csv" <<'CSV'
cluster_id,name,scheme,state_code,district,product,nic_code,traditional,approved_on,project_cost_rs,grant_rs,cfc_capacity_hours,status
MH-PNE-HANDLOOM,Pune Handloom Cluster,sfurti,27,Pune,handloom,13111,Y,2019-05-01,20000000,18000000,600,functional
CSV
cat >"$T/member.csv" <<'CSV'
cluster_id,udyam_number,joined_on,role
MH-PNE-HANDLOOM,UDYAM-MH-26-0012345,2020-01-15,member
CSV
"$S" ingest --db "$DB" cluster "$T/cluster.csv" >/dev/null 2>&1 \
    && "$S" ingest --db "$DB" cluster_member "$T/member.csv" >/dev/null 2>&1
ok $? "a cluster and the Pune unit's membership load"
web_serve "$DB" "$LOG"
ok $? "the server listens"

status_of() { sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' "$1"; }
page() { curl -s -b "$1" -c "$1" "$B$2"; }
post() { # post JAR PATH FIELDS... -> headers in $T/h, body in $T/body
    local jar=$1 path=$2 csrf args=()
    shift 2
    csrf=$(curl -s -b "$jar" -c "$jar" "$B/api/v1/session" | json 'd.get("csrf","")')
    for f in "$@"; do args+=(--data-urlencode "$f"); done
    curl -s -D "$T/h" -o "$T/body" -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" "${args[@]}" "$B$path"
}

P=$T/pune.jar K=$T/blr.jar A=$T/asha.jar
is "the Pune officer signs in" "$(login "$P" pune officer-pune-pass)" 303
login "$K" blr officer-blr-pass >/dev/null
login "$A" asha asha-password-1 >/dev/null

# Not in the officer's worklist: the first read asks why (issue 9).
is "outside the worklist, no reason: 428" "$(code -b "$P" "$B/officer/enterprises/$PUNE")" 428
page "$P" "/officer/enterprises/$PUNE" | grep -q 'name="reason" required'
ok $? "and the page is a form asking for the reason"
page "$P" "/officer/enterprises/$PUNE?reason=verifying+turnover" >"$T/g.html"
grep -q 'Shakti Textiles' "$T/g.html"
ok $? "the officer sees the record"
grep -q 'from the Udyam registration (udyam.csv, row 1)' "$T/g.html"
ok $? "each value says where it came from"
[ "$(wc -c <"$T/g.html")" -lt 51200 ]
ok $? "the page is under 50 KB"
TURNOVER=$(sed -n 's|.*href="/officer/enterprises/'"$PUNE"'?field=\([0-9]*\)#correct".*|\1|p' "$T/g.html" \
    | while read -r f; do page "$P" "/officer/enterprises/$PUNE?field=$f" | grep -q 'annual turnover</label>' && echo "$f"; done | head -1)
[ -n "$TURNOVER" ]
ok $? "a field's correction form is one link away"

grep -q 'MH-PNE-HANDLOOM' "$T/g.html" && grep -q 'in cluster MH-PNE-HANDLOOM as a member' "$T/g.html"
ok $? "the cluster feed fills the cluster, with where it came from"
curl -s -b "$P" "$B/api/v1/enterprises/$PUNE?reason=test" >"$T/api.json"
is "the API keeps the cluster's scheme and the traditional industry, from the cluster feed" \
    "$(json 'd["enterprise"]["cluster"]["scheme"], d["enterprise"]["traditional_industry"], d["provenance"]["enterprise.cluster.id"]["kept"]["source"]' <"$T/api.json")" \
    "sfurti True cluster"
is "another district's officer: 403" "$(code -b "$K" "$B/officer/enterprises/$PUNE")" 403
is "an entrepreneur cannot open the officer's view: 403" "$(code -b "$A" "$B/officer/enterprises/$PUNE")" 403
is "no such enterprise: 404" "$(code -b "$P" "$B/officer/enterprises/999999")" 404
is "a bad id: 400" "$(code -b "$P" "$B/officer/enterprises/x1")" 400

# the entrepreneur corrects the turnover first
post "$A" /profile "f$TURNOVER=13000000"
is "the entrepreneur corrects the turnover: 303" "$(status_of "$T/h")" 303
page "$A" /profile | grep -q 'corrected by you on'
ok $? "the profile says the entrepreneur corrected it"

post "$P" "/officer/enterprises/$PUNE" "field=$TURNOVER" "value=12500000" "reason="
is "a correction without a reason is refused: 422" "$(status_of "$T/h")" 422
grep -q 'Give the reason' "$T/body"
ok $? "and the page says a reason is needed"
post "$P" "/officer/enterprises/$PUNE" "field=$TURNOVER" "value=lots" "reason=ITR 2025-26"
is "a value the field cannot hold is refused: 422" "$(status_of "$T/h")" 422
post "$P" "/officer/enterprises/$PUNE" "field=999" "value=1" "reason=x"
is "an unknown field is refused: 400" "$(status_of "$T/h")" 400
curl -s -D "$T/h" -o /dev/null -b "$P" --data-urlencode "field=$TURNOVER" --data-urlencode "value=1" \
    --data-urlencode "reason=x" "$B/officer/enterprises/$PUNE"
is "without the CSRF token: 403" "$(status_of "$T/h")" 403
post "$K" "/officer/enterprises/$PUNE" "field=$TURNOVER" "value=1" "reason=x"
is "another district's officer cannot correct: 403" "$(status_of "$T/h")" 403
is "nothing was stored by the refused corrections" \
    "$(store_sql "$DB" "select count(*) from profile_fact where source='officer'")" 0

post "$P" "/officer/enterprises/$PUNE" "field=$TURNOVER" "value=12500000" "reason=ITR 2025-26 seen at the office"
is "the officer corrects the turnover with a reason: 303" "$(status_of "$T/h")" 303
is "the correction is kept with its author and reason" \
    "$(store_sql "$DB" "select u.username || '|' || f.value || '|' || f.note from profile_fact f join app_user u on u.id = f.user_id where f.source='officer'")" \
    "pune|12500000|ITR 2025-26 seen at the office"
page "$P" "/officer/enterprises/$PUNE" >"$T/g2.html"
grep -q '₹1,25,00,000' "$T/g2.html"
ok $? "the officer's value is kept"
grep -q '<s>₹1,30,00,000</s>' "$T/g2.html" && grep -q '<s>₹1,20,00,000</s>' "$T/g2.html"
ok $? "the entrepreneur's and the Udyam record's values are shown struck through"
grep -q 'ITR 2025-26 seen at the office' "$T/g2.html"
ok $? "with the officer's reason"
page "$A" /profile | grep -q 'corrected by an officer on'
ok $? "the entrepreneur's profile says an officer corrected it"
is "the Udyam record itself is unchanged" \
    "$(store_sql "$DB" "select turnover_paise from enterprise where id=$PUNE")" 1200000000
[ "$(store_sql "$DB" "select count(*) from audit_log where username='pune' and action='enterprise.golden.read'")" -ge 2 ]
ok $? "the officer's reads are audit-logged"
is "the correction is audit-logged" \
    "$(store_sql "$DB" "select count(*) from audit_log where username='pune' and action='enterprise.golden.correct'")" 1

# a later word from the entrepreneur does not undo the officer's correction
post "$A" /profile "f$TURNOVER=9000000"
page "$P" "/officer/enterprises/$PUNE" | grep -q '<strong>₹1,25,00,000</strong>'
ok $? "the officer's correction still wins over a newer self-declared value"

# GST returns: twelve months filed make a turnover that outranks the Udyam
# record and the entrepreneur (data/survivorship.csv), but not the officer
{
    echo "gstin,return_type,frequency,period,due_on,filed_on,taxable_value_rs,tax_rs"
    for m in 01 02 03 04 05 06 07 08 09 10 11; do
        n=$(printf '%02d' $((10#$m + 1)))
        echo "27ABCPP1234K1ZP,GSTR3B,monthly,2025-$m,2025-$n-20,2025-$n-18,1100000,198000"
    done
    echo "27ABCPP1234K1ZP,GSTR3B,monthly,2025-12,2026-01-20,2026-01-19,1100000,198000"
} >"$T/gst.csv"
"$S" ingest --db "$DB" gst "$T/gst.csv" >/dev/null 2>&1
ok $? "twelve months of the Pune unit's GST returns load"
curl -s -b "$P" "$B/api/v1/enterprises/$PUNE?reason=test" >"$T/api2.json"
is "the officer's turnover still wins; GST's twelve months are among the others" \
    "$(json 'd["enterprise"]["turnover"], [o["value"] for o in d["provenance"]["enterprise.turnover"]["others"] if o["source"] == "gst"], d["provenance"]["enterprise.gst_scheme"]["kept"]["source"], d["enterprise"]["gst_scheme"]' <"$T/api2.json")" \
    "12500000 [13200000] gst regular"
page "$P" "/officer/enterprises/$PUNE" | grep -q '12 returns filed for the 12 months to 2025-12'
ok $? "the GST value says which returns it sums"

# Credit reporting: one of the Pune unit's facilities was an NPA (and
# stays one below 90 days past due); the Bengaluru unit's never was.
cat >"$T/credit.csv" <<'CSV'
lender_ifsc,facility_id,borrower_pan,borrower_udyam,facility_type,scheme,sanctioned_on,sanctioned_rs,month,outstanding_rs,dpd,asset_class
SBIN0001234,PN-TL-1,ABCPP1234K,UDYAM-MH-26-0012345,term_loan,pmmy,2024-04-10,500000,2025-01,450000,0,STD
SBIN0001234,PN-TL-1,ABCPP1234K,UDYAM-MH-26-0012345,term_loan,pmmy,2024-04-10,500000,2025-02,445000,20,SMA0
SBIN0001234,PN-TL-1,ABCPP1234K,UDYAM-MH-26-0012345,term_loan,pmmy,2024-04-10,500000,2025-03,445000,95,NPA
SBIN0001234,PN-TL-1,ABCPP1234K,UDYAM-MH-26-0012345,term_loan,pmmy,2024-04-10,500000,2025-04,400000,60,NPA
SBIN0001234,PN-CC-2,ABCPP1234K,,cash_credit,,2023-06-01,200000,2025-06,150000,0,STD
HDFC0000123,KA-TL-9,,UDYAM-KR-03-0000042,term_loan,cgtmse,2024-02-01,1000000,2025-05,800000,0,STD
HDFC0000123,KA-TL-9,,UDYAM-KR-03-0000042,term_loan,cgtmse,2024-02-01,1000000,2025-06,790000,10,SMA0
CSV
"$S" ingest --db "$DB" credit "$T/credit.csv" >/dev/null 2>&1
ok $? "credit reports for both units load"
curl -s -b "$P" "$B/api/v1/enterprises/$PUNE?reason=test" >"$T/api3.json"
is "an NPA ever: the loan default is kept from credit, as of the latest month reported, citing the NPA row" \
    "$(json 'd["history"]["loan_default"], d["provenance"]["history.loan_default"]["kept"]["source"], d["provenance"]["history.loan_default"]["kept"]["as_of"], d["provenance"]["history.loan_default"]["kept"]["feed_row"]["file"], d["provenance"]["history.loan_default"]["kept"]["feed_row"]["row"]' <"$T/api3.json")" \
    "True credit 2025-06-30 credit.csv 3"
is "the API says which facility and month" \
    "$(json 'd["provenance"]["history.loan_default"]["kept"]["detail"]' <"$T/api3.json")" \
    "facility PN-TL-1 was a non-performing asset in 2025-03, 95 days past due"
is "the scheme a loan was sanctioned under counts as availed, from credit" \
    "$(json 'd["history"]["schemes_availed"], d["provenance"]["history.schemes_availed"]["kept"]["source"], d["provenance"]["history.schemes_availed"]["kept"]["as_of"]' <"$T/api3.json")" \
    "['pmmy'] credit 2024-04-10"
page "$P" "/officer/enterprises/$PUNE" >"$T/g3.html"
grep -q 'from the government record: credit (credit.csv, row 3; facility PN-TL-1 was a non-performing asset in 2025-03, 95 days past due)' "$T/g3.html"
ok $? "the officer page shows the loan default with its credit row"
grep -q 'schemes already availed' "$T/g3.html" && grep -q 'facilities under a scheme: 1; the latest, PN-TL-1, sanctioned on 2024-04-10' "$T/g3.html"
ok $? "and the schemes availed, which the portal cannot correct, with their source"
DEFAULT=$(sed -n 's|.*href="/officer/enterprises/'"$PUNE"'?field=\([0-9]*\)#correct".*|\1|p' "$T/g3.html" \
    | while read -r f; do page "$P" "/officer/enterprises/$PUNE?field=$f" | grep -q 'whether any loan is in default</label>' && echo "$f"; done | head -1)
post "$A" /profile "f$DEFAULT=no"
is "the entrepreneur says no loan is in default: 303" "$(status_of "$T/h")" 303
is "the lenders' NPA still counts over the entrepreneur's word" \
    "$(curl -s -b "$P" "$B/api/v1/enterprises/$PUNE?reason=test" | json 'd["history"]["loan_default"], d["provenance"]["history.loan_default"]["kept"]["source"], [o["source"] for o in d["provenance"]["history.loan_default"]["others"]]')" \
    "True credit ['self']"
KAVERI=$(store_sql "$DB" "select id from enterprise where udyam='UDYAM-KR-03-0000042'")
curl -s -b "$K" "$B/api/v1/enterprises/$KAVERI?reason=test" >"$T/api4.json"
is "never an NPA: no loan default, from credit, citing the latest month" \
    "$(json 'd["history"]["loan_default"], d["provenance"]["history.loan_default"]["kept"]["source"], d["provenance"]["history.loan_default"]["kept"]["feed_row"]["row"], d["provenance"]["history.loan_default"]["kept"]["detail"]' <"$T/api4.json")" \
    "False credit 7 no non-performing asset in 2 monthly reports to 2025-06; facilities: 1"
page "$K" "/officer/enterprises/$KAVERI" | grep -q 'no non-performing asset in 2 monthly reports to 2025-06'
ok $? "the Bengaluru officer's page says so"

# Training records: the latest record attached to the unit speaks for
# the owner; Udyam still wins for the category, the age is only here.
cat >"$T/skilling.csv" <<'CSV'
record_id,programme,trainee_name,gender,social_category,birth_year,mobile_last4,udyam_number,state_code,district,course,started_on,completed_on,certified
ESDP-2023-0007,esdp,Asha Patil,female,obc,1980,1234,UDYAM-MH-26-0012345,27,Pune,Management Development Programme,2023-03-01,2023-03-10,Y
ESDP-2025-0101,esdp,Asha Patil,female,sc,1986,1234,UDYAM-MH-26-0012345,27,Pune,Export Promotion,2025-08-01,2025-08-05,Y
ATI-2025-0042,ati,Ravi Gowda,male,,,,UDYAM-KR-03-0000042,29,Bengaluru Urban,Food Processing,2025-02-01,,
CSV
"$S" ingest --db "$DB" skilling "$T/skilling.csv" >/dev/null 2>&1
ok $? "training records for both units load"
AGE=$(( $(TZ=Asia/Kolkata date +%Y) - 1986 ))
curl -s -b "$P" "$B/api/v1/enterprises/$PUNE?reason=test" >"$T/api5.json"
is "the owner's age from the latest record's birth year, as of today" \
    "$(json 'd["owner"]["age"], d["provenance"]["owner.age"]["kept"]["source"], d["provenance"]["owner.age"]["kept"]["feed_row"]["row"], d["provenance"]["owner.age"]["kept"]["detail"]' <"$T/api5.json")" \
    "$AGE skilling 2 born in 1986, by training record ESDP-2025-0101"
is "Udyam's category wins; the record's is among the others" \
    "$(json 'd["owner"]["category"], [o["value"] for o in d["provenance"]["owner.category"]["others"] if o["source"] == "skilling"]' <"$T/api5.json")" \
    "obc ['sc']"
page "$P" "/officer/enterprises/$PUNE" >"$T/g5.html"
grep -q "<strong>$AGE</strong> · from the government record: skilling (skilling.csv, row 2; born in 1986, by training record ESDP-2025-0101)" "$T/g5.html"
ok $? "the officer page shows the age with its training record"
grep -q 'training record ESDP-2025-0101 (esdp), started on 2025-08-01' "$T/g5.html"
ok $? "and the record's gender and category beside Udyam's"
curl -s -b "$K" "$B/api/v1/enterprises/$KAVERI?reason=test" >"$T/api6.json"
is "a record without birth year or category gives only the gender" \
    "$(json '[s for s in ("owner.gender", "owner.category", "owner.age") if any(v.get("source") == "skilling" for v in [d["provenance"].get(s, {}).get("kept") or {}] + d["provenance"].get(s, {}).get("others", []))]' <"$T/api6.json")" \
    "['owner.gender']"

# Schemes' beneficiary lists: the lists name the schemes availed, over
# credit; the officer sees how each row was matched.
cat >"$T/lists.csv" <<'CSV'
scheme,list_ref,beneficiary_name,enterprise_name,pan,udyam_number,mobile_last4,district,state_code,pincode,sanctioned_on,disbursed_on,amount_rs,purpose
cgtmse,CG-1,Asha Patil,Shakti Textiles,,UDYAM-MH-26-0012345,1234,Pune,27,411001,2025-01-05,2025-02-10,900000,machinery
pmmy,MU-1,Asha Patil,Shakti Textiles,,UDYAM-MH-26-0012345,1234,PUNE,27,,2024-04-10,2024-04-20,500000,working_capital
CSV
"$S" ingest --db "$DB" beneficiary "$T/lists.csv" >/dev/null 2>&1
ok $? "a beneficiary list naming the Pune unit loads"
curl -s -b "$P" "$B/api/v1/enterprises/$PUNE?reason=test" >"$T/api7.json"
is "the lists' schemes are kept over credit's, latest disbursal first, citing the newest row" \
    "$(json 'd["history"]["schemes_availed"], d["provenance"]["history.schemes_availed"]["kept"]["source"], d["provenance"]["history.schemes_availed"]["kept"]["as_of"], d["provenance"]["history.schemes_availed"]["kept"]["feed_row"]["row"], [o["source"] for o in d["provenance"]["history.schemes_availed"]["others"]]' <"$T/api7.json")" \
    "['cgtmse', 'pmmy'] beneficiary 2025-02-10 1 ['credit']"
page "$P" "/officer/enterprises/$PUNE" | grep -q "rows of schemes&#39;* beneficiary lists: 2; the latest, CG-1 of cgtmse, matched by its Udyam number\|rows of schemes' beneficiary lists: 2; the latest, CG-1 of cgtmse, matched by its Udyam number"
ok $? "the officer page says how the list row was matched"

# The same details in Hindi: the words are the page's, the codes stay
page "$P" "/officer/enterprises/$PUNE?lang=hi" >"$T/g6.html"
grep -q 'जन्म वर्ष 1986, प्रशिक्षण रिकॉर्ड ESDP-2025-0101 के अनुसार' "$T/g6.html" \
    && grep -q 'ऋण खाता PN-TL-1, 2025-03 में एनपीए' "$T/g6.html" \
    && grep -q 'क्लस्टर MH-PNE-HANDLOOM में, सदस्य के रूप में' "$T/g6.html"
ok $? "a Hindi page gives the provenance details in Hindi"
page "$A" "/profile?lang=hi" | grep -q 'जन्म वर्ष 1986'
ok $? "and so does the entrepreneur's Hindi profile"
! grep -q 'non-performing\|training record\|returns filed' "$T/g6.html"
ok $? "with no English detail left on the Hindi page"

done_testing
